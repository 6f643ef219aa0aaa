// Finds who each claim is sourced to: reporting verbs, "according to", passive agents, quote speakers, and the source's type.

import { findingMessages, type Finding, type FindingMessages, type SourceSpan, type SourceType } from './findings';
import { lexiconFor } from './attribution-lexicon';
import { AGENT_PARTICIPLES, MAX_APPOSITION_WORDS, MAX_TIME_WORDS, MODALS, phraseReader } from './attribution-phrases';
import { MAX_NAME_WORDS, sourceTyper } from './attribution-sources';
import { QUOTE_CLOSERS, tokenView, type Phrase } from './attribution-tokens';
import { NEGATIVE_DETERMINERS, verbReader, type VerbAt } from './attribution-verbs';
import { wordTypes } from './attribution-words';
import type { CompiledAttributionRule, CompiledPack, CompiledVerb } from './pack';
import type { Span } from './quotes';
import { viewSpans } from './attribution-views';
import { lookupOutletRecord } from './sources';
import { isCapitalised, type Token } from './tokens';

/** How far after "described as" the agent's "by" may come ("described as “heartbreaking” by the department"). */
const MAX_AS_PHRASE_WORDS = 8;
/** Participles of saying whose subject is the sentence's: "…, saying", "…, while claiming". */
const PARTICIPLES = new Set(['saying', 'telling', 'adding', 'noting', 'arguing', 'insisting', 'warning', 'explaining', 'claiming', 'stating', 'declaring', 'writing']);
/** Verbs that make their subject a document's author: "issued a statement saying", "put out a video saying" (English). */
const ISSUING = new Set(['issued', 'issues', 'released', 'releases', 'published', 'publishes', 'posted', 'posts', 'sent', 'sends', 'put', 'puts', 'shared', 'shares', 'made', 'makes', 'filed', 'files']);
/** "In X's words": the nouns that make a possessive name a source. */
const WORDS_OF = new Set(['words', 'phrase']);
/** Modal verbs before a passive: what "can be claimed by" someone has not been claimed (English). */
const MODALS_BEFORE_PASSIVE = new Set([...MODALS, 'cannot']);
/** "said nothing", German "sagte nichts": no claim, where the word ends the clause or only says about what, to whom. */
const NOTHING = new Set(['nothing', 'nichts']);
const AFTER_NOTHING = new Set(['more', 'else', 'further', 'about', 'of', 'to', 'on', 'in', 'at', 'publicly', 'mehr', 'weiter', 'dazu', 'darüber', 'über', 'zu']);
/** Adverbs that stand alone between commas after a subject: "The company, however, said". */
const ADVERBIALS_BETWEEN_COMMAS = new Set(['however', 'meanwhile', 'though', 'instead', 'likewise', 'too']);
/**
 * How far the sentence's subject may sit from a participle of saying after a comma ("…, saying", "…, noting that"),
 * which speaks for it however long the clause between ("Lee also expressed concern about how … might affect relations
 * with the U.S., noting that").
 */
const MAX_PARTICIPLE_SUBJECT_DISTANCE = 30;

export interface AttributionResult {
  findings: Finding[];
  /** Indirect speech: the claim an attribution reports ("He stated that …"), for the loaded-term matcher. */
  reported: Span[];
}

/** A verb's subject found before it, and how: after an apposition, in a relative clause, behind an anonymity phrase. */
interface Subject {
  source: Phrase;
  apposition?: Phrase;
  anonymous: boolean;
  ruleName: string;
}

function subject(source: Phrase | undefined, how: Partial<Omit<Subject, 'source'>> = {}): Subject | undefined {
  return source === undefined ? undefined : { anonymous: false, ruleName: 'reporting-verb', ...how, source };
}

/** Longest quoted outlet name looked up: „Frankfurter Allgemeine Sonntagszeitung“ fits. */
const MAX_QUOTED_NAME = 60;

/**
 * An outlet's name in quotation marks is a name, not a quotation: German typography quotes the names of papers
 * (der „Spiegel“ berichtet, laut „Bild“). Such quotes are dropped, with their marks, so the name joins the phrase
 * around it. Offsets are unchanged: findings still cover the text as written.
 */
