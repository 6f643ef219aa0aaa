// The fast path's clean-up: one post-order walk of the chosen article's subtree applies the removals of Readability's
// walk and of `_prepArticle` (share bars, forms, fishy divs, lists and tables), with counts summed bottom-up, and
// returns the removed elements for TextMap to skip.
//
// Follows Mozilla Readability's `_grabArticle` and `_prepArticle` (Apache-2.0, Copyright (c) 2010 Arc90 Inc,
// https://github.com/mozilla/readability; see NOTICE).

import { isPlaceholderImage } from './extract-vdom';
import { MAYBE_CANDIDATE, UNLIKELY_CANDIDATES } from './gate-signals';
import {
  ALTER_TO_DIV_EXCEPTIONS,
  AD_WORDS,
  DIV_TO_P_ELEMS,
  EMBEDS,
  FLAG_CLEAN_CONDITIONALLY,
  FLAG_STRIP_UNLIKELYS,
  HEADINGS,
  LISTS,
  LOADING_WORDS,
  PHRASING_ELEMS,
  SHARE_ELEMENTS,
  SHARE_ELEMENT_THRESHOLD,
  TEXTISH,
  VIDEOS,
  classWeightOf,
  isFishy,
} from './extract-readability';
import { dueEvery, type Slicer } from './slicer';
import {
  EDITABLE_REGION,
  ELEMENT_NODE,
  HASH_URL,
  HIDDEN,
  INVISIBLE_TAGS,
  MODAL,
  NON_WHITESPACE,
  Page,
  TEXT_NODE,
  TextRun,
  UNLIKELY_ROLE,
  innerLength,
  isBr,
  nextNonBlank,
} from './extract-page';

const BLOCKS = 'blockquote, dl, div, img, ol, p, pre, table, ul';

/** Removed from the article whatever they hold (embeds: unless they are allowed videos). */
const ALWAYS_CLEANED = new Set(['OBJECT', 'EMBED', 'FOOTER', 'LINK', 'ASIDE', 'IFRAME', 'INPUT', 'TEXTAREA', 'SELECT', 'BUTTON']);
const CONDITIONALLY_CLEANED = new Set(['FORM', 'FIELDSET', 'TABLE', 'UL', 'DIV']);
/**
 * The clean-up walk looks at the clock between the children of elements this close to the article's blocks, and
 * deeper down every 64 nodes: a deep subtree (Wikipedia's reference lists and navigation tables) held Firefox 43-57 ms
 * between two looks when the walk looked only near the blocks.
 */
const SLICED_DEPTH = 4;

/** Counts over a subtree as it stands after the clean-up below it, summed bottom-up (its text as a run). */
class Tally extends TextRun {
  /** Raw text length (for share bars). */
  raw = 0;
  asciiCommas = 0;
  /** Link text (x0.3 for #links). */
  links = 0;
  /** Paragraphs as Readability's copy has them: <p>s, <div>s made paragraphs, runs of loose text wrapped in one. */
  p = 0;
  img = 0;
  li = 0;
  headings = 0;
  textish = 0;
  lists = 0;
  /** Allowed videos inside (they keep any container). */
  video = false;
  dataTable = false;
  /** Some block element below (Readability's `_hasChildBlockElement`). */
  block = false;
  /** Every child is phrasing content (not summed: this element's own). */
  phrasingChildren = true;

  add(other: Tally): void {
    this.appendRun(other);
    this.raw += other.raw;
    this.asciiCommas += other.asciiCommas;
    this.links += other.links;
    this.p += other.p;
    this.img += other.img;
    this.li += other.li;
    this.headings += other.headings;
    this.textish += other.textish;
    this.lists += other.lists;
    this.video ||= other.video;
    this.dataTable ||= other.dataTable;
    this.block ||= other.block;
  }
}

/**
 * Readability's removals inside the article (its walk's, then `_prepArticle`'s), in one post-order walk of `blocks`
 * (children of `root`). Difference from Readability's separate passes: every removal below an element is counted
 * when the element is judged (Readability judges all tables before lists, and lists before divs).
 */
