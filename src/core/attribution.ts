// Finds who each claim is sourced to: reporting verbs, "according to", passive agents, quote speakers, and the source's type.

import { findingMessages, type Finding, type FindingMessages, type SourceSpan, type SourceType } from './findings';
import { lexiconFor } from './attribution-lexicon';
import { AGENT_PARTICIPLES, MAX_APPOSITION_WORDS, MAX_TIME_WORDS, phraseReader } from './attribution-phrases';
import { COLLECTIVE_NOUNS, MAX_NAME_WORDS, sourceTyper } from './attribution-sources';
import { QUOTE_CLOSERS, QUOTE_OPENERS, SUBORDINATORS, tokenView, type Phrase } from './attribution-tokens';
import { wordTypes } from './attribution-words';
import type { CompiledAttributionRule, CompiledPack } from './pack';
import type { Span } from './quotes';
import { lookupOutletRecord } from './sources';
import { isCapitalised, type Token } from './tokens';

/** How far after a verb a quotation may open for a verb that needs one ("called the debt “the transcendent issue”"). */
const MAX_WORDS_TO_QUOTE = 12;
/** How far after "described as" the agent's "by" may come ("described as “heartbreaking” by the department"). */
const MAX_AS_PHRASE_WORDS = 8;
/** Auxiliaries that make the noun before them a clause's subject (with the passive auxiliaries: was, is, been …). */
const AUXILIARIES = new Set(['has', 'have', 'had', 'would', 'will', 'could', 'can', 'may', 'might', 'should', 'must', 'did', 'does']);
/** Words that open a reported clause after a verb form that is also a noun: "the company claims its …". */
const CLAUSE_OPENERS = new Set(['its', 'their', 'his', 'her', 'the', 'a', 'an', 'this', 'these', 'those', 'it', 'he', 'she', 'they', 'there', 'no']);
/** Participles of saying whose subject is the sentence's: "…, saying", "…, while claiming". */
const PARTICIPLES = new Set(['saying', 'telling', 'adding', 'noting', 'arguing', 'insisting', 'warning', 'explaining', 'claiming', 'stating', 'declaring', 'writing']);
/** "In X's words": the nouns that make a possessive name a source. */
const WORDS_OF = new Set(['words', 'phrase']);
/** How many words may name where something was written before "that": "wrote on his Facebook page that". */
const MAX_PLACE_WORDS = 5;
/** How many words the subject of an aside may have: "…, many climate scientists think." */
const MAX_ASIDE_SUBJECT_WORDS = 4;
/** Adverbs that stand alone between commas after a subject: "The company, however, said". */
const ADVERBIALS_BETWEEN_COMMAS = new Set(['however', 'meanwhile', 'though', 'instead', 'likewise', 'too']);
/**
 * How far the sentence's subject may sit from a participle of saying after a comma ("…, saying", "…, noting that"),
 * which speaks for it however long the clause between ("Lee also expressed concern about how … might affect relations
 * with the U.S., noting that").
 */
