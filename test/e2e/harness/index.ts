// Entry point of the e2e harness: launch(browser) gives the same ExtensionBrowser for Chromium and Firefox ESR.
// See README.md in this folder for the API, what works in which browser, and the caveats.
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import { startServer, type FixtureServer } from './server';
import type { BrowserName, ExtensionBrowser, LaunchOptions } from './types';
import { REPO_ROOT } from './util';

export type * from './types';
export { startServer, type FixtureServer, type RouteHandler, type RouteResponse } from './server';
export { isLocalUrl } from './network-guard';
export { REPO_ROOT, FIXTURES_DIR, sleep, poll, withTimeout } from './util';
export { contentState } from './content-state';
export { recordTrace, traceScriptTasks, type ScriptTask, type TraceEvent } from './script-tasks';
export { CONTENT_SCRIPT_FILE } from '../../../src/content/built-files';

/** Both browsers, or those named in E2E_BROWSERS (comma separated, e.g. E2E_BROWSERS=firefox). */
export const BROWSERS: BrowserName[] = (() => {
  const all: BrowserName[] = ['chromium', 'firefox'];
  const wanted = process.env.E2E_BROWSERS?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted?.length) return all;
  for (const name of wanted) if (!all.includes(name as BrowserName)) throw new Error(`E2E_BROWSERS: unknown browser ${name}`);
  return all.filter((name) => wanted.includes(name));
})();

/** Launches the browser with the built extension (dist/chrome or dist/firefox, unless opts.extensionPath). */
export function launch(browserName: BrowserName, opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  switch (browserName) {
    case 'chromium':
      return launchChromium(opts);
    case 'firefox':
      return launchFirefox(opts);
    default:
      throw new Error(`unknown browser ${String(browserName)}`);
  }
}

export const ARTIFACTS_DIR = join(REPO_ROOT, 'artifacts', 'e2e');

/**
 * vitest helper: one fixture server for the calling describe block (started in beforeAll, closed in afterAll).
 * Read .current inside tests and hooks.
 */
export function useServer(opts: { root?: string } = {}): { readonly current: FixtureServer } {
  let server: FixtureServer | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get current() {
      if (!server) throw new Error('the fixture server is not started (use it inside tests or hooks)');
      return server;
    },
  };
}

/**
 * vitest helper: one browser for the calling describe block (launched in beforeAll, closed in afterAll). Every
 * failing test prints the browser's diagnostics (console errors of pages and extension, network violations,
 * browser output) and writes them, with a screenshot of each open page, under artifacts/e2e/.
 * opts may be a function, called in beforeAll (e.g. to name the fixture server's origin as a virtual host).
 */
export function useBrowser(
  browserName: BrowserName,
  opts: LaunchOptions | (() => LaunchOptions) = {},
  /** closePagesAfterEach (default true): pages a test left open are closed after it (diagnostics are taken first). */
  behaviour: { closePagesAfterEach?: boolean } = {},
): { readonly current: ExtensionBrowser } {
  let browser: ExtensionBrowser | undefined;
  const start = async () => {
    browser = await launch(browserName, typeof opts === 'function' ? opts() : opts);
  };
  beforeAll(start);
  // afterEach runs before onTestFailed handlers, and already knows the test failed: report, then tidy up.
  afterEach(async ({ task }) => {
    if (!browser) return;
    if (task.result?.state === 'fail') {
      await reportFailure(browser, task.name);
      // A failed test may leave the extension's settings or stores as no other test expects them (a pack it never got
      // to remove): the next test gets a browser and profile of its own, so one failure is not reported three times.
      await browser.close();
      browser = undefined;
      await start();
      return;
    }
    if (behaviour.closePagesAfterEach === false) return;
    for (const page of browser.pages()) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get current() {
      if (!browser) throw new Error(`${browserName} is not launched (use it inside tests or hooks)`);
      return browser;
    },
  };
}

/** Prints b's diagnostics and saves them with screenshots of its open pages under artifacts/e2e/. */
export async function reportFailure(b: ExtensionBrowser, testName: string): Promise<void> {
  const slug = `${b.name}-${testName}`.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  const text = b.diagnostics();
  process.stderr.write(`\n${text}\n`);
  try {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTIFACTS_DIR, `${slug}.txt`), text);
    let i = 0;
    for (const page of b.pages()) {
      await withDeadline(page.screenshot(join(ARTIFACTS_DIR, `${slug}-${i++}.png`)), 5000);
    }
  } catch {
    // diagnostics are best effort
  }
}

function withDeadline(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([promise.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
}
