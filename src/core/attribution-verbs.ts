// Is a verb of saying a report where it stands: its particle, its object, a quotation it needs, its form that is also a
// noun; the adverbs and auxiliaries before it; the subjects it may report for.

import { QUOTE_OPENERS, SUBORDINATORS, type Phrase, type TokenView } from './attribution-tokens';
import type { PhraseReader } from './attribution-phrases';
import { COLLECTIVE_NOUNS } from './attribution-sources';
import type { CompiledVerb } from './pack';
import { isCapitalised } from './tokens';

/** How far after a verb a quotation may open for a verb that needs one ("called the debt “the transcendent issue”"). */
const MAX_WORDS_TO_QUOTE = 12;
/** Auxiliaries that make the noun before them a clause's subject (with the passive auxiliaries: was, is, been …). */
const AUXILIARIES = new Set(['has', 'have', 'had', 'would', 'will', 'could', 'can', 'may', 'might', 'should', 'must', 'did', 'does']);
/** Words that open a reported clause after a verb form that is also a noun: "the company claims its …". */
const CLAUSE_OPENERS = new Set(['its', 'their', 'his', 'her', 'the', 'a', 'an', 'this', 'these', 'those', 'it', 'he', 'she', 'they', 'there', 'no']);
/** How many words may name where something was written before "that": "wrote on his Facebook page that". */
const MAX_PLACE_WORDS = 5;
/** How many words the subject of an aside may have: "…, many climate scientists think." */
const MAX_ASIDE_SUBJECT_WORDS = 4;
/** Subjects that deny there is a source: "no group claimed responsibility". */
export const NEGATIVE_DETERMINERS = new Set(['no', 'none', 'nobody', 'neither']);
/** How far after a verb of judgement its "as" may stand: "dismissed the reports from the front line as fake". */
const MAX_WORDS_TO_AS = 8;
/** Verbs whose participle before "to be" / "to have" is hearsay, not a report: "a player said to be worth €100m". */
const HEARSAY_BASES = new Set(['say', 'report', 'allege', 'believe', 'think', 'estimate', 'suspect']);
const STRONG_AFTER = new Set([':', '…', '...', '“', '"', '«', '—', '–']);

/** Where a reporting verb ends (a phrasal verb's particle after it), and where its particle closes the clause, or -1. */
export interface VerbAt {
  verbLast: number;
  particleAt: number;
}

export type VerbReader = ReturnType<typeof verbReader>;

