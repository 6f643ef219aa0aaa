// The noun phrases around a cue: a source before or after its verb, its apposition, an anonymity phrase, a clause's subject.

import { QUOTE_CLOSERS, QUOTE_OPENERS, type Phrase, type TokenView } from './attribution-tokens';
import type { WordTypes } from './attribution-words';

/** Tuning constants. */
const MAX_SOURCE_WORDS = 14;
/** How far back an apposition or relative clause may reach: "Dmitry Peskov, the Kremlin's spokesman, said". */
export const MAX_APPOSITION_WORDS = 16;
/** English modal verbs. */
export const MODALS = ['would', 'will', 'could', 'can', 'may', 'might', 'should', 'must', 'shall'];
/** Words after which a verb is not its sentence's main verb: "likely to say", "or suggest", "would say". */
const NOT_A_MAIN_VERB_AFTER = new Set(['to', 'or', 'nor', 'but', ...MODALS]);
/** Words in -ly that are adjectives or nouns, and so may stand before a noun as its modifier ("the daily newspaper"). */
const LY_MODIFIERS = new Set(['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'elderly', 'early', 'family', 'supply', 'assembly', 'ally', 'rally']);
/** How far back from a verb the "who" of a clause without commas is looked for ("Officials who spoke to Reuters said"). */
const MAX_RELATIVE_CLAUSE_WORDS = 12;
/** How many time words may stand between "quoted as saying" and the quoting agent's "by" ("late Thursday"). */
export const MAX_TIME_WORDS = 4;
/** Participles between a document and its agent: "reports seen by Reuters suggest", "a study commissioned by the ministry found". */
export const AGENT_PARTICIPLES = new Set(['seen', 'obtained', 'reviewed', 'cited', 'published', 'released', 'issued', 'prepared', 'commissioned', 'compiled', 'conducted', 'funded', 'led']);
/** How many words may follow an anonymity phrase's "of" or "to": "with knowledge of the company's plans". */
const MAX_ANONYMITY_OBJECT_WORDS = 5;
/** How many words may follow a document's participle before the verb: "A study published in The Lancet last week found". */
const MAX_PARTICIPLE_PHRASE_WORDS = 7;
/** How far a borrowed sentence subject may sit from the verb that borrows it ("X condemned the attack and said"). */
const MAX_SUBJECT_DISTANCE = 14;

export type PhraseReader = ReturnType<typeof phraseReader>;

/** `anonymityPhrases`: the pack's phrases that withhold a source's name ("who declined to be named"), as words. */
export function phraseReader(view: TokenView, words: WordTypes, anonymityPhrases: readonly (readonly string[])[]) {
  const { tokens, lex, firstOf, lastOf, sameSentence, word, norm, isName, isSourceNoun, isNounish, isPlainWord, inflectedAdjective, commonNoun, quoteBefore, nameDot, opensClause, normsOf, endsSentence } = view;
  const { typeOfWords } = words;
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
  // A plain word that may modify a noun; an adverb never does: "Uber unilaterally slashes drivers’ rates".
  const modifier = (j: number): boolean => isPlainWord(j) && !(norm(j).endsWith('ly') && !LY_MODIFIERS.has(norm(j)));
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
      if (modifier(j) && (commonNoun(j + 1) || (modifier(j + 1) && commonNoun(j + 2))) && sameSentence(j, j + 2)) {
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
      // Plain lowercase words used as modifiers ("the Russian space agency", "the angry protesters", "EU foreign policy
      // chief Kaja Kallas"): at most two, before a lowercase agent or document, and only when a determiner or a name
      // closes the phrase on the left.
      const closer = (commonNoun(k) || commonNoun(j + 1)) && isPlainWord(j) ? (isPlainWord(j - 1) ? j - 2 : j - 1) : -1;
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
    return word(first) !== undefined && !lex.relatives.has(norm(first)) && !(first === last + 2 && gerundAt(first)) ? { first, last: j } : undefined;
  };
  /**
   * Does a gerund open the clause at token i, saying what someone does, not who they are: ", doing lots of buys", ",
   * speaking at a news conference"? Not a modifier of a role: ", acting director", ", marketing director", ", housing
   * minister".
   */
  const gerundAt = (i: number): boolean => {
    const n = norm(i);
    if (word(i)?.shape !== 'lower' || n.length < 5 || !n.endsWith('ing') || lex.modifiers.has(n) || isNounish(i)) return false;
    const next = norm(i + 1);
    return !(isSourceNoun(next) || lex.expert.words.has(next) || lex.government.words.has(next));
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

  return {
    forwardPhrase,
    backwardPhrase,
    ellipticAfter,
    restrictiveRelative,
    anonymityForward,
    anonymityBackward,
    anonymityBefore,
    phraseHead,
    trailingApposition,
    leadingApposition,
    clauseLastWord,
    verbInSecondPlace,
    documentParticipleBefore,
    verbFinalSubject,
    sentenceSubject,
  };
}
