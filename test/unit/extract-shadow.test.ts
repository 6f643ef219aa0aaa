// @vitest-environment happy-dom
// Articles that web components render in open shadow roots: found when the light DOM has none, read as a document
// whose body is the shadow tree, with the same answer as the same article in the light DOM. Closed roots stay unread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateArticle } from '../../src/content/extract';
import { lightSearch, mayHoldArticle } from '../../src/content/extract-gate';
import { hasMuchLightText, MAX_ELEMENTS_SCANNED, MAX_LIGHT_TEXT, openShadowRoots } from '../../src/content/shadow-roots';
import { TextMap } from '../../src/content/text-map';
import { documentFrom as load } from './browser-dom';

const FIXTURES = join(__dirname, '../fixtures/extraction');
const source = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** The fixture's <article> element markup, and the page around it without it. */
function split(name: string): { page: string; article: string } {
  const html = source(name);
  const article = /<article>[\s\S]*?<\/article>/.exec(html)![0];
  return { page: html.replace(article, '<news-story></news-story>'), article };
}

/** A template's content as the children of `parent` (test-only markup, parsed by a template). */
function fill(parent: ShadowRoot, markup: string): void {
  const template = parent.ownerDocument.createElement('template');
  template.innerHTML = markup; // test-only markup
  parent.append(template.content);
}

function textOf(doc: Document): string | null {
  const { article } = locateArticle(doc);
  return article ? TextMap.build(article.root, article.skip).text : null;
}

