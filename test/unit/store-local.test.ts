// The fallback note store (storage.local, for Firefox's permanent private browsing) answers as the IndexedDB store
// does; its own guarantees (all or nothing, acknowledged once written, no interleaved writes); and the choice
// between the two that the background makes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/core/annotation';
import type { Draft } from '../../src/core/draft';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { Connection } from '../../src/storage/database';
import { LocalAnnotationStore, type KeyValueArea } from '../../src/storage/local-annotation-store';
import { ChosenNoteStore, type NoteStore } from '../../src/storage/note-store';
import { annotation, at, uuidFor, verdict } from './store-fixtures';

/** storage.local as both browsers keep it: values cloned in and out, one `set` written whole or not at all. */
class MemoryArea implements KeyValueArea {
  readonly items = new Map<string, unknown>();
  /** The next `set` fails before writing anything (as an aborted transaction leaves the area). */
  failNextSet: Error | null = null;
  /** While set, every `set` waits for it before it writes and resolves. */
  gate: Promise<void> | null = null;

  async get(keys: string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys ?? [...this.items.keys()];
    return Object.fromEntries(wanted.filter((k) => this.items.has(k)).map((k) => [k, structuredClone(this.items.get(k))]));
  }
  async set(items: Record<string, unknown>): Promise<void> {
    await this.gate;
    const failure = this.failNextSet;
    this.failNextSet = null;
    if (failure) throw failure;
    for (const [key, value] of Object.entries(items)) this.items.set(key, structuredClone(value));
  }
  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}

const connections: Connection[] = [];
afterEach(async () => {
  for (const c of connections.splice(0)) await c.close();
});
let n = 0;
function indexedStore(): AnnotationStore {
  const connection = new Connection(`store-local-${++n}`);
  connections.push(connection);
  return new AnnotationStore(connection);
}

const ids = (list: Annotation[]) => list.map((a) => a.id);
const PAGE = 'https://news.example.co.uk/story-1';
const KEEP = { now: new Date(at(59)), maxAgeMs: 24 * 3600_000, perTab: 2, total: 100 };

function draft(k: number, tabId = 3, created = at(k)): Draft {
  const { id, page, site, pageTitle, quote, position } = annotation(k, { page: PAGE });
  return { id, page, site, pageTitle, quote, position, tabId, created };
}

const complete = (d: Draft, existing: Annotation | undefined): Annotation => ({
  ...annotation(0, { page: d.page }),
  id: d.id,
  quote: d.quote,
  position: d.position,
  created: existing?.created ?? at(40),
  modified: existing ? at(45) : at(40),
});

