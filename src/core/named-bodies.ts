// Which bare names in a text stand for a company or another body rather than a person, read from how the text itself
// uses them: "Alibaba Group", "ZeniMax Media", "Con Edison, which …", "the CEO of Vidyard", "Facebook CEO Mark
// Zuckerberg", "Uber is a taxi company", "Uber soon found itself …". A name the text also uses as a person's
// ("President Yoon", "Margaret Hamilton", "Hamilton, who …", "Mr. Dejesus") is never one: a wrong "organisation" on a
// person would mislead the reader more than "unknown" does.

import type { Token } from './tokens';

/** The words each language gives the reading (lists of the attribution pack's lexicon, lower case). */
export interface BodyWords {
  /** Words that end a body's name when capitalised: "Group", "Inc", "Media", "Research". */
  suffixes: ReadonlySet<string>;
  /** Who a body has and a person has not: "CEO", "founder", "shareholders" (before "of X" or after "X"). */
  members: ReadonlySet<string>;
  /** What joins a member to its body: "the CEO of Vidyard", "executives at Uber"; German "der Chef von Siemens". */
  memberConnectors: ReadonlySet<string>;
  /** Political parties: "CDU-Chef" leads a party, where "Siemens-Chef" leads a company. */
  parties: ReadonlySet<string>;
  /** Nouns that make the name beside them a party's: "the Ennahda party", German "die Ennahda-Partei", "Partei X". */
  partyNouns: ReadonlySet<string>;
  /** Nouns that say what kind of body a name is: "Uber is a taxi company". */
  nouns: ReadonlySet<string>;
  /** Words after a name that only a body takes: ", which", "… itself". */
  bodyPronouns: ReadonlySet<string>;
  /** Words after a name that only a person takes: ", who", "… herself". */
  personPronouns: ReadonlySet<string>;
  /** "who", "which": they count only right after the name's comma ("Uber drivers who …" says nothing of Uber). */
  relatives: ReadonlySet<string>;
  /** Titles that only a person has: "President", "Mr", "Dr". */
  personTitles: ReadonlySet<string>;
  /** "is", "was": "X is a company". */
  copulas: ReadonlySet<string>;
  determiners: ReadonlySet<string>;
}

/** How the attribution reader sees the text (its own name and sentence tests). */
export interface NameReader {
  tokens: readonly Token[];
  isName(i: number): boolean;
  sameSentence(a: number, b: number): boolean;
}

/** How far after a name its reflexive may come: "Uber has presented itself". */
const MAX_WORDS_TO_PRONOUN = 3;
/** How many words may describe the kind of body: "Silego Technology is a fabless semiconductor company". */
const MAX_WORDS_BEFORE_NOUN = 4;
/** Words that may follow "X is a … company" and leave the noun the end of its phrase. */
const AFTER_BODY_NOUN = new Set(['that', 'which', 'based', 'located', 'founded', 'headquartered', 'and', 'albeit', 'whose']);

export interface NamedBodies {
  /**
   * What the text's own usage says the name written by these token norms ("alibaba", "con edison") is: a company (it
   * has a CEO, shareholders, a suffix such as "Group", or the text says it is one), some body (", which …", "…
   * itself": a government department too), or nothing it can tell.
   */
  kindOf(key: string): 'company' | 'body' | undefined;
  /** Does the text name this name ("ennahda") a political party: "the Ennahda party"? */
  isParty(key: string): boolean;
  /** Does the text use this name ("hamilton", "margaret hamilton") as a person's? */
  isPerson(key: string): boolean;
}

/** A name's key: its words' norms, space-separated. */
export const nameKey = (tokens: readonly Token[], first: number, last: number): string => {
  const norms: string[] = [];
  for (let i = first; i <= last; i++) norms.push(tokens[i]!.norm);
  return norms.join(' ');
};

/**
 * A quick test for what readNamedBodies reads as a party's name: a party noun beside a name ("the Ennahda party",
 * German "Partei Tamra") or ending a compound ("Ennahda-Partei").
 */
export function mayNameParty(reader: NameReader, words: BodyWords): boolean {
  if (words.partyNouns.size === 0) return false;
  return reader.tokens.some((t, i) => {
    if (!t.word) return false;
    if (words.partyNouns.has(t.norm)) return reader.isName(i - 1) || reader.isName(i + 1);
    return t.norm.includes('-') && words.partyNouns.has(t.norm.slice(t.norm.lastIndexOf('-') + 1));
  });
}

