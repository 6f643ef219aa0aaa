// The reference article (../shared/seeds): every flag the developers' guide names, and nothing on its neutral sentences.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { builtinPack } from '../../src/core/builtin-packs';

// The seed lives beside the repository, in ../shared (see DESIGN.md); one line is one block.
const SEED = new URL('../../../shared/seeds/000_4e4b098dba0c21ca.txt', import.meta.url);
const present = existsSync(SEED);
if (!present) console.warn(`detect-seed: ${SEED.pathname} not found (no ../shared beside the repository): the seed article's tests are skipped.`);
const text = present ? readFileSync(SEED, 'utf8').replace(/\n+$/, '') : '';
const analysis = analyze(text, builtinPack());
const lines = text.split('\n');
const of = (kind: string) => analysis.findings.filter((f) => f.kind === kind);

describe.skipIf(!present)('seed article', () => {
  it('finds exactly the expected attributions, with source spans and types', () => {
    expect(
      of('attribution').map((f) => ({ cue: f.text, source: f.source?.text, type: f.source?.type, outlet: f.source?.outlet?.id, antecedent: f.source?.antecedent?.text })),
    ).toEqual([
      { cue: 'RT International reports', source: 'RT International', type: 'state-affiliated', outlet: 'rt', antecedent: undefined },
      { cue: 'the Kremlin has confirmed', source: 'the Kremlin', type: 'government', outlet: undefined, antecedent: undefined },
      {
        cue: 'announced by the office of Armenian Prime Minister Nikol Pashinyan',
        source: 'the office of Armenian Prime Minister Nikol Pashinyan',
        type: 'government',
        outlet: undefined,
        antecedent: undefined,
      },
      { cue: 'confirmed by Kremlin spokesman Dmitry Peskov', source: 'Kremlin spokesman Dmitry Peskov', type: 'government', outlet: undefined, antecedent: undefined },
      { cue: 'he said', source: 'he', type: 'government', outlet: undefined, antecedent: 'Kremlin spokesman Dmitry Peskov' },
      { cue: 'according to Peskov', source: 'Peskov', type: 'government', outlet: undefined, antecedent: undefined },
      { cue: 'He stated', source: 'He', type: 'government', outlet: undefined, antecedent: 'Kazakh President Kassym-Jomart Tokayev' },
    ]);
  });

  it('gives the RT outlet its table entry: state-affiliated, Russia, deprecated', () => {
    const rt = of('attribution')[0]!.source!.outlet!;
    expect(rt).toMatchObject({ id: 'rt', type: 'state-affiliated', country: 'Russia', rating: 'deprecated' });
    expect(rt.provenance).toMatch(/Perennial sources/);
  });

  it('flags exactly the last three lines as boilerplate, each as a whole block', () => {
    const boilerplate = of('boilerplate');
    expect(boilerplate.map((f) => f.text)).toEqual(lines.slice(-3));
    expect(boilerplate.map((f) => f.ruleId)).toEqual(['boilerplate:read-more', 'boilerplate:donation-appeal', 'boilerplate:join-follow']);
    const promotional = lines.slice(-3).join('').length;
    expect(analysis.promotionalShare).toBeCloseTo(promotional / lines.join('').length, 5);
  });

  it('flags hijacked, radical elements and mobs in narration, and “terrorists” as quoted', () => {
    expect(of('loaded').map((f) => [f.text, f.quoted ?? false])).toEqual([
      ['hijacked', false],
      ['radical elements', false],
      ['mobs', false],
      ['terrorists', true],
    ]);
    const terrorists = of('loaded')[3]!;
    expect(terrorists.quoted).toBe(true);
    expect(terrorists.ruleId).toBe('loaded:terrorist');
    expect(of('loaded')[2]!.why).not.toMatch(/quoted/i);
  });

  it('counts the ledger by source type', () => {
    expect(analysis.ledger).toEqual({
      'news-outlet': 0,
      'state-affiliated': 1,
      government: 6,
      anonymous: 0,
      'expert-or-organisation': 0,
      'wire-service': 0,
      unknown: 0,
    });
  });

  it.each([
    'His request was granted, with the deployment of peacekeepers from Russia and other member states beginning the next day.',
    'The peacekeepers arrived in Almaty, the focal point of the unrest, to guard the airport and other key infrastructure in the city of around 2 million people.',
    'The situation has calmed over the last 24 hours, as law enforcement regroup and the capital accepts Russian-led CSTO reinforcements including military units from former Soviet Republics of Belarus and Armenia.',
    'Unable to cope with the unrest, Kazakh police and government security services quickly lost control of the situation, effectively bringing the government and civil agencies to a standstill for 72 hours.',
    'Following a week of mass protests and unrest following massive gas and fuel price hikes, Kazakhstan’s President Kassym-Jomart Tokayev has requested the help of the region’s Collective Security Treaty Organization (CSTO) coalition to provide security assistance.',
  ])('has no finding at all on the neutral sentence: %s', (sentence) => {
    const start = text.indexOf(sentence);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = start + sentence.length;
    expect(analysis.findings.filter((f) => f.start < end && f.end > start)).toEqual([]);
    expect(analyze(sentence, builtinPack()).findings).toEqual([]);
  });
});
