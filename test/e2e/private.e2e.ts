// Firefox's permanent private browsing ("never remember history", browser.privatebrowsing.autostart): what the reader
// gets. The extension runs there only once the reader allows it in private windows (extension-preferences.json in
// the profile is where Firefox keeps that choice; a temporary add-on does not get it by itself). Firefox ESR 140 then
// refuses IndexedDB to the extension altogether: flags still show, but no note can be stored, so the reader is told
// where they press Annotate, before they write anything. Chromium is not concerned: an extension's pages and storage
// stay in the regular profile ("spanning" incognito mode), and Chromium has no permanent private mode.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BROWSERS, poll, useBrowser, useServer } from './harness';

const SEED = '/pages/seed-kazakhstan.html';
const UI_HOST = 'html > div';

const profileDir = mkdtempSync(join(tmpdir(), 'margin-private-'));
afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

describe.runIf(BROWSERS.includes('firefox'))('permanent private browsing: firefox', () => {
  const server = useServer();
  const browser = useBrowser('firefox', () => {
    const geckoId = (JSON.parse(readFileSync('dist/firefox/manifest.json', 'utf8')) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;
    // The reader's "Run in Private Windows: Allow".
    writeFileSync(join(profileDir, 'extension-preferences.json'), JSON.stringify({ [geckoId]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] } }));
    return { profileDir, prefs: { 'browser.privatebrowsing.autostart': true } };
  });

  test('flags still show; pressing Annotate says plainly that notes cannot be kept here, and nothing reaches the page console', { timeout: 60_000 }, async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-loaded'), { timeout: 15_000 });
    // Every window is private, our pages included.
    const popup = await b.openExtensionPage('src/popup/index.html');
    expect(await popup.evaluate(() => (globalThis as unknown as { browser: { extension: { inIncognitoContext: boolean } } }).browser.extension.inIncognitoContext)).toBe(true);
    await popup.close();

    expect(await page.selectText('article', 'virtual conference on the turbulent situation in Kazakhstan')).toBeTruthy();
    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    const notice = await poll(
      () => page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('p.notice[role="alert"]')?.textContent ?? '').then((text) => text || undefined),
      'the notice',
      { timeout: 15_000 },
    );
    expect(notice).toMatch(/^Margin cannot start a note: The browser does not let this extension store anything here, so notes cannot be kept\. Firefox does this in permanent private browsing/);
    // No editor opened (there is nowhere to keep what would be typed in it).
    expect(await page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('iframe') === null)).toBe(true);
    expect(page.consoleMessages().filter((m) => /error/i.test(m.type) && !/favicon/.test(m.text))).toEqual([]);
    b.network.assertNoExternalRequests();
  });
});
