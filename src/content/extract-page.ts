// What the fast path reads of the live page, remembered per element: attribute facts, text lengths and commas, link
// density, and what Readability's walk would have removed (extract-fast.ts chooses the article, extract-prune.ts
// cleans it up).
//
// Follows Mozilla Readability's `_getLinkDensity`, `_getInnerText` and its walk's removals (Apache-2.0, Copyright (c)
// 2010 Arc90 Inc, https://github.com/mozilla/readability; see NOTICE).

import { isProbablyVisible, MAYBE_CANDIDATE, UNLIKELY_CANDIDATES } from './gate-signals';
import { UNLIKELY_ROLES } from './extract-readability';
import { drain, WHOLE, type Slicer } from './slicer';

/** Elements with any of these attributes get a closer look (hidden, modal, role, editable). */
const NOTABLE = '[style],[hidden],[aria-hidden],[aria-modal],[role],[contenteditable]';
/** Never part of the text Readability sees (removed before it starts). */
export const INVISIBLE_TAGS = new Set(['SCRIPT', 'NOSCRIPT', 'STYLE', 'TEMPLATE']);
const EDITABLE = new Set(['', 'true', 'plaintext-only']);
const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;
export const HASH_URL = /^#.+/;
export const NON_WHITESPACE = /\S/;
export const DOUBLE_SPACE = /\s\s/;
/** Readability's own normalisation (it is also the cheapest: most single spaces need no replacing). */
export const SPACE_RUNS = /\s{2,}/g;
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const WHITE_SPACE = /\s/;
/**
 * Text of this many characters or more is read once: the elements around it add up their children's lengths instead
 * of building its string again (textContent of a 500,000-character Wikipedia page takes 11-30 ms in Chromium here,
 * and the page-wide wrappers of the paragraphs asked for their link density would each build it).
 */
const LONG_TEXT = 8192;
/** Links read between two looks at the clock (a look is cheap, but not free next to reading one link). */
const LINKS_PER_CLOCK_CHECK = 32;

// Attribute facts, by element.
export const HIDDEN = 1;
export const MODAL = 2;
export const UNLIKELY_ROLE = 4;
export const EDITABLE_REGION = 8;

/** Readability's `_getInnerText(node).length` (trimmed, white-space runs collapsed) and its comma count. */
export function measure(text: string): { length: number; commas: number } {
  // Commas are never white space: counting them before trimming gives the same number.
  return { length: innerLength(text), commas: text.match(COMMAS)?.length ?? 0 };
}

/**
 * Text as Readability's length sees it, built in pieces that join: its length with white-space runs collapsed (not
 * trimmed), whether it starts or ends with white space, and whether it has anything else.
 */
export class TextRun {
  length = 0;
  leadingSpace = false;
  trailingSpace = false;
  hasText = false;

  static of(text: string): TextRun {
    const run = new TextRun();
    run.appendText(text);
    return run;
  }

  /** Readability's `_getInnerText(element).length`: trimmed, white-space runs collapsed. */
  get inner(): number {
    return this.hasText ? this.length - (this.leadingSpace ? 1 : 0) - (this.trailingSpace ? 1 : 0) : 0;
  }

  /** Appends text of `length` (runs collapsed) after what is there: white space at the seam collapses into one. */
  append(length: number, leadingSpace: boolean, trailingSpace: boolean, hasText: boolean): void {
    if (length === 0) return;
    if (this.length === 0) {
      this.length = length;
      this.leadingSpace = leadingSpace;
    } else this.length += length - (this.trailingSpace && leadingSpace ? 1 : 0);
    this.trailingSpace = trailingSpace;
    this.hasText ||= hasText;
  }

  appendRun(other: TextRun): void {
    this.append(other.length, other.leadingSpace, other.trailingSpace, other.hasText);
  }

  /** Appends `text`; returns its length with white-space runs collapsed. */
  appendText(text: string, hasText = NON_WHITESPACE.test(text)): number {
    if (text.length === 0) return 0;
    const length = DOUBLE_SPACE.test(text) ? text.replace(SPACE_RUNS, ' ').length : text.length;
    this.append(length, WHITE_SPACE.test(text[0]!), WHITE_SPACE.test(text[text.length - 1]!), hasText);
    return length;
  }
}

