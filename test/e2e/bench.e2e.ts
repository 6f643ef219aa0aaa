// `npm run bench` in small: the real runners on two pages of our own fixtures (an article and a list page), so CI sees
// the benchmarks work end to end (the built extension in Chromium, Readability beside it in the page and as a content
// script, the report and its JSON; the same on a build with next to no extraction; the built extension in Firefox)
// without the 130 reference pages. Their figures are printed, never asserted: speed lives in the full run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, FIXTURES_DIR, REPO_ROOT } from './harness';

const pagesDir = mkdtempSync(join(tmpdir(), 'margin-bench-pages-'));
afterAll(() => rmSync(pagesDir, { recursive: true, force: true }));

beforeAll(() => {
  for (const [name, file] of [['article', 'pages/seed-kazakhstan.html'], ['list-page', 'extraction/list-page.html']] as const) {
    mkdirSync(join(pagesDir, name));
    copyFileSync(join(FIXTURES_DIR, file), join(pagesDir, name, 'source.html'));
  }
});

describe.runIf(BROWSERS.includes('firefox'))('npm run bench:firefox, on two fixture pages', () => {
  it('times our pipeline in Firefox ESR from the tab\'s own account, the longest task of ours included', () => {
    const run = spawnSync('npx', ['tsx', 'bench/firefox.ts', pagesDir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    process.stdout.write(`${run.stdout}\n`);
    expect(run.stdout).toMatch(/^ {2}\[\d\/2\] article: [\d.]+ ms on the page, longest task [\d.]+ ms$/m);
    expect(run.stdout).toMatch(/^ {2}\[\d\/2\] list-page: [\d.]+ ms on the page, longest task [\d.]+ ms \(no article\)$/m);
    expect(run.stdout).toMatch(/^pages: 2 measured, 0 failed; article found on 1$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^firefox: longest task of ours, median over pages: \d+\.\d\d; max: \d+\.\d\d$/);
  });
});

describe.runIf(BROWSERS.includes('chromium'))('npm run bench, on two fixture pages', () => {

  it('measures the extension and Readability on each page and ends with the ratio line', () => {
    const json = join(pagesDir, 'result.json');
    const run = spawnSync('npx', ['tsx', 'bench/run.ts', pagesDir, '--repeat', '1', '--json', json], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    process.stdout.write(`${run.stdout}\n`);
    expect(lines.at(-1)).toMatch(/^pipeline\/readability median ratio: \d+\.\d\d$/);

    const result = JSON.parse(readFileSync(json, 'utf8')) as {
      pages: Array<{ name: string; found: boolean; findings: number; extract: number; background: number; total: number; readability: number; readabilityContentScript: number }>;
      failed: unknown[];
    };
    expect(result.failed).toEqual([]);
    const byName = Object.fromEntries(result.pages.map((page) => [page.name, page]));
    // The seed article: found and flagged by the extension, analysed in the background, compared with Readability.
    expect(byName.article).toMatchObject({ found: true });
    expect(byName.article!.findings).toBeGreaterThan(10);
    expect(byName.article!.background).toBeGreaterThan(0);
    expect(byName.article!.total).toBeGreaterThan(byName.article!.background);
    expect(byName.article!.readability).toBeGreaterThan(0);
    // And with Readability run by the bench-only extension's content script, as ours runs.
    expect(byName.article!.readabilityContentScript).toBeGreaterThan(0);
    // A list of links is no article: only the gate ran.
    expect(byName['list-page']).toMatchObject({ found: false, findings: 0, background: 0 });
  });

  it('npm run bench:floor runs the same bench on a build that all but skips the extraction, and says which build it measured', () => {
    const json = join(pagesDir, 'floor.json');
    const run = spawnSync('npx', ['tsx', 'bench/floor.ts', pagesDir, '--repeat', '1', '--json', json], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    process.stdout.write(`${run.stdout}\n`);
    const floorBuild = join(REPO_ROOT, 'bench', '.build', 'extension-floor');
    expect(run.stdout).toContain(`Margin's pipeline in the built extension (`);
    expect(run.stdout).toContain(`, as built in ${floorBuild}) vs Mozilla Readability: 2 pages`);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^pipeline\/readability median ratio: \d+\.\d\d$/);
    // Its article module has none of the real extraction (Readability's pattern of unlikely candidates), the shipped one has.
    const unlikely = 'ai2html|banner|breadcrumbs';
    expect(readFileSync(join(floorBuild, 'article.js'), 'utf8')).not.toContain(unlikely);
    expect(readFileSync(join(REPO_ROOT, 'dist', 'chrome', 'article.js'), 'utf8')).toContain(unlikely);
    // The rest of the pipeline is the real one: the seed article is flagged, the list page stops at the gate.
    const byName = Object.fromEntries(
      (JSON.parse(readFileSync(json, 'utf8')) as { pages: Array<{ name: string; found: boolean; findings: number }> }).pages.map((page) => [page.name, page]),
    );
    expect(byName.article).toMatchObject({ found: true });
    expect(byName.article!.findings).toBeGreaterThan(10);
    expect(byName['list-page']).toMatchObject({ found: false, findings: 0 });
  });

  it('npm run bench:background times the page\'s waits for its config and its analysis with the background stopped before the page, then running', () => {
    const run = spawnSync('npx', ['tsx', 'bench/background.ts', pagesDir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    process.stdout.write(`${run.stdout}\n`);
    // The seed article is analysed both ways, and the page waits at least as long as the analysis itself takes.
    const seed = /^ {2}article: stopped before the page: config ([\d.]+) ms, analysis ([\d.]+) ms, wait ([\d.]+) ms; running: config ([\d.]+) ms, analysis ([\d.]+) ms, wait ([\d.]+) ms$/m.exec(run.stdout);
    expect(seed, run.stdout).not.toBeNull();
    const [stoppedConfig, stoppedAnalysis, stoppedWait, runningConfig, runningAnalysis, runningWait] = seed!.slice(1).map(Number) as [number, number, number, number, number, number];
    expect(stoppedConfig).toBeGreaterThan(0);
    expect(runningConfig).toBeGreaterThan(0);
    expect(stoppedAnalysis).toBeGreaterThan(0);
    expect(runningAnalysis).toBeGreaterThan(0);
    expect(stoppedWait).toBeGreaterThanOrEqual(stoppedAnalysis);
    expect(runningWait).toBeGreaterThanOrEqual(runningAnalysis);
    expect(run.stdout).toMatch(/^ {2}list-page: no article$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^stopped\/running median ratio of the waits \(config \+ analysis\): \d+\.\d\d$/);
  });

  it('npm run bench:node-walk walks every node of each page and compares it with Readability', () => {
    const run = spawnSync('npx', ['tsx', 'bench/node-walk.ts', pagesDir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    process.stdout.write(`${run.stdout}\n`);
    const nodes = Object.fromEntries([...run.stdout.matchAll(/^ {2}(\S+): walk [\d.]+ ms over (\d+) nodes, Readability [\d.]+ ms$/gm)].map((m) => [m[1]!, Number(m[2])]));
    // The seed article's body: its paragraphs, their text nodes and the page around them.
    expect(nodes.article).toBeGreaterThan(100);
    expect(nodes['list-page']).toBeGreaterThan(10);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^walk\/readability median ratio: \d+\.\d\d$/);
  });
});
