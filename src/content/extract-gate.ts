// The look every page gets before anything else: could it hold an article? Readability's gate on the light DOM, and
// the open shadow roots where web components may render one. A page that fails both is no article; only a page that
// passes needs the extraction proper, which the content script then loads (article-code.ts): most pages a reader
// opens never compile it.

import { isProbablyReaderable } from './extract-readerable';
import { articleShadowRoots } from './shadow-roots';

/**
 * The light DOM's first look: Readability's gate. Where to search a page that passes (its whole body, or the part of
 * a huge page holding its paragraphs) is the extraction's to work out, in slices (searchScopeSteps in extract-scope.ts):
 * that code is needed on article pages only, so it is not in the content script every page evaluates.
 */
export type LightSearch = { kind: 'not-readerable' } | { kind: 'readerable' };

/** The gate; non-articles stop here and never pay for the page's size. */
export function lightSearch(doc: Document): LightSearch {
  return doc.body && isProbablyReaderable(doc) ? { kind: 'readerable' } : { kind: 'not-readerable' };
}

/**
 * Whether the extraction could find an article, given the light DOM's gate: it passed, or an open shadow root that
 * the extraction would search passes it (the same search and the same gate as `findArticle`'s, which then repeats
 * them: only on pages built of web components).
 */
export function mayHoldArticle(doc: Document, light: LightSearch): boolean {
  if (light.kind !== 'not-readerable') return true;
  return articleShadowRoots(doc).some((root) => isProbablyReaderable(root));
}
