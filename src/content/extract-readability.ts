// Mozilla Readability's choice of article content, replayed on a VNode copy of the page so the page is never cloned or
// changed: the answer is the set of the page's own text nodes that Readability would keep.
//
// This follows `_grabArticle` and `_prepArticle` of @mozilla/readability 0.6 (Apache-2.0, Copyright (c) 2010 Arc90 Inc,
// https://github.com/mozilla/readability) step by step: the same patterns, thresholds and order of removals, so that
// our article text agrees with Firefox's Reader View. What is left out changes markup but no text (styles, URLs,
// classes, <h1> to <h2>, empty paragraphs, single-cell tables).

import { textSimilarity, type ArticleMetadata } from './extract-metadata';
import { MAYBE_CANDIDATE, UNLIKELY_CANDIDATES } from './gate-signals';
import { isShadowRoot } from './shadow-roots';
import type { Slicer } from './slicer';
import { AUTHOR_ATTRIBUTE, copyDocument, copyShadowRoot, DATA_TABLE, HAS_ROLE, HIDDEN, MODAL, STUB, VNode, type PrunePredicate } from './extract-vdom';

// --- tuning constants (Readability's) -----------------------------------------------------------------------------

export const FLAG_STRIP_UNLIKELYS = 0x1;
export const FLAG_WEIGHT_CLASSES = 0x2;
export const FLAG_CLEAN_CONDITIONALLY = 0x4;
export const ALL_FLAGS = FLAG_STRIP_UNLIKELYS | FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY;
/** How many top candidates to weigh against each other. */
export const N_TOP_CANDIDATES = 5;
/** An attempt that keeps less text than this is retried with one heuristic fewer. */
export const CHAR_THRESHOLD = 500;
/** Paragraph-like elements shorter than this are not scored. */
export const MIN_PARAGRAPH_LENGTH = 25;
/** Share bars longer than this are kept (they may be the content). */
export const SHARE_ELEMENT_THRESHOLD = 500;

