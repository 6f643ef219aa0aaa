// The attribution rules' word lists, read from a pack once and kept for its life: which words are verbs of saying,
// which nouns head a source, and which lists type it.

import type { CompiledAttribution, CompiledPack } from './pack';
import type { BodyWords } from './named-bodies';
import { lowercaseOutletNames } from './sources';

export interface Lexicon {
  verbs: Map<string, CompiledAttribution['verbs'][string]>;
  determiners: Set<string>;
  modifiers: Set<string>;
  connectors: Set<string>;
  agents: Set<string>;
  documents: Set<string>;
  skip: Set<string>;
  passive: Set<string>;
  time: Set<string>;
  timeLead: Set<string>;
  pronouns: Set<string>;
  relatives: Set<string>;
  participleEndings: string[];
  stopCapitalised: Set<string>;
  indefinite: Set<string>;
  anonymousHeads: Set<string>;
  unnamedGroups: Set<string>;
  /** The pronoun a body speaks through ("it said"). */
  bodySubjects: Set<string>;
  sourceNouns: Set<string>;
  personTitles: Set<string>;
  expertTitles: Set<string>;
  government: WordList;
  /** Countries and the capitals news uses for their governments ("Moscow said"): a source that is one of them, whole. */
  states: Set<string>;
  organisation: WordList;
  expert: WordList;
  media: WordList;
  stateMedia: WordList;
  /** Endings of inflected adjectives, in a language that writes nouns with a capital ("der russische Präsident"). */
  adjectiveEndings: string[];
  /** The pack's language writes every noun with a capital (it lists adjective endings): a capital makes no name. */
  capitalisedNouns: boolean;
  /**
   * Words that open a clause whose verb comes second, before its subject ("Am Montag sagte der Minister", "Das
   * berichtete die FAZ"): German word order. A pack with such words also lets a separable verb's particle close the clause.
   */
  verbSecondOpeners: Set<string>;
  /** Outlet names the table writes in lower case ("dpa", "taz"): names without a capital. */
  lowercaseOutlets: ReadonlySet<string>;
  /** "a", "an"; German "ein", "eine"…: "a spokesman said" is unnamed. */
  indefiniteArticles: Set<string>;
  /** Two-word source prepositions whose noun also ends a compound naming the source: "nach Angaben" -> "nach Polizeiangaben". */
  compoundPrepositions: [string, string][];
  /** Particles of separable verbs ("ab", "an"): one that closes the clause of a verb of saying makes it another verb. */
  separableParticles: Set<string>;
  outletNameWords: Set<string>;
  orgTitles: Set<string>;
  /** Political parties ("labour", "cdu"): with a role, or joined to one by a hyphen, they make a politician. */
  parties: Set<string>;
  /**
   * Ties to another person ("wife", "son", "friend"; German "Ehefrau", "Sohn"): "the wife of a Navy officer" is a
   * private person, whatever the officer is.
   */
  relations: Set<string>;
  /** Who has left a service its name before them says: "an Army veteran", "Navy veterans" are no longer the military's. */
  pastMembers: Set<string>;
  /** The press as the head of a phrase: "Russian media reported", "local media"; not "social media users". */
  mediaHeads: Set<string>;
  /** Words after a verb that follows a comma and make it the sentence subject's second verb: German ", bestätigte aber". */
  secondVerbMarkers: Set<string>;
  /** Words that join a role to the body it serves: "president of", German "Präsident des". */
  roleConnectors: Set<string>;
  /** What tells a company's name from a person's in the text's own usage (named-bodies.ts). */
  bodyWords: BodyWords;
  /** Cues before the source, as token norms: "according to X", German "laut X", "nach Angaben X". Longest first. */
  prepositions: string[][];
  prepositionStarts: Set<string>;
  /** Cues after the source: German "X zufolge". */
  postpositions: Set<string>;
  /** Prepositions after an inverted verb that name where a statement came from: German "hieß es von der Polizei". */
  originPrepositions: Set<string>;
  /** Words that open a clause whose verb comes last, after its subject and objects: German "wie", "dass". */
  verbFinalOpeners: Set<string>;
  /** Adverbials of several words between a subject and its verb: German "wie ein Sprecher auf Anfrage mitteilte". */
  skipPhrases: string[][];
  /** The pronoun for a man or a woman ("he", "she"; German "er", "sie"), by its word. */
  personPronouns: Map<string, Gender>;
  /** Titles that say which pronoun a person goes by ("Ms", "King"; German "Frau", "Ministerin"). */
  titleGenders: Map<string, Gender>;
  /** The articles of the bodies a pronoun of a gendered language may stand for: German "sie" for "die Polizei". */
  bodyPronounArticles: Map<string, Set<string>>;
  /** Pronouns for a group ("they"; German "sie" with a plural verb). */
  pluralPronouns: Set<string>;
  /** The pronoun of a part of a group: "Many of them", German "Viele von ihnen". */
  partitivePronouns: Set<string>;
  /** Words that stand for one of a group with its noun left out, after a quotation: "“…,” said one.", German „…“, sagte einer. */
  ellipticSubjects: Set<string>;
  /** Endings of plural verb forms, where a pronoun stands for "she" and "they" alike (German "sie sagten"). */
  pluralVerbEndings: string[];
  /** Pronouns that may follow an inverted verb: German "…, erklärte er." (English "said he" is left out). */
  invertedPronouns: Set<string>;
  /** Words that may follow an inverted source without joining it: German "…, sagte Albers nach der Sitzung." */
  afterInvertedSource: Set<string>;
  /** Articles that may open who was told, after the verb: German "sagte der Minister der Zeitung" (dative). */
  listenerArticles: Set<string>;
  /** Words that may stand between a subject and its verb: "They both said", "The ministers all said" (not "Both said"). */
  floatingQuantifiers: Set<string>;
  /** Titles abbreviated before a name, and the word of the lists each stands for: "Gov." is "governor", "Sen." "senator". */
  titleAbbreviations: Map<string, string>;
  /** Object pronouns and the subject pronoun each stands for: "according to him" is "he". */
  objectPronouns: Map<string, string>;
  /** Possessive pronouns and the subject pronoun each stands for: "his spokesman" speaks for whom "he" would. */
  possessivePronouns: Map<string, string>;
  /**
   * Words for one who speaks for a body and says in itself which ("spokesman", German "Sprecher"; not "Kremlin
   * spokesman" or "Regierungssprecher"): alone, they speak for the body the text named last.
   */
  spokespeople: Set<string>;
  /** Verbs of a view held, before a clause: "Tunisians worry that …", German "Viele befürchten, dass …" (attribution-views.ts). */
  viewVerbs: Set<string>;
  /** Adjectives of a view held, after a copula: "The council is concerned (that) …". */
  viewAdjectives: Set<string>;
  /** Verbs of seeing something as something: "Critics saw the move as a power grab". */
  viewAsVerbs: Set<string>;
  /** Words that open the clause a view verb governs: "that"; German "dass". */
  viewComplementizers: Set<string>;
  /** "is", "are"; German "ist", "sind": what joins a view adjective to its holder (English: its passive auxiliaries). */
  copulas: Set<string>;
}

