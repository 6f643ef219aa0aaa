// Compiles source rule packs (src/data/*.json, or a teacher's pack) into the CompiledPack the detectors load.

import * as v from 'valibot';
import { HTTPS_ADDRESS, type SourceType } from './findings';
import { surfaceForms } from './inflect';
import { COMPILED_FORMAT } from './compiled-format';
import type { BoilerplateCues, CompiledAttribution, CompiledBoilerplateRule, CompiledLoadedEntry, CompiledPack, OurRuleTexts, OutletRecord } from './pack';
import { insertPhrase, type TrieNode } from './token-trie';
import { tokenizeBlock, type Token } from './tokens';
import { passesTriggers, type Triggers } from './triggers';

export const SOURCE_TYPES = [
  'news-outlet',
  'state-affiliated',
  'government',
  'anonymous',
  'expert-or-organisation',
  'wire-service',
  'unknown',
] as const satisfies readonly SourceType[];

export const LOADED_CATEGORIES = [
  'labelling',
  'emotive',
  'loaded-verb',
  'vague',
  'euphemism',
  'puffery',
  'editorializing',
  'doubt',
] as const;

export const OUTLET_TYPES = ['state-affiliated', 'public-broadcaster', 'commercial', 'wire', 'partisan', 'satire', 'unreliable'] as const;
export const OUTLET_RATINGS = ['generally reliable', 'no consensus', 'generally unreliable', 'deprecated', 'not rated'] as const;

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase words joined by hyphens'));
const Text = v.pipe(v.string(), v.minLength(1), v.maxLength(400));
const Sentence = v.pipe(v.string(), v.minLength(10), v.maxLength(400));
const Words = v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(80)));

/** BCP 47 primary language subtag (optionally with a region): the analyser picks packs by the article's language. */
export const PackLanguage = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'language is a BCP 47 tag such as "en" or "de", or with a region "en-GB"'));

const header = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9.-]*$/)),
  version: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'version is major.minor.patch')),
  language: PackLanguage,
  license: Text,
  description: v.optional(v.pipe(v.string(), v.maxLength(2000))),
};

/**
 * A term the matcher can find: words only. It walks the article's word tokens, so a term of punctuation alone ("—")
 * would never fire, and punctuation inside one ("c++", "AT&T") would fire on a part of it or never.
 */
const Matchable = v.check((term: string) => {
  const tokens: Token[] = [];
  tokenizeBlock(term, 0, term.length, 0, tokens);
  return tokens.length > 0 && tokens.every((token) => token.word);
}, 'a term is words the matcher can find: letters or digits, joined by spaces, hyphens or apostrophes; no other punctuation');
const Term = v.pipe(v.string(), v.minLength(1), v.maxLength(80), Matchable);

/** Text in other languages, by language code: the UI shows it in the reader's language. */
const LanguageCode = v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'a language code such as "de"'));

const LoadedEntry = v.strictObject({
  id: Id,
  term: Term,
  category: v.picklist(LOADED_CATEGORIES),
  why: Sentence,
  alternative: Text,
  /** `why` in other languages (the alternative is words for the article, in the article's language). */
  translations: v.optional(v.record(LanguageCode, v.strictObject({ why: Sentence }))),
  inflect: v.optional(v.picklist(['noun', 'verb', 'adj', 'none'])),
  forms: v.optional(v.array(Term)),
  case: v.optional(v.picklist(['lower', 'any', 'exact'])),
  exceptNext: v.optional(Words),
  exceptPrev: v.optional(Words),
  /** A said-synonym ("admitted", "claimed"): flagged only where it is the verb of an attribution, not "admitted to hospital". */
  asReportingVerb: v.optional(v.boolean()),
  disabled: v.optional(v.boolean()),
});

const Triggers = v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(40))), v.minLength(1));

