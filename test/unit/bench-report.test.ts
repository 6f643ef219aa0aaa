// The bench's report (bench/report.ts) from made-up samples: which Readability figure the ratio is taken against,
// the medians per page, and the targets' verdicts. Pure arithmetic: no browser, no timing.
import { describe, expect, it } from 'vitest';
import type { ExtensionSample } from '../../bench/extension';
import type { ReadabilitySample } from '../../bench/readability-entry';
import { buildReport, type PageRecord, type RunInfo } from '../../bench/report';

const INFO: RunInfo = {
  source: 'test',
  pagesDir: '/pages',
  chromium: '1',
  repeat: 3,
  crossOriginIsolated: true,
  seconds: 1,
  load: { start: 0, end: 0 },
  cores: 2,
  restarts: 0,
  firstBackgroundMs: null,
  contentScriptBytes: 1024,
};

function ours(total: number, found: boolean): ExtensionSample {
  const background = found ? 1 : 0;
  return {
    found,
    findings: found ? 3 : 0,
    steps: { extract: total - background, textMap: 0, analyse: 0, highlight: 0, background },
    total,
    pageMs: total - background,
    longest: total - background,
    startupMs: 1,
    evaluationCpuMs: 1,
  };
}

const theirs = (total: number): ReadabilitySample => ({ found: true, words: 100, total, longTasks: [] });

function page(name: string, totals: number[], found: boolean, inPage: number, asContentScript: number): PageRecord {
  return {
    name,
    readerable: found,
    pipeline: totals.map((total) => ours(total, found)),
    readability: totals.map(() => ({ ...theirs(inPage), cpu: inPage })),
    readabilityContentScript: totals.map(() => theirs(asContentScript)),
    diagnostics: null,
    words: found ? 1000 : 0,
    chars: 0,
    blocked: 0,
    errors: [],
  };
}

describe('the bench report', () => {
  it('takes the ratio against Readability run as a content script, and prints the in-page one beside it', () => {
    const records = [page('a', [5, 6, 40], true, 10, 20), page('b', [6, 6, 6], true, 10, 20), page('c', [1, 1, 1], false, 10, 20)];
    const report = buildReport(INFO, records, 'not measured');
    // Page medians 6, 6, 1 -> 6; against 20 (content script) and 10 (in the page).
    expect(report.ratio).toBeCloseTo(0.3);
    expect(report.lines.at(-1)).toBe('pipeline/readability median ratio: 0.30');
    expect(report.lines).toContain("against Readability in the page's own world after the load event (no extension): 0.60");
    expect(report.targets.find((target) => target.id === 'ratio')!.pass).toBe(true);
    expect(report.targets.find((target) => target.id === 'nonArticle')!.pass).toBe(true);
  });

  it('fails the targets a slow page breaks, and leaves failed pages out of every figure', () => {
    const failed = { ...page('broken', [1], true, 1, 1), errors: ['pipeline: timeout'] };
    const report = buildReport(INFO, [page('a', [30, 30, 30], true, 10, 20), page('c', [3, 3, 3], false, 10, 20), failed], 'not measured');
    expect(report.ratio).toBeCloseTo(16.5 / 20);
    const verdict = Object.fromEntries(report.targets.map((target) => [target.id, target.pass]));
    expect(verdict).toEqual({ ratio: false, p95Under5k: false, nonArticle: false, longTask: true });
    expect(report.lines).toContain('FAILED broken: pipeline: timeout');
  });
});