/** What a pack without its own list of source prepositions uses. */
const DEFAULT_PREPOSITIONS = ['according to'];
/** Words that join a role to its body in an apposition: "director for Amnesty International" (a pack may list its own). */
const DEFAULT_ROLE_CONNECTORS = ['of', 'at', 'for', 'from', 'with', 'in', 'on'];
/** What joins a company's member to it where a pack lists none (English): "the CEO of Vidyard", "executives at Uber". */
const DEFAULT_MEMBER_CONNECTORS = ['of', 'at'];

const lexicons = new WeakMap<CompiledPack, Lexicon>();

export function lexiconFor(pack: CompiledPack): Lexicon {
  let lexicon = lexicons.get(pack);
  if (lexicon !== undefined) return lexicon;
  const list = (name: string): string[] => pack.attribution.lexicon[name] ?? [];
  const set = (name: string): Set<string> => new Set(list(name));
  // A language whose nouns all have a capital (it lists adjective endings) writes its compounds as one word (German).
  const compounds = list('adjective-endings').length > 0;
  // Lists the named-bodies reader shares with the rest of the lexicon: one set each.
  const determiners = set('determiners');
  const passive = set('passive-auxiliaries');
  const relatives = set('relative-pronouns');
  const personTitles = set('person-titles');
  const parties = set('parties');
  // A company or charity named by what it is speaks as any agent does ("The carmaker said"), and as an organisation.
  const bodyNouns = list('body-nouns');
  lexicon = {
    verbs: new Map(Object.entries(pack.attribution.verbs)),
    determiners,
    modifiers: set('modifiers'),
    connectors: set('connectors'),
    // A relative speaks as anyone does: "his mother said", German "der Sohn des Ministers sagte".
    agents: new Set([...list('agent-nouns'), ...bodyNouns, ...list('relations')]),
    documents: set('document-nouns'),
    skip: set('skip-between'),
    skipPhrases: list('skip-phrases').map((phrase) => phrase.split(' ')),
    verbFinalOpeners: set('verb-final-openers'),
    originPrepositions: set('origin-prepositions'),
    passive,
    time: set('time-words'),
    timeLead: set('time-leads'),
    pronouns: set('pronouns'),
    relatives,
    participleEndings: list('participle-endings'),
    stopCapitalised: set('not-names'),
    indefinite: set('indefinite'),
    anonymousHeads: set('anonymous-heads'),
    unnamedGroups: set('unnamed-groups'),
    bodySubjects: set('body-subject-pronouns'),
    sourceNouns: set('source-nouns'),
    personTitles,
    expertTitles: set('expert-titles'),
    government: wordList(list('government'), compounds),
    states: set('states'),
    organisation: wordList([...list('organisation'), ...bodyNouns], compounds),
    expert: wordList(list('expert'), compounds),
    media: wordList(list('media'), compounds),
    stateMedia: wordList(list('state-media'), compounds),
    adjectiveEndings: list('adjective-endings'),
    capitalisedNouns: compounds,
    verbSecondOpeners: set('verb-second-openers'),
    indefiniteArticles: set('indefinite-articles'),
    lowercaseOutlets: lowercaseOutletNames(pack),
    compoundPrepositions: [],
    separableParticles: set('separable-particles'),
    outletNameWords: set('outlet-name-words'),
    orgTitles: set('org-titles'),
    parties,
    relations: set('relations'),
    pastMembers: set('past-members'),
    mediaHeads: set('media-heads'),
    secondVerbMarkers: set('second-verb-markers'),
    roleConnectors: new Set(pack.attribution.lexicon['role-connectors'] ?? DEFAULT_ROLE_CONNECTORS),
    bodyWords: {
      suffixes: set('organisation-suffixes'),
      members: set('body-members'),
      memberConnectors: new Set(pack.attribution.lexicon['member-connectors'] ?? DEFAULT_MEMBER_CONNECTORS),
      parties,
      partyNouns: set('party-nouns'),
      nouns: new Set(bodyNouns),
      bodyPronouns: set('body-pronouns'),
      personPronouns: set('person-pronouns'),
      personTitles,
      relatives,
      copulas: passive,
      determiners,
    },
    prepositions: [],
    prepositionStarts: new Set(),
    postpositions: set('source-postpositions'),
    invertedPronouns: set('inverted-pronouns'),
    personPronouns: genders(list('he-pronouns'), list('she-pronouns')),
    titleGenders: genders(list('he-titles'), list('she-titles')),
    pluralVerbEndings: list('plural-verb-endings'),
    pluralPronouns: set('plural-pronouns'),
    partitivePronouns: set('partitive-pronouns'),
    ellipticSubjects: set('elliptic-subjects'),
    bodyPronounArticles: new Map(list('body-pronoun-articles').map((entry) => [entry.split(' ')[0]!, new Set(entry.split(' ').slice(1))])),
    afterInvertedSource: set('after-inverted-source'),
    listenerArticles: set('listener-articles'),
    floatingQuantifiers: set('floating-quantifiers'),
    titleAbbreviations: pairs(list('title-abbreviations')),
    objectPronouns: pairs(list('object-pronouns')),
    possessivePronouns: pairs(list('possessive-pronouns')),
    spokespeople: set('spokespeople'),
    viewVerbs: set('view-verbs'),
    viewAdjectives: set('view-adjectives'),
    viewAsVerbs: set('view-as-verbs'),
    viewComplementizers: set('view-complementizers'),
    copulas: list('copulas').length > 0 ? set('copulas') : passive,
  };
  const prepositions = pack.attribution.lexicon['source-prepositions'] ?? DEFAULT_PREPOSITIONS;
  lexicon.prepositions = prepositions.map((phrase) => phrase.split(' ')).sort((a, b) => b.length - a.length);
  lexicon.prepositionStarts = new Set(lexicon.prepositions.map((words) => words[0]!));
  const compoundNouns = new Set(list('compound-source-nouns'));
  lexicon.compoundPrepositions = lexicon.prepositions.filter((words) => words.length === 2 && compoundNouns.has(words[1]!)) as [string, string][];
  lexicons.set(pack, lexicon);
  return lexicon;
}

