// Finds an annotation's passage again in the article text from its W3C selectors, or says why it cannot.
import type { TextPosition, TextQuote } from './annotation';

export type Anchor =
  | { status: 'anchored'; start: number; end: number; method: 'position' | 'quote' }
  | { status: 'orphan'; reason: string };

/** How much of the stored prefix and suffix still surrounds a candidate: used to choose among repeated quotes. */
function contextScore(text: string, start: number, end: number, quote: TextQuote): number {
  let score = 0;
  for (let i = 1; i <= quote.prefix.length && text[start - i] === quote.prefix[quote.prefix.length - i]; i++) score++;
  for (let i = 0; i < quote.suffix.length && text[end + i] === quote.suffix[i]; i++) score++;
  return score;
}

/**
 * Exact fast path first: the stored position still holds the quote. Otherwise every exact occurrence of the quote is a
 * candidate, ranked by surrounding context, then by distance from the old position (text inserted above moves it).
 */
export function anchor(text: string, quote: TextQuote, position: TextPosition): Anchor {
  if (text.slice(position.start, position.end) === quote.exact) {
    return { status: 'anchored', start: position.start, end: position.end, method: 'position' };
  }
  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const score = contextScore(text, at, at + quote.exact.length, quote);
    const distance = Math.abs(at - position.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: at, score, distance };
  }
  if (best) return { status: 'anchored', start: best.start, end: best.start + quote.exact.length, method: 'quote' };
  return { status: 'orphan', reason: 'the quoted text is no longer in the article' };
}
