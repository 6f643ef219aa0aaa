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
  /** Defines the global `marginBench` (bench/page-entry.ts): our pipeline and analyze(). */
  margin: string;
  /** Defines the global `readabilityBench` (bench/readability-entry.ts): @mozilla/readability. */
  readability: string;
}

async function bundle(entry: string, name: string, fileName: string, minify: boolean): Promise<string> {
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
      // Minified like the extension's content script (vite's default for an IIFE library); readable for profiles.
      ...(minify ? {} : { minify: false }),
      lib: { entry: join(BENCH_DIR, entry), formats: ['iife'], name, fileName: () => fileName },
    },
  });
  return readFile(join(BUILD_DIR, fileName), 'utf8');
}

/** `minify: false` keeps function names readable in CPU profiles (bench/profile.ts); timings use the minified build. */
export async function buildPageScripts({ minify = true } = {}): Promise<PageScripts> {
  await mkdir(BUILD_DIR, { recursive: true });
  const suffix = minify ? '' : '.readable';
  const margin = await bundle('page-entry.ts', 'marginBench', `margin-bench${suffix}.js`, minify);
  const readability = await bundle('readability-entry.ts', 'readabilityBench', `readability-bench${suffix}.js`, minify);
  return { margin, readability };
}
