// A draft is a selection the reader is about to annotate: made by the content script, completed by the note editor.
import * as v from 'valibot';
import { LIMITS, motivationFor, nextModified, TextPositionSchema, TextQuoteSchema, type Annotation } from './annotation';

export const DraftSelectionSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  pageTitle: v.pipe(v.string(), v.maxLength(LIMITS.title)),
  quote: TextQuoteSchema,
  position: TextPositionSchema,
  fingerprint: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.fingerprint))),
});
export type DraftSelection = v.InferOutput<typeof DraftSelectionSchema>;

/** A request that carries a selection and `more` (a verdict on a flag: the flag). */
export const selectionWith = <T extends v.ObjectEntries>(more: T) => v.strictObject({ ...DraftSelectionSchema.entries, ...more });

/** The stored draft adds what only the background may decide: which page (and so which site) and tab it belongs to. */
export interface Draft extends DraftSelection {
  page: string;
  site: string;
  tabId: number;
  created: string;
}

/** How many drafts are kept, and for how long, as of `now` (drafts come from content scripts: they are bounded). */
export interface DraftRetention {
  now: Date;
  maxAgeMs: number;
  perTab: number;
  total: number;
}

/** Ids of the stored drafts to drop when `added` joins them: expired ones, then the oldest beyond each limit. */
export function draftsToDrop(stored: readonly Draft[], added: Draft, keep: DraftRetention): string[] {
  const oldest = new Date(keep.now.getTime() - keep.maxAgeMs).toISOString();
  const drop = new Set(stored.filter((d) => d.created < oldest).map((d) => d.id));
  const live = stored.filter((d) => !drop.has(d.id)).sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  live.filter((d) => d.tabId === added.tabId).slice(keep.perTab - 1).forEach((d) => drop.add(d.id));
  live.filter((d) => !drop.has(d.id)).slice(keep.total - 1).forEach((d) => drop.add(d.id));
  return [...drop];
}

/**
 * The reader's note on a draft, as it is stored; `existing` is the note a retried save made already. The note editor
 * builds the same record to save it as a file when the browser has no room to store it.
 */
export function noteFromDraft(draft: Draft, note: string, labels: readonly string[], now: Date, existing?: Annotation): Annotation {
  const unique = [...new Set(labels)];
  return {
    id: draft.id,
    page: draft.page,
    site: draft.site,
    pageTitle: draft.pageTitle,
    motivation: motivationFor(note, unique),
    quote: draft.quote,
    position: draft.position,
    note,
    labels: unique,
    ...(draft.fingerprint !== undefined ? { fingerprint: draft.fingerprint } : {}),
    created: existing?.created ?? now.toISOString(),
    modified: nextModified(existing?.modified, now),
  };
}
