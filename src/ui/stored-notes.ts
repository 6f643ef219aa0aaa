// What our extension pages read of the reader's notes ("All notes", the dismissed flags, exports): read in place, from
// the extension's IndexedDB, which they share with the background, not carried over in a message. A message between
// extension contexts carries text at about 120 ms per MB in Chromium here, and 10,000 notes make a 6 MB JSON-LD export:
// in place, the export takes half the time, and no number of notes meets the 64 MB a message may hold. The background
// stays the only writer; a read-only transaction sees each note whole, before or after any write.
import { openDB } from 'idb';
import browser from 'webextension-polyfill';
import { askBackground } from '../background-client';
import type { Annotation } from '../core/annotation';
import { exportAnnotations, type ExportFile, type ExportFormat } from '../core/export';
import type { ListFilter } from '../messages';
import { PRODUCT_NAME } from '../product';
import { listIn } from '../storage/annotation-store';
import { DB_NAME, type MarginSchema } from '../storage/schema';

/**
 * The notes a filter selects, read in place, or null where only the background can read them: a page in a private
 * window may be given storage apart from the background's (private browsing keeps its data apart), and in Firefox's
 * permanent private browsing the notes are in `storage.local`. Asking where they are also makes the background open
 * the database first (a new version's migration runs there) and move notes taken in private browsing into it.
 */
async function readInPlace(filter: ListFilter): Promise<Annotation[] | null> {
  if (browser.extension.inIncognitoContext) return null;
  if ((await askBackground('storage/where', {})) !== 'indexeddb') return null;
  let db;
  try {
    // The database as the background left it: a page never creates or upgrades it (without the migrations, which
    // stay the background's, it could only get it wrong); where it would have to, the background is asked.
    db = await openDB<MarginSchema>(DB_NAME, undefined, {
      upgrade(_db, _from, _to, tx) {
        tx.done.catch(() => undefined); // the open is refused with the same AbortError
        tx.abort();
      },
    });
  } catch {
    return null;
  }
  try {
    return await listIn(db.transaction(['annotations']), filter);
  } finally {
    db.close();
  }
}

/** The notes a filter selects, newest change first (as `annotations/list` answers). */
export async function listNotes(filter: ListFilter = {}): Promise<Annotation[]> {
  return (await readInPlace(filter)) ?? askBackground('annotations/list', filter);
}

/** The export file of the notes a filter selects, or of all of them (as `annotations/export` answers). */
export async function exportNotes(format: ExportFormat, filter?: ListFilter): Promise<ExportFile> {
  const notes = await readInPlace(filter ?? {});
  return notes ? exportAnnotations(notes, format, PRODUCT_NAME, new Date()) : askBackground('annotations/export', { format, ...(filter ? { filter } : {}) });
}
