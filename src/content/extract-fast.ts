// The fast path of article finding: Readability's scoring read off the live page with a few native queries, touching
// only paragraphs, their ancestors and the links of the best candidates, then Readability's clean-up replayed on a
// copy of the chosen article alone (not of the page).
//
// Readability first rearranges the whole document (it removes unlikely and hidden elements, turns <div>s into <p>s)
// and then scores paragraphs. Here the same rules are evaluated where the scoring needs them: is this paragraph inside
// something Readability removes, is this <div> one it would have made a <p>. Where the live page can differ from
// Readability's rearranged copy in a way that could change the choice (loose text beside blocks, <br><br> runs,
// a body-wide article, too little text), this path says "unsure" and the caller replays Readability in full
// (extract-readability.ts).

import { isProbablyVisible, copyElement, VNode } from './extract-vdom';
import {
  ALL_FLAGS,
  ALTER_TO_DIV_EXCEPTIONS,
  BYLINE,
  CHAR_THRESHOLD,
  EMPTY_REMOVABLE,
  MAYBE_CANDIDATE,
  MIN_PARAGRAPH_LENGTH,
  UNLIKELY_CANDIDATES,
  UNLIKELY_ROLES,
  classWeightOf,
  nextNode,
  prepArticle,
  prepareCopy,
  tagScore,
  walk,
} from './extract-readability';
import { textSimilarity, type ArticleMetadata } from './extract-metadata';

const N_TOP_CANDIDATES = 5;
const MINIMUM_TOP_CANDIDATES = 3;
/** A <div> without any of these inside is a paragraph to Readability. */
const BLOCK_SELECTOR_BUT_IMG = 'blockquote, dl, div, ol, p, pre, table, ul';
const SCORED_SELECTOR = 'p, pre, td, section, h2, h3, h4, h5, h6';
/** Never part of the text Readability sees (removed before it starts). */
const INVISIBLE_TAGS = new Set(['SCRIPT', 'NOSCRIPT', 'STYLE']);
const EDITABLE = new Set(['', 'true', 'plaintext-only']);
const PHRASING_TAGS = new Set([
  'ABBR', 'AUDIO', 'B', 'BDO', 'BR', 'BUTTON', 'CITE', 'CODE', 'DATA', 'DATALIST', 'DFN', 'EM', 'EMBED', 'I', 'IMG', 'INPUT',
  'KBD', 'LABEL', 'MARK', 'MATH', 'METER', 'NOSCRIPT', 'OBJECT', 'OUTPUT', 'PROGRESS', 'Q', 'RUBY', 'SAMP', 'SCRIPT', 'SELECT',
  'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TEXTAREA', 'TIME', 'VAR', 'WBR', 'A', 'DEL', 'INS', 'FONT',
]);
const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;
const HASH_URL = /^#.+/;
const NON_WHITESPACE = /\S/;
const SPACE_RUNS = /\s{2,}/g;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export type FastResult =
  | { status: 'found'; text: Text[]; textLength: number }
  | { status: 'unsure'; reason: string };

/** Readability's `_getInnerText(node).length` on a live element. */
function innerLength(text: string): number {
  const trimmed = text.trim();
  return trimmed.length === 0 ? 0 : trimmed.replace(SPACE_RUNS, ' ').length;
}

function matchStringOf(element: Element): string {
  return (element.getAttribute('class') ?? '') + ' ' + (element.getAttribute('id') ?? '');
}

