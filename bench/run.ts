// `npm run bench`: our content pipeline against Mozilla Readability, cold, on saved real pages in headless Chromium.
//
//   tsx bench/run.ts PAGES_DIR [--pages N] [--repeat K] [--json FILE] [--timeout MS] [--check] [--extension DIR]
//
// Every figure and the ratio on the last line come from this one run. See bench/README.md for what is measured and how.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BrowserHost, coldLoad } from './browser';
import { buildPageScripts, buildReadabilityExtension } from './build';
import { parseHTML } from 'linkedom';
import { locateArticle, type ArticleDiagnostics } from '../src/content/extract';
import { TextMap } from '../src/content/text-map';
import { CONTENT_SCRIPT_FILE } from '../src/content/built-files';
import { hostFor, launchExtension, measureInExtension } from './extension';
import type { AnalyzeSample } from './page-entry';
import { countWords } from './page-task';
import { pageNames, startPageServer } from './page-server';
import type { ReadabilitySample } from './readability-entry';
import { measureReadabilityAsContentScript } from './readability-extension';
import { buildReport, summarise, type AnalyzeFigures, type PageRecord } from './report';
import { sourceVersion } from './source-version';
import { median } from './stats';

const REPO_DIR = resolve(import.meta.dirname, '..');
/**
 * Cold loads per page and side. A single load's wall clock holds every moment the renderer waited for a core, which on
 * a 2-core machine can be several times a small page's cost; the median of three is steadier, each load still cold.
 */
const DEFAULT_REPEAT = 3;
const USAGE = 'usage: tsx bench/run.ts PAGES_DIR [--pages N] [--repeat K] [--json FILE] [--timeout MS] [--check] [--extension DIR]';
/** analyze() alone: passes over all article texts after the first one. */
const ANALYZE_ROUNDS = 5;

