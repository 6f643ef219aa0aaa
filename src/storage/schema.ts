// The extension's IndexedDB: its name and what its stores hold. The migrations that build it are database.ts's;
// this module is apart so that a page that only reads (src/ui/stored-notes.ts) loads none of them.
import type { DBSchema } from 'idb';
import type { Annotation } from '../core/annotation';
import type { Assignment } from '../core/assignment-schema';
import type { Draft } from '../core/draft';
import type { PacksByLanguage } from '../core/pack';
import type { InstalledPack } from '../core/pack-set';
import type { Settings } from '../core/settings';

export const DB_NAME = 'margin';

export interface MarginSchema extends DBSchema {
  annotations: {
    key: string;
    value: Annotation;
    /** `flagScope` holds only the records with a flag (reader's verdicts on machine flags), keyed by the verdict's scope. */
    indexes: { page: string; labels: string; modified: string; site: string; flagScope: string };
  };
  drafts: { key: string; value: Draft };
  /** Teachers' packs, by pack id. */
  packs: { key: string; value: InstalledPack };
  /** Per pack id, its state before the last change (null: it was not installed), for one step of undo. */
  packHistory: { key: string; value: { before: InstalledPack | null } };
  /** Under the key "effective": per language, the built-in data merged with its enabled packs, compiled when the set changed. */
  compiledPack: { key: string; value: { compiled: PacksByLanguage } };
  /** Under the key "settings": the reader's settings (core/settings.ts). */
  settings: { key: string; value: Settings };
  /** Under the key "current": the assignment a student imported (core/assignment.ts). */
  assignment: { key: string; value: Assignment };
}
