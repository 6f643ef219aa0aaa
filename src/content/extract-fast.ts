// The fast path of article finding: Readability's choice read off the live page, without copying it.
//
// Follows the scoring and clean-up of Mozilla Readability's `_grabArticle` and `_prepArticle` (Apache-2.0, Copyright (c)
// 2010 Arc90 Inc, https://github.com/mozilla/readability; see NOTICE).
//
// Scoring: the paragraphs Readability scores come from one querySelectorAll (plus the <div>s it would turn into
// paragraphs); their text lengths and commas from native textContent; what its walk would have removed around them
// (hidden, unlikely, byline, repeated headline) is asked per ancestor and remembered. Only the best candidates' links
// are read. Clean-up: one post-order walk of the chosen article's own subtree applies the removals of Readability's
// walk and of `_prepArticle` (share bars, forms, fishy divs, lists and tables) with counts summed bottom-up, and
// returns them as a set of elements for TextMap to skip. Retries with relaxed heuristics, as Readability does, when
// the article is too short. <br><br> runs are cut into paragraphs where Readability would.
//
// Approximations (measured on the 130 reference pages: same text as the full replay on all but 6, F1 >= 0.95 on
// those): a container's text is its textContent minus the removed parts found by an element-only walk; loose text
// beside blocks is not scored (it is in the clean-up); all removals below an element count when it is judged. Where
// no paragraph is left to score (odd documents), it says "unsure" and the caller replays Readability in full
// (extract-readability.ts). Same rules and constants: they are imported from there (and, those the gate shares,
// from gate-signals.ts).

import { isPlaceholderImage } from './extract-vdom';
import { isProbablyVisible, MAYBE_CANDIDATE, UNLIKELY_CANDIDATES } from './gate-signals';
import {
  ALL_FLAGS,
  ALTER_TO_DIV_EXCEPTIONS,
  AD_WORDS,
  BYLINE,
  CHAR_THRESHOLD,
  DIV_TO_P_ELEMS,
  EMBEDS,
  EMPTY_REMOVABLE,
  FLAG_CLEAN_CONDITIONALLY,
  FLAG_STRIP_UNLIKELYS,
  FLAG_WEIGHT_CLASSES,
  HEADINGS,
  LISTS,
  LOADING_WORDS,
  MIN_PARAGRAPH_LENGTH,
  N_TOP_CANDIDATES,
  PHRASING_ELEMS,
  SHARE_ELEMENTS,
  SHARE_ELEMENT_THRESHOLD,
  TEXTISH,
  UNLIKELY_ROLES,
  VIDEOS,
  classWeightOf,
  isFishy,
  tagScore,
} from './extract-readability';
import { textSimilarity, type ArticleMetadata } from './extract-metadata';
import { drain, WHOLE, type Slicer } from './slicer';

const MINIMUM_TOP_CANDIDATES = 3;
const SCORED_SELECTOR = 'p, pre, td, section, h2, h3, h4, h5, h6';
/** An <img> is a block too, unless it is a placeholder; checked apart. */
const BLOCKS_BUT_IMG = 'blockquote, dl, div, ol, p, pre, table, ul';
const BLOCKS = 'blockquote, dl, div, img, ol, p, pre, table, ul';
/** Elements with any of these attributes get a closer look (hidden, modal, role, editable). */
const NOTABLE = '[style],[hidden],[aria-hidden],[aria-modal],[role],[contenteditable]';
/** Never part of the text Readability sees (removed before it starts). */
const INVISIBLE_TAGS = new Set(['SCRIPT', 'NOSCRIPT', 'STYLE', 'TEMPLATE']);
/** Removed from the article whatever they hold (embeds: unless they are allowed videos). */
const ALWAYS_CLEANED = new Set(['OBJECT', 'EMBED', 'FOOTER', 'LINK', 'ASIDE', 'IFRAME', 'INPUT', 'TEXTAREA', 'SELECT', 'BUTTON']);
const CONDITIONALLY_CLEANED = new Set(['FORM', 'FIELDSET', 'TABLE', 'UL', 'DIV']);
const EDITABLE = new Set(['', 'true', 'plaintext-only']);
const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;
const HASH_URL = /^#.+/;
const NON_WHITESPACE = /\S/;
const DOUBLE_SPACE = /\s\s/;
const LEADING_SPACE = /^\s/;
const TRAILING_SPACE = /\s$/;
/** Readability's own normalisation (it is also the cheapest: most single spaces need no replacing). */
const SPACE_RUNS = /\s{2,}/g;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** Links read between two looks at the clock (a look is cheap, but not free next to reading one link). */
const LINKS_PER_CLOCK_CHECK = 32;
/** The clean-up walk may yield between the children of elements this close to the article's blocks. */
const SLICED_DEPTH = 4;

