// Chromium only: which main-thread tasks of a page ran a given script, and how much CPU each of them took, read from a
// DevTools trace of the page's renderer.
//
// Why CPU time and not the page's `longtask` entries: a long task is a task that took 50 ms or more of wall time.
// On the 2-core machines the tests share with other agents and browsers, wall time includes every moment the renderer
// waited for a core, so the page's own `PerformanceObserver({type: 'longtask'})` sees long tasks that any code, ours or
// the page's, would have caused under that load, and Chromium attributes them only to a frame ("self"), never to a
// script. The trace names the script that ran inside each task (EvaluateScript / v8.compile / v8.run / FunctionCall
// events carry its URL) and gives the task's thread time (`tdur`: CPU time the main thread spent in it). A task of
// ours that needs under 50 ms of CPU is under 50 ms of wall time on an idle machine: it is not a long task the
// extension adds. Contention can only stretch the wall time, not the thread time, so the measure holds on a loaded
// machine.
import type { CDPSession, Page } from 'playwright-core';
import type { PageHandle } from './types';

export interface ScriptTask {
  /** Wall time of the whole task, ms. */
  wallMs: number;
  /** CPU time of the main thread in the whole task, ms. */
  cpuMs: number;
  /** What of the script ran in it (EvaluateScript, FunctionCall…). */
  what: string[];
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; fileName?: string };
}

const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Starts tracing the page's renderer; the returned function stops and lists the tasks that ran `scriptUrlPrefix`. */
export async function traceScriptTasks(page: PageHandle, scriptUrlPrefix: string): Promise<() => Promise<ScriptTask[]>> {
  if (page.browser !== 'chromium') throw new Error('traceScriptTasks: Chromium only (DevTools tracing)');
  const raw = page.raw as Page;
  const cdp: CDPSession = await raw.context().newCDPSession(raw);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => {
    for (const e of event.value as unknown as TraceEvent[]) if (e.ph === 'X') events[events.length] = e;
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'], enableSampling: false },
  });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => undefined);
    return scriptTasks(events, scriptUrlPrefix);
  };
}

function scriptTasks(events: TraceEvent[], prefix: string): ScriptTask[] {
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (!TOP_LEVEL.has(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list[list.length] = e;
    byThread.set(key, list);
  }
  for (const list of byThread.values()) list.sort((a, b) => a.ts - b.ts);
  const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);

  const tasks = new Map<TraceEvent, Set<string>>();
  for (const event of events) {
    if (!(event.args?.data?.url ?? event.args?.fileName ?? '').startsWith(prefix)) continue;
    // The outermost top-level task on the same thread that encloses the event (top-level tasks nest only a few deep).
    const list = byThread.get(`${event.pid}:${event.tid}`) ?? [];
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (list[middle]!.ts <= event.ts) low = middle + 1;
      else high = middle - 1;
    }
    let task: TraceEvent | undefined;
    for (let i = high; i >= 0 && i >= high - 8; i--) {
      const candidate = list[i]!;
      if (end(candidate) >= end(event) && (!task || (candidate.dur ?? 0) > (task.dur ?? 0))) task = candidate;
    }
    task ??= event; // script run outside a scheduler task (rare): the event itself is the unit
    const what = tasks.get(task) ?? new Set<string>();
    what.add(event.name);
    tasks.set(task, what);
  }
  return [...tasks].map(([task, what]) => ({
    wallMs: (task.dur ?? 0) / 1000,
    // tdur is missing only where the platform has no thread clock; then wall time is the honest upper bound.
    cpuMs: (task.tdur ?? task.dur ?? 0) / 1000,
    what: [...what],
  }));
}
