// `npm run bench:firefox`: our pipeline in Firefox ESR, the built extension (dist/firefox), on a folder of saved pages,
// as the content script accounts for its own tasks (the tab's state, as `npm run bench` reads it in Chromium). Not
// the issue's benchmark, which is Chromium's and sets Readability beside us: a record of what Firefox's readers pay,
// and of its longest task of ours, which Chromium's figures did not show (bench/README.md, "Firefox").
//
//   npx tsx bench/firefox.ts PAGES_DIR [--pages N] [--repeat K]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PipelineWork } from '../src/messages';
import { contentState, launch } from '../test/e2e/harness';
import { drawsOwnUnderlines } from '../test/e2e/harness/highlights';
import { withTimeout } from '../test/e2e/harness/util';
import { finishedState, hostFor } from './extension';
import { pageNames, startPageServer } from './page-server';
import { row, TARGETS } from './report';
import { sourceVersion } from './source-version';
import { max, median } from './stats';

const USAGE = 'usage: npx tsx bench/firefox.ts PAGES_DIR [--pages N] [--repeat K]';
const TIMEOUT_MS = 20_000;
const REPO_DIR = join(import.meta.dirname, '..');

const { values, positionals } = parseArgs({ allowPositionals: true, options: { pages: { type: 'string' }, repeat: { type: 'string' } } });
const dir = positionals[0];
const limit = Number(values.pages ?? Infinity);
const repeat = Number(values.repeat ?? 1);
if (dir === undefined || positionals.length > 1 || !existsSync(dir) || !(limit >= 1) || !Number.isInteger(repeat) || repeat < 1) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(join(REPO_DIR, 'dist', 'firefox', 'manifest.json'))) {
  console.error('bench: no built extension in dist/firefox: run `npm run build` first');
  process.exit(2);
}

interface Sample {
  found: boolean;
  extract: number;
  textMap: number;
  analyse: number;
  highlight: number;
  /**
   * The underlines Firefox before 146 does not paint, drawn by us in frames of their own after the highlight step
   * (src/content/underline-overlay.ts): the first drawing, all its frames. 0 where nothing is drawn.
   */
  underlines: number;
  /** Our tasks on the page's main thread: all steps, and the underlines' first drawing. */
  page: number;
  /** The longest of them, a frame of drawing included. */
  longest: number;
  /** The background's analysis, as it times it (off the page). */
  background: number;
}
type Step = Exclude<keyof Sample, 'found'>;