// Attribute facts, by element.
const HIDDEN = 1;
const MODAL = 2;
const UNLIKELY_ROLE = 4;
const EDITABLE_REGION = 8;

export type FastResult =
  | {
      status: 'found';
      /** The smallest element holding the article's blocks. */
      root: Element;
      /** Elements under `root` that Readability leaves out (with what is below them). */
      skip: Set<Element>;
      textLength: number;
      /** Passes: 1, or more when the first found too little and heuristics were relaxed, as Readability does. */
      passes: number;
    }
  | { status: 'unsure'; reason: string }
  | { status: 'none' };

/** Readability's `_getInnerText(node).length` (trimmed, white-space runs collapsed) and its comma count. */
function measure(text: string): { length: number; commas: number } {
  // Commas are never white space: counting them before trimming gives the same number.
  return { length: innerLength(text), commas: text.match(COMMAS)?.length ?? 0 };
}

/** Readability's `_getInnerText(node).length`: trimmed, white-space runs collapsed. */
function innerLength(text: string): number {
  const trimmed = text.trim();
  if (!trimmed) return 0;
  return DOUBLE_SPACE.test(trimmed) ? trimmed.replace(SPACE_RUNS, ' ').length : trimmed.length;
}

/** What the fast path knows about the page, shared by its passes. */
class Page {
  private readonly attributeFacts = new Map<Element, number>();
  private notable: Set<Element> | null = null;
  private readonly matchStrings = new Map<Element, string>();
  private readonly linkDensities = new Map<Element, number>();
  private readonly texts = new Map<Element, { length: number; commas: number }>();
  private readonly lengths = new Map<Element, number>();
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
    let length = this.lengths.get(element);
    if (length === undefined) {
      length = innerLength(element.textContent ?? '');
      this.lengths.set(element, length);
    }
    return length;
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

/** Readability's choice among the elements under `body` (the document's, or a narrowed scope's root). */
export function* fastChoiceSteps(body: Element, metadata: ArticleMetadata, slicer: Slicer): Generator<undefined, FastResult, void> {
  const page = new Page(body);

  // Elements holding <br><br> runs: Readability cuts their content into paragraphs there.
  const brContainers = new Set<Element>();
  for (const br of Array.from(body.querySelectorAll('br + br'))) {
    const previous = previousNonBlank(br);
    if (previous && (previous as Element).tagName === 'BR' && br.parentElement) brContainers.add(br.parentElement);
  }

  // The paragraphs Readability scores, in document order: <p>, <pre>, <td>, <section>, <h2>-<h6>, and the <div>s
  // that hold no block (it makes them paragraphs).
  const paragraphs: Element[] = Array.from(body.querySelectorAll(SCORED_SELECTOR));
  // A block marks every element above it as holding one; one climb each, stopping where an earlier climb went (the
  // selector `div:not(:has(...))` does the same natively but looks below every <div>: the slowest query on big pages).
  const holdsBlock = new Set<Element>();
  for (const block of Array.from(body.querySelectorAll(BLOCKS_BUT_IMG))) {
    for (let above = block.parentElement; above && !holdsBlock.has(above); above = above.parentElement) holdsBlock.add(above);
  }
  // A <div> holding <br><br> runs is several paragraphs; one with a real image is not a paragraph either.
  const leafDivs = new Set(
    Array.from(body.getElementsByTagName('div')).filter((div) => {
      if (holdsBlock.has(div) || brContainers.has(div)) return false;
      const images = div.getElementsByTagName('img');
      return images.length === 0 || Array.from(images).every(isPlaceholderImage);
    }),
  );
  if (slicer.due()) yield;

  let flags = ALL_FLAGS;
  let bylineFound = metadata.hasByline;
  let best: { root: Element; skip: Set<Element>; textLength: number } | null = null;
  for (let pass = 1; ; pass++) {
    const strip = (flags & FLAG_STRIP_UNLIKELYS) !== 0;
    page.byline = bylineFound ? null : findByline(page, strip);
    bylineFound ||= page.byline !== null;
    page.titleHeader = findTitleHeader(page, metadata.title, strip);
    if (slicer.due()) yield;
    const choice = yield* choose(page, paragraphs, leafDivs, brContainers, flags, slicer);
    if (!choice) return { status: 'unsure', reason: 'no candidates' };
    if (slicer.due()) yield;
    const pruned = yield* prune(page, choice.root, choice.blocks, flags, slicer);
    const skip = pruned.removed;
    for (let child = choice.root.firstElementChild; child; child = child.nextElementSibling) if (!choice.blocks.has(child)) skip.add(child);
    if (pruned.textLength >= CHAR_THRESHOLD) return { status: 'found', root: choice.root, skip, textLength: pruned.textLength, passes: pass };
    // Readability keeps the longest attempt, the earliest among equals.
    if (!best || pruned.textLength > best.textLength) best = { root: choice.root, skip, textLength: pruned.textLength };
    if (flags & FLAG_STRIP_UNLIKELYS) flags &= ~FLAG_STRIP_UNLIKELYS;
    else if (flags & FLAG_WEIGHT_CLASSES) flags &= ~FLAG_WEIGHT_CLASSES;
    else if (flags & FLAG_CLEAN_CONDITIONALLY) flags &= ~FLAG_CLEAN_CONDITIONALLY;
    else return best.textLength > 0 ? { status: 'found', ...best, passes: pass } : { status: 'none' };
  }
}

/** The first element the walk would take for the byline (when the metadata names no author). */
function findByline(page: Page, strip: boolean): Element | null {
  const candidates = page.body.querySelectorAll(
    '[rel="author"], [itemprop*="author"], [class*="byline" i], [class*="author" i], [class*="dateline" i], [class*="writtenby" i], [id*="byline" i], [id*="author" i], [id*="dateline" i], [id*="writtenby" i]',
  );
  for (const candidate of Array.from(candidates)) {
    const rel = candidate.getAttribute('rel');
    const itemprop = candidate.getAttribute('itemprop');
    if (!(rel === 'author' || (itemprop && itemprop.includes('author')) || BYLINE.test(page.matchString(candidate)))) continue;
    const length = (candidate.textContent ?? '').trim().length;
    if (length === 0 || length >= 100) continue;
    if (page.facts(candidate) & (HIDDEN | MODAL | EDITABLE_REGION)) continue;
    const parent = candidate.parentElement;
    if (parent && page.isGone(parent, strip)) continue;
    return candidate;
  }
  return null;
}

/** The first <h1> or <h2> the walk meets that repeats the title. */
function findTitleHeader(page: Page, title: string, strip: boolean): Element | null {
  for (const heading of Array.from(page.body.querySelectorAll('h1, h2'))) {
    if (page.facts(heading) & (HIDDEN | MODAL | EDITABLE_REGION) || heading === page.byline) continue;
    const parent = heading.parentElement;
    if (parent && page.isGone(parent, strip)) continue;
    if (textSimilarity(title, (heading.textContent ?? '').trim()) > 0.75) return heading;
  }
  return null;
}

interface Choice {
  /** The element whose children `blocks` are the article (the top candidate's parent, or the body). */
  root: Element;
  blocks: Set<Element>;
}

/** `_grabArticle`'s scoring, top candidate and sibling joining, on the live page. */
function* choose(
  page: Page,
  paragraphs: Element[],
  leafDivs: Set<Element>,
  brContainers: Set<Element>,
  flags: number,
  slicer: Slicer,
): Generator<undefined, Choice | null, void> {
  const strip = (flags & FLAG_STRIP_UNLIKELYS) !== 0;
  const body = page.body;
  const weightOf = (element: Element) => classWeightOf(element.getAttribute('class') ?? '', element.getAttribute('id') ?? '', flags);

  /** A <div> whose only content is one <p>: Readability replaces it by the <p>. */
  const isParagraphWrapper = (div: Element, p: Element): boolean => {
    if (div.tagName !== 'DIV' || div.children.length !== 1) return false;
    for (let child = div.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE && /\S$/.test((child as Text).data)) return false;
    }
    return page.linkDensity(p) < 0.25;
  };

