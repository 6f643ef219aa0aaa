// Where article finding looks: the whole body, or on a huge page only the part that holds its paragraphs.
//
// Readability-style scoring reads the whole body: selector queries over every element and the link text of the
// article's ancestors. On an ordinary page that is a few milliseconds (the largest of the 130 reference pages has
// about 10,000 elements); on a page of a million nodes each of those native calls alone takes 20-70 ms and the link
// text of <body> reads hundreds of thousands of links, so one task of ours would hold the page for seconds. There,
// the search is narrowed first, from cheap tag-name collections only, to the deepest element holding most of the
// paragraph text, and extraction runs inside it as if it were the body. The trade: siblings of that element and
// Readability's full replay are out of reach on such pages; a page whose text-bearing part is itself huge is
// declined rather than read at the page's expense.

/** More elements than this and the page is huge (five times the largest reference page). */
export const HUGE_PAGE_ELEMENTS = 50_000;
/** Paragraphs read to find where the text is (document order); enough for any article, bounded on hostile pages. */
const MAX_PARAGRAPHS = 3_000;
/** The narrowed scope holds at least this share of the paragraph text. */
const TEXT_SHARE = 0.8;
const MIN_PARAGRAPH_CHARS = 25;

export type SearchScope =
  | { kind: 'whole'; root: HTMLElement }
  | { kind: 'narrowed'; root: Element }
  /** A huge page whose text-bearing part is huge too, or that has no paragraphs to narrow to. */
  | { kind: 'too-large' };

/** More than HUGE_PAGE_ELEMENTS elements in the page. */
export function isHugePage(doc: Document): boolean {
  return hasMoreElementsThan(doc, HUGE_PAGE_ELEMENTS);
}

/** The deepest element holding most of the paragraph text, if it is not huge itself. */
export function narrowScope(body: HTMLElement): SearchScope {
  const root = textBearingElement(body);
  if (!root || hasMoreElementsThan(root, HUGE_PAGE_ELEMENTS)) return { kind: 'too-large' };
  return { kind: 'narrowed', root };
}

/**
 * Indexing the live collection walks only up to that index, where its length walks all of it; an ordinary page is
 * walked whole, about 0.1 ms. On the hostile suite's million-node page, right after it loaded, Chromium spends 26-28
 * ms on the first index into the collection, whatever the index (all[10] too), and next to nothing on later ones; two
 * seconds later the first one takes 1 ms. Firefox takes 4-5 ms (2026-12-03, measured in the page). Counting in slices
 * would not split Chromium's cost, which the first index pays, so the pipeline asks this in a task of its own
 * (pipeline.ts).
 */
function hasMoreElementsThan(root: Document | Element, limit: number): boolean {
  const all = root.getElementsByTagName('*');
  // linkedom (the command-line analyser's DOM) has no "*" in getElementsByTagName.
  if (all[0] === undefined) return root.querySelectorAll('*').length > limit;
  return all[limit] !== undefined;
}

/** The deepest element under `body` that holds at least TEXT_SHARE of the text of its paragraphs. */
function textBearingElement(body: HTMLElement): Element | null {
  const weights = new Map<Element, number>();
  const children = new Map<Element, Element[]>();
  const paragraphs = body.getElementsByTagName('p');
  let total = 0;
  for (let i = 0; i < paragraphs.length && i < MAX_PARAGRAPHS; i++) {
    const paragraph = paragraphs[i]!;
    const length = (paragraph.textContent ?? '').trim().length;
    if (length < MIN_PARAGRAPH_CHARS) continue;
    total += length;
    let child: Element = paragraph;
    for (let element = paragraph.parentElement; element && child !== body; child = element, element = element.parentElement) {
      const known = weights.get(child);
      weights.set(child, (known ?? 0) + length);
      if (known === undefined) {
        const siblings = children.get(element);
        if (siblings) siblings.push(child);
        else children.set(element, [child]);
      }
    }
  }
  if (total === 0) return null;
  let scope: Element = body;
  for (;;) {
    let heaviest: Element | null = null;
    for (const child of children.get(scope) ?? []) if (!heaviest || weights.get(child)! > weights.get(heaviest)!) heaviest = child;
    if (!heaviest || weights.get(heaviest)! < total * TEXT_SHARE) return scope;
    scope = heaviest;
  }
}