const BoilerplateEntry = v.strictObject({
  id: Id,
  category: Id,
  why: Sentence,
  alternative: Text,
  // Long enough for a rule's alternatives (a widget's headers, its "Advertisement - Continue reading below"); each one
  // is checked for unsafe quantifiers, and only lines up to maxLength are tried.
  pattern: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
  flags: v.optional(v.picklist(['', 'i'])),
  minMatches: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20))),
  maxLength: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(600)),
  needsCue: v.boolean(),
  /**
   * Triggers (see triggers.ts): the line must contain one of `requires`, start with one of `leading` or end with
   * one of `trailing` before the pattern runs; compared lowercased unless the pattern is case-sensitive (flags "").
   */
  requires: v.optional(Triggers),
  leading: v.optional(Triggers),
  trailing: v.optional(Triggers),
  examples: v.pipe(v.array(Text), v.minLength(1)),
  counterExamples: v.optional(v.array(Text)),
  disabled: v.optional(v.boolean()),
});

const BoilerplateCueWords = v.strictObject({
  /** First words that make a sentence an instruction to the reader ("join", "folgen"). */
  imperatives: Words,
  /** Words that may come before such a first word ("please", "jetzt"). */
  fillers: Words,
  /** The site speaking as "we" ("our", "uns"): a cue in a short line. */
  firstPersonPlural: Words,
  /** Words of reporting: a line that holds one reports someone, whatever it mentions ("said", "sagte"). */
  reported: Words,
  /** Verbs that close a short instruction, in a language that puts them last ("Jetzt Newsletter abonnieren"). */
  finalImperatives: v.optional(Words),
  /** Words or two-word phrases of a widget's plan table, payment and steps ("monthly", "cancel anytime", "paypal", "tap"). */
  widgetWords: v.optional(Words),
  /** The reader addressed ("you", German "du"): a cue in a very short line right after a promotional one. */
  readerPronouns: v.optional(Words),
});

const AttributionRule = v.strictObject({ id: Id, why: Sentence, alternative: Text, disabled: v.optional(v.boolean()) });
const Verb = v.strictObject({
  base: v.pipe(v.string(), v.regex(/^[a-z]+$/)),
  forms: Words,
  /** Forms that are also everyday nouns ("reports", "claims"): they count only before that, a colon or a quote. */
  ambiguous: v.optional(Words),
  /** The base form itself reports speech for plural subjects ("officials say"). */
  plainBase: v.optional(v.boolean()),
  /** A particle that must follow the verb, and is part of the cue ("pointed out"). */
  particle: v.optional(v.pipe(v.string(), v.regex(/^\p{Ll}+$/u, 'a particle is one lowercase word, such as "out" or "zurück"'))),
  /** A verb of evidence ("found", "shows"): it reports a claim only before "that", or after a document noun ("the study shows"); never in the passive ("was found dead"). */
  evidence: v.optional(v.boolean()),
  /** The verb reports speech only next to a quotation in its own clause ("called the bill “a disgrace”", "“…,” the sign reads"). */
  needsQuote: v.optional(v.boolean()),
  /** The verb reports speech only as a quotation's tag, right after it or right before it ("“…?” she asked", "he continued: “…”"). */
  quoteTag: v.optional(v.boolean()),
  /** The verb reports a view only as an aside after the claim, closed by a comma or the sentence's end ("…, scientists think."). */
  aside: v.optional(v.boolean()),
  /** The verb reports a judgement only with "as" after its object, in its own clause ("dismissed the reports as fake"; German "als"). */
  judgesAs: v.optional(v.boolean()),
  /** Next words that make it something else ("claimed responsibility", "called for"). */
  exceptNext: v.optional(Words),
});

