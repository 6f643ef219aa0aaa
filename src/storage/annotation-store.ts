// Queries and writes on annotations and drafts; a write resolves only once its transaction has committed.
import type { Annotation } from '../core/annotation';
import type { Draft } from '../core/draft';
import type { Connection } from './database';

/** User notes are irreplaceable: ask the browser to flush them to disk before it reports success. */
const DURABLE = { durability: 'strict' } as const;

export class AnnotationStore {
  constructor(private readonly connection: Connection) {}

  async forPage(page: string): Promise<Annotation[]> {
    const db = await this.connection.get();
    return db.getAllFromIndex('annotations', 'page', page);
  }

  async all(): Promise<Annotation[]> {
    const db = await this.connection.get();
    return db.getAll('annotations');
  }

  async get(id: string): Promise<Annotation | undefined> {
    return (await this.connection.get()).get('annotations', id);
  }

  async putDraft(draft: Draft): Promise<void> {
    const db = await this.connection.get();
    const tx = db.transaction('drafts', 'readwrite', DURABLE);
    await Promise.all([tx.store.put(draft), tx.done]);
  }

  async getDraft(id: string): Promise<Draft | undefined> {
    return (await this.connection.get()).get('drafts', id);
  }

  async deleteDraft(id: string): Promise<void> {
    const db = await this.connection.get();
    const tx = db.transaction('drafts', 'readwrite');
    await Promise.all([tx.store.delete(id), tx.done]);
  }

  /**
   * Completes a draft into an annotation in one transaction. The annotation takes the draft's id, so a save retried
   * after the background died either finds the draft again or finds the annotation already stored: never two.
   */
  async commitDraft(id: string, complete: (draft: Draft, existing: Annotation | undefined) => Annotation | null): Promise<Annotation | null> {
    const db = await this.connection.get();
    const tx = db.transaction(['drafts', 'annotations'], 'readwrite', DURABLE);
    const [draft, existing] = await Promise.all([tx.objectStore('drafts').get(id), tx.objectStore('annotations').get(id)]);
    const annotation = draft ? complete(draft, existing) : (existing ?? null);
    const writes = draft && annotation ? [tx.objectStore('annotations').put(annotation), tx.objectStore('drafts').delete(id)] : [];
    await Promise.all([...writes, tx.done]);
    return annotation;
  }
}
