// The vocabulary every detector speaks: a finding is a span of the article text with the rule that fired and why.

export type FindingKind = 'attribution' | 'boilerplate' | 'loaded';
export const FINDING_KINDS: readonly FindingKind[] = ['attribution', 'boilerplate', 'loaded'];

/** The kind a rule id names: packs compile every rule id as `<kind>:<entry id>` (core/compile.ts). */
export function kindOfRule(ruleId: string): FindingKind | undefined {
  const prefix = ruleId.slice(0, ruleId.indexOf(':'));
  return (FINDING_KINDS as readonly string[]).includes(prefix) ? (prefix as FindingKind) : undefined;
}

/** Who a claim rests on, as a reader would sort it. */
export type SourceType =
  | 'news-outlet'
  | 'state-affiliated'
  | 'government'
  | 'anonymous'
  | 'expert-or-organisation'
  | 'wire-service'
  | 'unknown';

/** What an address must look like to become a link on our pages: https, nothing else (no javascript:, data:, http:). */
export const HTTPS_ADDRESS = /^https:\/\//;

/** What the source table knows of an outlet (see src/core/sources.ts). */
export interface OutletInfo {
  id: string;
  name: string;
  /** state-affiliated, public-broadcaster, commercial, wire, partisan, satire, unreliable */
  type: string;
  country?: string;
  owner?: string;
  /** e.g. "deprecated", "generally reliable" */
  rating: string;
  rationale: string;
  provenance: string;
  /** Where the provenance can be read, when it is a page: an https address (HTTPS_ADDRESS), never another scheme. */
  provenanceUrl?: string;
  /** The rationale and owner in other languages, by language code ("de"). */
  translations?: Record<string, OutletTranslation>;
}

export interface OutletTranslation {
  rationale: string;
  owner?: string;
}

export interface SourceSpan {
  text: string;
  start: number;
  end: number;
  type: SourceType;
  outlet?: OutletInfo;
  /** For a pronoun ("he said"): the earlier named speaker it was resolved to, whose type it takes. */
  antecedent?: { text: string; start: number; end: number };
}

/** Offsets are UTF-16 code-unit offsets into the article text, end exclusive. */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  ruleId: string;
  /** One sentence: why this was flagged. */
  why: string;
  /** A neutral alternative or a question the reader can ask. */
  alternative?: string;
  category?: string;
  source?: SourceSpan;
  /** The term sits inside quoted or attributed speech, not the author's narration. */
  quoted?: true;
  /** Where `why` and `alternative` are our own data: their keys in the UI's message catalogues (ui/names.ts). */
  messages?: FindingMessages;
  /** `why` in other languages, by language code, where the entry gives them. */
  whyTranslations?: Record<string, string>;
}

export interface FindingMessages {
  /** Keys whose messages, joined by spaces, say `why`; `term` fills their $1. */
  why: string[];
  alternative?: string;
  term?: string;
  /**
   * The language the finding's own `why` and `alternative` are written in, where that is not English (our German
   * pack): a reader of that language reads them as written, any other reader the catalogue's words.
   */
  language?: string;
}

/** A finding's catalogue keys; `term` fills their $1, `language` is that of the finding's own words where not English. */
export function findingMessages(why: string[], alternative?: string, term?: string, language?: string): FindingMessages {
  const messages: FindingMessages = { why };
  if (alternative) messages.alternative = alternative;
  if (term !== undefined) messages.term = term;
  if (language) messages.language = language;
  return messages;
}

export interface Analysis {
  findings: Finding[];
  /** How many attributed claims rest on each kind of source. */
  ledger: Record<SourceType, number>;
  /** Share (0..1) of the article's characters that sit in promotional blocks. */
  promotionalShare: number;
}
