// Finds the element that holds the article on a page, or decides that the page has none.
//
// Two steps, both read-only and free of layout calls, so they run the same in a browser and on linkedom:
// 1. the gate (extract-readerable.ts): Readability's `isProbablyReaderable`, a few querySelectorAll and textContent
//    lengths; a page without a long visible paragraph stops here ("no article");
// 2. the choice (extract-readability.ts): Readability's own algorithm replayed on a light copy of the tree
//    (extract-vdom.ts) instead of a clone of the document; it yields the page's text nodes Readability would keep.
// The result is the smallest element holding all of them (`root`) and a `skip` predicate for TextMap.build that
// leaves out what Readability drops inside it (share bars, related links, bylines, captions of galleries...).

import { readMetadata } from './extract-metadata';
import { fastChoice } from './extract-fast';
import { chooseArticle } from './extract-readability';
import { isProbablyReaderable } from './extract-readerable';
import { isSkippedByMarkup } from './text-map';
import { searchScope, type SearchScope } from './extract-scope';

export interface ArticleLocation {
  /** The smallest element that holds the whole article. */
  root: Element;
  /** The headline (JSON-LD, og:title and friends, or the document title cleaned of the site name). */
  title: string;
  /**
   * Pass to `TextMap.build(root, skip)`: true for elements under `root` that are not article text. It includes
   * TextMap's own rules (scripts, forms, hidden and editable elements...; `isSkippedByMarkup`, as `root` is never inside
   * an editable region), so it replaces the default rather than adding to it.
   */
  skip: (element: Element) => boolean;
}

export interface ArticleDiagnostics {
  /**
   * 'not-readerable': the gate said no; 'no-content': nothing left after extraction; 'too-large': a huge page whose
   * text-bearing part is huge too (extract-scope.ts); 'found': an article.
   */
  outcome: 'not-readerable' | 'no-content' | 'editable' | 'too-large' | 'found';
  /** 'narrowed': a huge page, searched inside the element holding its paragraphs (extract-scope.ts). */
  scope: 'whole' | 'narrowed';
  /** 'fast': the fast path decided; 'replay': it was unsure and Readability's algorithm was replayed in full. */
  via: 'fast' | 'replay' | 'none';
  /** Why the fast path was unsure. */
  unsure?: string;
  /** Extraction passes of the replay (1 normally; more when Readability's retries with relaxed heuristics were needed). */
  attempts: number;
  /** Text nodes in the article. */
  textNodes: number;
}

const EDITABLE = new Set(['', 'true', 'plaintext-only']);

/** The article on `doc`, or null when the page is not an article (or is being edited). */
export function findArticle(doc: Document, scope?: SearchScope | null): ArticleLocation | null {
  return locateArticle(doc, { scope }).article;
}

/** `findArticle` with the reasons behind its answer, for the evaluation script and debugging. */
export function locateArticle(
  doc: Document,
  /** `scope`: where to search, when the caller worked it out in an earlier task (searchScope(doc) otherwise). */
  options: { fastPath?: boolean; scope?: SearchScope | null } = {},
): { article: ArticleLocation | null; diagnostics: ArticleDiagnostics } {
  const diagnostics: ArticleDiagnostics = { outcome: 'not-readerable', via: 'none', scope: 'whole', attempts: 0, textNodes: 0 };
  const result = { article: null as ArticleLocation | null, diagnostics };
  const body = doc.body;
  if (!body || doc.designMode === 'on' || isEditable(body)) {
    diagnostics.outcome = 'editable';
    return result;
  }
  const scope = options.scope ?? searchScope(doc);
  if (!scope) return result;
  if (scope.kind === 'too-large') {
    diagnostics.outcome = 'too-large';
    return result;
  }
  diagnostics.scope = scope.kind;
  if (!isProbablyReaderable(scope.kind === 'whole' ? doc : scope.root)) return result;

  const metadata = readMetadata(doc);
  const fast = options.fastPath === false ? ({ status: 'unsure', reason: 'fast path off' } as const) : fastChoice(scope.root, metadata);
  if (fast.status === 'none') {
    diagnostics.via = 'fast';
    diagnostics.outcome = 'no-content';
    return result;
  }
  if (fast.status === 'found') {
    diagnostics.via = 'fast';
    diagnostics.attempts = fast.passes;
    // One block: it is the root (nothing around it to leave out).
    let root = fast.root;
    const skip = fast.skip;
    const blocks: Element[] = [];
    for (let child = root.firstElementChild; child; child = child.nextElementSibling) if (!skip.has(child)) blocks.push(child);
    if (blocks.length === 1 && root !== doc.body) root = blocks[0]!;
    if (isEditable(root)) {
      diagnostics.outcome = 'editable';
      return result;
    }
    diagnostics.outcome = 'found';
    result.article = { root, title: metadata.title, skip: (element) => skip.has(element) || isSkippedByMarkup(element) };
    return result;
  }

  diagnostics.unsure = fast.reason;
  // The replay copies the whole document: on a huge page that is the long task the narrowing is there to avoid.
  if (scope.kind === 'narrowed') {
    diagnostics.outcome = 'no-content';
    return result;
  }
  diagnostics.via = 'replay';
  const choice = chooseArticle(doc, metadata);
  diagnostics.attempts = choice?.attempts ?? 0;
  const texts = choice?.text ?? [];
  // White-space text nodes count too: an element holding only a space between two words must not be skipped.
  if (!texts.some((text) => /\S/.test(text.data))) {
    diagnostics.outcome = 'no-content';
    return result;
  }
  diagnostics.textNodes = texts.length;

  // Keep every element on the way from a kept text node up to the document; the root is the deepest element that is
  // an ancestor of them all.
  const keep = new Set<Element>();
  const firstChain = new Map<Element, number>();
  let chain: Element[] = [];
  for (let element = texts[0]!.parentElement; element; element = element.parentElement) chain.push(element);
  chain = chain.reverse();
  chain.forEach((element, depth) => {
    keep.add(element);
    firstChain.set(element, depth);
  });
  let rootDepth = chain.length - 1;
  for (let i = 1; i < texts.length; i++) {
    let element = texts[i]!.parentElement;
    while (element && !keep.has(element)) {
      keep.add(element);
      element = element.parentElement;
    }
    if (!element) continue; // detached meanwhile; cannot happen on a static page
    const depth = firstChain.get(element);
    if (depth !== undefined && depth < rootDepth) rootDepth = depth;
  }
  const root = chain[rootDepth];
  if (!root || isEditable(root)) {
    diagnostics.outcome = 'editable';
    return result;
  }
  diagnostics.outcome = 'found';
  result.article = { root, title: metadata.title, skip: (element) => !keep.has(element) || isSkippedByMarkup(element) };
  return result;
}

/**
 * Inside a contenteditable region (by attribute, nearest one wins). Not `isContentEditable`: in Chromium that getter
 * brings style up to date first, which can cost a style recalculation on a busy page.
 */
function isEditable(element: Element): boolean {
  for (let current: Element | null = element; current; current = current.parentElement) {
    const value = current.getAttribute('contenteditable');
    if (value !== null) return EDITABLE.has(value.toLowerCase());
  }
  return false;
}