function unquoteOutletNames(text: string, tokens: readonly Token[], quotes: readonly Span[], pack: CompiledPack): { tokens: readonly Token[]; quotes: readonly Span[] } {
  const names = quotes.filter(
    (quote) => quote.end - quote.start <= MAX_QUOTED_NAME + 2 && lookupOutletRecord(text.slice(quote.start + 1, quote.end - 1), pack) !== undefined,
  );
  if (names.length === 0) return { tokens, quotes };
  const opening = new Set(names.map((quote) => quote.start));
  const closing = new Set(names.map((quote) => quote.end - 1));
  const kept: Token[] = [];
  let openedAt = -1;
  for (const token of tokens) {
    // The name's first and last words take the marks, so a source or finding that is the name includes them.
    if (!token.word && opening.has(token.start)) openedAt = token.start;
    else if (!token.word && closing.has(token.start) && kept.length > 0) kept[kept.length - 1] = { ...kept[kept.length - 1]!, end: token.end };
    else if (openedAt >= 0) {
      kept.push({ ...token, start: openedAt });
      openedAt = -1;
    } else kept.push(token);
  }
  return { tokens: kept, quotes: quotes.filter((quote) => !names.includes(quote)) };
}

/**
 * Attribution findings over the article's tokens. `quotes` are the quoted spans (a reporting verb inside a
 * quotation is the speaker's own word, not an attribution by the author); `skipBlock` leaves out boilerplate.
 */
