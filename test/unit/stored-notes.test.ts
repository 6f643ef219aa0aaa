// Our pages read notes in place from the extension's IndexedDB when the background keeps them there, and ask the
// background otherwise; either way they get what the background's own list and export give.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { AssignmentStore } from '../../src/storage/assignment-store';
import { deleteDB, openDB } from 'idb';
import { Connection, DB_NAME, DB_VERSION } from '../../src/storage/database';
import { annotation, verdict } from './store-fixtures';

const context = vi.hoisted(() => ({ incognito: false, where: 'indexeddb', asked: [] as string[] }));
vi.mock('webextension-polyfill', () => ({
  default: {
    extension: {
      get inIncognitoContext() {
        return context.incognito;
      },
    },
  },
}));

const EXT_ID = 'test-extension';
const ORIGIN = 'chrome-extension://test-extension/';
const popup: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/popup/index.html` };
const connection = new Connection(DB_NAME);
const store = new AnnotationStore(connection);
const router = createRouter({ store, assignments: new AssignmentStore(new Connection('assignments-unused')), extensionId: EXT_ID, extensionOrigin: ORIGIN, productName: 'Margin', now: () => new Date(), notifyTab: () => undefined, notifyAllTabs: () => undefined });

// The background, as our pages reach it: through the router, which also says where the notes are.
vi.mock('../../src/background-client', () => ({
  askBackground: async (type: string, payload: unknown) => {
    context.asked.push(type);
    if (type === 'storage/where') return context.where;
    const reply = await router.route({ type, payload }, popup);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  },
}));
const { exportNotes, listNotes } = await import('../../src/ui/stored-notes');

beforeEach(async () => {
  await store.merge([annotation(1, { labels: ['question'] }), annotation(2, { note: 'He said "so", didn\'t he?' }), verdict(3, 'site', 'https://www.bbc.co.uk/news/a')]);
  Object.assign(context, { incognito: false, where: 'indexeddb', asked: [] });
});
afterEach(async () => {
  await store.remove((await store.all()).map((a) => a.id));
});

describe('notes read by our pages', () => {
  it('come from IndexedDB in place, the same list and the same export file the background gives', async () => {
    const fromBackground = {
      all: (await router.route({ type: 'annotations/list', payload: {} }, popup)) as { value: unknown },
      filtered: (await router.route({ type: 'annotations/list', payload: { label: 'question' } }, popup)) as { value: unknown },
      jsonld: (await router.route({ type: 'annotations/export', payload: { format: 'jsonld' } }, popup)) as { value: { text: string; mimeType: string; filename: string } },
      csv: (await router.route({ type: 'annotations/export', payload: { format: 'csv', filter: { label: 'question' } } }, popup)) as { value: { text: string; mimeType: string; filename: string } },
    };
    expect(await listNotes()).toEqual(fromBackground.all.value);
    expect(await listNotes({ label: 'question' })).toEqual(fromBackground.filtered.value);
    expect(await exportNotes('jsonld')).toEqual(fromBackground.jsonld.value);
    expect(await exportNotes('csv', { label: 'question' })).toEqual(fromBackground.csv.value);
    // Only asked where the notes are: nothing was read through a message.
    expect(new Set(context.asked)).toEqual(new Set(['storage/where']));
  });

  it('a note the background stores after a read is in the next read', async () => {
    expect((await listNotes()).map((a) => a.id)).toHaveLength(3);
    await store.merge([annotation(4)]);
    expect((await listNotes()).map((a) => a.id)).toContain(annotation(4).id);
  });

  it('a page never creates the database: where there is none yet, the background is asked and makes it whole', async () => {
    await connection.close();
    await deleteDB(DB_NAME);
    expect(await listNotes()).toEqual([]);
    expect(context.asked).toEqual(['storage/where', 'annotations/list']);
    const db = await openDB(DB_NAME);
    expect([db.version, [...db.objectStoreNames].includes('annotations')]).toEqual([DB_VERSION, true]);
    db.close();
  });

  it('come from the background where our page is private or the notes are in storage.local', async () => {
    for (const [incognito, where] of [[true, 'indexeddb'], [false, 'extension-storage']] as const) {
      Object.assign(context, { incognito, where, asked: [] });
      expect(await listNotes()).toHaveLength(3);
      expect((await exportNotes('jsonld')).text).toContain(annotation(1).id);
      expect(context.asked.filter((type) => type !== 'storage/where')).toEqual(['annotations/list', 'annotations/export']);
    }
  });
});
