// Chromium only: which main-thread tasks of a page ran a given script, and how much CPU each of them took, read from a
// DevTools trace of the page's renderer.
//
// Why CPU time and not the page's `longtask` entries: a long task is a task that took 50 ms or more of wall time.
// On the 2-core machines the tests share with other agents and browsers, wall time includes every moment the renderer
// waited for a core, so the page's own `PerformanceObserver({type: 'longtask'})` sees long tasks that any code, ours or
// the page's, would have caused under that load, and Chromium attributes them only to a frame ("self"), never to a
// script. The trace gives each task's thread time (`tdur`: CPU time the main thread spent in it) and says whose code
// ran in it, two ways: events that carry the script's URL (EvaluateScript, v8.compile, FunctionCall for callbacks),
// and the V8 sampling profiler's stacks, which also catch code resumed from a promise (a task whose callback is a
// built-in, then our `await` continuation as a microtask, has no event with our URL). A task of ours that needs under
// 50 ms of CPU is under 50 ms of wall time on an idle machine: it is not a long task the extension adds. Contention
// can only stretch the wall time, not the thread time, so the measure holds on a loaded machine. A task of ours that
// runs 50 ms or more cannot slip between samples (one every 100 µs to 1 ms). What a task spent collecting garbage
// is reported apart (`gcMs`): CI once saw a task of 56 ms CPU where our own runs took 7-15 ms.
import type { CDPSession, Page } from 'playwright-core';
import type { PageHandle } from './types';

export interface ScriptTask {
  /** Wall time of the whole task, ms. */
  wallMs: number;
  /** CPU time of the main thread in the whole task, ms. */
  cpuMs: number;
  /**
   * CPU time of garbage collection on the main thread within the task, ms. V8 collects the heap that the page and
   * the content script share in whichever task crosses its threshold, and finishes on the main thread what its
   * concurrent threads did not (more of it when the cores are busy): a pause there is the heap's, not our code's.
   */
  gcMs: number;
  /** What of the script ran in it (EvaluateScript, FunctionCall…). */
  what: string[];
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { data?: TraceData; fileName?: string };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string };
}

interface TraceData {
  url?: string;
  startTime?: number;
  cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
  timeDeltas?: number[];
}

// Units of main-thread work: scheduler tasks, and microtask checkpoints, which Chromium may run after a task has
// ended (promise continuations then appear outside any RunTask). The outermost enclosing one is the unit.
const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint']);

/** V8's garbage collection events: `MinorGC`, `MajorGC`, and the `V8.GC_…` phases (incremental marking steps too). */
const GARBAGE_COLLECTION = /^(MinorGC$|MajorGC$|V8\.GC_)/;

/**
 * Starts a DevTools trace of the page's renderer with `categories`; the returned function stops it and gives the
 * events `keep` accepted (kept as they arrive: a trace of a busy page is large).
 */
export async function recordTrace(page: PageHandle, categories: string[], keep: (event: TraceEvent) => boolean): Promise<() => Promise<TraceEvent[]>> {
  if (page.browser !== 'chromium') throw new Error('recordTrace: Chromium only (DevTools tracing)');
  const raw = page.raw as Page;
  const cdp: CDPSession = await raw.context().newCDPSession(raw);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => {
    for (const e of event.value as unknown as TraceEvent[]) if (keep(e)) events[events.length] = e;
  });
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => undefined);
    return events;
  };
}

/** Starts tracing the page's renderer; the returned function stops and lists the tasks that ran `scriptUrlPrefix`. */
export async function traceScriptTasks(page: PageHandle, scriptUrlPrefix: string): Promise<() => Promise<ScriptTask[]>> {
  const stop = await recordTrace(
    page,
    ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.cpu_profiler'],
    (e) => e.ph === 'X' || e.name === 'Profile' || e.name === 'ProfileChunk',
  );
  return async () => scriptTasks(await stop(), scriptUrlPrefix);
}

