// What a store does with records whatever holds them: which imported records replace stored ones, and which stored
// records a page sees (its own, plus the reader's dismissals that reach it from elsewhere).
import type { Annotation } from './annotation';

export interface MergeReport {
  /** Records whose id was not stored. */
  added: number;
  /** Stored records replaced by a version with a later `modified`. */
  updated: number;
  /** Stored records kept because they were as new or newer (a tie keeps what is stored). */
  unchanged: number;
}

/**
 * The records of `incoming` to write, given the `modified` of each stored id: a record replaces a stored one only
 * with a later `modified`, so importing the same file twice, or an older export, changes nothing.
 */
export function planMerge(stored: ReadonlyMap<string, string>, incoming: readonly Annotation[]): { write: Annotation[]; report: MergeReport } {
  const report: MergeReport = { added: 0, updated: 0, unchanged: 0 };
  const write: Annotation[] = [];
  for (const record of incoming) {
    const modified = stored.get(record.id);
    if (modified !== undefined && record.modified <= modified) {
      report.unchanged++;
      continue;
    }
    report[modified === undefined ? 'added' : 'updated']++;
    write.push(record);
  }
  return { write, report };
}

/**
 * A page's own records plus the dismissals among `flagged` (records with a flag) that reach it: scope "site" on the
 * same site, or scope "everywhere". A record of the page itself is never listed twice.
 */
export function withDismissalsReaching(own: readonly Annotation[], flagged: readonly Annotation[], site: string): Annotation[] {
  const result = new Map(own.map((a) => [a.id, a]));
  for (const a of flagged) {
    const reaches = a.flag?.scope === 'everywhere' || (a.flag?.scope === 'site' && a.site === site);
    if (reaches && a.flag?.verdict === 'dismissed' && !result.has(a.id)) result.set(a.id, a);
  }
  return [...result.values()];
}
