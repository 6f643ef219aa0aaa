// The popup's question to the page's content script. A page without an article starts listening once it is idle, at
// the latest a second after its content script starts (src/content/index.ts), so a popup opened as a page loads asks
// again for a while before it says that Margin does not run there.
import { NO_RECEIVER } from '../extension-runtime';

export interface AskOptions {
  withinMs?: number;
  everyMs?: number;
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
}

/** `ask()` again while nobody listens on the other side, until `withinMs` has passed; any other failure at once. */
export async function askUntilListening<T>(ask: () => Promise<T>, options: AskOptions = {}): Promise<T> {
  const { withinMs = 2500, everyMs = 100, now = Date.now, wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } = options;
  const deadline = now() + withinMs;
  for (;;) {
    try {
      return await ask();
    } catch (error) {
      if (!NO_RECEIVER.test(String(error)) || now() >= deadline) throw error;
      await wait(everyMs);
    }
  }
}
