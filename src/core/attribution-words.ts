// What the words of a phrase say of a source: the government's, an organisation's or a party's; the pronoun a title gives.

import { containsAny, type Gender } from './attribution-lexicon';
import type { Phrase, TokenView } from './attribution-tokens';
import type { SourceType } from './findings';
import { mayNameParty, nameKey, readNamedBodies, type NamedBodies } from './named-bodies';

export type WordTypes = ReturnType<typeof wordTypes>;

export function wordTypes(view: TokenView) {
  const { text, tokens, lex, sameSentence, word, norm, isName, writtenLowercase, normsOf } = view;
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
  /** Leaves out the service before a word for one who left it: "an Army veteran", "Air Force veterans". */
  const withoutPastService = (norms: readonly string[]): readonly string[] =>
    lex.pastMembers.size === 0 || !norms.some((n) => lex.pastMembers.has(n)) ? norms : norms.filter((_, i) => !lex.pastMembers.has(norms[i + 1] ?? ''));
  const typeOfWords = (unexpanded: readonly string[]): SourceType => {
    const norms = expandAbbreviations(withoutPastService(beforeRelation(unexpanded)));
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
  /** What the text's usage makes of the words first..last, after any determiner, as one name ("Uber", "the Con Edison"). */
  const bodyKind = (first: number, last: number): 'company' | 'body' | undefined => {
    while (first < last && lex.determiners.has(norm(first))) first++;
    for (let i = first; i <= last; i++) if (!isName(i)) return undefined;
    return namedBodies().kindOf(nameKey(tokens, first, last));
  };
  /** Does the text use the name first..last as a person's ("Margaret Hamilton", "Hamilton, who …", "Mr. Dejesus")? */
  const isPersonName = (first: number, last: number): boolean => namedBodies().isPerson(nameKey(tokens, first, last));
  return { isParty, isCompanyRoleCompound, describesAnother, expandAbbreviations, typeOfWords, pronounOf, bodyKind, isPersonName };
}
