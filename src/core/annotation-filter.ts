// Which annotations a list, search or export covers, and the order the library shows them in: newest change first.
import { canonicalPageUrl, type Annotation } from './annotation';

/** Every field narrows the set; an absent or empty field does not. The message contract's ListFilter has this shape. */
export interface AnnotationFilter {
  page?: string | undefined;
  site?: string | undefined;
  label?: string | undefined;
  /** Case-insensitive substring of the quote, the note, a label or the page title. */
  query?: string | undefined;
}

/** A filter with its text prepared once, so that testing 10,000 records does not redo it 10,000 times. */
export interface PreparedFilter {
  page?: string;
  site?: string;
  label?: string;
  query?: string;
}

export function prepareFilter(filter: AnnotationFilter): PreparedFilter {
  const prepared: PreparedFilter = {};
  if (filter.page) prepared.page = canonicalPageUrl(filter.page) ?? filter.page;
  if (filter.site) prepared.site = filter.site.trim().toLowerCase();
  if (filter.label) prepared.label = filter.label;
  const query = filter.query?.trim().replace(/\s+/g, ' ').toLowerCase();
  if (query) prepared.query = query;
  return prepared;
}

function containsQuery(a: Annotation, query: string): boolean {
  return (
    a.quote.exact.toLowerCase().includes(query) ||
    a.note.toLowerCase().includes(query) ||
    a.pageTitle.toLowerCase().includes(query) ||
    a.labels.some((label) => label.toLowerCase().includes(query))
  );
}

export function matchesFilter(a: Annotation, filter: PreparedFilter): boolean {
  if (filter.page !== undefined && a.page !== filter.page) return false;
  if (filter.site !== undefined && a.site !== filter.site) return false;
  if (filter.label !== undefined && !a.labels.includes(filter.label)) return false;
  if (filter.query !== undefined && !containsQuery(a, filter.query)) return false;
  return true;
}

/** Newest `modified` first (timestamps are canonical, so string order is time order), then by id for a stable order. */
export function compareNewestFirst(a: Annotation, b: Annotation): number {
  if (a.modified !== b.modified) return a.modified > b.modified ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function filterAnnotations(annotations: readonly Annotation[], filter: AnnotationFilter): Annotation[] {
  const prepared = prepareFilter(filter);
  return annotations.filter((a) => matchesFilter(a, prepared)).sort(compareNewestFirst);
}
