// Views the text ascribes to someone without reporting a statement: "Tunisians worry that extremists …", "The Press
// Council is concerned the laws would crush …", "what many Tunisians saw as a failure …". Nothing was said, so there is
// no attribution; but the words after are the holders' view, so a loaded term there is theirs (quoted), not the text's.

import type { PhraseReader } from './attribution-phrases';
import type { TokenView } from './attribution-tokens';
import type { Span } from './quotes';

/** Whose view is the writer's own: "I think that", "we fear that" (an opinion piece speaking for itself). */
const FIRST_PERSON = new Set(['i', 'we', 'ich', 'wir']);
/** How far "as" may stand after a verb of seeing: "saw the move as", "viewed the new laws as". */
const MAX_WORDS_TO_AS = 6;

/** The spans of the sentences' views, each from the clause that holds the view to its sentence's end. */
export function viewSpans(view: TokenView, phrases: PhraseReader, skipBlock?: (block: number) => boolean): Span[] {
  const { tokens, lex, word, norm, sameSentence, inQuote, sentenceEndOffset, asAfter } = view;
  const spans: Span[] = [];
  /** Does the noun phrase ending at token k hold a view of its own: "Tunisians", "The Press Council", "they"? */
  const holder = (k: number): boolean => {
    const phrase = word(k) === undefined ? undefined : phrases.backwardPhrase(k);
    return phrase !== undefined && !FIRST_PERSON.has(norm(phrase.last));
  };
  /**
   * Where the view after the word at token i begins: at its clause ("worry that …", German "befürchten, dass …") or at
   * a determiner ("fear the mobs will …", "is concerned the laws would …"; not "is concerned about the laws").
   */
  const viewAfter = (i: number): number | undefined => {
    const next = norm(i + 1) === ',' ? i + 2 : i + 1;
    if (lex.viewComplementizers.has(norm(next)) && sameSentence(i, next)) return next;
    return lex.determiners.has(norm(i + 1)) && sameSentence(i, i + 1) ? i : undefined;
  };
  for (let i = 1; i < tokens.length; i++) {
    const token = word(i);
    if (token === undefined || token.shape !== 'lower') continue;
    const n = token.norm;
    if (!lex.viewVerbs.has(n) && !lex.viewAdjectives.has(n) && !lex.viewAsVerbs.has(n)) continue;
    if ((skipBlock?.(token.block) ?? false) || inQuote(i)) continue;
    let from: number | undefined;
    if (lex.viewVerbs.has(n) && holder(i - 1)) from = viewAfter(i);
    else if (lex.viewAdjectives.has(n) && lex.copulas.has(norm(i - 1)) && holder(i - 2)) from = viewAfter(i);
    // "Critics saw the move as a power grab", "what many Tunisians saw as a failure".
    else if (lex.viewAsVerbs.has(n) && holder(i - 1)) from = asAfter(i, MAX_WORDS_TO_AS);
    if (from !== undefined && from >= 0) spans.push({ start: tokens[from]!.end, end: sentenceEndOffset(from) });
  }
  return spans;
}