/** Entries of two words, "abbr word", as a map from the first to the second. */
const pairs = (entries: readonly string[]): Map<string, string> => new Map(entries.map((entry) => [entry.split(' ')[0]!, entry.split(' ')[1]!]));

export type Gender = 'he' | 'she';
const genders = (he: readonly string[], she: readonly string[]): Map<string, Gender> =>
  new Map<string, Gender>([...he.map((w) => [w, 'he'] as const), ...she.map((w) => [w, 'she'] as const)]);

/** A word list split for speed: single words in a set, the few multi-word phrases (by their first word) tested on joined text. */
interface WordList {
  words: Set<string>;
  phrases: string[];
  phraseStarts: Set<string>;
  /** In a language that writes compounds as one word, the words that also match as a compound's last part. */
  compoundEnds: string[];
}

/** The shortest list word that matches as the end of a compound: "Innenministeriums" ends in "ministeriums", but "Datenbank" is no bank. */
const MIN_COMPOUND_END = 6;

function wordList(entries: readonly string[], compounds: boolean): WordList {
  const phrases = entries.filter((e) => e.includes(' '));
  const words = entries.filter((e) => !e.includes(' '));
  return {
    words: new Set(words),
    phrases,
    phraseStarts: new Set(phrases.map((p) => p.split(' ')[0]!)),
    compoundEnds: compounds ? words.filter((w) => w.length >= MIN_COMPOUND_END) : [],
  };
}