  const rawScores = new Map<Element, number>();
  const order: Element[] = [];
  /** Adds a paragraph's score to its parent, grandparent (half), and three more ancestors (less). */
  const score = (parent: Element | null, text: { length: number; commas: number }) => {
    const contentScore = 1 + (text.commas + 1) + Math.min(Math.floor(text.length / 100), 3);
    for (let level = 0; parent && level < 5; level++, parent = parent.parentElement) {
      if (!parent.parentElement) continue; // <html>: its parent is the document
      // Above a narrowed scope: out of the search (above the real body there is only <html>, skipped anyway).
      if (!body.contains(parent)) break;
      let current = rawScores.get(parent);
      if (current === undefined) {
        current = tagScore(parent.tagName) + weightOf(parent);
        order.push(parent);
      }
      rawScores.set(parent, current + contentScore / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  };
  // Paragraph elements first, then the <div>s made paragraphs (their relative order decides only exact ties).
  for (const element of paragraphs) {
    if (slicer.due()) yield;
    if (page.isGone(element, strip)) continue;
    if (element.tagName === 'P' && brContainers.has(element)) continue; // a <div> of paragraphs now
    const text = page.readableText(element, strip);
    if (text.length < MIN_PARAGRAPH_LENGTH) continue;
    let parent = element.parentElement;
    if (parent && element.tagName === 'P' && !leafDivs.has(parent) && isParagraphWrapper(parent, element)) parent = parent.parentElement;
    score(parent, text);
  }
  for (const div of leafDivs) {
    if (slicer.due()) yield;
    if (page.isGone(div, strip)) continue;
    const text = page.readableText(div, strip);
    if (text.length < MIN_PARAGRAPH_LENGTH) continue;
    // Its content becomes one paragraph; that paragraph replaces the <div> unless it is mostly links.
    score(page.linkDensity(div) < 0.25 ? div.parentElement : div, text);
  }
  for (const container of brContainers) {
    if (slicer.due()) yield;
    if (page.isGone(container, strip)) continue;
    for (const text of brParagraphs(container)) if (text.length >= MIN_PARAGRAPH_LENGTH) score(container, text);
  }
  if (order.length === 0) return null;

  // Scores scaled by link density, computed only where needed (a scaled score is never above the raw one).
  const finalScores = new Map<Element, number>();
  const lateScores = new Map<Element, number>();
  const scoreOf = (element: Element): number | undefined => {
    const raw = rawScores.get(element);
    if (raw === undefined) return lateScores.get(element);
    let final = finalScores.get(element);
    if (final === undefined) {
      final = raw * (1 - page.linkDensity(element));
      finalScores.set(element, final);
    }
    return final;
  };
  /** `scoreOf`, the links of a scored element read in slices first (a candidate may be as large as the page). */
  function* scoreSteps(element: Element): Generator<undefined, number | undefined, void> {
    if (rawScores.has(element)) yield* page.linkDensitySteps(element, slicer);
    return scoreOf(element);
  }
  const byRaw = [...order].sort((a, b) => rawScores.get(b)! - rawScores.get(a)!);
  const bestScores: number[] = [];
  for (const candidate of byRaw) {
    if (slicer.due()) yield;
    if (bestScores.length >= N_TOP_CANDIDATES && rawScores.get(candidate)! <= bestScores[N_TOP_CANDIDATES - 1]!) break;
    bestScores.push((yield* scoreSteps(candidate))!);
    bestScores.sort((a, b) => b - a);
    if (bestScores.length > N_TOP_CANDIDATES) bestScores.pop();
  }
  // Readability's insertion: descending score, earlier candidate first among equals.
  const topCandidates = order
    .filter((candidate) => finalScores.has(candidate))
    .map((candidate, index) => ({ candidate, index, score: finalScores.get(candidate)! }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, N_TOP_CANDIDATES)
    .map((entry) => entry.candidate);

  let top = topCandidates[0]!;
  if (top === body) return wholeBody(page, strip);
  const topScore = scoreOf(top)!;
  const alternatives: Array<Set<Element>> = [];
  for (let i = 1; i < topCandidates.length; i++) {
    if (scoreOf(topCandidates[i]!)! / topScore >= 0.75) alternatives.push(ancestorSet(topCandidates[i]!));
  }
  if (alternatives.length >= MINIMUM_TOP_CANDIDATES) {
    for (let parent = top.parentElement; parent && parent !== body; parent = parent.parentElement) {
      let lists = 0;
      for (let i = 0; i < alternatives.length && lists < MINIMUM_TOP_CANDIDATES; i++) if (alternatives[i]!.has(parent)) lists++;
      if (lists >= MINIMUM_TOP_CANDIDATES) {
        top = parent;
        break;
      }
    }
  }
  const initialize = (element: Element) => {
    if (scoreOf(element) === undefined) lateScores.set(element, tagScore(element.tagName) + weightOf(element));
  };
  initialize(top);
  {
    let parent = top.parentElement;
    let lastScore = scoreOf(top)!;
    const threshold = lastScore / 3;
    while (parent && parent !== body) {
      const parentScore = yield* scoreSteps(parent);
      if (parentScore === undefined) {
        parent = parent.parentElement;
        continue;
      }
      if (parentScore < threshold) break;
      if (parentScore > lastScore) {
        top = parent;
        break;
      }
      lastScore = parentScore;
      parent = parent.parentElement;
    }
  }
  for (let parent = top.parentElement; parent && parent !== body; parent = top.parentElement) {
    if (slicer.due()) yield;
    // Up while the parent holds nothing else: a second effective child ends the climb (the rest need not be read).
    let effective = 0;
    for (let child = parent.firstElementChild; child && effective < 2; child = child.nextElementSibling) {
      if (effectiveChild(page, child, strip, leafDivs, isParagraphWrapper)) effective++;
    }
    if (effective !== 1) break;
    top = parent;
  }
  yield* scoreSteps(top);
  initialize(top);

  // Sibling joining.
  const parentOfTop = top.parentElement ?? body;
  const finalTopScore = scoreOf(top)!;
  const siblingThreshold = Math.max(10, finalTopScore * 0.2);
  const topClass = page.className(top);
  const blocks = new Set<Element>();
  for (let child = parentOfTop.firstElementChild; child; child = child.nextElementSibling) {
    if (slicer.due()) yield;
    const sibling = effectiveChild(page, child, strip, leafDivs, isParagraphWrapper);
    if (!sibling) continue;
    if (sibling.tag === 'P' && brContainers.has(sibling.as)) sibling.tag = 'DIV';
    let append = sibling.live === top || sibling.as === top;
    if (!append) {
      const bonus = page.className(sibling.as) === topClass && topClass !== '' ? finalTopScore * 0.2 : 0;
      const score = yield* scoreSteps(sibling.as);
      if (score !== undefined && score + bonus >= siblingThreshold) append = true;
      else if (sibling.tag === 'P') {
        const density = page.linkDensity(sibling.as);
        const content = (sibling.as.textContent ?? '').trim().replace(/\s{2,}/g, ' ');
        if (content.length > 80 && density < 0.25) append = true;
        else if (content.length < 80 && content.length > 0 && density === 0 && content.search(/\.( |$)/) !== -1) append = true;
      }
    }
    if (append) blocks.add(sibling.live);
  }
  return { root: parentOfTop, blocks };
}

/** No candidate, or the body itself: Readability takes everything in the body. */
function wholeBody(page: Page, strip: boolean): Choice {
  const blocks = new Set<Element>();
  for (let child = page.body.firstElementChild; child; child = child.nextElementSibling) if (!page.isGone(child, strip)) blocks.add(child);
  return { root: page.body, blocks };
}

interface EffectiveChild {
  /** The page's element. */
  live: Element;
  /** What Readability has in its place (a <div> holding one <p> is that <p>). */
  as: Element;
  /** Its tag there (a <div> without blocks is a <p>; a <p> with <br><br> runs is a <div>). */
  tag: string;
}

/** A child as Readability's copy has it: null when removed, a <div> holding one <p> as that <p>, a leaf <div> as a <p>. */
function effectiveChild(
  page: Page,
  child: Element,
  strip: boolean,
  leafDivs: Set<Element>,
  isParagraphWrapper: (div: Element, p: Element) => boolean,
): EffectiveChild | null {
  if (page.isGone(child, strip) || isEmptyForReadability(child)) return null;
  const tag = child.tagName;
  if (tag === 'IMG' && isPlaceholderImage(child)) return null;
  if (tag !== 'DIV') return { live: child, as: child, tag };
  const only = child.children.length === 1 ? child.firstElementChild! : null;
  if (only && only.tagName === 'P' && !page.isGone(only, strip) && isParagraphWrapper(child, only)) return { live: child, as: only, tag: 'P' };
  return { live: child, as: child, tag: leafDivs.has(child) ? 'P' : 'DIV' };
}

function isEmptyForReadability(element: Element): boolean {
  if (!EMPTY_REMOVABLE.has(element.tagName)) return false;
  if (hasVisibleText(element)) return false;
  const children = Array.from(element.children).filter((child) => !INVISIBLE_TAGS.has(child.tagName));
  return children.length === 0 || children.length === element.querySelectorAll('br, hr').length;
}

/**
 * Some non-white-space text outside <script>, <style> and <noscript>. It stops at the first such text: a page-wide
 * container holding scripts would otherwise be read in full, text node by text node.
 */
function hasVisibleText(element: Element): boolean {
  if (!NON_WHITESPACE.test(element.textContent ?? '')) return false;
  if (!element.querySelector('script, style, noscript')) return true;
  const visit = (node: Element): boolean => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        if (NON_WHITESPACE.test((child as Text).data)) return true;
      } else if (child.nodeType === ELEMENT_NODE && !INVISIBLE_TAGS.has((child as Element).tagName) && visit(child as Element)) return true;
    }
    return false;
  };
  return visit(element);
}

