// The compiled rule pack every detector reads.

import type { OutletInfo, SourceType } from './findings';
import type { TrieNode } from './token-trie';
import type { COMPILED_FORMAT } from './compiled-format';
import type { Triggers } from './triggers';

/** How a lexicon entry treats capital letters: see loaded-terms.ts. */
export type CaseRule = 'lower' | 'any' | 'exact';

export interface CompiledLoadedEntry {
  /** e.g. "loaded:mobs" */
  ruleId: string;
  term: string;
  category: string;
  why: string;
  alternative: string;
  case: CaseRule;
  /** For exact-case entries only: every surface form the trie holds (inflections included). */
  forms?: string[];
  /** The match is dropped when the next word (token norm) is one of these ("cult classic"). */
  exceptNext?: string[];
  exceptPrev?: string[];
  /** Only where the word is the verb of an attribution finding ("Obama admitted that …"). */
  asReportingVerb?: true;
  /** `why` in other languages, by language code. */
  whyTranslations?: Record<string, string>;
  /** Message keys of `why` (with the term) and `alternative` in the UI's catalogues, for our own English data. */
  whyMessage?: string;
  alternativeMessage?: string;
}

/** Where a rule is our own data: its catalogue keys, and the language its own words are in where not English. */
export interface OurRuleTexts {
  whyMessage?: string;
  alternativeMessage?: string;
  /** The language `why` and `alternative` are written in, where that is not English (our German pack's rules). */
  textLanguage?: string;
}

export interface CompiledBoilerplateRule extends Triggers, OurRuleTexts {
  ruleId: string;
  category: string;
  why: string;
  alternative: string;
  /**
   * Regex source, applied to one block at a time and only to blocks that pass the triggers; checked at compile
   * time for nested quantifiers, and compiled in the page only when a block first passes the triggers.
   */
  pattern: string;
  flags: string;
  /** How many matches the block needs (link farms need several separators). */
  minMatches: number;
  /** Longer blocks are never this rule's boilerplate: promotional lines are short. */
  maxLength: number;
  /** The pattern alone is not enough: the block must also read as the site addressing the reader. */
  needsCue: boolean;
}

/** Word lists (lowercase) that make a line read as the site addressing the reader; see compile.ts's BoilerplateCueWords. */
export interface BoilerplateCues {
  imperatives: string[];
  fillers: string[];
  firstPersonPlural: string[];
  reported: string[];
  finalImperatives: string[];
  widgetWords: string[];
  readerPronouns: string[];
}

export interface CompiledAttributionRule extends OurRuleTexts {
  ruleId: string;
  why: string;
  alternative: string;
}

/** One inflected reporting-verb form and the conditions under which it reports speech (see compile.ts's Verb). */
export interface CompiledVerb {
  base: string;
  ambiguous: boolean;
  plainBase: boolean;
  particle?: string;
  evidence?: true;
  needsQuote?: true;
  quoteTag?: true;
  aside?: true;
  judgesAs?: true;
  exceptNext?: string[];
}

export interface CompiledAttribution {
  rules: Record<string, CompiledAttributionRule>;
  /** One sentence per source type, appended to the rule's why. */
  sourceTypes: Record<SourceType, string>;
  /** Message keys of the notes that are our own data (English, or the language of the rules' `textLanguage`). */
  sourceTypeMessages?: Partial<Record<SourceType, string>>;
  /** Inflected reporting-verb form -> its base and whether the form is also a common noun ("reports"). */
  verbs: Record<string, CompiledVerb>;
  /** Named word lists (token norms): determiners, connectors, agent nouns, government words and so on. */
  lexicon: Record<string, string[]>;
  /** Phrases (as token norms) that mark a source as deliberately unnamed. */
  anonymityPhrases: string[][];
}

export interface OutletRecord extends OutletInfo {
  aliases: string[];
  domains: string[];
}

export interface CompiledPack {
  format: typeof COMPILED_FORMAT;
  id: string;
  version: string;
  language: string;
  license: string;
  /** The source packs this was compiled from, in order (later ones override earlier ones). */
  packs: { id: string; version: string; kind: string; license: string }[];
  loaded: { entries: CompiledLoadedEntry[]; trie: TrieNode };
  boilerplate: { rules: CompiledBoilerplateRule[]; cues: BoilerplateCues };
  attribution: CompiledAttribution;
  outlets: OutletRecord[];
}

/** Compiled packs by primary language ("en", "de"). */
export type PacksByLanguage = Record<string, CompiledPack>;

/**
 * A compiled pack shipped as JSON text, parsed once on first use: a page without an article never parses it, and
 * JSON.parse of the text is the cheapest way V8 has to build the object (faster than evaluating a literal).
 */
export function lazyPack(text: string): () => CompiledPack {
  let pack: CompiledPack | undefined;
  return () => (pack ??= JSON.parse(text) as CompiledPack);
}
