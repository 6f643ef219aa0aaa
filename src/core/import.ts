// Reads an annotation file (what export writes) into stored records: every record validated, and any bad one rejects the file.
import * as v from 'valibot';
import {
  AnnotationSchema,
  canonicalPageUrl,
  EXT,
  LIMITS,
  MOTIVATIONS,
  VERDICT_SCOPES,
  VERDICTS,
  W3C_CONTEXT,
  type Annotation,
  type FlagVerdict,
} from './annotation';
import { quotable } from './report-text';
import { siteOf } from './site';

/**
 * What the parser accepts, and why it is strict:
 * - the top level is an `AnnotationCollection` with its items in `first` (what export writes), or a bare array of
 *   annotations;
 * - every object is checked against a strict schema: a key we do not know (including `__proto__`, `constructor` and
 *   `prototype`) is an error, not something silently dropped, so nothing in the file is lost without saying so and no
 *   key of the file ever reaches an object we build: records are new objects made from validated fields;
 * - every string has the same limit as the stored record, checked before any pattern runs on it;
 * - derived and spelled-in-many-ways values are normalised: ids to lower case, times to UTC with milliseconds, the page
 *   address to its canonical form without fragment, the site recomputed from the page (the file's `margin:site` is
 *   informational), an empty note and a missing prefix or suffix to "".
 * Duplicate ids in one file keep the newer `modified`; on a tie the record whose JSON sorts last wins, so the result
 * never depends on the order of the file.
 */
export const IMPORT_LIMITS = {
  /** Problems listed in the message; the rest are counted. */
  problemsListed: 20,
  /** Problems listed for any one record, so one broken record does not hide the others. */
  problemsPerRecord: 3,
  /** A problem line is cut to this length (a received value can be megabytes long). */
  problemLength: 300,
  /** More records than any real library: the file's text is limited to 64 MB anyway. */
  records: 500_000,
} as const;

export type ImportResult =
  | { ok: true; annotations: Annotation[]; total: number; duplicates: number }
  | { ok: false; message: string; problems: string[]; badRecords: number; total: number };

// --- Schemas of the file -------------------------------------------------------------------

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** RFC 3339: what `toISOString` writes, plus other fractions and numeric offsets. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/i;

const idSchema = v.pipe(v.string(), v.maxLength(60), v.regex(UUID_URN, 'must be "urn:uuid:" followed by a UUID'));
const timeSchema = v.pipe(
  v.string(),
  v.maxLength(40),
  v.check((s) => normaliseTimestamp(s) !== null, 'must be a date and time such as 2026-01-02T03:04:05.000Z'),
);

const BodySchema = v.variant('purpose', [
  v.strictObject({ type: v.literal('TextualBody'), purpose: v.literal('commenting'), value: text(LIMITS.note), format: v.optional(v.literal('text/plain')) }),
  v.strictObject({ type: v.literal('TextualBody'), purpose: v.literal('tagging'), value: nonEmpty(LIMITS.label) }),
  v.strictObject({ type: v.literal('TextualBody'), purpose: v.literal('classifying'), value: nonEmpty(LIMITS.ruleId) }),
]);

const SelectorSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('TextQuoteSelector'),
    exact: nonEmpty(LIMITS.quote),
    prefix: v.optional(text(LIMITS.context)),
    suffix: v.optional(text(LIMITS.context)),
  }),
  v.strictObject({ type: v.literal('TextPositionSelector'), start: offset, end: offset }),
]);

