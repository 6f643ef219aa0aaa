// The look every page gets before anything else: could it hold an article? Readability's gate on the light DOM, and
// the open shadow roots where web components may render one. A page that fails both is no article; only a page that
// passes needs the extraction proper, which the content script then loads (article-code.ts): most pages a reader
// opens never compile it.

import { isProbablyReaderable } from './extract-readerable';
import { searchScopeSteps, type SearchScope } from './extract-scope';
import { hasMuchLightText, openShadowRoots } from './shadow-roots';
import { drain, WHOLE } from './slicer';

/**
 * The light DOM's first look: Readability's gate and, once it passes, where to search (extract-scope.ts).
 * `unsized`: the gate passed, and where to search is left to the extraction (searchScopeSteps, in slices: on a page of
 * a million nodes, counting its elements takes several tasks).
 */
export type LightSearch = SearchScope | { kind: 'not-readerable' } | { kind: 'unsized' };

/** The gate, then the scope; non-articles stop at the gate and never pay for the page's size. */
export function lightSearch(doc: Document, options: { sized?: boolean } = {}): LightSearch {
  const body = doc.body;
  if (!body || !isProbablyReaderable(doc)) return { kind: 'not-readerable' };
  return options.sized === false ? { kind: 'unsized' } : sizedScope(body);
}

/** Where to search a page whose gate passed: its whole body, or on a huge page the part holding its paragraphs. */
export function sizedScope(body: HTMLElement): SearchScope {
  return drain(searchScopeSteps(body, WHOLE));
}

/**
 * Whether the extraction could find an article, given the light DOM's gate: it passed, or an open shadow root that
 * the extraction would search passes it (the same search and the same gate as `findArticle`'s, which then repeats
 * them: only on pages built of web components).
 */
export function mayHoldArticle(doc: Document, light: LightSearch): boolean {
  if (light.kind !== 'not-readerable') return true;
  const body = doc.body;
  if (!body || hasMuchLightText(body)) return false;
  return openShadowRoots(doc).some((root) => isProbablyReaderable(root));
}
