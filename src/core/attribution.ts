// Finds who each claim is sourced to: reporting verbs, "according to", passive agents, quote speakers, and the source's type.

import { findingMessages, type Finding, type FindingMessages, type OutletInfo, type SourceSpan, type SourceType } from './findings';
import { containsAny, lexiconFor, longestMatch, type Gender } from './attribution-lexicon';
import type { CompiledAttributionRule, CompiledPack } from './pack';
import { spanContaining, type Span } from './quotes';
import { mayNameParty, nameKey, readNamedBodies, type NamedBodies } from './named-bodies';
import { lookupOutletRecord, outletInfo } from './sources';
import { isCapitalised, NAME_ABBREVIATIONS, type Token } from './tokens';

/** Tuning constants. */
const MAX_SOURCE_WORDS = 14;
/** How far back an apposition or relative clause may reach: "Dmitry Peskov, the Kremlin's spokesman, said". */
const MAX_APPOSITION_WORDS = 16;
const MAX_NAME_WORDS = 4;
/** How many paragraphs back "he" or "she" may find the named speaker it stands for. */
const MAX_PRONOUN_BLOCKS = 4;

interface Mention {
  first: number;
  last: number;
  start: number;
  end: number;
  surname: string;
  /**
   * The name's first word, where it has more than one: a bare "Yoon" or "Lee" is "President Yoon Suk Yeol" or "Lee
   * Jae-myung", names written family name first.
   */
  given?: string;
  type: SourceType;
  /** The outlet the person works for, where the text says so: "John Smith, a reporter for The Washington Post". */
  outlet?: OutletInfo;
  block: number;
  /** The pronoun the person goes by, when a title says it ("Ms", "King"): "he said" never resolves to "Ms Lladanosa". */
  pronoun?: Gender;
}

interface Phrase {
  first: number;
  last: number;
}

const QUOTE_CLOSERS = new Set(['”', '"', '»', '’', '›', '」', '』']);
const QUOTE_OPENERS = new Set(['“', '"', '«', '„', '‘', '‹', '「', '『']);
/**
 * Abbreviations whose full stop sits inside a name: the tokenizer's ("Mr. Reeves", "Dr. Shadlen"), and "Rev.", whose
 * stop the tokenizer still reads as a sentence's end (single capitals are initials: "Brian K. Coombes").
 */