/** Readability's `_getInnerText(node).length`: trimmed, white-space runs collapsed. */
export function innerLength(text: string): number {
  const trimmed = text.trim();
  if (!trimmed) return 0;
  return DOUBLE_SPACE.test(trimmed) ? trimmed.replace(SPACE_RUNS, ' ').length : trimmed.length;
}

/** What the fast path knows about the page, shared by its passes. */
export class Page {
  private readonly attributeFacts = new Map<Element, number>();
  private notable: Set<Element> | null = null;
  private readonly matchStrings = new Map<Element, string>();
  private readonly linkDensities = new Map<Element, number>();
  private readonly texts = new Map<Element, { length: number; commas: number }>();
  private readonly runs = new Map<Element, TextRun>();
  /** Elements holding a long text already read (LONG_TEXT): their runs are added up from their children's. */
  private readonly aroundLongText = new Set<Element>();
  private readonly linkLengths = new Map<Element, number>();
  /** Removed by the walk, itself or through an ancestor, when unlikely candidates are stripped / kept. */
  private readonly removed = [new Map<Element, boolean>(), new Map<Element, boolean>()];
  byline: Element | null = null;
  titleHeader: Element | null = null;

  /** `body`: the document's body, or on a huge page the element the search is narrowed to (extract-scope.ts). */
  constructor(readonly body: Element) {}

  facts(element: Element): number {
    let facts = this.attributeFacts.get(element);
    if (facts !== undefined) return facts;
    facts = 0;
    // One native query finds the few elements with such attributes, instead of a selector match per element asked.
    if (!this.notable) {
      this.notable = new Set(this.body.querySelectorAll(NOTABLE));
      if (this.body.matches(NOTABLE)) this.notable.add(this.body);
    }
    if (this.notable.has(element)) {
      if (!isProbablyVisible(element)) facts |= HIDDEN;
      const role = element.getAttribute('role');
      if (role !== null) {
        if (UNLIKELY_ROLES.has(role)) facts |= UNLIKELY_ROLE;
        if (role === 'dialog' && element.getAttribute('aria-modal') === 'true') facts |= MODAL;
      }
      if (EDITABLE.has(element.getAttribute('contenteditable')?.toLowerCase() ?? 'false')) facts |= EDITABLE_REGION;
    }
    this.attributeFacts.set(element, facts);
    return facts;
  }

  matchString(element: Element): string {
    let match = this.matchStrings.get(element);
    if (match === undefined) {
      match = (element.getAttribute('class') ?? '') + ' ' + (element.getAttribute('id') ?? '');
      this.matchStrings.set(element, match);
    }
    return match;
  }

  className(element: Element): string {
    return element.getAttribute('class') ?? '';
  }

  /** The walk removes this element on sight (not counting the byline and the title header). */
  removedSelf(element: Element, strip: boolean): boolean {
    const facts = this.facts(element);
    if (facts & (HIDDEN | MODAL | EDITABLE_REGION)) return true;
    if (INVISIBLE_TAGS.has(element.tagName)) return true;
    if (!strip) return false;
    if (facts & UNLIKELY_ROLE) return true;
    const tag = element.tagName;
    if (tag === 'BODY' || tag === 'A') return false;
    const match = this.matchString(element);
    return UNLIKELY_CANDIDATES.test(match) && !MAYBE_CANDIDATE.test(match) && !hasAncestorTag(element, 'TABLE') && !hasAncestorTag(element, 'CODE');
  }

  /** Removed by the walk, itself or with an ancestor (the byline and the title header included). */
  isGone(element: Element, strip: boolean): boolean {
    return (
      this.isRemoved(element, strip) ||
      (this.byline !== null && this.byline.contains(element)) ||
      (this.titleHeader !== null && this.titleHeader.contains(element))
    );
  }

  /** Removed by the walk's rules for hidden, modal, unlikely elements, itself or with an ancestor. */
  private isRemoved(element: Element, strip: boolean): boolean {
    const memo = this.removed[strip ? 0 : 1]!;
    let verdict = memo.get(element);
    if (verdict !== undefined) return verdict;
    const parent = element.parentElement;
    verdict = this.removedSelf(element, strip) || (parent !== null && parent !== this.body.parentElement && this.isRemoved(parent, strip));
    memo.set(element, verdict);
    return verdict;
  }

  linkDensity(element: Element): number {
    return drain(this.linkDensitySteps(element, WHOLE));
  }

