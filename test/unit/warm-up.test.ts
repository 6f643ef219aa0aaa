import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeArticle, builtinPacks } from '../../src/core/builtin-packs';
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

  it('runs the sample once the packs are read, unless a page\'s analysis started meanwhile (it warms the analyser itself)', async () => {
    vi.useFakeTimers();
    for (const pageFirst of [false, true]) {
      const { warmAnalyser, analysisStarted } = await fresh();
      const packFor = vi.fn(builtinPacks);
      let arrive: (lookup: typeof packFor) => void = () => undefined;
      warmAnalyser(() => new Promise((resolve) => (arrive = resolve)));
      await vi.runAllTimersAsync();
      if (pageFirst) analysisStarted();
      arrive(packFor);
      await vi.runAllTimersAsync();
      expect(packFor.mock.calls.length > 0, pageFirst ? 'the page first' : 'no page yet').toBe(!pageFirst);
    }
  });
});
