// The article's tokens as attribution reads them: sentences, names, quotations and the word classes of the lexicon.

import type { Lexicon } from './attribution-lexicon';
import type { CompiledPack } from './pack';
import { spanContaining, type Span } from './quotes';
import { lookupOutletRecord } from './sources';
import { isCapitalised, NAME_ABBREVIATIONS, type Token } from './tokens';

/** The word that introduces a judgement or a view after its object: English "as", German "als". */
const AS_WORDS = new Set(['as', 'als']);

/** A run of tokens, first..last inclusive. */
export interface Phrase {
  first: number;
  last: number;
}

export const QUOTE_CLOSERS = new Set(['”', '"', '»', '’', '›', '」', '』']);
export const QUOTE_OPENERS = new Set(['“', '"', '«', '„', '‘', '‹', '「', '『']);
/**
 * Abbreviations whose full stop sits inside a name: the tokenizer's ("Mr. Reeves", "Dr. Shadlen"), and "Rev.", whose
 * stop the tokenizer still reads as a sentence's end (single capitals are initials: "Brian K. Coombes").
 */
const NAME_DOT_ABBREVIATIONS = new Set([...NAME_ABBREVIATIONS, 'rev']);
/** Contractions are never names: "We're told", "I'm told". */
const CONTRACTION = /'(?:re|ve|ll|m|d|s|t)$/;
/** A number that may end a name: "France 24", "Channel 12" (not a year). */
const SHORT_NUMBER = /^\d{1,3}$/;
/** Punctuation after which a clause may begin. */
const CLAUSE_BREAKS = new Set([',', ';', ':', '—', '–', '(']);
/** Conjunctions after which a clause begins (with SUBORDINATORS). */
const CLAUSE_OPENING_WORDS = new Set(['but', 'and', 'as', 'while', 'whereas', 'although', 'though', 'so', 'that', 'where']);
/** Conjunctions that make a base-form verb habitual or conditional rather than a report. */
export const SUBORDINATORS = new Set(['how', 'when', 'whenever', 'if', 'unless', 'because', 'until', 'once']);

export type TokenView = ReturnType<typeof tokenView>;

