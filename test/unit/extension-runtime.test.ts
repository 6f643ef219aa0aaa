// The content script's runtime calls without the polyfill: the reply contract both browsers and the polyfilled popup
// rely on. (The e2e suites exercise it for real in Chromium and Firefox; this pins the adapter's edge cases.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionId, onMessage, sendMessage } from '../../src/extension-runtime';

type Listener = (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean;

let listeners: Listener[];
let reply: unknown;
/** The extension was reloaded under the page: its API throws. */
let gone: boolean;

beforeEach(() => {
  listeners = [];
  reply = undefined;
  gone = false;
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      id: 'our-id',
      getURL: (path: string) => `chrome-extension://our-id/${path}`,
      sendMessage: async () => reply,
      onMessage: {
        addListener: (listener: Listener) => listeners.push(listener),
        removeListener: (listener: Listener) => {
          if (gone) throw new Error('Extension context invalidated.');
          listeners.splice(listeners.indexOf(listener), 1);
        },
      },
    },
  };
});

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

/** Delivers a message as the browser does; resolves with what the listener sent back, or 'no answer'. */
function deliver(message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const keepsChannel = listeners[0]!(message, { id: 'our-id' }, resolve);
    if (!keepsChannel) resolve('no answer');
  });
}

describe('extension runtime without the polyfill', () => {
  it('answers a message through sendResponse, and lets a message that is not for it go unanswered', async () => {
    onMessage((message) => (message === 'ping' ? Promise.resolve('pong') : undefined));
    expect(await deliver('ping')).toBe('pong');
    expect(await deliver('other')).toBe('no answer');
  });

  it('answers a failed handler as the polyfill does, so a polyfilled sender rejects', async () => {
    onMessage(() => Promise.reject(new Error('store closed')));
    expect(await deliver('ping')).toEqual({ __mozWebExtensionPolyfillReject__: true, message: 'store closed' });
  });

  it('turns that answer into a rejection when it sends', async () => {
    reply = { __mozWebExtensionPolyfillReject__: true, message: 'store closed' };
    await expect(sendMessage({ type: 'x' })).rejects.toThrow('store closed');
    reply = { ok: true, value: 1 };
    await expect(sendMessage({ type: 'x' })).resolves.toEqual({ ok: true, value: 1 });
  });

  it('stops listening, and does not throw once the extension is gone', () => {
    const stop = onMessage(() => undefined);
    expect(listeners).toHaveLength(1);
    stop();
    expect(listeners).toHaveLength(0);
    const stopAgain = onMessage(() => undefined);
    gone = true;
    expect(() => stopAgain()).not.toThrow();
    expect(extensionId()).toBe('our-id');
    delete (globalThis as { chrome?: unknown }).chrome;
    expect(() => extensionId()).toThrow('not running in a browser extension');
  });
});
