// Bundles the page side of the benchmark with vite (lib mode, one classic IIFE script per entry, as the extension's
// content script is built) into bench/.build/ (git-ignored), and returns the scripts' source text.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = resolve(BENCH_DIR, '..');
export const BUILD_DIR = join(BENCH_DIR, '.build');

export interface PageScripts {
  /** Defines the global `marginBench` (bench/page-entry.ts): analyze(). */
  margin: string;
  /** Defines the global `readabilityBench` (bench/readability-entry.ts): @mozilla/readability. */
  readability: string;
}

async function bundle(entry: string, name: string, fileName: string): Promise<string> {
  await build({
    configFile: false,
    root: REPO_DIR,
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir: BUILD_DIR,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      // Minified like the extension's content script (vite's default for an IIFE library).
      lib: { entry: join(BENCH_DIR, entry), formats: ['iife'], name, fileName: () => fileName },
    },
  });
  return readFile(join(BUILD_DIR, fileName), 'utf8');
}

export async function buildPageScripts(): Promise<PageScripts> {
  await mkdir(BUILD_DIR, { recursive: true });
  const margin = await bundle('page-entry.ts', 'marginBench', 'margin-bench.js');
  const readability = await bundle('readability-entry.ts', 'readabilityBench', 'readability-bench.js');
  return { margin, readability };
}
