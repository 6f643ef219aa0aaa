// The content script's report of a tab (`tab/state`: what our popup shows), asked from an extension page as the popup
// asks it. Shared by the e2e tests and the benchmark.
import type { ExtensionBrowser } from './types';
import { sleep } from './util';

/**
 * Asks the tab's content script (its top frame) for its state until it answers and, with `until`, until an answer
 * satisfies it; past `timeoutMs` the last answer is returned for the caller to judge. The content script starts at
 * document_idle, which may come after the page's load event: until then nobody listens, and that alone is retried.
 */
export async function contentState<T>(
  b: ExtensionBrowser,
  tabId: number,
  options: { until?: (state: T) => boolean; timeoutMs?: number; pollMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const answer = (await b.evaluateInExtension(async (id: number) => {
      type Tabs = { tabs: { sendMessage(id: number, message: unknown, options: { frameId: number }): Promise<unknown> } };
      const scope = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
      try {
        return { state: await (scope.browser ?? scope.chrome).tabs.sendMessage(id, { type: 'tab/state', payload: {} }, { frameId: 0 }) };
      } catch (error) {
        if (/Receiving end does not exist/i.test(String(error))) return { listening: false };
        throw error;
      }
    }, tabId)) as { state: T } | { listening: false };
    const late = Date.now() > deadline;
    if ('state' in answer && (late || !options.until || options.until(answer.state))) return answer.state;
    if (late) throw new Error(`no content script answered in tab ${tabId} within ${options.timeoutMs ?? 10_000} ms`);
    await sleep(options.pollMs ?? 100);
  }
}
