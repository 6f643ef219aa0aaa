// The reader's annotation: how it is stored, how it is validated, and how it maps to the W3C Web Annotation model.
import * as v from 'valibot';

/** Limits keep one record small enough that a hostile import or a runaway editor cannot bloat the store. */
export const LIMITS = { note: 20_000, quote: 10_000, context: 64, label: 80, labels: 32, url: 4_096, site: 253, title: 500, fingerprint: 64, ruleId: 200, packVersion: 50 } as const;


export const MOTIVATIONS = ['commenting', 'highlighting', 'tagging', 'classifying'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

/** What a reader's own annotation is for: a note comments, labels alone tag, neither is a plain highlight. */
export function motivationFor(note: string, labels: readonly string[]): Motivation {
  return note ? 'commenting' : labels.length ? 'tagging' : 'highlighting';
}

/** The latest time a stored record can carry: one more millisecond and `toISOString` writes a six-digit year. */
export const LATEST_TIMESTAMP = '9999-12-31T23:59:59.999Z';

/**
 * The new `modified` of a changed record: now, or just after the old one if the clock says otherwise, so "newer wins"
 * holds; never past LATEST_TIMESTAMP, which an imported file may carry (a later time would fail the schema, and the
 * record could no longer be exported, imported or restored).
 */
export function nextModified(previous: string | undefined, now: Date): string {
  const time = now.toISOString();
  if (previous === undefined || time > previous) return time;
  return previous >= LATEST_TIMESTAMP ? LATEST_TIMESTAMP : new Date(Date.parse(previous) + 1).toISOString();
}

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
/**
 * Stored times are always `Date#toISOString()` output (UTC, milliseconds), so that string order is time order: the
 * list sorts and the import merges by comparing `modified` as strings.
 */
export const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const timestamp = v.pipe(v.string(), v.isoTimestamp(), v.regex(CANONICAL_TIMESTAMP, 'must be a UTC time with milliseconds (YYYY-MM-DDTHH:mm:ss.sssZ)'));
const httpUrl = v.pipe(v.string(), v.maxLength(LIMITS.url), v.regex(/^https?:\/\//i, 'must be an http(s) address'));

export const TextQuoteSchema = v.strictObject({
  exact: v.pipe(text(LIMITS.quote), v.minLength(1)),
  prefix: text(LIMITS.context),
  suffix: text(LIMITS.context),
});
export type TextQuote = v.InferOutput<typeof TextQuoteSchema>;

export const TextPositionSchema = v.pipe(
  v.strictObject({ start: offset, end: offset }),
  v.check((p) => p.end > p.start, 'end must be after start'),
);
export type TextPosition = v.InferOutput<typeof TextPositionSchema>;

export const VERDICTS = ['confirmed', 'dismissed'] as const;
export const VERDICT_SCOPES = ['page', 'site', 'everywhere'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type VerdictScope = (typeof VERDICT_SCOPES)[number];

/** The reader's verdict on an automatic flag; a dismissal hides that flag on this page, this site, or everywhere. */
export const FlagVerdictSchema = v.strictObject({
  ruleId: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.ruleId)),
  packVersion: v.pipe(v.string(), v.maxLength(LIMITS.packVersion)),
  verdict: v.picklist(VERDICTS),
  scope: v.picklist(VERDICT_SCOPES),
});
export type FlagVerdict = v.InferOutput<typeof FlagVerdictSchema>;

export const AnnotationSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  page: httpUrl,
  /** The page's registrable domain (news.example.co.uk -> example.co.uk), for "this site" filters and dismissals. */
  site: v.pipe(v.string(), v.maxLength(LIMITS.site)),
  pageTitle: text(LIMITS.title),
  motivation: v.picklist(MOTIVATIONS),
  quote: TextQuoteSchema,
  position: TextPositionSchema,
  note: text(LIMITS.note),
  labels: v.pipe(v.array(v.pipe(text(LIMITS.label), v.minLength(1))), v.maxLength(LIMITS.labels)),
  /** A hash of the article text when the annotation was made: a different one on a revisit means the article was edited. */
  fingerprint: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.fingerprint))),
  /** Present on machine flags the reader confirmed or dismissed (motivation "classifying"). */
  flag: v.optional(FlagVerdictSchema),
  created: timestamp,
  modified: timestamp,
});
/** The stored record: flat, so IndexedDB can index page, labels and time directly. */
export type Annotation = v.InferOutput<typeof AnnotationSchema>;

const CONTEXT = LIMITS.context;

