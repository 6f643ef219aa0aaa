// Schema v1 -> v2 with data in it: every record and draft gets its site, the new indexes answer, nothing is lost.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { Connection, DB_VERSION, migrations, openDatabase, type MarginSchema } from '../../src/storage/database';
import { uuidFor } from './store-fixtures';

/** Records exactly as version 1 stored them: no site, no fingerprint, no flag. */
const v1Record = (n: number, page: string) => ({
  id: uuidFor(n),
  page,
  pageTitle: `Story ${n}`,
  motivation: 'commenting',
  quote: { exact: `quote ${n}`, prefix: '', suffix: '' },
  position: { start: 0, end: 5 },
  note: `note ${n}`,
  labels: n % 2 ? ['question'] : [],
  created: '2025-06-01T00:00:00.000Z',
  modified: `2025-06-0${1 + (n % 9)}T00:00:00.000Z`,
});

const PAGES = [
  'https://news.example.co.uk/politics/1',
  'https://www.bbc.co.uk/news/world-1',
  'https://me.github.io/post',
  'http://localhost:8080/article',
  'http://127.0.0.1/story',
  'https://xn--bcher-kva.example/a',
];

/** A database built by the version 1 code path alone, filled with version 1 records. */
async function createV1(name: string, count: number) {
  const db = await openDB<MarginSchema>(name, 1, { upgrade: (db, _old, _new, tx) => migrations[0]!(db, tx) });
  const tx = db.transaction(['annotations', 'drafts'], 'readwrite');
  for (let n = 0; n < count; n++) await tx.objectStore('annotations').put(v1Record(n, PAGES[n % PAGES.length]!) as never);
  await tx.objectStore('drafts').put({ id: uuidFor(9_999), page: PAGES[1], pageTitle: 't', quote: { exact: 'q', prefix: '', suffix: '' }, position: { start: 0, end: 1 }, tabId: 4, created: '2025-06-01T00:00:00.000Z' } as never);
  await tx.done;
  expect([...db.transaction('annotations').store.indexNames].sort()).toEqual(['labels', 'modified', 'page']);
  db.close();
}

describe('migration to v2', () => {
  it('adds the site to every v1 record and draft, keeps everything else, and the new indexes answer', async () => {
    await createV1('migrate-data', 60);
    const connection = new Connection('migrate-data');
    const db = await connection.get();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('annotations').store.indexNames].sort()).toEqual(['flagScope', 'labels', 'modified', 'page', 'site']);

    const all = await db.getAll('annotations');
    expect(all).toHaveLength(60);
    for (const record of all) {
      const n = Number.parseInt(record.id.slice(-12), 16);
      expect(record).toEqual({ ...v1Record(n, PAGES[n % PAGES.length]!), site: expect.any(String) });
    }
    const siteOfPage = Object.fromEntries(all.map((r) => [r.page, r.site]));
    expect(siteOfPage).toEqual({
      'https://news.example.co.uk/politics/1': 'example.co.uk',
      'https://www.bbc.co.uk/news/world-1': 'bbc.co.uk',
      'https://me.github.io/post': 'me.github.io',
      'http://localhost:8080/article': 'localhost',
      'http://127.0.0.1/story': '127.0.0.1',
      'https://xn--bcher-kva.example/a': 'xn--bcher-kva.example',
    });
    expect(await db.countFromIndex('annotations', 'site', 'bbc.co.uk')).toBe(10);
    expect(await db.countFromIndex('annotations', 'flagScope')).toBe(0);
    expect(await db.countFromIndex('annotations', 'labels', 'question')).toBe(30);
    expect((await db.get('drafts', uuidFor(9_999)))?.site).toBe('bbc.co.uk');

    // The store's queries work on the migrated data.
    const store = new AnnotationStore(connection);
    expect((await store.list({ site: 'localhost' })).map((a) => a.page)).toEqual(Array(10).fill('http://localhost:8080/article'));
    expect(await store.forPageWithDismissals(PAGES[0]!, 'example.co.uk')).toHaveLength(10);
    await connection.close();
  });

  it('migrates an empty v1 database', async () => {
    await createV1('migrate-empty', 0);
    const db = await openDatabase('migrate-empty');
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('annotations')).toBe(0);
    db.close();
  });

  it('is not blocked by an older page still holding a v1 connection: that connection steps aside', async () => {
    await createV1('migrate-blocking', 3);
    let stepAside = 0;
    const old = await openDatabase('migrate-blocking', 1, () => stepAside++);
    expect(old.version).toBe(1);
    let blocked = false;
    const upgraded = await openDB<MarginSchema>('migrate-blocking', DB_VERSION, {
      upgrade: async (db, oldVersion, newVersion, tx) => {
        for (let step = oldVersion; step < (newVersion ?? DB_VERSION); step++) await migrations[step]!(db, tx);
      },
      blocked: () => {
        blocked = true;
      },
    });
    expect(blocked).toBe(false);
    expect(stepAside).toBe(1);
    expect((await upgraded.getAll('annotations')).every((a) => a.site === 'example.co.uk' || a.site === 'bbc.co.uk' || a.site === 'me.github.io')).toBe(true);
    upgraded.close();
  });

  it('after stepping aside for a newer version, never hands out the closed connection again', async () => {
    await createV1('migrate-newer', 2);
    const connection = new Connection('migrate-newer');
    const first = await connection.get();
    // Another context (a newer version of the extension) upgrades further while we hold a connection.
    const newer = await openDB('migrate-newer', DB_VERSION + 1, { upgrade: () => undefined });
    newer.close();
    // We closed ours (`blocking`) and forgot it: the next request opens again, and this old code is told why it cannot.
    const second = connection.get();
    expect(second).not.toBe(Promise.resolve(first));
    await expect(second).rejects.toMatchObject({ name: 'VersionError' });
  });
});
