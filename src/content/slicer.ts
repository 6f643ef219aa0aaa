// Long work in slices. The extractor's loops are generators that yield where `slicer.due()` says the current task has
// run long enough; whoever drives them decides what a yield means: the content script lets the page run (a new task),
// the eval and the tests go straight on (`drain`). The page's DOM may change between two slices; the live-page
// observer (live-updates.ts) then analyses again, as for any change made after a run.

export interface Slicer {
  /** The current task has run its share: yield, and go on when resumed. */
  due(): boolean;
}

/** Never yields: the whole work in one go. */
export const WHOLE: Slicer = { due: () => false };

/**
 * `slicer.due()`, asked only at every `every`-th call: in a walk over nodes a read of the clock costs more than a
 * node, so the walk asks this at each node and the clock is read every so many.
 */
export function dueEvery(slicer: Slicer, every: number): () => boolean {
  let calls = 0;
  return () => ++calls % every === 0 && slicer.due();
}

/** Runs sliced work to its end in the current task. */
export function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The page's clock, its global looked up once: in a Firefox content script a lookup of a global of the page's window
 * costs about 2 µs, eight times the call itself (0.25 µs), and the extraction's loops read the clock thousands of times.
 */
const pageClock = performance;
export const readClock = (): number => pageClock.now();

/** How long a task of ours may run before it lets the page have the main thread (a frame's budget less the page's). */
export const SLICE_MS = 12;

/**
 * Tasks and their time, for a driver that runs one slice per task: it calls startTask() before resuming the work and
 * endTask() after; `busy()` is the time spent inside tasks so far (the waits between them are the page's).
 */
export class TaskClock implements Slicer {
  private taskStart = 0;
  private running = false;
  private finished = 0;
  tasks = 0;
  longestMs = 0;

  constructor(
    private readonly now: () => number = readClock,
    private readonly sliceMs = SLICE_MS,
  ) {}

  startTask(): void {
    this.taskStart = this.now();
    this.running = true;
  }

  endTask(): void {
    this.running = false;
    const took = this.now() - this.taskStart;
    this.finished += took;
    this.tasks++;
    this.longestMs = Math.max(this.longestMs, took);
  }

  busy(): number {
    return this.finished + (this.running ? this.now() - this.taskStart : 0);
  }

  due(): boolean {
    return this.running && this.now() - this.taskStart >= this.sliceMs;
  }
}
