// Lints the shipped rule packs like data, not code: valid shapes, unique ids, explanations everywhere, examples that prove each pattern.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyLine } from '../../src/core/boilerplate';
import { BUILTIN_SOURCES } from '../../src/core/builtin-sources';
import {
  parseSourcePack,
  phraseWords,
  SOURCE_TYPES,
  unsafePattern,
  type AttributionSource,
  type BoilerplateSource,
  type LoadedTermsSource,
  type SourcePack,
  type SourcesSource,
} from '../../src/core/compile';
import { surfaceForms } from '../../src/core/inflect';
import { builtinPack, builtinPackFor } from '../../src/core/builtin-packs';

const dataDir = new URL('../../src/data/', import.meta.url);
const packs = new Map<string, SourcePack>(BUILTIN_SOURCES.map((file) => [file, parseSourcePack(JSON.parse(readFileSync(new URL(file, dataDir), 'utf8')), file)]));
const loaded = packs.get('loaded-terms.json') as LoadedTermsSource;
const boilerplate = packs.get('boilerplate.json') as BoilerplateSource;
const attribution = packs.get('attribution.json') as AttributionSource;
const sources = packs.get('sources.json') as SourcesSource;
const licenses = readFileSync(new URL('LICENSES.md', dataDir), 'utf8');

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

describe('every pack', () => {
  it.each([...packs.entries()])('%s has a header, unique entry ids and a license named in LICENSES.md', (file, pack) => {
    expect(pack.language).toBe('en');
    expect(duplicates(pack.entries.map((entry) => entry.id))).toEqual([]);
    expect(licenses).toContain(`\`${file}\``);
    expect(licenses).toContain(pack.license.replace(/-/g, ' ').replace('CC BY SA', 'CC BY-SA'));
  });
});

