// Finds the element that holds the article on a page, or decides that the page has none.
//
// Two steps, both read-only and free of layout calls, so they run the same in a browser and on linkedom:
// 1. the gate (extract-readerable.ts): Readability's `isProbablyReaderable`, a few querySelectorAll and textContent
//    lengths; a page without a long visible paragraph stops here ("no article");
// 2. the choice (extract-readability.ts): Readability's own algorithm replayed on a light copy of the tree
//    (extract-vdom.ts) instead of a clone of the document; it yields the page's text nodes Readability would keep.
// The result is the smallest element holding all of them (`root`) and a `skip` predicate for TextMap.build that
// leaves out what Readability drops inside it (share bars, related links, bylines, captions of galleries...).
//
// On a huge page (more than 50,000 elements) the light DOM is searched only inside the element holding most of its
// paragraph text (extract-scope.ts), and never replayed in full.
//
// When the light DOM holds no article, the page's open shadow roots are tried (shadow-roots.ts: a bounded search),
// each read as a document whose body is the shadow tree, and the one with the longest article wins. The root is then
// an element of that shadow tree, or the shadow root itself when the article spans several of its top-level elements.

import { readMetadata, type ArticleMetadata } from './extract-metadata';
import { fastChoiceSteps } from './extract-fast';
import { chooseArticleSteps } from './extract-readability';
import { isProbablyReaderable } from './extract-readerable';
import { articleShadowRoots, isShadowRoot, languageOf } from './shadow-roots';
import { isSkippedByMarkup } from './text-map';
import { searchScopeSteps, type SearchScope } from './extract-scope';
import { lightSearch, type LightSearch } from './extract-gate';
import { drain, WHOLE, type Slicer } from './slicer';

export interface ArticleLocation {
  /**
   * The smallest element that holds the whole article; for an article in an open shadow root that spans several of
   * the root's top-level elements, the shadow root itself.
   */
  root: Element | ShadowRoot;
  /** The headline (JSON-LD, og:title and friends, or the document title cleaned of the site name). */
  title: string;
  /** The article's lang attribute, or its page's (through shadow hosts); null when none says. */
  lang: string | null;
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
  /** Open shadow roots looked into because the light DOM had no article (0 when it had one). */
  shadowRoots: number;
  /** The article was found in an open shadow root. */
  inShadowRoot: boolean;
}

/** Of the open shadow roots that pass the gate, this many at most are extracted (the longest article wins). */
const MAX_SHADOW_EXTRACTIONS = 3;

const EDITABLE = new Set(['', 'true', 'plaintext-only']);

/** The article on `doc`, or null when the page is not an article (or is being edited). */
export function findArticle(doc: Document, light?: LightSearch): ArticleLocation | null {
  return locateArticle(doc, { light }).article;
}

/** `findArticle` in slices: it yields when `slicer` says the task has run its share (slicer.ts). */
export function* findArticleSteps(doc: Document, light: LightSearch | undefined, slicer: Slicer): Generator<undefined, ArticleLocation | null, void> {
  return (yield* locateArticleSteps(doc, { light }, slicer)).article;
}

/** `findArticle` with the reasons behind its answer, for the evaluation script and debugging. */
export function locateArticle(
  doc: Document,
  /** `light`: the gate's answer, when the caller worked it out in an earlier task (lightSearch). */
  options: { fastPath?: boolean; light?: LightSearch } = {},
): { article: ArticleLocation | null; diagnostics: ArticleDiagnostics } {
  return drain(locateArticleSteps(doc, options, WHOLE));
}

function* locateArticleSteps(
  doc: Document,
  options: { fastPath?: boolean; light?: LightSearch },
  slicer: Slicer,
): Generator<undefined, { article: ArticleLocation | null; diagnostics: ArticleDiagnostics }, void> {
  const diagnostics = emptyDiagnostics();
  const body = doc.body;
  if (!body || doc.designMode === 'on' || isEditable(body)) {
    diagnostics.outcome = 'editable';
    return { article: null, diagnostics };
  }
  const gate = options.light ?? lightSearch(doc);
  const scope = gate.kind === 'not-readerable' ? gate : yield* searchScopeSteps(body, slicer);
  if (scope.kind === 'too-large') {
    diagnostics.outcome = 'too-large';
    return { article: null, diagnostics };
  }
  let metadata: ArticleMetadata | null = null;
  const narrowed = scope.kind === 'narrowed' ? scope.root : null;
  const metadataOnce = () => (metadata ??= readMetadata(doc, narrowed ? { metadataIn: doc.head ?? doc, headingsIn: narrowed } : undefined));
  const light: Located =
    scope.kind === 'not-readerable' ? { article: null, diagnostics, textLength: 0 } : yield* locateIn(doc, metadataOnce, options.fastPath !== false, scope, slicer);
  if (light.article || light.diagnostics.outcome === 'editable') return light;

  // No article in the light DOM: perhaps a web component renders it in an open shadow root (shadow-roots.ts says
  // where that is worth looking for).
  const roots = articleShadowRoots(doc);
  let best: Located | null = null;
  let extractions = 0;
  for (const root of roots) {
    if (extractions >= MAX_SHADOW_EXTRACTIONS) break;
    if (!isProbablyReaderable(root) || isEditable(root.host)) continue;
    extractions++;
    const found = yield* locateIn(root, metadataOnce, false, null, slicer);
    if (found.article && (!best || found.textLength > best.textLength)) best = found;
  }
  const chosen = best ?? light;
  chosen.diagnostics.shadowRoots = roots.length;
  chosen.diagnostics.inShadowRoot = best !== null;
  return chosen;
}