export const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
export const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
export const BYLINE = /byline|author|dateline|writtenby|p-author/i;
export const VIDEOS = /\/\/(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i;
export const SHARE_ELEMENTS = /(\b|_)(share|sharedaddy)(\b|_)/i;
const HAS_CONTENT = /\S$/;
const NORMALIZE = /\s{2,}/g;
export const AD_WORDS = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$/iu;
export const LOADING_WORDS = /^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$/iu;
const LAZY_SRCSET = /\.(jpg|jpeg|png|webp)\s+\d/;
const LAZY_SRC = /^\s*\S+\.(jpg|jpeg|png|webp)\S*\s*$/;

export const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);
export const TAGS_TO_SCORE = new Set(['SECTION', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'TD', 'PRE']);
export const EMPTY_REMOVABLE = new Set(['DIV', 'SECTION', 'HEADER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
export const DIV_TO_P_ELEMS = new Set(['BLOCKQUOTE', 'DL', 'DIV', 'IMG', 'OL', 'P', 'PRE', 'TABLE', 'UL']);
export const ALTER_TO_DIV_EXCEPTIONS = new Set(['DIV', 'ARTICLE', 'SECTION', 'P', 'OL', 'UL']);
export const PHRASING_ELEMS = new Set([
  'ABBR', 'AUDIO', 'B', 'BDO', 'BR', 'BUTTON', 'CITE', 'CODE', 'DATA', 'DATALIST', 'DFN', 'EM', 'EMBED', 'I', 'IMG', 'INPUT',
  'KBD', 'LABEL', 'MARK', 'MATH', 'METER', 'NOSCRIPT', 'OBJECT', 'OUTPUT', 'PROGRESS', 'Q', 'RUBY', 'SAMP', 'SCRIPT', 'SELECT',
  'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TEXTAREA', 'TIME', 'VAR', 'WBR',
]);
export const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
export const TEXTISH = new Set(['SPAN', 'LI', 'TD', ...DIV_TO_P_ELEMS]);
export const LISTS = new Set(['UL', 'OL']);
export const EMBEDS = new Set(['OBJECT', 'EMBED', 'IFRAME']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export interface ReadabilityChoice {
  /** The page's text nodes that make up the article, in document order. */
  text: Text[];
  /** Length of the article text as Readability measures it. */
  textLength: number;
  /** How many passes it took (1 normally; up to 4 when each pass found too little and relaxed a heuristic). */
  attempts: number;
}

/**
 * The article content Readability would extract from `doc`, or null when it finds no text at all, in slices
 * (slicer.ts). `doc` may be an open shadow root, read as a document whose body is the shadow tree (see `copyShadowRoot`).
 */
export function* chooseArticleSteps(
  doc: Document | ShadowRoot,
  metadata: ArticleMetadata,
  slicer: Slicer,
): Generator<undefined, ReadabilityChoice | null, void> {
  let flags = ALL_FLAGS;
  const state = { bylineFound: false };
  const attempts: Array<{ article: VNode; textLength: number }> = [];
  for (;;) {
    // The copy of the page and the pass over it are each one stretch of work: a task apart where they run long.
    if (slicer.due()) yield;
    const prune = pruneFor(flags, !metadata.hasByline && !state.bylineFound);
    const copy = isShadowRoot(doc) ? copyShadowRoot(doc, prune) : copyDocument(doc, prune);
    if (!copy) return null;
    prepareCopy(copy);
    if (slicer.due()) yield;
    const article = grabOnce(copy.html, copy.body, flags, metadata, state);
    const textLength = article.innerLength;
    if (textLength >= CHAR_THRESHOLD) return { text: article.liveTextNodes(), textLength, attempts: attempts.length + 1 };
    attempts.push({ article, textLength });
    if (flags & FLAG_STRIP_UNLIKELYS) flags &= ~FLAG_STRIP_UNLIKELYS;
    else if (flags & FLAG_WEIGHT_CLASSES) flags &= ~FLAG_WEIGHT_CLASSES;
    else if (flags & FLAG_CLEAN_CONDITIONALLY) flags &= ~FLAG_CLEAN_CONDITIONALLY;
    else {
      // Readability sorts by length (a stable sort): the longest, the earliest among equals.
      let best = attempts[0]!;
      for (const attempt of attempts) if (attempt.textLength > best.textLength) best = attempt;
      if (!best.textLength) return null;
      return { text: best.article.liveTextNodes(), textLength: best.textLength, attempts: attempts.length };
    }
  }
}

/**
 * What the walk of a pass with `flags` removes as soon as it reaches it, whatever happened before: hidden elements,
 * modal dialogs, and (when unlikely candidates are stripped) unlikely classes and roles. Such subtrees need not be
 * copied. Not pruned: what the walk tests for being the byline or the title header before it tests for unlikeliness.
 */
function pruneFor(flags: number, bylineWanted: boolean): PrunePredicate {
  return (node, ancestors) => {
    if (node.flags & (HIDDEN | MODAL)) return true;
    if (!(flags & FLAG_STRIP_UNLIKELYS)) return false;
    const tag = node.tag;
    if (tag === 'BODY' || tag === 'A' || tag === 'H1' || tag === 'H2' || tag === 'HTML') return false;
    const matchString = node.className + ' ' + node.id;
    if (bylineWanted && (node.flags & AUTHOR_ATTRIBUTE || BYLINE.test(matchString))) return false;
    if (node.flags & HAS_ROLE && UNLIKELY_ROLES.has(node.role!)) return true;
    if (!UNLIKELY_CANDIDATES.test(matchString) || MAYBE_CANDIDATE.test(matchString)) return false;
    // Readability spares unlikely candidates within four levels below a <table> or <code>.
    for (let i = ancestors.length - 1; i >= 0 && i >= ancestors.length - 4; i--) {
      if (ancestors[i] === 'TABLE' || ancestors[i] === 'CODE') return false;
    }
    return true;
  };
}

// --- tree helpers (Readability's traversal order) ----------------------------------------------------------------

export function nextNode(node: VNode, ignoreSelfAndKids = false): VNode | null {
  if (!ignoreSelfAndKids) {
    const child = node.firstElement;
    if (child) return child;
  }
  const sibling = node.nextElement;
  if (sibling) return sibling;
  let up: VNode | null = node;
  do up = up.parent;
  while (up && !up.nextElement);
  return up ? up.nextElement : null;
}

function removeAndGetNext(node: VNode): VNode | null {
  const next = nextNode(node, true);
  node.remove();
  return next;
}

function hasAncestorTag(node: VNode, tag: string, maxDepth = 3, filter?: (element: VNode) => boolean): boolean {
  let depth = 0;
  for (let current = node; current.parent; current = current.parent, depth++) {
    if (maxDepth > 0 && depth > maxDepth) return false;
    if (current.parent.tag === tag && (!filter || filter(current.parent))) return true;
  }
  return false;
}

function ancestorsOf(node: VNode, maxDepth = 0): VNode[] {
  const out: VNode[] = [];
  for (let current = node.parent; current; current = current.parent) {
    out.push(current);
    if (maxDepth && out.length === maxDepth) break;
  }
  return out;
}

function innerText(node: VNode): string {
  return node.textContent.trim().replace(NORMALIZE, ' ');
}

function isPhrasingContent(node: VNode): boolean {
  if (node.type === TEXT_NODE) return true;
  if (node.type !== ELEMENT_NODE) return false;
  if (PHRASING_ELEMS.has(node.tag)) return true;
  if (node.tag !== 'A' && node.tag !== 'DEL' && node.tag !== 'INS') return false;
  if (node.flags & STUB) return isLivePhrasingContent(node.live as Element);
  for (let child = node.first; child; child = child.next) if (!isPhrasingContent(child)) return false;
  return true;
}

function isLivePhrasingContent(node: Node): boolean {
  if (node.nodeType === TEXT_NODE) return true;
  if (node.nodeType !== ELEMENT_NODE) return false;
  const tag = (node as Element).tagName.toUpperCase();
  if (PHRASING_ELEMS.has(tag)) return true;
  if (tag !== 'A' && tag !== 'DEL' && tag !== 'INS') return false;
  for (let child = node.firstChild; child; child = child.nextSibling) if (!isLivePhrasingContent(child)) return false;
  return true;
}

function isWhitespace(node: VNode): boolean {
  return (node.type === TEXT_NODE && !node.hasText) || (node.type === ELEMENT_NODE && node.tag === 'BR');
}

function hasSingleTagInside(element: VNode, tag: string): boolean {
  let only: VNode | null = null;
  for (let child = element.first; child; child = child.next) {
    if (child.type === ELEMENT_NODE) {
      if (only) return false;
      only = child;
    } else if (child.type === TEXT_NODE && HAS_CONTENT.test(child.data)) return false;
  }
  return only !== null && only.tag === tag;
}

function hasChildBlockElement(element: VNode): boolean {
  for (let child = element.first; child; child = child.next) {
    if (child.type !== ELEMENT_NODE) continue;
    if (DIV_TO_P_ELEMS.has(child.tag)) return true;
    if (child.flags & STUB ? (child.live as Element).querySelector(BLOCK_SELECTOR) !== null : hasChildBlockElement(child)) return true;
  }
  return false;
}

const BLOCK_SELECTOR = 'blockquote, dl, div, img, ol, p, pre, table, ul';

function isElementWithoutContent(node: VNode): boolean {
  if (node.hasText) return false;
  const children = node.childElementCount;
  return children === 0 || children === node.countByTag('BR') + node.countByTag('HR');
}

export function classWeight(node: VNode, flags: number): number {
  return classWeightOf(node.className, node.id, flags);
}

/** Readability's `_getClassWeight`: -25 / +25 for a negative / positive class name, and the same for the id. */
export function classWeightOf(className: string, id: string, flags: number): number {
  if (!(flags & FLAG_WEIGHT_CLASSES)) return 0;
  let weight = 0;
  if (className) {
    if (NEGATIVE.test(className)) weight -= 25;
    if (POSITIVE.test(className)) weight += 25;
  }
  if (id) {
    if (NEGATIVE.test(id)) weight -= 25;
    if (POSITIVE.test(id)) weight += 25;
  }
  return weight;
}

export function tagScore(tag: string): number {
  let score = 0;
  switch (tag) {
    case 'DIV':
      score += 5;
      break;
    case 'PRE':
    case 'TD':
    case 'BLOCKQUOTE':
      score += 3;
      break;
    case 'ADDRESS':
    case 'OL':
    case 'UL':
    case 'DL':
    case 'DD':
    case 'DT':
    case 'LI':
    case 'FORM':
      score -= 3;
      break;
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
    case 'TH':
      score -= 5;
      break;
  }
  return score;
}

function initializeNode(node: VNode, flags: number): void {
  node.score = tagScore(node.tag) + classWeight(node, flags);
}

export function isValidByline(node: VNode, matchString: string): boolean {
  if (!(node.flags & AUTHOR_ATTRIBUTE || BYLINE.test(matchString))) return false;
  const length = node.textContent.trim().length;
  return length > 0 && length < 100;
}

export function headerDuplicatesTitle(node: VNode, title: string): boolean {
  if (node.tag !== 'H1' && node.tag !== 'H2') return false;
  return textSimilarity(title, node.textContent.trim()) > 0.75;
}

export function hasVideoAttribute(node: VNode): boolean {
  const live = node.live as Element | null;
  if (!live) return false;
  for (const attr of Array.from(live.attributes)) if (VIDEOS.test(attr.value)) return true;
  return node.tag === 'OBJECT' && VIDEOS.test(live.innerHTML);
}

// --- preparation: <br><br> chains become paragraphs -----------------------------------------------------------------

/** Readability's `_nextNode`: skips white-space text (and comments) to the next element or text. */
function skipWhitespace(node: VNode | null): VNode | null {
  let next = node;
  while (next && next.type !== ELEMENT_NODE && !/\S/.test(next.data)) next = next.next;
  return next;
}

function collectByTag(root: VNode, tag: string, out: VNode[] = []): VNode[] {
  for (let child = root.first; child; child = child.next) {
    if (child.type !== ELEMENT_NODE) continue;
    if (child.tag === tag) out.push(child);
    collectByTag(child, tag, out);
  }
  return out;
}

/** `_prepDocument` on a copy: <br><br> runs become paragraphs, then <font> becomes <span> (in that order). */
export function prepareCopy(copy: { brs: VNode[]; fonts: VNode[] }): void {
  replaceBrs(copy.brs);
  for (const font of copy.fonts) font.tag = 'SPAN';
}

/** The <br>s of the copy, in document order. */
function replaceBrs(brs: VNode[]): void {
  for (const br of brs) {
    let next = br.next;
    let replaced = false;
    while ((next = skipWhitespace(next)) && next.tag === 'BR') {
      replaced = true;
      const sibling: VNode | null = next.next;
      next.remove();
      next = sibling;
    }
    if (!replaced || !br.parent) continue;
    const p = new VNode(ELEMENT_NODE, 'P', null);
    const parent = br.parent;
    parent.replaceChild(p, br);
    next = p.next;
    while (next) {
      if (next.tag === 'BR') {
        const after = skipWhitespace(next.next);
        if (after && after.tag === 'BR') break;
      }
      if (!isPhrasingContent(next)) break;
      const sibling: VNode | null = next.next;
      p.append(next);
      next = sibling;
    }
    while (p.last && isWhitespace(p.last)) p.last.remove();
    if (p.parent?.tag === 'P') p.parent.tag = 'DIV';
  }
}

// --- one pass of _grabArticle ---------------------------------------------------------------------------------------

/** How one pass of the walk decides the two one-off removals: the byline and the headline that repeats the title. */
export interface WalkRules {
  flags: number;
  takeByline(node: VNode, matchString: string): boolean;
  takeTitleHeader(node: VNode): boolean;
}

/**
 * The node-prepping walk of `_grabArticle`, in document order from `start` until `end`: removes hidden, modal,
 * unlikely and empty elements, the byline and the title header; turns <div>s into paragraphs where Readability does.
 * Pushes the elements Readability scores onto `elementsToScore`.
 */
export function walk(start: VNode | null, end: VNode | null, rules: WalkRules, elementsToScore: VNode[] = []): VNode[] {
  const { flags } = rules;
  let node: VNode | null = start;
  while (node && node !== end) {
    // A stub stands for a subtree this walk removes on sight (see pruneFor).
    if (node.flags & (STUB | HIDDEN)) {
      node = removeAndGetNext(node);
      continue;
    }
    const matchString = node.className + ' ' + node.id;
    if (node.flags & HIDDEN) {
      node = removeAndGetNext(node);
      continue;
    }
    if (node.flags & MODAL) {
      node = removeAndGetNext(node);
      continue;
    }
    if (rules.takeByline(node, matchString)) {
      node = removeAndGetNext(node);
      continue;
    }
    if (rules.takeTitleHeader(node)) {
      node = removeAndGetNext(node);
      continue;
    }
    if (flags & FLAG_STRIP_UNLIKELYS) {
      if (
        UNLIKELY_CANDIDATES.test(matchString) &&
        !MAYBE_CANDIDATE.test(matchString) &&
        !hasAncestorTag(node, 'TABLE') &&
        !hasAncestorTag(node, 'CODE') &&
        node.tag !== 'BODY' &&
        node.tag !== 'A'
      ) {
        node = removeAndGetNext(node);
        continue;
      }
      if (node.flags & HAS_ROLE && UNLIKELY_ROLES.has(node.role!)) {
        node = removeAndGetNext(node);
        continue;
      }
    }
    if (EMPTY_REMOVABLE.has(node.tag) && isElementWithoutContent(node)) {
      node = removeAndGetNext(node);
      continue;
    }
    if (TAGS_TO_SCORE.has(node.tag)) elementsToScore.push(node);
    if (node.tag === 'DIV') {
      // Put phrasing content into paragraphs.
      let p: VNode | null = null;
      let child = node.first;
      while (child) {
        const sibling: VNode | null = child.next;
        if (isPhrasingContent(child)) {
          if (p) p.append(child);
          else if (!isWhitespace(child)) {
            p = new VNode(ELEMENT_NODE, 'P', null);
            node.replaceChild(p, child);
            p.append(child);
          }
        } else if (p) {
          while (p.last && isWhitespace(p.last)) p.last.remove();
          p = null;
        }
        child = sibling;
      }
      // A <div> holding just one <p> is that paragraph; a <div> without blocks is a paragraph.
      if (hasSingleTagInside(node, 'P') && node.linkDensity < 0.25) {
        const only = node.firstElement!;
        node.parent?.replaceChild(only, node);
        node = only;
        elementsToScore.push(node);
      } else if (!hasChildBlockElement(node)) {
        node.tag = 'P';
        elementsToScore.push(node);
      }
    }
    node = nextNode(node);
  }

  return elementsToScore;
}

function grabOnce(html: VNode, body: VNode, flags: number, metadata: ArticleMetadata, state: { bylineFound: boolean }): VNode {
  let shouldRemoveTitleHeader = true;
  const elementsToScore = walk(html, null, {
    flags,
    takeByline(node, matchString) {
      if (state.bylineFound || metadata.hasByline || !isValidByline(node, matchString)) return false;
      state.bylineFound = true;
      return true;
    },
    takeTitleHeader(node) {
      if (!shouldRemoveTitleHeader || !headerDuplicatesTitle(node, metadata.title)) return false;
      shouldRemoveTitleHeader = false;
      return true;
    },
  });

  // Score paragraphs and hand their score to their ancestors.
  const candidates: VNode[] = [];
  for (const element of elementsToScore) {
    if (!element.parent || element.parent.type !== ELEMENT_NODE) continue;
    const length = element.innerLength;
    if (length < MIN_PARAGRAPH_LENGTH) continue;
    const ancestors = ancestorsOf(element, 5);
    if (ancestors.length === 0) continue;
    const contentScore = 1 + (element.commas + 1) + Math.min(Math.floor(length / 100), 3);
    ancestors.forEach((ancestor, level) => {
      if (!ancestor.parent || ancestor.parent.type !== ELEMENT_NODE) return;
      if (ancestor.score === undefined) {
        initializeNode(ancestor, flags);
        candidates.push(ancestor);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      ancestor.score! += contentScore / divider;
    });
  }

  // Scale by link density and keep the best few.
  const topCandidates: VNode[] = [];
  for (const candidate of candidates) {
    const score = candidate.score! * (1 - candidate.linkDensity);
    candidate.score = score;
    for (let t = 0; t < N_TOP_CANDIDATES; t++) {
      const other = topCandidates[t];
      if (!other || score > other.score!) {
        topCandidates.splice(t, 0, candidate);
        if (topCandidates.length > N_TOP_CANDIDATES) topCandidates.pop();
        break;
      }
    }
  }

  let topCandidate: VNode | null = topCandidates[0] ?? null;
  if (topCandidate === null || topCandidate.tag === 'BODY') {
    // No candidate: the whole body is the article.
    topCandidate = new VNode(ELEMENT_NODE, 'DIV', null);
    while (body.first) topCandidate.append(body.first);
    body.append(topCandidate);
    initializeNode(topCandidate, flags);
  } else {
    // When at least three close runners-up share an ancestor, that ancestor is the article.
    const alternativeAncestors: Array<Set<VNode>> = [];
    for (let i = 1; i < topCandidates.length; i++) {
      if (topCandidates[i]!.score! / topCandidate.score! >= 0.75) alternativeAncestors.push(new Set(ancestorsOf(topCandidates[i]!)));
    }
    const MINIMUM_TOP_CANDIDATES = 3;
    if (alternativeAncestors.length >= MINIMUM_TOP_CANDIDATES) {
      let parent = topCandidate.parent;
      while (parent && parent.tag !== 'BODY') {
        let lists = 0;
        for (let i = 0; i < alternativeAncestors.length && lists < MINIMUM_TOP_CANDIDATES; i++) {
          if (alternativeAncestors[i]!.has(parent)) lists++;
        }
        if (lists >= MINIMUM_TOP_CANDIDATES) {
          topCandidate = parent;
          break;
        }
        parent = parent.parent;
      }
    }
    if (topCandidate.score === undefined) initializeNode(topCandidate, flags);

    // A parent scoring higher than its child (with the paragraphs' bonus) holds more of the article.
    let parent = topCandidate.parent;
    let lastScore = topCandidate.score!;
    const scoreThreshold = lastScore / 3;
    while (parent && parent.tag !== 'BODY') {
      if (parent.score === undefined) {
        parent = parent.parent;
        continue;
      }
      const parentScore = parent.score;
      if (parentScore < scoreThreshold) break;
      if (parentScore > lastScore) {
        topCandidate = parent;
        break;
      }
      lastScore = parentScore;
      parent = parent.parent;
    }

    // An only child gives way to its parent, so that sibling joining sees the real siblings.
    parent = topCandidate.parent;
    while (parent && parent.tag !== 'BODY' && parent.childElementCount === 1) {
      topCandidate = parent;
      parent = topCandidate.parent;
    }
    if (topCandidate.score === undefined) initializeNode(topCandidate, flags);
  }

  // Join siblings that look like more of the same: preambles, content split by ads.
  const article = new VNode(ELEMENT_NODE, 'DIV', null);
  const top: VNode = topCandidate;
  const siblingScoreThreshold = Math.max(10, top.score! * 0.2);
  const parentOfTop = top.parent;
  const siblings = parentOfTop ? parentOfTop.children : [top];
  for (const sibling of siblings) {
    let append = false;
    if (sibling === top) append = true;
    else {
      let bonus = 0;
      if (sibling.className === top.className && top.className !== '') bonus += top.score! * 0.2;
      if (sibling.score !== undefined && sibling.score + bonus >= siblingScoreThreshold) append = true;
      else if (sibling.tag === 'P') {
        const linkDensity = sibling.linkDensity;
        const content = innerText(sibling);
        if (content.length > 80 && linkDensity < 0.25) append = true;
        else if (content.length < 80 && content.length > 0 && linkDensity === 0 && content.search(/\.( |$)/) !== -1) append = true;
      }
    }
    if (append) {
      if (!ALTER_TO_DIV_EXCEPTIONS.has(sibling.tag)) sibling.tag = 'DIV';
      article.append(sibling);
    }
  }

  prepArticle(article, flags);
  return article;
}

// --- _prepArticle: what Readability removes from inside the article ------------------------------------------------

export function prepArticle(article: VNode, flags: number): void {
  // One walk lists every element the clean-up looks at; later passes skip what earlier passes removed.
  const byTag = collectTags(article, PREP_TAGS);
  const list = (tag: string) => byTag.get(tag) ?? [];
  for (const table of list('TABLE')) if (isDataTable(table)) table.flags |= DATA_TABLE;
  fixLazyFigures(list('FIGURE'));
  cleanConditionally(article, list('FORM'), 'FORM', flags);
  cleanConditionally(article, list('FIELDSET'), 'FIELDSET', flags);
  for (const tag of ['OBJECT', 'EMBED', 'FOOTER', 'LINK', 'ASIDE']) clean(article, list(tag), tag);
  // Small share bars, below the top level (the top candidates themselves stay even if "share" is in their class).
  for (const child of article.children) {
    const end = nextNode(child, true);
    let next = nextNode(child);
    while (next && next !== end) {
      if (SHARE_ELEMENTS.test(next.className + ' ' + next.id) && next.rawLength < SHARE_ELEMENT_THRESHOLD) next = removeAndGetNext(next);
      else next = nextNode(next);
    }
  }
  for (const tag of ['IFRAME', 'INPUT', 'TEXTAREA', 'SELECT', 'BUTTON']) clean(article, list(tag), tag);
  for (const heading of list('HEADINGS')) {
    if (heading.isWithin(article) && classWeight(heading, flags) < 0) heading.remove();
  }
  cleanConditionally(article, list('TABLE'), 'TABLE', flags);
  cleanConditionally(article, list('UL'), 'UL', flags);
  cleanConditionally(article, list('DIV'), 'DIV', flags);
}

const PREP_TAGS = new Set([
  'TABLE', 'FIGURE', 'FORM', 'FIELDSET', 'OBJECT', 'EMBED', 'FOOTER', 'LINK', 'ASIDE', 'IFRAME', 'INPUT', 'TEXTAREA', 'SELECT',
  'BUTTON', 'H1', 'H2', 'UL', 'DIV',
]);

/** Descendants of `root` with a tag in `tags`, by tag, in document order (<h1> and <h2> together as 'HEADINGS'). */
function collectTags(root: VNode, tags: ReadonlySet<string>): Map<string, VNode[]> {
  const out = new Map<string, VNode[]>();
  const visit = (node: VNode) => {
    for (let child = node.first; child; child = child.next) {
      if (child.type !== ELEMENT_NODE) continue;
      if (tags.has(child.tag)) {
        const key = child.tag === 'H1' || child.tag === 'H2' ? 'HEADINGS' : child.tag;
        let bucket = out.get(key);
        if (!bucket) out.set(key, (bucket = []));
        bucket.push(child);
      }
      if (child.first) visit(child);
    }
  };
  visit(root);
  return out;
}

/** Removes every listed element still in `root`, except embedded videos. */
function clean(root: VNode, nodes: VNode[], tag: string): void {
  const isEmbed = EMBEDS.has(tag);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!node.parent || !node.isWithin(root)) continue;
    if (isEmbed && hasVideoAttribute(node)) continue;
    node.remove();
  }
}

function isDataTable(table: VNode): boolean {
  if (table.attr('role') === 'presentation') return false;
  if (table.attr('datatable') === '0') return false;
  if (table.attr('summary')) return true;
  const caption = collectByTag(table, 'CAPTION')[0];
  if (caption && caption.first) return true;
  for (const tag of ['COL', 'COLGROUP', 'TFOOT', 'THEAD', 'TH']) if (table.countByTag(tag) > 0) return true;
  if (table.countByTag('TABLE') > 0) return false;
  let rows = 0;
  let columns = 0;
  for (const tr of collectByTag(table, 'TR')) {
    rows += parseInt(tr.attr('rowspan') ?? '', 10) || 1;
    let inRow = 0;
    for (const td of collectByTag(tr, 'TD')) inRow += parseInt(td.attr('colspan') ?? '', 10) || 1;
    columns = Math.max(columns, inRow);
  }
  if (columns === 1 || rows === 1) return false;
  if (rows >= 10 || columns > 4) return true;
  return rows * columns > 10;
}

/** `_fixLazyImages` gives a <figure> with a lazy image URL but no <img> an image, which `_cleanConditionally` counts. */
function fixLazyFigures(figures: VNode[]): void {
  for (const figure of figures) {
    if (!figure.live || figure.countByTag('IMG') > 0 || figure.countByTag('PICTURE') > 0) continue;
    for (const attr of Array.from((figure.live as Element).attributes)) {
      if (attr.name === 'src' || attr.name === 'srcset' || attr.name === 'alt') continue;
      if (LAZY_SRCSET.test(attr.value) || LAZY_SRC.test(attr.value)) {
        figure.append(new VNode(ELEMENT_NODE, 'IMG', null));
        break;
      }
    }
  }
}

interface Survey {
  p: number;
  img: number;
  li: number;
  input: number;
  headingText: number;
  textishText: number;
  listText: number;
  embeds: VNode[];
  hasDataTable: boolean;
}

/** One walk of a subtree counting what `_cleanConditionally` asks for. */
function survey(node: VNode): Survey {
  const out: Survey = { p: 0, img: 0, li: 0, input: 0, headingText: 0, textishText: 0, listText: 0, embeds: [], hasDataTable: false };
  const visit = (parent: VNode) => {
    for (let child = parent.first; child; child = child.next) {
      if (child.type !== ELEMENT_NODE) continue;
      switch (child.tag) {
        case 'P':
          out.p++;
          break;
        case 'IMG':
          out.img++;
          break;
        case 'LI':
          out.li++;
          break;
        case 'INPUT':
          out.input++;
          break;
        case 'TABLE':
          if (child.flags & DATA_TABLE) out.hasDataTable = true;
          break;
      }
      if (HEADINGS.has(child.tag)) out.headingText += child.innerLength;
      if (TEXTISH.has(child.tag)) out.textishText += child.innerLength;
      if (LISTS.has(child.tag)) out.listText += child.innerLength;
      if (EMBEDS.has(child.tag)) out.embeds.push(child);
      visit(child);
    }
  };
  visit(node);
  return out;
}

function cleanConditionally(root: VNode, nodes: VNode[], tag: string, flags: number): void {
  if (!(flags & FLAG_CLEAN_CONDITIONALLY)) return;
  // Backwards, so that what is inside a node is judged (and maybe removed) before the node itself.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node.parent && node.isWithin(root) && shouldRemove(node, tag, flags)) node.remove();
  }
}

function shouldRemove(node: VNode, tag: string, flags: number): boolean {
  const facts = survey(node);
  const contentLength = node.innerLength;
  let isList = tag === 'UL' || tag === 'OL';
  if (!isList) isList = facts.listText / contentLength > 0.9;
  if (tag === 'TABLE' && node.flags & DATA_TABLE) return false;
  if (hasAncestorTag(node, 'TABLE', -1, (table) => (table.flags & DATA_TABLE) !== 0)) return false;
  if (hasAncestorTag(node, 'CODE')) return false;
  if (facts.hasDataTable) return false;
  const weight = classWeight(node, flags);
  if (weight < 0) return true;
  if (node.asciiCommas >= 10) return false;

  let embedCount = 0;
  for (const embed of facts.embeds) {
    if (hasVideoAttribute(embed)) return false;
    embedCount++;
  }
  if (contentLength < 40) {
    const text = innerText(node);
    if (AD_WORDS.test(text) || LOADING_WORDS.test(text)) return true;
  }
  let remove = isFishy({
    p: facts.p,
    img: facts.img,
    li: facts.li,
    input: facts.input,
    embeds: embedCount,
    contentLength,
    headingLength: facts.headingText,
    textishLength: facts.textishText,
    linkDensity: node.linkDensity,
    weight,
    isList,
    isFigureChild: hasAncestorTag(node, 'FIGURE'),
  });

  // Simple lists of images may stay.
  if (isList && remove) {
    for (const child of node.children) if (child.childElementCount > 1) return remove;
    if (facts.img === node.countByTag('LI')) remove = false;
  }
  return remove;
}

/** What `_cleanConditionally` weighs, once its early exits (data tables, code, negative weight, commas) are passed. */
export interface ConditionalFacts {
  p: number;
  img: number;
  li: number;
  input: number;
  /** Embeds that are not allowed videos (a video keeps its container). */
  embeds: number;
  contentLength: number;
  headingLength: number;
  textishLength: number;
  linkDensity: number;
  weight: number;
  isList: boolean;
  isFigureChild: boolean;
}

/** Readability's shadiness checks in `_cleanConditionally` (before its exception for lists of images). */
export function isFishy(f: ConditionalFacts): boolean {
  const li = f.li - 100;
  const headingDensity = f.contentLength === 0 ? 0 : f.headingLength / f.contentLength;
  const textDensity = f.contentLength === 0 ? 0 : f.textishLength / f.contentLength;
  return (
    (!f.isFigureChild && f.img > 1 && f.p / f.img < 0.5) ||
    (!f.isList && li > f.p) ||
    f.input > Math.floor(f.p / 3) ||
    (!f.isList && !f.isFigureChild && headingDensity < 0.9 && f.contentLength < 25 && (f.img === 0 || f.img > 2) && f.linkDensity > 0) ||
    (!f.isList && f.weight < 25 && f.linkDensity > 0.2) ||
    (f.weight >= 25 && f.linkDensity > 0.5) ||
    (f.embeds === 1 && f.contentLength < 75) ||
    f.embeds > 1 ||
    (f.img === 0 && textDensity === 0)
  );
}
