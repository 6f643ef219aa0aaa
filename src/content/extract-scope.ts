// Where article finding looks: the whole body, or on a huge page only the part that holds its paragraphs.
//
// Readability-style scoring reads the whole body: selector queries over every element and the link text of the
// article's ancestors. On an ordinary page that is a few milliseconds (the largest of the 130 reference pages has
// about 10,000 elements); on a page of a million nodes each of those native calls alone takes 20-70 ms and the link
// text of <body> reads hundreds of thousands of links, so one task of ours would hold the page for seconds. There,
// the search is narrowed first to the deepest element holding most of the paragraph text, and extraction runs inside
// it as if it were the body. Counting the elements and finding the paragraphs read the page in parts (forEachPart).
// The trade: siblings of that element and Readability's full replay are out of reach on such pages; a page whose
// text-bearing part is itself huge is declined rather than read at the page's expense.

import type { Slicer } from './slicer';

/** More elements than this and the page is huge (five times the largest reference page). */
export const HUGE_PAGE_ELEMENTS = 50_000;
/** Paragraphs read to find where the text is (document order); enough for any article, bounded on hostile pages. */
const MAX_PARAGRAPHS = 3_000;
/** The narrowed scope holds at least this share of the paragraph text. */
const TEXT_SHARE = 0.8;
const MIN_PARAGRAPH_CHARS = 25;
/** The walks below read an element with more children than this in one native call, rather than split it. */
const MAX_SPLIT_CHILDREN = 1_000;
/** Levels below the body the walks split elements into their children (an only child is not a level). */
const MAX_SPLIT_DEPTH = 4;
/** Elements the walks may hand out one by one, all told (each costs a wrapper). */
const SPLIT_BUDGET = 20_000;

export type SearchScope =
  | { kind: 'whole'; root: HTMLElement }
  | { kind: 'narrowed'; root: Element }
  /** A huge page whose text-bearing part is huge too, or that has no paragraphs to narrow to. */
  | { kind: 'too-large' };

/**
 * Where to search a page whose gate passed: its whole body, or, when the body has more than HUGE_PAGE_ELEMENTS
 * elements, the part holding its paragraphs. In slices: it yields when `slicer` says the task has run its share.
 */
export function* searchScopeSteps(body: HTMLElement, slicer: Slicer): Generator<undefined, SearchScope, void> {
  if (!(yield* hasMoreElementsThan(body, HUGE_PAGE_ELEMENTS, slicer))) return { kind: 'whole', root: body };
  return yield* narrowScopeSteps(body, slicer);
}

/** The deepest element holding most of the paragraph text, if it is not huge itself. */
function* narrowScopeSteps(body: HTMLElement, slicer: Slicer): Generator<undefined, SearchScope, void> {
  const root = yield* textBearingElement(body, slicer);
  if (!root || (yield* hasMoreElementsThan(root, HUGE_PAGE_ELEMENTS, slicer))) return { kind: 'too-large' };
  return { kind: 'narrowed', root };
}

/**
 * Calls `visit` on the elements under `root` in document order, down to MAX_SPLIT_DEPTH levels: with `whole` false for
 * an element whose children come next, true for one whose subtree the caller reads in one native call. Stops when
 * `visit` returns true; yields between two elements when `slicer` is due.
 *
 * Why parts: one native call over a million-node page cannot be cut. Right after such a page loaded, Chromium spent
 * 26-28 ms on the first index into getElementsByTagName('*'), whatever the index, and 30-50 ms in the extension;
 * Firefox 22-27 ms on its <p>s (up to 106 ms of wall clock on a loaded machine), all measured 2026-12-03. Parts of the
 * hostile page's size are a few thousand elements each. Why not every element one by one: each costs a wrapper, and a
 * walk of a million-node page from script held it for up to 60 ms at once growing the wrapper tables or collecting
 * garbage. A subtree deeper down, or an element of very many children, is still read in one call.
 */
function* forEachPart(root: Element, slicer: Slicer, visit: (element: Element, whole: boolean) => boolean): Generator<undefined, void, void> {
  const pending: Element[] = [root];
  const depths: number[] = [0];
  let budget = SPLIT_BUDGET;
  while (pending.length > 0) {
    if (slicer.due()) yield;
    const element = pending.pop()!;
    const depth = depths.pop()!;
    const children = element.childElementCount;
    const split = children > 0 && children <= MAX_SPLIT_CHILDREN && children <= budget && (children === 1 || depth < MAX_SPLIT_DEPTH);
    if (visit(element, !split)) return;
    if (!split) continue;
    budget -= children;
    for (let child = element.lastElementChild; child; child = child.previousElementSibling) {
      pending.push(child);
      depths.push(children === 1 ? depth : depth + 1);
    }
  }
}

/** More than `limit` elements under `root`, counted in parts (forEachPart). */
function* hasMoreElementsThan(root: Element, limit: number, slicer: Slicer): Generator<undefined, boolean, void> {
  let count = 0;
  yield* forEachPart(root, slicer, (element, whole) => {
    if (element !== root) count++;
    // A leaf needs no collection (each costs its creation and a cache entry on the element).
    if (whole && element.firstElementChild) count += descendantCount(element);
    return count > limit;
  });
  return count > limit;
}

/** The elements under `element`, which has at least one element child. */
function descendantCount(element: Element): number {
  const all = element.getElementsByTagName('*');
  // linkedom (the command-line analyser's DOM) has no "*" in getElementsByTagName.
  return all.length === 0 ? element.querySelectorAll('*').length : all.length;
}

/** The deepest element under `body` that holds at least TEXT_SHARE of the text of its paragraphs (read in parts). */
function* textBearingElement(body: HTMLElement, slicer: Slicer): Generator<undefined, Element | null, void> {
  const weights = new Map<Element, number>();
  const children = new Map<Element, Element[]>();
  let total = 0;
  let paragraphs = 0;
  const read = (paragraph: Element) => {
    paragraphs++;
    const length = (paragraph.textContent ?? '').trim().length;
    if (length < MIN_PARAGRAPH_CHARS) return;
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
  };
  yield* forEachPart(body, slicer, (element, whole) => {
    if (element !== body && element.localName === 'p') read(element);
    if (whole) {
      const found = element.getElementsByTagName('p');
      for (let i = 0, paragraph = found[0]; paragraph && paragraphs < MAX_PARAGRAPHS; paragraph = found[++i]) read(paragraph);
    }
    return paragraphs >= MAX_PARAGRAPHS;
  });
  if (total === 0) return null;
  let scope: Element = body;
  for (;;) {
    let heaviest: Element | null = null;
    for (const child of children.get(scope) ?? []) if (!heaviest || weights.get(child)! > weights.get(heaviest)!) heaviest = child;
    if (!heaviest || weights.get(heaviest)! < total * TEXT_SHARE) return scope;
    scope = heaviest;
  }
}