export function fastChoice(doc: Document, metadata: ArticleMetadata): FastResult {
  const body = doc.body;
  if (!body) return { status: 'unsure', reason: 'no body' };

  // --- what Readability's walk removes, asked per element and remembered ---------------------------------------
  const structural = new Map<Element, boolean>();
  const hasAncestorTag = (element: Element, tag: string): boolean => {
    let depth = 0;
    for (let current = element; current.parentElement; current = current.parentElement, depth++) {
      if (depth > 3) return false;
      if (current.parentElement.tagName === tag) return true;
    }
    return false;
  };
  const removedSelf = (element: Element): boolean => {
    if (!isProbablyVisible(element)) return true;
    if (element.getAttribute('aria-modal') === 'true' && element.getAttribute('role') === 'dialog') return true;
    if (EDITABLE.has(element.getAttribute('contenteditable')?.toLowerCase() ?? 'false')) return true;
    const tag = element.tagName;
    if (INVISIBLE_TAGS.has(tag)) return true;
    const match = matchStringOf(element);
    if (UNLIKELY_CANDIDATES.test(match) && !MAYBE_CANDIDATE.test(match) && tag !== 'BODY' && tag !== 'A' && !hasAncestorTag(element, 'TABLE') && !hasAncestorTag(element, 'CODE')) return true;
    const role = element.getAttribute('role');
    return role !== null && UNLIKELY_ROLES.has(role);
  };
  /** Removed by the walk, itself or with an ancestor (not counting the byline and title header). */
  const isRemoved = (element: Element): boolean => {
    let verdict = structural.get(element);
    if (verdict !== undefined) return verdict;
    const parent = element.parentElement;
    verdict = removedSelf(element) || (parent !== null && isRemoved(parent));
    structural.set(element, verdict);
    return verdict;
  };

  // The byline and the headline that repeats the title: the first ones the walk meets.
  let byline: Element | null = null;
  if (!metadata.hasByline) {
    for (const candidate of Array.from(body.ownerDocument.querySelectorAll('[rel="author"], [itemprop*="author"], [class*="byline" i], [class*="author" i], [class*="dateline" i], [class*="writtenby" i], [id*="byline" i], [id*="author" i], [id*="dateline" i], [id*="writtenby" i]'))) {
      const rel = candidate.getAttribute('rel');
      const itemprop = candidate.getAttribute('itemprop');
      if (!(rel === 'author' || (itemprop && itemprop.includes('author')) || BYLINE.test(matchStringOf(candidate)))) continue;
      const length = (candidate.textContent ?? '').trim().length;
      if (length === 0 || length >= 100) continue;
      const parent = candidate.parentElement;
      if ((parent && isRemoved(parent)) || !isProbablyVisible(candidate)) continue;
      if (candidate.getAttribute('aria-modal') === 'true' && candidate.getAttribute('role') === 'dialog') continue;
      byline = candidate;
      break;
    }
  }
  let titleHeader: Element | null = null;
  for (const heading of Array.from(body.ownerDocument.querySelectorAll('h1, h2'))) {
    const parent = heading.parentElement;
    if ((parent && isRemoved(parent)) || heading === byline || !isProbablyVisible(heading)) continue;
    if (byline && byline.contains(heading)) continue;
    if (textSimilarity(metadata.title, (heading.textContent ?? '').trim()) > 0.75) {
      titleHeader = heading;
      break;
    }
  }
  const isGone = (element: Element): boolean =>
    isRemoved(element) || (byline !== null && byline.contains(element)) || (titleHeader !== null && titleHeader.contains(element));

  // <br><br> runs become paragraphs of their own in Readability's copy, which changes the scores: replay instead.
  for (const br of Array.from(body.querySelectorAll('br + br'))) {
    let previous = br.previousSibling;
    while (previous && previous.nodeType !== ELEMENT_NODE && !NON_WHITESPACE.test(previous.textContent ?? '')) previous = previous.previousSibling;
    if (previous && (previous as Element).tagName === 'BR' && br.parentElement && !isGone(br.parentElement)) return { status: 'unsure', reason: '<br><br> paragraphs' };
  }

  // --- paragraphs, as Readability would see them ---------------------------------------------------------------
  const paragraphs: Element[] = Array.from(body.querySelectorAll(SCORED_SELECTOR));
  // (An <img> makes a <div> a block too, unless it is a placeholder without any source, which Readability drops.)
  let leafDivs: Element[];
  try {
    leafDivs = Array.from(body.querySelectorAll(`div:not(:has(${BLOCK_SELECTOR_BUT_IMG}))`));
  } catch {
    leafDivs = Array.from(body.getElementsByTagName('div')).filter((div) => !div.querySelector(BLOCK_SELECTOR_BUT_IMG));
  }
  leafDivs = leafDivs.filter((div) => Array.from(div.getElementsByTagName('img')).every(isPlaceholderImage));
  const leafDivSet = new Set(leafDivs);
  // Document order, as the walk pushes them.
  const scored = leafDivs.length ? mergeInDocumentOrder(paragraphs, leafDivs) : paragraphs;

  const linkDensities = new Map<Element, number>();
  const linkDensity = (element: Element): number => {
    let density = linkDensities.get(element);
    if (density !== undefined) return density;
    const length = innerLength(element.textContent ?? '');
    let links = 0;
    if (length > 0) {
      for (const link of Array.from(element.getElementsByTagName('a'))) {
        const href = link.getAttribute('href');
        links += innerLength(link.textContent ?? '') * (href && HASH_URL.test(href) ? 0.3 : 1);
      }
    }
    density = length > 0 ? links / length : 0;
    linkDensities.set(element, density);
    return density;
  };

  /** A <div> whose only content is one <p>: Readability replaces it by the <p>. */
  const isParagraphWrapper = (div: Element, p: Element): boolean => {
    if (div.tagName !== 'DIV' || div.children.length !== 1 || leafDivSet.has(div)) return false;
    for (let child = div.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE && /\S$/.test((child as Text).data)) return false;
    }
    return linkDensity(p) < 0.25;
  };

  /** The element's text as Readability's copy has it: without scripts and without what the walk removed. */
  const readableTexts = new Map<Element, string>();
  const readableText = (element: Element): string => {
    let text = readableTexts.get(element);
    if (text !== undefined) return text;
    const tag = element.tagName;
    if (!element.firstElementChild) text = element.textContent ?? '';
    else if (tag !== 'SECTION' && tag !== 'TD' && tag !== 'DIV') text = visibleText(element);
    else {
      const parts: string[] = [];
      const visit = (node: Element) => {
        for (let child = node.firstChild; child; child = child.nextSibling) {
          if (child.nodeType === TEXT_NODE) parts.push((child as Text).data);
          else if (child.nodeType === ELEMENT_NODE) {
            const el = child as Element;
            if (INVISIBLE_TAGS.has(el.tagName) || isGone(el)) continue;
            const known = readableTexts.get(el);
            if (known !== undefined) parts.push(known);
            else visit(el);
          }
        }
      };
      visit(element);
      text = parts.join('');
    }
    readableTexts.set(element, text);
    return text;
  };

  const rawScores = new Map<Element, number>();
  const order: Element[] = [];
  for (const element of scored) {
    if (isGone(element)) continue;
    const text = readableText(element);
    const length = innerLength(text);
    if (length < MIN_PARAGRAPH_LENGTH) continue;
    let parent = element.parentElement;
    if (parent && element.tagName === 'P' && isParagraphWrapper(parent, element)) parent = parent.parentElement;
    const contentScore = 1 + ((text.match(COMMAS)?.length ?? 0) + 1) + Math.min(Math.floor(length / 100), 3);
    if ((globalThis as any).__debugFast) console.log('F', element.tagName, contentScore, text.trim().replace(/\s+/g, ' ').slice(0, 50));
    for (let level = 0; parent && level < 5; level++, parent = parent.parentElement) {
      if (!parent.parentElement) continue; // <html>: its parent is the document
      let score = rawScores.get(parent);
      if (score === undefined) {
        score = tagScore(parent.tagName) + classWeightOf(parent.getAttribute('class') ?? '', parent.getAttribute('id') ?? '', ALL_FLAGS);
        order.push(parent);
      }
      rawScores.set(parent, score + contentScore / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
    }
  }
  if (order.length === 0) return { status: 'unsure', reason: 'no candidates' };

  // Scores scaled by link density, computed only where needed (a scaled score is never above the raw one).
  const finalScores = new Map<Element, number>();
  const lateScores = new Map<Element, number>();
  const scoreOf = (element: Element): number | undefined => {
    const raw = rawScores.get(element);
    if (raw === undefined) return lateScores.get(element);
    let final = finalScores.get(element);
    if (final === undefined) {
      final = raw * (1 - linkDensity(element));
      finalScores.set(element, final);
    }
    return final;
  };
  const byRaw = [...order].sort((a, b) => rawScores.get(b)! - rawScores.get(a)!);
  const best: number[] = [];
  for (const candidate of byRaw) {
    const raw = rawScores.get(candidate)!;
    if (best.length >= N_TOP_CANDIDATES && raw <= best[N_TOP_CANDIDATES - 1]!) break;
    best.push(scoreOf(candidate)!);
    best.sort((a, b) => b - a);
    if (best.length > N_TOP_CANDIDATES) best.pop();
  }
  // Readability's insertion: descending score, earlier candidate first among equals.
  const topCandidates = order
    .filter((candidate) => finalScores.has(candidate))
    .map((candidate, index) => ({ candidate, index, score: finalScores.get(candidate)! }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, N_TOP_CANDIDATES)
    .map((entry) => entry.candidate);

  let top = topCandidates[0]!;
  if ((globalThis as any).__debugFast) for (const c of topCandidates) console.log('top', c.tagName, c.getAttribute('class'), c.id, rawScores.get(c), scoreOf(c));
  if (top.tagName === 'BODY') return { status: 'unsure', reason: 'body is the article' };
  const topScore = scoreOf(top)!;
  const alternatives: Array<Set<Element>> = [];
  for (let i = 1; i < topCandidates.length; i++) {
    if (scoreOf(topCandidates[i]!)! / topScore >= 0.75) alternatives.push(ancestorSet(topCandidates[i]!));
  }
  if (alternatives.length >= MINIMUM_TOP_CANDIDATES) {
    for (let parent = top.parentElement; parent && parent.tagName !== 'BODY'; parent = parent.parentElement) {
      let lists = 0;
      for (let i = 0; i < alternatives.length && lists < MINIMUM_TOP_CANDIDATES; i++) if (alternatives[i]!.has(parent)) lists++;
      if (lists >= MINIMUM_TOP_CANDIDATES) {
        top = parent;
        break;
      }
    }
  }
  const initialize = (element: Element) => {
    if (scoreOf(element) === undefined) {
      lateScores.set(element, tagScore(element.tagName) + classWeightOf(element.getAttribute('class') ?? '', element.getAttribute('id') ?? '', ALL_FLAGS));
    }
  };
  initialize(top);
  {
    let parent = top.parentElement;
    let lastScore = scoreOf(top)!;
    const threshold = lastScore / 3;
    while (parent && parent.tagName !== 'BODY') {
      const parentScore = scoreOf(parent);
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

  // What Readability's copy of an element's children looks like: removed ones gone, <div>s that became <p>s.
  const isEmptyForReadability = (element: Element): boolean => {
    if (!EMPTY_REMOVABLE.has(element.tagName)) return false;
    if (NON_WHITESPACE.test(visibleText(element))) return false;
    const children = Array.from(element.children).filter((child) => !INVISIBLE_TAGS.has(child.tagName));
    return children.length === 0 || children.length === element.querySelectorAll('br, hr').length;
  };
  const effectiveChildren = (parent: Element): Array<{ live: Element; as: Element; tag: string }> => {
    const out: Array<{ live: Element; as: Element; tag: string }> = [];
    for (const child of Array.from(parent.children)) {
      if (isGone(child) || isEmptyForReadability(child)) continue;
      if (child.tagName === 'IMG' && isPlaceholderImage(child)) continue;
      if (child.tagName === 'DIV') {
        const only = child.children.length === 1 ? child.firstElementChild! : null;
        if (only && only.tagName === 'P' && !isGone(only) && isParagraphWrapper(child, only)) out.push({ live: child, as: only, tag: 'P' });
        else out.push({ live: child, as: child, tag: leafDivSet.has(child) ? 'P' : 'DIV' });
      } else out.push({ live: child, as: child, tag: child.tagName });
    }
    return out;
  };

  for (let parent = top.parentElement; parent && parent.tagName !== 'BODY'; parent = top.parentElement) {
    if (effectiveChildren(parent).length !== 1) break;
    top = parent;
  }
  initialize(top);

  // Sibling joining, on the live siblings.
  const parentOfTop = top.parentElement;
  if (!parentOfTop) return { status: 'unsure', reason: 'no parent' };
  if (parentOfTop.tagName === 'DIV' && hasLooseText(parentOfTop)) return { status: 'unsure', reason: 'loose text beside the article' };
  const finalTopScore = scoreOf(top)!;
  const siblingThreshold = Math.max(10, finalTopScore * 0.2);
  const topClass = top.getAttribute('class') ?? '';
  const appended: Element[] = [];
  for (const sibling of effectiveChildren(parentOfTop)) {
    let append = false;
    if (sibling.live === top || sibling.as === top) append = true;
    else {
      const className = sibling.as.getAttribute('class') ?? '';
      const bonus = className === topClass && topClass !== '' ? finalTopScore * 0.2 : 0;
      const score = scoreOf(sibling.as);
      if (score !== undefined && score + bonus >= siblingThreshold) append = true;
      else if (sibling.tag === 'P') {
        const density = linkDensity(sibling.as);
        const content = (sibling.as.textContent ?? '').trim().replace(SPACE_RUNS, ' ');
        if (content.length > 80 && density < 0.25) append = true;
        else if (content.length < 80 && content.length > 0 && density === 0 && content.search(/\.( |$)/) !== -1) append = true;
      }
    }
    if (append) appended.push(sibling.live);
  }

  // Readability's clean-up on a copy of the article alone.
  const container = new VNode(ELEMENT_NODE, parentOfTop.tagName, parentOfTop);
  let above = container;
  for (let ancestor = parentOfTop.parentElement; ancestor; ancestor = ancestor.parentElement) {
    const copy = new VNode(ELEMENT_NODE, ancestor.tagName, ancestor);
    copy.append(above);
    above = copy;
  }
  const brs: VNode[] = [];
  const fonts: VNode[] = [];
  for (const element of appended) {
    const copy = copyElement(element);
    container.append(copy.node);
    brs.push(...copy.brs);
    fonts.push(...copy.fonts);
  }
  prepareCopy({ brs, fonts });
  walk(container.firstElement, nextNode(container, true), {
    flags: ALL_FLAGS,
    takeByline: (node) => byline !== null && node.live === byline,
    takeTitleHeader: (node) => titleHeader !== null && node.live === titleHeader,
  });
  const article = new VNode(ELEMENT_NODE, 'DIV', null);
  for (const child of container.children) {
    if (!ALTER_TO_DIV_EXCEPTIONS.has(child.tag)) child.tag = 'DIV';
    article.append(child);
  }
  prepArticle(article, ALL_FLAGS);
  const textLength = article.innerLength;
  if (textLength < CHAR_THRESHOLD) return { status: 'unsure', reason: 'too little text' };
  return { status: 'found', text: article.liveTextNodes(), textLength };
}

function ancestorSet(element: Element): Set<Element> {
  const out = new Set<Element>();
  for (let parent = element.parentElement; parent; parent = parent.parentElement) out.add(parent);
  return out;
}

/** Text content without <script>, <style> and <noscript> (which Readability removes before it reads anything). */
function visibleText(element: Element): string {
  const text = element.textContent ?? '';
  if (!NON_WHITESPACE.test(text) || !element.querySelector('script, style, noscript')) return text;
  let out = '';
  const visit = (node: Element) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) out += (child as Text).data;
      else if (child.nodeType === ELEMENT_NODE && !INVISIBLE_TAGS.has((child as Element).tagName)) visit(child as Element);
    }
  };
  visit(element);
  return out;
}