describe('loaded-terms.json', () => {
  it('has several hundred entries, sorted by id', () => {
    expect(loaded.entries.length).toBeGreaterThanOrEqual(300);
    const ids = loaded.entries.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('gives every entry a one-sentence why and an alternative', () => {
    for (const entry of loaded.entries) {
      expect(entry.why, entry.id).toMatch(/^\S.*[.?!]$/);
      expect(entry.why.split(/[.?!]\s/).length, `${entry.id}: one sentence`).toBe(1);
      expect(entry.alternative.trim().length, entry.id).toBeGreaterThan(2);
    }
  });

  it('has no surface form (after inflection) claimed by two entries', () => {
    const forms = loaded.entries.flatMap((entry) =>
      [...new Set([...surfaceForms(entry.term, entry.inflect ?? 'none'), ...(entry.forms ?? [])])].map((form) => phraseWords(form).join(' ')),
    );
    expect(duplicates(forms)).toEqual([]);
  });

  it('writes context words as they are matched (lowercase token norms)', () => {
    for (const entry of loaded.entries) {
      for (const word of [...(entry.exceptNext ?? []), ...(entry.exceptPrev ?? [])]) expect(phraseWords(word).join(' '), entry.id).toBe(word);
    }
  });

  it.each(['unrest', 'protest', 'protests', 'violence', 'looting', 'security', 'concessions', 'regime', 'massive', 'mass protests', 'regime change', 'peacekeepers', 'militants', 'crisis'])(
    'keeps the neutral news word %j out of the lexicon',
    (word) => {
      const forms = new Set(loaded.entries.flatMap((entry) => [...surfaceForms(entry.term, entry.inflect ?? 'none'), ...(entry.forms ?? [])]));
      expect(forms.has(word)).toBe(false);
    },
  );
});

describe('boilerplate.json', () => {
  const pack = builtinPack();
  it.each(boilerplate.entries.map((entry) => [entry.id, entry] as const))('%s: pattern is safe, examples fire it, counter-examples fire nothing', (_id, entry) => {
    expect(unsafePattern(entry.pattern)).toBeUndefined();
    expect(entry.why).toMatch(/[.?!]$/);
    for (const example of entry.examples) {
      expect(example.length, example).toBeLessThanOrEqual(entry.maxLength);
      expect(classifyLine(example, pack)?.ruleId, example).toBe(`boilerplate:${entry.id}`);
    }
    for (const counter of entry.counterExamples ?? []) expect(classifyLine(counter, pack)?.ruleId, counter).toBeUndefined();
  });
});

describe('de/boilerplate.json', () => {
  const german = parseSourcePack(JSON.parse(readFileSync(new URL('de/boilerplate.json', dataDir), 'utf8')), 'de/boilerplate.json') as BoilerplateSource;
  const pack = builtinPackFor('de')!;
  const english = new Map(boilerplate.entries.map((entry) => [entry.id, entry.category]));

  it('is German, licensed, and says what an English rule of the same id and category says (the catalogue keys are the English rule’s)', () => {
    expect(german.language).toBe('de');
    expect(licenses).toContain('`de/boilerplate.json`');
    expect(duplicates(german.entries.map((entry) => entry.id))).toEqual([]);
    for (const entry of german.entries) expect(english.get(entry.id), entry.id).toBe(entry.category);
  });

  it.each(german.entries.map((entry) => [entry.id, entry] as const))('%s: pattern is safe, examples fire it, counter-examples fire nothing', (_id, entry) => {
    expect(unsafePattern(entry.pattern)).toBeUndefined();
    for (const example of entry.examples) {
      expect(example.length, example).toBeLessThanOrEqual(entry.maxLength);
      expect(classifyLine(example, pack)?.ruleId, example).toBe(`boilerplate:${entry.id}`);
    }
    for (const counter of entry.counterExamples ?? []) expect(classifyLine(counter, pack)?.ruleId, counter).toBeUndefined();
  });
});

describe('attribution.json', () => {
  it('defines every rule the detector emits, with a why and a question', () => {
    expect(attribution.entries.map((rule) => rule.id).sort()).toEqual(['according-to', 'inverted-verb', 'passive-agent', 'quote-speaker', 'relative-clause', 'reporting-verb']);
    for (const rule of attribution.entries) expect(rule.alternative, rule.id).toMatch(/\?$/);
  });

  it('has a note for every source type', () => {
    expect(Object.keys(attribution.sourceTypes ?? {}).sort()).toEqual([...SOURCE_TYPES].sort());
  });

  it('writes verbs and word lists in lowercase without duplicates', () => {
    for (const [name, words] of Object.entries(attribution.lexicon ?? {})) {
      expect(duplicates(words), name).toEqual([]);
      for (const word of words) expect(word, name).toBe(word.toLowerCase());
    }
    const forms = (attribution.verbs ?? []).flatMap((verb) => verb.forms);
    expect(duplicates(forms)).toEqual([]);
    for (const verb of attribution.verbs ?? []) for (const form of verb.ambiguous ?? []) expect(verb.forms.concat(verb.base)).toContain(form);
  });
});

describe('sources.json', () => {
  it('covers at least 60 outlets, sorted by id', () => {
    expect(sources.entries.length).toBeGreaterThanOrEqual(60);
    const ids = sources.entries.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('never lists a domain or an alias twice', () => {
    expect(duplicates(sources.entries.flatMap((entry) => entry.domains))).toEqual([]);
    const names = sources.entries.flatMap((entry) => [entry.name, ...entry.aliases]).map((name) => (name.length <= 4 && name === name.toUpperCase() ? name : name.toLowerCase()));
    expect(duplicates(names)).toEqual([]);
  });

  it('gives every entry its rationale in German, and its owner where it has one', () => {
    for (const entry of sources.entries) {
      const german = entry.translations?.de;
      expect(german?.rationale, entry.id).toMatch(/[.]$/);
      expect(german?.rationale, entry.id).not.toBe(entry.rationale);
      expect(german?.owner === undefined, entry.id).toBe(entry.owner === undefined);
    }
  });

  it('gives every entry a rationale and a provenance that names its source and license', () => {
    for (const entry of sources.entries) {
      expect(entry.rationale, entry.id).toMatch(/[.]$/);
      expect(entry.provenance, entry.id).toMatch(/Wikipedia|OpenSources/);
      expect(entry.provenance, entry.id).toMatch(/CC BY-SA 4\.0|OpenSources/);
      expect(`${entry.rationale} ${entry.provenance}`, entry.id).not.toMatch(/NewsGuard|Media Bias|MBFC|Ad Fontes/i);
    }
  });

  it.each([
    ['rt', 'Russia', 'deprecated'],
    ['sputnik', 'Russia', 'deprecated'],
    ['tass', 'Russia', undefined],
    ['cgtn', 'China', 'deprecated'],
    ['xinhua', 'China', undefined],
    ['press-tv', 'Iran', 'deprecated'],
    ['al-jazeera', 'Qatar', undefined],
  ])('marks %s as state-affiliated with its state', (id, country, rating) => {
    const entry = sources.entries.find((e) => e.id === id)!;
    expect(entry).toMatchObject({ type: 'state-affiliated', country });
    if (rating !== undefined) expect(entry.rating).toBe(rating);
  });

  it.each([
    ['bbc', 'public-broadcaster'],
    ['reuters', 'wire'],
    ['ap', 'wire'],
    ['afp', 'wire'],
    ['nytimes', 'commercial'],
    ['guardian', 'commercial'],
    ['fox-news', 'commercial'],
    ['infowars', 'unreliable'],
    ['the-onion', 'satire'],
    ['daily-mail', 'commercial'],
    ['21st-century-wire', 'unreliable'],
  ])('has %s as %s', (id, type) => {
    expect(sources.entries.find((e) => e.id === id)?.type).toBe(type);
  });

  it('names every provenance source in LICENSES.md', () => {
    for (const needle of ['Perennial sources', 'Words to watch', 'OpenSources', 'Public Suffix List', 'Readability']) expect(licenses).toContain(needle);
  });
});
