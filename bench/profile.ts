// Where our time goes on given pages, as a reader's browser spends it: a V8 CPU profile (sampling every 50 µs) of the
// built extension's content script running cold on each page, summed by function, self time. The extension is built
// apart with a readable (unminified) content script into bench/.build/extension-readable, so names mean something.
// The profiler is started in the tab on a blank page of another site and keeps running across the navigation to the
// page, which gets a renderer of its own: the content script starts there with nothing compiled, as in `npm run bench`.
// Timings are a little higher than the bench's because the profiler itself costs time.
//
//   tsx bench/profile.ts PAGES_DIR NAME... [--top N]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { buildExtensionApart } from './build';
import { finishedState, hostFor, launchExtension } from './extension';
import { startPageServer } from './page-server';

const USAGE = 'usage: tsx bench/profile.ts PAGES_DIR NAME... [--top N]';
/** The blank page the profiler starts on: under a host of its own, so that the page opens in a new renderer. */
const BLANK_REPEAT = 9;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  const [dir, ...names] = positionals;
  if (!dir || names.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const pagesDir = resolve(dir);
  for (const name of names) {
    if (!existsSync(join(pagesDir, name, 'source.html'))) {
      process.stderr.write(`bench/profile: no ${join(pagesDir, name, 'source.html')}\n${USAGE}\n`);
      return 2;
    }
  }
  const top = Number(values.top) || 25;
  process.stderr.write('bench/profile: building the extension with a readable content script ...\n');
  const extensionPath = buildExtensionApart('extension-readable', { MARGIN_READABLE_CONTENT: '1' });
  const server = await startPageServer(pagesDir, names);
  const browser = await launchExtension(server, names.flatMap((name) => [hostFor(name, 0), hostFor(name, BLANK_REPEAT)]), extensionPath);
  const selfByFunction = new Map<string, number>();
  // Inclusive: a sample counts for every function on its stack (once, however deep the recursion).
  const totalByFunction = new Map<string, number>();
  let sampled = 0;
  try {
    for (const name of names) {
      const page = await browser.openPage(`http://${hostFor(name, BLANK_REPEAT)}/blank`);
      const raw = page.raw as Page;
      const session = await raw.context().newCDPSession(raw);
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 50 });
      await session.send('Profiler.start');
      await page.goto(`http://${hostFor(name, 0)}/page/${encodeURIComponent(name)}/`);
      const state = await finishedState(browser, page, 30_000);
      const { profile } = (await session.send('Profiler.stop')) as { profile: Profile };
      await page.close();
      const last = state.work.last!;
      process.stdout.write(
        `${name}: on the page ${last.pageMs.toFixed(2)} ms (extract ${last.extract.toFixed(2)}, textMap ${last.textMap.toFixed(2)}, ` +
          `analyse ${last.analyse.toFixed(2)}, highlight ${last.highlight.toFixed(2)}; longest task ${last.longestMs.toFixed(2)}), ` +
          `background ${last.backgroundMs.toFixed(2)} ms, start-up ${state.work.startupMs.toFixed(2)} ms\n`,
      );
      const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
      const parents = new Map<number, number>();
      for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
      const keyOf = (id: number) => {
        const frame = nodes.get(id)!.callFrame;
        return `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
      };
      profile.samples.forEach((id, i) => {
        const delta = (profile.timeDeltas[i] ?? 0) / 1000;
        const key = keyOf(id);
        selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
        const onStack = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) onStack.add(keyOf(at));
        for (const name of onStack) totalByFunction.set(name, (totalByFunction.get(name) ?? 0) + delta);
        sampled += delta;
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const idle = ['(idle) :0', '(program) :0'];
  process.stdout.write(`\nself time by function over ${names.length} page(s), ms (file:line; content.js is ${join(extensionPath, 'content.js')}):\n`);
  for (const [key, time] of [...selfByFunction].filter(([key]) => !idle.includes(key)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${time.toFixed(2).padStart(9)}  ${key}\n`);
  }
  process.stdout.write(`\ntotal time (self and callees) by function, ms:\n`);
  for (const [key, time] of [...totalByFunction].filter(([key]) => !idle.includes(key) && !key.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${time.toFixed(2).padStart(9)}  ${key}\n`);
  }
  process.stdout.write(`(${sampled.toFixed(1)} ms sampled in all, idle, the browser's own work and page loading included)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench/profile: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
