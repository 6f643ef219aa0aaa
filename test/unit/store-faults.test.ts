// Storage faults: a full disk, a write that cannot be cloned, a connection closed under us. Nothing stored is damaged,
// the reader is told what happened, the draft waits for a retry, and the next request works.
import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import type { Annotation } from '../../src/core/annotation';
import { toJsonLd } from '../../src/core/export';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { AssignmentStore } from '../../src/storage/assignment-store';
import { Connection } from '../../src/storage/database';
import { annotation, uuidFor } from './store-fixtures';
import { useLocale } from './locale';

beforeAll(() => useLocale('en'));
afterAll(() => vi.unstubAllGlobals());

const EXT_ID = 'test-extension';
const ORIGIN = 'chrome-extension://test-extension/';
const PAGE = 'https://news.example/story';
const content: Runtime.MessageSender = { id: EXT_ID, url: PAGE, tab: { id: 3 } as never, frameId: 0 };
const editor: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/editor/index.html`, tab: { id: 3 } as never, frameId: 2 };
const popup: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/popup/index.html` };
const selection = (id: string) => ({ id, pageTitle: 'Story', quote: { exact: 'mobs', prefix: '', suffix: '' }, position: { start: 1, end: 5 } });

interface RawObjectStore {
  name: string;
  storeRecord(...args: unknown[]): unknown;
}

/**
 * Makes fake-indexeddb fail like a full disk: after `allowed` more records written to `storeName`, storing a record
 * throws QuotaExceededError inside the transaction, which (as in a browser) fails the request and aborts the whole
 * transaction with that error. Returns the function that ends the fault.
 */
async function failWritesWithQuota(connection: Connection, storeName: string, allowed = 0): Promise<() => void> {
  const tx = await connection.transaction(['annotations']);
  const raw = (unwrap(tx.objectStore('annotations')) as unknown as { _rawObjectStore: RawObjectStore })._rawObjectStore;
  const prototype = Object.getPrototypeOf(raw) as RawObjectStore;
  const original = prototype.storeRecord;
  let budget = allowed;
  prototype.storeRecord = function (this: RawObjectStore, ...args: unknown[]) {
    // Only the request's own write (it carries a rollback log), never fake-indexeddb's rollback of an aborted one.
    if (this.name === storeName && args[2] !== undefined && budget-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.apply(this, args);
  };
  return () => {
    prototype.storeRecord = original;
  };
}

let n = 0;
let connection: Connection;
let store: AnnotationStore;
let router: ReturnType<typeof createRouter>;
let endFault: (() => void) | undefined;
beforeEach(() => {
  connection = new Connection(`faults-${++n}`);
  store = new AnnotationStore(connection);
  router = createRouter({ store, assignments: new AssignmentStore(new Connection('assignments-unused')), extensionId: EXT_ID, extensionOrigin: ORIGIN, productName: 'Margin', now: () => new Date(), notifyTab: () => undefined, notifyAllTabs: () => undefined });
});
afterEach(async () => {
  endFault?.();
  endFault = undefined;
  await connection.close();
});

const sorted = (list: Annotation[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('quota exceeded', () => {
  it('on a save: earlier notes stay intact and readable, the reader is told, the draft waits, and a retry succeeds', async () => {
    const earlier = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(earlier) }, content);
    const saved = await router.route({ type: 'draft/save', payload: { id: earlier, note: 'earlier note', labels: [] } }, editor);
    expect(saved.ok).toBe(true);

    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, content);
    endFault = await failWritesWithQuota(connection, 'annotations');
    const failed = await router.route({ type: 'draft/save', payload: { id, note: 'the note being written', labels: ['question'] } }, editor);
    expect(failed).toEqual({
      ok: false,
      error: { code: 'quota', message: "The browser has no room left for this extension's data. Free some disk space, then save again: your text is kept." },
    });

    // Nothing stored is damaged, and it is still readable while the disk is full.
    const list = await router.route({ type: 'annotations/list', payload: {} }, popup);
    expect(list).toEqual({ ok: true, value: [saved.ok && saved.value] });
    // The draft is still there for the retry.
    expect(await router.route({ type: 'draft/get', payload: { id } }, editor)).toMatchObject({ ok: true, value: { id, quote: { exact: 'mobs' } } });

    endFault();
    const retry = await router.route({ type: 'draft/save', payload: { id, note: 'the note being written', labels: ['question'] } }, editor);
    expect(retry).toMatchObject({ ok: true, value: { id, note: 'the note being written' } });
    expect(await store.all()).toHaveLength(2);
    expect(await store.getDraft(id)).toBeUndefined();
  });

  it('on an import: the transaction aborts as a whole, nothing changes, and the reply says so', async () => {
    const before = [annotation(1, { note: 'stored before' }), annotation(2, { note: 'stored before' })];
    await store.merge(before);
    const file = toJsonLd([annotation(1, { modified: '2030-01-01T00:00:00.000Z', note: 'newer' }), ...Array.from({ length: 50 }, (_, i) => annotation(10 + i))], 'Margin');
    endFault = await failWritesWithQuota(connection, 'annotations', 30); // 30 writes land in the transaction, then the disk is full
    const reply = await router.route({ type: 'annotations/import', payload: { text: file } }, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'quota', message: expect.stringContaining('nothing was imported and nothing stored changed') } });
    expect(sorted(await store.all())).toEqual(before);
  });

  it('on a verdict, an update and a restore: the reply is code quota and the store is unchanged', async () => {
    const before = [annotation(1)];
    await store.merge(before);
    endFault = await failWritesWithQuota(connection, 'annotations');
    const replies = [
      await router.route({ type: 'page/verdict', payload: { ...selection(crypto.randomUUID()), flag: { ruleId: 'r', packVersion: '1', verdict: 'dismissed', scope: 'site' } } }, content),
      await router.route({ type: 'annotations/update', payload: { id: uuidFor(1), note: 'changed', labels: [] } }, popup),
      await router.route({ type: 'annotations/restore', payload: { annotations: [annotation(2)] } }, popup),
    ];
    for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: { code: 'quota' } });
    expect(await store.all()).toEqual(before);
  });
});