/** The previous sibling that is an element or non-blank text (Readability's `_nextNode`, backwards). */
function previousNonBlank(node: Node): Node | null {
  let previous = node.previousSibling;
  while (previous && previous.nodeType !== ELEMENT_NODE && !NON_WHITESPACE.test(previous.textContent ?? '')) previous = previous.previousSibling;
  return previous;
}

function nextNonBlank(node: Node): Node | null {
  let next = node.nextSibling;
  while (next && next.nodeType !== ELEMENT_NODE && !NON_WHITESPACE.test(next.textContent ?? '')) next = next.nextSibling;
  return next;
}

function isBr(node: Node | null): boolean {
  return node !== null && node.nodeType === ELEMENT_NODE && (node as Element).tagName === 'BR';
}

/**
 * The paragraphs Readability makes of an element holding <br><br> runs: after each run, the phrasing content up to
 * the next run or block; in a <div> (or a <p>, which becomes one) also the loose runs its walk wraps.
 */
function brParagraphs(container: Element): Array<{ length: number; commas: number }> {
  const wrapsLoose = container.tagName === 'DIV' || container.tagName === 'P';
  const out: Array<{ length: number; commas: number }> = [];
  let current: string[] | null = null;
  const close = () => {
    if (current) out.push(measure(current.join('')));
    current = null;
  };
  for (let child: Node | null = container.firstChild; child; child = child.nextSibling) {
    if (isBr(child) && isBr(nextNonBlank(child))) {
      close();
      let last: Node = child;
      for (let next = nextNonBlank(last); isBr(next); next = nextNonBlank(last)) last = next!;
      child = last;
      current = [];
      continue;
    }
    const type = child.nodeType;
    const phrasing = type === TEXT_NODE || (type === ELEMENT_NODE && (PHRASING_ELEMS.has((child as Element).tagName) || (child as Element).tagName === 'A'));
    if (!phrasing) {
      close();
      continue;
    }
    const text = child.textContent ?? '';
    if (current) current.push(text);
    else if (wrapsLoose && NON_WHITESPACE.test(text)) current = [text];
  }
  close();
  return out;
}

