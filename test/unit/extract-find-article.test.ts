// Article finding on small hand-written pages (test/fixtures/extraction/), parsed with linkedom as the command-line
// analyser does: what is in the article text, what is left out, and "no article" where there is none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findArticle, locateArticle } from '../../src/content/extract';
import { TextMap } from '../../src/content/text-map';

const FIXTURES = join(__dirname, '../fixtures/extraction');

function load(name: string): Document {
  return parseHTML(readFileSync(join(FIXTURES, name), 'utf8')).document as unknown as Document;
}

function articleText(doc: Document, options: { fastPath?: boolean } = {}): string | null {
  const { article } = locateArticle(doc, options);
  return article ? TextMap.build(article.root, article.skip).text : null;
}

describe('findArticle', () => {
  it('finds the body of an <article> and leaves out navigation, asides and footer', () => {
    const doc = load('article-tag.html');
    const found = findArticle(doc);
    expect(found).not.toBeNull();
    expect(found!.title).toBe('River towns brace for a second flood crest');
    const text = TextMap.build(found!.root, found!.skip).text;
    expect(text).toContain('Residents of three river towns spent Sunday stacking sandbags');
    expect(text).toContain('the harvest in the low fields was probably lost for the season.');
    expect(text).not.toContain('Most read');
    expect(text).not.toContain('Council approves new bus routes');
    expect(text).not.toContain('All rights reserved');
    expect(text).not.toContain('Sport');
  });

  it('finds the article in plain <div>s, without the masthead or the sidebar', () => {
    const doc = load('div-article.html');
    const found = findArticle(doc)!;
    expect(found.title).toBe('How a small library became the heart of its town');
    const text = TextMap.build(found.root, found.skip).text;
    expect(text).toContain('When the last bank branch closed on the high street');
    expect(text).toContain('fix the roof before winter.');
    expect(text).not.toContain('Archive');
    expect(text).not.toContain('February');
  });

  it('says "no article" on a list of headlines', () => {
    const doc = load('list-page.html');
    expect(findArticle(doc)).toBeNull();
    expect(locateArticle(doc).diagnostics.outcome).toBe('not-readerable');
  });

  it('drops share buttons and related links inside the article', () => {
    const text = articleText(load('share-related.html'))!;
    expect(text).toContain('the first complete map of the streams');
    expect(text).toContain('whether some of them could be opened up again as parks.');
    expect(text).not.toContain('Share on Facebook');
    expect(text).not.toContain('Email');
    expect(text).not.toContain('Related');
    expect(text).not.toContain('The lost canals of the harbour district');
  });

  it('stops before the comments that follow the article', () => {
    const text = articleText(load('comments.html'))!;
    expect(text).toContain('a dozen new routes are selling out weeks in advance.');
    expect(text).toContain('need expensive refurbishment after decades in storage.');
    expect(text).not.toContain('42 comments');
    expect(text).not.toContain('I took the sleeper last month');
  });

  it('never takes what the reader is typing for an article', () => {
    const doc = load('editable.html');
    expect(findArticle(doc)).toBeNull();
  });

  it('leaves an editable region inside an article out of the text', () => {
    const page = readFileSync(join(FIXTURES, 'article-tag.html'), 'utf8').replace(
      '</article>',
      '<div class="reply" contenteditable="true"><p>My own half-written reply, which must stay private and untouched by anything that reads the page, even though it sits inside the article element itself.</p></div></article>',
    );
    const doc = parseHTML(page).document as unknown as Document;
    const text = articleText(doc)!;
    expect(text).toContain('Farmers on the flood plain');
    expect(text).not.toContain('half-written reply');
  });

  it('judges a short block by the text Readability sees, without the script inside it', () => {
    // An ad slot's label beside the script that fills it: Readability has removed the script when it reads the label.
    const slot = `<div class="slot"><div class="label">ADVERTISING</div><script>window.slot = ${JSON.stringify("x".repeat(20_000))};</script></div>`;
    const page = readFileSync(join(FIXTURES, 'article-tag.html'), 'utf8').replace('</article>', `${slot}</article>`);
    const doc = parseHTML(page).document as unknown as Document;
    const text = articleText(doc)!;
    expect(text).toContain('Farmers on the flood plain');
    expect(text).not.toContain('ADVERTISING');
    expect(text).toBe(articleText(parseHTML(page).document as unknown as Document, { fastPath: false }));
  });

  it('decides on the fast path, and agrees with the full replay of Readability', () => {
    for (const name of ['article-tag.html', 'div-article.html', 'share-related.html', 'comments.html']) {
      const { diagnostics } = locateArticle(load(name));
      expect(diagnostics.via, name).toBe('fast');
      expect(articleText(load(name)), name).toBe(articleText(load(name), { fastPath: false }));
    }
  });

  it('turns <br><br> runs into paragraphs as Readability does', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of an old-style page written with line breaks only, long enough to count as a paragraph of its own, with a comma, and a full stop.`);
    const page = `<html><head><title>Line breaks only, a test page</title></head><body><div id="nav"><a href="/">Home</a></div><div class="text">${lines.join('<br><br>\n')}</div></body></html>`;
    const doc = parseHTML(page).document as unknown as Document;
    const text = articleText(doc)!;
    for (const line of lines) expect(text).toContain(line);
    expect(text).not.toContain('Home');
  });

  it('returns null without a body or in a document being edited', () => {
    const doc = load('article-tag.html');
    (doc as unknown as { designMode: string }).designMode = 'on';
    expect(findArticle(doc)).toBeNull();
  });
});
