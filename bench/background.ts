// `npm run bench:background`: what a page waits for from the background when it had stopped before the page, the case a
// reader meets most (a service worker stops after 30 s idle, and reading an article takes longer): its config, before
// it extracts anything, and the analysis of its article; against the same page loaded again right after, the background
// running. Chromium, the built extension (dist/chrome); the background is stopped by closing its DevTools target, as the
// soak does (scripts/soak.ts). See bench/README.md, "A stopped background".
//
//   npx tsx bench/background.ts PAGES_DIR [--pages N] [--extension DIR]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import type { ChromiumBrowser } from '../test/e2e/harness/chromium';
import { sleep, withTimeout } from '../test/e2e/harness/util';
import { finishedState, hostFor, launchExtension } from './extension';
import { pageNames, startPageServer } from './page-server';
import { median, percentile } from './stats';

const USAGE = 'usage: npx tsx bench/background.ts PAGES_DIR [--pages N] [--extension DIR]';
const TIMEOUT_MS = 20_000;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { pages: { type: 'string' }, extension: { type: 'string' } } });
const dir = positionals[0];
const limit = Number(values.pages ?? Infinity);
/** Another build than dist/chrome, to compare two builds. */
const extension = resolve(values.extension ?? join(import.meta.dirname, '..', 'dist', 'chrome'));
if (dir === undefined || positionals.length > 1 || !existsSync(dir) || !(limit >= 1)) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(join(extension, 'manifest.json'))) {
  console.error(`bench: no built extension in ${extension}: run \`npm run build\` first`);
  process.exit(2);
}
const names = pageNames(dir, limit);

/** Closes our service worker's target and waits until the browser lists it no more: the next message starts it afresh. */
async function stopBackground(cdp: CDPSession, origin: string): Promise<boolean> {
  const ours = async () => (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`${origin}/`));
  const worker = await ours();
  if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  for (let waited = 0; waited < 3_000; waited += 50) {
    if (!(await ours())) return true;
    await sleep(50);
  }
  return false;
}

const server = await startPageServer(dir, names);
const b = await launchExtension(server, names.flatMap((name) => [hostFor(name, 0), hostFor(name, 1)]), extension);
const cdp = await (b as ChromiumBrowser).context.browser()!.newBrowserCDPSession();
interface Sample {
  /** The page's wait for its config (settings, site list), asked once the gate has passed it, before extracting. */
  config: number;
  /** The background's analysis of the article, as it times it. */
  analysis: number;
  /** The page's wait for it: from sending the text to the answer (a background starting or busy included). */
  wait: number;
}

/** One cold load of the page (null: no article on it). */
async function sample(name: string, load: number): Promise<Sample | null> {
  const page = await b.openPage('about:blank', { timeout: TIMEOUT_MS });
  try {
    await page.goto(`http://${hostFor(name, load)}/page/${encodeURIComponent(name)}/`, { timeout: TIMEOUT_MS });
    const state = await withTimeout(finishedState(b, page, TIMEOUT_MS), TIMEOUT_MS + 5_000, 'content script');
    return state.article === null ? null : { config: state.work.configWaitMs, analysis: state.work.last!.backgroundMs, wait: state.work.last!.answerWaitMs };
  } finally {
    await page.close();
  }
}

const rows: { name: string; stopped: Sample; running: Sample }[] = [];
const both = ({ config, analysis, wait }: Sample) => `config ${config.toFixed(2)} ms, analysis ${analysis.toFixed(2)} ms, wait ${wait.toFixed(2)} ms`;
try {
  for (const name of names) {
    try {
      if (!(await stopBackground(cdp, b.extensionOrigin))) throw new Error('the background did not stop');
      const stopped = await sample(name, 0);
      if (stopped === null) {
        console.log(`  ${name}: no article`);
        continue;
      }
      const running = (await sample(name, 1))!;
      rows.push({ name, stopped, running });
      console.log(`  ${name}: stopped before the page: ${both(stopped)}; running: ${both(running)}`);
    } catch (error) {
      console.log(`  FAILED ${name}: ${String(error).split('\n')[0]!.slice(0, 200)}`);
    }
  }
} finally {
  await cdp.detach().catch(() => undefined);
  await b.close();
  await server.close();
}
if (rows.length === 0) {
  console.error('bench: no article page could be measured');
  process.exit(1);
}
const figures = (values: number[]) => `median ${median(values).toFixed(2)}, p95 ${percentile(values, 95).toFixed(2)}, max ${Math.max(...values).toFixed(2)} ms`;
const column = (when: 'stopped' | 'running', what: keyof Sample) => rows.map((row) => row[when][what]);
console.log(`${rows.length} article pages, one load each way; the background stopped before the first, running for the second`);
console.log(`the page's wait for its config, stopped before the page: ${figures(column('stopped', 'config'))}`);
console.log(`the background's analysis, stopped before the page:      ${figures(column('stopped', 'analysis'))}`);
console.log(`the page's wait for it, stopped before the page:         ${figures(column('stopped', 'wait'))}`);
console.log(`the page's wait for its config, running:                 ${figures(column('running', 'config'))}`);
console.log(`the background's analysis, running:                      ${figures(column('running', 'analysis'))}`);
console.log(`the page's wait for it, running:                         ${figures(column('running', 'wait'))}`);
console.log(`stopped/running median ratio of the waits (config + analysis): ${(
  median(rows.map((row) => row.stopped.config + row.stopped.wait)) / median(rows.map((row) => row.running.config + row.running.wait))
).toFixed(2)}`);