describe('an article in an open shadow root', () => {
  it('is found, with the same text as in the light DOM', () => {
    const { page, article } = split('article-tag.html');
    const doc = load(page);
    doc.documentElement.setAttribute('lang', 'en');
    const host = doc.querySelector('news-story')!;
    fill(host.attachShadow({ mode: 'open' }), `<style>p { margin: 0 }</style>${article}`);
    const { article: found, diagnostics } = locateArticle(doc);
    expect(found).not.toBeNull();
    expect(diagnostics).toMatchObject({ outcome: 'found', via: 'replay', inShadowRoot: true, shadowRoots: 1 });
    expect(found!.root.getRootNode()).toBe(host.shadowRoot);
    expect(found!.title).toBe('River towns brace for a second flood crest');
    // The page's lang, through the host.
    expect(found!.lang).toBe('en');
    expect(textOf(doc)).toBe(textOf(load(source('article-tag.html'))));
  });

  it('is the shadow root itself when the article spans its top-level elements', () => {
    const { page, article } = split('article-tag.html');
    const doc = load(page);
    const root = doc.querySelector('news-story')!.attachShadow({ mode: 'open' });
    fill(root, article.replace(/^<article>|<\/article>$/g, ''));
    const found = locateArticle(doc).article!;
    expect(found.root).toBe(root);
    const text = TextMap.build(found.root, found.skip).text;
    expect(text).toContain('Residents of three river towns spent Sunday stacking sandbags');
    expect(text).toContain('the harvest in the low fields was probably lost for the season.');
  });

  it('is found in a nested open root, and the longest article wins', () => {
    const { page, article } = split('article-tag.html');
    const doc = load(page);
    const outer = doc.querySelector('news-story')!.attachShadow({ mode: 'open' });
    fill(outer, '<p>Short teaser text.</p><story-body></story-body>');
    fill(outer.querySelector('story-body')!.attachShadow({ mode: 'open' }), article);
    expect(textOf(doc)).toContain('Farmers on the flood plain said they had moved most of their livestock');
  });

  it('is not read in a closed root, nor when the light DOM has an article', () => {
    const { page, article } = split('article-tag.html');
    const closed = load(page);
    fill(closed.querySelector('news-story')!.attachShadow({ mode: 'closed' }), article);
    expect(locateArticle(closed).article).toBeNull();

    const light = load(source('div-article.html'));
    const host = light.createElement('news-story');
    light.body.append(host);
    fill(host.attachShadow({ mode: 'open' }), article);
    const { article: found, diagnostics } = locateArticle(light);
    expect(diagnostics).toMatchObject({ inShadowRoot: false, shadowRoots: 0 });
    expect(TextMap.build(found!.root, found!.skip).text).toContain('When the last bank branch closed on the high street');
  });

  it('gets the page through the gate that loads the extraction, unless its root is closed', () => {
    const { page, article } = split('article-tag.html');
    const gated = (doc: Document) => mayHoldArticle(doc, lightSearch(doc));
    const open = load(page);
    fill(open.querySelector('news-story')!.attachShadow({ mode: 'open' }), article);
    expect(lightSearch(open).kind).toBe('not-readerable');
    expect(gated(open)).toBe(true);
    const closed = load(page);
    fill(closed.querySelector('news-story')!.attachShadow({ mode: 'closed' }), article);
    expect(gated(closed)).toBe(false);
  });

  it('is not taken from an editable host', () => {
    const { page, article } = split('article-tag.html');
    const doc = load(page);
    const host = doc.querySelector('news-story')!;
    host.setAttribute('contenteditable', 'true');
    fill(host.attachShadow({ mode: 'open' }), article);
    expect(locateArticle(doc).article).toBeNull();
  });

  it('is not looked for on a page with long text of its own (scripts and styles do not count)', () => {
    const { page, article } = split('article-tag.html');
    const doc = load(page);
    fill(doc.querySelector('news-story')!.attachShadow({ mode: 'open' }), article);
    // Long text the gate does not take for an article: one list item per line, as in a manual or an index.
    const list = doc.createElement('ul');
    doc.body.append(list);
    const script = doc.createElement('script');
    script.textContent = 'x'.repeat(MAX_LIGHT_TEXT);
    doc.body.append(script);
    const item = 'A line of a long manual, with no article around it. ';
    const lightText = () => doc.body.textContent!.length - script.textContent!.length;
    while (lightText() < MAX_LIGHT_TEXT - 2 * item.length) list.append(Object.assign(doc.createElement('li'), { textContent: item }));
    expect(locateArticle(doc).diagnostics).toMatchObject({ inShadowRoot: true });
    list.append(Object.assign(doc.createElement('li'), { textContent: item }), Object.assign(doc.createElement('li'), { textContent: item }));
    expect(locateArticle(doc)).toMatchObject({ article: null, diagnostics: { shadowRoots: 0, inShadowRoot: false } });
  });

  it('measures the light text as the text of the body\'s elements less the scripts and styles in and among them', () => {
    const build = (extra: number) => {
      const doc = load('<body></body>');
      const nested = doc.createElement('div');
      nested.append('n'.repeat(5000), Object.assign(doc.createElement('script'), { textContent: 's'.repeat(9000) }));
      doc.body.append(
        nested,
        Object.assign(doc.createElement('script'), { textContent: 'x'.repeat(MAX_LIGHT_TEXT) }),
        Object.assign(doc.createElement('style'), { textContent: 'p{}'.repeat(3000) }),
        doc.createComment('c'.repeat(MAX_LIGHT_TEXT)),
        'white space or text directly in the body: not counted '.repeat(500),
        Object.assign(doc.createElement('p'), { textContent: 'p'.repeat(MAX_LIGHT_TEXT - 5000 - 1 + extra) }),
      );
      return doc.body;
    };
    expect(hasMuchLightText(build(0))).toBe(false);
    expect(hasMuchLightText(build(1))).toBe(true);
  });

  it('is looked for within a bounded number of elements', () => {
    const doc = load('<body><div id="filler"></div><news-story></news-story></body>');
    const filler = doc.getElementById('filler')!;
    for (let i = 0; i < MAX_ELEMENTS_SCANNED; i++) filler.append(doc.createElement('span'));
    doc.querySelector('news-story')!.attachShadow({ mode: 'open' });
    // The host comes after the budget is spent: not looked at.
    expect(openShadowRoots(doc)).toEqual([]);
    filler.lastElementChild!.remove();
    filler.lastElementChild!.remove();
    expect(openShadowRoots(doc)).toHaveLength(1);
  });
});