/** Times (trace clock, µs) and process of every profiler sample whose stack holds a frame of the script. */
function scriptSamples(events: TraceEvent[], prefix: string): Array<{ pid: number; ts: number }> {
  const out: Array<{ pid: number; ts: number }> = [];
  const profiles = new Map<string, { pid: number; time: number; nodes: Map<number, ProfileNode>; ours: Map<number, boolean> }>();
  const isOurs = (profile: { nodes: Map<number, ProfileNode>; ours: Map<number, boolean> }, id: number): boolean => {
    const known = profile.ours.get(id);
    if (known !== undefined) return known;
    const node = profile.nodes.get(id);
    const verdict = !!node && ((node.callFrame.url ?? '').startsWith(prefix) || (node.parent !== undefined && isOurs(profile, node.parent)));
    profile.ours.set(id, verdict);
    return verdict;
  };
  for (const event of events) {
    const key = `${event.pid}:${event.id}`;
    if (event.name === 'Profile') profiles.set(key, { pid: event.pid, time: event.args?.data?.startTime ?? event.ts, nodes: new Map(), ours: new Map() });
    if (event.name !== 'ProfileChunk') continue;
    const profile = profiles.get(key);
    const data = event.args?.data;
    if (!profile || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      profile.time += deltas[i] ?? 0;
      if (isOurs(profile, samples[i]!)) out[out.length] = { pid: profile.pid, ts: profile.time };
    }
  }
  return out;
}

/** The complete ('X') events that `keep` accepts, by thread ("pid:tid"), each thread's in time order. */
function byThread(events: TraceEvent[], keep: (e: TraceEvent) => boolean): Map<string, TraceEvent[]> {
  const threads = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !keep(e)) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = threads.get(key) ?? [];
    list[list.length] = e;
    threads.set(key, list);
  }
  for (const list of threads.values()) list.sort((a, b) => a.ts - b.ts);
  return threads;
}

function scriptTasks(events: TraceEvent[], prefix: string): ScriptTask[] {
  const topLevel = byThread(events, (e) => TOP_LEVEL.has(e.name));
  const end = (e: { ts: number; dur?: number }) => e.ts + (e.dur ?? 0);
  /** The outermost top-level task on the thread that encloses [ts, tsEnd] (top-level tasks nest only a few deep). */
  const enclosing = (thread: string, ts: number, tsEnd: number): TraceEvent | undefined => {
    const list = topLevel.get(thread) ?? [];
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (list[middle]!.ts <= ts) low = middle + 1;
      else high = middle - 1;
    }
    let task: TraceEvent | undefined;
    for (let i = high; i >= 0 && i >= high - 8; i--) {
      const candidate = list[i]!;
      if (end(candidate) >= tsEnd && (!task || (candidate.dur ?? 0) > (task.dur ?? 0))) task = candidate;
    }
    return task;
  };

  const tasks = new Map<TraceEvent, Set<string>>();
  const add = (task: TraceEvent, what: string) => {
    const set = tasks.get(task) ?? new Set<string>();
    set.add(what);
    tasks.set(task, set);
  };
  // The thread our script runs on, per process (the renderer's main thread).
  const mainThread = new Map<number, string>();
  for (const event of events) {
    if (event.ph !== 'X' || !(event.args?.data?.url ?? event.args?.fileName ?? '').startsWith(prefix)) continue;
    const thread = `${event.pid}:${event.tid}`;
    mainThread.set(event.pid, thread);
    // Script run outside a scheduler task (rare): the event itself is the unit.
    add(enclosing(thread, event.ts, end(event)) ?? event, event.name);
  }
  for (const sample of scriptSamples(events, prefix)) {
    const thread = mainThread.get(sample.pid);
    const task = thread ? enclosing(thread, sample.ts, sample.ts) : undefined;
    if (task) add(task, 'sampled');
  }
  // Time (tdur, else dur) of a thread's outermost garbage collection events in a window, nested phases not counted twice.
  const collections = byThread(events, (e) => GARBAGE_COLLECTION.test(e.name));
  const gcWithin = (task: TraceEvent): number => {
    let total = 0;
    let coveredUntil = -Infinity;
    for (const e of collections.get(`${task.pid}:${task.tid}`) ?? []) {
      if (e.ts < task.ts || e.ts < coveredUntil) continue;
      if (e.ts > end(task)) break;
      total += e.tdur ?? e.dur ?? 0;
      coveredUntil = end(e);
    }
    return total / 1000;
  };
  return [...tasks].map(([task, what]) => ({
    wallMs: (task.dur ?? 0) / 1000,
    // tdur is missing only where the platform has no thread clock; then wall time is the honest upper bound.
    cpuMs: (task.tdur ?? task.dur ?? 0) / 1000,
    gcMs: gcWithin(task),
    what: [...what],
  }));
}
