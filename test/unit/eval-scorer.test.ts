// The detection scorer: how labels are located in the text, the match rule per kind, and the counts it reports.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings';
import { findWhole, locateLabels, parseLabelFile, sameSource, scorePage, scores, type LabelFile } from '../../scripts/eval-detection';

const text = [
  'Kremlin spokesman Dmitry Peskov said the talks would start. “Yes,” he said.',
  'Protesters were called thugs by the governor, he said.',
  'SIGN UP FOR OUR NEWSLETTER',
  'Follow us on Twitter',
].join('\n');

const labels: LabelFile = {
  page: 'synthetic',
  note: 'A synthetic page for the scorer tests.',
  attributions: [
    { source: 'Kremlin spokesman Dmitry Peskov', type: 'government', context: 'Kremlin spokesman Dmitry Peskov said' },
    { source: 'he', type: 'government', context: 'he said.' },
    { source: 'he', type: 'government', context: 'he said.' },
  ],
  boilerplate: [{ text: 'SIGN UP' }, { text: 'Follow us' }],
  loaded: [{ term: 'thugs', context: 'called thugs' }],
  fine: [{ term: 'talks', context: 'the talks would start', why: 'plain' }],
};

const at = (needle: string, from = 0) => text.indexOf(needle, from);
const attribution = (source: string, start: number, type: Finding['category'] = 'government'): Finding => ({
  kind: 'attribution',
  start,
  end: start + source.length + 5,
  text: source,
  ruleId: 'attribution:reporting-verb',
  why: '',
  source: { text: source, start, end: start + source.length, type: type as never },
});

describe('locating labels', () => {
  it('finds each context after the previous one of its kind, and the word inside it', () => {
    const located = locateLabels(labels, text);
    expect(located.errors).toEqual([]);
    expect(located.attributions.map((a) => [a.text, a.start])).toEqual([
      ['Kremlin spokesman Dmitry Peskov', 0],
      ['he', at('he said.')],
      ['he', at('he said.', at('he said.') + 1)],
    ]);
    expect(located.boilerplate).toEqual([2, 3]);
    expect(located.loaded[0]).toMatchObject({ text: 'thugs', start: at('thugs'), quoted: false });
  });

  it('reports a label it cannot find, and one listed out of order', () => {
    const bad = { ...labels, loaded: [{ term: 'mobs', context: 'called mobs' }], boilerplate: [{ text: 'Follow us' }, { text: 'SIGN UP' }] };
    const { errors } = locateLabels(bad, text);
    expect(errors.some((e) => e.startsWith('loaded[0]: context not found'))).toBe(true);
    expect(errors.some((e) => e.startsWith('boilerplate[1]: no block after the previous label'))).toBe(true);
  });

  it('matches whole words only', () => {
    expect(findWhole('the theory', 'the', 1, 10)).toBe(-1);
    expect(findWhole('a he said', 'he', 0, 9)).toBe(2);
    expect(findWhole('the said', 'he', 0, 8)).toBe(-1);
  });

  it('rejects a malformed label file with the path of the problem', () => {
    expect(() => parseLabelFile({ page: 'x', note: 'n', attributions: [{ source: 'a', type: 'pundit', context: 'a' }], boilerplate: [], loaded: [] })).toThrow(/attributions\.0\.type/);
  });
});

describe('matching', () => {
  it('treats two source spans as the same when they overlap by half of the shorter', () => {
    expect(sameSource({ start: 0, end: 31 }, { start: 18, end: 31 })).toBe(true); // "Dmitry Peskov" in "Kremlin spokesman Dmitry Peskov"
    expect(sameSource({ start: 0, end: 10 }, { start: 8, end: 20 })).toBe(false);
    expect(sameSource({ start: 0, end: 4 }, { start: 4, end: 8 })).toBe(false);
  });

  it('counts true and false positives and negatives per kind, one-to-one', () => {
    const located = locateLabels(labels, text);
    const findings: Finding[] = [
      attribution('Dmitry Peskov', at('Dmitry')),
      attribution('he', at('he said.'), 'unknown'),
      attribution('the governor', at('the governor')),
      { kind: 'boilerplate', start: at('SIGN'), end: at('SIGN') + 26, text: 'SIGN UP FOR OUR NEWSLETTER', ruleId: 'boilerplate:x', why: '' },
      { kind: 'loaded', start: at('thugs'), end: at('thugs') + 5, text: 'thugs', ruleId: 'loaded:thug', why: '' },
      { kind: 'loaded', start: at('talks'), end: at('talks') + 5, text: 'talks', ruleId: 'loaded:talks', why: '' },
    ];
    const score = scorePage('synthetic', text, findings, located);
    expect(score.attribution).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(score.typeAgreement).toEqual({ agree: 1, total: 2 });
    expect(score.errors.attribution.wrongType).toEqual(['"he" unknown (expected government)']);
    expect(score.boilerplate).toEqual({ tp: 1, fp: 0, fn: 1 });
    expect(score.loaded).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(score.errors.loaded.extra[0]).toContain('(labelled fine)');
  });

  it('computes precision, recall and F1, with empty sides counted as perfect', () => {
    expect(scores({ tp: 8, fp: 2, fn: 0 })).toMatchObject({ precision: 0.8, recall: 1 });
    expect(scores({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(scores({ tp: 0, fp: 1, fn: 1 }).f1).toBe(0);
  });
});