/** Does this sequence of token norms contain one of the list's words or phrases (as whole words, or ending a compound)? */
export function containsAny(norms: readonly string[], list: WordList): boolean {
  let phraseMayMatch = false;
  for (const norm of norms) {
    if (list.words.has(norm)) return true;
    if (list.phraseStarts.has(norm)) phraseMayMatch = true;
    for (const end of list.compoundEnds) if (norm.length > end.length && norm.endsWith(end)) return true;
  }
  if (!phraseMayMatch) return false;
  const joined = ` ${norms.join(' ')} `;
  for (const phrase of list.phrases) if (joined.includes(` ${phrase} `)) return true;
  return false;
}

/**
 * The length of the longest of the list's words or phrases these norms contain (0 for none): which of two lists names
 * the source more exactly. "Agentur für Arbeit" and "Bundesagentur" are offices, though they end in a news "Agentur".
 */
export function longestMatch(norms: readonly string[], list: WordList): number {
  let longest = 0;
  for (const norm of norms) {
    if (list.words.has(norm)) longest = Math.max(longest, norm.length);
    for (const end of list.compoundEnds) if (norm.length > end.length && norm.endsWith(end)) longest = Math.max(longest, end.length);
  }
  const joined = ` ${norms.join(' ')} `;
  for (const phrase of list.phrases) if (joined.includes(` ${phrase} `)) longest = Math.max(longest, phrase.length);
  return longest;
}
