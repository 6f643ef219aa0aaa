// `npm run bench:store`: the annotation store at scale, in real Chromium with the built extension (issue 5):
// how long the popup takes to show its views with 10,000 stored annotations, and to export 10,000 from its button.
// Usage: npm run build && npm run bench:store [-- --notes N --runs K]
import { parseArgs } from 'node:util';
import { launch, startServer, type PageHandle } from '../test/e2e/harness';
import { annotation } from '../test/unit/store-fixtures';
import { median, percentile } from './stats';

const { values } = parseArgs({ options: { notes: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' } } });
const NOTES = Number(values.notes);
const RUNS = Number(values.runs);
const TARGETS = { popup: 150, export: 500 };

/** Sends one request to the background from an extension page, as the popup does. */
const ask = (page: PageHandle, type: string, payload: unknown) =>
  page.evaluate(async (t: string, p: unknown) => {
    const reply = (await (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> } } }).chrome.runtime.sendMessage({ type: t, payload: p }));
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.value;
  }, type, payload);

async function main(): Promise<number> {
  const server = await startServer();
  const browser = await launch('chromium');
  try {
    const article = await browser.openPage(server.url('/pages/seed-kazakhstan.html'));
    const tabId = await article.tabId();
    const host = await browser.openExtensionPage('src/popup/index.html?view=library');
    const records = Array.from({ length: NOTES }, (_, n) => annotation(n, { page: `https://news${n % 40}.example.com/story-${n % 500}` }));
    for (let i = 0; i < records.length; i += 2_000) await ask(host, 'annotations/restore', { annotations: records.slice(i, i + 2_000) });
    const stored = (await ask(host, 'annotations/list', {})) as unknown[];
    if (stored.length !== NOTES) throw new Error(`stored ${stored.length} of ${NOTES}`);

    const timings: Record<string, number[]> = { 'popup: this page': [], 'popup: all notes': [], [`export JSON-LD (${NOTES})`]: [], [`export CSV (${NOTES})`]: [] };
    for (let run = 0; run < RUNS; run++) {
      // Each view, and the exports timed from it: from "All notes", as the reader makes a backup.
      for (const [name, view, ready, exports] of [
        ['popup: this page', '', '.counts', []],
        ['popup: all notes', '&view=library', '.list-head', ['jsonld', 'csv']],
      ] as const) {
        const popup = await browser.openExtensionPage(`src/popup/index.html?tab=${tabId}${view}`);
        await popup.waitForSelector(ready, { timeout: 30_000 });
        // From the start of navigation to the view on screen, on the popup's own clock.
        timings[name]!.push(
          await popup.evaluate((selector: string) => {
            const shown = performance.getEntriesByType('mark').find((m) => m.name === 'view-ready')?.startTime;
            return shown ?? (document.querySelector(selector) ? performance.now() : Number.NaN);
          }, ready),
        );
        // An export as the reader makes one: the popup's button, until the file is handed to the browser.
        for (const format of exports) {
          const ms = await popup.evaluate(async (f: string) => {
            performance.clearMarks('exported');
            const started = performance.now();
            (document.querySelector(`button[data-export="${f}"]`) as HTMLButtonElement).click();
            for (let waited = 0; performance.getEntriesByName('exported').length === 0; waited += 5) {
              if (waited > 30_000) throw new Error('export failed');
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            return performance.getEntriesByName('exported')[0]!.startTime - started;
          }, format);
          timings[format === 'jsonld' ? `export JSON-LD (${NOTES})` : `export CSV (${NOTES})`]!.push(ms);
        }
        await popup.close();
      }
    }
    console.log(`store benchmark: ${NOTES} annotations, ${RUNS} runs, Chromium, built extension`);
    console.log('ms                               median      p95');
    for (const [name, list] of Object.entries(timings)) console.log(`${name.padEnd(30)} ${median(list).toFixed(1).padStart(8)} ${percentile(list, 95).toFixed(1).padStart(8)}`);
    // The popup opens on "This page"; "All notes" reads every record and is reported beside it.
    const popupOpen = median(timings['popup: this page']!);
    const exportWorst = Math.max(median(timings[`export JSON-LD (${NOTES})`]!), median(timings[`export CSV (${NOTES})`]!));
    console.log(`${popupOpen < TARGETS.popup ? 'PASS' : 'FAIL'}  popup opens with its report in ${popupOpen.toFixed(1)} ms (median, < ${TARGETS.popup} ms)`);
    console.log(`info  "All notes" lists ${NOTES} notes in ${median(timings['popup: all notes']!).toFixed(1)} ms (median)`);
    console.log(`${exportWorst < TARGETS.export ? 'PASS' : 'FAIL'}  export of ${NOTES} in ${exportWorst.toFixed(1)} ms (median, < ${TARGETS.export} ms)`);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
