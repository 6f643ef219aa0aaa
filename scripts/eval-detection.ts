// Detection half of the evaluation: hand-labelled expected findings (test/fixtures/labels/*.json) against analyze(),
// with precision, recall and F1 per kind, per-page errors, the bars of issue 3 and the seed article's own checks.
//
// A label file names its page (a folder of the pages directory, or "seed" for the reference article) and lists what a
// reader would flag, located by text, never by offsets (see test/fixtures/labels/README.md):
//   attributions: [{ source, type, context }]   context: a fragment of the sentence; source: the words inside it
//   boilerplate:  [{ text }]                     the start of a promotional block (line)
//   loaded:       [{ term, context, quoted? }]   one entry per occurrence
//   fine:         [{ term, context, why }]       terms considered and judged fine (documentation; marks false positives)
//   neutral:      [sentence]                      (seed) sentences on which nothing may be flagged
//
// Locating: within each kind, labels are listed in text order; a label's context is the first occurrence of that
// string starting after the start of the previous label's context (of the same kind), and its source or term is the first whole-word
// occurrence inside the context ("fine" entries are looked up from the start, in any order). A boilerplate label is the first block at or after the previous one whose trimmed
// text starts with `text`.
//
// Matching (one-to-one, greedy in text order):
//   attribution: a finding's source span and a label's source span overlap by at least half of the shorter of the two
//                ("Dmitry Peskov" matches "Kremlin spokesman Dmitry Peskov"; "the company" does not match "he").
//                Types are compared on matched pairs and reported, but do not decide the match.
//   boilerplate: the same block.
//   loaded:      the finding overlaps the labelled occurrence. Quoted/narrated agreement is reported on matched pairs.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import * as v from 'valibot';
import { analyze } from '../src/core/analyze';
import { builtinPack } from '../src/core/builtin-packs';
import { splitBlocks } from '../src/core/blocks';
import type { Finding, SourceType } from '../src/core/findings';
import { normalisePlainText } from '../src/core/plain-text';
import { findArticle } from '../src/content/extract';
import { TextMap } from '../src/content/text-map';

export const DETECTION_BARS = {
  attributionF1: 0.9,
  boilerplateF1: 0.95,
  loadedPrecision: 0.85,
  loadedRecall: 0.7,
} as const;

export const SEED_PAGE = 'seed';
const TIMING_RUNS = 5;

const SOURCE_TYPES = ['news-outlet', 'state-affiliated', 'government', 'anonymous', 'expert-or-organisation', 'wire-service', 'unknown'] as const;

const NonEmpty = v.pipe(v.string(), v.minLength(1));
export const LabelFileSchema = v.strictObject({
  page: NonEmpty,
  note: NonEmpty,
  attributions: v.array(v.strictObject({ source: NonEmpty, type: v.picklist(SOURCE_TYPES), context: NonEmpty, note: v.optional(v.string()) })),
  boilerplate: v.array(v.strictObject({ text: NonEmpty, all: v.optional(v.boolean()), note: v.optional(v.string()) })),
  loaded: v.array(v.strictObject({ term: NonEmpty, context: NonEmpty, quoted: v.optional(v.boolean()), note: v.optional(v.string()) })),
  fine: v.optional(v.array(v.strictObject({ term: NonEmpty, context: NonEmpty, why: NonEmpty }))),
  neutral: v.optional(v.array(NonEmpty)),
});
export type LabelFile = v.InferOutput<typeof LabelFileSchema>;

export interface Located {
  start: number;
  end: number;
  text: string;
}
export interface LocatedAttribution extends Located {
  type: SourceType;
}
export interface LocatedLoaded extends Located {
  quoted: boolean;
}
export interface LocatedLabels {
  attributions: LocatedAttribution[];
  /** Block indices (lines of the article text). */
  boilerplate: number[];
  loaded: LocatedLoaded[];
  fine: Located[];
  neutral: Located[];
  /** Labels that could not be found in the text nor on the page: each is a defect of the label file. */
  errors: string[];
  /**
   * Labels found on the page but outside the extracted article (a widget or caption the extraction leaves out):
   * not scored, since detection runs on the article text only. Listed so that a reviewer sees them.
   */
  outside: string[];
}

