// The assignment a student imported: one record, replaced by the next import, read by the classroom page and the editor.
import * as v from 'valibot';
import { AssignmentSchema, type Assignment } from '../core/assignment-schema';
import type { Connection } from './database';

const KEY = 'current';

export class AssignmentStore {
  constructor(private readonly connection: Connection) {}

  /** The current assignment, or null when there is none (or what is stored no longer fits the schema). */
  async current(): Promise<Assignment | null> {
    const tx = await this.connection.transaction(['assignment']);
    const stored: unknown = await tx.objectStore('assignment').get(KEY);
    const parsed = v.safeParse(AssignmentSchema, stored);
    return parsed.success ? parsed.output : null;
  }

  /** Replaces the current assignment (null: none); resolves once the write has committed. */
  async set(assignment: Assignment | null): Promise<void> {
    const tx = await this.connection.transaction(['assignment'], 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('assignment');
    await (assignment === null ? store.delete(KEY) : store.put(assignment, KEY));
    await tx.done;
  }
}
