// Our side of `npm run bench`: the built extension (dist/chrome) in real headless Chromium, as a reader has it. Each
// measurement opens a saved page in a new tab under a host name of its own (a site of its own, so a new renderer
// process: our content script starts cold, with nothing compiled by an earlier page) and reads what the content
// script reports of its run in the tab's state (messages.ts PipelineWork): each step's time on the page's main thread,
// the longest task, and how long the background took to analyse the article. The background lives across pages, as
// it does for a reader going from page to page; its first analysis after start is its cold one.
import { ARTICLE_CODE_FILE } from '../src/content/built-files';
import type { PipelineWork } from '../src/messages';
import { CONTENT_SCRIPT_FILE, contentState, launch, recordTrace, type ExtensionBrowser, type PageHandle, type TraceEvent } from '../test/e2e/harness';
import { withTimeout } from './browser';
import type { PageServer } from './page-server';

export interface ExtensionSample {
  found: boolean;
  /** Flags the content script shows. */
  findings: number;
  /** Each step's time on the page (analyse: sending the text); background: the background's analysis. */
  steps: { extract: number; textMap: number; analyse: number; highlight: number; background: number };
  /** The page's main-thread time plus the background's analysis: everything our pipeline computed for this page. */
  total: number;
  /** Our main-thread time on the page (the sum of our tasks, the waits between them excluded). */
  pageMs: number;
  longest: number;
  /** The content script's top-level run (setting up, before any work). */
  startupMs: number;
  /**
   * CPU ms of the main thread evaluating our scripts, as a DevTools trace of the tab gives them: the content script's
   * compilation and top-level run (EvaluateScript's thread time), paid on every page, and on article pages the
   * article module's compilation on the main thread (its parsing is streamed on another thread) and its top-level run.
   * The start-up row starts at the content script's first statement, after its compilation.
   */
  evaluationCpuMs: number;
}

interface TabState {
  findings: unknown[];
  article: { words: number } | null;
  work: PipelineWork;
}

/** A host name per page and repeat: each its own site (the .test top-level domain is reserved, never resolved). */
export function hostFor(name: string, repeat: number): string {
  return `${name}${repeat === 0 ? '' : `-r${repeat}`}.test`;
}

/** `extensionPath`: another build than dist/chrome (bench/profile.ts uses one with a readable content script). */
export async function launchExtension(server: PageServer, hosts: readonly string[], extensionPath?: string): Promise<ExtensionBrowser> {
  return launch('chromium', {
    virtualHosts: Object.fromEntries(hosts.map((host) => [host, server.origin])),
    viewport: { width: 1280, height: 900 },
    ...(extensionPath ? { extensionPath } : {}),
  });
}

/** The content script's report, once its first run has ended. */
export async function finishedState(b: ExtensionBrowser, page: PageHandle, timeout: number): Promise<TabState> {
  // Not asked too often: each question is a task on the page and in the extension, on a machine of two cores.
  const state = await contentState<TabState>(b, await page.tabId(), { until: (s) => s.work.runs > 0, timeoutMs: timeout, pollMs: 100 });
  if (state.work.runs === 0) throw new Error('the content script did not finish a run');
  return state;
}

export async function measureInExtension(b: ExtensionBrowser, url: string, timeout: number): Promise<ExtensionSample> {
  // Traced from before the navigation: the content script is evaluated as the page reaches document_idle.
  const page = await b.openPage('about:blank', { timeout });
  try {
    const evaluation = await traceEvaluation(page, `${b.extensionOrigin}/${CONTENT_SCRIPT_FILE}`, `/${ARTICLE_CODE_FILE}`);
    await page.goto(url, { timeout });
    const state = await withTimeout(finishedState(b, page, timeout), timeout + 5_000, 'content script');
    const evaluationCpuMs = await evaluation();
    const last = state.work.last!;
    return {
      evaluationCpuMs,
      found: state.article !== null,
      findings: state.findings.length,
      steps: { extract: last.extract, textMap: last.textMap, analyse: last.analyse, highlight: last.highlight, background: last.backgroundMs },
      total: last.pageMs + last.backgroundMs,
      pageMs: last.pageMs,
      longest: last.longestMs,
      startupMs: state.work.startupMs,
    };
  } finally {
    await page.close();
  }
}

/**
 * Starts a DevTools trace of the tab with the timeline category only (no sampling profiler, so the steps the content
 * script times itself run as they would untraced); the function returned stops it and gives the main thread's time
 * evaluating `scriptUrl`, and compiling and running the module whose address ends with `modulePath` (Chrome serves it
 * from a per-session origin).
 */
async function traceEvaluation(page: PageHandle, scriptUrl: string, modulePath: string): Promise<() => Promise<number>> {
  const urlOf = (event: TraceEvent) => event.args?.data?.url ?? '';
  const isScript = (event: TraceEvent) => event.name === 'EvaluateScript' && urlOf(event) === scriptUrl;
  const isModule = (event: TraceEvent) =>
    event.name === 'v8.compileModule' && urlOf(event).startsWith('chrome-extension://') && urlOf(event).endsWith(modulePath);
  // A module's evaluation carries no address: ours is the first on the same thread after our module's compilation.
  const isEvaluation = (event: TraceEvent) => event.name === 'v8.evaluateModule';
  const stop = await recordTrace(page, ['devtools.timeline'], (event) => event.ph === 'X' && (isScript(event) || isModule(event) || isEvaluation(event)));
  return async () => {
    const events = await stop();
    if (!events.some(isScript)) throw new Error(`the trace shows no evaluation of ${scriptUrl}`);
    const ours = events.filter((event) => isScript(event) || isModule(event));
    const compiled = events.find(isModule);
    const evaluated = compiled && events
      .filter((event) => isEvaluation(event) && event.pid === compiled.pid && event.tid === compiled.tid && event.ts >= compiled.ts)
      .sort((a, b) => a.ts - b.ts)[0];
    if (evaluated) ours.push(evaluated);
    return ours.reduce((sum, event) => sum + (event.tdur ?? 0) / 1000, 0);
  };
}
