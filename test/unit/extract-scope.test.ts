// Huge pages: extraction first narrows its search to the element that holds the paragraphs (extract-scope.ts), and
// declines a page whose text-bearing part is huge too. Ordinary pages are searched whole, as before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { locateArticle } from '../../src/content/extract';
import { lightSearch } from '../../src/content/extract-gate';
import { HUGE_PAGE_ELEMENTS, isHugePage, narrowScope } from '../../src/content/extract-scope';
import { TextMap } from '../../src/content/text-map';

const ARTICLE = readFileSync(join(__dirname, '../fixtures/extraction/article-tag.html'), 'utf8');
/** The fixture's <article>, to be placed beside or around a huge index of links. */
const articleElement = /<article>[\s\S]*?<\/article>/.exec(ARTICLE)![0];
/** More links than a huge page has elements at least. */
const links = (count: number) => Array.from({ length: count }, (_, i) => `<a href="/tag/${i}">t${i}</a>`).join(' ');

function page(body: string): Document {
  return parseHTML(`<!doctype html><html><head><title>River towns brace for a second flood crest</title></head><body>${body}</body></html>`).document as unknown as Document;
}

function articleText(doc: Document): string | null {
  const { article } = locateArticle(doc);
  return article ? TextMap.build(article.root, article.skip).text : null;
}

describe('the search scope of huge pages', () => {
  it('searches an ordinary page whole', () => {
    const doc = page(`<nav>${links(50)}</nav>${articleElement}`);
    expect(lightSearch(doc)).toEqual({ kind: 'whole', root: doc.body });
    expect(locateArticle(doc).diagnostics.scope).toBe('whole');
  });

  it('narrows a huge page to the element holding its paragraphs, and finds the same article text there', () => {
    const ordinary = articleText(page(`<nav>${links(50)}</nav>${articleElement}`));
    const doc = page(`<nav>${links(50)}</nav>${articleElement}<aside class="tag-index">${links(HUGE_PAGE_ELEMENTS + 1)}</aside>`);
    const scope = lightSearch(doc);
    expect(scope?.kind).toBe('narrowed');
    expect(scope?.kind === 'narrowed' && scope.root.tagName).toBe('ARTICLE');
    const { article, diagnostics } = locateArticle(doc);
    expect(diagnostics).toMatchObject({ outcome: 'found', scope: 'narrowed', via: 'fast' });
    const text = TextMap.build(article!.root, article!.skip).text;
    expect(text).toContain('Residents of three river towns spent Sunday stacking sandbags');
    expect(text).not.toContain('t12345');
    expect(text).toBe(ordinary);
  });

  it('declines a huge page whose text-bearing part is huge too, rather than read it at the page’s expense', () => {
    const doc = page(articleElement.replace('</article>', `<div>${links(HUGE_PAGE_ELEMENTS + 1)}</div></article>`));
    expect(lightSearch(doc).kind).toBe('too-large');
    expect(locateArticle(doc)).toMatchObject({ article: null, diagnostics: { outcome: 'too-large' } });
  });

  it('declines a huge page without paragraphs', () => {
    const doc = page(`<div>${links(HUGE_PAGE_ELEMENTS + 1)}</div>`);
    expect(isHugePage(doc)).toBe(true);
    expect(narrowScope(doc.body).kind).toBe('too-large');
  });
});
