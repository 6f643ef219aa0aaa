// Who a source is: its type from its words, its role, the body it serves or an outlet's table, and from what the text
// said before (a named person's title, the group or body that spoke last, for "they", "she" and "it").

import { containsAny, longestMatch, type Gender } from './attribution-lexicon';
import { AGENT_PARTICIPLES, type PhraseReader } from './attribution-phrases';
import type { Phrase, TokenView } from './attribution-tokens';
import type { WordTypes } from './attribution-words';
import type { OutletInfo, SourceType } from './findings';
import type { CompiledPack } from './pack';
import { lookupOutletRecord, outletInfo } from './sources';
import { isCapitalised, type Token } from './tokens';

export const MAX_NAME_WORDS = 4;
/** How many paragraphs back "he" or "she" may find the named speaker it stands for. */
const MAX_PRONOUN_BLOCKS = 4;
/** Connectors after which an outlet is where someone appeared, not whom they work for: "who appeared on Fox News". */
const PLACE_CONNECTORS = new Set(['in', 'on']);
/** Lowercase particles inside names: "Luis de Miranda", "Ludwig van Beethoven". */
const NAME_PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'bin', 'al', 'ibn', 'dos', 'das']);
/** Words between a role and the name it introduces: "a meteorologist named Edward Lorenz". */
const NAMING_WORDS = new Set(['named', 'called']);
/** How many sentences back a bare spokesperson may find the body it speaks for ("Apple declined to comment. …"). */
const MAX_SENTENCES_TO_BODY = 3;
/** Words before a name that make it a place: "in Berlin", "from Moscow". */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'across', 'outside', 'inside']);
/** Nouns that take a plural verb without a plural ending. */
export const COLLECTIVE_NOUNS = new Set(['police', 'people', 'data']);

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

export interface Typed {
  type: SourceType;
  outlet?: OutletInfo;
  /** The named person a pronoun stands for. */
  antecedent?: { start: number; end: number };
}

export type SourceTyper = ReturnType<typeof sourceTyper>;

/**
 * Types sources in text order: the people the text names with a title or describes are read first; `remember` then
 * records each source found, for the pronouns and bare names after it.
 */
