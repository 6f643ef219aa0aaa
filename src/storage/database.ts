// The migrations of the extension's IndexedDB (its stores are in schema.ts), and a connection that reopens when the browser closes it.
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Annotation } from '../core/annotation';
import { siteOf } from '../core/site';
import type { Draft } from '../core/draft';
import { DB_NAME, type MarginSchema } from './schema';

export { DB_NAME, type MarginSchema } from './schema';

type UpgradeTx = IDBPTransaction<MarginSchema, StoreNames<MarginSchema>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<MarginSchema>, tx: UpgradeTx) => void | Promise<void>;

/**
 * migrations[n] upgrades a database at version n to n + 1; a new schema is one more entry, never an edit of an old one.
 * Each runs inside the upgrade transaction, so a failure leaves the database at the old version with its data intact.
 * A migration sees records in the shape of its own version, whatever today's types say: read them as `unknown`.
 */
export const migrations: readonly Migration[] = [
  // v1: annotations by page, label and time; drafts.
  (db) => {
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('page', 'page');
    annotations.createIndex('labels', 'labels', { multiEntry: true });
    annotations.createIndex('modified', 'modified');
    db.createObjectStore('drafts', { keyPath: 'id' });
  },
  // v2: every record and draft gets its `site` (registrable domain of its page); indexes for site and flag scope.
  async (_db, tx) => {
    const annotations = tx.objectStore('annotations');
    annotations.createIndex('site', 'site');
    annotations.createIndex('flagScope', 'flag.scope');
    for (const name of ['annotations', 'drafts'] as const) {
      for (let cursor = await tx.objectStore(name).openCursor(); cursor; cursor = await cursor.continue()) {
        const record: unknown = cursor.value;
        if (typeof record !== 'object' || record === null) continue;
        const { page, site } = record as { page?: unknown; site?: unknown };
        if (typeof site === 'string') continue;
        await cursor.update({ ...(record as Annotation & Draft), site: typeof page === 'string' ? siteOf(page) : '' });
      }
    }
  },
  // v3: teachers' packs with one step of undo each, the compiled effective pack, and the reader's settings.
  (db) => {
    db.createObjectStore('packs', { keyPath: 'id' });
    db.createObjectStore('packHistory');
    db.createObjectStore('compiledPack');
    db.createObjectStore('settings');
  },
  // v4: the student's current assignment.
  (db) => {
    db.createObjectStore('assignment');
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

  /**
   * Starts a transaction. A connection that was closed without telling us (no "close" event: `db.close()` elsewhere, a
   * browser that skips the event) throws InvalidStateError here, before anything ran: then open a new connection and
   * try once more. Errors after the transaction started are the caller's, since only it knows whether a retry is safe.
   */
  async transaction<Names extends StoreNames<MarginSchema>[], Mode extends IDBTransactionMode = 'readonly'>(
    names: Names,
    mode?: Mode,
    options?: IDBTransactionOptions,
  ): Promise<IDBPTransaction<MarginSchema, Names, Mode>> {
    for (let attempt = 0; ; attempt++) {
      const opening = this.get();
      const db = await opening;
      try {
        return db.transaction(names, mode, options);
      } catch (error) {
        if (attempt > 0 || (error as { name?: unknown } | null)?.name !== 'InvalidStateError') throw error;
        if (this.#db === opening) this.#db = null;
      }
    }
  }

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
