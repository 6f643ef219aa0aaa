// What every page loads: the built content script (dist/<browser>/content.js), and what article pages load besides:
// the article-only module it imports once a page passes the gate (article.js). The analyser, the rule packs and the
// public suffix list stay in the background (messages.ts page/analyze); a stray import would put them back into
// every page's start-up without any test of behaviour noticing. Runs after the build, with the end-to-end tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DATA_DIR, BUILTIN_PACK_FILES } from '../../src/background/builtin-data';
import builtinPackText from '../../src/data/compiled/builtin';
import builtinDePackText from '../../src/data/compiled/builtin-de';
import { COMPILE_ALL_ON_LOAD } from '../../src/content/built-files';
import { REPO_ROOT } from './harness';

const BUILDS = ['chrome', 'firefox'] as const;

describe('the content script', () => {
  it.each(BUILDS)('in dist/%s carries no analyser, no pack and no public suffix list, and every page loads its smaller part only', (build) => {
    // Texts that only the packs hold (a loaded term's explanation, an outlet's provenance), and the suffix list.
    const builtin = readFileSync(join(REPO_ROOT, 'src', 'data', 'compiled', 'builtin.ts'), 'utf8');
    expect(builtin).toContain('perennial sources');
    const sizes: Record<string, number> = {};
    const codes: Record<string, string> = {};
    for (const name of ['content.js', 'article.js']) {
      const file = join(REPO_ROOT, 'dist', build, name);
      const code = (codes[name] = readFileSync(file, 'utf8'));
      expect(code, name).not.toContain('perennial sources');
      expect(code, name).not.toMatch(/\bkyoto\b/);
      sizes[name] = statSync(file).size;
    }
    // Every page: the gate, the messages, the UI (42 KiB today). Article pages: the extraction, the text map and the
    // anchoring besides (58 KiB in the Chrome build). Together under 128 KiB (576 KiB while the analysis ran in the
    // page).
    expect(sizes['content.js']).toBeLessThan(48 * 1024);
    expect(sizes['content.js']! + sizes['article.js']!).toBeLessThan(128 * 1024);
    // The extraction proper is in the module only.
    expect(codes['content.js']).not.toContain('AdvertiserContentArticle');
    // Nor does every page build the background's request schemas (the annotation's selectors among them, with this
    // message of theirs): the content script validates only the requests it receives.
    expect(codes['content.js']).not.toContain('end must be after start');
    // Chromium paints the highlights' underlines itself: its build never asks which browser it runs in.
    if (build === 'chrome') expect(codes['content.js']).not.toContain('userAgent');
    // Nor does its article module carry the overlay that draws them where the browser cannot (its colours as a marker).
    const overlayColour = /rgb\(200 30 100\)/;
    if (build === 'chrome') expect(codes['article.js']).not.toMatch(overlayColour);
    else expect(codes['article.js']).toMatch(overlayColour);
    // The module asks V8 to compile it whole while it streams (off the main thread); the classic content script, which
    // is compiled on the main thread of every page, does not.
    expect(codes['article.js']!.split('\n', 1)[0]).toBe(COMPILE_ALL_ON_LOAD);
    expect(codes['content.js']).not.toContain(COMPILE_ALL_ON_LOAD);
  });

  it.each(BUILDS)('in dist/%s makes the article module web-accessible on the note editor\'s terms, and nothing else', (build) => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'dist', build, 'manifest.json'), 'utf8'));
    expect(manifest.web_accessible_resources).toEqual([
      {
        resources: ['src/editor/index.html', 'article.js'],
        matches: ['http://*/*', 'https://*/*'],
        // Firefox has no per-session address (SECURITY.md, known gaps).
        ...(build === 'chrome' ? { use_dynamic_url: true } : {}),
      },
    ]);
  });
});

describe('the background', () => {
  it.each(BUILDS)('in dist/%s ships the built-in packs as files of their own, not in the code every start of it compiles', (build) => {
    const dir = join(REPO_ROOT, 'dist', build, 'assets');
    const chunks = readdirSync(dir).filter((name) => name.endsWith('.js')).map((name) => readFileSync(join(dir, name), 'utf8'));
    const shippedFile = (file: string) => readFileSync(join(REPO_ROOT, 'dist', build, BUILTIN_DATA_DIR, file), 'utf8');
    // The outlet table's source pack (src/data/sources.json): a file under builtin/, in no chunk, as text or as code.
    const shipped = JSON.parse(shippedFile('sources.json'));
    expect(shipped.id).toBe('builtin.sources');
    const description = shipped.description.slice(0, 40);
    expect(description).toBe('Outlets and domains with type, country, ');
    expect(chunks.filter((code) => code.includes(description))).toEqual([]);
    // The compiled packs, as scripts/compile-packs.ts wrote them; texts only they hold are in no chunk.
    const unzipped = (file: string) => gunzipSync(readFileSync(join(REPO_ROOT, 'dist', build, BUILTIN_DATA_DIR, file))).toString('utf8');
    expect(unzipped(BUILTIN_PACK_FILES.en)).toBe(builtinPackText);
    expect(unzipped(BUILTIN_PACK_FILES.de)).toBe(builtinDePackText);
    expect(builtinPackText).toContain('perennial sources');
    expect(builtinDePackText).toContain('unterstellt Betrug');
    expect(chunks.filter((code) => code.includes('perennial sources') || code.includes('unterstellt Betrug'))).toEqual([]);
  });
});

describe('the classroom page', () => {
  it.each(BUILDS)('in dist/%s loads no compiled pack (it names sites from the public suffix list only)', (build) => {
    const root = join(REPO_ROOT, 'dist', build);
    const html = readFileSync(join(root, 'src', 'classroom', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(1);
    for (const script of scripts) expect(readFileSync(join(root, script), 'utf8'), script).not.toContain('perennial sources');
  });
});