export function* prune(
  page: Page,
  root: Element,
  blocks: Set<Element>,
  flags: number,
  slicer: Slicer,
): Generator<undefined, { removed: Set<Element>; textLength: number }, void> {
  const strip = (flags & FLAG_STRIP_UNLIKELYS) !== 0;
  const clean = (flags & FLAG_CLEAN_CONDITIONALLY) !== 0;
  const removed = new Set<Element>();
  // Tags above the element being visited: the page's (for the walk's "unlikely, unless in a table or code") and,
  // from `inside` on, the article's own (for _prepArticle's checks, made on the detached article).
  const above: string[] = [];
  for (let ancestor: Element | null = root; ancestor && above.length < 4; ancestor = ancestor.parentElement) above.unshift(ancestor.tagName);
  const inside = above.length;
  let dataTablesAbove = 0;
  const within = (tag: string, levels: number, articleOnly: boolean) => {
    for (let i = above.length - 1; i >= 0 && i >= above.length - levels && (!articleOnly || i >= inside); i--) if (above[i] === tag) return true;
    return false;
  };

  // A generator, so that the walk can yield between the children of the elements near the top: one of the article's
  // blocks may hold all of it (a page-wide article is one long task otherwise). Deeper down it looks at the clock
  // less often.
  const deepDue = dueEvery(slicer, 64);
  function* visit(element: Element, topLevel: boolean, depth: number): Generator<undefined, Tally | null, void> {
    const tag = element.tagName;
    if (INVISIBLE_TAGS.has(tag)) return null;
    if (tag === 'IMG' && isPlaceholderImage(element)) return null;
    // The walk's removals (a block chosen for the article is never one of these).
    if (!topLevel) {
      const facts = page.facts(element);
      if (
        facts & (HIDDEN | MODAL | EDITABLE_REGION) ||
        element === page.byline ||
        element === page.titleHeader ||
        (strip && (facts & UNLIKELY_ROLE || isUnlikely(page, element, (t, n) => within(t, n, false))))
      ) {
        removed.add(element);
        return null;
      }
    }
    // Blocks joined to the article that are not common containers become <div>s.
    const prepTag = topLevel && !ALTER_TO_DIV_EXCEPTIONS.has(tag) ? 'DIV' : tag;
    const dataTable = tag === 'TABLE' && isDataTable(element);

    const tally = new Tally();
    above.push(tag);
    if (dataTable) dataTablesAbove++;
    // Runs of phrasing content directly in a <div>: Readability wraps each in a paragraph of its own.
    let runs = 0;
    let inRun = false;
    let runLength = 0;
    let elementChildren = 0;
    let nonPhrasingChildren = 0;
    let onlyChild: Element | null = null;
    let chains = 0;
    let inChain = false;
    let runsAfterChain = 0;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (depth < SLICED_DEPTH ? slicer.due() : deepDue()) yield;
      const type = child.nodeType;
      if (type === TEXT_NODE) {
        const data = (child as Text).data;
        if (!data) continue;
        const hasText = NON_WHITESPACE.test(data);
        // White space alone counts as one space, which joins the text around it.
        const length = tally.appendText(data, hasText);
        if (hasText) {
          for (let i = data.indexOf(','); i !== -1; i = data.indexOf(',', i + 1)) tally.asciiCommas++;
          if (!inRun) {
            inRun = true;
            runs++;
            if (chains > 0) runsAfterChain++;
          }
          if (inRun) runLength += length;
        }
        tally.raw += data.length;
        continue;
      }
      if (type !== ELEMENT_NODE) {
        // A comment is not phrasing content: it ends a run.
        inRun = false;
        tally.phrasingChildren = false;
        continue;
      }
      const el = child as Element;
      const childTag = el.tagName;
      const childTally = yield* visit(el, false, depth + 1);
      if (!childTally) {
        // Gone now, but present when Readability's walk reshaped this element (scripts and placeholders excepted).
        if (removed.has(el)) {
          const phrasing = PHRASING_ELEMS.has(childTag) || childTag === 'A' || childTag === 'DEL' || childTag === 'INS';
          if (!phrasing) {
            inRun = false;
            tally.phrasingChildren = false;
          } else if (!inRun && childTag !== 'BR') {
            inRun = true;
            runs++;
            if (chains > 0) runsAfterChain++;
          }
          tally.block ||= DIV_TO_P_ELEMS.has(childTag) || el.querySelector(BLOCKS) !== null;
        }
        continue;
      }
      if (childTag === 'BR') {
        // <br><br>: Readability ends the paragraph here and starts another after the run of <br>s.
        if (!inChain && isBr(nextNonBlank(el))) {
          inChain = true;
          chains++;
          inRun = false;
        }
        if (inChain) {
          if (!isBr(nextNonBlank(el))) inChain = false;
          continue;
        }
      }
      elementChildren++;
      onlyChild = elementChildren === 1 ? el : null;
      const phrasing = PHRASING_ELEMS.has(childTag) || ((childTag === 'A' || childTag === 'DEL' || childTag === 'INS') && childTally.phrasingChildren);
      if (phrasing) {
        if (!inRun && childTag !== 'BR') {
          inRun = true;
          runs++;
          if (chains > 0) runsAfterChain++;
        }
        if (inRun) runLength += childTally.length;
      } else {
        inRun = false;
        nonPhrasingChildren++;
        tally.phrasingChildren = false;
      }
      tally.add(childTally);
    }
    above.pop();
    if (dataTable) dataTablesAbove--;

    // How Readability's walk reshaped a <div>: replaced by its only paragraph, made a paragraph, or kept with its
    // loose runs wrapped in paragraphs.
    let effectiveTag = prepTag;
    let ownParagraph = tag === 'P' && chains === 0;
    if (chains > 0 && tag !== 'DIV' && tag !== 'P') {
      // Paragraphs made after each <br><br> run (the walk wraps loose text in <div>s only).
      tally.p += runsAfterChain;
      tally.block = true;
    }
    if (tag === 'DIV' || (tag === 'P' && chains > 0)) {
      if (tag === 'P') effectiveTag = 'DIV';
      const density = tally.inner > 0 ? tally.links / tally.inner : 0;
      const singleRun = runs === 1 && nonPhrasingChildren === 0 && chains === 0;
      const singleP = runs === 0 && elementChildren === 1 && onlyChild !== null && onlyChild.tagName === 'P';
      if ((singleRun || singleP) && density < 0.25) {
        effectiveTag = 'P';
        ownParagraph = singleRun; // a real inner <p> counted itself
      } else if (runs === 0 && !tally.block && chains === 0) {
        effectiveTag = 'P';
        ownParagraph = true;
      } else {
        tally.p += runs;
        tally.textish += runLength;
        if (runs > 0) tally.block = true;
      }
    }

    // _prepArticle's removals.
    if (!topLevel && ALWAYS_CLEANED.has(tag) && !(EMBEDS.has(tag) && hasVideo(element))) {
      removed.add(element);
      return null;
    }
    if (EMBEDS.has(tag) && hasVideo(element)) tally.video = true;
    if (!topLevel && SHARE_ELEMENTS.test(page.matchString(element)) && tally.raw < SHARE_ELEMENT_THRESHOLD) {
      removed.add(element);
      return null;
    }
    if ((tag === 'H1' || tag === 'H2') && classWeightOf(page.className(element), element.getAttribute('id') ?? '', flags) < 0) {
      removed.add(element);
      return null;
    }
    if (clean && CONDITIONALLY_CLEANED.has(effectiveTag) && shouldClean(page, element, effectiveTag, tally, dataTable, dataTablesAbove > 0, flags, (t, n) => within(t, n, true), removed)) {
      removed.add(element);
      return null;
    }

    // What this element adds for its ancestors.
    if (tag === 'A') {
      const href = element.getAttribute('href');
      tally.links += tally.inner * (href && HASH_URL.test(href) ? 0.3 : 1);
    }
    if (ownParagraph) tally.p++;
    if (tag === 'IMG') tally.img++;
    if (tag === 'LI') tally.li++;
    if (HEADINGS.has(tag)) tally.headings += tally.inner;
    if (TEXTISH.has(effectiveTag)) tally.textish += tally.inner;
    if (LISTS.has(tag)) tally.lists += tally.inner;
    if (dataTable) tally.dataTable = true;
    if (DIV_TO_P_ELEMS.has(effectiveTag)) tally.block = true;
    return tally;
  }

  let textLength = 0;
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) {
      const element = child as Element;
      if (!blocks.has(element)) continue;
      if (slicer.due()) yield;
      const tally = yield* visit(element, true, 0);
      if (tally) textLength += tally.inner;
      else removed.add(element);
    } else if (child.nodeType === TEXT_NODE && root === page.body) textLength += innerLength((child as Text).data);
  }
  return { removed, textLength };
}