/** Parses a label file's JSON; throws with the valibot issues (path and message) when the shape is wrong. */
export function parseLabelFile(json: unknown, name = 'label file'): LabelFile {
  const result = v.safeParse(LabelFileSchema, json);
  if (result.success) return result.output;
  const issues = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  throw new Error(`${name}: ${issues.join('; ')}`);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
function isWordAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD_CHAR.test(text.charAt(i));
}

/** First whole-word occurrence of `needle` in text[from, to), or -1. */
export function findWhole(text: string, needle: string, from: number, to: number): number {
  let at = text.indexOf(needle, from);
  while (at >= 0 && at + needle.length <= to) {
    const startsOk = !WORD_CHAR.test(needle.charAt(0)) || !isWordAt(text, at - 1);
    const endsOk = !WORD_CHAR.test(needle.charAt(needle.length - 1)) || !isWordAt(text, at + needle.length);
    if (startsOk && endsOk) return at;
    at = text.indexOf(needle, at + 1);
  }
  return -1;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Maps a label file to offsets in the article text, by the rule in this file's header. `pageText` (the whole page's
 * text) tells a label outside the extracted article, which is not scored, from a label that is wrong.
 */
export function locateLabels(labels: LabelFile, text: string, pageText?: string): LocatedLabels {
  const errors: string[] = [];
  const outside: string[] = [];
  const page = pageText === undefined ? undefined : collapse(pageText);
  const onPage = (snippet: string) => page !== undefined && page.includes(collapse(snippet));
  const inContext = <T extends { context: string }>(kind: string, items: readonly T[], word: (item: T) => string, ordered = true) => {
    const out: { item: T; start: number; end: number }[] = [];
    let cursor = 0;
    items.forEach((item, n) => {
      const at = text.indexOf(item.context, ordered ? cursor : 0);
      if (at < 0) {
        const anywhere = text.indexOf(item.context) >= 0;
        if (!anywhere && onPage(item.context)) outside.push(`${kind}[${n}]: "${item.context}"`);
        else errors.push(`${kind}[${n}]: context not found${anywhere ? ' after the previous label (labels must be in text order)' : ''}: "${item.context}"`);
        return;
      }
      cursor = at + 1;
      const start = findWhole(text, word(item), at, at + item.context.length);
      if (start < 0) {
        errors.push(`${kind}[${n}]: "${word(item)}" is not a whole word inside its context "${item.context}"`);
        return;
      }
      out.push({ item, start, end: start + word(item).length });
    });
    return out;
  };
  const attributions = inContext('attributions', labels.attributions, (a) => a.source).map(({ item, start, end }) => ({ start, end, text: text.slice(start, end), type: item.type as SourceType }));
  const loaded = inContext('loaded', labels.loaded, (l) => l.term).map(({ item, start, end }) => ({ start, end, text: text.slice(start, end), quoted: item.quoted === true }));
  const fine = inContext('fine', labels.fine ?? [], (f) => f.term, false).map(({ start, end }) => ({ start, end, text: text.slice(start, end) }));

  const blocks = splitBlocks(text);
  const boilerplate: number[] = [];
  let next = 0;
  const startsWith = (b: number, prefix: string) => text.slice(blocks[b]!.start, blocks[b]!.end).trim().startsWith(prefix);
  labels.boilerplate.forEach((item, n) => {
    if (item.all === true) {
      // Every block that starts so ("Continue reading the main story", repeated by the site), wherever it is.
      const all = blocks.filter((b) => startsWith(b.index, item.text)).map((b) => b.index);
      if (all.length === 0) {
        if (onPage(item.text)) outside.push(`boilerplate[${n}]: "${item.text}"`);
        else errors.push(`boilerplate[${n}]: no block starts with "${item.text}"`);
      }
      for (const b of all) if (!boilerplate.includes(b)) boilerplate.push(b);
      return;
    }
    let found = -1;
    for (let b = next; b < blocks.length; b++) {
      if (startsWith(b, item.text)) {
        found = b;
        break;
      }
    }
    if (found < 0) {
      const anywhere = blocks.some((b) => startsWith(b.index, item.text));
      if (!anywhere && onPage(item.text)) outside.push(`boilerplate[${n}]: "${item.text}"`);
      else errors.push(`boilerplate[${n}]: no block${next > 0 ? ' after the previous label' : ''} starts with "${item.text}"`);
      return;
    }
    boilerplate.push(found);
    next = found + 1;
  });
  boilerplate.sort((a, b) => a - b);

  const neutral: Located[] = [];
  (labels.neutral ?? []).forEach((sentence, n) => {
    const start = text.indexOf(sentence);
    if (start < 0) errors.push(`neutral[${n}]: sentence not found: "${sentence}"`);
    else neutral.push({ start, end: start + sentence.length, text: sentence });
  });
  return { attributions, boilerplate, loaded, fine, neutral, errors, outside };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function scores({ tp, fp, fn }: Counts): Scores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** The attribution match rule: the source spans overlap by at least half of the shorter one. */
export function sameSource(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const shared = overlap(a, b);
  return shared > 0 && shared * 2 >= Math.min(a.end - a.start, b.end - b.start);
}

/** One-to-one greedy matching in label order: each label takes the unmatched finding it overlaps most. */
function matchOneToOne<L extends { start: number; end: number }, F extends { start: number; end: number }>(
  labels: readonly L[],
  found: readonly F[],
  accepts: (label: L, finding: F) => boolean,
): { pairs: [L, F][]; missed: L[]; extra: F[] } {
  const used = new Set<number>();
  const pairs: [L, F][] = [];
  const missed: L[] = [];
  for (const label of labels) {
    let best = -1;
    let bestOverlap = 0;
    found.forEach((finding, i) => {
      if (used.has(i) || !accepts(label, finding)) return;
      const o = overlap(label, finding);
      if (o > bestOverlap) {
        best = i;
        bestOverlap = o;
      }
    });
    if (best < 0) missed.push(label);
    else {
      used.add(best);
      pairs.push([label, found[best]!]);
    }
  }
  return { pairs, missed, extra: found.filter((_, i) => !used.has(i)) };
}

export interface PageErrors {
  page: string;
  attribution: { missed: string[]; extra: string[]; wrongType: string[] };
  boilerplate: { missed: string[]; extra: string[] };
  loaded: { missed: string[]; extra: string[]; wrongQuoted: string[] };
}

export interface PageScore {
  page: string;
  attribution: Counts;
  boilerplate: Counts;
  loaded: Counts;
  typeAgreement: { agree: number; total: number };
  quotedAgreement: { agree: number; total: number };
  errors: PageErrors;
  /** Findings on the label file's neutral sentences (seed). */
  neutralHits: string[];
  labelErrors: string[];
  /** Labels on the page but outside the extracted article: not scored. */
  outside: string[];
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const lineOf = (text: string, start: number) => text.slice(0, start).split('\n').length - 1;

/** Scores one page's findings against its located labels. */
export function scorePage(page: string, text: string, findings: readonly Finding[], located: LocatedLabels): PageScore {
  const errors: PageErrors = {
    page,
    attribution: { missed: [], extra: [], wrongType: [] },
    boilerplate: { missed: [], extra: [] },
    loaded: { missed: [], extra: [], wrongQuoted: [] },
  };
  const context = (start: number, end: number) => clip(text.slice(Math.max(0, start - 25), Math.min(text.length, end + 25)).replace(/\n/g, ' ⏎ '), 90);

  const attributionFindings = findings
    .filter((f) => f.kind === 'attribution' && f.source !== undefined)
    .map((f) => ({ start: f.source!.start, end: f.source!.end, finding: f }));
  const a = matchOneToOne(located.attributions, attributionFindings, (label, f) => sameSource(label, f));
  let typeAgree = 0;
  for (const [label, f] of a.pairs) {
    if (f.finding.source!.type === label.type) typeAgree++;
    else errors.attribution.wrongType.push(`"${label.text}" ${f.finding.source!.type} (expected ${label.type})`);
  }
  for (const label of a.missed) errors.attribution.missed.push(`"${label.text}" [${label.type}] in “${context(label.start, label.end)}”`);
  for (const f of a.extra) errors.attribution.extra.push(`"${f.finding.source!.text}" [${f.finding.source!.type}] cue "${f.finding.text}" in “${context(f.finding.start, f.finding.end)}”`);

  const blocks = splitBlocks(text);
  const predictedBlocks = [...new Set(findings.filter((f) => f.kind === 'boilerplate').map((f) => lineOf(text, f.start)))];
  const labelledBlocks = new Set(located.boilerplate);
  const blockText = (b: number) => clip(text.slice(blocks[b]!.start, blocks[b]!.end).trim());
  let bTp = 0;
  for (const b of predictedBlocks) {
    if (labelledBlocks.has(b)) bTp++;
    else errors.boilerplate.extra.push(`line ${b}: "${blockText(b)}"`);
  }
  for (const b of labelledBlocks) if (!predictedBlocks.includes(b)) errors.boilerplate.missed.push(`line ${b}: "${blockText(b)}"`);

  const loadedFindings = findings.filter((f) => f.kind === 'loaded');
  const l = matchOneToOne(located.loaded, loadedFindings, (label, f) => overlap(label, f) > 0);
  let quotedAgree = 0;
  for (const [label, f] of l.pairs) {
    if ((f.quoted === true) === label.quoted) quotedAgree++;
    else errors.loaded.wrongQuoted.push(`"${label.text}" ${f.quoted ? 'quoted' : 'narrated'} (expected ${label.quoted ? 'quoted' : 'narrated'})`);
  }
  for (const label of l.missed) errors.loaded.missed.push(`"${label.text}"${label.quoted ? ' (quoted)' : ''} in “${context(label.start, label.end)}”`);
  for (const f of l.extra) {
    const judgedFine = located.fine.some((fine) => overlap(fine, f) > 0);
    errors.loaded.extra.push(`"${f.text}" [${f.ruleId}]${f.quoted ? ' (quoted)' : ''}${judgedFine ? ' (labelled fine)' : ''} in “${context(f.start, f.end)}”`);
  }

  const neutralHits: string[] = [];
  for (const sentence of located.neutral) {
    for (const f of findings) if (overlap(sentence, f) > 0) neutralHits.push(`${f.kind} "${f.text}" in “${clip(sentence.text)}”`);
  }

  return {
    page,
    attribution: { tp: a.pairs.length, fp: a.extra.length, fn: a.missed.length },
    boilerplate: { tp: bTp, fp: predictedBlocks.length - bTp, fn: labelledBlocks.size - bTp },
    loaded: { tp: l.pairs.length, fp: l.extra.length, fn: l.missed.length },
    typeAgreement: { agree: typeAgree, total: a.pairs.length },
    quotedAgreement: { agree: quotedAgree, total: l.pairs.length },
    errors,
    neutralHits,
    labelErrors: located.errors,
    outside: located.outside,
  };
}

/** The article text the extension would analyse: the CLI's extraction for a saved page, normalised text for a .txt file. */
export function articleTextOf(file: string): string | null {
  const bytes = readFileSync(file);
  if (/\.txt$/i.test(file)) return normalisePlainText(bytes.toString('utf8'));
  const html = (/\.gz$/i.test(file) ? gunzipSync(bytes) : bytes).toString('utf8');
  const { document } = parseHTML(html);
  const found = findArticle(document as unknown as Document);
  return found ? TextMap.build(found.root, found.skip).text : null;
}

/** The whole page's text (every text node, the article's or not), for telling labels outside the article from wrong ones. */
export function pageTextOf(file: string): string {
  const bytes = readFileSync(file);
  if (/\.txt$/i.test(file)) return bytes.toString('utf8');
  const html = (/\.gz$/i.test(file) ? gunzipSync(bytes) : bytes).toString('utf8');
  const { document } = parseHTML(html);
  return document.documentElement?.textContent ?? '';
}

export interface LabelSet {
  file: string;
  labels: LabelFile;
}

/** Every label file in the folder, parsed (throws on a malformed one: a label file is reviewed data). */
export function readLabelSets(labelsDir: string): LabelSet[] {
  return readdirSync(labelsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(labelsDir, name);
      const labels = parseLabelFile(JSON.parse(readFileSync(file, 'utf8')), name);
      if (`${labels.page}.json` !== name) throw new Error(`${name}: "page" is "${labels.page}", expected the file name without .json`);
      return { file, labels };
    });
}

/** Where a labelled page's article comes from: the seed file, or the page folder's source.html. */
export function pageSource(page: string, pagesDir: string | undefined, seedPath: string): string | undefined {
  if (page === SEED_PAGE) return existsSync(seedPath) ? seedPath : undefined;
  if (pagesDir === undefined) return undefined;
  const file = join(pagesDir, page, 'source.html');
  return existsSync(file) ? file : undefined;
}

export interface SeedCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

/** The seed article's named flags (issue 3 and the developers' guide) and its neutral sentences. */
export function seedChecks(text: string, findings: readonly Finding[], located: LocatedLabels, score: PageScore): SeedCheck[] {
  const checks: SeedCheck[] = [];
  const rt = findings.find((f) => f.kind === 'attribution' && f.text.startsWith('RT International reports'));
  checks.push({
    name: 'RT International reports -> source "RT International", state-affiliated (outlet rt)',
    ok: rt?.source?.text === 'RT International' && rt.source.type === 'state-affiliated' && rt.source.outlet?.id === 'rt',
    detail: rt === undefined ? 'no attribution on "RT International reports"' : `${rt.source?.text} / ${rt.source?.type} / ${rt.source?.outlet?.id ?? 'no outlet'}`,
  });
  const lines = text.split('\n');
  const promo = lines.slice(-3);
  const flaggedLines = new Set(findings.filter((f) => f.kind === 'boilerplate').map((f) => text.slice(f.start, f.end)));
  checks.push({
    name: 'the three promotional lines, each a whole block',
    ok: promo.every((line) => flaggedLines.has(line.trim())) && flaggedLines.size === 3,
    detail: `${promo.filter((line) => flaggedLines.has(line.trim())).length}/3 flagged, ${flaggedLines.size} boilerplate blocks in all`,
  });
  for (const term of ['hijacked', 'radical elements', 'mobs']) {
    const hit = findings.find((f) => f.kind === 'loaded' && f.text === term);
    checks.push({ name: `loaded term "${term}" in narration`, ok: hit !== undefined && hit.quoted !== true, detail: hit === undefined ? 'not flagged' : hit.quoted ? 'flagged as quoted' : undefined });
  }
  const terrorists = findings.find((f) => f.kind === 'loaded' && f.text === 'terrorists');
  checks.push({ name: '“terrorists” flagged as quoted', ok: terrorists?.quoted === true, detail: terrorists === undefined ? 'not flagged' : undefined });
  const { errors } = score;
  const attributionsOk = score.attribution.fn === 0 && score.attribution.fp === 0 && errors.attribution.wrongType.length === 0;
  checks.push({
    name: `the ${located.attributions.length} labelled attributions, exactly, with their types`,
    ok: attributionsOk,
    detail: attributionsOk ? undefined : [...errors.attribution.missed.map((m) => `missed ${m}`), ...errors.attribution.extra.map((m) => `extra ${m}`), ...errors.attribution.wrongType].join('; '),
  });
  checks.push({
    name: `no flag on the ${located.neutral.length} neutral sentences`,
    ok: located.neutral.length > 0 && score.neutralHits.length === 0,
    detail: score.neutralHits.join('; ') || (located.neutral.length === 0 ? 'no neutral sentence labelled' : undefined),
  });
  return checks;
}

export interface DetectionReport {
  pages: PageScore[];
  /** Label files not scored: page absent (pages folder or seed missing), or present but its article could not be read. */
  skipped: { page: string; reason: string; present: boolean }[];
  totals: { attribution: Scores; boilerplate: Scores; loaded: Scores };
  typeAgreement: { agree: number; total: number };
  quotedAgreement: { agree: number; total: number };
  seed: SeedCheck[] | undefined;
  /** Wall-clock ms of analyze() per article (node, this machine: a rough figure; `npm run bench` is the measure). */
  analyseMs: number[];
  pass: { attribution: boolean; boilerplate: boolean; loadedPrecision: boolean; loadedRecall: boolean; seed: boolean; labels: boolean };
}

export interface DetectionOptions {
  labelsDir: string;
  pagesDir: string | undefined;
  seedPath: string;
  /** How a page file becomes article text; the CLI's extraction by default. */
  textOf?: (file: string) => string | null;
}

export function evaluateDetection(options: DetectionOptions): DetectionReport {
  const textOf = options.textOf ?? articleTextOf;
  const sets = readLabelSets(options.labelsDir);
  const pages: PageScore[] = [];
  const skipped: { page: string; reason: string; present: boolean }[] = [];
  let seed: SeedCheck[] | undefined;
  const analyseMs: number[] = [];
  analyze('Warm-up: the pack is loaded and its trie converted once, as in the page.', builtinPack());
  for (const { labels } of sets) {
    const file = pageSource(labels.page, options.pagesDir, options.seedPath);
    if (file === undefined) {
      skipped.push({ page: labels.page, reason: labels.page === SEED_PAGE ? `seed not found at ${options.seedPath}` : 'pages folder absent or page missing', present: false });
      continue;
    }
    let text: string | null;
    try {
      text = textOf(file);
    } catch (error) {
      skipped.push({ page: labels.page, reason: `extraction failed: ${(error as Error).message}`, present: true });
      continue;
    }
    if (text === null) {
      skipped.push({ page: labels.page, reason: 'no article found on the page', present: true });
      continue;
    }
    // The fastest of a few runs: one cold run measures the JIT and the neighbours more than analyze().
    let best = Infinity;
    let findings: Finding[] = [];
    for (let run = 0; run < TIMING_RUNS; run++) {
      const t0 = performance.now();
      findings = analyze(text, builtinPack()).findings;
      best = Math.min(best, performance.now() - t0);
    }
    analyseMs.push(best);
    const located = locateLabels(labels, text, pageTextOf(file));
    const score = scorePage(labels.page, text, findings, located);
    pages.push(score);
    if (labels.page === SEED_PAGE) seed = seedChecks(text, findings, located, score);
  }
  const sum = (kind: 'attribution' | 'boilerplate' | 'loaded'): Scores =>
    scores(pages.reduce((acc, p) => ({ tp: acc.tp + p[kind].tp, fp: acc.fp + p[kind].fp, fn: acc.fn + p[kind].fn }), { tp: 0, fp: 0, fn: 0 }));
  const totals = { attribution: sum('attribution'), boilerplate: sum('boilerplate'), loaded: sum('loaded') };
  const agreement = (key: 'typeAgreement' | 'quotedAgreement') =>
    pages.reduce((acc, p) => ({ agree: acc.agree + p[key].agree, total: acc.total + p[key].total }), { agree: 0, total: 0 });
  return {
    pages,
    skipped,
    totals,
    typeAgreement: agreement('typeAgreement'),
    quotedAgreement: agreement('quotedAgreement'),
    seed,
    analyseMs,
    pass: {
      attribution: totals.attribution.f1 >= DETECTION_BARS.attributionF1,
      boilerplate: totals.boilerplate.f1 >= DETECTION_BARS.boilerplateF1,
      loadedPrecision: totals.loaded.precision >= DETECTION_BARS.loadedPrecision,
      loadedRecall: totals.loaded.recall >= DETECTION_BARS.loadedRecall,
      seed: seed !== undefined && seed.every((c) => c.ok),
      labels: pages.every((p) => p.labelErrors.length === 0) && skipped.every((s) => !s.present),
    },
  };
}

const fixed = (n: number) => n.toFixed(3);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export function printDetectionReport(report: DetectionReport, log: (line: string) => void = console.log): void {
  log(`Detection vs. hand labels: ${report.pages.length} labelled articles`);
  const byReason = new Map<string, string[]>();
  for (const s of report.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.page]);
  for (const [reason, pages] of byReason) log(`  skipped ${pages.length} (${reason}): ${pages.join(', ')}`);
  if (report.skipped.length > 0) log(`  the figures and bars below are over the ${report.pages.length} articles that could be read`);
  log('');
  log('Errors per page (- missed: labelled, not found; + extra: found, not labelled; ~ wrong type / quoted):');
  for (const page of report.pages) {
    const e = page.errors;
    const lines: string[] = [];
    for (const m of page.labelErrors) lines.push(`  ! label: ${m}`);
    for (const m of page.outside) lines.push(`  . label outside the extracted article (not scored): ${m}`);
    for (const m of e.attribution.missed) lines.push(`  - attribution ${m}`);
    for (const m of e.attribution.extra) lines.push(`  + attribution ${m}`);
    for (const m of e.attribution.wrongType) lines.push(`  ~ attribution type ${m}`);
    for (const m of e.boilerplate.missed) lines.push(`  - boilerplate ${m}`);
    for (const m of e.boilerplate.extra) lines.push(`  + boilerplate ${m}`);
    for (const m of e.loaded.missed) lines.push(`  - loaded ${m}`);
    for (const m of e.loaded.extra) lines.push(`  + loaded ${m}`);
    for (const m of e.loaded.wrongQuoted) lines.push(`  ~ loaded ${m}`);
    const c = (k: Counts) => `${k.tp}/${k.tp + k.fn}${k.fp ? ` +${k.fp}` : ''}`;
    log(`${page.page}: attribution ${c(page.attribution)}, boilerplate ${c(page.boilerplate)}, loaded ${c(page.loaded)}${lines.length === 0 ? ' (no errors)' : ''}`);
    for (const line of lines) log(line);
  }
  log('');
  log(`${'kind'.padEnd(12)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'TP'.padStart(5)} ${'FP'.padStart(5)} ${'FN'.padStart(5)}`);
  for (const kind of ['attribution', 'boilerplate', 'loaded'] as const) {
    const s = report.totals[kind];
    log(`${kind.padEnd(12)} ${fixed(s.precision).padStart(6)} ${fixed(s.recall).padStart(6)} ${fixed(s.f1).padStart(6)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)}`);
  }
  const ratio = ({ agree, total }: { agree: number; total: number }) => `${agree}/${total}${total ? ` (${((100 * agree) / total).toFixed(0)}%)` : ''}`;
  log(`source type agrees on matched attributions: ${ratio(report.typeAgreement)}; quoted/narrated agrees on matched loaded terms: ${ratio(report.quotedAgreement)}`);
  const outside = report.pages.reduce((n, p) => n + p.outside.length, 0);
  if (outside > 0) log(`labels outside the extracted article (not scored): ${outside}`);
  const times = [...report.analyseMs].sort((a, b) => a - b);
  if (times.length > 0) {
    log(`analyze() per article (fastest of ${TIMING_RUNS} runs, wall clock; npm run bench measures properly): median ${times[times.length >> 1]!.toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`);
  }
  log('');
  const t = report.totals;
  log('Bars:');
  log(`  attribution F1 ${fixed(t.attribution.f1)} >= ${DETECTION_BARS.attributionF1}: ${verdict(report.pass.attribution)}`);
  log(`  boilerplate F1 ${fixed(t.boilerplate.f1)} >= ${DETECTION_BARS.boilerplateF1}: ${verdict(report.pass.boilerplate)}`);
  log(`  loaded precision ${fixed(t.loaded.precision)} >= ${DETECTION_BARS.loadedPrecision}: ${verdict(report.pass.loadedPrecision)}`);
  log(`  loaded recall ${fixed(t.loaded.recall)} >= ${DETECTION_BARS.loadedRecall}: ${verdict(report.pass.loadedRecall)}`);
  const unread = report.skipped.filter((s) => s.present).length;
  log(`  every labelled page read and every label located in its article: ${verdict(report.pass.labels)}${unread ? ` (${unread} present pages could not be read)` : ''}`);
  if (report.seed === undefined) log('  seed article: SKIPPED (not found), counted as FAIL');
  else {
    log('  seed article:');
    for (const check of report.seed) log(`    ${verdict(check.ok)} ${check.name}${!check.ok && check.detail ? ` -- ${check.detail}` : ''}`);
  }
}

/** Convenience for callers that only need to know whether every detection bar holds. */
export function detectionPasses(report: DetectionReport): boolean {
  return Object.values(report.pass).every(Boolean);
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