const NAME_DOT_ABBREVIATIONS = new Set([...NAME_ABBREVIATIONS, 'rev']);
/** Contractions are never names: "We're told", "I'm told". */
const CONTRACTION = /'(?:re|ve|ll|m|d|s|t)$/;
/** How far after a verb a quotation may open for a verb that needs one ("called the debt “the transcendent issue”"). */
const MAX_WORDS_TO_QUOTE = 12;
/** How far after "described as" the agent's "by" may come ("described as “heartbreaking” by the department"). */
const MAX_AS_PHRASE_WORDS = 8;
/** Words after which a verb is not its sentence's main verb: "likely to say", "or suggest", "would say". */
const NOT_A_MAIN_VERB_AFTER = new Set(['to', 'or', 'nor', 'but', 'would', 'will', 'could', 'can', 'may', 'might', 'should', 'must', 'shall']);
/** Punctuation after which a clause may begin. */
const CLAUSE_BREAKS = new Set([',', ';', ':', '—', '–', '(']);
/** Conjunctions after which a clause begins (with SUBORDINATORS). */
const CLAUSE_OPENING_WORDS = new Set(['but', 'and', 'as', 'while', 'whereas', 'although', 'though', 'so', 'that', 'where']);
/** Auxiliaries that make the noun before them a clause's subject (with the passive auxiliaries: was, is, been …). */
const AUXILIARIES = new Set(['has', 'have', 'had', 'would', 'will', 'could', 'can', 'may', 'might', 'should', 'must', 'did', 'does']);
/** How far back from a verb the "who" of a clause without commas is looked for ("Officials who spoke to Reuters said"). */
const MAX_RELATIVE_CLAUSE_WORDS = 12;
/** How many time words may stand between "quoted as saying" and the quoting agent's "by" ("late Thursday"). */
const MAX_TIME_WORDS = 4;
/** Words that open a reported clause after a verb form that is also a noun: "the company claims its …". */
const CLAUSE_OPENERS = new Set(['its', 'their', 'his', 'her', 'the', 'a', 'an', 'this', 'these', 'those', 'it', 'he', 'she', 'they', 'there', 'no']);
/** Connectors after which an outlet is where someone appeared, not whom they work for: "who appeared on Fox News". */
const PLACE_CONNECTORS = new Set(['in', 'on']);
/** Participles between a document and its agent: "reports seen by Reuters suggest", "a study commissioned by the ministry found". */
const AGENT_PARTICIPLES = new Set(['seen', 'obtained', 'reviewed', 'cited', 'published', 'released', 'issued', 'prepared', 'commissioned', 'compiled', 'conducted', 'funded', 'led']);
/** Participles of saying whose subject is the sentence's: "…, saying", "…, while claiming". */
const PARTICIPLES = new Set(['saying', 'telling', 'adding', 'noting', 'arguing', 'insisting', 'warning', 'explaining', 'claiming', 'stating', 'declaring', 'writing']);
/** "In X's words": the nouns that make a possessive name a source. */
const WORDS_OF = new Set(['words', 'phrase']);
/** Lowercase particles inside names: "Luis de Miranda", "Ludwig van Beethoven". */
const NAME_PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'bin', 'al', 'ibn', 'dos', 'das']);
/** Words between a role and the name it introduces: "a meteorologist named Edward Lorenz". */
const NAMING_WORDS = new Set(['named', 'called']);
/** How many words may follow an anonymity phrase's "of" or "to": "with knowledge of the company's plans". */
const MAX_ANONYMITY_OBJECT_WORDS = 5;
/** How many words may follow a document's participle before the verb: "A study published in The Lancet last week found". */
const MAX_PARTICIPLE_PHRASE_WORDS = 7;
/** How many words may name where something was written before "that": "wrote on his Facebook page that". */
const MAX_PLACE_WORDS = 5;
/** Nouns that take a plural verb without a plural ending. */
const COLLECTIVE_NOUNS = new Set(['police', 'people', 'data']);
/** How many words the subject of an aside may have: "…, many climate scientists think." */
const MAX_ASIDE_SUBJECT_WORDS = 4;
/** Adverbs that stand alone between commas after a subject: "The company, however, said". */
const ADVERBIALS_BETWEEN_COMMAS = new Set(['however', 'meanwhile', 'though', 'instead', 'likewise', 'too']);
/** Conjunctions that make a base-form verb habitual or conditional rather than a report. */
const SUBORDINATORS = new Set(['how', 'when', 'whenever', 'if', 'unless', 'because', 'until', 'once']);
/** How far a borrowed sentence subject may sit from the verb that borrows it ("X condemned the attack and said"). */
const MAX_SUBJECT_DISTANCE = 14;
/**
 * The same for "…, saying", "…, noting that": a participle of saying after a comma speaks for the sentence's subject
 * however long the clause between ("Lee also expressed concern about how … might affect relations with the U.S., noting
 * that").
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
  const verbs = lex.verbs;
  const findings: Finding[] = [];
  const reported: Span[] = [];

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
   * with a capital right after another name counts too: "Russia Today", "USA Today".
   */
  const isName = (i: number): boolean => {
    const token = word(i);
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
  /**
   * May this connector follow token i inside one source? Where every noun has a capital (German), after a noun our
   * lists know ("Die Regierung in Moskau", "der Sprecher der Polizei"); after a name, only a role's that is no article
   * ("Müller vom Verband"): in "sagte Müller der Zeitung" and "sagte Albers in Berlin" the name ends the source.
   */
  const takesConnector = (i: number, connector: string): boolean => {
    if (!lex.capitalisedNouns) return true;
    const n = norm(i);
    if (isSourceNoun(n) || lex.media.words.has(n) || typeOfWords([n]) !== 'unknown') return true;
    return lex.roleConnectors.has(connector) && !lex.determiners.has(connector);
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

  // Forward noun phrase: "the office of Armenian Prime Minister Nikol Pashinyan", "a statement from the ministry".
  const forwardPhrase = (from: number): Phrase | undefined => {
    if (from >= tokens.length) return undefined;
    let j = from;
    const limit = Math.min(tokens.length, from + MAX_SOURCE_WORDS);
    const start = j;
    if (word(j) !== undefined && (lex.determiners.has(norm(j)) || lex.indefinite.has(norm(j)))) j++;
    let last = -1;
    while (j < limit && sameSentence(start, j)) {
      if (nameDot(j) && last === j - 1) {
        j++;
        continue;
      }
      const token = word(j);
      if (token === undefined) break;
      if (isNounish(j)) {
        last = j++;
        continue;
      }
      if (lex.modifiers.has(token.norm) || lex.indefinite.has(token.norm)) {
        j++;
        continue;
      }
      // Up to two plain lowercase modifiers before a noun: "the Russian space agency"; "der russischen Regierung".
      if (inflectedAdjective(j) && (isName(j + 1) || (inflectedAdjective(j + 1) && isName(j + 2))) && sameSentence(j, j + 2)) {
        j++;
        continue;
      }
      if (isPlainWord(j) && (commonNoun(j + 1) || (isPlainWord(j + 1) && commonNoun(j + 2))) && sameSentence(j, j + 2)) {
        j++;
        continue;
      }
      const connects = lex.connectors.has(token.norm) || (token.norm === 'by' && last >= 0 && lex.documents.has(norm(last)));
      if ((token.norm === 'and' || (connects && takesConnector(last, token.norm))) && last >= 0 && last === j - 1 && sameSentence(start, j + 1)) {
        let k = j + 1;
        if (connects && word(k) !== undefined && lex.determiners.has(norm(k))) k++;
        if (isNounish(k) || (lex.modifiers.has(norm(k)) && isNounish(k + 1))) {
          j = k;
          continue;
        }
      }
      break;
    }
    return last >= 0 ? { first: start, last } : undefined;
  };

  /**
   * "“…,” said one." / "reads another," / "said one of them", German „…“, sagte eine andere: one of a group with its
   * noun left out, after the verb at i..verbLast, only as a quotation's tag.
   */
  const ellipticAfter = (i: number, verbLast: number): Phrase | undefined => {
    if (!quoteBefore(i)) return undefined;
    const first = verbLast + 1;
    let last = first - 1;
    while (last < first + 1 && word(last + 1) !== undefined && lex.ellipticSubjects.has(norm(last + 1))) last++;
    if (last < first) return undefined;
    if (lex.roleConnectors.has(norm(last + 1)) && lex.partitivePronouns.has(norm(last + 2))) last += 2;
    return endsSentence(last) || norm(last + 1) === ',' ? { first, last } : undefined;
  };

  const isTimeWord = (i: number): boolean => word(i) !== undefined && (lex.time.has(norm(i)) || lex.timeLead.has(norm(i)));
  /**
   * The "who" of a clause without commas that ends at token k, whose antecedent is a noun: "Officials who spoke to
   * Reuters", "Residents whose homes flooded". -1 where the clause holds punctuation or runs too far back.
   */
  const restrictiveRelative = (k: number): number => {
    // The verb after "who" is the clause's own, and one after "to", "or" or a modal belongs to it too ("Respondents
    // who use AI were likely to say", "people who create a profile or suggest").
    if (lex.relatives.has(norm(k)) || NOT_A_MAIN_VERB_AFTER.has(norm(k))) return -1;
    const floor = Math.max(firstOf(k), k - MAX_RELATIVE_CLAUSE_WORDS);
    for (let j = k; j > floor; j--) {
      if (word(j) === undefined) return -1;
      if (lex.relatives.has(norm(j))) return isNounish(j - 1) && !lex.pronouns.has(norm(j - 1)) ? j : -1;
    }
    return -1;
  };

  // Backward noun phrase ending at token k: "Kremlin spokesman Dmitry Peskov", "a spokesman for the ministry".
  const backwardPhrase = (k: number): Phrase | undefined => {
    // "the ministry of health", "the secretary of state", "critics of the plan": an ordinary word may close a role's body.
    const connector = lex.determiners.has(norm(k - 1)) ? k - 2 : k - 1;
    const closesRole = word(k)?.shape === 'lower' && (isPlainWord(k) || lex.modifiers.has(norm(k))) && lex.roleConnectors.has(norm(connector)) && isNounish(connector - 1) && sameSentence(connector - 1, k);
    if (!isNounish(k) && !closesRole && !(lex.pronouns.has(norm(k)) && word(k) !== undefined)) return undefined;
    if (lex.pronouns.has(norm(k))) return { first: k, last: k };
    const floor = Math.max(firstOf(k), k - MAX_SOURCE_WORDS);
    let first = k;
    let joined = -1;
    let j = k - 1;
    while (j >= floor) {
      if (nameDot(j) && first === j + 1) {
        first = j - 1;
        j -= 2;
        continue;
      }
      const token = word(j);
      if (token === undefined) break;
      if (lex.determiners.has(token.norm) || lex.indefinite.has(token.norm)) {
        const connector = j - 1 >= floor && lex.connectors.has(norm(j - 1)) && word(j - 1) !== undefined;
        if (connector && isNounish(j - 2) && takesConnector(j - 2, norm(j - 1))) {
          first = j - 2;
          j -= 3;
          continue;
        }
        // A determiner that is itself a connector, as German genitives are: "Gutachten des Umweltbundesamtes".
        if (lex.connectors.has(token.norm) && j - 1 >= floor && isNounish(j - 1) && takesConnector(j - 1, token.norm)) {
          first = j - 1;
          j -= 2;
          continue;
        }
        // "The mayor and the governor", "Smith and her lawyer": two subjects joined.
        if (norm(j - 1) === 'and' && word(j - 1) !== undefined && isNounish(j - 2) && j - 2 >= floor) {
          if (joined < 0) joined = j - 1;
          first = j - 2;
          j -= 3;
          continue;
        }
        first = j;
        break;
      }
      if (isNounish(j) || lex.modifiers.has(token.norm)) {
        first = j--;
        continue;
      }
      if ((token.norm === 'and' || (lex.connectors.has(token.norm) && takesConnector(j - 1, token.norm))) && isNounish(j - 1)) {
        // (Not inside a body's name: "Committee on Intelligence and Security", "Department of Health and Human Services".)
        if (token.norm === 'and' && joined < 0 && !lex.connectors.has(norm(j - 2))) joined = j;
        first = j - 1;
        j -= 2;
        continue;
      }
      // Inflected adjectives before a capitalised noun, closed by a determiner: "der staatliche Sender RT".
      if (inflectedAdjective(j) && isName(j + 1)) {
        const opener = inflectedAdjective(j - 1) ? j - 2 : j - 1;
        if (opener >= floor && word(opener) !== undefined && (lex.determiners.has(norm(opener)) || lex.indefinite.has(norm(opener)))) {
          first = opener + 1;
          j = opener;
          continue;
        }
      }
      // Plain lowercase words used as modifiers ("the Russian space agency", "the angry protesters"):
      // at most two, and only when a determiner or a name closes the phrase on the left.
      const closer = commonNoun(k) && isPlainWord(j) ? (isPlainWord(j - 1) ? j - 2 : j - 1) : -1;
      if (closer >= floor && word(closer) !== undefined && (lex.determiners.has(norm(closer)) || lex.indefinite.has(norm(closer)) || isName(closer))) {
        first = closer + 1;
        j = closer;
        continue;
      }
      break;
    }
    // Subjects joined by "and" open their clause: in "The bill passed the Senate and officials said", "the Senate" is
    // the object of the clause before, and the source is what follows the "and".
    if (joined >= 0 && !opensClause(first)) first = joined + 1;
    return { first, last: k };
  };

  /**
   * Does token i open a clause: its sentence's first word, or the first after a comma, colon, dash, quotation or a
   * word that opens a clause ("But both Roscosmos and NASA said", "as the committee and the minister have noted")?
   */
  const opensClause = (i: number): boolean => i === firstOf(i) || CLAUSE_BREAKS.has(norm(i - 1)) || CLAUSE_OPENING_WORDS.has(norm(i - 1)) || SUBORDINATORS.has(norm(i - 1)) || endsQuote(i - 1);

  /** End index of an anonymity phrase starting at token i ("who declined to be named"), or -1. */
  const anonymityForward = (i: number): number => {
    let best = -1;
    for (const phrase of anonymityPhrases) {
      let ok = phrase.length > 0;
      for (let p = 0; ok && p < phrase.length; p++) ok = word(i + p) !== undefined && norm(i + p) === phrase[p] && sameSentence(i, i + p);
      if (ok && i + phrase.length - 1 > best) best = i + phrase.length - 1;
    }
    return best;
  };
  /**
   * The noun a phrase's modifiers hang on: "Officials" in "Officials at the ministry", "Sources" in "Sources close to
   * the president", "Figures" in "Figures from the statistics office"; the last word where nothing follows the noun.
   */
  const phraseHead = (phrase: Phrase): number => {
    for (let j = phrase.first + 1; j <= phrase.last; j++) if (lex.roleConnectors.has(norm(j)) || anonymityForward(j) >= 0) return j - 1;
    return phrase.last;
  };
  /** Start index of an anonymity phrase ending at token k, or -1. */
  const anonymityBackward = (k: number): number => {
    let best = -1;
    for (const phrase of anonymityPhrases) {
      const from = k - phrase.length + 1;
      if (from < 0) continue;
      let ok = phrase.length > 0;
      for (let p = 0; ok && p < phrase.length; p++) ok = word(from + p) !== undefined && norm(from + p) === phrase[p] && sameSentence(from, k);
      if (ok && (best === -1 || from < best)) best = from;
    }
    return best;
  };

  /**
   * Start index of an anonymity phrase that ends at token k, or that ends in "of" or "to" a few words before it: "people
   * with knowledge of the plans", "a person close to the negotiations". -1 if none.
   */
  const anonymityBefore = (k: number): number => {
    for (let j = k; j >= k - MAX_ANONYMITY_OBJECT_WORDS && word(j) !== undefined && sameSentence(j, k); j--) {
      if (j < k && norm(j) !== 'of' && norm(j) !== 'to') continue;
      const start = anonymityBackward(j);
      if (start >= 0) return start;
    }
    return -1;
  };

  // Named people the text introduces with a title ("Kazakh President Kassym-Jomart Tokayev"): pronouns
  // resolve to them and bare surnames ("according to Peskov") inherit their type.
  const mentions: Mention[] = [];
  let bodies: NamedBodies | undefined;
  /** What the text's own usage says of its names (named-bodies.ts), read once, when first asked. */
  const namedBodies = (): NamedBodies => (bodies ??= readNamedBodies({ tokens, isName, sameSentence }, lex.bodyWords));
  let namesParties: boolean | undefined;
  /** A political party, known to the pack ("labour", "cdu") or named one by the text ("the Ennahda party"). */
  const isParty = (norm: string): boolean => {
    if (norm === '') return false;
    if (lex.parties.has(norm)) return true;
    // Reading the text's names is worth it only where it may name a party (most texts do not).
    namesParties ??= mayNameParty({ tokens, isName, sameSentence }, lex.bodyWords);
    return namesParties && namedBodies().isParty(norm);
  };
  /**
   * A party's people speak for a side in politics, as officials do: "Labour leader Keir Starmer", "Republican
   * spokesman", German compounds "CDU-Vorsitzende", "SPD-Chef", "Grünen-Politikerin"; and the party itself: "Labour
   * said", "Die CDU erklärte".
   */
  const isPartyRole = (norms: readonly string[]): boolean => {
    const name = norms.length === 2 && lex.determiners.has(norms[0]!) ? norms[1]! : norms.length === 1 ? norms[0]! : '';
    if (isParty(name)) return true;
    let party = false;
    let role = false;
    for (const norm of norms) {
      const dash = norm.indexOf('-');
      if (dash > 0 && isParty(norm.slice(0, dash))) return true;
      if (isParty(norm)) party = true;
      // A title, not an unnamed source: "Tory sources" are no party politician.
      else if (lex.personTitles.has(norm)) role = true;
    }
    return party && role;
  };
  /** A company's role joined to its name: "Volkswagen-Chef", "Siemens-Chefin" (a party's is a politician's, above). */
  const isCompanyRoleCompound = (norm: string): boolean => {
    const dash = norm.lastIndexOf('-');
    return dash > 0 && lex.orgTitles.has(norm.slice(dash + 1));
  };
  /** ", whose husband is on active duty in the Navy,": a clause that describes another person. */
  const describesAnother = (phrase: Phrase): boolean => lex.relatives.has(norm(phrase.first)) && lex.relations.has(norm(phrase.first + 1));
  /** The words up to a tie to another person: "the wife" of "the wife of Senator X", whose role is not hers. */
  const beforeRelation = (norms: readonly string[]): readonly string[] => {
    const k = norms.findIndex((n, i) => lex.relations.has(n) && lex.roleConnectors.has(norms[i + 1] ?? ''));
    return k < 0 ? norms : norms.slice(0, k + 1);
  };
  let lowercaseWords: Set<string> | undefined;
  /** Does the text write this word in lower case somewhere? Worked out once, when first asked. */
  const writtenLowercase = (wordNorm: string): boolean => {
    if (lowercaseWords === undefined) {
      lowercaseWords = new Set();
      for (const token of tokens) if (token.word && token.shape === 'lower') lowercaseWords.add(token.norm);
    }
    return lowercaseWords.has(wordNorm);
  };
  let abbreviations: Map<string, string[]> | undefined;
  /**
   * The words an abbreviation stands for where the text spells it out: "the People Power Party (PPP)", "World Health
   * Organization (WHO)", German "Bundesamt für Sicherheit in der Informationstechnik (BSI)". Its letters must be the
   * capitals of those words, in order; lowercase words between are kept.
   */
  const expandAbbreviations = (norms: readonly string[]): readonly string[] => {
    if (abbreviations === undefined) {
      abbreviations = new Map();
      for (let i = 2; i + 1 < tokens.length; i++) {
        const t = tokens[i]!;
        if (!t.word || norm(i - 1) !== '(' || norm(i + 1) !== ')') continue;
        const letters = text.slice(t.start, t.end);
        // Not a word the text also writes in lower case: "WHO" beside the relative "who".
        if (!/^\p{Lu}{2,8}$/u.test(letters) || writtenLowercase(t.norm)) continue;
        let k = letters.length - 1;
        let j = i - 2;
        for (; k >= 0 && j >= 0 && word(j) !== undefined; j--) {
          const initial = text[tokens[j]!.start]!;
          if (initial === letters[k]) k--;
          else if (initial !== initial.toLowerCase()) break;
        }
        if (k < 0) abbreviations.set(t.norm, normsOf(j + 1, i - 2));
      }
    }
    if (abbreviations.size === 0 || !norms.some((n) => abbreviations!.has(n))) return norms;
    return norms.flatMap((n) => abbreviations!.get(n) ?? [n]);
  };
  const typeOfWords = (unexpanded: readonly string[]): SourceType => {
    const norms = expandAbbreviations(beforeRelation(unexpanded));
    if (containsAny(norms, lex.government) || isPartyRole(norms)) return 'government';
    if (containsAny(norms, lex.expert) || containsAny(norms, lex.organisation) || norms.some(isCompanyRoleCompound)) return 'expert-or-organisation';
    return 'unknown';
  };
  const pronounOf = (norms: readonly string[]): { pronoun?: Gender } => {
    for (const norm of norms) {
      const pronoun = lex.titleGenders.get(norm);
      if (pronoun !== undefined) return { pronoun };
    }
    return {};
  };
  /** Is token j a plural form of a verb of saying, where verbs show the plural (German "sagten")? */
  const isPluralVerb = (j: number): boolean => word(j) !== undefined && verbs.has(norm(j)) && lex.pluralVerbEndings.some((ending) => norm(j).endsWith(ending));
  /** Is a verb beside token i a plural form: German "sie sagten" is "they", "sie sagte" is "she"? */
  const pluralVerbBeside = (i: number): boolean => isPluralVerb(i + 1) || isPluralVerb(i - 1);
  /** The first word of the name from..last, when the name has more words (a title before it is skipped). */
  const givenName = (from: number, last: number): { given?: string } => {
    for (let j = from; j < last; j++) if (isName(j) && !lex.personTitles.has(norm(j))) return { given: norm(j) };
    return {};
  };
  /**
   * Does a person the text named go by the name word at token `head`? By the surname; where that word is all the name
   * the source gives ("Yoon said", "Mr. Lee said", not "Margie Kim said"), also by the first word of a name written
   * family name first ("President Yoon Suk Yeol").
   */
  const goesBy = (m: Mention, head: number): boolean => {
    if (m.surname === norm(head)) return true;
    const bare = !isName(head - 1) || lex.personTitles.has(norm(head - 1));
    return bare && m.given === norm(head);
  };
  const normsOf = (first: number, last: number): string[] => {
    const norms: string[] = [];
    for (let i = first; i <= last; i++) if (tokens[i]!.word) norms.push(titleAbbreviation(i) ?? tokens[i]!.norm);
    return norms;
  };
  /** The word a title abbreviated before a name stands for ("Gov. Jane Smith": "governor"); not "a sales rep". */
  const titleAbbreviation = (i: number): string | undefined =>
    lex.titleAbbreviations.size > 0 && isCapitalised(tokens[i]!) && norm(i + 1) === '.' ? lex.titleAbbreviations.get(tokens[i]!.norm) : undefined;
  {
    const byLast = new Map<number, Mention>();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (!token.word || (skipBlock?.(token.block) ?? false)) continue;
      // A title ("President"), an expert's trade ("the geophysicist") or a company role ("CEO") before a name.
      const expertRole = lex.expert.words.has(token.norm) && token.shape === 'lower';
      const companyRole = lex.orgTitles.has(token.norm) || isCompanyRoleCompound(token.norm);
      const abbreviated = titleAbbreviation(i);
      if (!lex.personTitles.has(abbreviated ?? token.norm) && !expertRole && !companyRole) continue;
      let last = -1;
      // "a meteorologist named Edward Norton Lorenz"; after an abbreviated title, past its dot: "Gov. Jane Smith".
      const from = (NAMING_WORDS.has(norm(i + 1)) && word(i + 1) !== undefined) || abbreviated !== undefined ? i + 2 : i + 1;
      for (let j = from; j <= from + MAX_NAME_WORDS + 1 && sameSentence(i, j); j++) {
        if (isName(j) && !lex.personTitles.has(norm(j))) last = j;
        else if (!(last >= 0 && (nameDot(j) || (NAME_PARTICLES.has(norm(j)) && isName(j + 1))))) break;
      }
      if (last < 0) continue;
      let first = i;
      while (first - 1 >= firstOf(i) && first > i - 4 && (isName(first - 1) || lex.personTitles.has(norm(first - 1))) && word(first - 1) !== undefined) first--;
      const existing = byLast.get(last);
      if (existing !== undefined && existing.first <= first) continue;
      let type = typeOfWords(normsOf(first, last));
      if (type === 'unknown' && (lex.expertTitles.has(token.norm) || expertRole || companyRole)) type = 'expert-or-organisation';
      byLast.set(last, {
        first,
        last,
        start: tokens[first]!.start,
        end: tokens[last]!.end,
        surname: norm(last),
        ...givenName(from, last),
        type,
        block: token.block,
        ...pronounOf(normsOf(first, last)),
      });
    }
    mentions.push(...[...byLast.values()].sort((a, b) => a.start - b.start));
  }
  /** What the text's usage makes of the words first..last, after any determiner, as one name ("Uber", "the Con Edison"). */
  const bodyKind = (first: number, last: number): 'company' | 'body' | undefined => {
    while (first < last && lex.determiners.has(norm(first))) first++;
    for (let i = first; i <= last; i++) if (!isName(i)) return undefined;
    return namedBodies().kindOf(nameKey(tokens, first, last));
  };
  interface Typed {
    type: SourceType;
    outlet?: OutletInfo;
    antecedent?: Mention;
  }

  /** Does first..last hold a word an outlet's name could start with (a capital, "dpa", "rt.com")? */
  const mayNameOutlet = (first: number, last: number): boolean => {
    for (let i = first; i <= last; i++) {
      const t = word(i);
      if (t !== undefined && (t.shape !== 'lower' || lex.lowercaseOutlets.has(t.norm) || t.norm.includes('.'))) return true;
    }
    return false;
  };
  /** The outlet a phrase names: whole, or a run of capitalised words in it ("Fox News" in "Fox News host X"). */
  const outletIn = (phrase: Phrase): Typed | undefined => {
    const end = tokens[phrase.last]!.end;
    const candidates: string[] = [text.slice(tokens[phrase.first]!.start, end)];
    // Without its article: "die taz", "das ZDF" (the table strips an English "the" itself).
    if (phrase.first < phrase.last && lex.determiners.has(norm(phrase.first))) candidates.push(text.slice(tokens[phrase.first + 1]!.start, end));
    for (let i = phrase.first; i <= phrase.last; i++) {
      if (!isName(i) && !(i === phrase.first && word(i) !== undefined && isCapitalised(tokens[i]!))) continue;
      let j = i;
      while (j + 1 <= phrase.last && !isPossessive(j) && (isName(j + 1) || ((norm(j + 1) === 'of' || norm(j + 1) === '&') && isName(j + 2)))) j++;
      // Whole runs only, never prefixes: "Atlantic Council" must not become "The Atlantic". A possessive ends a run:
      // "the BBC's North America editor Jon Sopel" speaks for the BBC.
      candidates.push(text.slice(tokens[i]!.start, tokens[j]!.end - (isPossessive(j) ? 2 : 0)));
      i = j;
    }
    // What follows a word for a medium is the medium's name: German capitalises the noun ("der Sender RT", "die
    // Nachrichtenagentur dpa"), so the run above reads "Sender RT" as one name.
    for (let i = phrase.first; i < phrase.last; i++) {
      if (lex.media.words.has(norm(i)) || lex.stateMedia.words.has(norm(i))) candidates.push(text.slice(tokens[i + 1]!.start, end));
    }
    // German genitives and compounds name the outlet too: "des Spiegels", "nach SZ-Informationen", "der Bild-Zeitung".
    if (lex.capitalisedNouns) {
      for (const candidate of [...candidates]) {
        if (candidate.endsWith('s')) candidates.push(candidate.slice(0, -1));
        const dash = candidate.lastIndexOf('-');
        if (dash > 0) candidates.push(candidate.slice(0, dash));
      }
    }
    for (const candidate of candidates) {
      const record = lookupOutletRecord(candidate, pack);
      if (record === undefined) continue;
      const type: SourceType = record.type === 'state-affiliated' ? 'state-affiliated' : record.type === 'wire' ? 'wire-service' : 'news-outlet';
      return { type, outlet: outletInfo(record) };
    }
    return undefined;
  };
  const connectorsIn = (phrase: Phrase): number[] => {
    const connectors: number[] = [];
    for (let j = phrase.first; j <= phrase.last; j++) {
      // German "der" opens "Der Präsident des Instituts" as its article, not as a genitive.
      if (j === phrase.first && lex.determiners.has(norm(j))) continue;
      if (word(j) !== undefined && lex.roleConnectors.has(norm(j))) connectors.push(j);
    }
    return connectors;
  };
  /**
   * The type the body after "at/of/for" gives a role: a government body, an organisation, or (`anyName`) any other
   * named body, a company; else (not `anyName`) a name the text shows to be a body's. Each body in turn: "deputy
   * commissioner for water and sewer operations at the Department of Environmental Protection" is typed by its second.
   */
  const typeOfBody = (phrase: Phrase, connectors: readonly number[], anyName: boolean): Typed => {
    for (const connector of connectors) {
      // A connector that ends the phrase has no body: "…, Council, in" at the end of a text. After a tie to another
      // person ("the wife of a Navy officer") the body is that person's.
      if (connector === phrase.last || lex.relations.has(norm(connector - 1))) break;
      // The body ends at "and" or a comma: "of the Brookings Institution and a former U.S. ambassador".
      let bodyLast = connector + 1;
      while (bodyLast + 1 <= phrase.last && norm(bodyLast + 1) !== 'and' && norm(bodyLast + 1) !== ',') bodyLast++;
      // A role at an outlet speaks for it: "a reporter for The Washington Post", "an editor at Reuters". Who "spoke with
      // the Post" (a verb, not a role, before the connector) or "appeared on Fox News" is not the outlet's.
      const outlet = mayNameOutlet(connector + 1, bodyLast) ? outletIn({ first: connector + 1, last: bodyLast }) : undefined;
      if (outlet !== undefined) {
        if (isSourceNoun(norm(connector - 1)) && !PLACE_CONNECTORS.has(norm(connector))) return outlet;
        continue;
      }
      const body = expandAbbreviations(normsOf(connector + 1, bodyLast));
      if (containsAny(body, lex.government) || body.some(isParty)) return { type: 'government' };
      if (containsAny(body, lex.organisation) || containsAny(body, lex.expert)) return { type: 'expert-or-organisation' };
      // A name after "in" or "from" is most often a place: "who lives in Seattle".
      if (norm(connector) === 'in' || norm(connector) === 'from') continue;
      // (Where every noun has a capital, a capital names nothing.)
      if (anyName && !lex.capitalisedNouns) {
        for (let j = connector + 1; j <= bodyLast; j++) if (isName(j)) return { type: 'expert-or-organisation' };
      } else if (bodyKind(connector + 1, bodyLast) !== undefined) return { type: 'expert-or-organisation' };
    }
    return { type: 'unknown' };
  };
  /**
   * The type a role description gives ("a senior fellow at the Council on Foreign Relations", "vice president ... for
   * Con Edison", "a spokesman for the city's Department of Design"): an expert's title decides first; then the body
   * the role serves, named in any way; then the role.
   */
  const typeOfApposition = (phrase: Phrase): Typed => {
    if (describesAnother(phrase)) return { type: 'unknown' };
    const connectors = connectorsIn(phrase);
    const role = normsOf(phrase.first, connectors.length === 0 ? phrase.last : connectors[0]! - 1);
    if (containsAny(role, lex.expert)) return { type: 'expert-or-organisation' };
    const byBody = typeOfBody(phrase, connectors, true);
    if (byBody.type !== 'unknown') return byBody;
    const byWords = typeOfWords(role);
    // A company's role with no body named: "Mozilla's CTO, Brendan Eich, said", "the founder, Jane Doe".
    return { type: byWords === 'unknown' && role.some((n) => lex.orgTitles.has(n) || isCompanyRoleCompound(n)) ? 'expert-or-organisation' : byWords };
  };
  /**
   * After a name: ", a senior fellow at …" up to the next comma or the sentence end; or the clause of ", who works
   * for the Transportation Department", which describes the person the same way.
   */
  const trailingApposition = (last: number): Phrase | undefined => {
    if (norm(last + 1) !== ',' || !sameSentence(last, last + 2)) return undefined;
    const first = norm(last + 2) === 'who' ? last + 3 : last + 2;
    let j = first;
    const limit = Math.min(lastOf(last), first - 1 + MAX_APPOSITION_WORDS);
    // Scare quotes stay inside: ", a writer for partisan “fact-checking” website Snopes.com".
    while (j + 1 <= limit && norm(j + 1) !== ',' && (word(j + 1) !== undefined || nameDot(j + 1) || norm(j + 1) === "'" || QUOTE_CLOSERS.has(norm(j + 1)) || QUOTE_OPENERS.has(norm(j + 1)))) j++;
    return word(first) !== undefined && !lex.relatives.has(norm(first)) ? { first, last: j } : undefined;
  };
  /** The role before a name set off by commas: "Der Präsident des Instituts, Paul Hartung, warnte". */
  const leadingApposition = (phrase: Phrase): Phrase | undefined => {
    if (norm(phrase.first - 1) !== ',' || norm(phrase.last + 1) !== ',' || !sameSentence(phrase.first - 2, phrase.last)) return undefined;
    for (let i = phrase.first; i <= phrase.last; i++) if (!isName(i)) return undefined;
    const role = backwardPhrase(phrase.first - 2);
    if (role === undefined) return undefined;
    const roleWords = normsOf(role.first, role.last);
    return roleWords.some((n) => lex.personTitles.has(n) || lex.orgTitles.has(n) || lex.expert.words.has(n)) ? role : undefined;
  };
  // Names the text describes in passing ("The thaw worried Tasos Georgelis, deputy commissioner … at the Department of
  // Environmental Protection"): a later "Mr. Georgelis said" and "he said" take the type the description gives.
  const titled = [...mentions];
  for (let i = 0; i < tokens.length; i++) {
    if (!isName(i) || isName(i - 1) || (skipBlock?.(tokens[i]!.block) ?? false)) continue;
    let last = i;
    while (last + 1 < i + MAX_NAME_WORDS && (isName(last + 1) || (nameDot(last + 1) && isName(last + 2)))) last += isName(last + 1) ? 1 : 2;
    // A bare surname only where the text introduced that person with a title before: "Emery, a writer for Snopes.com"
    // after "staff writer David Emery" says more about him (a capitalised word opening a sentence is no one, and
    // "Sudan" after "South Sudan" no person).
    if ((last === i && !titled.some((m) => m.surname === norm(i) && m.end < tokens[i]!.start)) || mentions.some((m) => m.last === last)) continue;
    // "…, a senior fellow at …" after the name, or "Der Fraktionschef der Bürgerliste, Michael Brandt, kritisierte" before it.
    for (const apposition of [trailingApposition(last), leadingApposition({ first: i, last })]) {
      if (apposition === undefined) continue;
      const { type, outlet } = typeOfApposition(apposition);
      if (type === 'unknown') continue;
      const pronoun = pronounOf(normsOf(apposition.first, apposition.last));
      mentions.push({ first: i, last, start: tokens[i]!.start, end: tokens[last]!.end, surname: norm(last), ...givenName(i, last), type, ...(outlet && { outlet }), block: tokens[i]!.block, ...pronoun });
      break;
    }
  }
  const sourceMentions: Mention[] = [];
  /** The last source that is a body (an outlet, an agency, a company, a document), for "it said". */
  let lastBody: { type: SourceType; block: number; article: string; start: number } | undefined;
  /** The last source that is one person named by a role, not a name ("The governor said"), for "she said". */
  let lastRole: { type: SourceType; block: number; start: number; pronoun?: Gender } | undefined;
  /**
   * Every group that spoke, by its head noun, in order: "they said" is the last one ("Obama administration officials",
   * German "Die Ermittler sagten"), "the officials" the last with that noun ("Con Edison officials").
   */
  const groups: { head: string; type: SourceType; block: number }[] = [];
  /**
   * Is the source headed by token `head` a group? Where verbs show the plural (German "sagten"), by its verb in the cue
   * first..last; else by a plural noun of our lists ("officials", "analysts") or a collective one ("police", "people").
   */
  const isGroup = (head: number, first: number, last: number): boolean => {
    if (lex.pluralVerbEndings.length > 0) {
      for (let j = first; j <= last; j++) if (isPluralVerb(j)) return true;
      return false;
    }
    const n = norm(head);
    if (COLLECTIVE_NOUNS.has(n)) return true;
    return n.endsWith('s') && (lex.agents.has(n) || lex.anonymousHeads.has(n) || lex.unnamedGroups.has(n) || lex.personTitles.has(n) || lex.expert.words.has(n) || lex.government.words.has(n));
  };
  const latestMention = (before: number, accept: (mention: Mention) => boolean): Mention | undefined => {
    let best: Mention | undefined;
    for (const list of [mentions, sourceMentions]) {
      for (const mention of list) {
        if (mention.end > before) continue;
        if (accept(mention) && (best === undefined || mention.end > best.end)) best = mention;
      }
    }
    return best;
  };

  const classify = (phrase: Phrase, apposition: Phrase | undefined, anonymous: boolean): Typed => {
    const head = tokens[phrase.last]!;
    if (anonymous) return { type: 'anonymous' };
    apposition ??= leadingApposition(phrase);
    // "Officials said …; They said": the group that spoke last, in this paragraph or the one before.
    const lastGroup = (): Typed => {
      const group = groups.at(-1);
      return group !== undefined && group.block >= head.block - 1 ? { type: group.type } : { type: 'unknown' };
    };
    // "Many of them said", "One of them told", German "Viele von ihnen sagten": part of that group.
    if (phrase.last === phrase.first + 2 && lex.partitivePronouns.has(head.norm) && lex.roleConnectors.has(norm(phrase.first + 1))) return lastGroup();
    // "“…,” said one.", „…“, sagte eine andere: one of the group that spoke last.
    if (normsOf(phrase.first, phrase.last).every((n) => lex.ellipticSubjects.has(n))) return lastGroup();
    const pronoun = lex.objectPronouns.get(head.norm) ?? head.norm;
    if (phrase.first === phrase.last && lex.pronouns.has(pronoun)) {
      // German "sie sagten" is "they" too, neither a woman nor a body.
      if (lex.pluralPronouns.has(pronoun) && (lex.pluralVerbEndings.length === 0 || pluralVerbBeside(phrase.last))) return lastGroup();
      if (pluralVerbBeside(phrase.last)) return { type: 'unknown' };
      const gender = lex.personPronouns.get(pronoun);
      if (gender !== undefined) {
        const antecedent = latestMention(head.start, (m) => m.block >= head.block - MAX_PRONOUN_BLOCKS && (m.pronoun === undefined || m.pronoun === gender));
        // "The governor said …; she added": a role that spoke after the last named person (and, where "sie" may be a
        // body's too, after the last body: German "Die Polizei teilte mit …; sie sagte").
        const role = lastRole !== undefined && lastRole.block >= head.block - MAX_PRONOUN_BLOCKS && (lastRole.pronoun === undefined || lastRole.pronoun === gender) ? lastRole : undefined;
        const laterBody = role !== undefined && lex.bodySubjects.has(pronoun) && lastBody !== undefined && lastBody.start > role.start;
        if (role !== undefined && !laterBody && (antecedent === undefined || antecedent.start < role.start)) return { type: role.type };
        if (antecedent !== undefined) {
          // "Mr Obama lands in Kenya …; he said": the person's type from where the text first said who they are.
          const described = antecedent.type !== 'unknown' ? antecedent : latestMention(head.start, (m) => m.surname === antecedent.surname && m.type !== 'unknown');
          const { type, outlet } = described ?? antecedent;
          return { type, ...(outlet && { outlet }), antecedent };
        }
      }
      // "Roscosmos said …; it said": a body's pronoun takes the type of the body that spoke last.
      // Where a pronoun has a grammatical gender, the body's article must agree: German "Die Polizei …; sie", "Das
      // Ministerium …; es".
      const articles = lex.bodyPronounArticles.get(pronoun);
      if (lex.bodySubjects.has(pronoun) && lastBody !== undefined && lastBody.block >= head.block - MAX_PRONOUN_BLOCKS && (articles === undefined || articles.has(lastBody.article))) {
        return { type: lastBody.type };
      }
      return { type: 'unknown' };
    }
    // "The wife of Senator Smith", "a friend of the victim": a private person, whoever the other is. ("Friends of the
    // Earth" is a name; German writes every noun with a capital.)
    for (let i = phrase.first; i < phrase.last; i++) {
      if (lex.relations.has(norm(i)) && lex.roleConnectors.has(norm(i + 1)) && (lex.capitalisedNouns || !isName(i))) return { type: 'unknown' };
    }
    // "Con Edison officials said …; the officials said": the group the text named with these words.
    if (phrase.last === phrase.first + 1 && lex.determiners.has(norm(phrase.first)) && !lex.indefiniteArticles.has(norm(phrase.first))) {
      const named = groups.findLast((group) => group.head === head.norm && group.block >= head.block - MAX_PRONOUN_BLOCKS);
      if (named !== undefined) return { type: named.type };
    }
    const outlet = outletIn(phrase);
    if (outlet !== undefined) return outlet;
    const words = tokens.slice(phrase.first, phrase.last + 1);
    const phraseNorms = normsOf(phrase.first, phrase.last);
    // A state speaking is its government: "Russia said", "according to the U.S.", "Beijing warned". Only the whole
    // phrase: "Denzel Washington" and "Georgia Smith" are people.
    if (lex.states.has((lex.determiners.has(phraseNorms[0]!) ? phraseNorms.slice(1) : phraseNorms).join(' '))) return { type: 'government' };
    const allNorms = apposition === undefined || describesAnother(apposition) ? phraseNorms : [...phraseNorms, ...normsOf(apposition.first, apposition.last)];
    if (containsAny(allNorms, lex.stateMedia)) return { type: 'state-affiliated' };
    if (containsAny(phraseNorms, lex.media) && longestMatch(phraseNorms, lex.media) > longestMatch(phraseNorms, lex.government)) return { type: 'news-outlet' };
    // A publication's name not in the table ends in a word like Times or Post: "The Korea Times", "the
    // Washington Post's editor" (but not "the Post Office", where the name goes on).
    if (words.some((t, n) => lex.outletNameWords.has(t.norm) && isName(phrase.first + n) && !isName(phrase.first + n + 1) && phrase.first !== phrase.last)) {
      return { type: 'news-outlet' };
    }
    // Named: a capitalised word that is a name, not just the capital of a sentence's first word
    // ("Officials said" is unnamed; "Biden administration officials said" is not).
    const commonWord = (t: Token) => lex.agents.has(t.norm) || lex.modifiers.has(t.norm) || lex.indefinite.has(t.norm) || lex.determiners.has(t.norm) || lex.anonymousHeads.has(t.norm) || lex.unnamedGroups.has(t.norm);
    // A word of the lists is no name at a sentence's start, nor anywhere where every noun has a capital (German:
    // "aus Regierungskreisen").
    // Nor is a sentence's first word that the text also writes in lower case: "Deficit hawks have warned".
    const named = words.some(
      (t, n) => isCapitalised(t) && !lex.stopCapitalised.has(t.norm) && !(((n === 0 && t.sentenceStart) || lex.capitalisedNouns) && commonWord(t)) && !(n === 0 && t.sentenceStart && writtenLowercase(t.norm)),
    );
    const firstWord = words[0]!.norm;
    const indefinite = lex.indefinite.has(firstWord) || lex.indefiniteArticles.has(firstWord);
    // "Many Tunisians", "Two Americans": people counted, not named.
    if (phrase.last === phrase.first + 1 && lex.indefinite.has(firstWord) && isCapitalised(head) && head.norm.endsWith('s') && apposition === undefined) return { type: 'anonymous' };
    // Unnamed officials are typed by their role (the labels' rule): "Officials said" is the government speaking.
    if (!named && lex.anonymousHeads.has(head.norm) && lex.government.words.has(head.norm)) return { type: 'government' };
    if (!named && lex.anonymousHeads.has(head.norm) && (indefinite || !lex.determiners.has(firstWord))) {
      return { type: 'anonymous' };
    }
    // Whoever "Tory sources", "the source" or "White House insiders" are is what the text withholds.
    if (lex.sourceNouns.has(head.norm) && apposition === undefined) return { type: 'anonymous' };
    // A bare group is no one in particular: "Experts say", "most economists", "Many reports". Its words may still say
    // whose it is ("intelligence reports" are the government's); "the researchers" are ones the text has named.
    // "Ein Forscher" is one researcher: German writes some of these plurals as their singular.
    const oneOf = phrase.first + 1 === phrase.last && lex.indefiniteArticles.has(firstWord);
    if (!named && apposition === undefined && lex.unnamedGroups.has(head.norm) && !oneOf && (indefinite || !lex.determiners.has(firstWord)) && typeOfWords(phraseNorms.slice(0, -1)) === 'unknown') {
      return { type: 'anonymous' };
    }
    if (apposition !== undefined) {
      const byRole = typeOfApposition(apposition);
      if (byRole.type !== 'unknown') return byRole;
    }
    // A company's staff speak for it: "Uber officials said" (a department's officials are the government's).
    if (phrase.first < phrase.last && lex.anonymousHeads.has(head.norm) && bodyKind(phrase.first, phrase.last - 1) !== undefined && typeOfWords(phraseNorms.slice(0, -1)) !== 'government') {
      return { type: 'expert-or-organisation' };
    }
    // The body a role serves: "the president of the institute", "a spokesman for Uber" (where the text shows Uber is a
    // company). "Minister of Finance" names no such body, and stays the minister's.
    const byBody = typeOfBody(phrase, connectorsIn(phrase), false);
    if (byBody.type !== 'unknown') return byBody;
    const byWords = typeOfWords(allNorms);
    if (byWords !== 'unknown') return { type: byWords };
    // "Boeing's chief executive", "Tesla's founder": only a body has such a member.
    if (lex.bodyWords.members.has(head.norm)) {
      for (let j = phrase.first; j < phrase.last; j++) if (isPossessive(j) && isName(j)) return { type: 'expert-or-organisation' };
    }
    if (isCapitalised(head)) {
      // The name's own introduction counts ("Facebook CEO Mark Zuckerberg testified"), as does an earlier one.
      const known = latestMention(head.end, (m) => goesBy(m, phrase.last) && m.type !== 'unknown');
      if (known !== undefined) return { type: known.type, ...(known.outlet && { outlet: known.outlet }) };
      // "Uber said", where the text shows Uber is a company or some other body (not a person).
      if (bodyKind(phrase.first, phrase.last) !== undefined) return { type: 'expert-or-organisation' };
    }
    // A document nobody is named for speaks for whoever made or read it: "a transcript reviewed by Business Insider"
    // (but "intelligence reports seen by Reuters" are the intelligence service's).
    if (lex.documents.has(head.norm) && AGENT_PARTICIPLES.has(norm(phrase.last + 1)) && norm(phrase.last + 2) === 'by' && sameSentence(phrase.last, phrase.last + 3)) {
      const agent = forwardPhrase(phrase.last + 3);
      if (agent !== undefined) return classify(agent, undefined, false);
    }
    return { type: 'unknown' };
  };

  const sentenceEndOffset = (i: number): number => tokens[lastOf(i)]!.end;
  /** Is token i the end of its sentence, ignoring closing punctuation? */
  const endsSentence = (i: number): boolean => {
    for (let j = i + 1; j <= lastOf(i); j++) if (tokens[j]!.word) return false;
    return true;
  };

  /**
   * The last word of token i's clause (up to a comma or the sentence's end), or -1 past the usual length of one; only
   * in a pack with verb-second word order, whose separable verbs put their particle there ("teilte am Mittwoch mit, …").
   */
  const clauseLastWord = (i: number): number => {
    if (lex.verbSecondOpeners.size === 0) return -1;
    const limit = Math.min(lastOf(i), i + MAX_SOURCE_WORDS + 4);
    let last = -1;
    for (let j = i + 1; j <= limit; j++) {
      if (word(j) === undefined) return norm(j) === ',' || endsSentence(j - 1) ? last : -1;
      last = j;
    }
    return endsSentence(last) ? last : -1;
  };
  /**
   * The verb comes second in its clause, after an adverbial or a demonstrative and before its subject: "Am Montag
   * sagte der Minister", "Nach der Sitzung berichtete die Zeitung", "Das berichtete die FAZ". A determiner opens only
   * alone ("Das sagte X"; in "Das Ministerium sagte der Zeitung" the subject comes first).
   */
  const verbInSecondPlace = (i: number): boolean => {
    if (lex.verbSecondOpeners.size === 0) return false;
    const first = firstOf(i);
    if (first >= i || i - first > 6 || word(first) === undefined || !lex.verbSecondOpeners.has(norm(first))) return false;
    if (lex.determiners.has(norm(first)) && i !== first + 1) return false;
    for (let j = first + 1; j < i; j++) if (word(j) === undefined) return false;
    return true;
  };

  /**
   * The participle that follows a document and whose short phrase ends at token k, with no punctuation between: "A
   * study published in Nature", "Data released on Friday", "research funded by the industry". -1 if none.
   */
  const documentParticipleBefore = (k: number): number => {
    for (let j = k; j >= Math.max(firstOf(k) + 1, k - MAX_PARTICIPLE_PHRASE_WORDS); j--) {
      if (word(j) === undefined) return -1;
      if (AGENT_PARTICIPLES.has(norm(j)) && word(j - 1) !== undefined && lex.documents.has(norm(j - 1))) return j;
    }
    return -1;
  };
  /**
   * In a clause whose verb comes last (German "wie", "dass"), the noun phrase after the opener, when words stand
   * between it and token k, the last word before the verb: "wie die Regierung die Vorwürfe zurückwies".
   */
  const verbFinalSubject = (k: number): Phrase | undefined => {
    if (lex.verbFinalOpeners.size === 0) return undefined;
    let opener = k;
    while (opener > firstOf(k) && word(opener - 1) !== undefined) opener--;
    if (!lex.verbFinalOpeners.has(norm(opener))) return undefined;
    const subject = forwardPhrase(opener + 1);
    return subject !== undefined && subject.last < k && !lex.pronouns.has(norm(subject.first)) ? subject : undefined;
  };
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
    const head = tokens[source.last]!;
    const institutional = typed.outlet !== undefined || typeOfWords([head.norm]) !== 'unknown' || lex.media.words.has(head.norm);
    const person = isName(source.last) && !institutional;
    if (person) {
      // "Oberbürgermeisterin Katrin Albers sagte …, sagte Albers": the bare surname goes by the title's pronoun too.
      const titled = latestMention(sourceEnd, (m) => goesBy(m, source.last) && m.pronoun !== undefined);
      sourceMentions.push({
        first: source.first,
        last: source.last,
        start: sourceStart,
        end: sourceEnd,
        surname: head.norm,
        type: typed.type,
        block: head.block,
        ...(titled?.pronoun === undefined ? {} : { pronoun: titled.pronoun }),
      });
    }
    const group = isGroup(source.last, cueFirst, cueLast);
    if (!person && !group && (lex.personTitles.has(head.norm) || lex.orgTitles.has(head.norm) || lex.expertTitles.has(head.norm))) {
      const pronoun = lex.titleGenders.get(head.norm);
      lastRole = { type: typed.type, block: head.block, start: sourceStart, ...(pronoun && { pronoun }) };
    }
    const people = lex.pronouns.has(head.norm) || lex.objectPronouns.has(head.norm) || lex.personTitles.has(head.norm) || lex.anonymousHeads.has(head.norm) || lex.unnamedGroups.has(head.norm);
    if (!person && !people && typed.type !== 'unknown' && typed.type !== 'anonymous') lastBody = { type: typed.type, block: head.block, article: norm(source.first), start: sourceStart };
    if (typed.type !== 'unknown' && group) groups.push({ head: head.norm, type: typed.type, block: head.block });
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
   * The subject of the sentence holding token i, for a verb that has none of its own ("…, saying", "… and said"):
   * the noun phrase that opens the sentence, or the one after an introductory phrase ("In Washington, …").
   */
  const sentenceSubject = (i: number, maxDistance = MAX_SUBJECT_DISTANCE): Phrase | undefined => {
    const first = firstOf(i);
    if (word(first) !== undefined && lex.pronouns.has(norm(first))) return { first, last: first };
    const near = (phrase: Phrase | undefined) => (phrase !== undefined && phrase.last < i && i - phrase.last <= maxDistance ? phrase : undefined);
    const opening = forwardPhrase(first);
    if (opening !== undefined) return near(opening);
    // "On Monday the senator visited … and said", "Last week the ministry …", "Later the mayor …": a time before the
    // subject, without a comma.
    let after = first;
    while (after < i && after < first + MAX_TIME_WORDS && word(after) !== undefined && (lex.time.has(norm(after)) || lex.timeLead.has(norm(after)) || lex.skip.has(norm(after)))) after++;
    if (after > first && (lex.time.has(norm(after - 1)) || (after === first + 1 && lex.skip.has(norm(first))))) {
      const subject = near(forwardPhrase(after));
      if (subject !== undefined) return subject;
    }
    let comma = first;
    while (comma < i && norm(comma) !== ',') comma++;
    if (comma >= i - 1) return undefined;
    if (word(comma + 1) !== undefined && lex.pronouns.has(norm(comma + 1))) return { first: comma + 1, last: comma + 1 };
    return near(forwardPhrase(comma + 1));
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