const SourceEntry = v.strictObject({
  id: Id,
  name: Text,
  aliases: Words,
  domains: v.array(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a lowercase hostname'))),
  type: v.picklist(OUTLET_TYPES),
  country: v.optional(Text),
  owner: v.optional(Text),
  rating: v.picklist(OUTLET_RATINGS),
  rationale: Sentence,
  provenance: Sentence,
  provenanceUrl: v.optional(v.pipe(v.string(), v.regex(HTTPS_ADDRESS))),
  /** The rationale and owner in other languages, by language code: the UI shows them in the reader's language. */
  translations: v.optional(v.record(LanguageCode, v.strictObject({ rationale: Sentence, owner: v.optional(Text) }))),
  disabled: v.optional(v.boolean()),
});

export const SourcePackSchema = v.variant('kind', [
  v.strictObject({
    ...header,
    kind: v.literal('loaded-terms'),
    /**
     * The explanations most entries of a category share, with {term} for the entry's term. Entries still give their own
     * text; where ours match these, the card and the popup can say them in the reader's language (`messages`).
     */
    templates: v.optional(
      v.strictObject({ why: v.optional(v.record(v.picklist(LOADED_CATEGORIES), Sentence)), alternative: v.optional(v.record(v.picklist(LOADED_CATEGORIES), Text)) }),
    ),
    entries: v.array(LoadedEntry),
  }),
  v.strictObject({
    ...header,
    kind: v.literal('boilerplate'),
    /** What makes a line read as the site addressing the reader, in the pack's language (boilerplate.ts). */
    cues: v.optional(BoilerplateCueWords),
    entries: v.array(BoilerplateEntry),
  }),
  v.strictObject({
    ...header,
    kind: v.literal('attribution'),
    entries: v.array(AttributionRule),
    sourceTypes: v.optional(v.record(v.picklist(SOURCE_TYPES), Sentence)),
    verbs: v.optional(v.array(Verb)),
    lexicon: v.optional(v.record(Id, Words)),
    anonymityPhrases: v.optional(Words),
  }),
  v.strictObject({ ...header, kind: v.literal('sources'), entries: v.array(SourceEntry) }),
]);

export type SourcePack = v.InferOutput<typeof SourcePackSchema>;
export type LoadedTermsSource = Extract<SourcePack, { kind: 'loaded-terms' }>;
export type BoilerplateSource = Extract<SourcePack, { kind: 'boilerplate' }>;
export type AttributionSource = Extract<SourcePack, { kind: 'attribution' }>;
export type SourcesSource = Extract<SourcePack, { kind: 'sources' }>;

export class PackError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}:\n${problems.join('\n')}`);
  }
}

/** Parses an untrusted pack (a teacher's import or one of our own files); throws PackError listing every problem with its path. */
export function parseSourcePack(input: unknown, name = 'pack'): SourcePack {
  const result = v.safeParse(SourcePackSchema, input);
  if (!result.success) {
    throw new PackError(
      `${name} is not a valid rule pack`,
      result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`),
    );
  }
  const problems: string[] = [];
  if (result.output.kind === 'boilerplate') {
    // Paths name the entry by its index, as valibot's do: the pack-file report reads the id from the file by it.
    result.output.entries.forEach((entry, index) => {
      const reason = unsafePattern(entry.pattern);
      if (reason !== undefined) problems.push(`entries.${index}.pattern: ${reason}`);
      problems.push(...untriggeredExamples(entry, index));
    });
  }
  if (problems.length > 0) throw new PackError(`${name} has unsafe patterns`, problems);
  return result.output;
}

/**
 * A pattern runs in the page only on lines that pass its triggers, so the triggers must cover the pattern:
 * every example the pattern must flag has to pass them too. (Not a proof, but the examples are the contract.)
 */
function untriggeredExamples(entry: v.InferOutput<typeof BoilerplateEntry>, index: number): string[] {
  if (entry.requires === undefined && entry.leading === undefined && entry.trailing === undefined) {
    return [`entries.${index}: needs "requires", "leading" or "trailing" triggers (a pattern never runs on every line)`];
  }
  const triggers = compileTriggers(entry);
  const caseSensitive = entry.flags === '';
  return entry.examples.flatMap((example, i) =>
    passesTriggers(caseSensitive ? example.trim() : example.trim().toLowerCase(), triggers)
      ? []
      : [`entries.${index}.examples.${i}: contains none of the triggers, so the pattern would never see it`],
  );
}

/** The triggers as the page compares them: lowercased, unless the pattern is case-sensitive. */
function compileTriggers(entry: v.InferOutput<typeof BoilerplateEntry>): Triggers {
  const norm = entry.flags === '' ? (list: string[]) => list : (list: string[]) => list.map((literal) => literal.toLowerCase());
  const triggers: Triggers = {};
  if (entry.requires !== undefined) triggers.requires = norm(entry.requires);
  if (entry.leading !== undefined) triggers.leading = norm(entry.leading);
  if (entry.trailing !== undefined) triggers.trailing = norm(entry.trailing);
  return triggers;
}