const ItemSchema = v.strictObject({
  '@context': v.optional(v.literal(W3C_CONTEXT)),
  id: idSchema,
  type: v.literal('Annotation'),
  motivation: v.picklist(MOTIVATIONS),
  created: timeSchema,
  modified: timeSchema,
  body: v.optional(v.pipe(v.array(BodySchema), v.maxLength(LIMITS.labels + 2))),
  // W3C allows a list of targets or a bare address; said as such, not as keys a list lacks.
  target: v.pipe(v.custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'must be one object with source and selector (a list of targets, or a bare address, is not read)'), v.strictObject({
    source: v.pipe(v.string(), v.maxLength(LIMITS.url), v.regex(/^https?:\/\//i, 'must be an http(s) address')),
    selector: v.pipe(v.array(SelectorSchema), v.minLength(2), v.maxLength(2)),
    /** Where the first version of the export put the page title. */
    title: v.optional(text(LIMITS.title)),
  })),
  [EXT.site]: v.optional(text(LIMITS.site)),
  [EXT.pageTitle]: v.optional(text(LIMITS.title)),
  [EXT.fingerprint]: v.optional(text(LIMITS.fingerprint)),
  [EXT.flag]: v.optional(v.strictObject({ verdict: v.picklist(VERDICTS), scope: v.picklist(VERDICT_SCOPES), packVersion: text(LIMITS.packVersion) })),
});
type Item = v.InferOutput<typeof ItemSchema>;

const CollectionSchema = v.strictObject({
  '@context': v.optional(v.literal(W3C_CONTEXT)),
  id: v.optional(text(LIMITS.url)),
  type: v.literal('AnnotationCollection'),
  label: v.optional(text(1_000)),
  total: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  generator: v.optional(v.union([text(LIMITS.url), v.strictObject({ type: v.optional(v.literal('Software')), name: v.optional(text(200)), id: v.optional(text(LIMITS.url)) })])),
  /** A student's submission (core/assignment.ts) names its assignment and student; it stays importable as notes. */
  'margin:assignment': v.optional(v.strictObject({ id: text(60), title: text(200) })),
  'margin:student': v.optional(text(100)),
  first: v.strictObject({
    type: v.literal('AnnotationPage'),
    id: v.optional(text(LIMITS.url)),
    startIndex: v.optional(v.literal(0)),
    items: v.array(v.unknown()),
  }),
});

const PARSE_CONFIG = { abortPipeEarly: true } as const;

// --- Normalisation ---------------------------------------------------------------------------

/** An RFC 3339 time as `toISOString` writes it, or null if it names no real instant (February 30th, hour 24). */
export function normaliseTimestamp(value: string): string | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, millis);
  if (m[8]?.toUpperCase() !== 'Z') {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    const sign = m[9] === '-' ? -1 : 1;
    date.setTime(date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
  }
  const iso = date.toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}

interface Problem {
  path: string;
  message: string;
}

/** The stored record for a validated item, or what is wrong with it (named by the file's own field paths). */
function toRecord(item: Item): { record: Annotation } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const page = canonicalPageUrl(item.target.source);
  if (page === null || page.length > LIMITS.url) problems.push({ path: 'target.source', message: 'is not a valid http(s) address' });

  const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
  const position = item.target.selector.find((s) => s.type === 'TextPositionSelector');
  if (!quote || !position) problems.push({ path: 'target.selector', message: 'needs one TextQuoteSelector and one TextPositionSelector' });
  else if (position.end <= position.start) problems.push({ path: 'target.selector', message: 'TextPositionSelector end must be after start' });

  const body = item.body ?? [];
  const notes = body.filter((b) => b.purpose === 'commenting');
  const rules = body.filter((b) => b.purpose === 'classifying');
  if (notes.length > 1) problems.push({ path: 'body', message: 'has more than one note (purpose "commenting")' });
  if (rules.length > 1) problems.push({ path: 'body', message: 'has more than one rule (purpose "classifying")' });
  const flagExtra = item[EXT.flag];
  if (rules.length === 1 && !flagExtra) problems.push({ path: EXT.flag, message: 'is required with a "classifying" body (verdict, scope and packVersion)' });
  if (flagExtra && rules.length === 0) problems.push({ path: 'body', message: `needs a "classifying" body naming the rule, since ${EXT.flag} is present` });

  const created = normaliseTimestamp(item.created);
  const modified = normaliseTimestamp(item.modified);
  if (problems.length || page === null || !quote || !position || created === null || modified === null) return { problems };

  const flag: FlagVerdict | undefined =
    flagExtra && rules[0] ? { ruleId: rules[0].value, packVersion: flagExtra.packVersion, verdict: flagExtra.verdict, scope: flagExtra.scope } : undefined;
  const fingerprint = item[EXT.fingerprint];
  const record: Annotation = {
    id: (UUID_URN.exec(item.id)?.[1] ?? '').toLowerCase(),
    page,
    site: siteOf(page),
    pageTitle: item[EXT.pageTitle] ?? item.target.title ?? '',
    motivation: item.motivation,
    quote: { exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' },
    position: { start: position.start, end: position.end },
    note: notes[0]?.value ?? '',
    labels: body.filter((b) => b.purpose === 'tagging').map((b) => b.value),
    ...(fingerprint !== undefined ? { fingerprint } : {}),
    ...(flag ? { flag } : {}),
    created,
    modified,
  };
  // The stored schema is the last word (a canonical address can outgrow its limit, an odd year its format).
  const stored = v.safeParse(AnnotationSchema, record, PARSE_CONFIG);
  if (!stored.success) return { problems: stored.issues.map((issue) => ({ path: `(stored record) ${v.getDotPath(issue) ?? ''}`, message: issue.message })) };
  return { record: stored.output };
}

// --- Reporting -------------------------------------------------------------------------------

function describeRecord(index: number, item: unknown): string {
  const id = typeof item === 'object' && item !== null && Object.hasOwn(item, 'id') ? (item as { id: unknown }).id : undefined;
  return `record ${index + 1} (${typeof id === 'string' ? `id ${quotable(id, 60)}` : 'no id'})`;
}