function ancestorSet(element: Element): Set<Element> {
  const out = new Set<Element>();
  for (let parent = element.parentElement; parent; parent = parent.parentElement) out.add(parent);
  return out;
}

// --- clean-up: one post-order walk of the article ---------------------------------------------------------------

/** Counts over a subtree as it stands after the clean-up below it, summed bottom-up. */
class Tally {
  /** Text length with white-space runs counted once, not trimmed (see `inner`). */
  length = 0;
  leadingSpace = false;
  trailingSpace = false;
  hasText = false;
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

  /** Readability's `_getInnerText(element).length`: trimmed, white-space runs collapsed. */
  get inner(): number {
    return this.hasText ? this.length - (this.leadingSpace ? 1 : 0) - (this.trailingSpace ? 1 : 0) : 0;
  }

  /** Appends text of `length` (runs collapsed) after what is there, merging white space across the boundary. */
  appendText(length: number, leadingSpace: boolean, trailingSpace: boolean, hasText: boolean): void {
    if (length === 0) return;
    if (this.length === 0) {
      this.length = length;
      this.leadingSpace = leadingSpace;
    } else this.length += length - (this.trailingSpace && leadingSpace ? 1 : 0);
    this.trailingSpace = trailingSpace;
    this.hasText ||= hasText;
  }