/**
 * Why a boilerplate pattern could be slow, or undefined when it is safe to run on page text.
 * Rejected: a quantified group that itself contains an unbounded quantifier (the (a+)+ shape behind
 * catastrophic backtracking), backreferences, and patterns that do not compile.
 * The check is syntactic and conservative: it may refuse a harmless pattern, never the reverse for these shapes.
 */
export function unsafePattern(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `does not compile: ${(error as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed';
  const stack: boolean[] = [];
  let unboundedInside = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = source.indexOf(']', i + 1);
      i = close === -1 ? source.length : close;
      continue;
    }
    if (ch === '(') {
      stack.push(unboundedInside);
      unboundedInside = false;
      continue;
    }
    const next = source[i + 1];
    if (ch === ')') {
      const inner = unboundedInside;
      unboundedInside = stack.pop() ?? false;
      const quantified = next === '+' || next === '*' || (next === '{' && !/^\{\d+\}/.test(source.slice(i + 1)));
      if (inner && quantified) return 'a quantified group contains an unbounded quantifier';
      if (inner || next === '+' || next === '*' || (next === '{' && /^\{\d+,\}/.test(source.slice(i + 1)))) unboundedInside = true;
      continue;
    }
    if (ch === '+' || ch === '*' || (ch === '{' && /^\{\d+,\}/.test(source.slice(i)))) unboundedInside = true;
  }
  return undefined;
}

/** Token norms of a phrase, split exactly as article text is, so compile-time keys equal run-time keys. */
export function phraseWords(phrase: string): string[] {
  const tokens: Token[] = [];
  tokenizeBlock(phrase, 0, phrase.length, 0, tokens);
  return tokens.filter((token) => token.word).map((token) => token.norm);
}

/** Merges entries by id in pack order: a later entry replaces an earlier one, `disabled: true` removes it. */
function mergeById<T extends { id: string; disabled?: boolean | undefined }>(lists: T[][]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) {
    for (const entry of list) {
      byId.delete(entry.id);
      if (entry.disabled !== true) byId.set(entry.id, entry);
    }
  }
  return [...byId.values()];
}

/**
 * Our own English data has its explanations in the UI's message catalogues too (_locales/<lang>/messages.json), under
 * these keys, so a reader whose browser speaks German reads them in German on an English article. Only ours: a
 * teacher's entry says what its teacher wrote.
 */
const isOurs = (pack: SourcePack) => pack.id.startsWith('builtin.');
const isOurEnglish = (pack: SourcePack) => isOurs(pack) && pack.language === 'en';
const messageKey = (...parts: string[]) => parts.join('_').replace(/[^A-Za-z0-9_]+/g, '_');
/**
 * A rule's catalogue keys where the rule is ours. Our German rules say what the English ones with the same ids say, in
 * words written for German articles: a reader who reads German keeps those words, any other reads the catalogue's
 * (ui/names.ts).
 */
const ourRuleMessages = (pack: SourcePack, why: string, alternative: string): OurRuleTexts =>
  isOurs(pack) ? { whyMessage: why, alternativeMessage: alternative, ...(isOurEnglish(pack) ? {} : { textLanguage: pack.language }) } : {};

/** Each entry with the pack it came from. */
function entriesOf<P extends SourcePack>(packs: readonly P[]): { entries: P['entries'][]; packOf: Map<P['entries'][number], P> } {
  const packOf = new Map<P['entries'][number], P>();
  for (const pack of packs) for (const entry of pack.entries) packOf.set(entry, pack);
  return { entries: packs.map((pack) => pack.entries), packOf };
}

function compileLoaded(packs: LoadedTermsSource[]): CompiledPack['loaded'] {
  const entries: CompiledLoadedEntry[] = [];
  const trie: TrieNode = {};
  const { entries: lists, packOf } = entriesOf(packs);
  for (const entry of mergeById(lists)) {
    const written = [...surfaceForms(entry.term, entry.inflect ?? 'none'), ...(entry.forms ?? [])];
    // Writers join a term's words with hyphens too ("baby-killers", "cash-grab"), and the tokenizer keeps such a
    // compound one word: the joined form of a term of two or three words is one of its forms.
    const hyphenated = written.filter((form) => /^\p{L}+( \p{L}+){1,2}$/u.test(form)).map((form) => form.replaceAll(' ', '-'));
    const forms = [...new Set([...written, ...hyphenated])];
    const index = entries.length;
    const compiled: CompiledLoadedEntry = {
      ruleId: `loaded:${entry.id}`,
      term: entry.term,
      category: entry.category,
      why: entry.why,
      alternative: entry.alternative,
      case: entry.case ?? 'lower',
    };
    // Surface forms are only needed at run time for exact-case entries; the trie holds the rest.
    if (compiled.case === 'exact') compiled.forms = forms;
    if (entry.exceptNext !== undefined) compiled.exceptNext = entry.exceptNext.flatMap(phraseWords);
    if (entry.exceptPrev !== undefined) compiled.exceptPrev = entry.exceptPrev.flatMap(phraseWords);
    if (entry.asReportingVerb === true) compiled.asReportingVerb = true;
    if (entry.translations !== undefined) compiled.whyTranslations = Object.fromEntries(Object.entries(entry.translations).map(([language, text]) => [language, text.why]));
    const pack = packOf.get(entry)!;
    if (isOurEnglish(pack)) {
      const why = pack.templates?.why?.[entry.category];
      if (why !== undefined && why.replaceAll('{term}', entry.term) === entry.why) compiled.whyMessage = messageKey('why_loaded', entry.category);
      if (pack.templates?.alternative?.[entry.category] === entry.alternative) compiled.alternativeMessage = messageKey('alternative_loaded', entry.category);
    }
    entries.push(compiled);
    for (const form of forms) {
      const words = phraseWords(form);
      if (words.length > 0) insertPhrase(trie, words, index);
    }
  }
  return { entries, trie };
}

function compileBoilerplate(packs: BoilerplateSource[]): CompiledPack['boilerplate'] {
  const { entries: lists, packOf } = entriesOf(packs);
  // A later pack's cues add to an earlier one's: a class pack may bring words our lists lack.
  const cues: BoilerplateCues = { imperatives: [], fillers: [], firstPersonPlural: [], reported: [], finalImperatives: [], widgetWords: [], readerPronouns: [] };
  for (const pack of packs) {
    for (const key of Object.keys(cues) as (keyof BoilerplateCues)[]) cues[key] = [...new Set([...cues[key], ...(pack.cues?.[key] ?? []).map((word) => word.toLowerCase())])];
  }
  const rules: CompiledBoilerplateRule[] = mergeById(lists).map((entry) => {
    const rule: CompiledBoilerplateRule = {
      ruleId: `boilerplate:${entry.id}`,
      category: entry.category,
      why: entry.why,
      alternative: entry.alternative,
      pattern: entry.pattern,
      flags: entry.flags ?? 'i',
      minMatches: entry.minMatches ?? 1,
      maxLength: entry.maxLength,
      needsCue: entry.needsCue,
    };
    const messages = ourRuleMessages(packOf.get(entry)!, messageKey('why_boilerplate', entry.id), messageKey('alternative_boilerplate', entry.category));
    return Object.assign(rule, messages, compileTriggers(entry));
  });
  return { rules, cues };
}

function compileAttribution(packs: AttributionSource[]): CompiledAttribution {
  const rules: CompiledAttribution['rules'] = {};
  const { entries: lists, packOf } = entriesOf(packs);
  for (const rule of mergeById(lists)) {
    const messages = ourRuleMessages(packOf.get(rule)!, messageKey('why_attribution', rule.id), messageKey('alternative_attribution', rule.id));
    rules[rule.id] = { ruleId: `attribution:${rule.id}`, why: rule.why, alternative: rule.alternative, ...messages };
  }
  const sourceTypes = Object.fromEntries(SOURCE_TYPES.map((type) => [type, ''])) as Record<SourceType, string>;
  const sourceTypeMessages: Partial<Record<SourceType, string>> = {};
  const verbs: CompiledAttribution['verbs'] = {};
  const lexicon: Record<string, string[]> = {};
  const anonymity = new Map<string, string[]>();
  for (const pack of packs) {
    Object.assign(sourceTypes, pack.sourceTypes ?? {});
    for (const type of Object.keys(pack.sourceTypes ?? {}) as SourceType[]) {
      if (isOurs(pack)) sourceTypeMessages[type] = messageKey('source_note', type);
      else delete sourceTypeMessages[type];
    }
    for (const verb of pack.verbs ?? []) {
      const ambiguous = new Set(verb.ambiguous ?? []);
      const compiled = (form: string, plainBase: boolean): CompiledAttribution['verbs'][string] => {
        const out: CompiledAttribution['verbs'][string] = { base: verb.base, ambiguous: ambiguous.has(form), plainBase };
        if (verb.particle !== undefined) out.particle = verb.particle;
        if (verb.evidence === true) out.evidence = true;
        if (verb.needsQuote === true) out.needsQuote = true;
        if (verb.quoteTag === true) out.quoteTag = true;
        if (verb.aside === true) out.aside = true;
        if (verb.judgesAs === true) out.judgesAs = true;
        if (verb.exceptNext !== undefined) out.exceptNext = verb.exceptNext.map((word) => word.toLowerCase());
        return out;
      };
      for (const form of verb.forms) verbs[form] = compiled(form, false);
      if (verb.plainBase === true) verbs[verb.base] = compiled(verb.base, true);
    }
    for (const [name, words] of Object.entries(pack.lexicon ?? {})) {
      lexicon[name] = [...new Set([...(lexicon[name] ?? []), ...words.map((word) => word.toLowerCase())])];
    }
    for (const phrase of pack.anonymityPhrases ?? []) anonymity.set(phrase, phraseWords(phrase));
  }
  return { rules, sourceTypes, sourceTypeMessages, verbs, lexicon, anonymityPhrases: [...anonymity.values()] };
}

function compileOutlets(packs: SourcesSource[]): OutletRecord[] {
  return mergeById(packs.map((pack) => pack.entries)).map((entry) => {
    const outlet: OutletRecord = {
      id: entry.id,
      name: entry.name,
      type: entry.type,
      rating: entry.rating,
      rationale: entry.rationale,
      provenance: entry.provenance,
      aliases: entry.aliases,
      domains: entry.domains,
    };
    if (entry.country !== undefined) outlet.country = entry.country;
    if (entry.owner !== undefined) outlet.owner = entry.owner;
    if (entry.provenanceUrl !== undefined) outlet.provenanceUrl = entry.provenanceUrl;
    if (entry.translations !== undefined) outlet.translations = entry.translations;
    return outlet;
  });
}

export interface PackMeta {
  id: string;
  version: string;
  license: string;
}

/**
 * Compiles source packs, in order, into one CompiledPack. Deterministic: the same inputs give byte-identical
 * JSON, which is what lets a unit test compare the committed builtin.json with a fresh compile.
 */
export function compilePacks(sources: readonly SourcePack[], meta: PackMeta): CompiledPack {
  // Outlet tables name outlets, not words: they join a pack of any language.
  const worded = sources.filter((pack) => pack.kind !== 'sources');
  const languages = [...new Set(worded.map((pack) => pack.language.split('-')[0]!))];
  if (languages.length > 1) throw new PackError(`${meta.id} mixes languages`, worded.map((pack) => `${pack.id}: ${pack.language}`));
  const of = <K extends SourcePack['kind']>(kind: K) => sources.filter((pack): pack is Extract<SourcePack, { kind: K }> => pack.kind === kind);
  return {
    format: COMPILED_FORMAT,
    id: meta.id,
    version: meta.version,
    language: languages[0] ?? 'en',
    license: meta.license,
    packs: sources.map((pack) => ({ id: pack.id, version: pack.version, kind: pack.kind, license: pack.license })),
    loaded: compileLoaded(of('loaded-terms')),
    boilerplate: compileBoilerplate(of('boilerplate')),
    attribution: compileAttribution(of('attribution')),
    outlets: compileOutlets(of('sources')),
  };
}