export function readNamedBodies(reader: NameReader, words: BodyWords): NamedBodies {
  const { tokens, isName, sameSentence } = reader;
  const companies = new Set<string>();
  const bodies = new Set<string>();
  const people = new Set<string>();
  const parties = new Set<string>();
  const norm = (i: number): string => tokens[i]?.norm ?? '';
  const isWord = (i: number): boolean => tokens[i]?.word === true;

  /** What the words around one name (first..last, no title inside) say about it. */
  const readAround = (first: number, last: number): void => {
    const key = nameKey(tokens, first, last);
    // Before: "the CEO of Vidyard", "executives at Uber"; "President Yoon", "Mr. Dejesus". (Not "the company X": "the
    // company Smith founded".)
    let before = first - 1;
    if (isWord(before) && words.determiners.has(norm(before))) before--;
    if (words.memberConnectors.has(norm(before)) && words.members.has(norm(before - 1)) && sameSentence(before - 1, first)) companies.add(key);
    if (isWord(first - 1) && words.personTitles.has(norm(first - 1))) people.add(key);
    if (norm(first - 1) === '.' && words.personTitles.has(norm(first - 2))) people.add(key);
    if (isWord(first - 1) && words.partyNouns.has(norm(first - 1))) parties.add(key);
    // After: "Alibaba shareholders"; ", which" / ", who"; "found itself" / "found herself"; "is a taxi company".
    const next = last + 1;
    if (!sameSentence(last, next)) return;
    if (isWord(next) && words.members.has(norm(next))) companies.add(key);
    // "the Ennahda party": a lowercase noun after the name (a capital one, "the Labour Party", is part of the name).
    if (isWord(next) && !isName(next) && words.partyNouns.has(norm(next))) parties.add(key);
    if (norm(next) === ',' && isWord(next + 1)) {
      // Not after "of": in "the Treaty of Waitangi, which …" the clause is the treaty's.
      if (words.bodyPronouns.has(norm(next + 1)) && norm(before) !== 'of') bodies.add(key);
      if (words.personPronouns.has(norm(next + 1))) people.add(key);
    }
    for (let j = next; j <= last + MAX_WORDS_TO_PRONOUN && isWord(j) && sameSentence(last, j); j++) {
      if (isName(j) || words.determiners.has(norm(j))) break;
      if (words.relatives.has(norm(j))) continue;
      if (words.bodyPronouns.has(norm(j))) bodies.add(key);
      if (words.personPronouns.has(norm(j))) people.add(key);
    }
    if (isWord(next) && words.copulas.has(norm(next)) && words.determiners.has(norm(next + 1))) {
      for (let j = next + 2; j <= next + 2 + MAX_WORDS_BEFORE_NOUN && isWord(j) && sameSentence(last, j); j++) {
        if (!words.nouns.has(norm(j))) continue;
        if (!isWord(j + 1) || AFTER_BODY_NOUN.has(norm(j + 1))) companies.add(key);
        break;
      }
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    if (!isName(i)) continue;
    // "Siemens-Chef", "Volkswagen-Aktionäre": a member joined to the name by a hyphen (German).
    const dash = norm(i).lastIndexOf('-');
    if (dash > 0 && words.members.has(norm(i).slice(dash + 1)) && !words.parties.has(norm(i).slice(0, dash))) companies.add(norm(i).slice(0, dash));
    if (dash > 0 && words.partyNouns.has(norm(i).slice(dash + 1))) parties.add(norm(i).slice(0, dash));
    if (isName(i - 1) && sameSentence(i - 1, i)) continue;
    let end = i;
    while (isName(end + 1) && sameSentence(i, end + 1)) end++;
    // A run of capitalised words may hold a role between two names: "Facebook CEO Mark Zuckerberg", "South Korean
    // President Yoon Suk Yeol". Each part is read on its own.
    let first = i;
    for (let j = i; j <= end + 1; j++) {
      // (German capitalises "Partei" too: "die Partei Tamra" is the party and its name.)
      const role = j <= end && (words.members.has(norm(j)) || words.personTitles.has(norm(j)) || words.partyNouns.has(norm(j)));
      if (j <= end && !role) continue;
      if (first <= j - 1) {
        const last = j - 1;
        if (role && words.members.has(norm(j))) companies.add(nameKey(tokens, first, last));
        if (first > i && words.personTitles.has(norm(first - 1))) people.add(nameKey(tokens, first, last));
        if (last > first && words.suffixes.has(norm(last))) {
          // "Alibaba Group": the name is a body's, with or without its suffix.
          companies.add(nameKey(tokens, first, last));
          companies.add(nameKey(tokens, first, last - 1));
        } else if (last > first) {
          // "Margaret Hamilton": a later bare "Hamilton" may be her.
          people.add(norm(last));
        }
        readAround(first, last);
      }
      first = j + 1;
    }
  }
  return {
    kindOf: (key) => (people.has(key) || parties.has(key) ? undefined : companies.has(key) ? 'company' : bodies.has(key) ? 'body' : undefined),
    isParty: (key) => parties.has(key) && !people.has(key),
    isPerson: (key) => people.has(key) || people.has(key.slice(key.lastIndexOf(' ') + 1)),
  };
}
