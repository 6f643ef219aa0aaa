// Page side, shared by both bundles: runs one measured function as a task of its own and reports the long tasks
// (>= 50 ms, the browser's own 'longtask' entries) that overlapped it, plus a word count that treats CJK fairly.

export interface TaskTiming<T> {
  value: T;
  /** performance.now() at the start and end of the measured call, inside the task. */
  start: number;
  end: number;
  /** Durations (ms) of the 'longtask' entries that overlap [start, end]: the whole task, not only our call. */
  longTasks: number[];
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs `work` in a setTimeout task, as the content script's own task at document_idle would be, and times it with
 * performance.now(). A PerformanceObserver for 'longtask' watches that task; its entries arrive after the task ends.
 */
export async function inOwnTask<T>(work: () => T): Promise<TaskTiming<T>> {
  const entries: PerformanceEntry[] = [];
  let observer: PerformanceObserver | null = null;
  try {
    observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
  } catch {
    observer = null; // no Long Tasks API: the synchronous duration still tells the story
  }
  const timed = await new Promise<{ value: T; start: number; end: number }>((resolve, reject) => {
    setTimeout(() => {
      try {
        const start = performance.now();
        const value = work();
        resolve({ value, start, end: performance.now() });
      } catch (error) {
        reject(error);
      }
    }, 0);
  });
  // Long-task entries are queued when the task ends and delivered a little later.
  await nextTask();
  await nextTask();
  if (observer) {
    entries.push(...observer.takeRecords());
    observer.disconnect();
  }
  const longTasks = entries
    .filter((entry) => entry.startTime <= timed.end && entry.startTime + entry.duration >= timed.start)
    .map((entry) => entry.duration);
  return { ...timed, longTasks };
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Runs of letters and digits; in Han, Hiragana and Katakana text (no spaces between words) every character is a word. */
export function countWords(text: string): number {
  let unspaced = 0;
  const spaced = text.replace(UNSPACED_SCRIPT, () => {
    unspaced++;
    return ' ';
  });
  return unspaced + (spaced.match(WORD)?.length ?? 0);
}

/** Whether performance.now() has fine resolution here (5 µs when cross-origin isolated, 100 µs otherwise). */
export function clockInfo(): { crossOriginIsolated: boolean } {
  return { crossOriginIsolated: globalThis.crossOriginIsolated === true };
}
