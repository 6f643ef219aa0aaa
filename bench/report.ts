// Turns the raw per-load numbers of a bench run into per-page medians, the printed table, and the targets of issue 4
// (part 5) with PASS/FAIL. Pure: no browser, no I/O.
import type { ArticleDiagnostics } from '../src/content/extract';
import type { ExtensionSample } from './extension';
import type { ReadabilitySample } from './readability-entry';
import { max, median, percentile } from './stats';

/** Targets of issue 4, part 5. */
export const TARGETS = { ratio: 0.33, p95Under5k: 16, nonArticle: 2, longTask: 50, words: 5000 } as const;

/** Everything measured on one page: one entry per cold load in `pipeline` and `readability`. */
export interface PageRecord {
  name: string;
  /** expected-metadata.json's readerable flag (Readability's isProbablyReaderable on the page), if present. */
  readerable: boolean | null;
  pipeline: ExtensionSample[];
  readability: Array<ReadabilitySample & { cpu: number }>;
  /** The same call made by an extension's content script at document_idle, as ours runs (readability-extension.ts). */
  readabilityContentScript: ReadabilitySample[];
  /** How the extractor decides on this page and the article's size, from the same code run on linkedom (node). */
  diagnostics: ArticleDiagnostics | null;
  words: number;
  chars: number;
  /** Requests refused because they left 127.0.0.1 (most in one load). */
  blocked: number;
  errors: string[];
}

export interface PageSummary {
  name: string;
  found: boolean;
  words: number;
  chars: number;
  findings: number;
  via: string;
  unsure?: string;
  attempts: number;
  textNodes: number;
  /** Medians over the page's cold loads, ms (performance.now). analyse: sending the text; background: analysing it. */
  extract: number;
  textMap: number;
  analyse: number;
  background: number;
  highlight: number;
  /** On the page's main thread plus in the background. */
  total: number;
  /** On the page's main thread only. */
  pageMs: number;
  startupMs: number;
  evaluationCpuMs: number;
  /** Median over the page's runs of the longest task of ours (the pipeline runs one step per task). */
  longest: number;
  /** The slowest of the page's runs. */
  worstRun: number;
  readability: number;
  readabilityCpu: number;
  readabilityContentScript: number;
  readabilityFound: boolean;
  readabilityWords: number;
}

export const STEPS = ['extract', 'textMap', 'analyse', 'background', 'highlight'] as const;

export function summarise(record: PageRecord): PageSummary {
  const first = record.pipeline[0]!;
  const step = (name: (typeof STEPS)[number]) => median(record.pipeline.map((run) => run.steps[name] ?? 0));
  const diagnostics = record.diagnostics;
  return {
    name: record.name,
    found: first.found,
    words: record.words,
    chars: record.chars,
    findings: first.findings,
    via: diagnostics?.via ?? '?',
    ...(diagnostics?.unsure !== undefined ? { unsure: diagnostics.unsure } : {}),
    attempts: diagnostics?.attempts ?? 0,
    textNodes: diagnostics?.textNodes ?? 0,
    extract: step('extract'),
    textMap: step('textMap'),
    analyse: step('analyse'),
    background: step('background'),
    highlight: step('highlight'),
    total: median(record.pipeline.map((run) => run.total)),
    pageMs: median(record.pipeline.map((run) => run.pageMs)),
    startupMs: median(record.pipeline.map((run) => run.startupMs)),
    evaluationCpuMs: median(record.pipeline.map((run) => run.evaluationCpuMs)),
    longest: median(record.pipeline.map((run) => run.longest)),
    worstRun: max(record.pipeline.map((run) => run.total)),
    readability: median(record.readability.map((run) => run.total)),
    readabilityCpu: median(record.readability.map((run) => run.cpu)),
    readabilityContentScript: median(record.readabilityContentScript.map((run) => run.total)),
    readabilityFound: record.readability[0]!.found,
    readabilityWords: record.readability[0]!.words,
  };
}

export interface AnalyzeFigures {
  /** ms of the first call on each text, in order. */
  first: number[];
  /** Per text, the median of the warm passes. */
  warm: number[];
  /** Warm ms per 1,000 words of each text. */
  perThousandWords: number[];
  rounds: number;
}

export interface RunInfo {
  source: string;
  pagesDir: string;
  chromium: string;
  repeat: number;
  crossOriginIsolated: boolean;
  seconds: number;
  load: { start: number; end: number };
  cores: number;
  restarts: number;
  /** The background's first analysis after it started (its cold one), ms; null when no page had an article. */
  firstBackgroundMs: number | null;
  /** Bytes of the content script every page loads. */
  contentScriptBytes: number;
}

