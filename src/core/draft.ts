// A draft is a selection the reader is about to annotate: made by the content script, completed by the note editor.
import * as v from 'valibot';
import { LIMITS, TextPositionSchema, TextQuoteSchema } from './annotation';

export const DraftSelectionSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  pageTitle: v.pipe(v.string(), v.maxLength(LIMITS.title)),
  quote: TextQuoteSchema,
  position: TextPositionSchema,
  fingerprint: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.fingerprint))),
});
export type DraftSelection = v.InferOutput<typeof DraftSelectionSchema>;

/** The stored draft adds what only the background may decide: which page (and so which site) and tab it belongs to. */
export interface Draft extends DraftSelection {
  page: string;
  site: string;
  tabId: number;
  created: string;
}
