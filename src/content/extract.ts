// Finds the element that holds the article on a page, or decides that the page has none.

/** Less paragraph text than this is a teaser, a form or a list page, not an article. */
const MIN_ARTICLE_CHARS = 400;
/** A paragraph shorter than this is usually a caption, a byline or a button label. */
const MIN_PARAGRAPH_CHARS = 25;
const OUTSIDE_ARTICLE = 'nav, aside, footer, form, [role="navigation"], [role="complementary"], [contenteditable=""], [contenteditable="true"]';
const EXPLICIT_ARTICLE = 'article, [itemprop~="articleBody"], [role="article"]';

export interface ArticleLocation {
  root: Element;
  title: string;
}

/**
 * Scores each paragraph's parent (and half to its grandparent) by paragraph text, as Readability does, then widens
 * the winner to an enclosing <article> so the headline comes along.
 */
export function findArticle(doc: Document): ArticleLocation | null {
  if (doc.designMode === 'on' || !doc.body || doc.body.isContentEditable) return null;
  const scores = new Map<Element, number>();
  for (const p of doc.body.querySelectorAll('p, pre, blockquote')) {
    if (p.closest(OUTSIDE_ARTICLE)) continue;
    const length = (p.textContent ?? '').trim().length;
    if (length < MIN_PARAGRAPH_CHARS) continue;
    const parent = p.parentElement;
    if (!parent) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + length);
    const grandparent = parent.parentElement;
    if (grandparent && grandparent !== doc.documentElement) scores.set(grandparent, (scores.get(grandparent) ?? 0) + length / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  if (!best || bestScore < MIN_ARTICLE_CHARS) return null;
  const root = best.closest(EXPLICIT_ARTICLE) ?? best;
  const heading = root.querySelector('h1') ?? doc.querySelector('h1');
  const title = (heading?.textContent ?? doc.title).trim().replace(/\s+/g, ' ');
  return { root, title };
}
