// The reader's annotation: how it is stored, how it is validated, and how it maps to the W3C Web Annotation model.
import * as v from 'valibot';

/** Limits keep one record small enough that a hostile import or a runaway editor cannot bloat the store. */
export const LIMITS = { note: 20_000, quote: 10_000, context: 64, label: 80, labels: 32, url: 4_096 } as const;

export const DEFAULT_LABELS = ['loaded language', 'unsourced claim', 'attribution', 'promotional', 'question'] as const;

export const MOTIVATIONS = ['commenting', 'highlighting', 'tagging', 'classifying'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const timestamp = v.pipe(v.string(), v.isoTimestamp());
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

export const AnnotationSchema = v.strictObject({
  id: v.pipe(v.string(), v.uuid()),
  page: httpUrl,
  pageTitle: text(500),
  motivation: v.picklist(MOTIVATIONS),
  quote: TextQuoteSchema,
  position: TextPositionSchema,
  note: text(LIMITS.note),
  labels: v.pipe(v.array(v.pipe(text(LIMITS.label), v.minLength(1))), v.maxLength(LIMITS.labels)),
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

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface W3CAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: Motivation;
  created: string;
  modified: string;
  body: Array<{ type: 'TextualBody'; value: string; purpose: 'commenting' | 'tagging'; format?: 'text/plain' }>;
  target: {
    source: string;
    title?: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
}

export function toW3C(a: Annotation): W3CAnnotation {
  return {
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.motivation,
    created: a.created,
    modified: a.modified,
    body: [
      ...(a.note ? [{ type: 'TextualBody' as const, value: a.note, purpose: 'commenting' as const, format: 'text/plain' as const }] : []),
      ...a.labels.map((label) => ({ type: 'TextualBody' as const, value: label, purpose: 'tagging' as const })),
    ],
    target: {
      source: a.page,
      ...(a.pageTitle ? { title: a.pageTitle } : {}),
      selector: [
        { type: 'TextQuoteSelector', ...a.quote },
        { type: 'TextPositionSelector', ...a.position },
      ],
    },
  };
}

export interface AnnotationCollection {
  '@context': string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: { type: 'Software'; name: string };
  first: { type: 'AnnotationPage'; startIndex: 0; items: W3CAnnotation[] };
}

/** Export in a stable order (oldest first, then id) so that the same data always exports to the same bytes. */
export function toCollection(annotations: readonly Annotation[], generator: string): AnnotationCollection {
  const items = [...annotations]
    .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(toW3C);
  return {
    '@context': W3C_CONTEXT,
    type: 'AnnotationCollection',
    label: `${generator} annotations`,
    total: items.length,
    generator: { type: 'Software', name: generator },
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