  add(other: Tally): void {
    this.appendText(other.length, other.leadingSpace, other.trailingSpace, other.hasText);
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
function* prune(
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
  // blocks may hold all of it (a page-wide article is one long task otherwise). Deeper down it never yields.
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
      if (depth < SLICED_DEPTH && slicer.due()) yield;
      const type = child.nodeType;
      if (type === TEXT_NODE) {
        const data = (child as Text).data;
        if (!data) continue;
        const hasText = NON_WHITESPACE.test(data);
        if (hasText) {
          const length = DOUBLE_SPACE.test(data) ? data.replace(SPACE_RUNS, ' ').length : data.length;
          tally.appendText(length, LEADING_SPACE.test(data), TRAILING_SPACE.test(data), true);
          for (let i = data.indexOf(','); i !== -1; i = data.indexOf(',', i + 1)) tally.asciiCommas++;
          if (!inRun) {
            inRun = true;
            runs++;
            if (chains > 0) runsAfterChain++;
          }
          if (inRun) runLength += length;
        } else tally.appendText(1, true, true, false);
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
    if (clean && CONDITIONALLY_CLEANED.has(effectiveTag) && shouldClean(page, element, effectiveTag, tally, dataTable, dataTablesAbove > 0, flags, (t, n) => within(t, n, true))) {
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
    const text = (element.textContent ?? '').trim().replace(/\s{2,}/g, ' ');
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

