// Update under live pages: the extension is reloaded from its files (as an update does) while an article with our
// highlights is open. Whatever copy of our content script is left on the page must not show a second UI, leave stale
// highlights or write to the page's console, and the next navigation gets the new version.
// - Chromium leaves the old script orphaned (runtime.id gone): on the reader's next key press it removes its
//   highlights, UI and listeners through its one abort signal and goes quiet. The reload is the DevTools protocol's
//   Extensions.loadUnpacked of the same folder (chrome.runtime.reload() disables a --load-extension extension in
//   headless Chromium and it never comes back).
// - Firefox unloads the old script's world itself and injects the new version into open pages at once; the test
//   proves exactly one copy answers.
import { describe, expect, test } from 'vitest';
import { BROWSERS, poll, useBrowser, useServer, type ExtensionBrowser, type PageHandle } from './harness';

const SEED = '/pages/seed-kazakhstan.html';
const QUOTE = 'virtual conference on the turbulent situation in Kazakhstan';

const ourHighlights = (page: PageHandle) =>
  page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.entries()].filter(([name]) => name.startsWith('margin-')).map(([name, h]) => `${name}:${h.size}`).sort());
const hasHighlight = (page: PageHandle, name: string) => page.evaluate((n: string) => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has(n), name);
/** Our UI host is a div we append to <html> while something is shown; the fixture has none of its own there. */
const uiHosts = (page: PageHandle) => page.evaluate(() => [...document.documentElement.children].filter((el) => el.tagName === 'DIV').length);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function reloadExtension(b: ExtensionBrowser): Promise<void> {
  if (b.name === 'chromium') {
    // The harness does not expose the driver; the persistent context is reachable on the Chromium browser object.
    const context = (b as unknown as { context: { browser(): { newBrowserCDPSession(): Promise<{ send(method: string, params: object): Promise<unknown>; detach(): Promise<void> }> } } }).context;
    const cdp = await context.browser().newBrowserCDPSession();
    await cdp.send('Extensions.loadUnpacked', { path: b.extensionPath });
    await cdp.detach();
    return;
  }
  const page = await b.openExtensionPage('src/popup/index.html');
  await page.evaluate(() => {
    const api = (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser;
    setTimeout(() => api.runtime.reload(), 50);
  });
}

async function showsOneAnnotateButton(page: PageHandle): Promise<void> {
  await page.selectText('article', QUOTE);
  await poll(async () => (await uiHosts(page)) > 0 || undefined, 'our Annotate button', { timeout: 10_000 });
  await pause(300);
  expect(await uiHosts(page)).toBe(1);
  await page.evaluate(() => getSelection()?.removeAllRanges());
}

describe.each(BROWSERS)('update under a live page: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name, name === 'chromium' ? { args: ['--enable-unsafe-extension-debugging'] } : {});

  test('no stale highlights, no second UI and no console errors from the old version; after navigation the new one works', { timeout: 90_000 }, async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-loaded'), { timeout: 15_000 });
    const before = await ourHighlights(page);
    const errorsBefore = page.consoleMessages().filter((m) => /error/i.test(m.type)).length;

    await reloadExtension(b);
    await pause(1500);
    await page.bringToFront();
    await page.keyboard.press('Alt+Shift+KeyN');

    if (name === 'chromium') {
      // The orphaned script noticed on that key press: everything of ours is gone, and it answers nothing more.
      await poll(async () => (await ourHighlights(page)).length === 0 || undefined, 'the old highlights to go', { timeout: 10_000 });
      await page.keyboard.press('Alt+Shift+KeyN');
      await page.selectText('article', QUOTE);
      await pause(800);
      expect(await ourHighlights(page)).toEqual([]);
      expect(await uiHosts(page)).toBe(0);
      await page.evaluate(() => getSelection()?.removeAllRanges());
    } else {
      // The new version already runs in the page, alone: one focused flag, one set of highlights, one UI.
      await poll(() => hasHighlight(page, 'margin-focus').then((has) => has || undefined), 'the new version to answer', { timeout: 10_000 });
      expect(await ourHighlights(page)).toEqual([...before, 'margin-focus:1'].sort());
      await page.keyboard.press('Escape');
      await showsOneAnnotateButton(page);
    }
    expect(page.consoleMessages().filter((m) => /error/i.test(m.type)).slice(errorsBefore)).toEqual([]);

    // After navigation the new version's content script runs: highlights, shortcut and one UI.
    await page.reload();
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-loaded'), { timeout: 15_000 });
    expect(await ourHighlights(page)).toEqual(before);
    await page.keyboard.press('Alt+Shift+KeyN');
    await poll(() => hasHighlight(page, 'margin-focus').then((has) => has || undefined), 'the shortcut to focus a flag', { timeout: 10_000 });
    await page.keyboard.press('Escape');
    await showsOneAnnotateButton(page);
    b.network.assertNoExternalRequests();
  });
});
