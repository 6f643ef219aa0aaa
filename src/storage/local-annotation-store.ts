// Notes and drafts in the extension's own storage area (`storage.local`), for when the browser refuses IndexedDB:
// Firefox's permanent private browsing. One key per record; every write resolves once the area has stored it.
import { compareNewestFirst, matchesFilter, prepareFilter, type AnnotationFilter } from '../core/annotation-filter';
import type { Annotation } from '../core/annotation';
import { draftsToDrop, type Draft, type DraftRetention } from '../core/draft';
import { planMerge, withDismissalsReaching, type MergeReport } from '../core/record-merge';
import type { NoteStore, StorageKind } from './note-store';

/**
 * The part of `storage.local` we use. Firefox (ExtensionStorageIDB) writes all the items of one `set` in one
 * IndexedDB transaction, aborted as a whole if any put fails, and resolves once that transaction has completed;
 * Chromium writes one `set` as one batch. So one `set` is all or nothing, and acknowledged only once written.
 */
export interface KeyValueArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

const NOTE = 'annotation:';
const DRAFT = 'draft:';

export class LocalAnnotationStore implements NoteStore {
  /**
   * Writes run one after another: a read-then-write (upsert, merge, a draft's completion) must not interleave with
   * another on the same record, which a transaction ensures in IndexedDB and this queue ensures here. The background
   * is one context, and the only writer of this area.
   */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly area: KeyValueArea) {}

  async kind(): Promise<StorageKind> {
    return 'extension-storage';
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(work, work);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  private async stored<T>(prefix: string): Promise<T[]> {
    const items = await this.area.get(null);
    return Object.entries(items).flatMap(([key, value]) => (key.startsWith(prefix) ? [value as T] : []));
  }

  private async read<T>(prefix: string, ids: readonly string[]): Promise<Map<string, T>> {
    if (!ids.length) return new Map();
    const items = await this.area.get(ids.map((id) => prefix + id));
    return new Map(ids.flatMap((id) => (items[prefix + id] === undefined ? [] : [[id, items[prefix + id] as T] as const])));
  }

  private write(records: readonly Annotation[]): Promise<void> {
    return records.length ? this.area.set(Object.fromEntries(records.map((r) => [NOTE + r.id, r]))) : Promise.resolve();
  }

  // --- Reads: every record is read; this mode holds the notes of private sessions, not years of them ---------------

  all(): Promise<Annotation[]> {
    return this.stored<Annotation>(NOTE);
  }

  async forPage(page: string): Promise<Annotation[]> {
    return (await this.all()).filter((a) => a.page === page);
  }

  async forPageWithDismissals(page: string, site: string): Promise<Annotation[]> {
    const all = await this.all();
    return withDismissalsReaching(all.filter((a) => a.page === page), all.filter((a) => a.flag !== undefined), site);
  }

  async list(filter: AnnotationFilter): Promise<Annotation[]> {
    const prepared = prepareFilter(filter);
    return (await this.all()).filter((a) => matchesFilter(a, prepared)).sort(compareNewestFirst);
  }

  async get(id: string): Promise<Annotation | undefined> {
    return (await this.read<Annotation>(NOTE, [id])).get(id);
  }

  // --- Writes --------------------------------------------------------------------------------

  upsert(id: string, build: (existing: Annotation | undefined) => Annotation): Promise<Annotation> {
    return this.serially(async () => {
      const record = build(await this.get(id));
      await this.write([record]);
      return record;
    });
  }

  remove(ids: readonly string[]): Promise<Annotation[]> {
    return this.serially(async () => {
      const found = await this.read<Annotation>(NOTE, ids);
      if (found.size) await this.area.remove([...found.keys()].map((id) => NOTE + id));
      return ids.flatMap((id) => found.get(id) ?? []);
    });
  }

  /** One `set` for every record written: all land or none does. */
  merge(records: readonly Annotation[]): Promise<MergeReport> {
    return this.serially(async () => {
      const stored = await this.read<Annotation>(NOTE, records.map((r) => r.id));
      const plan = planMerge(new Map([...stored].map(([id, a]) => [id, a.modified])), records);
      await this.write(plan.write);
      return plan.report;
    });
  }

  // --- Drafts --------------------------------------------------------------------------------

  /** Stores the draft, then drops the expired drafts and the oldest beyond the limits (as the IndexedDB store does). */
  putDraft(draft: Draft, keep: DraftRetention): Promise<void> {
    return this.serially(async () => {
      const others = (await this.stored<Draft>(DRAFT)).filter((d) => d.id !== draft.id);
      await this.area.set({ [DRAFT + draft.id]: draft });
      const drop = draftsToDrop(others, draft, keep);
      if (drop.length) await this.area.remove(drop.map((id) => DRAFT + id));
    });
  }

  async getDraft(id: string): Promise<Draft | undefined> {
    return (await this.read<Draft>(DRAFT, [id])).get(id);
  }

  deleteDraft(id: string): Promise<void> {
    return this.serially(() => this.area.remove([DRAFT + id]));
  }

  /**
   * Writes the annotation under the draft's id, then removes the draft. Should the background stop between the two,
   * the retry finds the draft and the annotation and rewrites the same record: never two.
   */
  commitDraft(id: string, complete: (draft: Draft, existing: Annotation | undefined) => Annotation | null): Promise<Annotation | null> {
    return this.serially(async () => {
      const [draft, existing] = await Promise.all([this.getDraft(id), this.get(id)]);
      const annotation = draft ? complete(draft, existing) : (existing ?? null);
      if (draft && annotation) {
        await this.write([annotation]);
        await this.area.remove([DRAFT + id]);
      }
      return annotation;
    });
  }
}
