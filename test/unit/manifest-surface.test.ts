// What the extension exposes and asks for, read from manifest.json and src/ (SECURITY.md points here): no way in for
// pages or other extensions, no permission beyond storage, one web-accessible page behind a per-session URL, and no
// code in src/ that talks to the network.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|html)$/.test(e.name))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { path: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') };
    });
}
const src = sources(join(ROOT, 'src'));
const using = (pattern: RegExp) => src.filter((f) => pattern.test(f.text)).map((f) => f.path);

describe('manifest: the surface we expose', () => {
  it('asks for storage only: no host permissions, no optional ones, no tabs', () => {
    expect(manifest.permissions).toEqual(['unlimitedStorage']);
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions']) expect(manifest[key], key).toBeUndefined();
  });

  it('adds `storage` to the Firefox build only (notes in permanent private browsing), used by the background alone', async () => {
    const { manifestFor } = await import('../../vite.config');
    expect(manifestFor('chrome').permissions).toEqual(['unlimitedStorage']);
    expect(manifestFor('firefox').permissions).toEqual(['unlimitedStorage', 'storage']);
    expect(using(/\.storage\??\.(local|sync|session)\b|storage\?: \{ local/)).toEqual(['src/background/index.ts']);
  });

  it('lets no web page or other extension connect (no externally_connectable) and keeps the default extension CSP', () => {
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined();
  });

  it('runs the content script on http(s) pages only', () => {
    const scripts = manifest.content_scripts as { matches: string[]; all_frames?: boolean }[];
    for (const script of scripts) {
      expect(script.matches).toEqual(['http://*/*', 'https://*/*']);
      expect(script.all_frames ?? false).toBe(false);
    }
  });

  // The build adds the article-only module to the same entry (test/e2e/content-bundle.e2e.ts checks the built manifest).
  it('makes one page web-accessible, the note editor, behind a per-session URL where the browser supports it', () => {
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['src/editor/index.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }]);
  });
});

describe('src/: no way in from outside, no way out to the network', () => {
  it('has no handler for other extensions or pages (onMessageExternal, onConnectExternal)', () => {
    expect(using(/onMessageExternal|onConnectExternal/)).toEqual([]);
  });

  it('never listens to window messages (a page can post anything)', () => {
    expect(using(/addEventListener\(\s*['"]message['"]|\bonmessage\s*=/)).toEqual([]);
  });

  it('has no network call: fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon, WebRTC', () => {
    expect(using(/XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection/)).toEqual([]);
    // One fetch, of the extension's own files: the built-in packs, by a path from its root (no scheme, no host).
    const fetching = src.filter((f) => /\bfetch\s*\(/.test(f.text));
    expect(fetching.map((f) => f.path)).toEqual(['src/background/builtin-data.ts']);
    expect(fetching[0]!.text.match(/\bfetch\s*\([^)]*\)/g)).toEqual(['fetch(`/${BUILTIN_DATA_DIR}/${file}`)']);
  });

  it('loads no remote script or style from its pages', () => {
    const pages = src.filter((f) => f.path.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(page.text, page.path).not.toMatch(/(src|href)\s*=\s*["'](https?:)?\/\//i);
  });
});
