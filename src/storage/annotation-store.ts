// Queries and writes on annotations and drafts; a write resolves only once its transaction has committed.
import type { IDBPTransaction, StoreNames } from 'idb';
import { compareNewestFirst, matchesFilter, prepareFilter, type AnnotationFilter } from '../core/annotation-filter';
import type { Annotation } from '../core/annotation';
import { draftsToDrop, type Draft, type DraftRetention } from '../core/draft';
import { planMerge, withDismissalsReaching, type MergeReport } from '../core/record-merge';
import type { Connection, MarginSchema } from './database';
import type { NoteStore, StorageKind } from './note-store';

/** User notes are irreplaceable: ask the browser to flush them to disk before it reports success. */
const DURABLE = { durability: 'strict' } as const;

export type AnyTx = IDBPTransaction<MarginSchema, StoreNames<MarginSchema>[], 'readwrite'>;

/** Marks a request of the transaction: its failure aborts the transaction, and becomes the error `commit` reports. */
type Track = (request: Promise<unknown>) => void;

/**
 * Runs the work of one read-write transaction and resolves only when the transaction has committed. If the work
 * throws (a value that cannot be cloned, a builder that refuses, a failed read), the transaction is aborted so that
 * none of its writes land: without the abort, the writes issued before the throw would commit on their own.
 *
 * When a request fails (QuotaExceededError on a put), its error event reaches the transaction before the browser has
 * set `transaction.error`, so idb's `tx.done` rejects with a bare AbortError: the cause is the request's error, and
 * that is what is reported (the router turns QuotaExceededError into a "no room left" reply).
 */
export async function commit<T>(tx: AnyTx, work: (track: Track) => Promise<T>): Promise<T> {
  let cause: unknown;
  const track: Track = (request) => {
    request.catch((error: unknown) => {
      cause ??= error;
    });
  };
  let result: T;
  try {
    result = await work(track);
  } catch (error) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      // already finished: it wrote nothing of ours, or everything
    }
    throw error;
  }
  try {
    await tx.done;
  } catch (error) {
    throw cause ?? error;
  }
  return result;
}

/** Below this much room left, a transaction aborted without a cause of its own is taken for a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/** What `AnnotationStore.list` reads, in a transaction of the caller's (our pages read in place: src/ui/stored-notes.ts). */
export async function listIn(tx: IDBPTransaction<MarginSchema, ['annotations'], IDBTransactionMode>, filter: AnnotationFilter): Promise<Annotation[]> {
  const prepared = prepareFilter(filter);
  const store = tx.objectStore('annotations');
  const candidates =
    prepared.page !== undefined
      ? await store.index('page').getAll(prepared.page)
      : prepared.label !== undefined
        ? await store.index('labels').getAll(prepared.label)
        : prepared.site !== undefined
          ? await store.index('site').getAll(prepared.site)
          : await store.getAll();
  return candidates.filter((a) => matchesFilter(a, prepared)).sort(compareNewestFirst);
}

/** What the browser says is left for our origin (Chromium with unlimitedStorage: the free disk space). */
async function roomLeftForOrigin(): Promise<number> {
  const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
  return estimate?.quota !== undefined && estimate.usage !== undefined ? estimate.quota - estimate.usage : Infinity;
}

export class AnnotationStore implements NoteStore {
  constructor(
    readonly connection: Connection,
    /** Bytes left for our origin; injected by tests. */
    private readonly roomLeft: () => Promise<number> = roomLeftForOrigin,
  ) {}

  async kind(): Promise<StorageKind> {
    return 'indexeddb';
  }

  // --- Reads ---------------------------------------------------------------------------------

  async forPage(page: string): Promise<Annotation[]> {
    const tx = await this.connection.transaction(['annotations']);
    return tx.objectStore('annotations').index('page').getAll(page);
  }

  /**
   * What a content script needs for its page: the page's own records, plus the reader's dismissals of flags with
   * scope "site" on the same site or scope "everywhere". Those come from the `flagScope` index, which holds flagged
   * records only: a dismissal reaches a whole site, so the reader makes few of them, far fewer than a site's notes.
   */
  async forPageWithDismissals(page: string, site: string): Promise<Annotation[]> {
    const tx = await this.connection.transaction(['annotations']);
    const store = tx.objectStore('annotations');
    const [own, siteWide, everywhere] = await Promise.all([
      store.index('page').getAll(page),
      store.index('flagScope').getAll('site'),
      store.index('flagScope').getAll('everywhere'),
    ]);
    return withDismissalsReaching(own, [...siteWide, ...everywhere], site);
  }

  async all(): Promise<Annotation[]> {
    const tx = await this.connection.transaction(['annotations']);
    return tx.objectStore('annotations').getAll();
  }

  /**
   * The records a filter selects, newest change first. The most selective index narrows the read (page, then label,
   * then site); the rest is tested in memory, which for 10,000 records is a few milliseconds.
   */
  async list(filter: AnnotationFilter): Promise<Annotation[]> {
    return listIn(await this.connection.transaction(['annotations']), filter);
  }

  async get(id: string): Promise<Annotation | undefined> {
    const tx = await this.connection.transaction(['annotations']);
    return tx.objectStore('annotations').get(id);
  }