/** Non-blank text directly in a block-holding <div>: Readability would wrap it into paragraphs of its own. */
function hasLooseText(div: Element): boolean {
  for (let child = div.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      if (NON_WHITESPACE.test((child as Text).data)) return true;
    } else if (child.nodeType === ELEMENT_NODE && PHRASING_TAGS.has((child as Element).tagName) && NON_WHITESPACE.test((child as Element).textContent ?? '')) {
      const tag = (child as Element).tagName;
      if (tag !== 'SCRIPT' && tag !== 'NOSCRIPT') return true;
    }
  }
  return false;
}

function isPlaceholderImage(img: Element): boolean {
  for (const attr of Array.from(img.attributes)) {
    if (attr.name === 'src' || attr.name === 'srcset' || attr.name === 'data-src' || attr.name === 'data-srcset') return false;
    if (/\.(jpg|jpeg|png|webp)/i.test(attr.value)) return false;
  }
  const next = img.nextElementSibling;
  return !(next && next.localName === 'noscript');
}

/** Two lists of elements, each in document order, merged into one. */
function mergeInDocumentOrder(a: Element[], b: Element[]): Element[] {
  const out: Element[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    // DOCUMENT_POSITION_FOLLOWING = 4: b[j] comes after a[i].
    if (a[i]!.compareDocumentPosition(b[j]!) & 4) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
