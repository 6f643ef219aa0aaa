// How our pages and the content script ask the background: one typed call, retried while a stopped background restarts.
import { NO_RECEIVER, sendMessage } from './extension-runtime';
import { RequestError, type BackgroundPayload, type BackgroundRequestType, type BackgroundResults, type Reply } from './messages';

/** Chrome restarts a stopped service worker on the first message, but a message sent while it is starting can fail. */
const RETRIES = [50, 200, 500];
// Every write carries the caller's id, so retrying any of these is safe.
const isTransient = (error: unknown) => NO_RECEIVER.test(String(error)) || /message port closed|message channel closed/i.test(String(error));

export async function askBackground<K extends BackgroundRequestType>(type: K, payload: BackgroundPayload<K>): Promise<BackgroundResults[K]> {
  for (let attempt = 0; ; attempt++) {
    let reply: Reply<BackgroundResults[K]> | undefined;
    try {
      // The address at the moment of asking: a single-page site may have moved to another story since the last call.
      reply = (await sendMessage({ type, payload, href: location.href })) as Reply<BackgroundResults[K]> | undefined;
    } catch (error) {
      const delay = RETRIES[attempt];
      if (delay === undefined || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      continue;
    }
    if (!reply) {
      // A background stopped mid-request answers nothing; ask again like any transient failure.
      const delay = RETRIES[attempt];
      if (delay === undefined) throw new RequestError('internal', `no answer to ${type}`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      continue;
    }
    if (!reply.ok) throw new RequestError(reply.error.code, reply.error.message);
    return reply.value;
  }
}
