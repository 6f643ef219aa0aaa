// The article module of `npm run bench:floor`'s build (bench/floor.ts; never shipped): the real one's text map,
// anchoring and overlay, but an extraction that can hardly cost less: the article is taken to be the parent of the
// page's first long paragraph. So that build measures what our pipeline costs a page before any extraction proper: the
// gate, the extension API's first use, loading this module, the text map, the background's analysis and the highlights.
import type { ArticleLocation } from '../src/content/extract';
import { isSkippedByMarkup } from '../src/content/text-map';

export { anchor, TextMap, UnderlineOverlay } from '../src/content/article-code';

/** The gate's own threshold for a paragraph (extract-readerable.ts): a page that passed it has one this long. */
const LONG_PARAGRAPH = 140;

// eslint-disable-next-line require-yield -- the pipeline drives every extraction as a generator; this one never needs to yield
export function* findArticleSteps(doc: Document): Generator<undefined, ArticleLocation | null, void> {
  const paragraphs = doc.getElementsByTagName('p');
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i]!;
    if (paragraph.parentElement && (paragraph.textContent ?? '').length >= LONG_PARAGRAPH) {
      return { root: paragraph.parentElement, title: doc.title, lang: doc.documentElement.lang || null, skip: isSkippedByMarkup };
    }
  }
  return null;
}
