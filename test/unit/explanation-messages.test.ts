// Our own English explanations are in the UI's catalogues too, so a German-speaking reader reads them in German on an
// English article: the English catalogue must say exactly what the data says, and a teacher's words are never replaced.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { analyzeArticle, builtinPack, builtinPackFor } from '../../src/core/builtin-packs';
import { BUILTIN_SOURCES } from '../../src/core/builtin-sources';
import { parseSourcePack } from '../../src/core/compile';
import { parsePackFile } from '../../src/core/pack-file';
import { compileEffective, installedPack } from '../../src/core/pack-set';
import { alternativeLine, whyLine } from '../../src/ui/names';
import { useLocale } from './locale';

const catalogue = (lang: string) => JSON.parse(readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;
const en = catalogue('en');
const de = catalogue('de');
const say = (key: string, term = '') => en[key]?.message.replaceAll('$1', term);

describe('explanation messages', () => {
  afterAll(() => vi.unstubAllGlobals());

  it('say in English exactly what our data says, for every entry that has them, and exist in German', () => {
    const pack = builtinPack();
    const templated = pack.loaded.entries.filter((entry) => entry.whyMessage !== undefined);
    expect(templated.length).toBeGreaterThan(400);
    for (const entry of templated) {
      expect(say(entry.whyMessage!, entry.term), entry.ruleId).toBe(entry.why);
      if (entry.alternativeMessage) expect(say(entry.alternativeMessage), entry.ruleId).toBe(entry.alternative);
    }
    for (const rule of [...Object.values(pack.attribution.rules), ...pack.boilerplate.rules]) {
      expect(say(rule.whyMessage!), rule.ruleId).toBe(rule.why);
      expect(say(rule.alternativeMessage!), rule.ruleId).toBe(rule.alternative);
    }
    for (const [type, key] of Object.entries(pack.attribution.sourceTypeMessages ?? {})) expect(say(key), type).toBe(pack.attribution.sourceTypes[type as keyof typeof pack.attribution.sourceTypes]);
    // Every entry of ours has its explanation in German: from the catalogue, or its own translation.
    for (const entry of pack.loaded.entries) expect(entry.whyMessage ?? entry.whyTranslations?.de, entry.ruleId).toBeTruthy();
    const keys = Object.keys(en).filter((key) => /^(why|alternative)_(loaded|attribution|boilerplate)_|^source_note_/.test(key));
    expect(keys.length).toBe(61);
    for (const key of keys) expect(de[key]?.message, key).toBeTruthy();
  });

  it('are what a German reader reads on an English article, and a teacher’s own words stay as written', () => {
    useLocale('de');
    const text = 'Protests were quickly hijacked by radical elements as mobs called for regime change, RT International reports.';
    const findings = analyze(text, builtinPack()).findings;
    const appalling = analyze('The appalling scenes were astonishing.', builtinPack()).findings;
    expect(whyLine(appalling[0]!)).toBe('„appalling“ sagt dem Leser, was er fühlen soll, statt was geschah; emotionale Wörter im Erzähltext drängen eine Reaktion auf.');
    expect(alternativeLine(appalling[1]!)).toBe('Stattdessen: beschreiben, was es ist oder tut; Belege für das Lob nennen');
    // An entry with an explanation of its own carries it in German.
    const mobs = findings.find((f) => f.text === 'mobs')!;
    expect(whyLine(mobs)).toMatch(/^„Mob“ /);
    const attribution = findings.find((f) => f.kind === 'attribution')!;
    expect(whyLine(attribution)).toMatch(/^Eine Aussage wird .+ Die Quelle ist ein staatsnahes Medium/);
    expect(alternativeLine(attribution)).toMatch(/^Fragen: /);

    const builtin = BUILTIN_SOURCES.map((file) => parseSourcePack(JSON.parse(readFileSync(new URL(`../../src/data/${file}`, import.meta.url), 'utf8')), file));
    const own = { id: 'mob', term: 'mob', inflect: 'noun', category: 'labelling', why: 'Our class calls this a label for a crowd.', alternative: 'crowd' };
    const file = JSON.stringify({ kind: 'bundle', id: 'class-7b', version: '1.0.0', language: 'en', license: 'CC0-1.0', packs: [{ kind: 'loaded-terms', entries: [own] }] });
    const result = parsePackFile(file, 'class.json', builtin);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const packs = compileEffective({ en: builtin }, [installedPack(result.pack, 'class.json', '2026-01-01T00:00:00.000Z', 1)]);
    const taught = analyze(text, packs!.en!).findings.find((f) => f.text === 'mobs')!;
    expect(whyLine(taught)).toBe('Our class calls this a label for a crowd.');
    // The other entries of our data are still said in German.
    expect(whyLine(analyze(text, packs!.en!).findings.find((f) => f.text === 'hijacked')!)).toMatch(/^„Hijacked“ /);
  });

  it('of our German pack are what an English reader reads on a German article, and a German reader reads the pack’s own', () => {
    const text = 'Die Opposition führe eine Hetzkampagne. „Wir bleiben hart“, sagte Innenminister Klaus Berger am Montag.';
    const findings = analyzeArticle(text, 'de').findings;
    const attribution = findings.find((f) => f.kind === 'attribution')!;
    const loaded = findings.find((f) => f.text === 'Hetzkampagne')!;
    expect(attribution.messages?.language).toBe('de');

    useLocale('en');
    expect(attribution.messages?.why[1]).toBe('source_note_government');
    expect(whyLine(attribution)).toBe(attribution.messages!.why.map((key) => say(key)).join(' '));
    expect(whyLine(attribution)).toMatch(/^A .+ The source is a government or an official/);
    expect(alternativeLine(attribution)).toBe(say(attribution.messages!.alternative!));
    expect(alternativeLine(attribution)).toMatch(/^Ask: /);
    expect(whyLine(loaded)).toMatch(/^“Hetzkampagne”/);
    // The words to use instead stay in the article's language (this entry's end in a question).
    expect(alternativeLine(loaded)).toBe(`Ask: ${loaded.alternative}`);

    useLocale('de');
    expect(whyLine(attribution)).toBe(attribution.why);
    // „…“, sagte X: the speaker of a quotation, as in English.
    expect(attribution.ruleId).toBe('attribution:quote-speaker');
    expect(attribution.why).toMatch(/^Ein Zitat wird seinem Sprecher zugeschrieben\. Die Quelle ist eine Regierung/);
    expect(alternativeLine(attribution)).toBe(attribution.alternative);
    expect(whyLine(loaded)).toBe(loaded.why);

    // Every rule, note and term of the German pack has its English words.
    const pack = builtinPackFor('de')!;
    for (const rule of Object.values(pack.attribution.rules)) for (const key of [rule.whyMessage, rule.alternativeMessage]) expect(en[key!]?.message, rule.ruleId).toBeTruthy();
    for (const type of Object.keys(pack.attribution.sourceTypes)) expect(en[pack.attribution.sourceTypeMessages![type as keyof typeof pack.attribution.sourceTypes]!]?.message, type).toBeTruthy();
    for (const entry of pack.loaded.entries) expect(entry.whyTranslations?.en, entry.ruleId).toBeTruthy();
    expect(pack.boilerplate.rules.length).toBeGreaterThan(10);
    for (const rule of pack.boilerplate.rules) for (const key of [rule.whyMessage, rule.alternativeMessage]) expect(en[key!]?.message, rule.ruleId).toBeTruthy();
  });

  it('of our German promotional lines are the English rule’s for an English reader, and the pack’s own German for a German one', () => {
    const text = 'Der Stadtrat hat am Dienstag über die neue Linie beraten, sagte der Bürgermeister.\nFolgen Sie uns auf Instagram und Facebook.';
    const promo = analyzeArticle(text, 'de').findings.find((f) => f.kind === 'boilerplate')!;
    expect(promo).toMatchObject({ text: 'Folgen Sie uns auf Instagram und Facebook.', ruleId: 'boilerplate:join-follow' });
    useLocale('en');
    expect(whyLine(promo)).toBe(say('why_boilerplate_join_follow'));
    expect(whyLine(promo)).toMatch(/^An invitation to join or follow the site/);
    useLocale('de');
    expect(whyLine(promo)).toBe(promo.why);
    expect(promo.why).toMatch(/^Eine Einladung, der Website/);
    expect(alternativeLine(promo)).toBe(promo.alternative);
  });
});
