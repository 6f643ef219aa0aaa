import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { Connection, DB_VERSION, openDatabase } from '../../src/storage/database';

describe('database', () => {
  it('creates the stores and indexes of the current version', async () => {
    const db = await openDatabase('db-fresh');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'compiledPack', 'drafts', 'packHistory', 'packs', 'settings']);
    const tx = db.transaction('annotations');
    expect([...tx.store.indexNames].sort()).toEqual(['flagScope', 'labels', 'modified', 'page', 'site']);
    db.close();
  });

  it('steps aside when a newer version upgrades the database instead of blocking it', async () => {
    const connection = new Connection('db-upgrade');
    await connection.get();
    let blocked = false;
    const newer = await openDB('db-upgrade', DB_VERSION + 1, { blocked: () => { blocked = true; } });
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(blocked).toBe(false);
    newer.close();
  });

  it('opens a fresh connection after the previous one was closed', async () => {
    const connection = new Connection('db-terminated');
    const first = await connection.get();
    first.close();
    await connection.close();
    const second = await connection.get();
    expect(second).not.toBe(first);
    expect(await second.count('annotations')).toBe(0);
    second.close();
  });
});
