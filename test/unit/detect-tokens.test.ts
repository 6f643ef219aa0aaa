// The tokenizer (offsets, shapes, sentence starts) and the quoted-speech scanner the matchers rely on.
import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../src/core/quotes';
import { tokenizeBlock, type Token } from '../../src/core/tokens';

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  tokenizeBlock(text, 0, text.length, 0, out);
  return out;
}

describe('tokenizeBlock', () => {
  it('keeps hyphenated names, inner apostrophes and dotted abbreviations as one word, with offsets', () => {
    const text = 'Kassym-Jomart’s U.S. allies don’t — “so-called” 21st';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Kassym-Jomart’s', 'U.S.', 'allies', 'don’t', '—', '“', 'so-called', '”', '21st']);
    expect(tokens[0]!.norm).toBe('kassym-jomart');
    expect(tokens[3]!.norm).toBe("don't");
  });

  it('keeps a domain name one word ("Snopes.com", "bbc.co.uk"), but not a sentence\'s full stop', () => {
    const text = 'Snopes.com, bbc.co.uk and version 5.3 now. Visit example.com. Then';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Snopes.com', ',', 'bbc.co.uk', 'and', 'version', '5.3', 'now', '.', 'Visit', 'example.com', '.', 'Then']);
    expect(tokens[0]!.shape).toBe('title');
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.norm)).toEqual(['snopes.com', 'visit', 'then']);
  });

  it('keeps a number one word with its separators ("5,000", "3.5", "12.000"), and the punctuation after it apart', () => {
    const text = 'It employs 5,000 people, up 3.5 percent; 12.000 Menschen, in 2019. Then 1, 2 and 3.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['It', 'employs', '5,000', 'people', ',', 'up', '3.5', 'percent', ';', '12.000', 'Menschen', ',', 'in', '2019', '.', 'Then', '1', ',', '2', 'and', '3', '.']);
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.norm)).toEqual(['it', 'then']);
  });

  it('records shapes for case rules', () => {
    expect(tokenize('mob Mob MOB McDonald RT I').map((t) => t.shape)).toEqual(['lower', 'title', 'upper', 'other', 'upper', 'title']);
  });

  it('marks sentence starts, but not after abbreviations or initials', () => {
    const tokens = tokenize('Mr. Smith met Dr. Jones. Then John F. Kennedy spoke. it rained');
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.norm)).toEqual(['mr', 'then']);
  });

  it('handles non-Latin scripts, combining marks and emoji', () => {
    const text = 'Café naïve שלום مرحبا 👍🏽 e\u0301t\u00e9';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Café', 'naïve', 'שלום', 'مرحبا', '👍', '🏽', 'e\u0301t\u00e9']);
  });
});

describe('findQuotes', () => {
  it.each([
    ['He said “yes, now” and left.', ['“yes, now”']],
    ['Er sagte „ja“ dazu.', ['„ja“']],
    ['Il a dit « oui » hier.', ['« oui »']],
    ['He said "yes" and "no".', ['"yes"', '"no"']],
    ['The ‘terrorists’ label stuck.', ['‘terrorists’']],
    ['Kazakhstan’s shops’ windows', []],
    ['“It continues to the end', ['“It continues to the end']],
    ['“Outer ‘inner’ still outer” after', ['“Outer ‘inner’ still outer”']],
  ])('%s', (text, expected) => {
    expect(findQuotes(text, 0, text.length).map((span) => text.slice(span.start, span.end))).toEqual(expected);
  });
});