function isUnlikely(page: Page, element: Element, within: (tag: string, levels: number) => boolean): boolean {
  const tag = element.tagName;
  if (tag === 'BODY' || tag === 'A') return false;
  const match = page.matchString(element);
  return UNLIKELY_CANDIDATES.test(match) && !MAYBE_CANDIDATE.test(match) && !within('TABLE', 4) && !within('CODE', 4);
}

function hasVideo(element: Element): boolean {
  for (const attr of Array.from(element.attributes)) if (VIDEOS.test(attr.value)) return true;
  return element.tagName === 'OBJECT' && VIDEOS.test(element.innerHTML);
}

/**
 * The element's text in Readability's copy: without scripts and styles and what its walk removed. (Its textContent on
 * the page may hold a script of 100,000 characters around a caption of ten.)
 */
function keptText(element: Element, removed: ReadonlySet<Element>): string {
  let text = '';
  const visit = (node: Element) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) text += (child as Text).data;
      else if (child.nodeType === ELEMENT_NODE && !INVISIBLE_TAGS.has((child as Element).tagName) && !removed.has(child as Element)) visit(child as Element);
    }
  };
  visit(element);
  return text;
}

/** `_cleanConditionally`'s verdict from the tally of what is below `element`. */
function shouldClean(
  page: Page,
  element: Element,
  tag: string,
  tally: Tally,
  dataTable: boolean,
  insideDataTable: boolean,
  flags: number,
  within: (tag: string, levels: number) => boolean,
  removed: ReadonlySet<Element>,
): boolean {
  const contentLength = tally.inner;
  const isList = tag === 'UL' || tag === 'OL' || (contentLength > 0 && tally.lists / contentLength > 0.9);
  if (tag === 'TABLE' && dataTable) return false;
  if (insideDataTable) return false;
  if (within('CODE', 4)) return false;
  if (tally.dataTable) return false;
  const weight = classWeightOf(page.className(element), element.getAttribute('id') ?? '', flags);
  if (weight < 0) return true;
  if (tally.asciiCommas >= 10) return false;
  if (tally.video) return false;
  if (contentLength < 40) {
    const text = keptText(element, removed).trim().replace(/\s{2,}/g, ' ');
    if (AD_WORDS.test(text) || LOADING_WORDS.test(text)) return true;
  }
  let remove = isFishy({
    p: tally.p,
    img: tally.img,
    li: tally.li,
    input: 0,
    embeds: 0,
    contentLength,
    headingLength: tally.headings,
    textishLength: tally.textish,
    linkDensity: contentLength > 0 ? tally.links / contentLength : 0,
    weight,
    isList,
    isFigureChild: within('FIGURE', 4),
  });
  if (isList && remove) {
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) if (child.children.length > 1) return remove;
    if (tally.img === element.getElementsByTagName('li').length) remove = false;
  }
  return remove;
}

/** Readability's `_markDataTables` for one table. */
function isDataTable(table: Element): boolean {
  if (table.getAttribute('role') === 'presentation') return false;
  if (table.getAttribute('datatable') === '0') return false;
  if (table.getAttribute('summary')) return true;
  const caption = table.getElementsByTagName('caption')[0];
  if (caption && caption.childNodes.length) return true;
  if (table.querySelector('col, colgroup, tfoot, thead, th')) return true;
  if (table.getElementsByTagName('table').length) return false;
  let rows = 0;
  let columns = 0;
  for (const tr of Array.from(table.getElementsByTagName('tr'))) {
    rows += parseInt(tr.getAttribute('rowspan') ?? '', 10) || 1;
    let inRow = 0;
    for (const td of Array.from(tr.getElementsByTagName('td'))) inRow += parseInt(td.getAttribute('colspan') ?? '', 10) || 1;
    columns = Math.max(columns, inRow);
  }
  if (columns === 1 || rows === 1) return false;
  if (rows >= 10 || columns > 4) return true;
  return rows * columns > 10;
}