/** Quote and position selectors for [start, end) of the article text, with enough context to find the quote again. */
export function describeRange(articleText: string, start: number, end: number): { quote: TextQuote; position: TextPosition } {
  return {
    quote: {
      exact: articleText.slice(start, end),
      prefix: articleText.slice(Math.max(0, start - CONTEXT), start),
      suffix: articleText.slice(end, end + CONTEXT),
    },
    position: { start, end },
  };
}

/** A page's identity for storage: the address without its fragment, which only scrolls within the same article. */
export function canonicalPageUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    parsed.hash = '';
    return parsed.href;
  } catch {
    return null;
  }
}

// --- W3C Web Annotation mapping -------------------------------------------------------------
//
// One stored record <-> one W3C annotation, losslessly:
// - note -> a TextualBody with purpose "commenting" (omitted when the note is empty); each label, in order -> a
//   TextualBody with purpose "tagging"; a machine flag's rule id -> a TextualBody with purpose "classifying" (the W3C
//   way to say "this annotation classifies its target as <value>"), and the motivation stays what the record says
//   ("classifying" for a verdict). A record without note, labels or flag has no body, as the model asks.
// - page -> target.source (a plain IRI string); the quote and position -> TextQuoteSelector and TextPositionSelector.
// - What the model has no property for goes in extension properties under one small namespace, "margin:": site,
//   pageTitle, fingerprint and the flag's verdict, scope and pack version. The @context stays the W3C one; a JSON-LD
//   processor reads "margin:site" as an absolute IRI with the scheme "margin" (no prefix is defined for it), so the
//   properties survive expansion instead of being dropped, and a plain JSON reader sees at a glance they are ours.

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The extension property names, in the order export writes them. */
export const EXT = {
  site: 'margin:site',
  pageTitle: 'margin:pageTitle',
  fingerprint: 'margin:fingerprint',
  flag: 'margin:flag',
} as const;

export type BodyPurpose = 'commenting' | 'tagging' | 'classifying';
export interface W3CTextualBody {
  type: 'TextualBody';
  value: string;
  purpose: BodyPurpose;
  format?: 'text/plain';
}

export interface W3CAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: Motivation;
  created: string;
  modified: string;
  body?: W3CTextualBody[];
  target: {
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
  'margin:site': string;
  'margin:pageTitle'?: string;
  'margin:fingerprint'?: string;
  'margin:flag'?: { verdict: Verdict; scope: VerdictScope; packVersion: string };
}

/** Builds the object key by key (no conditional spreads): export runs this 10,000 times within its time budget. */
export function toW3C(a: Annotation): W3CAnnotation {
  const body: W3CTextualBody[] = [];
  if (a.note) body.push({ type: 'TextualBody', value: a.note, purpose: 'commenting', format: 'text/plain' });
  for (const label of a.labels) body.push({ type: 'TextualBody', value: label, purpose: 'tagging' });
  if (a.flag) body.push({ type: 'TextualBody', value: a.flag.ruleId, purpose: 'classifying' });
  const w3c: W3CAnnotation = {
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.motivation,
    created: a.created,
    modified: a.modified,
  } as W3CAnnotation;
  if (body.length) w3c.body = body;
  w3c.target = {
    source: a.page,
    selector: [
      { type: 'TextQuoteSelector', exact: a.quote.exact, prefix: a.quote.prefix, suffix: a.quote.suffix },
      { type: 'TextPositionSelector', start: a.position.start, end: a.position.end },
    ],
  };
  w3c[EXT.site] = a.site;
  if (a.pageTitle) w3c[EXT.pageTitle] = a.pageTitle;
  if (a.fingerprint !== undefined) w3c[EXT.fingerprint] = a.fingerprint;
  if (a.flag) w3c[EXT.flag] = { verdict: a.flag.verdict, scope: a.flag.scope, packVersion: a.flag.packVersion };
  return w3c;
}

export interface AnnotationCollection {
  '@context': string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: { type: 'Software'; name: string };
  first: { type: 'AnnotationPage'; startIndex: 0; items: W3CAnnotation[] };
}

/** The export order: oldest first, then by id, so that the same data always exports to the same bytes. */
export function compareForExport(a: Annotation, b: Annotation): number {
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function toCollection(annotations: readonly Annotation[], generator: string): AnnotationCollection {
  const items = [...annotations].sort(compareForExport).map(toW3C);
  return {
    '@context': W3C_CONTEXT,
    type: 'AnnotationCollection',
    label: `${generator} annotations`,
    total: items.length,
    generator: { type: 'Software', name: generator },
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
