// Firefox's permanent private browsing ("never remember history", browser.privatebrowsing.autostart): what the reader
// gets. The extension runs there only once the reader allows it in private windows (extension-preferences.json in
// the profile is where Firefox keeps that choice; a temporary add-on does not get it by itself). Firefox ESR 140 then
// refuses IndexedDB to the extension altogether (and would delete a private database at quit), but keeps the
// extension's storage.local outside private browsing, on disk in the profile: notes go there, the editor says so
// before the reader writes, and they are there again after the browser is closed and started on the same profile.
// Chromium is not concerned: an extension's pages and storage stay in the regular profile ("spanning" incognito
// mode), and Chromium has no permanent private mode.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, reportFailure, useServer, type ExtensionBrowser, type LaunchOptions, type PageHandle } from './harness';
import { readHighlightTexts, waitForHighlightName } from './harness/highlights';

const SEED = '/pages/seed-kazakhstan.html';
const UI_HOST = 'html > div';
const QUOTE = 'virtual conference on the turbulent situation in Kazakhstan';
const NOTE = 'Kept through a restart in permanent private browsing';

const profileDir = mkdtempSync(join(tmpdir(), 'margin-private-'));
afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

/** One session of Firefox on the test's profile: launched, used, then quit as a reader quits it (private data goes). */
async function session(name: string, opts: LaunchOptions, use: (b: ExtensionBrowser) => Promise<void>): Promise<void> {
  const b = await launch('firefox', opts);
  try {
    await use(b);
  } catch (error) {
    await reportFailure(b, name);
    throw error;
  } finally {
    await b.close();
  }
}

function pageErrors(page: PageHandle) {
  return page.consoleMessages().filter((m) => /error/i.test(m.type) && !/favicon/.test(m.text));
}

async function popupFor(b: ExtensionBrowser, page: PageHandle): Promise<PageHandle> {
  const popup = await b.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
  await popup.waitForSelector('.counts, p.muted');
  return popup;
}

describe.runIf(BROWSERS.includes('firefox'))('permanent private browsing: firefox', () => {
  const server = useServer();

  /** The note is painted on the article again and listed in the popup. */
  async function expectNoteShown(b: ExtensionBrowser): Promise<{ page: PageHandle; popup: PageHandle }> {
    const page = await b.openPage(server.current.url(SEED));
    await waitForHighlightName(page, 'margin-annotation');
    expect((await readHighlightTexts(page))['margin-annotation']).toEqual([QUOTE]);
    const popup = await popupFor(b, page);
    await popup.waitForSelector('[data-annotation]');
    expect(await popup.text('[data-annotation]')).toContain(NOTE);
    return { page, popup };
  }

  test('a note taken there is kept in the extension storage, said so before writing, and is there again after a restart; leaving the mode brings it into IndexedDB', { timeout: 240_000 }, async () => {
    const geckoId = (JSON.parse(readFileSync('dist/firefox/manifest.json', 'utf8')) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;
    // The reader's "Run in Private Windows: Allow".
    writeFileSync(join(profileDir, 'extension-preferences.json'), JSON.stringify({ [geckoId]: { permissions: ['internal:privateBrowsingAllowed'], origins: [] } }));
    // An installed extension keeps its moz-extension UUID in the profile; the harness's temporary one is pinned to it.
    const extensionUuid = randomUUID();
    const privately: LaunchOptions = { profileDir, extensionUuid, prefs: { 'browser.privatebrowsing.autostart': true } };

    await session('private: take a note', privately, async (b) => {
      // Every window is private, our pages included, and IndexedDB is refused to the extension.
      expect(await b.evaluateInExtension(() => (globalThis as unknown as { browser: { extension: { inIncognitoContext: boolean } } }).browser.extension.inIncognitoContext)).toBe(true);
      expect(await b.evaluateInExtension(() => new Promise<string>((resolve) => {
        const request = indexedDB.open('margin-e2e-probe');
        request.onsuccess = () => resolve('opened');
        request.onerror = () => resolve(`${request.error?.name}: ${request.error?.message}`);
      }))).toMatch(/^InvalidStateError: .*did not allow mutations/);

      const page = await b.openPage(server.current.url(SEED));
      await waitForHighlightName(page, 'margin-loaded');
      expect(await page.selectText('article', QUOTE)).toBe(QUOTE);
      await page.clickInShadowRoot(UI_HOST, 'button.annotate');
      const editor = await page.extensionFrame('src/editor/index.html');
      // Told before writing: in the editor, above the note field.
      expect(await editor.text('p.kept-in[role="note"]')).toMatch(/^Permanent private browsing: Firefox does not let Margin use its database here, so this note is kept in the extension's own storage, which stays on this computer when Firefox closes\.$/);
      await editor.fill('textarea#note', NOTE);
      // Still in sight while the reader writes: the frame is taller by the notice, so the note field does not push it away.
      expect(await editor.evaluate(() => document.querySelector('p.kept-in')!.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
      await editor.click('button[type="submit"]');
      await waitForHighlightName(page, 'margin-annotation');
      // Acknowledged means stored: the record is in storage.local, under its own id.
      const kept = await b.evaluateInExtension(() => (globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<Record<string, { note?: string }>> } } } }).browser.storage.local.get(null));
      const notes = Object.entries(kept).filter(([key]) => key.startsWith('annotation:'));
      expect(notes.map(([, a]) => a.note)).toEqual([NOTE]);
      expect(Object.keys(kept).filter((key) => key.startsWith('draft:'))).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      b.network.assertNoExternalRequests();
    });

    await session('private: after a restart', privately, async (b) => {
      const { page } = await expectNoteShown(b);
      expect(pageErrors(page)).toEqual([]);
      b.network.assertNoExternalRequests();
    });

    // The reader goes back to "remember history": the note comes along into IndexedDB and leaves storage.local.
    await session('private: mode left', { profileDir, extensionUuid, prefs: { 'browser.privatebrowsing.autostart': false } }, async (b) => {
      const { popup } = await expectNoteShown(b);
      const inIndexedDb = await popup.evaluate(() => new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('margin');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('annotations').objectStore('annotations').getAll();
          all.onsuccess = () => resolve((all.result as { note: string }[]).map((a) => a.note));
          all.onerror = () => reject(all.error);
        };
      }));
      expect(inIndexedDb).toEqual([NOTE]);
      const left = await b.evaluateInExtension(() => (globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).browser.storage.local.get(null));
      expect(Object.keys(left).filter((key) => key.startsWith('annotation:'))).toEqual([]);
      b.network.assertNoExternalRequests();
    });
  });
});
