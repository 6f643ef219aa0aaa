// Decides, block by block, which lines are promotional boilerplate (appeals, join/follow, read-more, share, paywall, sponsored, link farms).

import type { Finding } from './findings';
import type { Block } from './blocks';
import type { CompiledBoilerplateRule, CompiledPack } from './pack';

/** Tuning constants: what makes a line read as the site talking to the reader rather than reporting. */
const SHOUTING_MIN_LETTERS = 8;
const SHOUTING_UPPER_SHARE = 0.8;
/** First words that make a line an instruction to the reader (after an optional "please", "also", "and"). */
const IMPERATIVES = new Set([
  'support', 'help', 'donate', 'give', 'contribute', 'chip', 'join', 'follow', 'like', 'subscribe', 'sign', 'register',
  'share', 'tweet', 'email', 'send', 'contact', 'click', 'tap', 'read', 'watch', 'listen', 'get', 'download', 'install',
  'become', 'visit', 'check', 'keep', 'stay', 'make', 'shop', 'buy', 'order', 'use', 'leave', 'find', 'discover',
  'learn', 'see', 'tell', 'connect', 'grab', 'claim', 'try', 'start', 'enter', 'upgrade', 'unlock', 'save', "don't",
  'do', 'never', 'be', 'got', 'want', 'love', 'enjoy', 'ask', 'spread', 'pass', 'tune', 'bookmark', 'log',
]);
const LEADING_FILLERS = new Set(['please', 'also', 'and', 'so', 'now', 'today', 'then', 'oh', 'psst', 'hey']);
/** The site speaking as "we": a cue only in a short line, since articles and blogs say "we" too. */
const FIRST_PERSON_PLURAL = /\b(?:our|us|we|we're|we've|we'll)\b/i;
const FIRST_PERSON_MAX_LENGTH = 140;
/** Where an instruction may start: the line start, or after a sentence end, a colon or an opening bracket. */
const SENTENCE_BREAK = /[.!?:;]\s+|[[(“"]/u;
const MAX_SENTENCES_CHECKED = 4;
/** Narration or a quotation: a reporting verb means the line reports someone, even if it mentions donations. */
const REPORTED = /\b(?:said|says|told|according to|reported|announced|added)\b/i;
const FIRST_WORDS = /[\p{L}']+/gu;

interface CompiledRule {
  rule: CompiledBoilerplateRule;
  regex: RegExp;
}

interface CompiledRules {
  rules: CompiledRule[];
  /** Any of the rules' `requires` literals: one scan tells whether any prefiltered rule can apply. */
  prefilter: RegExp | undefined;
  longest: number;
}

const compiledRules = new WeakMap<CompiledPack, CompiledRules>();

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rulesFor(pack: CompiledPack): CompiledRules {
  let compiled = compiledRules.get(pack);
  if (compiled === undefined) {
    // One regex per rule (a few dozen), built once per pack; each runs on one short block at a time.
    const rules = pack.boilerplate.rules.map((rule) => ({ rule, regex: new RegExp(rule.pattern, `${rule.flags}gu`) }));
    const literals = [...new Set(pack.boilerplate.rules.flatMap((rule) => rule.requires ?? []))];
    compiled = {
      rules,
      prefilter: literals.length === 0 ? undefined : new RegExp(literals.map(escapeRegex).join('|')),
      longest: Math.max(0, ...pack.boilerplate.rules.map((rule) => rule.maxLength)),
    };
    compiledRules.set(pack, compiled);
  }
  return compiled;
}

function isShouting(line: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 128) {
      if (code >= 65 && code <= 90) {
        letters++;
        upper++;
      } else if (code >= 97 && code <= 122) {
        letters++;
      }
      continue;
    }
    const ch = line.charAt(i);
    const lower = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lower === up) continue;
    letters++;
    if (ch === up) upper++;
  }
  return letters >= SHOUTING_MIN_LETTERS && upper / letters >= SHOUTING_UPPER_SHARE;
}

function startsImperative(sentence: string): boolean {
  FIRST_WORDS.lastIndex = 0;
  for (let i = 0; i < 4; i++) {
    const match = FIRST_WORDS.exec(sentence);
    if (match === null) return false;
    const word = match[0].toLowerCase().replace(/’/g, "'");
    if (LEADING_FILLERS.has(word)) continue;
    return IMPERATIVES.has(word);
  }
  return false;
}

/** Does any of the first sentences of the line start with an instruction ("Keep up with …", "Join our …")? */
function hasInstruction(line: string): boolean {
  const sentences = line.split(SENTENCE_BREAK, MAX_SENTENCES_CHECKED);
  if (sentences.some(startsImperative)) return true;
  const please = line.toLowerCase().indexOf('please ');
  return please > 0 && startsImperative(line.slice(please));
}

/**
 * The cues a weak pattern needs: an instruction to the reader, shouting, or the site speaking as "we" in a
 * short line. "You" alone is not a cue: explainers and blogs address the reader all the time.
 */
export function readsAsAddress(line: string): boolean {
  return hasInstruction(line) || isShouting(line) || (line.length <= FIRST_PERSON_MAX_LENGTH && FIRST_PERSON_PLURAL.test(line));
}

function countMatches(regex: RegExp, line: string, needed: number): number {
  regex.lastIndex = 0;
  let count = 0;
  while (count < needed && regex.exec(line) !== null) count++;
  return count;
}

/** The rule that makes this line boilerplate, or undefined. Rules are tried in pack order; the first that fires wins. */
export function classifyLine(line: string, pack: CompiledPack): CompiledBoilerplateRule | undefined {
  const trimmed = line.trim();
  const { rules, prefilter, longest } = rulesFor(pack);
  if (trimmed === '' || trimmed.length > longest) return undefined;
  const lower = trimmed.toLowerCase();
  // Most lines of an article contain none of the prefilter literals: then every rule that has them is skipped.
  const anyLiteral = prefilter === undefined || prefilter.test(lower);
  // The cue is decided once per line, before any cue-needing pattern runs: an ordinary news paragraph
  // (no instruction, no shouting, no short "we" line, or a reporting verb) skips those patterns entirely.
  let cue: boolean | undefined;
  for (const { rule, regex } of rules) {
    if (trimmed.length > rule.maxLength) continue;
    if (rule.requires !== undefined && (!anyLiteral || !rule.requires.some((literal) => lower.includes(literal)))) continue;
    if (rule.needsCue) {
      cue ??= !REPORTED.test(trimmed) && readsAsAddress(trimmed);
      if (!cue) continue;
    }
    if (countMatches(regex, trimmed, rule.minMatches) < rule.minMatches) continue;
    return rule;
  }
  return undefined;
}

/** One finding per promotional block, spanning the whole block (without surrounding spaces). */
export function findBoilerplate(text: string, blocks: readonly Block[], pack: CompiledPack): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    let start = block.start;
    let end = block.end;
    while (start < end && /\s/.test(text.charAt(start))) start++;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    if (end === start) continue;
    const line = text.slice(start, end);
    const rule = classifyLine(line, pack);
    if (rule === undefined) continue;
    findings.push({
      kind: 'boilerplate',
      start,
      end,
      text: line,
      ruleId: rule.ruleId,
      why: rule.why,
      alternative: rule.alternative,
      category: rule.category,
    });
  }
  return findings;
}
