// Matches the loaded-language lexicon against article tokens: whole words, inflections, case rules, quoted vs. narrated.

import { findingMessages, type Finding } from './findings';
import type { CompiledLoadedEntry, CompiledPack } from './pack';
import { spanContaining, type Span } from './quotes';
import { childOf, longestMatch, type TrieMatch, type TrieNode } from './token-trie';
import type { Token } from './tokens';

/** Prefixes that say whose words these are: a term in quoted or reported speech is reported, not hidden. */

/**
 * Case rules. "lower" (the default): every word lowercase, except a capital at the start of a sentence, or
 * capitals when the words around are capitals too (a shouted headline); so names and titles ("Savage",
 * "Mob Museum") stay out. "any": case never matters. "exact": the text must equal one of the entry's forms.
 */
function caseAllows(entry: CompiledLoadedEntry, text: string, tokens: readonly Token[], first: number, last: number): boolean {
  if (entry.case === 'any') return true;
  if (entry.case === 'exact') return entry.forms?.includes(text) ?? false;
  for (let j = first; j <= last; j++) {
    const token = tokens[j]!;
    if (token.shape === 'lower') continue;
    if (token.shape === 'title' && j === first && token.sentenceStart) continue;
    if (token.shape === 'upper' && isShoutedAround(tokens, first, last)) continue;
    return false;
  }
  return true;
}

function isShoutedAround(tokens: readonly Token[], first: number, last: number): boolean {
  const neighbour = tokens[last + 1]?.word === true ? tokens[last + 1] : tokens[first - 1]?.word === true ? tokens[first - 1] : undefined;
  return neighbour !== undefined && neighbour.shape === 'upper' && neighbour.block === tokens[first]!.block;
}

/**
 * Hyphenated compounds whose first part only intensifies or dates the second: "now-infamous", "much-hyped". The
 * second part is looked up as a word of its own; other compounds ("anti-terrorist") are words of their own.
 */
const HYPHEN_PREFIXES = new Set(['now', 'much', 'once', 'long', 'ever', 'so', 'all', 'oft', 'often', 'truly']);

/** Words skipped when checking the next word: "hijacked a plane" is checked against "plane". */
const DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'our', 'your', 'this', 'that', 'two', 'three']);

function contextAllows(entry: CompiledLoadedEntry, tokens: readonly Token[], first: number, last: number): boolean {
  if (entry.exceptNext !== undefined) {
    let j = last + 1;
    for (let hops = 0; hops < 3; hops++, j++) {
      const next = tokens[j];
      if (next === undefined || !next.word || next.block !== tokens[last]!.block) break;
      if (entry.exceptNext.includes(next.norm)) return false;
      if (!DETERMINERS.has(next.norm)) break;
    }
  }
  const prev = tokens[first - 1];
  if (entry.exceptPrev !== undefined && prev?.word === true && prev.block === tokens[first]!.block && entry.exceptPrev.includes(prev.norm)) return false;
  return true;
}

/**
 * Loaded-term findings over the tokens of the article. At each word the trie gives the longest entry that
 * passes its case and context rules; matching resumes after it, so "radical elements" is one finding, not two.
 * `quoted` spans are quotation marks; `reported` spans are indirect speech after an attribution.
 */
export function findLoadedTerms(
  text: string,
  tokens: readonly Token[],
  quoted: readonly Span[],
  reported: readonly Span[],
  pack: CompiledPack,
  skipBlock?: (block: number) => boolean,
  reportingCues: readonly Span[] = [],
): Finding[] {
  const { entries } = pack.loaded;
  const trie = pack.loaded.trie;
  const findings: Finding[] = [];
  const accept = (index: number, first: number, last: number): boolean => {
    const entry = entries[index]!;
    if (entry.asReportingVerb === true && !inAny(reportingCues, tokens[first]!.start, tokens[last]!.end)) return false;
    const surface = text.slice(tokens[first]!.start, tokens[last]!.end);
    return caseAllows(entry, surface, tokens, first, last) && contextAllows(entry, tokens, first, last);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.word || skipBlock?.(token.block) === true) continue;
    let match = longestMatch(trie, tokens, i, accept);
    if (match === undefined) {
      // Rare: only hyphenated words get a second look ("now-infamous").
      if (token.norm.indexOf('-') <= 0) continue;
      match = hyphenTail(trie, tokens, i, accept);
      if (match === undefined) continue;
    }
    const entry = entries[match.entry]!;
    const start = token.start;
    const end = tokens[match.last]!.end;
    const inQuote = spanContaining(quoted, start, end) >= 0;
    // An editorializing adverb inside a quotation ("We are undoubtedly concerned") is the speaker's manner of
    // speaking, not the author's framing: it says nothing about the article, so it is not reported.
    if (inQuote && entry.category === 'editorializing') {
      i = match.last;
      continue;
    }
    const inReport = !inQuote && spanContaining(reported, start, end) >= 0;
    const finding: Finding = {
      kind: 'loaded',
      start,
      end,
      text: text.slice(start, end),
      ruleId: entry.ruleId,
      // The card and the popup say in the reader's language that quoted words are the speaker's (`quoted`).
      why: entry.why,
      alternative: entry.alternative,
      category: entry.category,
    };
    if (entry.whyTranslations !== undefined) finding.whyTranslations = entry.whyTranslations;
    if (entry.whyMessage !== undefined) finding.messages = findingMessages([entry.whyMessage], entry.alternativeMessage, entry.term);
    if (inQuote || inReport) finding.quoted = true;
    findings.push(finding);
    i = match.last;
  }
  return findings;
}

/** "now-infamous": the part after an intensifying prefix, matched as a one-word entry on the whole token. */
function hyphenTail(
  trie: TrieNode,
  tokens: readonly Token[],
  i: number,
  accept: (entry: number, first: number, last: number) => boolean,
): TrieMatch | undefined {
  const norm = tokens[i]!.norm;
  const dash = norm.lastIndexOf('-');
  if (dash <= 0 || !HYPHEN_PREFIXES.has(norm.slice(0, dash))) return undefined;
  const node = childOf(trie, norm.slice(dash + 1));
  for (const entry of node?.t ?? []) if (accept(entry, i, i)) return { entry, last: i };
  return undefined;
}

/** Is [start, end) inside one of the sorted, disjoint spans? */
function inAny(spans: readonly Span[], start: number, end: number): boolean {
  return spanContaining(spans, start, end) >= 0;
}
