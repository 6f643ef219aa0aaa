// The command-line analyser, run as a user runs it, on a saved page, a gzipped one and a plain-text article.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';

const PAGE = 'test/fixtures/pages/seed-kazakhstan.html';

function analyze(...args: string[]): Array<Record<string, any>> {
  const out = execFileSync('npx', ['tsx', 'scripts/analyze.ts', ...args], { encoding: 'utf8' });
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

describe('npm run analyze', () => {
  it('prints one JSON line per file, with offsets into the article text, for .html, .html.gz and .txt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const gz = join(dir, 'seed.html.gz');
    writeFileSync(gz, gzipSync(readFileSync(PAGE)));
    // The plain-text form of the same article: its text as the page analyser read it, one block a line.
    const [fromPage] = analyze(PAGE);
    const txt = join(dir, 'seed.txt');
    writeFileSync(txt, `  ${fromPage!.article.text.split('\n').join('\r\n\r\n   ')}\n`);

    const results = analyze('--url', 'https://www.rt.com/news/x/', PAGE, gz, txt);
    expect(results.map((r) => r.file)).toEqual([PAGE, gz, txt]);
    expect(results[2]!.article.text).toBe(fromPage!.article.text);
    for (const result of results) {
      expect(result.url).toBe('https://www.rt.com/news/x/');
      expect(result.site).toMatchObject({ id: 'rt', type: 'state-affiliated' });
      const text: string = result.article.text;
      for (const finding of result.findings) {
        expect(text.slice(finding.start, finding.end)).toBe(finding.text);
        expect(['attribution', 'boilerplate', 'loaded']).toContain(finding.kind);
        expect(finding.ruleId).toMatch(/^(attribution|boilerplate|loaded):/);
      }
      const rt = result.findings.find((f: any) => f.text === 'RT International reports');
      expect(rt.source).toMatchObject({ text: 'RT International', type: 'state-affiliated', outlet: { id: 'rt' } });
      expect(result.findings.filter((f: any) => f.kind === 'boilerplate').map((f: any) => f.text.slice(0, 12))).toEqual(['READ MORE KA', 'PLEASE HELP ', 'ALSO JOIN OU']);
    }
    expect(results[0]!.article.title).toMatch(/CSTO leaders/);
  }, 120_000);

  it('says how to use it when given no file, and exits non-zero', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'scripts/analyze.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage: npm run --silent analyze/);
  }, 60_000);

  it('analyses a German page (lang="de") and German plain text with the German pack, as the content script does', () => {
    const [page, txt] = analyze('test/fixtures/de/strassenbahn.html', 'test/fixtures/de/strassenbahn.txt');
    for (const result of [page!, txt!]) {
      const texts = result.findings.map((f: any) => f.text);
      expect(texts).toEqual(expect.arrayContaining(['Laut den Verkehrsbetrieben', 'zufolge', 'Milliardengrab', 'Verkehrschaos']));
    }
  });
});