const MAX_PARTICIPLE_SUBJECT_DISTANCE = 30;
/** Subjects that deny there is a source: "no group claimed responsibility". */
const NEGATIVE_DETERMINERS = new Set(['no', 'none', 'nobody', 'neither']);
const STRONG_AFTER = new Set([':', '…', '...', '“', '"', '«', '—', '–']);
export interface AttributionResult {
  findings: Finding[];
  /** Indirect speech: the claim an attribution reports ("He stated that …"), for the loaded-term matcher. */
  reported: Span[];
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
  const { firstOf, lastOf, sameSentence, word, norm, isName, continuesName, isNounish, isPlainWord, commonNoun, inQuote, endsQuote, quoteBefore, nameDot, isTimeWord, sentenceEndOffset, endsSentence } = view;
  const words = wordTypes(view);
  const phrases = phraseReader(view, words, anonymityPhrases);
  const { forwardPhrase, backwardPhrase, ellipticAfter, restrictiveRelative, anonymityForward, anonymityBackward, anonymityBefore, phraseHead, trailingApposition, clauseLastWord, verbInSecondPlace, documentParticipleBefore, verbFinalSubject, sentenceSubject } = phrases;
  const { classify, remember } = sourceTyper(view, words, phrases, pack, skipBlock);

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
   * Does an excepted word follow, directly or after a determiner, a number, a name or one plain word ("claimed his
   * 14th French Open title", "tells the couple's story", "tell horror stories")? Stops at "that" and at anything that
   * is not a word.
   */
  const exceptAfter = (from: number, verbAt: number, except: readonly string[]): boolean => {
    // The excepted word is the object, unless a verb follows it and makes it a clause's subject: "claimed the town"
    // but "claimed the town was theirs", "confirmed the nominee had withdrawn".
    const object = (j: number) => except.includes(norm(j)) && !(word(j + 1) !== undefined && (lex.passive.has(norm(j + 1)) || AUXILIARIES.has(norm(j + 1))));
    for (let j = from; j < from + 5 && sameSentence(verbAt, j); j++) {
      const t = word(j);
      if (t === undefined || t.norm === 'that') return false;
      if (except.includes(t.norm)) return object(j);
      // An adverb hops too: "tells a slightly different story".
      const hop = lex.determiners.has(t.norm) || /^\d/.test(t.norm) || (j > from && isCapitalised(t)) || /['’]s$/.test(text.slice(t.start, t.end)) || (t.shape === 'lower' && t.norm.endsWith('ly'));
      // One plain word before the excepted one: "tell horror stories", "claimed the top prize".
      if (!hop) return isPlainWord(j) && object(j + 1) && sameSentence(verbAt, j + 1);
    }
    return false;
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

  /** A plural subject, for a verb's base form: "officials", "police", "data", "they". */
  const pluralNoun = (n: string): boolean => n.endsWith('s') || COLLECTIVE_NOUNS.has(n) || lex.pluralPronouns.has(n);

  /** Is there a comma within `limit` words before token i, with only words between? */
  const commaBefore = (i: number, limit: number): boolean => {
    for (let j = i - 1; j >= i - 1 - limit && sameSentence(j, i); j--) {
      if (norm(j) === ',') return j < i - 1;
      if (word(j) === undefined) return false;
    }
    return false;
  };

  /** Does "that" or a colon follow within `limit` words from token `from`, with nothing else but words between? */
  const thatWithin = (from: number, limit: number): boolean => {
    for (let j = from; j < from + limit && sameSentence(from, j); j++) {
      if (norm(j) === ':' || (norm(j) === 'that' && word(j) !== undefined)) return true;
      if (word(j) === undefined) return false;
    }
    return false;
  };

  /**
   * Does a quotation open within a few words after token v, in its sentence? With `ownClause`, only after the verb's
   * own words and at most a comma or colon ("reads “…”", "called the deficit “…”", "put it bluntly: “…”"), not in the
   * next clause: "It continued, and “nobody” knew".
   */
  const quoteOpensAfter = (v: number, ownClause = false): boolean => {
    const limit = Math.min(lastOf(v), v + MAX_WORDS_TO_QUOTE);
    for (let j = v + 1; j <= limit; j++) {
      const token = tokens[j]!;
      if (token.word) continue;
      const mark = text.slice(token.start, token.end);
      if (QUOTE_OPENERS.has(mark) && inQuote(j)) return true;
      if (ownClause && ((mark !== ',' && mark !== ':') || tokens[j + 1]?.word === true)) return false;
    }
    return false;
  };

  /** Does a quotation open right after token v, or after a comma or colon there ("asked: “…”")? */
  const quoteOpensNext = (v: number): boolean => {
    const at = norm(v + 1) === ',' || norm(v + 1) === ':' ? v + 2 : v + 1;
    const token = tokens[at];
    return token !== undefined && !token.word && sameSentence(v, at) && QUOTE_OPENERS.has(text.slice(token.start, token.end)) && inQuote(at);
  };

  /** Does a quotation close just before the verb ("“…,” continued Yoon") or before its short subject ("“…,” one user wrote")? */
  const quoteClosesBefore = (i: number): boolean => {
    // In the same paragraph: a reply's "He answered nothing." follows the question's paragraph.
    const closesAt = (at: number) => quoteBefore(at) && tokens[at - 1]?.block === tokens[i]!.block;
    if (closesAt(i)) return true;
    const subject = isNounish(i - 1) || lex.pronouns.has(norm(i - 1)) ? backwardPhrase(i - 1) : undefined;
    return subject !== undefined && i - 1 - subject.first < 4 && closesAt(subject.first);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // Cheap test first: almost every token is neither "according", a participle of saying, "words" nor a reporting verb.
    if (!token.word || (!lex.prepositionStarts.has(token.norm) && !lex.postpositions.has(token.norm) && !PARTICIPLES.has(token.norm) && !WORDS_OF.has(token.norm) && !verbs.has(token.norm))) continue;
    if ((skipBlock?.(token.block) ?? false) || inQuote(i)) continue;

    // "In Dr. Shadlen's words, …", "(in economist Tyler Cowen's phrase)": a quotation sourced without a verb.
    if (WORDS_OF.has(token.norm)) {
      const owner = tokens[i - 1];
      if (owner === undefined || !owner.word || !/['’]s$/.test(text.slice(owner.start, owner.end)) || !isName(i - 1)) continue;
      const phrase = backwardPhrase(i - 1);
      if (phrase === undefined) continue;
      // "in libertarian economist Tyler Cowen's phrase": up to two plain words between "in" and the phrase.
      let inAt = phrase.first - 1;
      while (inAt >= phrase.first - 3 && isPlainWord(inAt)) inAt--;
      if (norm(inAt) !== 'in' || word(inAt) === undefined || !sameSentence(inAt, i)) continue;
      const source = { first: inAt + 1, last: phrase.last };
      if (emit('according-to', inAt, i, source, undefined, false)) markReported(inAt, i, -1);
      continue;
    }

    // "…, saying …", "…, while claiming …" and "was quoted as saying": the participle's subject is the sentence's subject.
    if (PARTICIPLES.has(token.norm)) {
      let source: Phrase | undefined;
      const quoted = token.norm === 'saying' && norm(i - 1) === 'as' ? quotedBefore(i - 2) : undefined;
      if (quoted !== undefined) {
        let k = quoted.at - 1;
        while (k >= firstOf(i) && word(k) !== undefined && (lex.passive.has(norm(k)) || lex.skip.has(norm(k)))) k--;
        if (k < quoted.at - 1) source = backwardPhrase(k);
      } else if (norm(i - 1) === ',' || (norm(i - 1) === 'while' && norm(i - 2) === ',')) {
        source = sentenceSubject(i, MAX_PARTICIPLE_SUBJECT_DISTANCE);
      }
      if (source !== undefined && !NEGATIVE_DETERMINERS.has(norm(source.first - 1))) {
        if (emit('reporting-verb', i, i, source, undefined, false)) markReported(i, i, i);
      }
      // Whoever did the quoting is a source too: "… was quoted by the Times as saying", "… was quoted as saying late
      // Thursday by the Interfax news agency".
      if (quoted !== undefined) {
        let by = quoted.by ?? i + 1;
        if (quoted.by === undefined) while (by <= i + MAX_TIME_WORDS && (isTimeWord(by) || (word(by) !== undefined && lex.skip.has(norm(by))))) by++;
        const agent = norm(by) === 'by' && word(by) !== undefined && sameSentence(i, by) ? forwardPhrase(by + 1) : undefined;
        if (agent !== undefined && (quoted.by === undefined || agent.last === i - 2) && emit('passive-agent', by, agent.last, agent, undefined, false)) {
          markReported(by, agent.last, -1);
          if (quoted.by === undefined) i = agent.last;
        }
      }
      continue;
    }

    // "X zufolge" (German): the source comes before its cue.
    if (lex.postpositions.has(token.norm) && token.shape === 'lower') {
      const source = backwardPhrase(i - 1);
      if (source !== undefined && sameSentence(source.first, i) && emit('according-to', i, i, source, undefined, false)) markReported(i, i, -1);
      continue;
    }

    // "nach Polizeiangaben" (German): the source is the first part of a compound ending in the preposition's noun.
    const compound = word(i + 1);
    if (compound !== undefined && isCapitalised(compound) && sameSentence(i, i + 1) && lex.compoundPrepositions.some(([start, noun]) => start === token.norm && compound.norm.length > noun.length + 2 && compound.norm.endsWith(noun))) {
      const source = { first: i + 1, last: i + 1 };
      if (emit('according-to', i, i + 1, source, undefined, false)) markReported(i, i + 1, -1);
      i++;
      continue;
    }

    // "according to X" (and "According to X, …"; "laut X" in German)
    const preposition = lex.prepositionStarts.has(token.norm) ? lex.prepositions.find((words) => words.every((w, n) => norm(i + n) === w && sameSentence(i, i + n))) : undefined;
    if (preposition !== undefined) {
      // "according to him": an object pronoun alone (not "according to her lawyer").
      const after = i + preposition.length;
      const objectPronoun = lex.objectPronouns.has(norm(after)) && word(after) !== undefined && sameSentence(i, after) && !isNounish(after + 1);
      let phrase = objectPronoun ? { first: after, last: after } : forwardPhrase(after);
      // "according to fan site MakingStarWars.net", "according to answers posted on Quora": common words the lists
      // do not know, before a name within a few words, up to a comma or a relative clause.
      if (phrase === undefined) {
        const from = i + preposition.length;
        let nameLast = -1;
        for (let j = from; j < from + 5 && sameSentence(i, j) && word(j) !== undefined; j++) {
          if (lex.relatives.has(norm(j)) || norm(j) === 'that') break;
          if (isName(j)) nameLast = j;
          else if (nameLast >= 0) break;
        }
        if (nameLast >= 0) phrase = { first: from, last: nameLast };
      }
      if (phrase === undefined) continue;
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
      i = source.last;
      continue;
    }

    const verb = token.shape === 'lower' ? verbs.get(token.norm) : undefined;
    if (verb === undefined) continue;
    // A phrasal verb's particle must follow, and belongs to the cue: "pointed out". In German it may close the clause
    // instead: "teilte am Mittwoch mit, …", "Dies teilte das Ministerium mit."
    const particleNext = verb.particle !== undefined && norm(i + 1) === verb.particle && sameSentence(i, i + 1);
    // Only clause-final, so "kündigte seinen Job an der Uni" is no "ankündigen".
    const clauseLast = particleNext ? -1 : clauseLastWord(i);
    const particleAt = verb.particle === undefined ? -1 : particleNext ? i + 1 : clauseLast > i + 1 && norm(clauseLast) === verb.particle ? clauseLast : -1;
    if (verb.particle !== undefined && particleAt < 0) continue;
    // A particle closing the clause of a verb that has none makes another verb: "sagte den Termin ab" (cancelled),
    // "meldete im Juli Insolvenz an" (filed).
    if (verb.particle === undefined && lex.separableParticles.has(norm(clauseLast))) continue;
    // A word like the particle right after the verb, and another particle closing the clause, make another verb:
    // "gab zu viel Geld aus" (spent), not "gab zu" (admitted).
    if (particleNext && lex.separableParticles.size > 0) {
      const end = clauseLastWord(i);
      if (end > i + 1 && lex.separableParticles.has(norm(end))) continue;
    }
    const verbLast = particleNext ? i + 1 : i;
    const afterVerb = verbLast + 1;
    if (verb.exceptNext !== undefined && exceptAfter(afterVerb, i, verb.exceptNext)) continue;
    if (verb.needsQuote && !quoteOpensAfter(verbLast, true) && !quoteClosesBefore(i)) continue;
    if (verb.quoteTag && !quoteOpensNext(verbLast) && !quoteClosesBefore(i)) continue;
    // "Climate change is to blame too, scientists think, with …": a view set off after the claim, by a subject of a
    // few words after a comma.
    if (verb.aside && !((norm(afterVerb) === ',' || endsSentence(verbLast)) && commaBefore(i, MAX_ASIDE_SUBJECT_WORDS))) continue;

    if (verb.ambiguous) {
      const next = tokens[afterVerb];
      const nextText = next === undefined || next.block !== token.block ? '' : text.slice(next.start, next.end);
      // A name just before the verb ("de Miranda notes.", "Emery states, “…”") makes a verb of the ambiguous form too.
      const nameBefore = isName(i - 1) && !tokens[i - 1]!.sentenceStart;
      // So does an auxiliary: "TMZ has learned.", "as critics have noted."
      const perfect = norm(i - 1) === 'has' || norm(i - 1) === 'have' || norm(i - 1) === 'had';
      const weakOk = lex.pronouns.has(norm(i - 1)) || quoteBefore(i - 1) || quoteBefore(i) || nameBefore || perfect;
      const lowerNext = nextText.toLowerCase();
      // "the company claims its prices …": a noun or name before, a determiner or pronoun after.
      const subjectBefore = (commonNoun(i - 1) || nameBefore) && token.norm.endsWith('s');
      const clauseAfter = subjectBefore && word(afterVerb) !== undefined && CLAUSE_OPENERS.has(lowerNext);
      // "wrote on X that", "posted on Facebook:", "posted to Twitter asking if there were “…”": where, then what.
      const whereThenWhat = (lowerNext === 'on' || lowerNext === 'to') && (thatWithin(afterVerb + 1, MAX_PLACE_WORDS) || quoteOpensAfter(verbLast));
      const ok =
        nextText === '' ||
        lowerNext === 'that' ||
        lowerNext === 'in' ||
        STRONG_AFTER.has(nextText) ||
        ((nextText === ',' || nextText === '.') && weakOk) ||
        quoteClosesBefore(i) ||
        clauseAfter ||
        whereThenWhat;
      if (!ok) continue;
    }

    // Walk back over adverbs, auxiliaries and time phrases: "has also confirmed", "on Monday said".
    let k = i - 1;
    let passive = false;
    let negated = false;
    const floor = firstOf(i);
    while (k >= floor) {
      const t = word(k);
      if (t === undefined) break;
      if (t.norm === 'not' || t.norm === 'never' || t.norm.endsWith("n't")) negated = true;
      if (lex.passive.has(t.norm)) {
        passive = true;
        k--;
        continue;
      }
      if (lex.skip.has(t.norm) || (t.shape === 'lower' && t.norm.endsWith('ly') && !lex.agents.has(t.norm))) {
        k--;
        continue;
      }
      // "They both said", "Smith and Jones both said"; but in "Both said" the word is the subject.
      if (lex.floatingQuantifiers.has(t.norm) && k > floor && (isNounish(k - 1) || lex.pronouns.has(norm(k - 1)))) {
        k--;
        continue;
      }
      if ((lex.time.has(t.norm) && !(isCapitalised(t) && continuesName(k))) || (lex.timeLead.has(t.norm) && lex.time.has(norm(k + 1)))) {
        k--;
        continue;
      }
      const skipped = lex.skipPhrases.find((phrase) => phrase.every((w, n) => norm(k - phrase.length + 1 + n) === w && k - phrase.length + 1 >= floor));
      if (skipped !== undefined) {
        k -= skipped.length;
        continue;
      }
      break;
    }

    // "has not commented", "never said": no claim is attributed.
    if (negated) continue;
    // "As first reported by Axios, …": the agent after "by" is the source, as in the passive.
    if (!passive && k >= floor && norm(k) === 'as' && norm(i + 1) === 'by') passive = true;
    if (passive) {
      // "was first announced by the office of …", "it was confirmed by Kremlin spokesman Dmitry Peskov"
      // Evidence verbs are never reports in the passive: "was found dead", "was shown on television".
      if (verb.evidence) continue;
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
      if (norm(by) !== 'by' || !sameSentence(i, by)) continue;
      const phrase = forwardPhrase(by + 1);
      if (phrase === undefined) continue;
      const bridge = anonymityForward(phrase.last + 1);
      const anonymous = bridge >= 0;
      const source = anonymous ? { first: phrase.first, last: bridge } : phrase;
      if (emit('passive-agent', i, source.last, source, undefined, anonymous)) markReported(i, source.last, i);
      i = source.last;
      continue;
    }

    // Inverted order: "…,” said Peskov." / "The talks will start Monday, said Peskov." / "…, says president David
    // Weisbrot." Never for "told": "…, told Reuters" names the listener, not the speaker.
    const afterComma = k === i - 1 && verb.base !== 'tell' && verb.base !== 'call' && (norm(i - 1) === ',' || quoteBefore(i) || endsQuote(i - 1));
    const verbSecond = verbInSecondPlace(i);
    // "Der Zeitung sagte er, …": a medium before the verb is who was told; the pronoun after it is who spoke.
    const pronoun = word(verbLast + 1) !== undefined && lex.invertedPronouns.has(norm(verbLast + 1)) && sameSentence(i, verbLast + 1);
    const toMedium = lex.verbSecondOpeners.size > 0 && k >= floor && pronoun && toldMedium(k);
    if (afterComma || verbSecond || toMedium) {
      // "…, hieß es von der Polizei", "hieß es aus dem Ministerium": the source after a preposition of origin.
      const origin = word(verbLast + 1) !== undefined && lex.originPrepositions.has(norm(verbLast + 1)) && sameSentence(i, verbLast + 2);
      const elliptic = pronoun || origin ? undefined : ellipticAfter(i, verbLast);
      const phrase = pronoun ? { first: verbLast + 1, last: verbLast + 1 } : (elliptic ?? beforeListener(forwardPhrase(origin ? verbLast + 2 : verbLast + 1)));
      if (phrase !== undefined && (pronoun || !lex.pronouns.has(norm(phrase.first)))) {
        const after = phrase.last + 1;
        const closes =
          endsSentence(phrase.last) ||
          norm(after) === ',' ||
          lex.relatives.has(norm(after)) ||
          after === particleAt ||
          tokens[after]?.block !== token.block ||
          (word(after) !== undefined && (lex.connectors.has(norm(after)) || lex.afterInvertedSource.has(norm(after))));
        const head = norm(phrase.first);
        const opens = pronoun || elliptic !== undefined || isName(phrase.first) || lex.determiners.has(head) || lex.indefinite.has(head) || lex.agents.has(head) || lex.modifiers.has(head) || lex.personTitles.has(head);
        if (closes && opens) {
          const rule = quoteBefore(i) || endsQuote(i - 1) ? 'quote-speaker' : 'inverted-verb';
          if (emit(rule, i, phrase.last, phrase, isName(phrase.last) ? trailingApposition(phrase.last) : undefined, false)) markReported(i, phrase.last, -1);
          i = phrase.last;
          continue;
        }
      }
    }

    // What opens a verb-second clause is an adverbial, never its subject: "Während der Sitzung sagte kaum jemand etwas".
    if (k < floor || verbSecond) continue;
    let source: Phrase | undefined;
    let apposition: Phrase | undefined;
    let anonymous = false;
    let ruleName = 'reporting-verb';
    const verbFinal = verbFinalSubject(k);
    if (norm(k) === ',') {
      // "Dmitry Peskov, the Kremlin spokesman, said" / "Smith, who chairs the committee, said"
      let comma = -1;
      for (let c = k - 1; c >= Math.max(floor, k - MAX_APPOSITION_WORDS); c--) {
        if (norm(c) === ',') {
          comma = c;
          break;
        }
        if (!tokens[c]!.word && !QUOTE_CLOSERS.has(norm(c)) && !nameDot(c)) break;
      }
      if (comma < 0 || comma + 1 >= k) continue;
      const opener = norm(comma + 1);
      // "Ms. Smith, 45, said": an age between commas.
      const age = comma + 2 === k && /^\d{1,3}$/.test(opener);
      let words = 0;
      for (let n = comma + 1; n < k; n++) if (word(n) !== undefined) words++;
      let namesOnly = !age && words <= MAX_NAME_WORDS;
      for (let n = comma + 1; namesOnly && n < k; n++) namesOnly = isName(n) || nameDot(n);
      if (age) {
        source = backwardPhrase(comma - 1);
      } else if (namesOnly) {
        // "her mother, Fiona, said": a name in apposition to a common noun. But "In London, Smith said": the
        // name is the subject after an introductory phrase.
        const before = backwardPhrase(comma - 1);
        if (before !== undefined && commonNoun(before.last)) {
          source = before;
          apposition = { first: comma + 1, last: k - 1 };
        } else {
          source = { first: comma + 1, last: k - 1 };
        }
      } else {
        // "The governor, speaking at a news conference, said", "The study, published in Nature, found": a participle's
        // clause says what the source did, not what it is.
        const participle =
          word(comma + 1)?.shape === 'lower' && (AGENT_PARTICIPLES.has(opener) || lex.participleEndings.some((ending) => opener.length > ending.length + 2 && opener.endsWith(ending)));
        // "Microsoft, in a statement, said", "The company, however, said": an adverbial says how or when, not who.
        const adverbial = word(comma + 1)?.shape === 'lower' && (lex.connectors.has(opener) || lex.timeLead.has(opener) || lex.skip.has(opener) || ADVERBIALS_BETWEEN_COMMAS.has(opener));
        if (!(participle || adverbial || lex.relatives.has(opener) || lex.determiners.has(opener) || lex.indefinite.has(opener) || lex.agents.has(opener) || lex.modifiers.has(opener))) continue;
        // "Smith, 45, a teacher, said": the age between the name and the apposition.
        const aged = /^\d{1,3}$/.test(norm(comma - 1)) && norm(comma - 2) === ',';
        source = backwardPhrase(aged ? comma - 3 : comma - 1);
        if (source === undefined || lex.pronouns.has(norm(source.last))) continue;
        if (!participle && !adverbial) apposition = { first: comma + 1, last: k - 1 };
        if (lex.relatives.has(opener)) ruleName = 'relative-clause';
        // "The official, who spoke on condition of anonymity, said".
        if (anonymityForward(comma + 1) >= 0) anonymous = true;
      }
    } else if (lex.relatives.has(norm(k)) && norm(k - 1) === ',') {
      source = backwardPhrase(k - 2);
      ruleName = 'relative-clause';
    } else if (norm(k) === 'that' && word(k) !== undefined && isNounish(k - 1) && !lex.pronouns.has(norm(k - 1))) {
      // A restrictive relative: "an article by New York magazine that claimed …".
      source = backwardPhrase(k - 1);
      ruleName = 'relative-clause';
    } else if (norm(k) === 'and' && word(k) !== undefined) {
      // A second verb of the subject: "Josh Earnest condemned the attack and said …".
      source = sentenceSubject(i);
    } else if (verbFinal !== undefined) {
      // "Wie die Regierung die Vorwürfe zurückwies": the subject opens the clause, an object may stand before the verb.
      source = verbFinal;
    } else {
      const anonStart = anonymityBefore(k);
      const relative = anonStart >= 0 ? -1 : restrictiveRelative(k);
      const participle = anonStart >= 0 || relative >= 0 ? -1 : documentParticipleBefore(k);
      if (anonStart >= 0) {
        const phrase = backwardPhrase(anonStart - 1);
        if (phrase !== undefined) {
          source = { first: phrase.first, last: k };
          anonymous = true;
        }
      } else if (relative >= 0) {
        // "Officials who spoke to Reuters said": the subject comes before the clause, not "Reuters".
        source = backwardPhrase(relative - 1);
      } else if (participle >= 0) {
        // "A study published in Nature found", "Data released on Friday showed": the document is the subject.
        source = backwardPhrase(participle - 1);
      } else {
        source = backwardPhrase(k);
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
            continue;
          }
        }
        // "sources close to the Kremlin said": a bridge phrase before the phrase found so far.
        if (source !== undefined && source.first > floor) {
          const bridgeStart = anonymityBackward(source.first - 1);
          if (bridgeStart >= 0) {
            const before = backwardPhrase(bridgeStart - 1);
            if (before !== undefined) {
              source = { first: before.first, last: source.last };
              anonymous = true;
            }
          }
        }
      }
    }
    if (source === undefined) continue;
    // "no group claimed responsibility": there is no source.
    if (NEGATIVE_DETERMINERS.has(norm(source.first)) || NEGATIVE_DETERMINERS.has(norm(source.first - 1))) continue;
    // Evidence verbs report a claim before "that", or after a document: "the study shows", "It found that". Their
    // subject is a document, a body or "it"; a person who "found that" discovered something ("Hicks found that …").
    if (verb.evidence) {
      const head = norm(source.last);
      // ("An investigation by the Times found": the document heads the phrase, its author ends it.)
      let written = lex.documents.has(head) || lex.documents.has(norm(phraseHead(source)));
      for (let j = source.first; !written && j < source.last; j++) written = lex.documents.has(norm(j)) && norm(j + 1) === 'by';
      if (!written && !(norm(afterVerb) === 'that' && (lex.agents.has(head) || head === 'it' || head === 'they'))) continue;
    }
    if (verb.plainBase) {
      // Base forms report only for plural subjects: "officials say", not "would say" or "to say"; and not in a
      // clause of habit or condition ("when they tell the government …"). The plural may be the phrase's head or its
      // last word: "Officials at the ministry say", "A group of residents say".
      if (SUBORDINATORS.has(norm(source.first - 1))) continue;
      if (!pluralNoun(norm(source.last)) && !pluralNoun(norm(phraseHead(source)))) continue;
    }
    if (lex.pronouns.has(norm(source.last)) && (quoteBefore(source.first) || endsQuote(source.first - 1))) ruleName = 'quote-speaker';
    if (emit(ruleName, source.first, verbLast, source, apposition, anonymous)) markReported(source.first, verbLast, verbLast);
  }

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