/** Questions about token i (out of range is no word) over one text's tokens, quoted spans and pack. */
export function tokenView(text: string, tokens: readonly Token[], quotes: readonly Span[], lex: Lexicon, pack: CompiledPack) {
  const verbs = lex.verbs;
  // Sentence of each token, and each sentence's first and last token.
  const sentenceOf = new Int32Array(tokens.length);
  const sentenceFirst: number[] = [];
  const sentenceLast: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i === 0 || token.sentenceStart || token.block !== tokens[i - 1]!.block) {
      sentenceFirst.push(i);
      sentenceLast.push(i);
    }
    sentenceOf[i] = sentenceFirst.length - 1;
    sentenceLast[sentenceLast.length - 1] = i;
  }
  const firstOf = (i: number) => sentenceFirst[sentenceOf[i]!]!;
  const lastOf = (i: number) => sentenceLast[sentenceOf[i]!]!;
  const sameSentence = (a: number, b: number) => a >= 0 && b < tokens.length && sentenceOf[a] === sentenceOf[b];
  const word = (i: number): Token | undefined => {
    const token = tokens[i];
    return token?.word === true ? token : undefined;
  };
  const norm = (i: number): string => tokens[i]?.norm ?? '';
  /** "BBC's", "Reuters’s": the word ends in a possessive 's (dropped from its norm). */
  const isPossessive = (i: number): boolean => {
    const token = tokens[i];
    return token !== undefined && token.end - token.start === token.norm.length + 2 && /['’]s$/i.test(text.slice(token.end - 2, token.end));
  };
  /**
   * A capitalised word that can be part of a name (not "However", not a weekday). A common word written
   * with a capital right after another name counts too: "Russia Today", "USA Today"; so does a short number: "France
   * 24", "Channel 12", "Rossiya 1".
   */
  const isName = (i: number): boolean => {
    const token = word(i);
    if (token !== undefined && SHORT_NUMBER.test(token.norm)) return continuesName(i);
    if (token === undefined || !isCapitalised(token) || CONTRACTION.test(token.norm)) return false;
    if (!lex.stopCapitalised.has(token.norm) && !lex.time.has(token.norm)) return true;
    return continuesName(i) || isAcronym(i);
  };
  /**
   * A word in capitals among words that are not: "The WHO said" names the organisation, not "who". Not a sentence's
   * first word, which some sites set in capitals ("AS Opposition Leader Bill Shorten said").
   */
  const isAcronym = (i: number): boolean => tokens[i]!.shape === 'upper' && !tokens[i]!.sentenceStart && !shouted(i - 1) && !shouted(i + 1);
  const shouted = (i: number): boolean => word(i)?.shape === 'upper';
  const continuesName = (i: number): boolean => {
    const token = tokens[i]!;
    const prev = word(i - 1);
    return !token.sentenceStart && prev !== undefined && isCapitalised(prev) && !lex.stopCapitalised.has(prev.norm) && !lex.time.has(prev.norm) && sameSentence(i - 1, i);
  };
  /** A noun of our lists that may head a source: an agent, a document, a title or a role. */
  const isSourceNoun = (n: string): boolean => lex.agents.has(n) || lex.documents.has(n) || lex.personTitles.has(n) || lex.orgTitles.has(n);
  const isNounish = (i: number): boolean => {
    const token = word(i);
    if (token === undefined) return false;
    if (isName(i) || isSourceNoun(token.norm)) return true;
    // "dpa", "taz"; a site by its address: "according to rt.com".
    return token.shape === 'lower' && (lex.lowercaseOutlets.has(token.norm) || (token.norm.includes('.') && lookupOutletRecord(token.norm, pack) !== undefined));
  };
  /** A lowercase word in none of the lists: an ordinary adjective or noun ("space", "angry"). */
  const isPlainWord = (i: number): boolean => {
    const token = word(i);
    if (token === undefined || token.shape !== 'lower') return false;
    const n = token.norm;
    return !(lex.determiners.has(n) || lex.indefinite.has(n) || lex.connectors.has(n) || lex.skip.has(n) || lex.passive.has(n) || lex.pronouns.has(n) || lex.relatives.has(n) || lex.stopCapitalised.has(n) || verbs.has(n) || n === 'and' || n === 'according');
  };
  /** A lowercase adjective with an inflection ending, before a capitalised noun: "der russische Präsident" (German). */
  const inflectedAdjective = (i: number): boolean => {
    const n = norm(i);
    return lex.capitalisedNouns && n.length > 3 && isPlainWord(i) && lex.adjectiveEndings.some((ending) => n.endsWith(ending));
  };
  /** A lowercase agent or document noun: the only heads plain modifiers may attach to. */
  const commonNoun = (i: number): boolean => word(i)?.shape === 'lower' && (lex.agents.has(norm(i)) || lex.documents.has(norm(i)));
  const inQuote = (i: number): boolean => spanContaining(quotes, tokens[i]!.start, tokens[i]!.end) >= 0;
  const endsQuote = (i: number): boolean => {
    const token = tokens[i];
    if (token === undefined || token.word) return false;
    const mark = text.slice(token.start, token.end);
    // German closes „…“ with the mark English opens with: what counts is that the mark ends its quotation.
    if (!QUOTE_CLOSERS.has(mark) && mark !== '“') return false;
    const span = spanContaining(quotes, token.start, token.end);
    return span >= 0 && quotes[span]!.end === token.end;
  };
  /** A closing quote just before token i: `…,” he said`, `…”, he said`, `…” said X`. */
  const quoteBefore = (i: number): boolean => endsQuote(i - 1) || (norm(i - 1) === ',' && endsQuote(i - 2)) || (endsQuote(i - 2) && norm(i - 1) === ',');

  /** Token i is the full stop of an abbreviation or initial inside a name ("Mr. Reeves", "Brian K. Coombes"). */
  const nameDot = (i: number): boolean => {
    if (norm(i) !== '.' || !sameSentence(i - 1, i + 1)) return false;
    const before = word(i - 1);
    if (before === undefined || !isCapitalised(before)) return false;
    const initial = before.norm.length === 1;
    return (initial || NAME_DOT_ABBREVIATIONS.has(before.norm)) && isName(i + 1);
  };

  const isTimeWord = (i: number): boolean => word(i) !== undefined && (lex.time.has(norm(i)) || lex.timeLead.has(norm(i)));
  /**
   * Does token i open a clause: its sentence's first word, or the first after a comma, colon, dash, quotation or a
   * word that opens a clause ("But both Roscosmos and NASA said", "as the committee and the minister have noted")?
   */
  const opensClause = (i: number): boolean => i === firstOf(i) || CLAUSE_BREAKS.has(norm(i - 1)) || CLAUSE_OPENING_WORDS.has(norm(i - 1)) || SUBORDINATORS.has(norm(i - 1)) || endsQuote(i - 1);
  let lowercaseWords: Set<string> | undefined;
  /** Does the text write this word in lower case somewhere? Worked out once, when first asked. */
  const writtenLowercase = (wordNorm: string): boolean => {
    if (lowercaseWords === undefined) {
      lowercaseWords = new Set();
      for (const token of tokens) if (token.word && token.shape === 'lower') lowercaseWords.add(token.norm);
    }
    return lowercaseWords.has(wordNorm);
  };
  /** Is token j a plural form of a verb of saying, where verbs show the plural (German "sagten")? */
  const isPluralVerb = (j: number): boolean => word(j) !== undefined && verbs.has(norm(j)) && lex.pluralVerbEndings.some((ending) => norm(j).endsWith(ending));
  /** Is a verb beside token i a plural form: German "sie sagten" is "they", "sie sagte" is "she"? */
  const pluralVerbBeside = (i: number): boolean => isPluralVerb(i + 1) || isPluralVerb(i - 1);
  const normsOf = (first: number, last: number): string[] => {
    const norms: string[] = [];
    for (let i = first; i <= last; i++) if (tokens[i]!.word) norms.push(titleAbbreviation(i) ?? tokens[i]!.norm);
    return norms;
  };
  /** The word a title abbreviated before a name stands for ("Gov. Jane Smith": "governor"); not "a sales rep". */
  const titleAbbreviation = (i: number): string | undefined =>
    lex.titleAbbreviations.size > 0 && isCapitalised(tokens[i]!) && norm(i + 1) === '.' ? lex.titleAbbreviations.get(tokens[i]!.norm) : undefined;
  const sentenceEndOffset = (i: number): number => tokens[lastOf(i)]!.end;
  /**
   * The "as" (German "als") within `maxWords` words after token i, in its sentence, or -1: "dismissed the reports as
   * fake", "saw the move as a power grab".
   */
  const asAfter = (i: number, maxWords: number): number => {
    for (let j = i + 1; j <= i + maxWords && word(j) !== undefined && sameSentence(i, j); j++) if (AS_WORDS.has(norm(j))) return j;
    return -1;
  };
  /** Is token i the end of its sentence, ignoring closing punctuation? */
  const endsSentence = (i: number): boolean => {
    for (let j = i + 1; j <= lastOf(i); j++) if (tokens[j]!.word) return false;
    return true;
  };

  return {
    text,
    tokens,
    lex,
    firstOf,
    lastOf,
    sameSentence,
    word,
    norm,
    isPossessive,
    isName,
    continuesName,
    isSourceNoun,
    isNounish,
    isPlainWord,
    inflectedAdjective,
    commonNoun,
    inQuote,
    endsQuote,
    quoteBefore,
    nameDot,
    isTimeWord,
    opensClause,
    writtenLowercase,
    isPluralVerb,
    pluralVerbBeside,
    normsOf,
    titleAbbreviation,
    sentenceEndOffset,
    endsSentence,
    asAfter,
  };
}