interface Options {
  pagesDir: string;
  pages: number | null;
  repeat: number;
  json: string | null;
  timeout: number;
  check: boolean;
  /** Another Chrome build than dist/chrome (`npm run bench:floor`'s). */
  extension: string | null;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveInt(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} wants a whole number >= 1, got "${value}"`);
  return n;
}

function readOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        pages: { type: 'string' },
        repeat: { type: 'string' },
        json: { type: 'string' },
        timeout: { type: 'string' },
        check: { type: 'boolean', default: false },
        extension: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (parsed.positionals.length !== 1) usage('give exactly one pages folder (one sub-folder per page, each with source.html)');
  const pagesDir = resolve(parsed.positionals[0]!);
  if (!existsSync(pagesDir) || !statSync(pagesDir).isDirectory()) usage(`pages folder not found: ${pagesDir}`);
  return {
    pagesDir,
    pages: positiveInt('pages', parsed.values.pages),
    repeat: positiveInt('repeat', parsed.values.repeat) ?? DEFAULT_REPEAT,
    json: parsed.values.json ?? null,
    timeout: positiveInt('timeout', parsed.values.timeout) ?? 20_000,
    check: parsed.values.check,
    extension: parsed.values.extension === undefined ? null : resolve(parsed.values.extension),
  };
}

function listPages(pagesDir: string, limit: number | null): string[] {
  const names = pageNames(pagesDir, limit ?? Infinity);
  if (names.length === 0) usage(`no <page>/source.html under ${pagesDir}`);
  return names;
}

/** Readability's own verdict from expected-metadata.json, when the folder has one. */
function readerableOf(pagesDir: string, name: string): boolean | null {
  try {
    const metadata = JSON.parse(readFileSync(join(pagesDir, name, 'expected-metadata.json'), 'utf8')) as { readerable?: unknown };
    return typeof metadata.readerable === 'boolean' ? metadata.readerable : null;
  } catch {
    return null;
  }
}

/** The article text and how it was found, by the same extractor on linkedom: the size and `via` columns, and analyze() alone. */
function extractInNode(file: string): { text: string; diagnostics: ArticleDiagnostics } {
  const { document } = parseHTML(readFileSync(file, 'utf8'));
  const { article, diagnostics } = locateArticle(document as unknown as Document);
  return { text: article ? TextMap.build(article.root, article.skip).text : '', diagnostics };
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const names = listPages(options.pagesDir, options.pages);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const loadStart = loadavg()[0]!;
  const started = Date.now();

  const extensionDir = options.extension ?? join(REPO_DIR, 'dist', 'chrome');
  const contentScript = join(extensionDir, CONTENT_SCRIPT_FILE);
  if (!existsSync(contentScript)) usage(`no built extension in ${extensionDir}: run \`npm run build\` first (\`npm run bench\` does)`);
  log('bench: building page bundles (vite, IIFE) ...');
  const scripts = await buildPageScripts();
  const readabilityExtension = await buildReadabilityExtension();
  const server = await startPageServer(options.pagesDir, names);
  const host = new BrowserHost();
  const hosts = names.flatMap((name) => Array.from({ length: options.repeat }, (_, k) => hostFor(name, k)));
  const extension = await launchExtension(server, hosts, options.extension ?? undefined);
  const theirExtension = await launchExtension(server, hosts, readabilityExtension).catch(async (error: unknown) => {
    await extension.close();
    throw error;
  });
  const records: PageRecord[] = [];
  /** Article texts our pipeline extracted, for analyze() alone. */
  const texts: string[] = [];
  let crossOriginIsolated = false;
  let firstBackgroundMs: number | null = null;
  let analyze: AnalyzeFigures | string = 'no article text';
  let chromium = '?';

  try {
    chromium = (await host.get()).version();
    log(`bench: ${names.length} pages x ${options.repeat} x 3 cold loads in Chromium ${chromium} (ours: the built extension; Readability in the page, and as a content script) ...`);
    try {
      const probe = await coldLoad<{ crossOriginIsolated: boolean }>(host, server, server.blankUrl, scripts.margin, 'marginBench.clockInfo()', options.timeout);
      crossOriginIsolated = probe.value.crossOriginIsolated;
    } catch (error) {
      log(`bench: could not read the page clock's resolution (${firstLine(error)})`);
    }

    for (const [index, name] of names.entries()) {
      const inNode = extractInNode(join(options.pagesDir, name, 'source.html'));
      const record: PageRecord = {
        name,
        readerable: readerableOf(options.pagesDir, name),
        pipeline: [],
        readability: [],
        readabilityContentScript: [],
        diagnostics: inNode.diagnostics,
        words: countWords(inNode.text),
        chars: inNode.text.length,
        blocked: 0,
        errors: [],
      };
      if (inNode.text) texts.push(inNode.text);
      const url = server.urlOf(name);
      for (let k = 0; k < options.repeat && record.errors.length === 0; k++) {
        // Ours, then Readability's, on the same page one right after the other: both see about the same machine load.
        try {
          const sample = await measureInExtension(extension, `http://${hostFor(name, k)}/page/${encodeURIComponent(name)}/`, options.timeout);
          if (sample.found) firstBackgroundMs ??= sample.steps.background;
          record.pipeline.push(sample);
        } catch (error) {
          record.errors.push(`pipeline: ${firstLine(error)}`);
          break;
        }
        try {
          const theirs = await coldLoad<ReadabilitySample>(host, server, url, scripts.readability, 'readabilityBench.measureReadability()', options.timeout);
          record.readability.push({ ...theirs.value, cpu: theirs.cpuMs });
          record.blocked = Math.max(record.blocked, theirs.blocked);
          // As an extension would run it: a content script at document_idle, in a world of its own, as ours runs.
          record.readabilityContentScript.push(
            await measureReadabilityAsContentScript(theirExtension, `http://${hostFor(name, k)}/page/${encodeURIComponent(name)}/`, options.timeout),
          );
        } catch (error) {
          record.errors.push(`readability: ${firstLine(error)}`);
        }
      }
      records.push(record);
      const status = record.errors.length
        ? `FAILED (${record.errors.join('; ')})`
        : (({ total, readability, readabilityContentScript }) =>
            `${total.toFixed(2)} ms vs Readability ${readabilityContentScript.toFixed(2)} ms (in the page: ${readability.toFixed(2)} ms)`)(summarise(record));
      log(`  [${index + 1}/${names.length}] ${name}: ${status}`);
    }

    // analyze() alone, in one fresh page, over the article texts our pipeline extracted.
    if (texts.length) {
      try {
        const run = await coldLoad<AnalyzeSample>(
          host, server, server.blankUrl, scripts.margin, `marginBench.measureAnalyze(${JSON.stringify(texts)}, ${ANALYZE_ROUNDS})`, Math.max(options.timeout, 120_000),
        );
        const warm = run.value.first.map((_, i) => median(run.value.rounds.map((round) => round[i]!)));
        analyze = {
          first: run.value.first,
          warm,
          perThousandWords: warm.map((time, i) => (time / Math.max(1, texts[i]!.split(/\s+/).length)) * 1000),
          rounds: ANALYZE_ROUNDS,
        };
      } catch (error) {
        analyze = firstLine(error);
      }
    }
  } finally {
    await extension.close();
    await theirExtension.close();
    await host.close();
    await server.close();
  }

  if (!records.some((record) => record.errors.length === 0)) {
    log('bench: no page could be measured');
    for (const record of records) log(`  ${record.name}: ${record.errors.join('; ')}`);
    return 1;
  }
  const info = {
    source: options.extension ? `${sourceVersion()}, as built in ${options.extension}` : sourceVersion(),
    pagesDir: options.pagesDir,
    chromium,
    repeat: options.repeat,
    crossOriginIsolated,
    seconds: (Date.now() - started) / 1000,
    load: { start: loadStart, end: loadavg()[0]! },
    cores: cpus().length,
    restarts: host.restarts,
    firstBackgroundMs,
    contentScriptBytes: statSync(contentScript).size,
  };
  const report = buildReport(info, records, analyze);
  process.stdout.write(`${report.lines.join('\n')}\n`);

  if (options.json) {
    const raw = {
      date: new Date().toISOString(),
      ...info,
      ratio: report.ratio,
      pageRatio: report.pageRatio,
      targets: report.targets,
      pages: records.filter((record) => record.errors.length === 0).map((record) => ({ ...summarise(record), raw: record })),
      failed: records.filter((record) => record.errors.length > 0).map(({ name, errors }) => ({ name, errors })),
      analyze,
    };
    await writeFile(options.json, `${JSON.stringify(raw, null, 1)}\n`);
    log(`bench: raw numbers in ${options.json}`);
  }
  return options.check && report.targets.some((target) => !target.pass) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
