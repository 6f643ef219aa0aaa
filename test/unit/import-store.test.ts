// Import into the store: round trip export -> import -> export, merge by id, all or nothing, and 100,000 records.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import type { Annotation } from '../../src/core/annotation';
import { toJsonLd } from '../../src/core/export';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { AssignmentStore } from '../../src/storage/assignment-store';
import { Connection } from '../../src/storage/database';
import { annotation, at, uuidFor, verdict } from './store-fixtures';

const EXT_ID = 'test-extension';
const ORIGIN = 'chrome-extension://test-extension/';
const popup: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/popup/index.html` };

let n = 0;
const open: Connection[] = [];
function setup() {
  const connection = new Connection(`import-store-${++n}`);
  open.push(connection);
  const store = new AnnotationStore(connection);
  const router = createRouter({ store, assignments: new AssignmentStore(new Connection('assignments-unused')), extensionId: EXT_ID, extensionOrigin: ORIGIN, productName: 'Margin', now: () => new Date('2026-02-03T04:05:06.000Z'), notifyTab: () => undefined, notifyAllTabs: () => undefined });
  const ask = async <T>(type: string, payload: unknown): Promise<T> => {
    const reply = await router.route({ type, payload }, popup);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.value as T;
  };
  return { store, ask };
}
beforeEach(() => {
  open.length = 0;
});
afterEach(async () => {
  await Promise.all(open.map((c) => c.close()));
});

/** Notes, labels, flags, unicode, quotes, commas, line breaks and formula-like text: all that must survive. */
const library = (): Annotation[] => [
  annotation(1, { note: 'He said "it\'s over", didn\'t he?\nSee, also, the second paragraph.', labels: ['loaded language', 'question'] }),
  annotation(2, { note: '', labels: [], motivation: 'highlighting', pageTitle: '' }),
  annotation(3, { note: '', labels: ['unsourced claim'], motivation: 'tagging', fingerprint: '9f86d081884c7d65' }),
  { ...verdict(4, 'site', 'https://www.bbc.co.uk/news/a'), pageTitle: 'BBC — «Élection» 🗳️' },
  verdict(5, 'everywhere', 'https://me.github.io/post', 'confirmed'),
  annotation(6, { note: '=1+1, @here, -minus', labels: ['+plus', 'ユーザー'], quote: { exact: 'שלום, "עולם"', prefix: 'e\u0301', suffix: '\u00ad\u00a0' } }),
];

describe('import into the store', () => {
  it('round trip: export -> import into an empty store -> export gives the same text, in both formats', async () => {
    const source = setup();
    await source.store.merge(library());
    const jsonld = await source.ask<{ text: string }>('annotations/export', { format: 'jsonld' });
    const csv = await source.ask<{ text: string }>('annotations/export', { format: 'csv' });

    const target = setup();
    expect(await target.ask('annotations/import', { text: jsonld.text })).toEqual({ total: 6, repeated: 0, added: 6, updated: 0, unchanged: 0 });
    expect((await target.ask<{ text: string }>('annotations/export', { format: 'jsonld' })).text).toBe(jsonld.text);
    expect((await target.ask<{ text: string }>('annotations/export', { format: 'csv' })).text).toBe(csv.text);
    expect((await target.store.all()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(library());
    // Importing the same file again changes nothing.
    expect(await target.ask('annotations/import', { text: jsonld.text })).toEqual({ total: 6, repeated: 0, added: 0, updated: 0, unchanged: 6 });
  });

  it('merges by id: newer wins, nothing stored is deleted, and duplicates in the file count once', async () => {
    const { store, ask } = setup();
    await store.merge([annotation(1, { modified: at(10), note: 'stored' }), annotation(2, { modified: at(10), note: 'stored' }), annotation(7)]);
    const file = toJsonLd([annotation(1, { modified: at(20), note: 'newer' }), annotation(2, { modified: at(5), note: 'older' }), annotation(3)], 'Margin');
    const duplicated = file.replace(/("items": \[\n)(.*\n)/, '$1$2$2').replace('"total": 3', '"total": 4');
    expect(await ask('annotations/import', { text: duplicated })).toEqual({ total: 4, repeated: 1, added: 1, updated: 1, unchanged: 1 });
    expect(Object.fromEntries((await store.all()).map((a) => [a.id, a.note]))).toEqual({ [uuidFor(1)]: 'newer', [uuidFor(2)]: 'stored', [uuidFor(3)]: 'note 3', [uuidFor(7)]: 'note 7' });
  });

  it('changes nothing when any record is bad', async () => {
    const { store, ask } = setup();
    await store.merge([annotation(1, { note: 'precious' })]);
    const file = toJsonLd([annotation(1, { modified: at(59), note: 'overwrite?' }), annotation(2), annotation(3)], 'Margin').replace('"exact":"quote 3"', '"exact":""');
    await expect(ask('annotations/import', { text: file })).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining(`record 3 (id urn:uuid:${uuidFor(3)}): target.selector.0.exact`) });
    expect(await store.all()).toEqual([annotation(1, { note: 'precious' })]);
  });

  it('imports 100,000 records in one transaction', async () => {
    const { store, ask } = setup();
    await store.merge([annotation(5, { modified: '2030-01-01T00:00:00.000Z', note: 'newer than the file' })]);
    const records = Array.from({ length: 100_000 }, (_, i) => annotation(i, { created: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), modified: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() }));
    const text = toJsonLd(records, 'Margin');
    const started = performance.now();
    const report = await ask('annotations/import', { text });
    const elapsed = performance.now() - started;
    console.log(`import: 100,000 records (${(text.length / 1e6).toFixed(1)} MB) parsed, validated and merged into fake-indexeddb in ${Math.round(elapsed)} ms`);
    expect(report).toEqual({ total: 100_000, repeated: 0, added: 99_999, updated: 0, unchanged: 1 });
    expect(await store.list({ page: 'https://news.example.co.uk/story-3' })).toHaveLength(14_286);
    expect((await store.get(uuidFor(5)))?.note).toBe('newer than the file');
    expect((await store.get(uuidFor(99_999)))).toEqual(records[99_999]);

  }, 600_000); // a bound on correctness only: fake-indexeddb writes ~3,000 records a second
});
