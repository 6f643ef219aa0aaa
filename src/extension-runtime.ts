// The few runtime calls the content script makes (and background-client, which it shares with our pages), through the
// API as both browsers ship it: promise-based in Firefox, and in Chrome since MV3. The content script runs on every
// page, and webextension-polyfill evaluates its API table and builds its wrappers when it loads. Without it (and
// with our UI host made on first use) the start-up fell from 5.0-5.5 to 3.8-3.9 ms at the median (Chromium, the 8
// non-article pages x 5 loads, old and new alternated twice), with 9 KiB less to parse, for four calls that need no
// wrapping. The background, the popup and the options page keep the polyfill.
import type { Runtime } from 'webextension-polyfill';

type NativeListener = (message: unknown, sender: Runtime.MessageSender, sendResponse: (response: unknown) => void) => boolean;

interface NativeRuntime {
  id?: string;
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(listener: NativeListener): void; removeListener(listener: NativeListener): void };
}

/** Both browsers' words for "nobody listens there" (yet: a page not listening, a background starting). */
export const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/i;

/** What webextension-polyfill sends back for a listener's rejected promise, so that a polyfilled sender rejects too. */
const POLYFILL_REJECTION = '__mozWebExtensionPolyfillReject__';

const scope = () => globalThis as { browser?: { runtime?: NativeRuntime }; chrome?: { runtime?: NativeRuntime } };

function runtime(): NativeRuntime {
  const api = scope().browser?.runtime ?? scope().chrome?.runtime;
  if (!api) throw new Error('not running in a browser extension');
  return api;
}

/**
 * The API's first use in a content script, in steps a page can take in tasks of their own: Firefox builds the
 * `browser` object on its first read (3-20 ms measured), then its runtime namespace (2-15 ms). Chromium's first use
 * costs about 2 ms in all: its build has no steps.
 */
export const FIRST_USE_STEPS: ReadonlyArray<() => void> =
  import.meta.env.MODE === 'chrome' ? [] : [() => void scope().browser, () => void scope().browser?.runtime];

/** Our extension's id; undefined once the extension was reloaded or removed under a live page. */
export function extensionId(): string | undefined {
  return runtime().id;
}

export function extensionUrl(path: string): string {
  return runtime().getURL(path);
}

/** runtime.sendMessage; a rejection the other side's polyfill reported becomes a rejection here. */
export async function sendMessage(message: unknown): Promise<unknown> {
  const reply = await runtime().sendMessage(message);
  if (typeof reply === 'object' && reply !== null && POLYFILL_REJECTION in reply) {
    throw new Error(String((reply as { message?: unknown }).message ?? 'the receiver failed'));
  }
  return reply;
}

/**
 * Listens for messages; `listener` answers with a promise, or undefined when the message is not for it. Returns the
 * function that stops listening. Answers through sendResponse, which both browsers support; a failure is answered as
 * the polyfill does, so that callers using it reject.
 */
export function onMessage(listener: (message: unknown, sender: Runtime.MessageSender) => Promise<unknown> | undefined): () => void {
  const native: NativeListener = (message, sender, sendResponse) => {
    const answer = listener(message, sender);
    if (!answer) return false;
    answer.then(sendResponse, (error: unknown) =>
      sendResponse({ [POLYFILL_REJECTION]: true, message: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  };
  const { onMessage: event } = runtime();
  event.addListener(native);
  return () => {
    try {
      event.removeListener(native);
    } catch {
      // The extension was reloaded under the page: its events are gone, and with them our listener.
    }
  };
}
