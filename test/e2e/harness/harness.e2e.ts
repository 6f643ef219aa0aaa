// Self-test of the e2e harness, in both browsers, with a small probe extension (./probe-extension, test-only):
// an extension iframe in a closed shadow root, a CSS highlight, fetches from every kind of context, an export
// download. It checks the harness's promises independently of the product's code.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ARTIFACTS_DIR, BROWSERS, launch, useBrowser, useServer } from './index';

const PROBE = fileURLToPath(new URL('./probe-extension', import.meta.url));
const VHOST = 'news.example';

describe('launch errors', () => {
  test('a missing build says how to make it', async () => {
    await expect(launch('chromium', { extensionPath: '/nonexistent/dist/chrome' })).rejects.toThrow(/npm run build/);
    await expect(launch('firefox', { extensionPath: '/nonexistent/dist/firefox' })).rejects.toThrow(/npm run build/);
  });
});

describe.each(BROWSERS)('harness self-test: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name, () => ({ extensionPath: PROBE, virtualHosts: { [VHOST]: server.current.origin } }));

  test('extension origin and launch time', () => {
    const b = browser.current;
    expect(b.extensionOrigin).toMatch(name === 'chromium' ? /^chrome-extension:\/\/[a-p]{32}$/ : /^moz-extension:\/\/[0-9a-f-]{36}$/);
    expect(b.extensionUrl('/popup.html')).toBe(`${b.extensionOrigin}/popup.html`);
    console.log(`[timing] ${name} launch with extension: ${b.launchMs} ms`);
  });

  test('content script, extension iframe in a closed shadow root, CSS highlights from the main world', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url('/smoke.html'));
    await page.waitForConsole((e) => e.text.includes('probe content'));
    // The page's main world cannot see into the closed shadow root...
    expect(await page.evaluate(() => document.getElementById('probe-host')?.shadowRoot ?? null)).toBeNull();
    // ...the harness can (test-only), and a real click reaches a button inside it...
    expect(await page.evaluateInShadowRoot('#probe-host', (root: ShadowRoot) => [root.mode, root.querySelectorAll('iframe').length])).toEqual(['closed', 1]);
    await page.clickInShadowRoot('#probe-host', '.probe-button');
    await page.waitForFunction(() => document.documentElement.dataset.probeShadowClick !== undefined);
    expect(await page.evaluate(() => document.documentElement.dataset.probeShadowClick)).toBe('true');
    // ...and the frame tree reaches the extension iframe in it.
    const frame = await page.extensionFrame('frame.html');
    expect(await frame.url()).toMatch(/^(chrome|moz)-extension:\/\/[^/]+\/frame\.html$/);
    await frame.fill('#note', 'typed in the frame');
    await frame.click('#save');
    await frame.waitForFunction(() => document.getElementById('saved')!.textContent !== '');
    expect(await frame.text('#saved')).toBe('saved:typed in the frame:true');
    expect(await b.evaluateInExtension(async () => ((globalThis as any).browser ?? (globalThis as any).chrome).storage.local.get('note'))).toEqual({
      note: 'typed in the frame',
    });
    // fill replaces, type appends.
    await frame.fill('#note', 'second');
    await frame.type('#note', ' and more');
    expect(await frame.evaluate(() => (document.getElementById('note') as HTMLTextAreaElement).value)).toBe('second and more');
    const highlights = await page.evaluate(() => [...CSS.highlights.keys()].map((k) => [k, [...CSS.highlights.get(k)!][0]!.toString()]));
    expect(highlights).toEqual([['probe-mark', 'Offic']]);
    await page.close();
  });

  test('tab ids: the harness id is the one the extension sees', async () => {
    const b = browser.current;
    const first = await b.openPage(server.current.url('/smoke.html'));
    const second = await b.openPage(server.current.url('/smoke.html?second'));
    for (const page of [first, second]) {
      const id = await page.tabId();
      await page.evaluate(() => window.postMessage({ probe: 'whoami' }, '*'));
      await page.waitForFunction(() => document.documentElement.dataset.probeTab !== undefined);
      expect(await page.evaluate(() => Number(document.documentElement.dataset.probeTab))).toBe(id);
    }
    expect(await first.tabId()).not.toBe(await second.tabId());
    const popup = await b.openExtensionPage(`popup.html?tab=${await first.tabId()}`);
    expect(await popup.text('#app')).toBe(`probe popup ${await first.tabId()}`);
    expect(typeof (await popup.tabId())).toBe('number');
    for (const page of [first, second, popup]) await page.close();
  });

  test('input: real mouse selection, keyboard chords, clicks at coordinates', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url('/smoke.html'));
    const selected = await page.selectText('#lede', 'the bridge would reopen');
    expect(selected.trim()).toBe('the bridge would reopen');
    expect(await page.selectText('#second', 'revolutionary', { method: 'script' })).toBe('revolutionary');
    await page.fill('#field', 'hello world');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('replaced');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Backspace');
    expect(await page.evaluate(() => (document.getElementById('field') as HTMLTextAreaElement).value)).toBe('replace');
    const rect = await page.rect('#headline');
    await page.evaluate(() => {
      document.getElementById('headline')!.addEventListener('click', (e) => {
        document.body.dataset.clicked = String(e.isTrusted);
      });
    });
    await page.mouseClick(rect.x + 5, rect.y + rect.height / 2);
    expect(await page.evaluate(() => document.body.dataset.clicked)).toBe('true');
    // Input to a page that is no longer in front (another page opened since) still reaches it.
    const other = await b.openPage(server.current.url('/smoke.html?other'));
    await page.fill('#field', 'back here');
    await page.keyboard.press('Enter');
    await page.keyboard.type('!');
    expect(await page.evaluate(() => (document.getElementById('field') as HTMLTextAreaElement).value)).toBe('back here\n!');
    expect(await other.evaluate(() => (document.getElementById('field') as HTMLTextAreaElement).value)).toBe('');
    expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
    await other.close();
    await page.close();
  });

  test('reload, screenshot, console of the extension background', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url('/smoke.html'));
    await page.evaluate(() => ((window as any).marker = 1));
    await page.reload();
    expect(await page.evaluate(() => (window as any).marker ?? null)).toBeNull();
    const popup = await b.openExtensionPage('popup.html?tab=1');
    await popup.evaluate(() => ((window as any).marker = 1));
    await popup.reload();
    expect(await popup.evaluate(() => (window as any).marker ?? null)).toBeNull();
    expect(await popup.text('#app')).toBe('probe popup 1');
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const shot = join(ARTIFACTS_DIR, `harness-${name}.png`);
    await page.screenshot(shot);
    expect(statSync(shot).size).toBeGreaterThan(1000);
    await popup.evaluate(() => ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage({ type: 'error', text: 'boom' }));
    await expect
      .poll(() => b.consoleMessages().some((e) => e.text.includes('probe bg error') && e.text.includes('boom')), { timeout: 5000 })
      .toBe(true);
    expect(b.diagnostics()).toContain('probe bg error');
    await page.close();
    await popup.close();
  });

  test('downloads land in downloadDir under their own names', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url('/smoke.html'));
    await page.click('#download-link');
    const fromPage = await b.waitForDownload('smoke-download.txt');
    expect(readFileSync(fromPage.path, 'utf8')).toBe('smoke download');
    const popup = await b.openExtensionPage('popup.html');
    await popup.click('#export');
    const exported = await b.waitForDownload(/^probe-export.*\.json$/);
    expect(JSON.parse(readFileSync(exported.path, 'utf8'))).toEqual({ exported: true });
    expect(b.downloads().map((d) => d.name).sort()).toEqual([exported.name, 'smoke-download.txt'].sort());
    await page.close();
    await popup.close();
  });

  test('network guard: catches requests from the page, the content script, the background and extension pages', async () => {
    const b = browser.current;
    b.network.clear();
    const page = await b.openPage(server.current.url('/smoke.html'));
    await page.waitForConsole((e) => e.text.includes('probe content'));
    await page.evaluate(() => fetch('http://page.example.com/x').catch(() => null));
    await page.evaluate(() => window.postMessage({ probe: 'content-fetch', url: 'http://content.example.com/x' }, '*'));
    await page.evaluate(() => window.postMessage({ probe: 'bg-fetch', url: 'https://background.example.com/x' }, '*'));
    const popup = await b.openExtensionPage('popup.html');
    await popup.evaluate(() => fetch('https://popup.example.com/x').catch(() => null));
    const hosts = () => new Set(b.network.violations().map((v) => new URL(v.url).hostname));
    await expect
      .poll(() => [...hosts()].sort(), { timeout: 10_000 })
      .toEqual(['background.example.com', 'content.example.com', 'page.example.com', 'popup.example.com']);
    expect(() => b.network.assertNoExternalRequests()).toThrow(/tried to leave 127\.0\.0\.1/);
    b.network.clear();
    // A virtual host is served from the fixture server, and the content script runs there.
    const virtual = await b.openPage(`http://${VHOST}/smoke.html`);
    expect(await virtual.text('#headline')).toBe('Harness smoke test');
    await virtual.waitForConsole((e) => e.text.includes('probe content'));
    b.network.assertNoExternalRequests();
    for (const p of [page, popup, virtual]) await p.close();
  });
});
