// The compiled pack: the committed builtin.json equals a fresh compile, and teacher packs can add, override and switch off rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { builtinPack } from '../../src/core/builtin-packs';
import { BUILTIN_SOURCES, compileBuiltin, serialiseCompiled } from '../../src/core/builtin-sources';
import { compilePacks, PackError, parseSourcePack, unsafePattern, type SourcePack } from '../../src/core/compile';
import { lookupOutletName } from '../../src/core/sources';

const dataDir = new URL('../../src/data/', import.meta.url);
const raw = BUILTIN_SOURCES.map((file) => JSON.parse(readFileSync(new URL(file, dataDir), 'utf8')) as unknown);
const builtinSources = raw.map((json, i) => parseSourcePack(json, BUILTIN_SOURCES[i]));

describe('compiled/builtin.ts', () => {
  it('is exactly what scripts/compile-packs.ts would write now (regenerate it if this fails)', () => {
    const committed = readFileSync(new URL('compiled/builtin.ts', dataDir), 'utf8');
    expect(committed === serialiseCompiled(compileBuiltin(raw)), 'src/data/compiled/builtin.ts is stale: run scripts/compile-packs.ts').toBe(true);
  });

  it('holds the lexicon as a token trie, with no regex built from the term list', () => {
    const pack = compileBuiltin(raw);
    expect(pack.loaded.trie.c?.['mobs']).toBeDefined();
    expect(pack.loaded.trie.c?.['radical']?.c?.['elements']?.t).toBeDefined();
    expect(JSON.stringify(pack.loaded)).not.toMatch(/\\\\b/);
  });
});

const teacherPack = (entries: unknown[], kind = 'loaded-terms'): SourcePack =>
  parseSourcePack({ id: 'class.pack', version: '1.0.0', language: 'en', license: 'CC0-1.0', kind, entries }, 'teacher pack');

describe('teacher packs', () => {
  it('add, override and switch off entries by id', () => {
    const pack = compilePacks(
      [
        ...builtinSources,
        teacherPack([
          { id: 'mob', term: 'mob', category: 'labelling', why: 'Our class treats this as a label worth discussing.', alternative: 'crowd', disabled: true },
          { id: 'hijack', term: 'hijack', category: 'loaded-verb', inflect: 'verb', why: 'Class note: who took over, and how do we know?', alternative: 'taken over?' },
          { id: 'unrest', term: 'unrest', category: 'vague', why: 'Class note: unrest says little about what people did.', alternative: 'protests, strikes, clashes' },
        ]),
      ],
      { id: 'class', version: '1.0.0', license: 'mixed' },
    );
    const found = analyze('Mobs caused unrest after the protest was hijacked.', pack).findings.filter((f) => f.kind === 'loaded');
    expect(found.map((f) => [f.text, f.why.slice(0, 11)])).toEqual([
      ['unrest', 'Class note:'],
      ['hijacked', 'Class note:'],
    ]);
  });

  it('can add an outlet the lookups then find', () => {
    const pack = compilePacks(
      [
        ...builtinSources,
        teacherPack(
          [{ id: 'town-crier', name: 'Town Crier', aliases: [], domains: ['towncrier.example'], type: 'commercial', rating: 'not rated', rationale: 'Our local paper, added by the class.', provenance: 'Added by the teacher for this class.' }],
          'sources',
        ),
      ],
      { id: 'class', version: '1.0.0', license: 'mixed' },
    );
    expect(lookupOutletName('Town Crier', pack)?.id).toBe('town-crier');
    expect(lookupOutletName('Town Crier', builtinPack())).toBeUndefined();
  });

  it('can bring cue words of its own for its promotional lines, which add to ours', () => {
    const rule = { id: 'class-raffle', category: 'class-promo', why: 'Our class marks the school raffle as promotion.', alternative: 'Skip it.', pattern: '\\braffle\\b', maxLength: 120, needsCue: true, requires: ['raffle'], examples: ['Enter our raffle today'] };
    const withCue = (cues?: Record<string, string[]>) =>
      compilePacks(
        [...builtinSources, parseSourcePack({ id: 'class.pack', version: '1.0.0', language: 'en', license: 'CC0-1.0', kind: 'boilerplate', ...(cues ? { cues } : {}), entries: [rule] }, 'teacher pack')],
        { id: 'class', version: '1.0.0', license: 'mixed' },
      );
    const line = 'Win the raffle for a bike.';
    const promo = (pack: ReturnType<typeof compilePacks>) => analyze(line, pack).findings.filter((f) => f.kind === 'boilerplate').map((f) => f.ruleId);
    expect(promo(withCue())).toEqual([]);
    const cued = withCue({ imperatives: ['win'], fillers: [], firstPersonPlural: [], reported: [] });
    expect(promo(cued)).toEqual(['boilerplate:class-raffle']);
    expect(cued.boilerplate.cues.imperatives).toEqual(expect.arrayContaining(['join', 'win']));
  });

  it('rejects malformed packs with the path of every problem', () => {
    expect(() => teacherPack([{ id: 'Bad Id', term: '', category: 'nonsense' }])).toThrowError(PackError);
    try {
      teacherPack([{ id: 'x', term: 'x', category: 'nonsense', why: 'short', alternative: '' }]);
    } catch (error) {
      expect((error as PackError).problems.join('\n')).toMatch(/entries\.0\.category/);
    }
  });

  it.each(['(a+)+$', '(a*)*b', '(?:\\w+\\s?)+$', '(x|y)\\1', '[unclosed'])('rejects the unsafe boilerplate pattern %s', (pattern) => {
    expect(unsafePattern(pattern)).toBeDefined();
    expect(() =>
      teacherPack([{ id: 'bad', category: 'x', why: 'A pattern that could hang the page.', alternative: 'none', pattern, maxLength: 100, needsCue: false, examples: ['aaaa'] }], 'boilerplate'),
    ).toThrowError(PackError);
  });

  it.each(['^read more\\b', '\\b(?:join|follow)\\b.{0,40}\\btelegram\\b', '\\s[|•·]\\s', '(?:ab){2,3}'])('accepts the bounded pattern %s', (pattern) => {
    expect(unsafePattern(pattern)).toBeUndefined();
  });

  it('refuses a boilerplate pattern without triggers, or whose triggers miss one of its examples', () => {
    const rule = { id: 'promo', category: 'x', why: 'A promotional line of the site.', alternative: 'none', pattern: '\\bjoin us\\b', maxLength: 100, needsCue: false };
    const problems = (entries: object[]) => {
      try {
        teacherPack(entries, 'boilerplate');
        return [];
      } catch (error) {
        return (error as PackError).problems;
      }
    };
    expect(problems([{ ...rule, examples: ['Join us today'] }]).join('\n')).toMatch(/entries\.0: needs "requires", "leading" or "trailing" triggers/);
    expect(problems([{ ...rule, requires: ['join us'], examples: ['Join us today', 'JOIN US'] }])).toEqual([]);
    expect(problems([{ ...rule, leading: ['join'], examples: ['Join us today', 'Please join us'] }])).toEqual([
      'entries.0.examples.1: contains none of the triggers, so the pattern would never see it',
    ]);
  });
});
