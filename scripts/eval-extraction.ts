// Article-finding agreement with Mozilla Readability on saved real pages: word-level F1 per page, median, mean, pages
// below 0.8, with PASS/FAIL against the bars of issue 4, plus rough extraction timings in node.
//
//   npx tsx scripts/eval-extraction.ts <pagesDir> [--all]
//
// <pagesDir> holds one folder per page with source.html, expected.html (Readability's extraction) and
// expected-metadata.json (its "readerable" verdict), e.g. ../shared/pages/readability.
//
// What is compared: our article text is exactly what the content script analyses, `TextMap.build(root, skip).text`
// for the `findArticle` answer; the reference is the text of expected.html. Both are lower-cased and split into words:
// runs of letters and digits (Unicode-aware), except that in Han, Hiragana and Katakana text, which has no spaces
// between words, every character is a word (otherwise whether two blocks' words run together would decide the score).
// F1 is over the two bags of words (multiset overlap). The reference text is read with the same block separation as
// ours (TextMap, skipping nothing), not with textContent, which runs adjacent blocks together.
//
// Pages that are not articles: a page whose expected-metadata.json says `"readerable": false` (Readability's
// `isProbablyReaderable` is false: Firefox would not offer Reader View) must get "no article". Those pages are
// counted apart ("non-articles declined: k/n") and are not part of the F1 figures. An article page (readerable: true)
// on which we find nothing scores F1 = 0.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { locateArticle } from '../src/content/extract';
import { TextMap } from '../src/content/text-map';

export const BARS = { median: 0.97, mean: 0.93, maxBelow08: 5 } as const;

export interface PageResult {
  name: string;
  /** Readability's verdict from expected-metadata.json: false means "not an article". */
  isArticle: boolean;
  /** We found an article. */
  found: boolean;
  outcome: string;
  precision: number;
  recall: number;
  f1: number;
  ourWords: number;
  expectedWords: number;
  /** findArticle (gate + extraction) in ms, node + linkedom. */
  extractMs: number;
  /** TextMap.build in ms. */
  textMapMs: number;
  attempts: number;
  /** 'fast' (fast path), 'replay' (fell back to the full replay), 'none' (gate said no). */
  via: string;
}

export interface ExtractionReport {
  pages: PageResult[];
  articles: number;
  median: number;
  mean: number;
  below08: number;
  nonArticles: number;
  nonArticlesDeclined: number;
  articlesMissed: number;
  /** Pages where Readability's retry with relaxed heuristics was needed (more than one pass). */
  retried: number;
  /** Pages where the fast path was unsure and Readability's algorithm was replayed in full on a copy of the page. */
  fallback: number;
  timing: { extractMedian: number; extractP95: number; textMapMedian: number; textMapP95: number; nonArticleMedian: number; nonArticleMax: number };
  pass: { median: boolean; mean: boolean; below08: boolean; nonArticles: boolean };
}

/** Scripts written without spaces between words: there, each character counts as a word. */
const UNSPACED_SCRIPT = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu;

