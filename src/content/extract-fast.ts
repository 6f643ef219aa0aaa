// The fast path of article finding: Readability's choice read off the live page, without copying it.
//
// Follows the scoring and clean-up of Mozilla Readability's `_grabArticle` and `_prepArticle` (Apache-2.0, Copyright (c)
// 2010 Arc90 Inc, https://github.com/mozilla/readability; see NOTICE).
//
// Scoring: the paragraphs Readability scores come from one querySelectorAll (plus the <div>s it would turn into
// paragraphs); their text lengths and commas from native textContent; what its walk would have removed around them
// (hidden, unlikely, byline, repeated headline) is asked per ancestor and remembered. Only the best candidates' links
// are read (extract-page.ts remembers what is read). The chosen article is then cleaned up (extract-prune.ts). Retries
// with relaxed heuristics, as Readability does, when the article is too short. <br><br> runs are cut into paragraphs
// where Readability would.
//
// Approximations (measured on the 130 reference pages: same text as the full replay on all but 6, F1 >= 0.95 on
// those): a container's text is its textContent minus the removed parts found by an element-only walk; loose text
// beside blocks is not scored (it is in the clean-up); all removals below an element count when it is judged. Where
// no paragraph is left to score (odd documents), it says "unsure" and the caller replays Readability in full
// (extract-readability.ts). Same rules and constants: they are imported from there (and, those the gate shares,
// from gate-signals.ts).

import { isPlaceholderImage } from './extract-vdom';
import {
  ALL_FLAGS,
  BYLINE,
  CHAR_THRESHOLD,
  EMPTY_REMOVABLE,
  FLAG_CLEAN_CONDITIONALLY,
  FLAG_STRIP_UNLIKELYS,
  FLAG_WEIGHT_CLASSES,
  MIN_PARAGRAPH_LENGTH,
  N_TOP_CANDIDATES,
  PHRASING_ELEMS,
  classWeightOf,
  tagScore,
} from './extract-readability';
import { textSimilarity, type ArticleMetadata } from './extract-metadata';
import { dueEvery, type Slicer } from './slicer';
import {
  EDITABLE_REGION,
  ELEMENT_NODE,
  HIDDEN,
  INVISIBLE_TAGS,
  MODAL,
  NON_WHITESPACE,
  Page,
  TEXT_NODE,
  isBr,
  measure,
  nextNonBlank,
  previousNonBlank,
} from './extract-page';
import { prune } from './extract-prune';

const MINIMUM_TOP_CANDIDATES = 3;

const SCORED_SELECTOR = 'p, pre, td, section, h2, h3, h4, h5, h6';
/** An <img> is a block too, unless it is a placeholder; checked apart. */
const BLOCKS_BUT_IMG = 'blockquote, dl, div, ol, p, pre, table, ul';

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

/** Readability's choice among the elements under `body` (the document's, or a narrowed scope's root). */
export function* fastChoiceSteps(body: Element, metadata: ArticleMetadata, slicer: Slicer): Generator<undefined, FastResult, void> {
  const page = new Page(body);

  // Elements holding <br><br> runs: Readability cuts their content into paragraphs there.
  const brContainers = new Set<Element>();
  for (const br of Array.from(body.querySelectorAll('br + br'))) {
    const previous = previousNonBlank(br);
    if (previous && (previous as Element).tagName === 'BR' && br.parentElement) brContainers.add(br.parentElement);
  }
  // Each of these first looks reads the whole page: on wikipedia-2 and nytimes-2 they took Firefox 17-41 ms together.
  if (slicer.due()) yield;

  // The paragraphs Readability scores, in document order: <p>, <pre>, <td>, <section>, <h2>-<h6>, and the <div>s
  // that hold no block (it makes them paragraphs).
  const paragraphs: Element[] = Array.from(body.querySelectorAll(SCORED_SELECTOR));
  if (slicer.due()) yield;
  // A block marks every element above it as holding one; one climb each, stopping where an earlier climb went (the
  // selector `div:not(:has(...))` does the same natively but looks below every <div>: the slowest query on big pages).
  const holdsBlock = new Set<Element>();
  const blockDue = dueEvery(slicer, 64);
  for (const block of Array.from(body.querySelectorAll(BLOCKS_BUT_IMG))) {
    for (let above = block.parentElement; above && !holdsBlock.has(above); above = above.parentElement) holdsBlock.add(above);
    if (blockDue()) yield;
  }
  if (slicer.due()) yield;
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
  if (page.isGone(child, strip) || isEmptyForReadability(page, child)) return null;
  const tag = child.tagName;
  if (tag === 'IMG' && isPlaceholderImage(child)) return null;
  if (tag !== 'DIV') return { live: child, as: child, tag };
  const only = child.children.length === 1 ? child.firstElementChild! : null;
  if (only && only.tagName === 'P' && !page.isGone(only, strip) && isParagraphWrapper(child, only)) return { live: child, as: only, tag: 'P' };
  return { live: child, as: child, tag: leafDivs.has(child) ? 'P' : 'DIV' };
}

function isEmptyForReadability(page: Page, element: Element): boolean {
  if (!EMPTY_REMOVABLE.has(element.tagName)) return false;
  if (hasVisibleText(page, element)) return false;
  const children = Array.from(element.children).filter((child) => !INVISIBLE_TAGS.has(child.tagName));
  return children.length === 0 || children.length === element.querySelectorAll('br, hr').length;
}

/**
 * Some non-white-space text outside <script>, <style> and <noscript>. It stops at the first such text: a page-wide
 * container holding scripts would otherwise be read in full, text node by text node.
 */
function hasVisibleText(page: Page, element: Element): boolean {
  if (!page.hasText(element)) return false;
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