export function findAttributions(
  text: string,
  allTokens: readonly Token[],
  allQuotes: readonly Span[],
  pack: CompiledPack,
  skipBlock?: (block: number) => boolean,
): AttributionResult {
  const { tokens, quotes } = unquoteOutletNames(text, allTokens, allQuotes, pack);
  const lex = lexiconFor(pack);
  const { rules, sourceTypes, sourceTypeMessages, anonymityPhrases } = pack.attribution;
  /** The finding's message keys, when both the rule and the source type's note are our own data. */
  const messagesOf = (rule: CompiledAttributionRule, type: SourceType): { messages?: FindingMessages } => {
    const note = sourceTypes[type] ? sourceTypeMessages?.[type] : undefined;
    if (rule.whyMessage === undefined || (sourceTypes[type] && note === undefined)) return {};
    return { messages: findingMessages(note ? [rule.whyMessage, note] : [rule.whyMessage], rule.alternativeMessage, undefined, rule.textLanguage) };
  };
  const findings: Finding[] = [];
  const reported: Span[] = [];
  const view = tokenView(text, tokens, quotes, lex, pack);
  const { verbs } = lex;
  const { firstOf, lastOf, sameSentence, word, norm, isName, isNounish, opensClause, isPlainWord, commonNoun, inQuote, endsQuote, quoteBefore, nameDot, isTimeWord, sentenceEndOffset, endsSentence } = view;
  const words = wordTypes(view);
  const phrases = phraseReader(view, words, anonymityPhrases);
  const { forwardPhrase, backwardPhrase, ellipticAfter, restrictiveRelative, anonymityForward, anonymityBackward, anonymityBefore, trailingApposition, verbInSecondPlace, documentParticipleBefore, verbFinalSubject, sentenceSubject } = phrases;
  const { classify, remember } = sourceTyper(view, words, phrases, pack, skipBlock);
  const { reportingVerbAt, beforeVerb, mayReport } = verbReader(view, phrases);

  /**
   * After the verb, a medium after an article that may be a dative is who was told, not whose: "sagte der Minister der
   * Zeitung" ends the source at "der Minister"; "sagte ein Sprecher des Senders" (genitive) does not end.
   */
  const beforeListener = (phrase: Phrase | undefined): Phrase | undefined => {
    if (phrase === undefined || lex.listenerArticles.size === 0) return phrase;
    for (let j = phrase.first + 1; j < phrase.last; j++) {
      if (lex.listenerArticles.has(norm(j)) && namesMedium({ first: j, last: phrase.last })) return { first: phrase.first, last: j - 1 };
    }
    return phrase;
  };
  /** Does the phrase ending at token k, which opens its sentence, name a medium: "Der Zeitung", "Dem Spiegel"? */
  const toldMedium = (k: number): boolean => {
    const phrase = backwardPhrase(k);
    return phrase !== undefined && phrase.first === firstOf(k) && namesMedium(phrase);
  };
  /** Is the phrase an outlet, a wire service or state media? */
  const namesMedium = (phrase: Phrase): boolean => {
    const type = classify(phrase, undefined, false).type;
    return type === 'news-outlet' || type === 'wire-service' || type === 'state-affiliated';
  };

  const emitted = new Set<string>();
  const emit = (
    ruleName: string,
    cueFirst: number,
    cueLast: number,
    source: Phrase,
    apposition: Phrase | undefined,
    anonymous: boolean,
  ): boolean => {
    const rule = rules[ruleName];
    if (rule === undefined) return false;
    // "…, an official said, speaking on condition of anonymity": a marker just after the cue.
    let anon = anonymous;
    for (let j = cueLast + 1; !anon && j <= cueLast + 3 && sameSentence(cueLast, j); j++) if (anonymityForward(j) >= 0) anon = true;
    // "Speaking on condition of anonymity, a senior official said": the marker opens the sentence.
    const opening = firstOf(Math.min(cueFirst, source.first));
    if (!anon && opening < source.first && anonymityForward(opening) >= 0) anon = true;
    const sourceStart = tokens[source.first]!.start;
    const sourceEnd = tokens[source.last]!.end;
    // One attribution per mention of a source: "said the officials, who added that …" is one.
    const key = `${sourceStart}:${sourceEnd}`;
    if (emitted.has(key)) return false;
    emitted.add(key);
    const typed = classify(source, apposition, anon);
    const start = tokens[cueFirst]!.start;
    const end = tokens[cueLast]!.end;
    const span: SourceSpan = { text: text.slice(sourceStart, sourceEnd), start: sourceStart, end: sourceEnd, type: typed.type };
    if (typed.outlet !== undefined) span.outlet = typed.outlet;
    if (typed.antecedent !== undefined) {
      span.antecedent = { text: text.slice(typed.antecedent.start, typed.antecedent.end), start: typed.antecedent.start, end: typed.antecedent.end };
    }
    findings.push({
      kind: 'attribution',
      start,
      end,
      text: text.slice(start, end),
      ruleId: rule.ruleId,
      why: `${rule.why} ${sourceTypes[typed.type] ?? ''}`.trim(),
      alternative: rule.alternative,
      category: typed.type,
      source: span,
      ...messagesOf(rule, typed.type),
    });
    remember(source, typed, cueFirst, cueLast);
    return true;
  };

  /** Marks the claim an attribution reports as indirect speech, for the loaded-term matcher. */
  const markReported = (cueFirst: number, cueLast: number, verb: number) => {
    const after = verb + 1;
    if (verb >= 0 && tokens[after] !== undefined && sameSentence(verb, after)) {
      if (word(after) !== undefined && norm(after) === 'that') {
        reported.push({ start: tokens[after]!.start, end: sentenceEndOffset(after) });
        return;
      }
      if (norm(after) === ':') {
        reported.push({ start: tokens[after]!.end, end: sentenceEndOffset(after) });
        return;
      }
      // German reports speech in a clause after a comma: "Kritiker sagen, das Gesetz sei ein Debakel."
      if (norm(after) === ',' && lex.verbSecondOpeners.size > 0) {
        reported.push({ start: tokens[after]!.end, end: sentenceEndOffset(after) });
        return;
      }
      // English may drop the "that": "Analysts said good relations could end the brutal tactics"; after "As X
      // suggested," the rest is the speaker's too.
      if (lex.verbSecondOpeners.size === 0 && !endsSentence(verb)) {
        reported.push({ start: tokens[verb]!.end, end: sentenceEndOffset(after) });
        return;
      }
    }
    if (endsSentence(cueLast) && norm(cueFirst - 1) === ',' && cueFirst - 1 > firstOf(cueFirst)) {
      reported.push({ start: tokens[firstOf(cueFirst)]!.start, end: tokens[cueFirst - 1]!.start });
    }
  };

  /**
   * Where "quoted" stands before "as saying", whose last word before "as" is token j: "was quoted as saying", or "was
   * quoted by the Times as saying" (then `by` is the agent's "by").
   */
  const quotedBefore = (j: number): { at: number; by?: number } | undefined => {
    if (norm(j) === 'quoted') return { at: j };
    for (let by = j - 1; by > j - MAX_AS_PHRASE_WORDS && sameSentence(by, j); by--) {
      if (norm(by) === 'by' && norm(by - 1) === 'quoted' && word(by) !== undefined) return { at: by - 1, by };
    }
    return undefined;
  };

  /** "In Dr. Shadlen's words, …", "(in economist Tyler Cowen's phrase)": a quotation sourced without a verb. */
  const wordsOfCue = (i: number): number => {
    const owner = tokens[i - 1];
    if (owner === undefined || !owner.word || !/['’]s$/.test(text.slice(owner.start, owner.end)) || !isName(i - 1)) return i;
    const phrase = backwardPhrase(i - 1);
    if (phrase === undefined) return i;
    // "in libertarian economist Tyler Cowen's phrase": up to two plain words between "in" and the phrase.
    let inAt = phrase.first - 1;
    while (inAt >= phrase.first - 3 && isPlainWord(inAt)) inAt--;
    if (norm(inAt) !== 'in' || word(inAt) === undefined || !sameSentence(inAt, i)) return i;
    const source = { first: inAt + 1, last: phrase.last };
    if (emit('according-to', inAt, i, source, undefined, false)) markReported(inAt, i, -1);
    return i;
  };

  /**
   * "issued a statement saying", "put out a joint statement saying": the sentence's subject wrote the document. (One
   * who "received a letter saying" did not, so the verb before the document must be one of issuing.)
   */
  const issuedDocumentBefore = (i: number): boolean => {
    if (word(i - 1) === undefined || !lex.documents.has(norm(i - 1))) return false;
    for (let j = i - 2; j >= Math.max(firstOf(i), i - 5) && word(j) !== undefined; j--) if (ISSUING.has(norm(j))) return true;
    return false;
  };

  /** "…, saying …", "…, while claiming …" and "was quoted as saying": the participle's subject is the sentence's subject. */
  const participleCue = (i: number): number => {
    let source: Phrase | undefined;
    const quoted = tokens[i]!.norm === 'saying' && norm(i - 1) === 'as' ? quotedBefore(i - 2) : undefined;
    if (quoted !== undefined) {
      let k = quoted.at - 1;
      while (k >= firstOf(i) && word(k) !== undefined && (lex.passive.has(norm(k)) || lex.skip.has(norm(k)))) k--;
      if (k < quoted.at - 1) source = backwardPhrase(k);
    } else if (norm(i - 1) === ',' || (norm(i - 1) === 'while' && norm(i - 2) === ',') || issuedDocumentBefore(i)) {
      source = sentenceSubject(i, MAX_PARTICIPLE_SUBJECT_DISTANCE);
    }
    if (source !== undefined && !NEGATIVE_DETERMINERS.has(norm(source.first - 1))) {
      if (emit('reporting-verb', i, i, source, undefined, false)) markReported(i, i, i);
    }
    if (quoted === undefined) return i;
    // Whoever did the quoting is a source too: "… was quoted by the Times as saying", "… was quoted as saying late
    // Thursday by the Interfax news agency".
    let by = quoted.by ?? i + 1;
    if (quoted.by === undefined) while (by <= i + MAX_TIME_WORDS && (isTimeWord(by) || (word(by) !== undefined && lex.skip.has(norm(by))))) by++;
    const agent = norm(by) === 'by' && word(by) !== undefined && sameSentence(i, by) ? forwardPhrase(by + 1) : undefined;
    if (agent !== undefined && (quoted.by === undefined || agent.last === i - 2) && emit('passive-agent', by, agent.last, agent, undefined, false)) {
      markReported(by, agent.last, -1);
      if (quoted.by === undefined) return agent.last;
    }
    return i;
  };

  /** "X zufolge" (German): the source comes before its cue. */
  const postpositionCue = (i: number): number => {
    const source = backwardPhrase(i - 1);
    if (source !== undefined && sameSentence(source.first, i) && emit('according-to', i, i, source, undefined, false)) markReported(i, i, -1);
    return i;
  };

  /** Is token i a preposition before a compound that ends in its noun: "nach Polizeiangaben" (German)? */
  const beforeSourceCompound = (i: number): boolean => {
    const compound = word(i + 1);
    const start = norm(i);
    return compound !== undefined && isCapitalised(compound) && sameSentence(i, i + 1) && lex.compoundPrepositions.some(([opener, noun]) => opener === start && compound.norm.length > noun.length + 2 && compound.norm.endsWith(noun));
  };
  /** "nach Polizeiangaben": the source is the first part of the compound. */
  const compoundCue = (i: number): number => {
    const source = { first: i + 1, last: i + 1 };
    if (emit('according-to', i, i + 1, source, undefined, false)) markReported(i, i + 1, -1);
    return i + 1;
  };

  /** "according to X" (and "According to X, …"; "laut X" in German), whose words `preposition` start at token i. */
  const prepositionCue = (i: number, preposition: readonly string[]): number => {
    // "according to him": an object pronoun alone (not "according to her lawyer").
    const after = i + preposition.length;
    // A preposition of one word names a source in English only in lower case (or opening the sentence), before a
    // determiner or a name: "per the ministry", "per Reuters"; "per person" is a rate, "Beats Per Minute" a title.
    // (German writes its nouns with a capital: „laut übereinstimmenden Berichten“.)
    if (preposition.length === 1 && !lex.capitalisedNouns) {
      if (tokens[i]!.shape !== 'lower' && i !== firstOf(i)) return i;
      if (word(after)?.shape === 'lower' && !lex.determiners.has(norm(after)) && !lex.indefinite.has(norm(after))) return i;
    }
    const objectPronoun = lex.objectPronouns.has(norm(after)) && word(after) !== undefined && sameSentence(i, after) && !isNounish(after + 1);
    let phrase = objectPronoun ? { first: after, last: after } : forwardPhrase(after);
    // "according to fan site MakingStarWars.net", "according to answers posted on Quora": common words the lists
    // do not know, before a name within a few words, up to a comma or a relative clause.
    if (phrase === undefined) {
      let nameLast = -1;
      for (let j = after; j < after + 5 && sameSentence(i, j) && word(j) !== undefined; j++) {
        if (lex.relatives.has(norm(j)) || norm(j) === 'that') break;
        if (isName(j)) nameLast = j;
        else if (nameLast >= 0) break;
      }
      if (nameLast >= 0) phrase = { first: after, last: nameLast };
    }
    if (phrase === undefined) return i;
    let source = phrase;
    let anonymous = false;
    const bridge = anonymityForward(phrase.last + 1);
    if (bridge >= 0) {
      anonymous = true;
      const target = norm(bridge) === 'to' || norm(bridge) === 'of' ? forwardPhrase(bridge + 1) : undefined;
      source = { first: phrase.first, last: target?.last ?? bridge };
    }
    if (emit('according-to', i, source.last, source, undefined, anonymous)) {
      const comma = source.last + 1;
      if (i === firstOf(i) && norm(comma) === ',' && sameSentence(i, comma)) {
        reported.push({ start: tokens[comma]!.end, end: sentenceEndOffset(comma) });
      } else {
        markReported(i, source.last, -1);
      }
    }
    return source.last;
  };

  /** "was first announced by the office of …", "it was confirmed by Kremlin spokesman Dmitry Peskov". */
  const passiveAgentCue = (i: number): number => {
    let by = i + 1;
    while (word(by) !== undefined && lex.skip.has(norm(by))) by++;
    // "has been described as “heartbreaking” by the department": a short "as" phrase before the agent.
    if (norm(by) === 'as') {
      const limit = Math.min(lastOf(i), by + MAX_AS_PHRASE_WORDS);
      for (let j = by + 1; j <= limit; j++) {
        if (norm(j) === 'by' && word(j) !== undefined && !inQuote(j)) {
          by = j;
          break;
        }
      }
    }
    if (norm(by) !== 'by' || !sameSentence(i, by)) return i;
    const phrase = forwardPhrase(by + 1);
    if (phrase === undefined) return i;
    const bridge = anonymityForward(phrase.last + 1);
    const anonymous = bridge >= 0;
    const source = anonymous ? { first: phrase.first, last: bridge } : phrase;
    if (emit('passive-agent', i, source.last, source, undefined, anonymous)) markReported(i, source.last, i);
    return source.last;
  };

  /**
   * The source after its verb, for the verb at i..verbLast whose words before end at k: "…,” said Peskov.", "…, says
   * president David Weisbrot.", German "Am Montag sagte der Minister" (`verbSecond`), "Der Zeitung sagte er". The last
   * token read, or undefined where the verb is not inverted.
   */
  const invertedCue = (i: number, verb: CompiledVerb, k: number, { verbLast, particleAt }: VerbAt, verbSecond: boolean): number | undefined => {
    // Never for "told": "…, told Reuters" names the listener, not the speaker.
    const afterComma = k === i - 1 && verb.base !== 'tell' && verb.base !== 'call' && (norm(i - 1) === ',' || quoteBefore(i) || endsQuote(i - 1));
    // "Der Zeitung sagte er, …": a medium before the verb is who was told; the pronoun after it is who spoke.
    const pronoun = word(verbLast + 1) !== undefined && lex.invertedPronouns.has(norm(verbLast + 1)) && sameSentence(i, verbLast + 1);
    const toMedium = lex.verbSecondOpeners.size > 0 && k >= firstOf(i) && pronoun && toldMedium(k);
    if (!afterComma && !verbSecond && !toMedium) return undefined;
    // "…, hieß es von der Polizei", "hieß es aus dem Ministerium": the source after a preposition of origin.
    const origin = word(verbLast + 1) !== undefined && lex.originPrepositions.has(norm(verbLast + 1)) && sameSentence(i, verbLast + 2);
    const elliptic = pronoun || origin ? undefined : ellipticAfter(i, verbLast);
    const phrase = pronoun ? { first: verbLast + 1, last: verbLast + 1 } : (elliptic ?? beforeListener(forwardPhrase(origin ? verbLast + 2 : verbLast + 1)));
    if (phrase === undefined || (!pronoun && lex.pronouns.has(norm(phrase.first)))) return undefined;
    const after = phrase.last + 1;
    const closes =
      endsSentence(phrase.last) ||
      norm(after) === ',' ||
      lex.relatives.has(norm(after)) ||
      after === particleAt ||
      tokens[after]?.block !== tokens[i]!.block ||
      (word(after) !== undefined && (lex.connectors.has(norm(after)) || lex.afterInvertedSource.has(norm(after))));
    const head = norm(phrase.first);
    const opens = pronoun || elliptic !== undefined || isName(phrase.first) || lex.determiners.has(head) || lex.indefinite.has(head) || lex.agents.has(head) || lex.modifiers.has(head) || lex.personTitles.has(head);
    if (!closes || !opens) return undefined;
    const rule = quoteBefore(i) || endsQuote(i - 1) ? 'quote-speaker' : 'inverted-verb';
    if (emit(rule, i, phrase.last, phrase, isName(phrase.last) ? trailingApposition(phrase.last) : undefined, false)) markReported(i, phrase.last, -1);
    return phrase.last;
  };

  /**
   * The subject set off by commas before the verb, whose words before end at the comma k: "Dmitry Peskov, the Kremlin
   * spokesman, said", "Smith, who chairs the committee, said", "Ms. Smith, 45, said", "her mother, Fiona, said".
   */
  const subjectBeforeComma = (k: number): Subject | undefined => {
    let comma = -1;
    for (let c = k - 1; c >= Math.max(firstOf(k), k - MAX_APPOSITION_WORDS); c--) {
      if (norm(c) === ',') {
        comma = c;
        break;
      }
      if (!tokens[c]!.word && !QUOTE_CLOSERS.has(norm(c)) && !nameDot(c)) break;
    }
    if (comma < 0 || comma + 1 >= k) return undefined;
    const opener = norm(comma + 1);
    // "Ms. Smith, 45, said": an age between commas.
    const age = comma + 2 === k && /^\d{1,3}$/.test(opener);
    let words = 0;
    for (let n = comma + 1; n < k; n++) if (word(n) !== undefined) words++;
    let namesOnly = !age && words <= MAX_NAME_WORDS;
    for (let n = comma + 1; namesOnly && n < k; n++) namesOnly = isName(n) || nameDot(n);
    if (age) return subject(backwardPhrase(comma - 1));
    if (namesOnly) {
      // "her mother, Fiona, said": a name in apposition to a common noun. But "In London, Smith said": the
      // name is the subject after an introductory phrase.
      const before = backwardPhrase(comma - 1);
      if (before !== undefined && commonNoun(before.last)) return subject(before, { apposition: { first: comma + 1, last: k - 1 } });
      return subject({ first: comma + 1, last: k - 1 });
    }
    // "The governor, speaking at a news conference, said", "The study, published in Nature, found": a participle's
    // clause says what the source did, not what it is.
    const participle = word(comma + 1)?.shape === 'lower' && (AGENT_PARTICIPLES.has(opener) || lex.participleEndings.some((ending) => opener.length > ending.length + 2 && opener.endsWith(ending)));
    // "Microsoft, in a statement, said", "The company, however, said": an adverbial says how or when, not who.
    const adverbial = word(comma + 1)?.shape === 'lower' && (lex.connectors.has(opener) || lex.timeLead.has(opener) || lex.skip.has(opener) || ADVERBIALS_BETWEEN_COMMAS.has(opener));
    if (!(participle || adverbial || lex.relatives.has(opener) || lex.determiners.has(opener) || lex.indefinite.has(opener) || lex.agents.has(opener) || lex.modifiers.has(opener))) return undefined;
    // "John Smith, a spokesman for the ministry, which oversees the program, said": the relative clause describes the
    // body in an apposition before it, and the subject is whom that apposition describes.
    if (lex.relatives.has(opener)) {
      const outer = subjectBeforeComma(comma);
      if (outer?.apposition !== undefined && opensClause(outer.source.first)) return outer;
    }
    // "Smith, 45, a teacher, said": the age between the name and the apposition.
    const aged = /^\d{1,3}$/.test(norm(comma - 1)) && norm(comma - 2) === ',';
    const source = backwardPhrase(aged ? comma - 3 : comma - 1);
    if (source === undefined || lex.pronouns.has(norm(source.last))) return undefined;
    return subject(source, {
      ...(!participle && !adverbial && { apposition: { first: comma + 1, last: k - 1 } }),
      ...(lex.relatives.has(opener) && { ruleName: 'relative-clause' }),
      // "The official, who spoke on condition of anonymity, said".
      anonymous: anonymityForward(comma + 1) >= 0,
    });
  };

  /** The subject that ends at token k, just before the verb at i (and any adverbs or auxiliaries between). */
  const subjectBefore = (i: number, k: number): Subject | undefined => {
    // German "Der Sprecher lehnte eine Stellungnahme ab, bestätigte aber die Festnahmen": a second verb of the subject.
    if (norm(k) === ',' && k === i - 1 && lex.secondVerbMarkers.has(norm(i + 1))) return subject(sentenceSubject(i));
    if (norm(k) === ',') return subjectBeforeComma(k);
    if (lex.relatives.has(norm(k)) && norm(k - 1) === ',') return subject(backwardPhrase(k - 2), { ruleName: 'relative-clause' });
    // A restrictive relative: "an article by New York magazine that claimed …".
    if (norm(k) === 'that' && word(k) !== undefined && isNounish(k - 1) && !lex.pronouns.has(norm(k - 1))) return subject(backwardPhrase(k - 1), { ruleName: 'relative-clause' });
    // A second verb of the subject: "Josh Earnest condemned the attack and said …", "declined to comment but said".
    if ((norm(k) === 'and' || norm(k) === 'but') && word(k) !== undefined) return subject(sentenceSubject(i));
    // "Wie die Regierung die Vorwürfe zurückwies": the subject opens the clause, an object may stand before the verb.
    const verbFinal = verbFinalSubject(k);
    if (verbFinal !== undefined) return subject(verbFinal);
    const anonStart = anonymityBefore(k);
    if (anonStart >= 0) {
      const phrase = backwardPhrase(anonStart - 1);
      return phrase === undefined ? undefined : subject({ first: phrase.first, last: k }, { anonymous: true });
    }
    // "Officials who spoke to Reuters said": the subject comes before the clause, not "Reuters".
    const relative = restrictiveRelative(k);
    if (relative >= 0) return subject(backwardPhrase(relative - 1));
    // "A study published in Nature found", "Data released on Friday showed": the document is the subject.
    const participle = documentParticipleBefore(k);
    if (participle >= 0) return subject(backwardPhrase(participle - 1));
    let source = backwardPhrase(k);
    // "reports seen by Reuters suggest": the phrase before the verb is the agent of a participle, not the
    // subject; the subject comes before the participle.
    if (source !== undefined && norm(source.first - 1) === 'by' && word(source.first - 1) !== undefined) {
      // "A report released Tuesday by the World Bank warned": time words may stand between.
      let participle = source.first - 2;
      while (participle > source.first - 2 - MAX_TIME_WORDS && isTimeWord(participle)) participle--;
      if (AGENT_PARTICIPLES.has(norm(participle))) {
        source = backwardPhrase(participle - 1);
      } else if (lex.documents.has(norm(source.first - 2)) && word(source.first - 2) !== undefined) {
        // "An investigation by the Times found": the document and its author are one source.
        const paper = backwardPhrase(source.first - 2);
        source = paper === undefined ? undefined : { first: paper.first, last: source.last };
      } else {
        return undefined;
      }
    }
    // "sources close to the Kremlin said": a bridge phrase before the phrase found so far.
    if (source !== undefined && source.first > firstOf(k)) {
      const bridgeStart = anonymityBackward(source.first - 1);
      const before = bridgeStart >= 0 ? backwardPhrase(bridgeStart - 1) : undefined;
      if (before !== undefined) return subject({ first: before.first, last: source.last }, { anonymous: true });
    }
    return subject(source);
  };

  /** A reporting verb at token i: its source after it (passive agent, inverted order) or before it. */
  const verbCue = (i: number, verb: CompiledVerb): number => {
    const at = reportingVerbAt(i, verb);
    if (at === undefined) return i;
    const { verbLast } = at;
    const { k, passive, negated } = beforeVerb(i);
    // "has not commented", "never said", "said nothing" (but "said nothing had changed" reports that): no claim.
    if (negated) return i;
    if (NOTHING.has(norm(verbLast + 1)) && (word(verbLast + 2) === undefined || AFTER_NOTHING.has(norm(verbLast + 2)))) return i;
    // "As first reported by Axios, …": the agent after "by" is the source, as in the passive.
    const asReportedBy = k >= firstOf(i) && norm(k) === 'as' && norm(i + 1) === 'by';
    // Evidence verbs are never reports in the passive: "was found dead", "was shown on television". Nor is a passive
    // after a modal: "the task can then be claimed by another worker", "it will be announced by the ministry".
    if (passive && MODALS_BEFORE_PASSIVE.has(norm(k))) return i;
    if (passive || asReportedBy) return verb.evidence ? i : passiveAgentCue(i);
    const verbSecond = verbInSecondPlace(i);
    const inverted = invertedCue(i, verb, k, at, verbSecond);
    if (inverted !== undefined) return inverted;
    // What opens a verb-second clause is an adverbial, never its subject: "Während der Sitzung sagte kaum jemand etwas".
    if (k < firstOf(i) || verbSecond) return i;
    const found = subjectBefore(i, k);
    if (found === undefined || !mayReport(found.source, verb, verbLast + 1)) return i;
    const { source, apposition, anonymous } = found;
    const ruleName = lex.pronouns.has(norm(source.last)) && (quoteBefore(source.first) || endsQuote(source.first - 1)) ? 'quote-speaker' : found.ruleName;
    if (emit(ruleName, source.first, verbLast, source, apposition, anonymous)) markReported(source.first, verbLast, verbLast);
    return i;
  };

  /** Reads the cue at token i, if it is one, and returns the last token it read: the scan goes on after it. */
  const cueAt = (i: number): number => {
    const token = tokens[i]!;
    if (WORDS_OF.has(token.norm)) return wordsOfCue(i);
    if (PARTICIPLES.has(token.norm)) return participleCue(i);
    if (lex.postpositions.has(token.norm) && token.shape === 'lower') return postpositionCue(i);
    if (beforeSourceCompound(i)) return compoundCue(i);
    const preposition = lex.prepositionStarts.has(token.norm) ? lex.prepositions.find((words) => words.every((w, n) => norm(i + n) === w && sameSentence(i, i + n))) : undefined;
    if (preposition !== undefined) return prepositionCue(i, preposition);
    const verb = token.shape === 'lower' ? verbs.get(token.norm) : undefined;
    return verb === undefined ? i : verbCue(i, verb);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // Cheap test first: almost every token is neither "according", a participle of saying, "words" nor a reporting verb.
    if (!token.word || (!lex.prepositionStarts.has(token.norm) && !lex.postpositions.has(token.norm) && !PARTICIPLES.has(token.norm) && !WORDS_OF.has(token.norm) && !verbs.has(token.norm))) continue;
    if ((skipBlock?.(token.block) ?? false) || inQuote(i)) continue;
    i = cueAt(i);
  }

  reported.push(...viewSpans(view, phrases, skipBlock));
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  reported.sort((a, b) => a.start - b.start || a.end - b.end);
  return { findings, reported: mergeSpans(reported) };
}

function mergeSpans(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    if (span.end <= span.start) continue;
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
