// Decides, block by block, which lines are promotional boilerplate (appeals, join/follow, read-more, share, paywall, sponsored, link farms).

import { findingMessages, type Finding } from './findings';
import type { Block } from './blocks';
import type { BoilerplateCues, CompiledBoilerplateRule, CompiledPack } from './pack';
import { passesTriggers } from './triggers';

/** Tuning constants: what makes a line read as the site talking to the reader rather than reporting. */
const SHOUTING_MIN_LETTERS = 8;
const SHOUTING_UPPER_SHARE = 0.8;
/** The site speaking as "we" is a cue only in a short line, since articles and blogs say "we" too. */
const FIRST_PERSON_MAX_LENGTH = 140;
/** Where an instruction may start: the line start, or after a sentence end, a colon or an opening bracket. */
const SENTENCE_BREAK = /[.!?:;]\s+|[[(“"]/u;
const MAX_SENTENCES_CHECKED = 4;
/** "Please" in the middle of a line still opens an instruction: "We rely on readers like you, please give." */
const POLITE = 'please';
const GERUND = 'ing';

/** The pack's cue words as sets (BoilerplateCues in pack.ts says what each list is). */
type CueWords = { [K in keyof BoilerplateCues]: Set<string> };

/** Character tests written out, not as Unicode regexes: compiling `\p{L}` classes costs more on a first page than these scans. */
const isLetter = (ch: string) => ch.toLowerCase() !== ch.toUpperCase();
const isCapital = (ch: string) => ch !== ch.toLowerCase();

/**
 * A rule with its regex built on first use: most pages never have a line that passes a given rule's triggers,
 * and then that rule's regex is never compiled (compiling the full set costs 6-14 ms cold in a page).
 */
class LazyRule {
  private compiled: RegExp | undefined;
  constructor(readonly rule: CompiledBoilerplateRule) {}
  get regex(): RegExp {
    return (this.compiled ??= new RegExp(this.rule.pattern, `${this.rule.flags}gu`));
  }
}

interface CompiledRules {
  rules: LazyRule[];
  longest: number;
  cues: CueWords;
}

const compiledRules = new WeakMap<CompiledPack, CompiledRules>();

function rulesFor(pack: CompiledPack): CompiledRules {
  let compiled = compiledRules.get(pack);
  if (compiled === undefined) {
    const { cues } = pack.boilerplate;
    compiled = {
      rules: pack.boilerplate.rules.map((rule) => new LazyRule(rule)),
      longest: Math.max(0, ...pack.boilerplate.rules.map((rule) => rule.maxLength)),
      cues: Object.fromEntries(Object.entries(cues).map(([name, list]) => [name, new Set(list)])) as CueWords,
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

/** Letters and apostrophes make a word ("don't", "we're"). */
const isWordChar = (ch: string) => ch === "'" || isLetter(ch);

/** The words of a text, lowercased, one at a time; stops when `visit` returns true. */
function someWord(text: string, visit: (word: string) => boolean): boolean {
  let i = 0;
  while (i < text.length) {
    while (i < text.length && !isWordChar(text.charAt(i))) i++;
    if (i >= text.length) return false;
    const start = i;
    while (i < text.length && isWordChar(text.charAt(i))) i++;
    if (visit(text.slice(start, i).toLowerCase())) return true;
  }
  return false;
}

/** A short instruction whose verb comes last: "Jetzt Newsletter abonnieren", "versandkostenfrei bestellen". */
const FINAL_IMPERATIVE_MAX_WORDS = 6;

/**
 * Does the sentence open, after fillers ("please", "jetzt"), with one of the first words of an instruction, or is it
 * a few words closed by one of the verbs a language puts last?
 */
function startsImperative(sentence: string, cues: CueWords): boolean {
  let verdict = false;
  let seen = 0;
  let afterFiller = false;
  someWord(sentence, (word) => {
    if (++seen > 4) return true;
    if (cues.fillers.has(word)) {
      afterFiller = true;
      return false;
    }
    // After a filler, an instruction's verb may take -ing: "Please consider subscribing", "Consider donating". Not
    // at the start of a sentence, where it is the subject: "Supporting our troops is a duty".
    verdict = cues.imperatives.has(word) || (afterFiller && isInstructionGerund(word, cues));
    return true;
  });
  if (verdict || cues.finalImperatives.size === 0) return verdict;
  let words = 0;
  let last = '';
  someWord(sentence, (word) => {
    last = word;
    return ++words > FINAL_IMPERATIVE_MAX_WORDS;
  });
  return words <= FINAL_IMPERATIVE_MAX_WORDS && cues.finalImperatives.has(last);
}

/** "subscribing", "donating": an instruction's first word with -ing (its stem, or its stem with the "e" restored). */
function isInstructionGerund(word: string, cues: CueWords): boolean {
  if (!word.endsWith(GERUND)) return false;
  const stem = word.slice(0, -GERUND.length);
  return cues.imperatives.has(stem) || cues.imperatives.has(`${stem}e`);
}

/** Does any of the first sentences of the line start with an instruction ("Keep up with …", "Folgen Sie uns …")? */
function hasInstruction(line: string, cues: CueWords): boolean {
  const sentences = line.split(SENTENCE_BREAK, MAX_SENTENCES_CHECKED);
  if (sentences.some((sentence) => startsImperative(sentence, cues))) return true;
  const please = cues.fillers.has(POLITE) ? line.toLowerCase().indexOf(`${POLITE} `) : -1;
  return please > 0 && startsImperative(line.slice(please), cues);
}

/** A line that reports someone ("said", "sagte") is narration, whatever it mentions; else is it an address? */
const addressesReader = (line: string, pack: CompiledPack): boolean => !someWord(line, (word) => rulesFor(pack).cues.reported.has(word)) && readsAsAddress(line, pack);

/**
 * The cues a weak pattern needs: an instruction to the reader, shouting, or the site speaking as "we" in a
 * short line. "You" alone is not a cue: explainers and blogs address the reader all the time.
 */
export function readsAsAddress(line: string, pack: CompiledPack): boolean {
  const { cues } = rulesFor(pack);
  return hasInstruction(line, cues) || isShouting(line) || (line.length <= FIRST_PERSON_MAX_LENGTH && someWord(line, (word) => cues.firstPersonPlural.has(word)));
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
  const { rules, longest } = rulesFor(pack);
  if (trimmed === '' || trimmed.length > longest) return undefined;
  const lower = trimmed.toLowerCase();
  // The cue is decided once per line, before any cue-needing pattern runs: an ordinary news paragraph
  // (no instruction, no shouting, no short "we" line, or a reporting verb) skips those patterns entirely.
  let cue: boolean | undefined;
  for (const lazy of rules) {
    const rule = lazy.rule;
    if (trimmed.length > rule.maxLength) continue;
    if (!passesTriggers(rule.flags === '' ? trimmed : lower, rule)) continue;
    if (rule.needsCue) {
      cue ??= addressesReader(trimmed, pack);
      if (!cue) continue;
    }
    if (countMatches(lazy.regex, trimmed, rule.minMatches) < rule.minMatches) continue;
    return rule;
  }
  return undefined;
}

/**
 * Promotional widgets often spread over several short lines: a newsletter pitch followed by its plan table
 * ("Monthly", "$7/month", "A flexible plan you can cancel anytime."), "Make MSN my homepage" followed by its
 * set-up steps, a "Read more:" header followed by the headlines it lists. A line right after a promotional line
 * continues the same block when it is short and carries one of these cues; the run stops at the first line
 * that does not. Tuning constants:
 */
const CONTINUATION_MAX_LENGTH = 100;
/** A "Read more:"-style header lists headlines: short lines without a sentence end. */
const LISTED_HEADLINE_MAX_LENGTH = 120;
/** A bare label inside a widget ("Monthly", "Corporate") continues it only when the line after it does too. */
const LABEL_MAX_LENGTH = 20;
/** "you"/"your" alone is a cue only in a very short line right after a promotional one. */
const YOU_LINE_MAX_LENGTH = 60;
const PRICE = /[$£€]\s?\d[\d.,]*(?:\s*(?:\/|per|a)\s*\p{L}+)*/u;
const SENTENCE_END_AT_END = /[.!?…]["'”’)\]]?$/;

/** Quoted speech is never a widget's text. */
const QUOTE_MARK = /["“”«»]/u;

function continuesPromotion(line: string, pack: CompiledPack): boolean {
  if (line.length > CONTINUATION_MAX_LENGTH || QUOTE_MARK.test(line)) return false;
  const { cues } = rulesFor(pack);
  if (PRICE.test(line) || holdsCue(line, cues.widgetWords)) return true;
  if (line.length <= YOU_LINE_MAX_LENGTH && holdsCue(line, cues.readerPronouns)) return true;
  return addressesReader(line, pack);
}

/** Does the line hold one of these words, or of these two-word phrases ("cancel anytime", "jederzeit kündbar")? */
function holdsCue(line: string, cues: ReadonlySet<string>): boolean {
  if (cues.size === 0) return false;
  let previous = '';
  return someWord(line, (word) => {
    const found = cues.has(word) || (previous !== '' && cues.has(`${previous} ${word}`));
    previous = word;
    return found;
  });
}

/**
 * Related-story headlines dropped into the body with nothing around them: at least HEADLINE_RUN_MIN lines in a
 * row, each a few words in Title Case with no sentence end ("Redesigned Scopes Fail to Stop 'Superbug Outbreaks").
 * A single title-case line is a subhead; three in a row are a link list, unless the lines come back later as the
 * article's own subheads (a table of contents, which is navigation inside the article, not promotion).
 */
const HEADLINE_RUN_MIN = 3;
const HEADLINE_MIN_WORDS = 4;
const HEADLINE_MAX_WORDS = 16;
/** Share of the longer words (4+ letters) that start with a capital. */
const HEADLINE_CAPITAL_SHARE = 0.8;
/** Letters, apostrophes and hyphens continue a word, as in "Superbug's" or "Anti-Vax". */
const isWordPart = (ch: string) => ch === "'" || ch === '’' || ch === '-' || isLetter(ch);

/** A few words in Title Case with no sentence end: it runs on most short lines of every article. */
function isTitleCaseHeadline(line: string): boolean {
  if (line.length > LISTED_HEADLINE_MAX_LENGTH || SENTENCE_END_AT_END.test(line) || line.endsWith(':')) return false;
  let words = 0;
  let long = 0;
  let capitals = 0;
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line.charAt(i))) i++;
    if (i >= line.length) break;
    words++;
    // Within a whitespace-separated word, count its runs of letters of 4+ characters that start with a letter.
    while (i < line.length && !/\s/.test(line.charAt(i))) {
      if (!isLetter(line.charAt(i))) {
        i++;
        continue;
      }
      const first = line.charAt(i);
      let length = 0;
      while (i < line.length && isWordPart(line.charAt(i))) {
        i++;
        length++;
      }
      if (length >= 4) {
        long++;
        if (isCapital(first)) capitals++;
      }
    }
  }
  if (words < HEADLINE_MIN_WORDS || words > HEADLINE_MAX_WORDS || long < 3) return false;
  return capitals / long >= HEADLINE_CAPITAL_SHARE;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

/** One finding per promotional block, spanning the whole block (without surrounding spaces). */
export function findBoilerplate(text: string, blocks: readonly Block[], pack: CompiledPack): Finding[] {
  const lines: Line[] = [];
  for (const block of blocks) {
    let start = block.start;
    let end = block.end;
    while (start < end && /\s/.test(text.charAt(start))) start++;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    lines.push({ start, end, text: text.slice(start, end) });
  }
  const decided: (CompiledBoilerplateRule | undefined)[] = lines.map((line) => (line.text === '' ? undefined : classifyLine(line.text, pack)));

  // Related headlines in a row: named by the link-farm rule (a list of links to other pages).
  const linkFarm = pack.boilerplate.rules.find((rule) => rule.category === 'link-farm');
  if (linkFarm !== undefined) {
    const seen = new Map<string, number>();
    for (const line of lines) if (line.text !== '') seen.set(line.text, (seen.get(line.text) ?? 0) + 1);
    for (let i = 0; i < lines.length; ) {
      let j = i;
      while (j < lines.length && decided[j] === undefined && seen.get(lines[j]!.text) === 1 && isTitleCaseHeadline(lines[j]!.text)) j++;
      if (j - i >= HEADLINE_RUN_MIN) for (let k = i; k < j; k++) decided[k] = linkFarm;
      i = j > i ? j : i + 1;
    }
  }

  // Runs: the lines after a promotional line that continue its widget take its rule.
  for (let i = 0; i < lines.length; i++) {
    const rule = decided[i];
    if (rule === undefined) continue;
    const listsHeadlines = rule.category === 'read-more' && lines[i]!.text.endsWith(':');
    let j = i + 1;
    for (; j < lines.length && decided[j] === undefined; j++) {
      const line = lines[j]!.text;
      if (line === '') break;
      if (listsHeadlines && line.length <= LISTED_HEADLINE_MAX_LENGTH && !SENTENCE_END_AT_END.test(line)) {
        decided[j] = rule;
        continue;
      }
      if (continuesPromotion(line, pack)) {
        decided[j] = rule;
        continue;
      }
      const next = lines[j + 1]?.text ?? '';
      if (line.length <= LABEL_MAX_LENGTH && !SENTENCE_END_AT_END.test(line) && next !== '' && continuesPromotion(next, pack)) {
        decided[j] = rule;
        continue;
      }
      break;
    }
    i = j - 1;
  }

  const findings: Finding[] = [];
  lines.forEach((line, i) => {
    const rule = decided[i];
    if (rule === undefined) return;
    findings.push({
      kind: 'boilerplate',
      start: line.start,
      end: line.end,
      text: line.text,
      ruleId: rule.ruleId,
      why: rule.why,
      alternative: rule.alternative,
      category: rule.category,
      ...(rule.whyMessage ? { messages: findingMessages([rule.whyMessage], rule.alternativeMessage, undefined, rule.textLanguage) } : {}),
    });
  });
  return findings;
}