function issuesToProblems(issues: readonly v.BaseIssue<unknown>[]): Problem[] {
  return issues.map((issue) => ({ path: v.getDotPath(issue) ?? '(record)', message: issue.message }));
}

function failure(message: string, total = 0, problems: string[] = [], badRecords = 0): ImportResult {
  return { ok: false, message, problems, badRecords, total };
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

// --- The parser ------------------------------------------------------------------------------

/** The items of the file's top level, or why there are none. */
function readItems(data: unknown): { items: unknown[] } | { error: string } {
  if (Array.isArray(data)) return { items: data };
  if (typeof data !== 'object' || data === null) return { error: `Expected an AnnotationCollection or an array of annotations, but the file holds ${data === null ? 'null' : `a ${typeof data}`}.` };
  const type = Object.hasOwn(data, 'type') ? (data as { type: unknown }).type : undefined;
  if (type === 'Annotation') return { error: 'The file holds a single annotation: put it in an array, or export a collection.' };
  if (type !== 'AnnotationCollection') return { error: 'Expected an AnnotationCollection (what export writes) or an array of annotations: the top-level "type" is not "AnnotationCollection".' };
  const parsed = v.safeParse(CollectionSchema, data, PARSE_CONFIG);
  if (!parsed.success) {
    const lines = issuesToProblems(parsed.issues).slice(0, 5).map((p) => quotable(`collection: ${p.path}: ${p.message}`, IMPORT_LIMITS.problemLength));
    return { error: `The collection itself is malformed:\n${lines.join('\n')}` };
  }
  const { total, first } = parsed.output;
  if (total !== undefined && total !== first.items.length) {
    const present = first.items.length === 1 ? '1 is present' : `${count(first.items.length)} are present`;
    return { error: `The collection says it holds ${plural(total, 'annotation')} but ${present}: the file may be cut short.` };
  }
  return { items: first.items };
}

function parseUnchecked(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return failure(`The file is not JSON: ${quotable(error instanceof Error ? error.message : String(error), 200)}`);
  }
  const read = readItems(data);
  if ('error' in read) return failure(read.error);
  const { items } = read;
  if (items.length > IMPORT_LIMITS.records) return failure(`The file holds ${plural(items.length, 'record')}; at most ${plural(IMPORT_LIMITS.records, 'record')} can be imported at once.`, items.length);

  const problems: string[] = [];
  let problemCount = 0;
  let badRecords = 0;
  const byId = new Map<string, Annotation>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const parsed = Array.isArray(item) ? null : v.safeParse(ItemSchema, item, PARSE_CONFIG);
    const outcome = !parsed
      ? { problems: [{ path: '(record)', message: 'is a list, not an annotation' }] }
      : parsed.success
        ? toRecord(parsed.output)
        : { problems: issuesToProblems(parsed.issues) };
    if ('problems' in outcome) {
      badRecords++;
      problemCount += outcome.problems.length;
      const where = describeRecord(index, item);
      for (const p of outcome.problems.slice(0, IMPORT_LIMITS.problemsPerRecord)) {
        if (problems.length < IMPORT_LIMITS.problemsListed) problems.push(quotable(`${where}: ${p.path}: ${p.message}`, IMPORT_LIMITS.problemLength));
      }
      continue;
    }
    if (badRecords) continue; // the file is rejected anyway: keep checking, but stop collecting
    const { record } = outcome;
    const seen = byId.get(record.id);
    // A duplicate id keeps the newer version; on a tie the larger JSON wins, so the order of the file does not matter.
    if (!seen || record.modified > seen.modified || (record.modified === seen.modified && JSON.stringify(record) > JSON.stringify(seen))) {
      byId.set(record.id, record);
    }
  }
  if (badRecords) {
    const listed = problems.length;
    const more = problemCount - listed;
    const n = items.length;
    const head =
      badRecords < n ? `${count(badRecords)} of ${plural(n, 'record')} ${badRecords === 1 ? 'has' : 'have'} problems:` : n === 1 ? 'The record has problems:' : `All ${count(n)} records have problems:`;
    return failure([head, ...problems, ...(more > 0 ? [`…and ${plural(more, 'more problem')}.`] : [])].join('\n'), items.length, problems, badRecords);
  }
  const annotations = [...byId.values()];
  return { ok: true, annotations, total: items.length, duplicates: items.length - annotations.length };
}

/**
 * Parses and validates a whole file. Never throws: whatever the input, the answer is a result, and `ok: false` means
 * not one record may be written.
 */
export function parseAnnotationFile(text: string): ImportResult {
  if (typeof text !== 'string') return failure('The file is not text.');
  try {
    return parseUnchecked(text);
  } catch (error) {
    // Nothing above should throw; if it does (out of memory on a pathological file), the file is still refused.
    return failure(`The file could not be read: ${quotable(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 200)}`);
  }
}