/** Lower-cased runs of letters and digits; in Han, Hiragana and Katakana text, single characters. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(UNSPACED_SCRIPT, ' $1 ').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function wordF1(ours: string[], expected: string[]): { precision: number; recall: number; f1: number } {
  if (ours.length === 0 && expected.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const counts = new Map<string, number>();
  for (const word of expected) counts.set(word, (counts.get(word) ?? 0) + 1);
  let overlap = 0;
  for (const word of ours) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      overlap++;
      counts.set(word, count - 1);
    }
  }
  if (overlap === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = overlap / ours.length;
  const recall = overlap / expected.length;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function parse(html: string, url: string): Document {
  const { document } = parseHTML(html);
  // linkedom has no document URL; nothing in the extractor needs one, but keep it for anyone who does.
  try {
    Object.defineProperty(document, 'URL', { value: url, configurable: true });
  } catch {
    // read-only in some versions: not needed
  }
  return document as unknown as Document;
}

export function evaluatePage(dir: string, name: string, options: { fastPath?: boolean } = {}): PageResult {
  const source = readFileSync(join(dir, 'source.html'), 'utf8');
  const metadata = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as { readerable?: boolean };
  const expectedDoc = parseHTML(`<!doctype html><html><body>${readFileSync(join(dir, 'expected.html'), 'utf8')}</body></html>`).document;
  // Through TextMap too (skipping nothing), so that both sides separate blocks the same way: with textContent,
  // adjacent blocks run together, which merges words in scripts written without spaces (Japanese, Chinese).
  const expected = words(TextMap.build(expectedDoc.body as unknown as Element, () => false).text);
  const doc = parse(source, `http://fakehost/test/page.html`);

  const t0 = performance.now();
  const { article, diagnostics } = locateArticle(doc, options);
  const t1 = performance.now();
  const text = article ? TextMap.build(article.root, article.skip).text : '';
  const t2 = performance.now();

  const ours = words(text);
  const score = article ? wordF1(ours, expected) : { precision: 0, recall: 0, f1: 0 };
  return {
    name,
    isArticle: metadata.readerable !== false,
    found: article !== null,
    outcome: diagnostics.outcome,
    ...score,
    ourWords: ours.length,
    expectedWords: expected.length,
    extractMs: t1 - t0,
    textMapMs: article ? t2 - t1 : 0,
    attempts: diagnostics.attempts,
    via: diagnostics.via,
  };
}

export function evaluateExtraction(pagesDir: string, options: { fastPath?: boolean } = {}): ExtractionReport {
  const names = readdirSync(pagesDir)
    .filter((name) => {
      const dir = join(pagesDir, name);
      return statSync(dir).isDirectory() && existsSync(join(dir, 'source.html')) && existsSync(join(dir, 'expected.html'));
    })
    .sort();
  // One warm-up page so the first timing is not the JIT's.
  if (names[0]) evaluatePage(join(pagesDir, names[0]), names[0], options);
  const pages = names.map((name) => evaluatePage(join(pagesDir, name), name, options));

  const articlePages = pages.filter((page) => page.isArticle);
  const nonArticlePages = pages.filter((page) => !page.isArticle);
  const f1s = articlePages.map((page) => page.f1);
  const median = quantile(f1s, 0.5);
  const mean = f1s.reduce((sum, f1) => sum + f1, 0) / (f1s.length || 1);
  const below08 = f1s.filter((f1) => f1 < 0.8).length;
  const nonArticlesDeclined = nonArticlePages.filter((page) => !page.found).length;
  const found = pages.filter((page) => page.found);
  const declined = pages.filter((page) => !page.found);
  return {
    pages,
    articles: articlePages.length,
    median,
    mean,
    below08,
    nonArticles: nonArticlePages.length,
    nonArticlesDeclined,
    articlesMissed: articlePages.filter((page) => !page.found).length,
    retried: pages.filter((page) => page.attempts > 1).length,
    fallback: pages.filter((page) => page.via === 'replay').length,
    timing: {
      extractMedian: quantile(found.map((page) => page.extractMs), 0.5),
      extractP95: quantile(found.map((page) => page.extractMs), 0.95),
      textMapMedian: quantile(found.map((page) => page.textMapMs), 0.5),
      textMapP95: quantile(found.map((page) => page.textMapMs), 0.95),
      nonArticleMedian: quantile(declined.map((page) => page.extractMs), 0.5),
      nonArticleMax: Math.max(0, ...declined.map((page) => page.extractMs)),
    },
    pass: {
      median: median >= BARS.median,
      mean: mean >= BARS.mean,
      below08: below08 <= BARS.maxBelow08,
      nonArticles: nonArticlesDeclined === nonArticlePages.length,
    },
  };
}

const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export function printExtractionReport(report: ExtractionReport, options: { all?: boolean } = {}, log: (line: string) => void = console.log): void {
  const rows = [...report.pages].sort((a, b) => (a.isArticle === b.isArticle ? a.f1 - b.f1 : a.isArticle ? -1 : 1));
  log('Article extraction vs. Readability (word-level F1 per page, worst first)');
  log(`${'page'.padEnd(44)} ${'F1'.padStart(6)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'ours'.padStart(6)} ${'expect'.padStart(6)} ${'ms'.padStart(6)}  note`);
  let hidden = 0;
  for (const page of rows) {
    if (page.isArticle && page.f1 >= 0.9 && !options.all) {
      hidden++;
      continue;
    }
    const note = page.isArticle
      ? page.found
        ? [page.via === 'replay' ? 'fallback' : '', page.attempts > 1 ? `${page.attempts} passes` : ''].filter(Boolean).join(', ')
        : `MISSED (${page.outcome})`
      : page.found
        ? 'NOT AN ARTICLE, but we found one'
        : 'not an article: declined';
    log(
      `${page.name.padEnd(44)} ${(page.isArticle ? fixed(page.f1) : '-').padStart(6)} ${(page.isArticle ? fixed(page.precision) : '-').padStart(6)} ${(page.isArticle ? fixed(page.recall) : '-').padStart(6)} ${String(page.ourWords).padStart(6)} ${String(page.expectedWords).padStart(6)} ${fixed(page.extractMs, 1).padStart(6)}  ${note}`,
    );
  }
  if (hidden) log(`(${hidden} article pages with F1 >= 0.9 not listed; --all lists them)`);
  log('');
  log(`article pages: ${report.articles}, non-article pages (readerable: false): ${report.nonArticles}`);
  log(`median: ${fixed(report.median)}   (bar >= ${BARS.median}: ${verdict(report.pass.median)})`);
  log(`mean: ${fixed(report.mean)}   (bar >= ${BARS.mean}: ${verdict(report.pass.mean)})`);
  log(`pages below 0.8: ${report.below08}   (bar <= ${BARS.maxBelow08}: ${verdict(report.pass.below08)})`);
  log(`non-articles declined: ${report.nonArticlesDeclined}/${report.nonArticles}   (${verdict(report.pass.nonArticles)}); article pages missed: ${report.articlesMissed}`);
  log(`fallback (fast path unsure, Readability's algorithm replayed in full): ${report.fallback}/${report.pages.length} pages; pages needing Readability's relaxed retry passes: ${report.retried}`);
  const t = report.timing;
  log(
    `node+linkedom timing (rough, not the browser bench): findArticle median ${fixed(t.extractMedian, 2)} ms, p95 ${fixed(t.extractP95, 2)} ms; ` +
      `TextMap.build median ${fixed(t.textMapMedian, 2)} ms, p95 ${fixed(t.textMapP95, 2)} ms; declined pages median ${fixed(t.nonArticleMedian, 2)} ms, max ${fixed(t.nonArticleMax, 2)} ms`,
  );
  const all = report.pass.median && report.pass.mean && report.pass.below08 && report.pass.nonArticles;
  log(`extraction: ${verdict(all)}`);
}

function main(argv: string[]): number {
  const args = argv.filter((arg) => !arg.startsWith('--'));
  const dir = args[0];
  if (!dir) {
    console.error('usage: npx tsx scripts/eval-extraction.ts <pagesDir> [--all]\n  <pagesDir>: folders with source.html, expected.html, expected-metadata.json (e.g. ../shared/pages/readability)');
    return 2;
  }
  const pagesDir = resolve(dir);
  if (!existsSync(pagesDir) || !statSync(pagesDir).isDirectory()) {
    console.error(`eval-extraction: no such folder: ${pagesDir}\nusage: npx tsx scripts/eval-extraction.ts <pagesDir> [--all]`);
    return 2;
  }
  const report = evaluateExtraction(pagesDir, { fastPath: !argv.includes('--no-fast-path') });
  if (report.pages.length === 0) {
    console.error(`eval-extraction: no page folders (source.html + expected.html) in ${pagesDir}`);
    return 2;
  }
  printExtractionReport(report, { all: argv.includes('--all') });
  return report.pass.median && report.pass.mean && report.pass.below08 && report.pass.nonArticles ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv.slice(2));
}