describe.each([
  ['indexeddb', indexedStore],
  ['extension-storage', () => new LocalAnnotationStore(new MemoryArea())],
] as const)('note store contract: %s', (kind, make: () => NoteStore) => {
  it('says where it keeps notes', async () => {
    expect(await make().kind()).toBe(kind);
  });

  it('lists newest change first, narrowed by page, site, label and text', async () => {
    const store = make();
    await store.merge([
      annotation(1, { page: 'https://a.example.com/x', modified: at(10), note: 'Who said so?' }),
      annotation(2, { page: 'https://b.example.com/y', modified: at(30), labels: ['promotional'] }),
      annotation(3, { page: 'https://a.example.com/x', modified: at(20) }),
    ]);
    expect(ids(await store.list({}))).toEqual([uuidFor(2), uuidFor(3), uuidFor(1)]);
    expect(ids(await store.list({ page: 'https://a.example.com/x#top' }))).toEqual([uuidFor(3), uuidFor(1)]);
    expect(ids(await store.list({ site: 'example.com', label: 'promotional' }))).toEqual([uuidFor(2)]);
    expect(ids(await store.list({ query: 'WHO SAID' }))).toEqual([uuidFor(1)]);
    expect(ids(await store.forPage('https://a.example.com/x')).sort()).toEqual([uuidFor(1), uuidFor(3)]);
    expect((await store.get(uuidFor(2)))?.labels).toEqual(['promotional']);
    expect(await store.get(uuidFor(9))).toBeUndefined();
  });

  it('gives a page its own records and the dismissals that reach it, once each', async () => {
    const store = make();
    const here = 'https://www.news.example.com/a';
    await store.merge([
      annotation(1, { page: here }),
      verdict(2, 'site', 'https://news.example.com/other'),
      verdict(3, 'site', 'https://elsewhere.org/b'),
      verdict(4, 'everywhere', 'https://elsewhere.org/c'),
      verdict(5, 'site', 'https://news.example.com/other', 'confirmed'),
      verdict(6, 'site', here),
    ]);
    expect(ids(await store.forPageWithDismissals(here, 'example.com')).sort()).toEqual([uuidFor(1), uuidFor(2), uuidFor(4), uuidFor(6)]);
  });

  it('merges all records, newer wins, and reports what it did; the same file again changes nothing', async () => {
    const store = make();
    await store.merge([annotation(1, { modified: at(10) }), annotation(2, { modified: at(10) })]);
    const report = await store.merge([annotation(1, { modified: at(20), note: 'newer' }), annotation(2, { modified: at(5), note: 'older' }), annotation(3)]);
    expect(report).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect((await store.get(uuidFor(1)))?.note).toBe('newer');
    expect((await store.get(uuidFor(2)))?.note).toBe('note 2');
    expect(await store.merge([annotation(1, { modified: at(20), note: 'newer' })])).toEqual({ added: 0, updated: 0, unchanged: 1 });
  });

  it('writes nothing when an upsert refuses, deletes, and a merge puts back exactly', async () => {
    const store = make();
    await store.merge([annotation(1), annotation(2)]);
    await expect(store.upsert(uuidFor(1), () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect((await store.get(uuidFor(1)))?.note).toBe('note 1');
    const removed = await store.remove([uuidFor(2), uuidFor(9), uuidFor(1)]);
    expect(ids(removed)).toEqual([uuidFor(2), uuidFor(1)]);
    expect(await store.all()).toEqual([]);
    await store.merge(removed);
    expect((await store.all()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([annotation(1), annotation(2)]);
  });

  it('completes a draft once: a retried save rewrites the same record, never a second one', async () => {
    const store = make();
    await store.putDraft(draft(1), KEEP);
    expect((await store.getDraft(uuidFor(1)))?.tabId).toBe(3);
    const first = await store.commitDraft(uuidFor(1), complete);
    expect(first?.id).toBe(uuidFor(1));
    expect(await store.getDraft(uuidFor(1))).toBeUndefined();
    // The background stopped after the annotation was written but before the draft was removed: the draft is back.
    await store.putDraft(draft(1), KEEP);
    const retried = await store.commitDraft(uuidFor(1), complete);
    expect(retried).toMatchObject({ id: uuidFor(1), created: at(40), modified: at(45) });
    expect(ids(await store.all())).toEqual([uuidFor(1)]);
    // Nothing waiting: the stored annotation is the answer.
    expect((await store.commitDraft(uuidFor(1), complete))?.modified).toBe(at(45));
    expect(await store.commitDraft(uuidFor(7), complete)).toBeNull();
  });

  it('keeps drafts within their limits per tab, and deletes one on cancel', async () => {
    const store = make();
    for (const k of [1, 2, 3]) await store.putDraft(draft(k, 3), KEEP);
    await store.putDraft(draft(4, 8), KEEP);
    expect(await store.getDraft(uuidFor(1))).toBeUndefined();
    expect((await Promise.all([2, 3, 4].map((k) => store.getDraft(uuidFor(k))))).map((d) => d?.id)).toEqual([uuidFor(2), uuidFor(3), uuidFor(4)]);
    await store.deleteDraft(uuidFor(4));
    expect(await store.getDraft(uuidFor(4))).toBeUndefined();
  });
});

describe('storage.local store: its own guarantees', () => {
  it('imports all or nothing: a failed write leaves what was stored as it was', async () => {
    const area = new MemoryArea();
    const store = new LocalAnnotationStore(area);
    await store.merge([annotation(1)]);
    area.failNextSet = new Error('QuotaExceededError');
    await expect(store.merge([annotation(1, { modified: at(50), note: 'changed' }), annotation(2), annotation(3)])).rejects.toThrow('QuotaExceededError');
    expect(await store.all()).toEqual([annotation(1)]);
    // The queue goes on after a failure.
    expect(await store.merge([annotation(2)])).toEqual({ added: 1, updated: 0, unchanged: 0 });
  });

  it('acknowledges a save only once the area has written it', async () => {
    const area = new MemoryArea();
    const store = new LocalAnnotationStore(area);
    await store.putDraft(draft(1), KEEP);
    let open!: () => void;
    area.gate = new Promise((resolve) => (open = resolve));
    let acknowledged = false;
    const saving = store.commitDraft(uuidFor(1), complete).then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acknowledged).toBe(false);
    expect(await store.get(uuidFor(1))).toBeUndefined();
    open();
    await saving;
    expect((await store.get(uuidFor(1)))?.id).toBe(uuidFor(1));
  });

  it('runs read-then-write changes of one record one after the other, so none is lost', async () => {
    const store = new LocalAnnotationStore(new MemoryArea());
    await store.merge([annotation(1, { labels: [] })]);
    await Promise.all(['a', 'b', 'c'].map((label) => store.upsert(uuidFor(1), (existing) => ({ ...existing!, labels: [...existing!.labels, label] }))));
    expect((await store.get(uuidFor(1)))?.labels).toEqual(['a', 'b', 'c']);
  });
});

describe('the background chooses where notes are kept', () => {
  const refused = () => Object.assign(new Error('A mutation operation was attempted on a database that did not allow mutations.'), { name: 'InvalidStateError' });
  const failingConnection = (errors: Error[]) => ({ get: () => Promise.reject(errors.shift() ?? new Error('no more')) }) as unknown as Connection;

  it('uses the storage area when the browser refuses IndexedDB, and keeps that choice', async () => {
    const area = new MemoryArea();
    let opens = 0;
    const connection = { get: () => (opens++, Promise.reject(refused())) } as unknown as Connection;
    const store = new ChosenNoteStore(connection, indexedStore(), new LocalAnnotationStore(area));
    expect(await store.kind()).toBe('extension-storage');
    await store.merge([annotation(1)]);
    expect([...area.items.keys()]).toEqual([`annotation:${uuidFor(1)}`]);
    expect(ids(await store.list({}))).toEqual([uuidFor(1)]);
    expect(opens).toBe(1);
  });

  it('uses the storage area in a private context without opening IndexedDB (it would be deleted at quit)', async () => {
    let opens = 0;
    const connection = { get: () => (opens++, Promise.resolve()) } as unknown as Connection;
    const store = new ChosenNoteStore(connection, indexedStore(), new LocalAnnotationStore(new MemoryArea()), true);
    expect(await store.kind()).toBe('extension-storage');
    expect(opens).toBe(0);
  });

  it('passes other failures on (a full disk) and tries again on the next request; without a fallback, a refusal too', async () => {
    const full = Object.assign(new Error('Internal error opening backing store'), { name: 'UnknownError' });
    const store = new ChosenNoteStore(failingConnection([full, refused()]), indexedStore(), new LocalAnnotationStore(new MemoryArea()));
    await expect(store.list({})).rejects.toMatchObject({ name: 'UnknownError' });
    expect(await store.kind()).toBe('extension-storage');
    const noFallback = new ChosenNoteStore(failingConnection([refused()]), indexedStore());
    await expect(noFallback.kind()).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('moves notes kept in the storage area into IndexedDB once IndexedDB opens (the reader left private browsing)', async () => {
    const area = new MemoryArea();
    const local = new LocalAnnotationStore(area);
    await local.merge([annotation(1, { modified: at(30), note: 'taken in private' }), annotation(2)]);
    await local.putDraft(draft(5), KEEP);
    const indexed = indexedStore();
    await indexed.merge([annotation(2, { modified: at(50), note: 'newer in IndexedDB' })]);
    const store = new ChosenNoteStore(indexed.connection, indexed, local);
    expect(await store.kind()).toBe('indexeddb');
    expect((await store.get(uuidFor(1)))?.note).toBe('taken in private');
    expect((await store.get(uuidFor(2)))?.note).toBe('newer in IndexedDB');
    expect(await local.all()).toEqual([]);
  });
});