export function sourceTyper(view: TokenView, words: WordTypes, phrases: PhraseReader, pack: CompiledPack, skipBlock?: (block: number) => boolean) {
  const { text, tokens, lex, firstOf, sameSentence, word, norm, isPossessive, isName, isSourceNoun, nameDot, normsOf, titleAbbreviation, isPluralVerb, pluralVerbBeside, writtenLowercase } = view;
  const { isParty, isCompanyRoleCompound, describesAnother, expandAbbreviations, typeOfWords, pronounOf, bodyKind, isPersonName } = words;
  const { forwardPhrase, trailingApposition, leadingApposition } = phrases;
  // Named people the text introduces with a title ("Kazakh President Kassym-Jomart Tokayev"): pronouns
  // resolve to them and bare surnames ("according to Peskov") inherit their type.
  const mentions: Mention[] = [];
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
      // "opposition leader Morgan Tsvangirai", "party leader": a lowercase word before the title may say whose.
      if (type === 'unknown' && first - 1 >= firstOf(i) && word(first - 1)?.shape === 'lower') type = typeOfWords([norm(first - 1)]);
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

  /** The last word of the name that starts at token `first`, at most `limit`. */
  const nameEnd = (first: number, limit: number): number => {
    let last = first;
    while (last + 1 <= limit && isName(last + 1)) last++;
    return last;
  };
  /**
   * Whose is the name first..last, as the text uses it: a person the text introduced (their type, if it said), a state
   * (its government), a body the text shows to be one or our lists name; else, where a capital makes a name (not
   * German), some body (`orBody`): a name with a spokesperson that is no person the text knows.
   */
  const typeOfNamed = (first: number, last: number, orBody: boolean): Typed | undefined => {
    const known = latestMention(tokens[last]!.end, (m) => goesBy(m, last) && m.type !== 'unknown');
    if (known !== undefined) return { type: known.type, ...(known.outlet && { outlet: known.outlet }) };
    const norms = normsOf(first, last);
    if (lex.states.has(norms.join(' '))) return { type: 'government' };
    const byWords = typeOfWords(norms);
    if (byWords !== 'unknown') return { type: byWords };
    if (bodyKind(first, last) !== undefined) return { type: 'expert-or-organisation' };
    if (isPersonName(first, last)) return { type: 'unknown' };
    return orBody && !lex.capitalisedNouns ? { type: 'expert-or-organisation' } : undefined;
  };
  /**
   * The first body or person the words first..end (exclusive) name, as a spokesperson after them would speak for:
   * "Police arrested two men", "Apple declined to comment", "The ministry announced". A place ("in Berlin") and a
   * sentence's first word that is only capitalised there ("Protesters gathered") name no one.
   */
  const firstNamedIn = (first: number, end: number): Typed | undefined => {
    for (let i = first; i < end; i++) {
      const t = word(i);
      if (t === undefined) continue;
      if (t.shape === 'lower') {
        if ((lex.determiners.has(norm(i - 1)) || COLLECTIVE_NOUNS.has(t.norm)) && !lex.modifiers.has(t.norm) && !lex.spokespeople.has(t.norm)) {
          const type = typeOfWords([t.norm]);
          if (type !== 'unknown') return { type };
        }
        continue;
      }
      if (!isName(i) || (isName(i - 1) && sameSentence(i - 1, i))) continue;
      const last = nameEnd(i, end - 1);
      const place = PLACE_PREPOSITIONS.has(norm(i - 1));
      const common = i === first && last === i && (writtenLowercase(t.norm) || lex.agents.has(t.norm) || lex.unnamedGroups.has(t.norm) || lex.anonymousHeads.has(t.norm));
      const typed = typeOfNamed(i, last, !place && !common);
      if (typed !== undefined) return typed;
      i = last;
    }
    return undefined;
  };
  /**
   * The body (or person) the text named last before token `limit`: in its own sentence before it, the sentence before,
   * and so on, within a few sentences and paragraphs.
   */
  const namedBefore = (limit: number): Typed | undefined => {
    const block = tokens[limit]!.block;
    for (let end = limit, sentences = 0; end > 0 && sentences <= MAX_SENTENCES_TO_BODY; sentences++) {
      const first = firstOf(end - 1);
      if (tokens[first]!.block < block - MAX_PRONOUN_BLOCKS) return undefined;
      const found = skipBlock?.(tokens[first]!.block) ? undefined : firstNamedIn(first, end);
      if (found !== undefined) return found;
      end = first;
    }
    return undefined;
  };
  /**
   * A spokesperson speaks for a body: the one after "for" ("a spokesman for Uber"; "a spokeswoman for Mr. Smith" and
   * "for President Ruto" are a person's), or the one the words before the noun say ("Kremlin spokesman", "a company
   * spokeswoman", "a Tesla spokesman"); a bare one ("A spokeswoman said") speaks for the body the text named last:
   * "Apple declined to comment. A spokeswoman said …" is Apple's, not the government's.
   */
  const spokespersonFor = (phrase: Phrase, connectors: readonly number[]): Typed => {
    const nameAt = (j: number, limit: number): Typed => typeOfNamed(j, nameEnd(j, limit), true) ?? { type: 'unknown' };
    if (connectors.length > 0) {
      let j = connectors[0]! + 1;
      while (j < phrase.last && lex.determiners.has(norm(j))) j++;
      const title = titleAbbreviation(j) ?? norm(j);
      if (lex.personTitles.has(title)) return { type: typeOfWords([title]) };
      return isName(j) ? nameAt(j, phrase.last) : { type: 'unknown' };
    }
    const byWords = typeOfWords(normsOf(phrase.first, phrase.last - 1));
    if (byWords !== 'unknown') return { type: byWords };
    for (let j = phrase.first; j < phrase.last; j++) {
      if (isName(j) && !lex.determiners.has(norm(j)) && !lex.possessivePronouns.has(norm(j))) return nameAt(j, phrase.last - 1);
    }
    return namedBefore(phrase.first) ?? { type: 'unknown' };
  };

  // "spokesman Dmitry Peskov" with no body in the title speaks for the body named last, as a bare "a spokesman" does.
  for (const m of mentions) if (m.type === 'unknown' && normsOf(m.first, m.last).some((n) => lex.spokespeople.has(n))) m.type = namedBefore(m.first)?.type ?? 'unknown';

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
    /**
     * Whom a pronoun stands for; `plural`: the verb beside it is plural (German "sie sagten" is "they"; a possessive
     * has no verb of its own).
     */
    const forPronoun = (pronoun: string, plural: boolean): Typed => {
      // German "sie sagten" is "they" too, neither a woman nor a body.
      if (lex.pluralPronouns.has(pronoun) && (lex.pluralVerbEndings.length === 0 || plural)) return lastGroup();
      if (plural) return { type: 'unknown' };
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
    };
    const pronoun = lex.objectPronouns.get(head.norm) ?? head.norm;
    if (phrase.first === phrase.last && lex.pronouns.has(pronoun)) return forPronoun(pronoun, pluralVerbBeside(phrase.last));
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
    // ("ZeniMax Media" is a company's name: in English the press is "media" in lower case, or alone.)
    if (lex.mediaHeads.has(head.norm) && (lex.capitalisedNouns || head.shape === 'lower' || phrase.first === phrase.last)) return { type: 'news-outlet' };
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
    const connectors = connectorsIn(phrase);
    const spokesperson = lex.spokespeople.has(norm(connectors.length > 0 ? connectors[0]! - 1 : phrase.last));
    const byBody = typeOfBody(phrase, connectors, false);
    if (byBody.type !== 'unknown') return byBody;
    if (spokesperson) {
      const possessive = connectors.length === 0 ? lex.possessivePronouns.get(norm(phrase.first)) : undefined;
      const byPronoun = possessive === undefined ? undefined : forPronoun(possessive, false);
      // "its spokesman" (German "sein Sprecher" may be its or his) after a body that did not speak: the body named last.
      if (byPronoun !== undefined && (byPronoun.type !== 'unknown' || byPronoun.antecedent !== undefined || !lex.bodySubjects.has(possessive!))) return byPronoun;
      return spokespersonFor(phrase, connectors);
    }
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
    // A document nobody is named for speaks for whoever made or read it: "a transcript reviewed by Business Insider",
    // "The figures, released by the Office for National Statistics," (but "intelligence reports seen by Reuters" are
    // the intelligence service's).
    const participle = norm(phrase.last + 1) === ',' ? phrase.last + 2 : phrase.last + 1;
    if (lex.documents.has(head.norm) && AGENT_PARTICIPLES.has(norm(participle)) && norm(participle + 1) === 'by' && sameSentence(phrase.last, participle + 2)) {
      const agent = forwardPhrase(participle + 2);
      if (agent !== undefined) return classify(agent, undefined, false);
    }
    return { type: 'unknown' };
  };

  /** Records a source just found (its cue first..cueLast): a person by name, a role, a body or a group that spoke. */
  const remember = (source: Phrase, typed: Typed, cueFirst: number, cueLast: number): void => {
    const sourceStart = tokens[source.first]!.start;
    const sourceEnd = tokens[source.last]!.end;
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
  };

  return { classify, remember };
}