const names = pageNames(dir, limit);
const server = await startPageServer(dir, names);
const hosts = names.flatMap((name) => Array.from({ length: repeat }, (_, k) => hostFor(name, k)));
const browser = await launch('firefox', { virtualHosts: Object.fromEntries(hosts.map((host) => [host, server.origin])), viewport: { width: 1280, height: 900 } });
const started = Date.now();
const pages: Array<{ name: string } & Sample> = [];
let failed = 0;
/** Whether this Firefox leaves the highlights' underlines to us (before 146). */
let drawsUnderlines: boolean | undefined;
try {
  for (const [i, name] of names.entries()) {
    const samples: Sample[] = [];
    try {
      for (let k = 0; k < repeat; k++) {
        // A site of its own per load (hostFor): a fresh content process, nothing of ours compiled by an earlier page.
        const page = await browser.openPage(`http://${hostFor(name, k)}/page/${encodeURIComponent(name)}/`, { timeout: TIMEOUT_MS });
        try {
          let state = await withTimeout(finishedState(browser, page, TIMEOUT_MS), TIMEOUT_MS + 5_000, 'content script');
          drawsUnderlines ??= await drawsOwnUnderlines(page);
          if (drawsUnderlines && state.findings.length > 0) {
            // They are drawn from the frame after the highlights are painted, a long page's over several frames.
            const drawn = (s: { work: PipelineWork }) => s.work.underlines.drawings > 0;
            state = await contentState<typeof state>(browser, await page.tabId(), { until: drawn, timeoutMs: TIMEOUT_MS, pollMs: 100 });
            if (!drawn(state)) throw new Error('the underlines were not drawn');
          }
          const last = state.work.last!;
          samples.push({
            found: state.article !== null,
            extract: last.extract,
            textMap: last.textMap,
            analyse: last.analyse,
            highlight: last.highlight,
            underlines: state.work.underlines.firstMs,
            page: last.pageMs + state.work.underlines.firstMs,
            longest: state.work.longestMs,
            background: last.backgroundMs,
          });
        } finally {
          await page.close();
        }
      }
    } catch (error) {
      failed++;
      console.log(`  FAILED ${name}: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const of = (step: Step) => median(samples.map((sample) => sample[step]));
    const result = { name, found: samples.some((sample) => sample.found), extract: of('extract'), textMap: of('textMap'), analyse: of('analyse'), highlight: of('highlight'), underlines: of('underlines'), page: of('page'), longest: of('longest'), background: of('background') };
    pages.push(result);
    console.log(`  [${i + 1}/${names.length}] ${name}: ${result.page.toFixed(1)} ms on the page, longest task ${result.longest.toFixed(1)} ms${result.found ? '' : ' (no article)'}`);
  }
} finally {
  await browser.close();
  await server.close();
}

const articles = pages.filter((page) => page.found);
console.log(`\nMargin's pipeline in Firefox ESR, the built extension (dist/firefox, ${sourceVersion()}): ${pages.length} pages of ${dir}, ${repeat} cold load(s) each, median per page; ${Math.round((Date.now() - started) / 1000)} s`);
console.log("(a content script's clock in Firefox ticks in whole milliseconds)\n");
console.log(`${'ms (wall clock, performance.now)'.padEnd(38)}${['median', 'p95', 'max'].map((h) => h.padStart(9)).join('')}  pages`);
console.log(row('extract (gate + choice)', pages.map((page) => page.extract)));
console.log(row('textMap', articles.map((page) => page.textMap), 'articles only'));
console.log(row('analyse: sending the text', articles.map((page) => page.analyse), 'articles only'));
console.log(row('analyse: in the background', articles.map((page) => page.background), 'articles only, off the page'));
console.log(row('highlight', articles.map((page) => page.highlight), 'articles only'));
if (drawsUnderlines) console.log(row('underlines, drawn in frames after it', articles.map((page) => page.underlines), 'articles only: Firefox < 146 paints none'));
console.log(row("on the page's main thread, all pages", pages.map((page) => page.page)));
console.log(row('  articles', articles.map((page) => page.page)));
console.log(row('  not articles', pages.filter((page) => !page.found).map((page) => page.page)));
console.log(row('longest task of ours', pages.map((page) => page.longest), 'a pipeline step or a slice of one; a frame of drawing'));
const long = pages.filter((page) => page.longest >= TARGETS.longTask);
console.log(`\npages: ${pages.length} measured, ${failed} failed; article found on ${articles.length}`);
console.log(`long work: ${long.length} page(s) with a task of ours >= ${TARGETS.longTask} ms${long.length ? `: ${long.map((page) => `${page.name} ${page.longest.toFixed(0)} ms`).join(', ')}` : ''}`);
console.log(`\n${'slowest pages (longest task)'.padEnd(44)}  longest  extract  textMap highlight underlines     page`);
for (const page of [...pages].sort((a, b) => b.longest - a.longest).slice(0, 8)) {
  console.log(`  ${page.name.padEnd(42)}${[page.longest, page.extract, page.textMap, page.highlight, page.underlines, page.page].map((v, i) => v.toFixed(1).padStart(i === 4 ? 11 : 9)).join('')}`);
}
console.log(`\nfirefox: longest task of ours, median over pages: ${median(pages.map((page) => page.longest)).toFixed(2)}; max: ${max(pages.map((page) => page.longest)).toFixed(2)}`);
process.exit(pages.length === 0 ? 1 : 0);
