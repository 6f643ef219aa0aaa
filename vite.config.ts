// Builds one extension per browser from the single manifest.json: `vite build --mode chrome|firefox` writes dist/<browser>.
import { defineConfig, build, type Plugin } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import baseManifest from './manifest.json' with { type: 'json' };
import { PRODUCT_NAME } from './src/product.ts';
import { ARTICLE_CODE_FILE, COMPILE_ALL_ON_LOAD, CONTENT_SCRIPT_FILE } from './src/content/built-files.ts';

type Browser = 'chrome' | 'firefox';
const GECKO_ID = 'margin@margin-reader.org';
const CONTENT_ENTRY = 'src/content/index.ts';
/** The article-only code the content script imports once a page passes the gate (src/content/article-loader.ts). */
const ARTICLE_ENTRY = 'src/content/article-code.ts';
const CONTENT_CSS = 'content.css';
const jsx = { runtime: 'automatic', importSource: 'preact' } as const;

/**
 * The manifest for one browser: Chrome takes a service worker, Firefox an event page with a gecko id and the `storage`
 * permission, for its notes in permanent private browsing, where Firefox refuses the extension IndexedDB
 * (src/storage/note-store.ts). Chromium has no such mode, so its build does not ask for `storage`.
 */
export function manifestFor(browser: Browser) {
  const named = JSON.parse(JSON.stringify(baseManifest).replaceAll('__PRODUCT_NAME__', PRODUCT_NAME)) as typeof baseManifest;
  const { content_scripts: _builtSeparately, ...manifest } = named;
  if (browser === 'firefox') {
    const { minimum_chrome_version: _chromeOnly, ...firefoxManifest } = manifest;
    return {
      ...firefoxManifest,
      permissions: [...firefoxManifest.permissions, 'storage'],
      background: { scripts: [baseManifest.background.service_worker], type: 'module' },
      browser_specific_settings: {
        gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
        // Firefox for Android reads data_collection_permissions from 142 on.
        gecko_android: { strict_min_version: '142.0' },
      },
    };
  }
  return manifest;
}

/**
 * Builds the content script as one classic (IIFE) file, copies its style sheet, and declares both in the manifest.
 * Why not let crxjs do it: crxjs loads content scripts as ES modules through a dynamic import, which makes
 * every chunk web-accessible, so any page could detect the extension by probing those URLs.
 */
function classicContentScript(browser: Browser): Plugin {
  let outDir = '';
  return {
    name: 'margin:classic-content-script',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      // Two self-contained files: the content script (a classic script, as content scripts load) and the article-only
      // code, an ES module it imports once a page passes the gate, so that pages without an article never compile it.
      const readable = process.env.MARGIN_READABLE_CONTENT === '1';
      // `postBanner` for the article module: V8's compile hint. The module is imported only when its code is about to
      // run, so V8 compiles all of it while it streams, on a background thread, instead of each function on its first
      // call, on the page's main thread. Traced without V8's profiler (with it on, the compilation no longer stays off
      // the main thread): 2.2-2.6 ms less CPU on the main thread per article page, 9-13 ms more on a background thread
      // (bench/README.md). Other engines ignore the comment.
      const lib = async (entry: string, format: 'iife' | 'es', fileName: string, postBanner?: string) =>
        build({
          configFile: false,
          logLevel: 'warn',
          mode: browser,
          oxc: { jsx },
          plugins: [noHtmlFromStrings()],
          build: {
            outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            lib: { entry: resolve(entry), formats: [format], name: 'marginContent', fileName: () => fileName },
            // Both minified (a library in ES format is otherwise left with its white space), or, for CPU profiles,
            // readable (bench/profile.ts builds such a copy apart; never shipped).
            ...(readable ? { minify: false } : {}),
            rolldownOptions: { output: { ...(format === 'es' && !readable ? { minify: true } : {}), postBanner } },
          },
        });
      await lib(CONTENT_ENTRY, 'iife', CONTENT_SCRIPT_FILE);
      await lib(ARTICLE_ENTRY, 'es', ARTICLE_CODE_FILE, COMPILE_ALL_ON_LOAD);
      const manifestPath = resolve(outDir, 'manifest.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
      await copyFile(resolve(baseManifest.content_scripts[0]!.css[0]!), resolve(outDir, CONTENT_CSS));
      manifest.content_scripts = baseManifest.content_scripts.map((script) => ({ ...script, js: [CONTENT_SCRIPT_FILE], css: [CONTENT_CSS] }));
      // The module is imported from the page's context, so it must be web-accessible, like the note editor and on the
      // same terms (per-session address in Chrome). Added here, as crxjs would look for the file in the sources.
      manifest.web_accessible_resources = manifest.web_accessible_resources.map((entry: { resources: string[] }) => ({
        ...entry,
        resources: [...entry.resources, ARTICLE_CODE_FILE],
      }));
      await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
    },
  };
}

/**
 * Keeps HTML parsing of strings out of everything we ship. Preact carries one `innerHTML =` for
 * `dangerouslySetInnerHTML`, which we never use: it is replaced by a throw. Any other assignment to innerHTML or
 * outerHTML, insertAdjacentHTML or eval in a built chunk fails the build.
 */
function noHtmlFromStrings(): Plugin {
  const PREACT_SINK = /(\w+)\.innerHTML=(\w+)\.__html/g;
  const FORBIDDEN = /\.(?:inner|outer)HTML\s*=(?!=)|insertAdjacentHTML|\beval\s*\(|new Function\s*\(/;
  return {
    name: 'margin:no-html-from-strings',
    transform(code, id) {
      if (!/preact\/dist\/preact\.mjs$/.test(id)) return null;
      return { code: code.replace(PREACT_SINK, '(()=>{throw new Error("dangerouslySetInnerHTML is disabled")})()'), map: null };
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && FORBIDDEN.test(chunk.code)) this.error(`${chunk.fileName} parses HTML from a string or evaluates code: ${chunk.code.match(FORBIDDEN)?.[0]}`);
      }
    },
  };
}

/**
 * Writes _locales/<lang>/messages.json into the build with the product name filled in, so the name stays in
 * src/product.ts alone while the manifest names the extension through __MSG_extensionName__.
 */
function locales(): Plugin {
  return {
    name: 'margin:locales',
    apply: 'build',
    async generateBundle() {
      for (const language of await readdir(resolve('_locales'))) {
        const text = await readFile(resolve('_locales', language, 'messages.json'), 'utf8');
        this.emitFile({ type: 'asset', fileName: `_locales/${language}/messages.json`, source: text.replaceAll('__PRODUCT_NAME__', PRODUCT_NAME) });
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    oxc: { jsx },
    plugins: [noHtmlFromStrings(), locales(), crx({ manifest: manifestFor(browser) as never, browser }), classicContentScript(browser)],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      // The note editor is reached only through web_accessible_resources, which crxjs copies without building; the
      // classroom page is opened from the popup and is not web-accessible.
      rolldownOptions: { input: { editor: resolve('src/editor/index.html'), classroom: resolve('src/classroom/index.html') } },
    },
  };
});
