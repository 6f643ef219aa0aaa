// Teacher pack files: every problem named by file, entry and field; nothing half-read; switched-off entries resolved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { builtinPack } from '../../src/core/builtin-packs';
import { BUILTIN_DE_SOURCES, BUILTIN_SOURCES } from '../../src/core/builtin-sources';
import { parseSourcePack } from '../../src/core/compile';
import { parsePackFile } from '../../src/core/pack-file';
import { compileEffective, installedPack, summarise } from '../../src/core/pack-set';

const ROOT = join(import.meta.dirname, '..', '..');
const builtin = BUILTIN_SOURCES.map((file) => parseSourcePack(JSON.parse(readFileSync(join(ROOT, 'src/data', file), 'utf8')), file));
const builtinDe = BUILTIN_DE_SOURCES.map((file) => parseSourcePack(JSON.parse(readFileSync(join(ROOT, 'src/data', file), 'utf8')), file));
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/packs', name), 'utf8');
const SENTENCE = 'Looting as mobs called for change. The peacekeepers arrived in the turbulent city.';
const loadedWords = (text: string, packs?: ReturnType<typeof compileEffective>) =>
  analyze(text, packs?.en ?? builtinPack()).findings.filter((f) => f.kind === 'loaded').map((f) => f.text);

describe('pack file', () => {
  it('reads a bundle: its parts inherit the header, its counts include the entry it switches off', () => {
    const result = parsePackFile(fixture('class-7b.json'), 'class-7b.json', builtin);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pack).toMatchObject({ id: 'class-7b', version: '1.0.0', language: 'en', name: '7B: reporting on unrest', disable: ['loaded:mob'], labels: ['euphemism', 'whose voice?'] });
    expect(result.pack.parts.map((p) => [p.id, p.kind, p.entries.length])).toEqual([['class-7b.loaded-terms', 'loaded-terms', 2]]);
    expect(installedPack(result.pack, 'class-7b.json', '2026-01-01T00:00:00.000Z', 1).counts).toEqual({ loaded: 2, boilerplate: 0, attribution: 0, sources: 0, disabled: 1 });
  });

  it('names every problem by file, entry and field, and installs nothing', () => {
    const result = parsePackFile(fixture('class-7b-broken.json'), 'class-7b-broken.json', builtin);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.file).toBe('class-7b-broken.json');
    expect(result.problems).toEqual([
      expect.stringMatching(/^class-7b-broken\.json: packs\[0\] \(loaded-terms\) entry "peacekeepers" \(entries\[0\]\), field why: /),
      expect.stringMatching(/^class-7b-broken\.json: packs\[0\] \(loaded-terms\) entry "turbulent" \(entries\[1\]\), field category: /),
      'class-7b-broken.json: disable[0]: no built-in or installed entry has the rule id "loaded:no-such-term"',
    ]);
  });

  it('refuses what is not JSON, an unknown kind, a duplicated id and the built-in id', () => {
    expect(parsePackFile('{"kind": "bundle",', 'a.json', builtin)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^a\.json: not JSON/)] });
    const single = (extra: object) => JSON.stringify({ id: 'x', version: '1.0.0', language: 'en', license: 'MIT', kind: 'loaded-terms', entries: [], ...extra });
    expect(parsePackFile(single({ kind: 'recipes' }), 'b.json', builtin).ok).toBe(false);
    const entry = { id: 'spin', term: 'spin', category: 'loaded-verb', why: 'It frames a statement as manipulation.', alternative: 'said' };
    expect(parsePackFile(single({ entries: [entry, entry] }), 'c.json', builtin)).toMatchObject({
      ok: false,
      problems: ['c.json: entry "spin" (entries[1]), field id: appears twice in this pack'],
    });
    expect(parsePackFile(single({ id: 'builtin.loaded-terms' }), 'd.json', builtin)).toMatchObject({ ok: false, problems: [expect.stringContaining('id: "builtin"')] });
    expect(parsePackFile(single({ entries: [entry] }), 'e.json', builtin).ok).toBe(true);
  });

  it('refuses a term the matcher could never find, or only a part of, and a bundle with two parts of one kind', () => {
    const single = (entries: object[]) => JSON.stringify({ id: 'x', version: '1.0.0', language: 'en', license: 'MIT', kind: 'loaded-terms', entries });
    const entry = (id: string, term: string, forms?: string[]) => ({ id, term, category: 'loaded-verb', why: 'It frames a statement as manipulation.', alternative: 'said', ...(forms ? { forms } : {}) });
    for (const term of ['—', '...', ' ', 'c++', 'AT&T', 'U.S.-backed']) {
      const result = parsePackFile(single([entry('t', term)]), 'p.json', builtin);
      expect(result, term).toMatchObject({ ok: false, problems: [expect.stringMatching(/^p\.json: entry "t" \(entries\[0\]\), field term: a term is words the matcher can find/)] });
    }
    expect(parsePackFile(single([entry('t', 'spin', ['spin!'])]), 'p.json', builtin)).toMatchObject({ ok: false, problems: [expect.stringMatching(/field forms\.0: a term is words/)] });
    for (const term of ['e-mail', 'so-called', 'don’t', 'U.S. officials', 'Путин']) expect(parsePackFile(single([entry('t', term)]), 'p.json', builtin).ok, term).toBe(true);

    // The bundle's language is checked where the teacher wrote it, by the rule its parts follow.
    const header = { kind: 'bundle', id: 'class', version: '1.0.0', license: 'MIT', name: 'Class', packs: [{ kind: 'loaded-terms', entries: [entry('t', 'spin')] }] };
    expect(parsePackFile(JSON.stringify({ ...header, language: 'en-gb' }), 'l.json', builtin)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^l\.json: language: language is a BCP 47 tag/)] });
    expect(parsePackFile(JSON.stringify({ ...header, language: 'en-GB' }), 'l.json', builtin).ok).toBe(true);

    const part = (id: string, term: string) => ({ kind: 'loaded-terms', entries: [entry(id, term)] });
    const bundle = { kind: 'bundle', id: 'class', version: '1.0.0', language: 'en', license: 'MIT', name: 'Class', packs: [part('x', 'peacekeeper'), part('x', 'turbulent')] };
    expect(parsePackFile(JSON.stringify(bundle), 'b.json', builtin)).toMatchObject({
      ok: false,
      problems: ['b.json: packs[1] (loaded-terms): a second loaded-terms part; put its entries in packs[0]'],
    });
  });

  it('names an unsafe or untriggered boilerplate entry by its own id and index, whatever the ids look like', () => {
    const rule = { category: 'promotional', why: 'A promotional line of the site.', alternative: 'none', maxLength: 100, needsCue: false };
    const entries = [
      { ...rule, id: '2', pattern: '^buy now (a+)+$', requires: ['buy now'], examples: ['buy now aa'] },
      { ...rule, id: 'read-more', pattern: '^read more\\b', examples: ['Read more'] },
      { ...rule, id: 'innocent', pattern: '^join us\\b', requires: ['join us'], examples: ['Join us'] },
    ];
    const file = JSON.stringify({ id: 'x', version: '1.0.0', language: 'en', license: 'MIT', kind: 'boilerplate', entries });
    const result = parsePackFile(file, 'p.json', builtin);
    if (result.ok) throw new Error('an unsafe pack was accepted');
    expect(result.problems).toEqual([
      expect.stringMatching(/^p\.json: entry "2" \(entries\[0\]\), field pattern: /),
      expect.stringMatching(/^p\.json: entry "read-more" \(entries\[1\]\): needs "requires", "leading" or "trailing" triggers/),
    ]);
  });

  it('quotes the file name and the kind it was given without their line breaks or direction overrides', () => {
    const forged = 'a.json: looks fine\nteacher.json\u202e';
    const file = JSON.stringify({ id: 'x', version: '1.0.0', language: 'en', license: 'MIT', kind: 'bundle', packs: [{ kind: 'recipes\nOK' }] });
    const result = parsePackFile(file, forged, builtin);
    if (result.ok) throw new Error('a broken pack was accepted');
    expect(result.file).toBe('a.json: looks fine\uFFFDteacher.json\uFFFD');
    expect(result.problems).toEqual([expect.stringMatching(/^a\.json: looks fine\uFFFDteacher\.json\uFFFD: packs\[0\] \(recipes\uFFFDOK\) /)]);
    expect(parsePackFile('{', 'z'.repeat(5_000), builtin)).toMatchObject({ ok: false, file: `${'z'.repeat(199)}…` });
  });

  it('changes what is flagged once compiled after the built-in data, and nothing without it', () => {
    expect(loadedWords(SENTENCE)).toEqual(['mobs']);
    const result = parsePackFile(fixture('class-7b.json'), 'class-7b.json', builtin);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const pack = installedPack(result.pack, 'class-7b.json', '2026-01-01T00:00:00.000Z', 1);
    expect(loadedWords(SENTENCE, compileEffective({ en: builtin }, [pack]))).toEqual(['peacekeepers', 'turbulent']);
    // Switched off: the built-in data again, and no compiled pack to send to pages.
    expect(compileEffective({ en: builtin }, [{ ...pack, enabled: false }])).toBeNull();
  });

  it('lets a later pack override an earlier one by entry id', () => {
    const base = { kind: 'bundle', version: '1.0.0', language: 'en', license: 'MIT' };
    const term = (why: string) => ({ kind: 'loaded-terms', entries: [{ id: 'turbulent', term: 'turbulent', category: 'emotive', why, alternative: 'calm words' }] });
    const first = parsePackFile(JSON.stringify({ ...base, id: 'first', packs: [term('The first pack explains it this way.')] }), 'first.json', builtin);
    const second = parsePackFile(JSON.stringify({ ...base, id: 'second', packs: [term('The second pack explains it otherwise.')] }), 'second.json', builtin);
    if (!first.ok || !second.ok) throw new Error('fixtures');
    const compiled = compileEffective({ en: builtin }, [installedPack(second.pack, 's', '', 2), installedPack(first.pack, 'f', '', 1)]);
    expect(Object.keys(compiled!)).toEqual(['en']);
    expect(analyze('The turbulent city.', compiled!.en!).findings.find((f) => f.text === 'turbulent')?.why).toBe('The second pack explains it otherwise.');
  });

  it('keeps one outlet table for every language: a German pack keeps the outlets, a class outlet is known in German', () => {
    const both = { en: builtin, de: builtinDe };
    const bundle = (language: string, packs: unknown[], disable: string[] = []) =>
      JSON.stringify({ kind: 'bundle', id: `class-${language}`, version: '1.0.0', language, license: 'CC0-1.0', packs, disable });
    const install = (text: string, order: number) => {
      const result = parsePackFile(text, 'class.json', [...builtin, ...builtinDe]);
      if (!result.ok) throw new Error(result.problems.join('\n'));
      return installedPack(result.pack, 'class.json', '2026-01-01T00:00:00.000Z', order);
    };
    const outletsIn = (text: string, packs: ReturnType<typeof compileEffective>, language: 'en' | 'de') =>
      analyze(text, packs![language]!).findings.filter((f) => f.kind === 'attribution').map((f) => f.source?.outlet?.id ?? null);
    const german = 'RT berichtete am Montag, die Lage sei ruhig. Laut Stadtanzeiger blieb der Platz gesperrt.';

    const terms = install(bundle('de', [{ kind: 'loaded-terms', entries: [{ id: 'krawallmacher', term: 'Krawallmacher', category: 'labelling', why: 'Ein Etikett statt einer Beschreibung.', alternative: 'Demonstranten', case: 'exact' }] }]), 1);
    expect(outletsIn(german, compileEffective(both, [terms]), 'de')).toEqual(['rt', null]);

    const local = { id: 'stadtanzeiger', name: 'Stadtanzeiger', aliases: [], domains: ['stadtanzeiger.example'], type: 'commercial', rating: 'no consensus', rationale: 'A local paper the class reads.', provenance: 'The class.' };
    const outlets = install(bundle('en', [{ kind: 'sources', entries: [local] }], ['source:rt']), 2);
    const compiled = compileEffective(both, [terms, outlets]);
    expect(Object.keys(compiled!).sort()).toEqual(['de', 'en']);
    expect(outletsIn(german, compiled, 'de')).toEqual([null, 'stadtanzeiger']);
    expect(outletsIn('The Stadtanzeiger reported a quiet day.', compiled, 'en')).toEqual(['stadtanzeiger']);
  });

  it('refuses an outlet whose provenance address is not https: the popup makes it a link', () => {
    const sources = (provenanceUrl: string) =>
      JSON.stringify({ id: 'x', version: '1.0.0', language: 'en', license: 'MIT', kind: 'sources', entries: [{ id: 'paper', name: 'The Paper', aliases: [], domains: ['paper.example'], type: 'commercial', rating: 'no consensus', rationale: 'A local paper.', provenance: 'The class.', provenanceUrl }] });
    for (const url of ['javascript:alert(1)', 'http://paper.example/about', 'data:text/html,<b>x</b>', ' https://paper.example/']) {
      expect(parsePackFile(sources(url), 's.json', builtin), url).toMatchObject({ ok: false, problems: [expect.stringMatching(/^s\.json: entry "paper" \(entries\[0\]\), field provenanceUrl: /)] });
    }
    expect(parsePackFile(sources('https://paper.example/about'), 's.json', builtin).ok).toBe(true);
  });

  it('carries the label set a class annotates with, trimmed and once each, and refuses an empty or overlong label', () => {
    const bundle = (labels: unknown) => JSON.stringify({ ...JSON.parse(fixture('class-7b.json')), labels });
    const ok = parsePackFile(bundle([' bias ', 'bias', 'needs a source']), 'labels.json', builtin);
    expect(ok.ok && ok.pack.labels).toEqual(['bias', 'needs a source']);
    const summary = ok.ok ? summarise(installedPack(ok.pack, 'labels.json', '2026-01-01T00:00:00.000Z', 1)) : undefined;
    expect(summary?.labels).toEqual(['bias', 'needs a source']);
    const bad = parsePackFile(bundle(['fine', '  ', 'x'.repeat(81)]), 'labels.json', builtin);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.join('\n')).toMatch(/labels\.1: a label is not empty/);
    expect(bad.problems.join('\n')).toMatch(/labels\.2/);
  });
});
