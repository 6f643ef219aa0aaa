// Builds one extension per browser from the single manifest.json: `vite build --mode chrome|firefox` writes dist/<browser>.
import { defineConfig, build, type Plugin } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import baseManifest from './manifest.json' with { type: 'json' };
import { PRODUCT_NAME } from './src/product.ts';
import { ARTICLE_CODE_FILE, COMPILE_ALL_ON_LOAD, CONTENT_SCRIPT_FILE } from './src/content/built-files.ts';
import { BUILTIN_DE_SOURCES, BUILTIN_SOURCES } from './src/core/builtin-sources.ts';
import { BUILTIN_DATA_DIR, BUILTIN_PACK_FILES } from './src/background/builtin-data.ts';
import builtinPackText from './src/data/compiled/builtin.ts';
import builtinDePackText from './src/data/compiled/builtin-de.ts';

type Browser = 'chrome' | 'firefox';
const GECKO_ID = 'margin@margin-reader.org';
const CONTENT_ENTRY = 'src/content/index.ts';
/**
 * The article-only code the content script imports once a page passes the gate (src/content/article-loader.ts).
 * `npm run bench:floor` builds a copy apart whose extraction is next to nothing (bench/floor.ts; never shipped).
 */
const FLOOR_BUILD = process.env.MARGIN_FLOOR_EXTRACTOR === '1';
const ARTICLE_ENTRY = FLOOR_BUILD ? 'bench/floor-article-code.ts' : 'src/content/article-code.ts';
const CONTENT_CSS = 'content.css';
const POPUP_HTML = 'src/popup/index.html';
const POPUP_ENTRY = 'src/popup/main.tsx';
const POPUP_SCRIPT = 'popup.js';
const POPUP_STYLE = 'popup';
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

/** A build step of ours, run once vite has written the extension: `work` gets its folder, dist/<browser>. */
function afterWrite(name: string, work: (outDir: string) => Promise<void>): Plugin {
  let outDir = '';
  return {
    name,
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle: () => work(outDir),
  };
}

/**
 * Builds `entry` and everything it imports into one file of `outDir` (and its style sheet, if it imports any, into
 * `cssFileName`.css), minified, with our HTML-from-strings check. `readable`: not minified, for CPU profiles
 * (bench/profile.ts builds such a copy apart; never shipped).
 */
function oneFile(options: { browser: Browser; outDir: string; entry: string; format: 'iife' | 'es'; fileName: string; cssFileName?: string; postBanner?: string; readable?: boolean }) {
  const { browser, outDir, entry, format, fileName, cssFileName, postBanner, readable = false } = options;
  return build({
    configFile: false,
    logLevel: 'warn',
    mode: browser,
    oxc: { jsx },
    plugins: [noHtmlFromStrings()],
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      lib: { entry: resolve(entry), formats: [format], name: 'marginContent', fileName: () => fileName, ...(cssFileName ? { cssFileName } : {}) },
      // A library in ES format is otherwise left with its white space.
      ...(readable ? { minify: false } : {}),
      rolldownOptions: { output: { ...(format === 'es' && !readable ? { minify: true } : {}), postBanner } },
    },
  });
}

/**
 * The popup as one module and one style sheet. A reader opens it afresh at every click, and the browser fetches each
 * file of an extension page with a request of its own: as crxjs splits it (9 modules and 2 style sheets, chunks shared
 * with our other pages), they took about 50 ms to arrive in a trace on this machine. As one file the popup showed its
 * report sooner: median 150 -> 124 ms over 16 openings each way (Chromium, the seed article, 2026-12-05).
 */
