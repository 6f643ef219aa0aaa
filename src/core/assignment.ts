// A teacher's assignment as a file (instructions, required labels, articles to read) and a student's submission of
// their work on it: formats, validation and the submission file. Pure: no DOM, no storage.
import * as v from 'valibot';
import { canonicalPageUrl, type Annotation } from './annotation';
import { toJsonLd } from './export';
import { parseAnnotationFile } from './import';
import { ASSIGNMENT_FORMAT, ASSIGNMENT_LIMITS, AssignmentSchema, type Assignment } from './assignment-schema';

/** Extension properties a submission adds to the ordinary export (an AnnotationCollection). */
export const SUBMISSION_EXT = { assignment: 'margin:assignment', student: 'margin:student' } as const;


export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function problemsOf(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.slice(0, 20).map((issue) => `${v.getDotPath(issue) ?? '(file)'}: ${issue.message}`);
}

function parseJson(text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    return { ok: false, problems: [`the file is not JSON: ${(error as Error).message.slice(0, 200)}`] };
  }
}

/** The fields a teacher fills in; everything else is decided here. */
export interface AssignmentDraft {
  title: string;
  instructions: string;
  labels: string[];
  articles: { url: string; title?: string }[];
}

/** A new assignment from the teacher's form, validated exactly as a student's import will validate it. */
export function createAssignment(draft: AssignmentDraft, id: string, now: Date): ParseResult<Assignment> {
  const labels = [...new Set(draft.labels.map((l) => l.trim()).filter(Boolean))];
  return validateAssignment({ format: ASSIGNMENT_FORMAT, version: 1, id, ...draft, labels, created: now.toISOString() });
}

export function validateAssignment(input: unknown): ParseResult<Assignment> {
  const parsed = v.safeParse(AssignmentSchema, input);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.issues) };
  const urls = parsed.output.articles.map((a) => a.url);
  const repeated = urls.filter((url, i) => urls.indexOf(url) !== i);
  if (repeated.length) return { ok: false, problems: repeated.map((url) => `articles: ${url} is listed twice`) };
  return { ok: true, value: { ...parsed.output, labels: [...new Set(parsed.output.labels)] } };
}

/** An assignment file as a student imports it. Never throws. */
export function parseAssignment(text: string): ParseResult<Assignment> {
  const json = parseJson(text);
  return json.ok ? validateAssignment(json.value) : json;
}

export function assignmentFile(assignment: Assignment): { filename: string; mimeType: string; text: string } {
  return { filename: `assignment-${slug(assignment.title)}.json`, mimeType: 'application/json', text: `${JSON.stringify(assignment, null, 2)}\n` };
}

/** Is this annotation part of the work on the assignment (made on one of its articles)? */
export function belongsToAssignment(annotation: Pick<Annotation, 'page'>, assignment: Pick<Assignment, 'articles'>): boolean {
  const page = canonicalPageUrl(annotation.page);
  return page !== null && assignment.articles.some((article) => article.url === page);
}

const StudentSchema = v.pipe(v.string(), v.transform((s) => s.trim().replace(/\s+/g, ' ')), v.minLength(1, 'type your name'), v.maxLength(ASSIGNMENT_LIMITS.student));

export function validateStudentName(name: string): ParseResult<string> {
  const parsed = v.safeParse(StudentSchema, name);
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, problems: parsed.issues.map((issue) => issue.message) };
}

/**
 * A student's work: the ordinary export (W3C AnnotationCollection) of their notes on the assignment's articles,
 * plus which assignment it answers and the student's name, so the file is still importable as notes.
 */
export function submissionFile(assignment: Assignment, student: string, annotations: readonly Annotation[], generator: string): { filename: string; mimeType: string; text: string } {
  // A bare verdict is a click on a flag, not work; one the student labelled or wrote about is.
  const own = annotations.filter((a) => (a.motivation !== 'classifying' || a.note !== '' || a.labels.length > 0) && belongsToAssignment(a, assignment));
  const collection = JSON.parse(toJsonLd(own, generator)) as Record<string, unknown>;
  collection[SUBMISSION_EXT.assignment] = { id: assignment.id, title: assignment.title };
  collection[SUBMISSION_EXT.student] = student;
  return {
    filename: `${slug(assignment.title)}-${slug(student)}.json`,
    mimeType: 'application/ld+json',
    text: `${JSON.stringify(collection, null, 2)}\n`,
  };
}

export interface Submission {
  assignment: { id: string; title: string };
  student: string;
  annotations: Annotation[];
}

const SubmissionHeadSchema = v.object({
  [SUBMISSION_EXT.assignment]: v.strictObject({ id: v.pipe(v.string(), v.uuid('must be a UUID')), title: v.pipe(v.string(), v.maxLength(ASSIGNMENT_LIMITS.title)) }),
  [SUBMISSION_EXT.student]: StudentSchema,
});

/** A student's submission as the teacher imports it: the head checked here, every annotation by the ordinary import. */
export function parseSubmission(text: string): ParseResult<Submission> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const head = v.safeParse(SubmissionHeadSchema, json.value);
  if (!head.success) {
    const value = json.value as Record<string, unknown> | null;
    const hasHead = typeof value === 'object' && value !== null && SUBMISSION_EXT.assignment in value && SUBMISSION_EXT.student in value;
    // A file without the head (a plain export, an assignment) is told so plainly; a head gone wrong names its field.
    return { ok: false, problems: hasHead ? problemsOf(head.issues) : ['this is not a student submission (no assignment or student name)'] };
  }
  const parsed = parseAnnotationFile(text);
  if (!parsed.ok) return { ok: false, problems: [parsed.message] };
  if (parsed.annotations.length > ASSIGNMENT_LIMITS.notes) return { ok: false, problems: [`a student's file holds at most ${ASSIGNMENT_LIMITS.notes} notes; this one holds ${parsed.annotations.length}`] };
  return { ok: true, value: { assignment: head.output[SUBMISSION_EXT.assignment], student: head.output[SUBMISSION_EXT.student], annotations: parsed.annotations } };
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'untitled';
}
