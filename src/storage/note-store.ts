// What the background asks of wherever notes are kept, and the choice between the extension's IndexedDB and, where
// the browser refuses it (Firefox's permanent private browsing), the extension's own storage area.
import type { Annotation } from '../core/annotation';
import type { AnnotationFilter } from '../core/annotation-filter';
import type { Draft, DraftRetention } from '../core/draft';
import type { MergeReport } from '../core/record-merge';
import type { Connection } from './database';
import { isStorageRefused } from './storage-errors';

/** Where notes are kept: the extension's IndexedDB, or `storage.local` when IndexedDB is refused. */
export type StorageKind = 'indexeddb' | 'extension-storage';

/**
 * Every write resolves only once it is stored, and records are keyed by the caller's id, so a retried write never
 * makes a second record. AnnotationStore (IndexedDB) and LocalAnnotationStore (storage.local) both keep this.
 */
export interface NoteStore {
  kind(): Promise<StorageKind>;
  forPage(page: string): Promise<Annotation[]>;
  forPageWithDismissals(page: string, site: string): Promise<Annotation[]>;
  all(): Promise<Annotation[]>;
  list(filter: AnnotationFilter): Promise<Annotation[]>;
  get(id: string): Promise<Annotation | undefined>;
  /** Writes what `build` makes of the stored record; `build` may throw to refuse, and then nothing is written. */
  upsert(id: string, build: (existing: Annotation | undefined) => Annotation): Promise<Annotation>;
  remove(ids: readonly string[]): Promise<Annotation[]>;
  /** All or nothing; newer `modified` wins; nothing stored is deleted. */
  merge(records: readonly Annotation[]): Promise<MergeReport>;
  putDraft(draft: Draft, keep: DraftRetention): Promise<void>;
  getDraft(id: string): Promise<Draft | undefined>;
  deleteDraft(id: string): Promise<void>;
  /** The annotation takes the draft's id: a retried save finds the draft again or the annotation already stored. */
  commitDraft(id: string, complete: (draft: Draft, existing: Annotation | undefined) => Annotation | null): Promise<Annotation | null>;
}

/**
 * The background's store: IndexedDB, unless the background runs in a private context or the browser refuses us
 * IndexedDB; then the fallback. In Firefox's permanent private browsing the background itself is private
 * (`extension.inIncognitoContext`), its IndexedDB would be deleted at quit, and Firefox ESR 140 refuses it outright
 * anyway (opening throws InvalidStateError "did not allow mutations"), while `storage.local` is kept outside private
 * browsing and survives a restart (all measured: private.e2e.ts). The choice is made on first use and kept for the
 * background's life: the mode cannot change while the browser runs. Any other failure to open (a full disk) is
 * reported as before and tried again on the next request.
 *
 * When IndexedDB is open and the fallback still holds notes (the reader left permanent private browsing), they are
 * moved into IndexedDB first (merge: all or nothing, newer wins), then removed from the fallback, so notes taken in
 * that mode are not stranded. A failed move is tried again by the next background.
 */
export class ChosenNoteStore implements NoteStore {
  #chosen: Promise<NoteStore> | undefined;

  constructor(
    /** The IndexedDB connection (settings, packs and the assignment live there only). */
    readonly connection: Connection,
    private readonly indexed: NoteStore,
    private readonly fallback?: NoteStore,
    /** The background runs in a private context (whatever it stores in IndexedDB goes at quit). */
    private readonly privateContext = false,
  ) {}

  private chosen(): Promise<NoteStore> {
    if (!this.#chosen) {
      const choosing = this.choose();
      this.#chosen = choosing;
      choosing.catch(() => {
        if (this.#chosen === choosing) this.#chosen = undefined;
      });
    }
    return this.#chosen;
  }

  private async choose(): Promise<NoteStore> {
    if (this.fallback && this.privateContext) return this.fallback;
    try {
      await this.connection.get();
    } catch (error) {
      if (this.fallback && isStorageRefused(error)) return this.fallback;
      throw error;
    }
    if (this.fallback) await this.moveIntoIndexed(this.fallback).catch((error: unknown) => console.error('[margin] notes not moved from extension storage', error));
    return this.indexed;
  }

  private async moveIntoIndexed(fallback: NoteStore): Promise<void> {
    const kept = await fallback.all();
    if (!kept.length) return;
    await this.indexed.merge(kept);
    await fallback.remove(kept.map((a) => a.id));
  }

  async kind() { return (await this.chosen()).kind(); }
  async forPage(page: string) { return (await this.chosen()).forPage(page); }
  async forPageWithDismissals(page: string, site: string) { return (await this.chosen()).forPageWithDismissals(page, site); }
  async all() { return (await this.chosen()).all(); }
  async list(filter: AnnotationFilter) { return (await this.chosen()).list(filter); }
  async get(id: string) { return (await this.chosen()).get(id); }
  async upsert(id: string, build: (existing: Annotation | undefined) => Annotation) { return (await this.chosen()).upsert(id, build); }
  async remove(ids: readonly string[]) { return (await this.chosen()).remove(ids); }
  async merge(records: readonly Annotation[]) { return (await this.chosen()).merge(records); }
  async putDraft(draft: Draft, keep: DraftRetention) { return (await this.chosen()).putDraft(draft, keep); }
  async getDraft(id: string) { return (await this.chosen()).getDraft(id); }
  async deleteDraft(id: string) { return (await this.chosen()).deleteDraft(id); }
  async commitDraft(id: string, complete: (draft: Draft, existing: Annotation | undefined) => Annotation | null) {
    return (await this.chosen()).commitDraft(id, complete);
  }
}