export function verbReader(view: TokenView, phrases: PhraseReader) {
  const { text, tokens, lex, firstOf, lastOf, sameSentence, word, norm, isName, continuesName, isNounish, isPlainWord, commonNoun, inQuote, quoteBefore, endsSentence, asAfter } = view;
  const { backwardPhrase, clauseLastWord, phraseHead } = phrases;

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

  /**
   * Where the reporting verb at token i ends (`verbLast`: a phrasal verb's particle after it) and where its particle
   * closes the clause (German), or undefined where its form or neighbours make it no report here.
   */
  const reportingVerbAt = (i: number, verb: CompiledVerb): VerbAt | undefined => {
    // A phrasal verb's particle must follow, and belongs to the cue: "pointed out". In German it may close the clause
    // instead: "teilte am Mittwoch mit, …", "Dies teilte das Ministerium mit."
    const particleNext = verb.particle !== undefined && norm(i + 1) === verb.particle && sameSentence(i, i + 1);
    // Only clause-final, so "kündigte seinen Job an der Uni" is no "ankündigen".
    const clauseLast = particleNext ? -1 : clauseLastWord(i);
    const particleAt = verb.particle === undefined ? -1 : particleNext ? i + 1 : clauseLast > i + 1 && norm(clauseLast) === verb.particle ? clauseLast : -1;
    if (verb.particle !== undefined && particleAt < 0) return undefined;
    // A particle closing the clause of a verb that has none makes another verb: "sagte den Termin ab" (cancelled),
    // "meldete im Juli Insolvenz an" (filed).
    if (verb.particle === undefined && lex.separableParticles.has(norm(clauseLast))) return undefined;
    // A word like the particle right after the verb, and another particle closing the clause, make another verb:
    // "gab zu viel Geld aus" (spent), not "gab zu" (admitted).
    if (particleNext && lex.separableParticles.size > 0) {
      const end = clauseLastWord(i);
      if (end > i + 1 && lex.separableParticles.has(norm(end))) return undefined;
    }
    const verbLast = particleNext ? i + 1 : i;
    const afterVerb = verbLast + 1;
    if (verb.exceptNext !== undefined && exceptAfter(afterVerb, i, verb.exceptNext)) return undefined;
    if (HEARSAY_BASES.has(verb.base) && norm(afterVerb) === 'to' && (norm(afterVerb + 1) === 'be' || norm(afterVerb + 1) === 'have')) return undefined;
    if (verb.needsQuote && !quoteOpensAfter(verbLast, true) && !quoteClosesBefore(i)) return undefined;
    if (verb.quoteTag && !quoteOpensNext(verbLast) && !quoteClosesBefore(i)) return undefined;
    // "Climate change is to blame too, scientists think, with …": a view set off after the claim, by a subject of a
    // few words after a comma.
    if (verb.aside && !((norm(afterVerb) === ',' || endsSentence(verbLast)) && commaBefore(i, MAX_ASIDE_SUBJECT_WORDS))) return undefined;
    // "rejected the allegations as baseless", "dismissed them as fake": "as" after the verb's object, in its clause.
    if (verb.judgesAs && asAfter(verbLast, MAX_WORDS_TO_AS) < 0) return undefined;
    if (verb.ambiguous && !reportsAsVerb(i, verbLast)) return undefined;
    return { verbLast, particleAt };
  };

  /** Is the form at token i, also a common noun ("reports", "claims"), a verb here? */
  const reportsAsVerb = (i: number, verbLast: number): boolean => {
    const afterVerb = verbLast + 1;
    const next = tokens[afterVerb];
    const nextText = next === undefined || next.block !== tokens[i]!.block ? '' : text.slice(next.start, next.end);
    // A name just before the verb ("de Miranda notes.", "Emery states, “…”") makes a verb of the ambiguous form too.
    const nameBefore = isName(i - 1) && !tokens[i - 1]!.sentenceStart;
    // So does an auxiliary: "TMZ has learned.", "as critics have noted."
    const perfect = norm(i - 1) === 'has' || norm(i - 1) === 'have' || norm(i - 1) === 'had';
    const weakOk = lex.pronouns.has(norm(i - 1)) || quoteBefore(i - 1) || quoteBefore(i) || nameBefore || perfect;
    const lowerNext = nextText.toLowerCase();
    // "the company claims its prices …": a noun or name before, a determiner or pronoun after.
    const subjectBefore = (commonNoun(i - 1) || nameBefore) && norm(i).endsWith('s');
    const clauseAfter = subjectBefore && word(afterVerb) !== undefined && CLAUSE_OPENERS.has(lowerNext);
    // "wrote on X that", "posted on Facebook:", "posted to Twitter asking if there were “…”": where, then what.
    const whereThenWhat = (lowerNext === 'on' || lowerNext === 'to') && (thatWithin(afterVerb + 1, MAX_PLACE_WORDS) || quoteOpensAfter(verbLast));
    return (
      nextText === '' ||
      lowerNext === 'that' ||
      lowerNext === 'in' ||
      STRONG_AFTER.has(nextText) ||
      ((nextText === ',' || nextText === '.') && weakOk) ||
      quoteClosesBefore(i) ||
      clauseAfter ||
      whereThenWhat
    );
  };

  /**
   * Walks back from the verb at token i over adverbs, auxiliaries and time phrases ("has also confirmed", "on Monday
   * said") to `k`, the last token before them; a passive auxiliary or a negation on the way is noted.
   */
  const beforeVerb = (i: number): { k: number; passive: boolean; negated: boolean } => {
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
    return { k, passive, negated };
  };

  /** Is `source` one the verb may report for: a document or a body for evidence, a plural for a base form? */
  const mayReport = (source: Phrase, verb: CompiledVerb, afterVerb: number): boolean => {
    // "no group claimed responsibility": there is no source.
    if (NEGATIVE_DETERMINERS.has(norm(source.first)) || NEGATIVE_DETERMINERS.has(norm(source.first - 1))) return false;
    // Evidence verbs report a claim before "that", or after a document: "the study shows", "It found that". Their
    // subject is a document, a body or "it"; a person who "found that" discovered something ("Hicks found that …").
    // The body may be the phrase's head or its last word: "Researchers at Stanford found that", "Officials at the
    // ministry found that".
    if (verb.evidence) {
      const head = norm(source.last);
      const agent = lex.agents.has(head) || lex.agents.has(norm(phraseHead(source)));
      // ("An investigation by the Times found": the document heads the phrase, its author ends it.)
      let written = lex.documents.has(head) || lex.documents.has(norm(phraseHead(source)));
      for (let j = source.first; !written && j < source.last; j++) written = lex.documents.has(norm(j)) && norm(j + 1) === 'by';
      if (!written && !(norm(afterVerb) === 'that' && (agent || head === 'it' || head === 'they'))) return false;
    }
    // Base forms report only for plural subjects: "officials say", not "would say" or "to say"; and not in a
    // clause of habit or condition ("when they tell the government …"). The plural may be the phrase's head or its
    // last word: "Officials at the ministry say", "A group of residents say".
    if (verb.plainBase && (SUBORDINATORS.has(norm(source.first - 1)) || (!pluralNoun(norm(source.last)) && !pluralNoun(norm(phraseHead(source)))))) return false;
    return true;
  };

  return { reportingVerbAt, beforeVerb, mayReport };
}