export interface Target {
  id: 'ratio' | 'p95Under5k' | 'nonArticle' | 'longTask';
  pass: boolean;
  text: string;
}

export interface Report {
  lines: string[];
  targets: Target[];
  ratio: number;
  /** Our time on the page's main thread alone over Readability's. */
  pageRatio: number;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '-');
const pad = (text: string | number, width: number) => String(text).padStart(width);
const LABEL = 38;

/** One line of a report's table: median, p95 and max of `values`, and how many. */
export function row(label: string, values: readonly number[], note = ''): string {
  return (
    `${label.padEnd(LABEL)}${pad(ms(median(values)), 9)}${pad(ms(percentile(values, 95)), 9)}${pad(ms(max(values)), 9)}` +
    `${pad(values.length, 7)}${note ? `  ${note}` : ''}`
  );
}

export function buildReport(info: RunInfo, records: readonly PageRecord[], analyze: AnalyzeFigures | string): Report {
  const measured = records.filter((record) => record.errors.length === 0);
  const failed = records.filter((record) => record.errors.length > 0);
  const pages = measured.map(summarise);
  const articles = pages.filter((page) => page.found);
  const nonArticles = pages.filter((page) => !page.found);
  const under5k = articles.filter((page) => page.words < TARGETS.words);
  const slowPages = pages.filter((page) => page.longest >= TARGETS.longTask);
  const totals = pages.map((page) => page.total);
  // The baseline is Readability run as ours runs: by an extension's content script at document_idle, cold.
  const baseline = pages.map((page) => page.readabilityContentScript);
  const inPage = pages.map((page) => page.readability);
  const ratio = median(totals) / median(baseline);
  const pageRatio = median(pages.map((page) => page.pageMs)) / median(baseline);
  const out: string[] = [];
  const print = (line = '') => out.push(line);

  print(`Margin's pipeline in the built extension (${info.source}) vs Mozilla Readability: ${pages.length} pages of ${info.pagesDir}`);
  print(
    `Chromium ${info.chromium} headless; ${info.repeat} cold load(s) per page and side, median per page; page clock ` +
      `${info.crossOriginIsolated ? '5 µs (cross-origin isolated)' : '100 µs (not isolated)'}; ${info.seconds.toFixed(0)} s; ` +
      `1-min load average ${info.load.start.toFixed(1)} -> ${info.load.end.toFixed(1)} on ${info.cores} cores (the second includes the bench's own browsers)`,
  );
  // Only the load before the run says whether something else was running: during it, the bench's own browsers alone
  // keep the load average near 4 on 2 cores.
  if (info.load.start > info.cores) {
    print(`NOTE: the machine was busy before the run (load average above ${info.cores}): wall-clock figures are inflated (Readability's CPU row shows by how much); re-run, or take more loads per page (--repeat 5).`);
  }
  print();
  print(`${'ms (wall clock, performance.now)'.padEnd(LABEL)}${pad('median', 9)}${pad('p95', 9)}${pad('max', 9)}${pad('pages', 7)}`);
  print(row('extract (gate + choice)', pages.map((page) => page.extract)));
  print(row('textMap', articles.map((page) => page.textMap), 'articles only'));
  print(row('analyse: sending the text', articles.map((page) => page.analyse), 'articles only, on the page'));
  print(row('analyse: in the background', articles.map((page) => page.background), 'articles only, off the page'));
  print(row('highlight', articles.map((page) => page.highlight), 'articles only'));
  print(row("on the page's main thread, all pages", pages.map((page) => page.pageMs), 'the steps above but the background'));
  print(row('pipeline total, all pages', totals, 'page + background'));
  print(row('  articles', articles.map((page) => page.total)));
  print(row(`  articles < ${TARGETS.words.toLocaleString('en')} words`, under5k.map((page) => page.total)));
  print(row('  not articles (null result)', nonArticles.map((page) => page.total)));
  print(row('longest task of ours, all pages', pages.map((page) => page.longest), 'one pipeline step per task'));
  print(row('Readability clone + parse, all pages', baseline, 'by a content script at document_idle, as ours runs'));
  print(row("  the same in the page's own world", inPage, 'after the load event, no extension'));
  if (typeof analyze === 'string') print(`analyze() alone: not measured (${analyze})`);
  else {
    print(row('analyze() alone, 1st call per text', analyze.first, 'texts, one page: only the 1st is cold'));
    print(row(`analyze() alone, warm (median of ${analyze.rounds})`, analyze.warm, 'texts'));
    print(row('analyze() alone, warm, per 1,000 words', analyze.perThousandWords, 'texts'));
  }
  print(row('content script start-up', pages.map((page) => page.startupMs), 'its top-level run, before any work'));
  print(row('CPU: Readability clone + parse', pages.map((page) => page.readabilityCpu), "in the page's own world"));
  print(row('CPU: evaluating our scripts', pages.map((page) => page.evaluationCpuMs), 'the content script compiled and run; the article module too'));
  print();

  const agree = pages.filter((page) => page.found === page.readabilityFound).length;
  const viaFast = articles.filter((page) => page.via === 'fast').length;
  const viaReplay = articles.filter((page) => page.via === 'replay').length;
  print(
    `pages: ${pages.length} measured, ${failed.length} failed; article found on ${articles.length} (fast path ${viaFast}, ` +
      `Readability replay ${viaReplay}), "no article" on ${nonArticles.length}; Readability returned an article ` +
      `on ${pages.filter((page) => page.readabilityFound).length} (same verdict on ${agree})`,
  );
  const notReaderable = measured.filter((record) => record.readerable === false).map((record) => record.name);
  if (notReaderable.length) {
    print(`pages marked readerable:false in expected-metadata.json: ${notReaderable.length}, of which we declined ${nonArticles.filter((page) => notReaderable.includes(page.name)).length}`);
  }
  print(
    `long work: ${slowPages.length} page(s) with a task of ours >= ${TARGETS.longTask} ms (page median; one pipeline step per task); ` +
      `Readability >= ${TARGETS.longTask} ms on ${pages.filter((page) => page.readabilityContentScript >= TARGETS.longTask).length}`,
  );
  print(
    `background: its first analysis (after the warm-up its first page started; bench:background times a stopped one) ${info.firstBackgroundMs === null ? '-' : ms(info.firstBackgroundMs)} ms; ` +
      `content script: ${(info.contentScriptBytes / 1024).toFixed(0)} KiB (content.js, loaded on every page)`,
  );
  print(`requests refused (left 127.0.0.1): ${records.reduce((sum, record) => sum + record.blocked, 0)}; browser restarts: ${info.restarts}`);
  for (const record of failed) print(`FAILED ${record.name}: ${record.errors.join('; ')}`);
  print();
  print(`slowest pages (ours), ms       total  extract  textMap  analyse  backgr.  highlight  words  chars  via   Readability`);
  for (const page of [...pages].sort((a, b) => b.total - a.total).slice(0, 10)) {
    print(
      `  ${page.name.slice(0, 27).padEnd(27)}${pad(ms(page.total), 8)}${pad(ms(page.extract), 9)}${pad(ms(page.textMap), 9)}` +
        `${pad(ms(page.analyse), 9)}${pad(ms(page.background), 9)}${pad(ms(page.highlight), 11)}${pad(page.words, 7)}${pad(page.chars, 7)}  ${page.via.padEnd(6)}` +
        `${pad(ms(page.readabilityContentScript), 13)}`,
    );
  }
  print();

  const p95Under5k = percentile(under5k.map((page) => page.total), 95);
  const nonArticleP95 = percentile(nonArticles.map((page) => page.total), 95);
  const targets: Target[] = [
    {
      id: 'ratio',
      pass: ratio <= TARGETS.ratio,
      text: `median ratio pipeline/Readability (as a content script) ${ratio.toFixed(2)} <= ${TARGETS.ratio} (on the page's main thread alone: ${pageRatio.toFixed(2)})`,
    },
    {
      id: 'p95Under5k',
      pass: under5k.length === 0 || p95Under5k < TARGETS.p95Under5k,
      text: `p95 total on ${under5k.length} article pages < ${TARGETS.words.toLocaleString('en')} words: ${ms(p95Under5k)} ms < ${TARGETS.p95Under5k} ms`,
    },
    {
      id: 'nonArticle',
      pass: nonArticles.length === 0 || nonArticleP95 < TARGETS.nonArticle,
      text: `p95 total on ${nonArticles.length} non-article pages: ${ms(nonArticleP95)} ms < ${TARGETS.nonArticle} ms (median ${ms(median(nonArticles.map((page) => page.total)))})`,
    },
    { id: 'longTask', pass: slowPages.length === 0, text: `pages with a task of ours >= ${TARGETS.longTask} ms: ${slowPages.length} (must be 0)` },
  ];
  print('targets (issue 4, part 5):');
  for (const target of targets) print(`  ${target.pass ? 'PASS' : 'FAIL'}  ${target.text}`);
  print(`against Readability in the page's own world after the load event (no extension): ${(median(totals) / median(inPage)).toFixed(2)}`);
  print(`pipeline/readability median ratio: ${ratio.toFixed(2)}`);
  return { lines: out, targets, ratio, pageRatio };
}
