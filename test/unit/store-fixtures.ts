// Shared builders for the store, import and export tests: valid records, with ids and times that read in order.
import * as fc from 'fast-check';
import * as v from 'valibot';
import { AnnotationSchema, canonicalPageUrl, type Annotation } from '../../src/core/annotation';
import { siteOf } from '../../src/core/site';

/** A valid v4 UUID whose last digits are n, so fixtures sort and read in order. */
export const uuidFor = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const at = (minute: number) => new Date(Date.UTC(2026, 0, 2, 3, minute)).toISOString();

export function annotation(n: number, overrides: Partial<Annotation> = {}): Annotation {
  const page = overrides.page ?? `https://news.example.co.uk/story-${n % 7}`;
  return {
    id: uuidFor(n),
    page,
    site: siteOf(page),
    pageTitle: `Story ${n % 7}`,
    motivation: 'commenting',
    quote: { exact: `quote ${n}`, prefix: 'before ', suffix: ' after' },
    position: { start: n, end: n + 8 },
    note: `note ${n}`,
    labels: ['question'],
    created: at(n % 60),
    modified: at(n % 60),
    ...overrides,
  };
}

/** A dismissal of a machine flag (a reader's verdict), as the content script would store it. */
export function verdict(n: number, scope: 'page' | 'site' | 'everywhere', page: string, verdictKind: 'dismissed' | 'confirmed' = 'dismissed'): Annotation {
  return annotation(n, {
    page,
    site: siteOf(page),
    motivation: 'classifying',
    note: '',
    labels: [],
    flag: { ruleId: `loaded/${n}`, packVersion: '2026.1', verdict: verdictKind, scope },
  });
}

// --- fast-check arbitraries of valid stored records ------------------------------------------

const text = (maxLength: number, minLength = 0) =>
  fc.oneof(
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.string({ minLength, maxLength, unit: 'binary' }),
    fc.constantFrom(...['Hello, "world"', 'a,b\r\nc', '=SUM(A1)', '-1', '@x', 'naïve café ', '👩‍👩‍👧 emoji', 'שלום', '__proto__', 'constructor'].filter((s) => s.length >= minLength && s.length <= maxLength)),
  );

const timestamp = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());

const page = fc
  .tuple(fc.constantFrom('https://news.example.co.uk', 'http://localhost:8080', 'https://me.github.io', 'https://127.0.0.1', 'https://xn--bcher-kva.example'), fc.string({ maxLength: 20 }))
  .map(([origin, path]) => canonicalPageUrl(`${origin}/${encodeURIComponent(path)}`)!);

export const annotationArb: fc.Arbitrary<Annotation> = fc
  .record({
    id: fc.uuid(),
    page,
    pageTitle: text(40),
    motivation: fc.constantFrom('commenting', 'highlighting', 'tagging', 'classifying' as const),
    exact: text(30, 1),
    prefix: text(10),
    suffix: text(10),
    start: fc.nat({ max: 1_000_000 }),
    length: fc.integer({ min: 1, max: 1000 }),
    note: text(60),
    labels: fc.array(text(12, 1), { maxLength: 4 }),
    fingerprint: fc.option(fc.stringMatching(/^[0-9a-f]{1,64}$/), { nil: undefined }),
    flag: fc.option(
      fc.record({
        ruleId: text(20, 1),
        packVersion: text(8),
        verdict: fc.constantFrom('confirmed', 'dismissed' as const),
        scope: fc.constantFrom('page', 'site', 'everywhere' as const),
      }),
      { nil: undefined },
    ),
    times: fc.tuple(timestamp, timestamp),
  })
  .map((r) => {
    const [created, modified] = r.times[0] <= r.times[1] ? r.times : [r.times[1], r.times[0]];
    const record: Annotation = {
      id: r.id.toLowerCase(),
      page: r.page,
      site: siteOf(r.page),
      pageTitle: r.pageTitle,
      motivation: r.motivation,
      quote: { exact: r.exact, prefix: r.prefix, suffix: r.suffix },
      position: { start: r.start, end: r.start + r.length },
      note: r.note,
      labels: r.labels,
      ...(r.fingerprint !== undefined ? { fingerprint: r.fingerprint } : {}),
      ...(r.flag ? { flag: r.flag } : {}),
      created,
      modified,
    };
    return v.parse(AnnotationSchema, record);
  });
