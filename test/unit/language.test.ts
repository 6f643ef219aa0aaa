// Language of an article: lang attribute subtags, stop-word detection on real text, and the pack chosen from both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packForArticle } from '../../src/core/builtin-packs';
import { detectLanguage, primaryLanguage } from '../../src/core/language';

const fixtures = new URL('../fixtures/', import.meta.url);
const german = readFileSync(new URL('de/strassenbahn.txt', fixtures), 'utf8');
/** The seed article's visible text, tags stripped: real English news prose with its navigation and boilerplate. */
const english = readFileSync(new URL('pages/seed-kazakhstan.html', fixtures), 'utf8')
  .replace(/<(script|style)[^]*?<\/\1>/gi, ' ')
  .replace(/<[^>]+>/g, ' ');

describe('primaryLanguage', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['EN_us', 'en'],
    [' en-GB ', 'en'],
    ['', undefined],
    [null, undefined],
    ['x', undefined],
    ['12-34', undefined],
  ])('%j -> %j', (tag, expected) => {
    expect(primaryLanguage(tag)).toBe(expected);
  });
});

describe('detectLanguage', () => {
  it('reads the German fixture article as German', () => {
    expect(detectLanguage(german)).toBe('de');
  });

  it('reads the English seed article as English', () => {
    expect(detectLanguage(english)).toBe('en');
  });

  it('reads a single German paragraph as German and a single English one as English', () => {
    expect(detectLanguage(german.split('\n')[1]!)).toBe('de');
    expect(detectLanguage('The council said on Tuesday that the new line would cost about 140 million euros and that it was needed for the growing districts of the town.')).toBe('en');
  });

  it('does not guess on a headline or on a language it has no stop words for', () => {
    expect(detectLanguage('Stadtrat streitet über neue Straßenbahnlinie')).toBeUndefined();
    expect(detectLanguage('Le conseil municipal a débattu mardi de la construction d’une nouvelle ligne de tramway vers le sud de la ville.')).toBeUndefined();
  });
});

describe('packForArticle', () => {
  it('takes the language the lang attribute names when we ship a pack for it', () => {
    expect(packForArticle('de-DE', 'too short')?.language).toBe('de');
    expect(packForArticle('en', german)?.language).toBe('en');
  });

  it('detects the language when there is no lang attribute, or one we have no pack for', () => {
    expect(packForArticle(null, german)?.language).toBe('de');
    expect(packForArticle('fr', german)?.language).toBe('de');
    expect(packForArticle(undefined, english)?.language).toBe('en');
  });

  it('gives no pack to a French article, and reads an undecidable text without lang as English', () => {
    expect(packForArticle('fr', 'Le conseil municipal a débattu mardi de la construction d’une nouvelle ligne.')).toBeUndefined();
    expect(packForArticle(null, 'Breaking')?.language).toBe('en');
  });
});
