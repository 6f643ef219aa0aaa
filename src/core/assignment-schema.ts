// The format of a teacher's assignment file and its limits: what the message table and the store validate against.
// Apart from assignment.ts (which builds and reads assignment and submission files) so that the content script, which
// loads messages.ts, does not load the annotation import with the public suffix list behind it.
import * as v from 'valibot';
import { canonicalPageUrl, LIMITS } from './annotation';

export const ASSIGNMENT_FORMAT = 'margin-assignment';
/** `notes`: per student's file, far past a class's work on 50 articles; the merge view groups them all on one page. */
export const ASSIGNMENT_LIMITS = { title: 200, instructions: 10_000, articles: 50, student: 100, notes: 5_000 } as const;

const httpUrl = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url),
  v.check((url) => canonicalPageUrl(url) !== null, 'must be an http(s) address'),
  v.transform((url) => canonicalPageUrl(url)!),
);
const label = v.pipe(v.string(), v.transform((s) => s.trim()), v.minLength(1, 'a label cannot be empty'), v.maxLength(LIMITS.label));

export const AssignmentSchema = v.strictObject({
  format: v.literal(ASSIGNMENT_FORMAT),
  version: v.literal(1),
  id: v.pipe(v.string(), v.uuid('must be a UUID')),
  title: v.pipe(v.string(), v.transform((s) => s.trim()), v.minLength(1, 'the assignment needs a title'), v.maxLength(ASSIGNMENT_LIMITS.title)),
  instructions: v.pipe(v.string(), v.maxLength(ASSIGNMENT_LIMITS.instructions)),
  /** Every label the students must use where it applies; offered first in the note editor. */
  labels: v.pipe(v.array(label), v.minLength(1, 'name at least one label'), v.maxLength(LIMITS.labels)),
  articles: v.pipe(
    v.array(v.strictObject({ url: httpUrl, title: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.title))) })),
    v.minLength(1, 'name at least one article'),
    v.maxLength(ASSIGNMENT_LIMITS.articles),
  ),
  created: v.pipe(v.string(), v.isoTimestamp()),
});
export type Assignment = v.InferOutput<typeof AssignmentSchema>;
