import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORPHAN_REASON } from '../../src/core/anchor';
import { alternativeLine, categoryName, countryName, kindName, NO_ARTICLE_REASON, orphanReasonText, outletFacts, outletRationale, sourceLine, sourceTypeName, verdictLine } from '../../src/ui/names';

import { useLocale } from './locale';

describe('alternativeLine (English)', () => {
  beforeAll(() => useLocale('en'));
  afterAll(() => vi.unstubAllGlobals());

  it('offers a neutral word for a loaded term and a question otherwise, without repeating a prefix the data has', () => {
    expect(alternativeLine({ kind: 'loaded', alternative: 'crowds' })).toBe('Instead: crowds');
    expect(alternativeLine({ kind: 'loaded', alternative: 'Who says they are violent?' })).toBe('Ask: Who says they are violent?');
    expect(alternativeLine({ kind: 'attribution', alternative: 'Ask: is this source in a position to know?' })).toBe('Ask: is this source in a position to know?');
    // A promotional line's advice is its own sentence: no "Ask:" before it.
    expect(alternativeLine({ kind: 'boilerplate', alternative: 'Not part of the report: skip it.' })).toBe('Not part of the report: skip it.');
    expect(alternativeLine({ kind: 'attribution', alternative: 'is the source named?' })).toBe('Ask: is the source named?');
    expect(alternativeLine({ kind: 'boilerplate', alternative: '  ' })).toBeNull();
  });

  it('names the speaker a pronoun source was taken to be, whose type it carries', () => {
    expect(sourceLine({ text: 'Peskov', type: 'government' })).toBe('Source: Peskov — government or official');
    const he = { text: 'he', type: 'government' as const, antecedent: { text: 'Kremlin spokesman Dmitry Peskov', start: 0, end: 31 } };
    expect(sourceLine(he)).toBe('Source: he (taken to be Kremlin spokesman Dmitry Peskov, named earlier) — government or official');
    const long = sourceLine({ ...he, antecedent: { text: 'x'.repeat(300), start: 0, end: 300 } });
    expect(long).toContain(`${'x'.repeat(99)}…,`);
    expect(long.length).toBeLessThan(200);
  });

  it('keeps an outlet’s own rationale in English when it has a German one', () => {
    expect(outletRationale({ rationale: 'Generally reliable.', translations: { de: { rationale: 'Im Allgemeinen zuverlässig.' } } })).toBe('Generally reliable.');
  });

  it('names a verdict by its flag’s kind and where it holds, not by the rule id readers never see', () => {
    expect(verdictLine({ ruleId: 'loaded:mobs', verdict: 'confirmed', scope: 'page' }, 'news.example')).toBe('Flag confirmed: Loaded term');
    expect(verdictLine({ ruleId: 'attribution:according-to', verdict: 'dismissed', scope: 'site' }, 'news.example')).toBe('Flag dismissed on the site news.example: Attribution');
    expect(verdictLine({ ruleId: 'boilerplate:read-more', verdict: 'dismissed', scope: 'everywhere' }, 'news.example')).toBe('Flag dismissed everywhere: Promotional');
    expect(verdictLine({ ruleId: 'loaded:x', verdict: 'dismissed', scope: 'page' }, 'news.example')).toBe('Flag dismissed on this page only: Loaded term');
    // An imported record's rule id of no known kind is shown as it is.
    expect(verdictLine({ ruleId: 'class-7b:spin', verdict: 'confirmed', scope: 'page' }, 'news.example')).toBe('Flag confirmed: class-7b:spin');
  });
});

describe('names in German', () => {
  beforeAll(() => useLocale('de'));
  afterAll(() => vi.unstubAllGlobals());

  it('come from the German messages, and a German pack’s own "Fragen:" prefix is kept', () => {
    expect(kindName('loaded')).toBe('Wertender Begriff');
    expect(sourceTypeName('wire-service')).toBe('Nachrichtenagentur');
    expect(outletFacts({ type: 'state-affiliated', country: 'Russland', owner: 'der Staat' })).toBe('staatsnah, Russland, Eigentümer: der Staat');
    // The data names countries in English: they are said in German, also where CLDR spells them otherwise; a name no one knows stays as written.
    expect(outletFacts({ type: 'state-affiliated', country: 'Russia' })).toBe('staatsnah, Russland');
    expect(countryName('United Kingdom')).toBe('Vereinigtes Königreich');
    expect(countryName('Turkey')).toBe('Türkei');
    expect(countryName('China (Hong Kong)')).toMatch(/Hongkong/);
    expect(countryName('Atlantis')).toBe('Atlantis');
    expect(countryName('constructor')).toBe('constructor');
    expect(alternativeLine({ kind: 'loaded', alternative: 'Rundfunkbeitrag' })).toBe('Stattdessen: Rundfunkbeitrag');
    expect(alternativeLine({ kind: 'attribution', alternative: 'Fragen: Wer ist die Quelle?' })).toBe('Fragen: Wer ist die Quelle?');
    expect(verdictLine({ ruleId: 'loaded:mobs', verdict: 'dismissed', scope: 'site' }, 'news.example')).toBe('Markierung auf der Website news.example verworfen: Wertender Begriff');
    expect(sourceLine({ text: 'er', type: 'government', antecedent: { text: 'Kanzler Scholz', start: 0, end: 14 } })).toBe('Quelle: er (vermutlich Kanzler Scholz, zuvor genannt) — Regierung oder Behörde');
  });

  it('give an outlet’s rationale and owner in German where its entry has them, else as the data has them', () => {
    const outlet = {
      type: 'public-broadcaster',
      country: 'Germany',
      owner: 'Federal Republic of Germany (publicly funded)',
      rationale: 'Generally reliable.',
      translations: { de: { rationale: 'Im Allgemeinen zuverlässig.', owner: 'Bundesrepublik Deutschland (öffentlich finanziert)' } },
    };
    expect(outletRationale(outlet)).toBe('Im Allgemeinen zuverlässig.');
    expect(outletFacts(outlet)).toBe('öffentlich-rechtlich, Deutschland, Eigentümer: Bundesrepublik Deutschland (öffentlich finanziert)');
    // A translation without an owner keeps the data's; no translation, or only one under an inherited key, keeps both.
    expect(outletFacts({ ...outlet, translations: { de: { rationale: 'x' } } })).toMatch(/Eigentümer: Federal Republic of Germany/);
    expect(outletRationale({ rationale: 'Generally reliable.' })).toBe('Generally reliable.');
    expect(outletRationale({ rationale: 'Generally reliable.', translations: Object.create({ de: { rationale: 'geerbt' } }) as Record<string, { rationale: string }> })).toBe('Generally reliable.');
  });

  it('translate categories and the reasons a note was not found again, and leave unknown ones as the data names them', () => {
    expect(categoryName({ kind: 'attribution', category: 'government' })).toBe('Regierung oder Behörde');
    expect(categoryName({ kind: 'loaded', category: 'loaded-verb' })).toBe('wertendes Verb');
    expect(categoryName({ kind: 'boilerplate', category: 'donation' })).toBe('Spendenaufruf');
    expect(categoryName({ kind: 'boilerplate', category: 'class-7b-own' })).toBe('class-7b-own');
    expect(orphanReasonText(ORPHAN_REASON.gone)).toBe('die Stelle steht nicht mehr im Artikel');
    expect(orphanReasonText(NO_ARTICLE_REASON)).toBe('auf dieser Seite wurde kein Artikel gefunden');
    expect(orphanReasonText('something new')).toBe('something new');
  });
});
