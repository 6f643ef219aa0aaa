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
const READER_ADDRESS = /\b(?:our|us|we|you|your|you're|we're)\b/i;
/** Narration or a quotation: a reporting verb means the line reports someone, even if it mentions donations. */
const REPORTED = /\b(?:said|says|told|according to|reported|announced|added)\b/i;
const FIRST_WORDS = /[\p{L}']+/gu;

interface CompiledRule {
  rule: CompiledBoilerplateRule;
  regex: RegExp;
}

const compiledRules = new WeakMap<CompiledPack, CompiledRule[]>();

function rulesFor(pack: CompiledPack): CompiledRule[] {
  let rules = compiledRules.get(pack);
  if (rules === undefined) {
    // One regex per rule (a few dozen), built once per pack; each runs on one short block at a time.
    rules = pack.boilerplate.rules.map((rule) => ({ rule, regex: new RegExp(rule.pattern, `${rule.flags}gu`) }));
    compiledRules.set(pack, rules);
  }
  return rules;
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

function startsImperative(line: string): boolean {
  FIRST_WORDS.lastIndex = 0;
  for (let i = 0; i < 4; i++) {
    const match = FIRST_WORDS.exec(line);
    if (match === null) return false;
    const word = match[0].toLowerCase().replace(/’/g, "'");
    if (LEADING_FILLERS.has(word)) continue;
    return IMPERATIVES.has(word);
  }
  return false;
}

/** The cues a weak pattern needs: an instruction, the site speaking as "we" to "you", or shouting. */
export function readsAsAddress(line: string): boolean {
  return startsImperative(line) || READER_ADDRESS.test(line) || isShouting(line);
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
  if (trimmed === '' || trimmed.length > longestRule(pack)) return undefined;
  // The cue is decided once per line, before any cue-needing pattern runs: an ordinary news paragraph
  // (no "we/our/you", no instruction, no shouting, or a reporting verb) skips those patterns entirely.
  let cue: boolean | undefined;
  let lower: string | undefined;
  for (const { rule, regex } of rulesFor(pack)) {
    if (trimmed.length > rule.maxLength) continue;
    if (rule.requires !== undefined) {
      lower ??= trimmed.toLowerCase();
      if (!rule.requires.some((literal) => lower!.includes(literal))) continue;
    }
    if (rule.needsCue) {
      cue ??= !REPORTED.test(trimmed) && readsAsAddress(trimmed);
      if (!cue) continue;
    }
    if (countMatches(regex, trimmed, rule.minMatches) < rule.minMatches) continue;
    return rule;
  }
  return undefined;
}

const longest = new WeakMap<CompiledPack, number>();
function longestRule(pack: CompiledPack): number {
  let max = longest.get(pack);
  if (max === undefined) {
    max = Math.max(0, ...pack.boilerplate.rules.map((rule) => rule.maxLength));
    longest.set(pack, max);
  }
  return max;
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
