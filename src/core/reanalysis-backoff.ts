// When to re-analyse a live page after its article changed: once the page has been quiet for a moment, never sooner
// than a gap after the last run, and, while the page keeps changing, no later than that gap after the first change
// still waiting, so a page that mutates without pause (a ticker every 10 ms) is followed at a falling rate instead of
// being starved or analysed in a loop. The gap doubles while changes keep coming and falls back once the page is calm.
// Pure: the caller passes times in ms and keeps the state.

export const BACKOFF = {
  /** Quiet time that ends a burst of changes. */
  quietMs: 400,
  /** Gap between runs while changes keep coming: starts here, doubles after each run, up to maxGapMs. */
  minGapMs: 500,
  maxGapMs: 8_000,
  /** A change this long after the last run finds the page calm again: the gap starts over. */
  calmAfterMs: 5_000,
} as const;

export interface BackoffState {
  /** When the last re-analysis ran (-Infinity: never). */
  lastRun: number;
  /** The current gap between runs. */
  gap: number;
  /** When the oldest change not yet analysed came, or null when nothing waits. */
  pendingSince: number | null;
}

export const initialBackoff = (): BackoffState => ({ lastRun: -Infinity, gap: BACKOFF.minGapMs, pendingSince: null });

/** A change came at `now`: the new state and the time the re-analysis is due (re-arm the timer for it). */
export function onChange(state: BackoffState, now: number): { state: BackoffState; dueAt: number } {
  let { gap, pendingSince } = state;
  if (pendingSince === null) {
    pendingSince = now;
    gap = now - state.lastRun < BACKOFF.calmAfterMs ? Math.min(gap * 2, BACKOFF.maxGapMs) : BACKOFF.minGapMs;
  }
  const afterQuiet = now + BACKOFF.quietMs;
  const latest = pendingSince + gap;
  const earliest = state.lastRun + gap;
  return { state: { lastRun: state.lastRun, gap, pendingSince }, dueAt: Math.max(earliest, Math.min(afterQuiet, latest)) };
}

/** The re-analysis ran at `now`. */
export const onRun = (state: BackoffState, now: number): BackoffState => ({ lastRun: now, gap: state.gap, pendingSince: null });