  // --- Writes --------------------------------------------------------------------------------

  /**
   * Runs `work` in one read-write transaction and resolves once it has committed. An InvalidStateError gets one more,
   * fresh transaction: Firefox makes the first read-write transaction after a quota failure a clean-up one, whose
   * puts throw it (seen in faults.e2e.ts, after the reader freed space), and a connection closed under us throws it
   * too. Either way that transaction wrote nothing, so running the work again cannot write twice. An abort without a
   * cause of its own while the origin has almost no room left is reported as the quota failure it is.
   */
  private async readWrite<Names extends StoreNames<MarginSchema>[], T>(
    names: Names,
    options: IDBTransactionOptions,
    work: (tx: IDBPTransaction<MarginSchema, Names, 'readwrite'>, write: Track) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const tx = await this.connection.transaction(names, 'readwrite', options);
      try {
        return await commit(tx as unknown as AnyTx, (write) => work(tx, write));
      } catch (error) {
        const name = (error as { name?: unknown } | null)?.name;
        // Chromium on a full disk may close the connection from another write, aborting ours with a bare AbortError.
        if (name === 'AbortError' && (await this.roomLeft()) < NEARLY_FULL_BYTES) {
          throw new DOMException('The transaction was aborted and the disk is (nearly) full.', 'QuotaExceededError');
        }
        if (attempt > 0 || name !== 'InvalidStateError') throw error;
      }
    }
  }

  /**
   * Reads the record with this id and writes what `build` makes of it, in one transaction (two writers of the same
   * record cannot interleave). `build` may throw to refuse: then nothing is written and the error is passed on.
   */
  async upsert(id: string, build: (existing: Annotation | undefined) => Annotation): Promise<Annotation> {
    return this.readWrite(['annotations'], DURABLE, async (tx, write) => {
      const store = tx.objectStore('annotations');
      const record = build(await store.get(id));
      write(store.put(record));
      return record;
    });
  }

  /** Deletes what exists of these ids and returns it (in the order asked), so the caller can offer an undo. */
  async remove(ids: readonly string[]): Promise<Annotation[]> {
    return this.readWrite(['annotations'], DURABLE, async (tx, write) => {
      const store = tx.objectStore('annotations');
      const found = (await Promise.all(ids.map((id) => store.get(id)))).filter((a): a is Annotation => a !== undefined);
      for (const a of found) write(store.delete(a.id));
      return found;
    });
  }

  /**
   * Merges records (unique ids) into the store in ONE transaction: all land or none does (an abort, such as
   * QuotaExceededError, rejects and leaves the store as it was). A record replaces a stored one only with a later
   * `modified`; nothing stored is ever deleted. The stored versions are read with one `getAll` when that reads fewer
   * records than one `get` per incoming id would.
   */
  async merge(records: readonly Annotation[]): Promise<MergeReport> {
    return this.readWrite(['annotations'], DURABLE, async (tx, write) => {
      const store = tx.objectStore('annotations');
      const stored = (await store.count()) <= records.length
        ? new Map((await store.getAll()).map((a) => [a.id, a.modified]))
        : new Map((await Promise.all(records.map((r) => store.get(r.id)))).flatMap((a) => (a ? [[a.id, a.modified] as const] : [])));
      const plan = planMerge(stored, records);
      for (const record of plan.write) write(store.put(record));
      return plan.report;
    });
  }

  // --- Drafts --------------------------------------------------------------------------------

  /**
   * Stores a draft and, in the same transaction, drops the drafts that are too old and the oldest beyond the limits
   * per tab and in all (the new draft counts; it is the newest).
   */
  async putDraft(draft: Draft, keep: DraftRetention): Promise<void> {
    await this.readWrite(['drafts'], DURABLE, async (tx, write) => {
      const store = tx.objectStore('drafts');
      const others = (await store.getAll()).filter((d) => d.id !== draft.id);
      for (const id of draftsToDrop(others, draft, keep)) write(store.delete(id));
      write(store.put(draft));
    });
  }

  async getDraft(id: string): Promise<Draft | undefined> {
    const tx = await this.connection.transaction(['drafts']);
    return tx.objectStore('drafts').get(id);
  }

  async deleteDraft(id: string): Promise<void> {
    await this.readWrite(['drafts'], {}, async (tx, write) => write(tx.objectStore('drafts').delete(id)));
  }

  /**
   * Completes a draft into an annotation in one transaction. The annotation takes the draft's id, so a save retried
   * after the background died either finds the draft again or finds the annotation already stored: never two. If the
   * transaction fails (the disk is full), the draft stays for a retry.
   */
  async commitDraft(id: string, complete: (draft: Draft, existing: Annotation | undefined) => Annotation | null): Promise<Annotation | null> {
    return this.readWrite(['drafts', 'annotations'], DURABLE, async (tx, write) => {
      const [draft, existing] = await Promise.all([tx.objectStore('drafts').get(id), tx.objectStore('annotations').get(id)]);
      const annotation = draft ? complete(draft, existing) : (existing ?? null);
      if (draft && annotation) {
        write(tx.objectStore('annotations').put(annotation));
        write(tx.objectStore('drafts').delete(id));
      }
      return annotation;
    });
  }
}
