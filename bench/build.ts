// Bundles the page side of the benchmark with vite (lib mode, one classic IIFE script per entry, as the extension's
// content script is built) into bench/.build/ (git-ignored), and returns the scripts' source text; builds the
// bench-only extension that runs Readability as a content script; and builds copies of our extension apart.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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

async function bundle(entry: string, name: string, fileName: string, outDir = BUILD_DIR): Promise<string> {
  await build({
    configFile: false,
    root: REPO_DIR,
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      // Minified like the extension's content script (vite's default for an IIFE library).
      lib: { entry: join(BENCH_DIR, entry), formats: ['iife'], name, fileName: () => fileName },
    },
  });
  return readFile(join(outDir, fileName), 'utf8');
}

export async function buildPageScripts(): Promise<PageScripts> {
  await mkdir(BUILD_DIR, { recursive: true });
  const margin = await bundle('page-entry.ts', 'marginBench', 'margin-bench.js');
  const readability = await bundle('readability-entry.ts', 'readabilityBench', 'readability-bench.js');
  return { margin, readability };
}

/**
 * An unpacked Manifest V3 extension whose only part is a content script that runs Readability (bench/
 * readability-content-entry.ts) at document_idle on every http page: Readability as an extension built on it would
 * run, in the same conditions as ours. Returns its folder. No permissions: it reads the page it is injected into and
 * leaves its sample there.
 */
/**
 * Our Chrome build, as `npm run build` makes it but with `env` set (the switches vite.config.ts reads for a copy that
 * is never shipped), into bench/.build/<name>. Returns its folder.
 */
export function buildExtensionApart(name: string, env: Record<string, string>): string {
  const dir = join(BUILD_DIR, name);
  execFileSync('npx', ['vite', 'build', '--mode', 'chrome', '--outDir', dir, '--logLevel', 'warn'], {
    cwd: REPO_DIR,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  return dir;
}

export async function buildReadabilityExtension(): Promise<string> {
  const dir = join(BUILD_DIR, 'readability-extension');
  await mkdir(dir, { recursive: true });
  const script = 'readability-content.js';
  await bundle('readability-content-entry.ts', 'readabilityContent', script, dir);
  const manifest = {
    manifest_version: 3,
    name: 'Readability as a content script (bench only)',
    version: '1',
    content_scripts: [{ matches: ['http://*/*'], js: [script], run_at: 'document_idle' }],
  };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return dir;
}
