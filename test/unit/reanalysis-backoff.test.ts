// The live-page back-off, on simulated time: when re-analyses are due for a single change, a burst, and a page that
// mutates every 10 ms for 30 s (the hostile-page suite's storm, end to end in test/e2e/hostile.e2e.ts).
import { describe, expect, test } from 'vitest';
import { BACKOFF, initialBackoff, onChange, onRun, type BackoffState } from '../../src/core/reanalysis-backoff';

/** Replays changes at the given times (ms) and returns the times the re-analysis ran, as a timer would run it. */
function replay(changes: number[], until: number): number[] {
  let state: BackoffState = initialBackoff();
  let due: number | null = null;
  const runs: number[] = [];
  let i = 0;
  for (let now = 0; now <= until; now++) {
    if (due !== null && now >= due) {
      state = onRun(state, now);
      runs.push(now);
      due = null;
    }
    while (i < changes.length && changes[i] === now) {
      const next = onChange(state, now);
      state = next.state;
      due = next.dueAt;
      i++;
    }
  }
  return runs;
}

const every = (step: number, from: number, to: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, k) => from + k * step);

describe('re-analysis back-off', () => {
  test('one change is analysed once, after the quiet time', () => {
    expect(replay([1000], 20_000)).toEqual([1000 + BACKOFF.quietMs]);
  });

  test('a burst is analysed once, a gap after its first change at the latest', () => {
    expect(replay(every(50, 1000, 1100), 20_000)).toEqual([1100 + BACKOFF.quietMs]);
    expect(replay(every(50, 1000, 1300), 20_000)).toEqual([1000 + BACKOFF.minGapMs]);
  });

  test('a page mutating every 10 ms for 30 s is followed at a falling rate, then caught up once', () => {
    const runs = replay(every(10, 0, 30_000), 60_000);
    const during = runs.filter((t) => t <= 30_000);
    const after = runs.filter((t) => t > 30_000);
    // Followed while it changes (never starved by the debounce), but at most a handful of times.
    expect(during.length).toBeGreaterThanOrEqual(4);
    expect(during.length).toBeLessThanOrEqual(8);
    for (let k = 1; k < runs.length; k++) expect(runs[k]! - runs[k - 1]!).toBeGreaterThanOrEqual(BACKOFF.minGapMs);
    // The gaps grow to the cap and never beyond it.
    const gaps = runs.slice(1).map((t, k) => t - runs[k]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(BACKOFF.maxGapMs);
    expect(gaps.at(-1)).toBe(BACKOFF.maxGapMs);
    // One catch-up once the page is quiet, and nothing after it.
    expect(after).toHaveLength(1);
  });

  test('a page that calms down starts again from the shortest gap', () => {
    const storm = every(10, 0, 10_000);
    const later = 10_000 + BACKOFF.maxGapMs + BACKOFF.calmAfterMs + 1000;
    const runs = replay([...storm, later], later + 5000);
    expect(runs.at(-1)).toBe(later + BACKOFF.quietMs);
  });

  test('never runs twice for one change, however the timer is re-armed', () => {
    let state = initialBackoff();
    const first = onChange(state, 100);
    state = onRun(first.state, first.dueAt);
    expect(state.pendingSince).toBeNull();
    const second = onChange(state, first.dueAt + 1);
    expect(second.dueAt).toBeGreaterThanOrEqual(first.dueAt + second.state.gap);
  });
});
