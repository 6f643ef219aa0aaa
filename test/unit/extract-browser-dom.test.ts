// @vitest-environment happy-dom
// The same extraction in a browser-like DOM (happy-dom): only standard APIs, same answers as under linkedom.
import { describe, expect, it } from 'vitest';
import { locateArticle } from '../../src/content/extract';
import { TextMap } from '../../src/content/text-map';
import { extractionFixture as load } from './browser-dom';

describe('findArticle in a browser-like DOM', () => {
  it('finds the same articles, on the fast path', () => {
    for (const name of ['article-tag.html', 'div-article.html', 'share-related.html', 'comments.html']) {
      const { article, diagnostics } = locateArticle(load(name));
      expect(article, name).not.toBeNull();
      expect(diagnostics.via, name).toBe('fast');
      const text = TextMap.build(article!.root, article!.skip).text;
      const replay = locateArticle(load(name), { fastPath: false }).article!;
      expect(text, name).toBe(TextMap.build(replay.root, replay.skip).text);
    }
  });

  it('leaves out share bars and comments', () => {
    const shared = locateArticle(load('share-related.html')).article!;
    expect(TextMap.build(shared.root, shared.skip).text).not.toContain('Share on Facebook');
    const commented = locateArticle(load('comments.html')).article!;
    expect(TextMap.build(commented.root, commented.skip).text).not.toContain('I took the sleeper');
  });

  it('says "no article" on a list page and on an editor', () => {
    expect(locateArticle(load('list-page.html')).article).toBeNull();
    expect(locateArticle(load('editable.html')).article).toBeNull();
  });
});