  /** `linkDensity` in slices: a container as large as the page may hold thousands of links. */
  *linkDensitySteps(element: Element, slicer: Slicer): Generator<undefined, number, void> {
    let density = this.linkDensities.get(element);
    if (density !== undefined) return density;
    const length = this.length(element);
    let links = 0;
    if (length > 0) {
      const anchors = element.getElementsByTagName('a');
      for (let i = 0; i < anchors.length; i++) {
        if (i % LINKS_PER_CLOCK_CHECK === 0 && slicer.due()) yield;
        const link = anchors[i]!;
        let weighted = this.linkLengths.get(link);
        if (weighted === undefined) {
          const href = link.getAttribute('href');
          weighted = innerLength(link.textContent ?? '') * (href && HASH_URL.test(href) ? 0.3 : 1);
          this.linkLengths.set(link, weighted);
        }
        links += weighted;
      }
    }
    density = length > 0 ? links / length : 0;
    this.linkDensities.set(element, density);
    return density;
  }

  /** Text length from textContent: `text(element).length` without counting commas (a container's text is long). */
  length(element: Element): number {
    const text = this.texts.get(element);
    if (text) return text.length;
    return this.run(element).inner;
  }

  /** Some text other than white space, scripts and styles included (the run of a sibling is read once). */
  hasText(element: Element): boolean {
    return this.run(element).hasText;
  }

  /** The element's textContent as a run: from its string, or around a long text from its children's runs. */
  private run(element: Element): TextRun {
    let run = this.runs.get(element);
    if (run) return run;
    if (this.aroundLongText.has(element)) {
      run = new TextRun();
      for (let child = element.firstChild; child; child = child.nextSibling) {
        const type = child.nodeType;
        if (type === ELEMENT_NODE) run.appendRun(this.run(child as Element));
        else if (type === TEXT_NODE || type === CDATA_SECTION_NODE) run.appendText((child as CharacterData).data);
      }
    } else {
      const text = element.textContent ?? '';
      run = TextRun.of(text);
      if (text.length >= LONG_TEXT) {
        for (let around = element.parentElement; around && !this.aroundLongText.has(around); around = around.parentElement) this.aroundLongText.add(around);
      }
    }
    this.runs.set(element, run);
    return run;
  }

  /** Text length and commas from textContent. */
  text(element: Element): { length: number; commas: number } {
    let text = this.texts.get(element);
    if (!text) {
      text = measure(element.textContent ?? '');
      this.texts.set(element, text);
    }
    return text;
  }

  /**
   * Text length and commas as Readability's copy has them: without scripts and without what its walk removed. For
   * containers (sections, cells, divs) the removed parts are found by an element-only walk and subtracted.
   */
  readableText(element: Element, strip: boolean): { length: number; commas: number } {
    const whole = this.text(element);
    if (!element.firstElementChild || whole.length === 0) return whole;
    let length = whole.length;
    let commas = whole.commas;
    const subtract = (removed: Element) => {
      const text = this.text(removed);
      length -= text.length;
      commas -= text.commas;
    };
    const visit = (node: Element) => {
      for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
        if (INVISIBLE_TAGS.has(child.tagName) || child === this.byline || child === this.titleHeader || this.removedSelf(child, strip)) subtract(child);
        else if (child.firstElementChild) visit(child);
      }
    };
    visit(element);
    return { length: Math.max(0, length), commas: Math.max(0, commas) };
  }
}

function hasAncestorTag(element: Element, tag: string): boolean {
  let depth = 0;
  for (let current = element; current.parentElement; current = current.parentElement, depth++) {
    if (depth > 3) return false;
    if (current.parentElement.tagName === tag) return true;
  }
  return false;
}

/** The previous sibling that is an element or non-blank text (Readability's `_nextNode`, backwards). */
export function previousNonBlank(node: Node): Node | null {
  let previous = node.previousSibling;
  while (previous && previous.nodeType !== ELEMENT_NODE && !NON_WHITESPACE.test(previous.textContent ?? '')) previous = previous.previousSibling;
  return previous;
}

export function nextNonBlank(node: Node): Node | null {
  let next = node.nextSibling;
  while (next && next.nodeType !== ELEMENT_NODE && !NON_WHITESPACE.test(next.textContent ?? '')) next = next.nextSibling;
  return next;
}

export function isBr(node: Node | null): boolean {
  return node !== null && node.nodeType === ELEMENT_NODE && (node as Element).tagName === 'BR';
}