function singleFilePopup(browser: Browser): Plugin {
  return afterWrite('margin:single-file-popup', async (outDir) => {
    await oneFile({ browser, outDir, entry: POPUP_ENTRY, format: 'es', fileName: POPUP_SCRIPT, cssFileName: POPUP_STYLE });
    const htmlPath = resolve(outDir, POPUP_HTML);
    const html = await readFile(htmlPath, 'utf8');
    const crxjsFiles = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]!);
    if (!crxjsFiles.some((file) => file.endsWith('.js'))) throw new Error(`${POPUP_HTML}: no module script to replace`);
    const page = html.replace(/\s*<(?:script|link)\b[^>]*(?:><\/script>|>)/g, '');
    await writeFile(htmlPath, page.replace('</title>', `</title>\n    <script type="module" src="/${POPUP_SCRIPT}"></script>\n    <link rel="stylesheet" href="/${POPUP_STYLE}.css">`));
    // What crxjs built for the popup alone goes (a file nothing left names), what our other pages share with it stays.
    const built = (await readdir(outDir, { recursive: true })).filter((file) => /\.(?:html|js|json)$/.test(file));
    const sources = await Promise.all(built.map(async (file) => [file, await readFile(resolve(outDir, file), 'utf8')] as const));
    const gone = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      for (const file of crxjsFiles.filter((candidate) => !gone.has(candidate))) {
        const name = file.split('/').pop()!;
        if (sources.some(([path, text]) => path !== file && !gone.has(path) && text.includes(name))) continue;
        gone.add(file);
        changed = true;
      }
    }
    await Promise.all([...gone].map((file) => rm(resolve(outDir, file))));
  });
}

/**
 * Builds the content script as one classic (IIFE) file, copies its style sheet, and declares both in the manifest.
 * Why not let crxjs do it: crxjs loads content scripts as ES modules through a dynamic import, which makes
 * every chunk web-accessible, so any page could detect the extension by probing those URLs.
 */
function classicContentScript(browser: Browser): Plugin {
  return afterWrite('margin:classic-content-script', async (outDir) => {
    if (FLOOR_BUILD && resolve(outDir).startsWith(resolve('dist'))) throw new Error('MARGIN_FLOOR_EXTRACTOR=1 builds the bench\'s floor, never dist/');
    // Two self-contained files: the content script (a classic script, as content scripts load) and the article-only
    // code, an ES module it imports once a page passes the gate, so that pages without an article never compile it.
    const readable = process.env.MARGIN_READABLE_CONTENT === '1';
    // `postBanner` for the article module: V8's compile hint. The module is imported only when its code is about to
    // run, so V8 compiles all of it while it streams, on a background thread, instead of each function on its first
    // call, on the page's main thread. Traced without V8's profiler (with it on, the compilation no longer stays off
    // the main thread): 2.2-2.6 ms less CPU on the main thread per article page, 9-13 ms more on a background thread
    // (bench/README.md). Other engines ignore the comment.
    const lib = (entry: string, format: 'iife' | 'es', fileName: string, postBanner?: string) =>
      oneFile({ browser, outDir, entry, format, fileName, postBanner, readable });
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
  });
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

/**
 * Ships the built-in data as files of the extension, which the background fetches when it first needs them: the
 * compiled packs (src/data/compiled/, as gzipped JSON) and the source packs (src/data) that a teacher's pack is
 * compiled with.
 * Bundled, their 1.3 MB were read and compiled on every start of the service worker, before it could answer a page
 * (bench/README.md, "A stopped background").
 */
function builtinDataFiles(): Plugin {
  return {
    name: 'margin:builtin-data-files',
    apply: 'build',
    async generateBundle() {
      for (const file of [...BUILTIN_SOURCES, ...BUILTIN_DE_SOURCES]) {
        const text = JSON.stringify(JSON.parse(await readFile(resolve('src', 'data', file), 'utf8')));
        this.emitFile({ type: 'asset', fileName: `${BUILTIN_DATA_DIR}/${file}`, source: text });
      }
      this.emitFile({ type: 'asset', fileName: `${BUILTIN_DATA_DIR}/${BUILTIN_PACK_FILES.en}`, source: gzipSync(builtinPackText, { level: 9 }) });
      this.emitFile({ type: 'asset', fileName: `${BUILTIN_DATA_DIR}/${BUILTIN_PACK_FILES.de}`, source: gzipSync(builtinDePackText, { level: 9 }) });
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    oxc: { jsx },
    plugins: [noHtmlFromStrings(), locales(), builtinDataFiles(), crx({ manifest: manifestFor(browser) as never, browser }), classicContentScript(browser), singleFilePopup(browser)],
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
