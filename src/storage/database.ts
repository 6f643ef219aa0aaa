// The IndexedDB schema in the extension's origin, its migrations, and a connection that reopens when the browser closes it.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Annotation } from '../core/annotation';
import type { Draft } from '../core/draft';

export const DB_NAME = 'margin';

export interface MarginSchema extends DBSchema {
  annotations: { key: string; value: Annotation; indexes: { page: string; labels: string; modified: string } };
  drafts: { key: string; value: Draft };
}

type UpgradeTx = IDBPTransaction<MarginSchema, StoreNames<MarginSchema>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<MarginSchema>, tx: UpgradeTx) => void | Promise<void>;

/** migrations[n] upgrades a database at version n to n + 1; a new schema is one more entry, never an edit of an old one. */
export const migrations: readonly Migration[] = [
  (db) => {
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('page', 'page');
    annotations.createIndex('labels', 'labels', { multiEntry: true });
    annotations.createIndex('modified', 'modified');
    db.createObjectStore('drafts', { keyPath: 'id' });
  },
];

export const DB_VERSION = migrations.length;

export function openDatabase(name = DB_NAME, version = DB_VERSION, onGone?: () => void): Promise<IDBPDatabase<MarginSchema>> {
  return openDB<MarginSchema>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let step = oldVersion; step < (newVersion ?? version); step++) await migrations[step]?.(db, tx);
    },
    // A newer version of us wants to upgrade: step aside instead of blocking it, and reopen on next use.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      onGone?.();
    },
    // The browser closed the connection under us (storage cleared, disk error): reopen on next use.
    terminated() {
      onGone?.();
    },
  });
}

/** One lazily opened connection shared by every request; reopened after the browser or a newer version closed it. */
export class Connection {
  #db: Promise<IDBPDatabase<MarginSchema>> | null = null;
  constructor(private readonly name = DB_NAME) {}

  get(): Promise<IDBPDatabase<MarginSchema>> {
    if (!this.#db) {
      const opening = openDatabase(this.name, DB_VERSION, () => {
        if (this.#db === opening) this.#db = null;
      });
      this.#db = opening;
      opening.catch(() => {
        if (this.#db === opening) this.#db = null;
      });
    }
    return this.#db;
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    (await db)?.close();
  }
}
