import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeArticle } from '../../src/core/builtin-packs';
import { WARM_UP_SAMPLE } from '../../src/background/warm-up';

const fresh = async () => {
  vi.resetModules();
  return import('../../src/background/warm-up');
};

describe('the analyser warmed at a start of the background', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the sample through every path a news article takes: sources of each kind, quotes, a loaded term', () => {
    const { findings } = analyzeArticle(WARM_UP_SAMPLE, 'en');
    const quoted = (f: (typeof findings)[number]) => WARM_UP_SAMPLE.slice(f.start, f.end);
    const sources = findings.filter((f) => f.kind === 'attribution').map((f) => [quoted(f), f.kind === 'attribution' ? f.source?.type : undefined]);
    expect(sources).toEqual([
      ['Officials in the capital said', 'government'],
      ['according to Reuters', 'wire-service'],
      ['Anna Meyer, a spokeswoman for the group, told', 'expert-or-organisation'],
    ]);
    expect(findings.filter((f) => f.kind === 'loaded').map(quoted)).toEqual(['mobs']);
  });

  it('reads the packs once per start, after the request that asked it has been answered, and survives a failed read', async () => {
    vi.useFakeTimers();
    const { warmAnalyser } = await fresh();
    const packs = vi.fn(() => Promise.reject(new Error('database refused')));
    warmAnalyser(packs);
    expect(packs).not.toHaveBeenCalled();
    warmAnalyser(packs);
    await vi.runAllTimersAsync();
    expect(packs).toHaveBeenCalledTimes(1);
    warmAnalyser(packs);
    await vi.runAllTimersAsync();
    expect(packs).toHaveBeenCalledTimes(1);
  });
});
