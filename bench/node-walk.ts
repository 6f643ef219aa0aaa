// `npm run bench:node-walk`: what it costs a cold page merely to visit every node of its body from script once, against
// Readability's clone + parse on the same pages, each on a fresh renderer. The question it answers: could any extractor
// that reads the whole page (wherever its scoring then runs, in the page or warm in the background) reach issue 4's
// R <= 0.33? The walk is the least such an extractor must do: per element its name, class, id and the attributes that
// hide it; per text node its length and commas; no scoring, no clean-up, no text map. See bench/README.md.
//
//   npx tsx bench/node-walk.ts PAGES_DIR [--pages N]
import { existsSync } from 'node:fs';
import { BrowserHost, coldLoad } from './browser';
import { buildPageScripts } from './build';
import { pageNames, startPageServer } from './page-server';
import { median, percentile } from './stats';

/** Runs in the page: one pre-order walk of <body> into flat arrays (a snapshot a background could score). */
function snapshotWalk(): { ms: number; nodes: number } {
  const start = performance.now();
  const kinds: number[] = [];
  const parents: number[] = [];
  const names: string[] = [];
  const classes: string[] = [];
  const ids: string[] = [];
  const flags: number[] = [];
  const lengths: number[] = [];
  const commas: number[] = [];
  const stack: [Node, number][] = [[document.body, -1]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    const index = kinds.length;
    kinds.push(node.nodeType);
    parents.push(parent);
    let name = '';
    let className = '';
    let id = '';
    let flag = 0;
    let length = 0;
    let commaCount = 0;
    if (node instanceof Element) {
      name = node.localName;
      if (node.hasAttributes()) {
        className = node.getAttribute('class') ?? '';
        id = node.id;
        flag = (node.hasAttribute('hidden') ? 1 : 0) | (node.hasAttribute('style') ? 2 : 0) | (node.hasAttribute('role') ? 4 : 0) | (node.hasAttribute('aria-hidden') ? 8 : 0);
      }
    } else if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      length = data.length;
      for (let k = data.indexOf(','); k >= 0; k = data.indexOf(',', k + 1)) commaCount++;
    }
    names.push(name);
    classes.push(className);
    ids.push(id);
    flags.push(flag);
    lengths.push(length);
    commas.push(commaCount);
    if (name === 'script' || name === 'style' || name === 'noscript' || name === 'svg') continue;
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push([child, index]);
  }
  return { ms: performance.now() - start, nodes: kinds.length };
}

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--'));
const limit = args.includes('--pages') ? Number(args[args.indexOf('--pages') + 1]) : Infinity;
if (dir === undefined || !existsSync(dir)) {
  console.error('usage: npx tsx bench/node-walk.ts PAGES_DIR [--pages N]');
  process.exit(2);
}
const names = pageNames(dir, limit);
const { readability } = await buildPageScripts();
const server = await startPageServer(dir, names);
const host = new BrowserHost();
const walk = `globalThis.__snapshotWalk = ${snapshotWalk.toString()};`;
const rows: { walk: number; readability: number; nodes: number }[] = [];
try {
  for (const name of names) {
    try {
      // The walk runs in a task of its own after the load event, as Readability's side does (page-task.ts).
      const walked = await coldLoad<{ ms: number; nodes: number }>(host, server, server.urlOf(name), walk, 'new Promise((done) => setTimeout(() => done(globalThis.__snapshotWalk()), 0))', 20_000);
      const parsed = await coldLoad<{ total: number }>(host, server, server.urlOf(name), readability, 'readabilityBench.measureReadability()', 20_000);
      rows.push({ walk: walked.value.ms, readability: parsed.value.total, nodes: walked.value.nodes });
      console.log(`  ${name}: walk ${walked.value.ms.toFixed(2)} ms over ${walked.value.nodes} nodes, Readability ${parsed.value.total.toFixed(2)} ms`);
    } catch (error) {
      console.log(`  FAILED ${name}: ${String(error).slice(0, 200)}`);
    }
  }
} finally {
  await host.close();
  await server.close();
}
if (rows.length === 0) process.exit(1);
const column = (key: 'walk' | 'readability') => rows.map((row) => row[key]);
console.log(`${rows.length} pages, one cold load each per side, Chromium ${host.version()}, in the page's own world after the load event`);
console.log(`one walk of every node: median ${median(column('walk')).toFixed(2)} ms, p95 ${percentile(column('walk'), 95).toFixed(2)} ms (median ${median(rows.map((row) => row.nodes))} nodes)`);
console.log(`Readability clone + parse: median ${median(column('readability')).toFixed(2)} ms, p95 ${percentile(column('readability'), 95).toFixed(2)} ms`);
console.log(`walk/readability median ratio: ${(median(column('walk')) / median(column('readability'))).toFixed(2)}`);
