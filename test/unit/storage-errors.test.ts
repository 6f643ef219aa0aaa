// How each browser's "no room" and "cannot open" failures reach the reader, and the two write failures the store
// recovers from on its own (both seen in real browsers by test/e2e/faults.e2e.ts).
import 'fake-indexeddb/auto';
import { unwrap } from 'idb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { Connection } from '../../src/storage/database';
import { isOutOfSpace, isStorageRefused, isStorageUnavailable } from '../../src/storage/storage-errors';
import { annotation, uuidFor } from './store-fixtures';
import { useLocale } from './locale';

// What the reader is told comes from the catalogue of their language.
beforeAll(() => useLocale('en'));
afterAll(() => vi.unstubAllGlobals());

const dom = (name: string, message = '') => new DOMException(message, name);

describe('isOutOfSpace', () => {
  it('knows Firefox and Chromium quota errors and Chromium full-disk errors', () => {
    expect(isOutOfSpace(dom('QuotaExceededError'))).toBe(true);
    expect(isOutOfSpace(dom('UnknownError', 'Connection is closing because of: IO error: .../000014.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)'))).toBe(true);
  });
  it("knows the storage.local area's quota errors, which come as plain errors", () => {
    expect(isOutOfSpace(new Error('QuotaExceededError: storage.local API call exceeded its quota limitations.'))).toBe(true);
    expect(isOutOfSpace(new Error('QUOTA_BYTES quota exceeded'))).toBe(true);
    expect(isOutOfSpace(new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded'))).toBe(false);
  });
  it('is not fooled by other failures', () => {
    for (const error of [dom('AbortError'), dom('DataCloneError'), dom('UnknownError', 'Internal error opening backing store for indexedDB.open.'), new Error('x'), null, undefined, 'QuotaExceededError']) {
      expect(isOutOfSpace(error)).toBe(false);
    }
  });
});

describe('isStorageUnavailable', () => {
  it('knows a database the browser cannot open', () => {
    expect(isStorageUnavailable(dom('UnknownError', 'Internal error opening backing store for indexedDB.open.'))).toBe(true);
    expect(isStorageUnavailable(dom('AbortError'))).toBe(false);
    expect(isStorageUnavailable(null)).toBe(false);
  });
});

describe('isStorageRefused', () => {
  it("knows Firefox's refusal in permanent private browsing, and nothing else", () => {
    expect(isStorageRefused(dom('InvalidStateError', 'A mutation operation was attempted on a database that did not allow mutations.'))).toBe(true);
    expect(isStorageRefused(dom('InvalidStateError', "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing."))).toBe(false);
    expect(isStorageRefused(dom('QuotaExceededError'))).toBe(false);
  });
});

const EXT_ID = 'test-extension';
const ORIGIN = 'chrome-extension://test-extension/';
const popup: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/popup/index.html` };

let n = 0;
let connection: Connection | undefined;
let restorePut: (() => void) | undefined;
afterEach(async () => {
  restorePut?.();
  restorePut = undefined;
  await connection?.close();
  connection = undefined;
});

/** Makes the next `put` on any object store throw `name` synchronously, as a browser's request method does. */
async function throwOnNextPut(name: string, times = 1): Promise<() => number> {
  const db = unwrap(await connection!.get()) as IDBDatabase;
  const tx = db.transaction('annotations');
  const prototype = Object.getPrototypeOf(tx.objectStore('annotations')) as IDBObjectStore;
  const original = prototype.put;
  let thrown = 0;
  prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (thrown < times) {
      thrown++;
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', name);
    }
    return original.apply(this, args);
  };
  restorePut = () => {
    prototype.put = original;
  };
  return () => {
    prototype.put = original;
    return thrown;
  };
}

describe('writes', () => {
  it('run again once in a fresh transaction after InvalidStateError (Firefox clean-up transaction after a quota failure)', async () => {
    connection = new Connection(`storage-errors-${++n}`);
    const store = new AnnotationStore(connection);
    const restore = await throwOnNextPut('InvalidStateError');
    await store.merge([annotation(1)]);
    expect(restore()).toBe(1);
    expect((await store.all()).map((a) => a.id)).toEqual([uuidFor(1)]);
  });

  it('give up after a second InvalidStateError, writing nothing', async () => {
    connection = new Connection(`storage-errors-${++n}`);
    const store = new AnnotationStore(connection);
    const restore = await throwOnNextPut('InvalidStateError', 2);
    await expect(store.merge([annotation(1)])).rejects.toMatchObject({ name: 'InvalidStateError' });
    restore();
    expect(await store.all()).toEqual([]);
  });

  it('report a bare abort as no room when the origin has almost none left, and tell the reader so', async () => {
    connection = new Connection(`storage-errors-${++n}`);
    const nearlyFull = new AnnotationStore(connection, async () => 10_000);
    const router = createRouter({ store: nearlyFull, extensionId: EXT_ID, extensionOrigin: ORIGIN, productName: 'Margin', now: () => new Date(), notifyTab: () => undefined, notifyAllTabs: () => undefined });
    const restore = await throwOnNextPut('AbortError');
    const reply = await router.route({ type: 'annotations/restore', payload: { annotations: [annotation(1)] } }, popup);
    restore();
    expect(reply).toEqual({ ok: false, error: { code: 'quota', message: expect.stringMatching(/no room left.*your text is kept/) } });

    // A German reader is told in German.
    useLocale('de');
    const again = await throwOnNextPut('AbortError');
    const inGerman = await router.route({ type: 'annotations/restore', payload: { annotations: [annotation(2)] } }, popup);
    again();
    useLocale('en');
    expect(inGerman).toEqual({ ok: false, error: { code: 'quota', message: expect.stringMatching(/keinen Platz mehr.*Ihr Text bleibt erhalten/) } });
  });

  it('that the browser refuses outright (settings in permanent private browsing; notes go to storage.local there) reach the reader as a plain sentence naming private browsing', async () => {
    connection = new Connection(`storage-errors-${++n}`);
    const store = new AnnotationStore(connection);
    const router = createRouter({ store, extensionId: EXT_ID, extensionOrigin: ORIGIN, productName: 'Margin', now: () => new Date(), notifyTab: () => undefined, notifyAllTabs: () => undefined });
    await throwOnNextPut('InvalidStateError', 2);
    const reply = await router.route({ type: 'settings/set', payload: DEFAULT_SETTINGS }, popup);
    expect(reply).toEqual({ ok: false, error: { code: 'storage', message: expect.stringMatching(/permanent private browsing.*does not let this extension use its database\. Your notes are kept in the extension's own storage/) } });
  });

  it('pass a bare abort on as it is when there is room', async () => {
    connection = new Connection(`storage-errors-${++n}`);
    const roomy = new AnnotationStore(connection, async () => 500_000_000);
    const restore = await throwOnNextPut('AbortError');
    await expect(roomy.merge([annotation(1)])).rejects.toMatchObject({ name: 'AbortError' });
    restore();
  });
});