describe('other write failures', () => {
  it('a record that cannot be stored midway through a merge aborts the whole transaction', async () => {
    await store.merge([annotation(1)]);
    const poisoned = { ...annotation(3), note: (() => 'a function cannot be cloned') as unknown as string };
    await expect(store.merge([annotation(2), poisoned, annotation(4)])).rejects.toMatchObject({ name: 'DataCloneError' });
    expect((await store.all()).map((a) => a.id)).toEqual([uuidFor(1)]);
  });
});

describe('the connection', () => {
  it('reopens after the browser closed it under us (the "close" event)', async () => {
    await store.merge([annotation(1)]);
    const db = await connection.get();
    forceCloseDatabase(unwrap(db) as never);
    expect((await store.all()).map((a) => a.id)).toEqual([uuidFor(1)]);
    expect(await connection.get()).not.toBe(db);
  });

  it('reopens after it was closed without any event', async () => {
    await store.merge([annotation(1)]);
    (await connection.get()).close();
    expect((await store.all()).map((a) => a.id)).toEqual([uuidFor(1)]);
    await store.merge([annotation(2)]);
    expect(await store.all()).toHaveLength(2);
  });

  it('asks for strict durability on writes of notes and imports', async () => {
    const db = unwrap(await connection.get()) as IDBDatabase;
    const prototype = Object.getPrototypeOf(db) as IDBDatabase;
    const original = prototype.transaction;
    const seen: Array<[string, string | undefined]> = [];
    prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      if (mode === 'readwrite') seen.push([[names].flat().join('+'), options?.durability]);
      return original.call(this, names, mode, options);
    };
    try {
      const id = crypto.randomUUID();
      await router.route({ type: 'page/draft', payload: selection(id) }, content);
      await router.route({ type: 'draft/save', payload: { id, note: 'n', labels: [] } }, editor);
      await router.route({ type: 'annotations/import', payload: { text: toJsonLd([annotation(1)], 'Margin') } }, popup);
      await router.route({ type: 'annotations/update', payload: { id, note: 'm', labels: [] } }, popup);
    } finally {
      prototype.transaction = original;
    }
    expect(seen).toEqual([
      ['drafts', 'strict'],
      ['drafts+annotations', 'strict'],
      ['annotations', 'strict'],
      ['annotations', 'strict'],
    ]);
  });
});