function emptyDiagnostics(): ArticleDiagnostics {
  return { outcome: 'not-readerable', via: 'none', scope: 'whole', attempts: 0, textNodes: 0, shadowRoots: 0, inShadowRoot: false };
}

interface Located {
  article: ArticleLocation | null;
  diagnostics: ArticleDiagnostics;
  /** Length of the article text as Readability measures it (0 without an article). */
  textLength: number;
}

/**
 * The gate and the choice in one tree: the document (its body), or an open shadow root read as a document whose body
 * is the shadow tree. The fast path reads the document only: its scoring climbs `parentElement`, which stops below a
 * shadow root, so the top-level elements of a shadow tree (the body's children there) could never be candidates.
 */
function* locateIn(
  scope: Document | ShadowRoot,
  metadataOf: () => ArticleMetadata,
  fastPath: boolean,
  /** For the document (its gate passed): searched whole, or narrowed on a huge page. */
  light: Exclude<SearchScope, { kind: 'too-large' }> | null,
  slicer: Slicer,
): Generator<undefined, Located, void> {
  const diagnostics = emptyDiagnostics();
  const result: Located = { article: null, diagnostics, textLength: 0 };
  const narrowed = light?.kind === 'narrowed' ? light.root : null;
  if (narrowed) diagnostics.scope = 'narrowed';
  // The document's own gate has passed already (lightSearch); a narrowed part or a shadow tree is gated on its own.
  if (light?.kind !== 'whole' && !isProbablyReaderable(narrowed ?? scope)) return result;

  // The search for the scope may have used the task's share; the metadata took Firefox up to 25 ms on nytimes-2.
  if (slicer.due()) yield;
  const metadata = metadataOf();
  if (slicer.due()) yield;
  const doc = isShadowRoot(scope) ? null : scope;
  const fast = !doc || !light
    ? ({ status: 'unsure', reason: 'shadow root' } as const)
    : !fastPath
      ? ({ status: 'unsure', reason: 'fast path off' } as const)
      : yield* fastChoiceSteps(light.root, metadata, slicer);
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
    if (blocks.length === 1 && root !== doc!.body) root = blocks[0]!;
    if (isEditable(root)) {
      diagnostics.outcome = 'editable';
      return result;
    }
    diagnostics.outcome = 'found';
    result.article = { root, title: metadata.title, lang: languageOf(root), skip: (element) => skip.has(element) || isSkippedByMarkup(element) };
    result.textLength = fast.textLength;
    return result;
  }

  diagnostics.unsure = fast.reason;
  // The replay copies the whole document: on a huge page that is the long task the narrowing is there to avoid.
  if (narrowed) {
    diagnostics.outcome = 'no-content';
    return result;
  }
  diagnostics.via = 'replay';
  const choice = yield* chooseArticleSteps(scope, metadata, slicer);
  diagnostics.attempts = choice?.attempts ?? 0;
  const texts = choice?.text ?? [];
  // White-space text nodes count too: an element holding only a space between two words must not be skipped.
  if (!texts.some((text) => /\S/.test(text.data))) {
    diagnostics.outcome = 'no-content';
    return result;
  }
  diagnostics.textNodes = texts.length;

  // Keep every element on the way from a kept text node up to the top of its tree; the root is the deepest element
  // that is an ancestor of them all (in a shadow tree there may be none: then the shadow root is the root).
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
    if (!element) {
      // Climbed to the top of the tree without meeting the first text's ancestors: a shadow tree's other top-level
      // element (a document's texts always share <html>), or a text detached meanwhile.
      if (texts[i]!.isConnected) rootDepth = -1;
      continue;
    }
    const depth = firstChain.get(element);
    if (depth !== undefined && depth < rootDepth) rootDepth = depth;
  }
  const root = rootDepth >= 0 ? chain[rootDepth] : isShadowRoot(scope) ? scope : undefined;
  if (!root || isEditable(isShadowRoot(root) ? root.host : root)) {
    diagnostics.outcome = 'editable';
    return result;
  }
  diagnostics.outcome = 'found';
  result.article = { root, title: metadata.title, lang: languageOf(root), skip: (element) => !keep.has(element) || isSkippedByMarkup(element) };
  result.textLength = choice!.textLength;
  return result;
}

/**
 * Inside a contenteditable region (by attribute, nearest one wins). Not `isContentEditable`: in Chromium that getter
 * brings style up to date first, which can cost a style recalculation on a busy page.
 */
function isEditable(element: Element): boolean {
  for (let current: Element | null = element; current; ) {
    const value = current.getAttribute('contenteditable');
    if (value !== null) return EDITABLE.has(value.toLowerCase());
    // Out of a shadow tree through its host: what the page edits around a component is not read either.
    const parent: ParentNode | null = current.parentNode;
    current = current.parentElement ?? (parent && isShadowRoot(parent as Node) ? (parent as ShadowRoot).host : null);
  }
  return false;
}
