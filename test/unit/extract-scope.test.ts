// Huge pages: extraction first narrows its search to the element that holds the paragraphs (extract-scope.ts), and
// declines a page whose text-bearing part is huge too. Ordinary pages are searched whole, as before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { locateArticle } from '../../src/content/extract';
import { HUGE_PAGE_ELEMENTS, searchScopeSteps } from '../../src/content/extract-scope';
import { drain, WHOLE } from '../../src/content/slicer';
import { TextMap } from '../../src/content/text-map';

const ARTICLE = readFileSync(join(__dirname, '../fixtures/extraction/article-tag.html'), 'utf8');
/** The fixture's <article>, to be placed beside or around a huge index of links. */
const articleElement = /<article>[\s\S]*?<\/article>/.exec(ARTICLE)![0];
/** More links than a huge page has elements at least. */
const links = (count: number) => Array.from({ length: count }, (_, i) => `<a href="/tag/${i}">t${i}</a>`).join(' ');

function page(body: string): Document {
  return parseHTML(`<!doctype html><html><head><title>River towns brace for a second flood crest</title></head><body>${body}</body></html>`).document as unknown as Document;
}

/** Where the extraction searches the page, worked out in one go. */
const scopeOf = (doc: Document) => drain(searchScopeSteps(doc.body, WHOLE));

function articleText(doc: Document): string | null {
  const { article } = locateArticle(doc);
  return article ? TextMap.build(article.root, article.skip).text : null;
}

describe('the search scope of huge pages', () => {
  it('searches an ordinary page whole', () => {
    const doc = page(`<nav>${links(50)}</nav>${articleElement}`);
    expect(scopeOf(doc)).toEqual({ kind: 'whole', root: doc.body });
    expect(locateArticle(doc).diagnostics.scope).toBe('whole');
  });

  it('narrows a huge page to the element holding its paragraphs, and finds the same article text there', () => {
    const ordinary = articleText(page(`<nav>${links(50)}</nav>${articleElement}`));
    const doc = page(`<nav>${links(50)}</nav>${articleElement}<aside class="tag-index">${links(HUGE_PAGE_ELEMENTS + 1)}</aside>`);
    const scope = scopeOf(doc);
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
    expect(scopeOf(doc).kind).toBe('too-large');
    expect(locateArticle(doc)).toMatchObject({ article: null, diagnostics: { outcome: 'too-large' } });
  });

  it('counts and narrows in slices, between the sections of an index, with the same answer', () => {
    // An index as big sites have one (and as the hostile suite's million-node page has it): sections of links.
    const sections = 20;
    const perSection = Math.ceil(HUGE_PAGE_ELEMENTS / sections) + 1;
    const index = Array.from({ length: sections }, () => `<div class="tags">${links(perSection)}</div>`).join('');
    const doc = page(`<nav>${links(50)}</nav>${articleElement}<aside class="tag-index">${index}</aside>`);
    // A clock that is always due: the walks yield at every look at it.
    const steps = searchScopeSteps(doc.body, { due: () => true });
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // The count goes through the sections, and so does the narrowing.
    expect(yields).toBeGreaterThanOrEqual(2 * sections);
    expect(step.value).toEqual(scopeOf(doc));
    expect(step.value.kind === 'narrowed' && step.value.root.tagName).toBe('ARTICLE');
  });

  it('counts a page’s elements exactly, however they nest', () => {
    // Wrappers, sections of several sizes, lists in sections: every level of the count's parts (HUGE_PAGE_ELEMENTS in all).
    const section = (items: number) => `<section><ul>${'<li><a href="/">x</a></li>'.repeat(items)}</ul></section>`;
    const elements = (items: number) => 2 + 2 * items;
    const sizes = [10_000, 1_000, 4_000, 999];
    // #app, <main> and the <div> holding the rest.
    const rest = HUGE_PAGE_ELEMENTS - 3 - sizes.reduce((sum, items) => sum + elements(items), 0);
    const body = (extra: string) => `<div id="app"><main>${sizes.map(section).join('')}<div>${'<i></i>'.repeat(rest)}${extra}</div></main></div>`;
    // Without paragraphs a huge page is declined; an ordinary one is searched whole.
    expect(scopeOf(page(body(''))).kind).toBe('whole');
    expect(scopeOf(page(body('<i></i>'))).kind).toBe('too-large');
  });

  it('declines a huge page without paragraphs', () => {
    const doc = page(`<div>${links(HUGE_PAGE_ELEMENTS + 1)}</div>`);
    expect(scopeOf(doc).kind).toBe('too-large');
  });
});
