// Where the pipeline's time goes on given pages: a CPU profile (V8 sampling, 50 µs) of one cold runPipeline per page,
// summed by function, self time. Uses the unminified bundle so names are readable; timings are a little higher than
// `npm run bench`'s because the profiler itself costs time.
//
//   tsx bench/profile.ts PAGES_DIR NAME... [--top N]
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { BrowserHost, coldLoad } from './browser';
import { buildPageScripts } from './build';
import type { ExtractionDiagnostics, PipelineSample } from './page-entry';
import { startPageServer } from './page-server';

const USAGE = 'usage: tsx bench/profile.ts PAGES_DIR NAME... [--top N]';

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
  const scripts = await buildPageScripts({ minify: false });
  const server = await startPageServer(pagesDir, names);
  const host = new BrowserHost();
  const selfByFunction = new Map<string, number>();
  let sampled = 0;
  try {
    for (const name of names) {
      let session: CDPSession | null = null;
      let profile: Profile | null = null;
      const run = await coldLoad<PipelineSample>(host, server, server.urlOf(name), scripts.margin, 'marginBench.measurePipeline(false)', 30_000, {
        before: async (page) => {
          session = await page.context().newCDPSession(page);
          await session.send('Profiler.enable');
          await session.send('Profiler.setSamplingInterval', { interval: 50 });
          await session.send('Profiler.start');
        },
        after: async () => {
          profile = ((await session!.send('Profiler.stop')) as { profile: Profile }).profile;
        },
      }, 'marginBench.diagnose()');
      const sample = run.value;
      process.stdout.write(
        `${name}: total ${sample.total.toFixed(2)} ms (extract ${sample.steps.extract?.toFixed(2)}, textMap ${sample.steps.textMap?.toFixed(2) ?? '-'}, ` +
          `analyse ${sample.steps.analyse?.toFixed(2) ?? '-'}, highlight ${sample.steps.highlight?.toFixed(2) ?? '-'}), ${sample.words} words, ` +
          `via ${(run.extra as ExtractionDiagnostics).via}, CPU ${run.cpuMs.toFixed(2)} ms\n`,
      );
      const nodes = new Map(profile!.nodes.map((node) => [node.id, node]));
      profile!.samples.forEach((id, i) => {
        const frame = nodes.get(id)!.callFrame;
        const file = frame.url ? 'bundle' : '';
        const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
        const delta = (profile!.timeDeltas[i] ?? 0) / 1000;
        selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
        sampled += delta;
      });
    }
  } finally {
    await host.close();
    await server.close();
  }
  const idle = ['(idle) :0', '(program) :0'];
  process.stdout.write(`\nself time by function over ${names.length} page(s), ms (bundle: bench/.build/margin-bench.readable.js, line):\n`);
  for (const [key, time] of [...selfByFunction].filter(([key]) => !idle.includes(key)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${time.toFixed(2).padStart(9)}  ${key}\n`);
  }
  process.stdout.write(`(${sampled.toFixed(1)} ms sampled in all, idle and page work included)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench/profile: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
