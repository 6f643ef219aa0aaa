// The boundary between a web page and the extension, tried from the page's own scripts in both browsers: the page's
// key listeners hear nothing the reader types into a note, synthetic key events do not drive us, and the page has no
// channel to the extension and cannot load our files by their plain address. SECURITY.md points here.
import { describe, expect, test } from 'vitest';
import { BROWSERS, poll, sleep, useBrowser, useServer, type PageHandle } from './harness';

const SEED = '/pages/seed-kazakhstan.html';
const UI_HOST = 'html > div';
const QUOTE = 'virtual conference on the turbulent situation in Kazakhstan';

const has = (page: PageHandle, name: string, present = true) =>
  page.waitForFunction((n: string, p: boolean) => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has(n) === p, { timeout: 15_000 }, name, present);

describe.each(BROWSERS)('page boundary: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test("the page's key listeners hear nothing of a note typed in our editor", async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await has(page, 'margin-loaded');
    // A hostile page listens to everything, in the capture phase, on window and document.
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      for (const target of [window, document])
        for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'compositionstart', 'paste'])
          target.addEventListener(type, (event) => heard.push(`${type}:${(event as KeyboardEvent).key ?? (event as InputEvent).data ?? ''}`), true);
    });
    const framesBefore = await page.evaluate(() => window.length);
    expect(await page.selectText('article', QUOTE)).toBe(QUOTE);
    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    const editor = await page.extensionFrame('src/editor/index.html');
    // Nor can it reach the editor's window: a frame in a closed shadow tree is not one of `window.frames` (so the page
    // cannot navigate it to a look-alike of its own), and neither the editor's address nor article.js's is among the
    // page's resource timing entries.
    expect(
      await page.evaluate(() => ({
        frames: window.length,
        ours: performance.getEntriesByType('resource').map((entry) => entry.name).filter((address) => /^(chrome|moz)-extension:/.test(address)),
      })),
    ).toEqual({ frames: framesBefore, ours: [] });
    await editor.fill('textarea#note', 'my private thought');
    await editor.type('input.new-label', 'secret-label');
    await editor.click('button[type="submit"]');
    await has(page, 'margin-annotation');
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
    // Control: the same listeners do hear keys typed into the page itself.
    await page.keyboard.press('KeyQ');
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard.length)).toBeGreaterThan(0);
    // The page cannot get into our UI: the host's shadow root is closed.
    expect(await page.evaluate(() => [...document.documentElement.children].every((e) => e.shadowRoot === null))).toBe(true);
    await page.close();
  });

  test("the page's style sheets can neither hide our UI nor let a click through it", async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await has(page, 'margin-loaded');
    await page.evaluate(() => {
      const sheet = document.createElement('style');
      sheet.textContent = `html > div, html > div:last-child { opacity: 0 !important; visibility: hidden !important;
        pointer-events: none !important; filter: opacity(0) !important; transform: scale(0.01) !important; }`;
      document.head.append(sheet);
    });
    expect(await page.selectText('article', QUOTE)).toBe(QUOTE);
    const hostStyle = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.documentElement.lastElementChild!);
        return { opacity: style.opacity, visibility: style.visibility, pointerEvents: style.pointerEvents, filter: style.filter, transform: style.transform };
      });
    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    expect(await hostStyle()).toEqual({ opacity: '1', visibility: 'visible', pointerEvents: 'auto', filter: 'none', transform: 'none' });
    const editor = await page.extensionFrame('src/editor/index.html');
    // Written, then Escape twice: discarded, and the editor is gone.
    await editor.fill('textarea#note', 'second thoughts');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await poll(() => page.extensionFrame('src/editor/index.html', { timeout: 200 }).then(() => undefined, () => true), 'the editor to close', { timeout: 10_000 });
    await page.close();
  });

  test('a page that keeps moving our Annotate button under the pointer gets no click from it', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await has(page, 'margin-loaded');
    expect(await page.selectText('article', QUOTE)).toBe(QUOTE);
    // The page selects words of one paragraph, then of another, every 250 ms: our button follows the selection.
    await page.evaluate(() => {
      const inView = (p: Element) => p.getBoundingClientRect().top > 40 && p.getBoundingClientRect().bottom < innerHeight - 80;
      const texts = [...document.querySelectorAll('article p')].filter(inView).map((p) => p.firstChild).filter((node): node is Text => node instanceof Text && node.data.length > 40);
      if (texts.length < 2) throw new Error('two paragraphs in view are needed');
      let turn = 0;
      const moves: number[] = [];
      (window as unknown as { moves: number[] }).moves = moves;
      (window as unknown as { mover: number }).mover = window.setInterval(() => {
        const node = texts[turn++ % 2]!;
        getSelection()!.setBaseAndExtent(node, 0, node, 30);
        moves.push(performance.now());
      }, 250);
    });
    // The reader clicks where the button is, again and again: it never stood still long enough to take a click.
    // Our host is in the page only while something of ours is shown.
    const editorOpen = async () =>
      (await page.evaluate((host: string) => document.querySelector(host) !== null, UI_HOST)) && page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('iframe.editor') !== null);
    for (let i = 0; i < 8 && !(await editorOpen()); i++) {
      const r = await page.shadowRect(UI_HOST, 'button.annotate');
      await page.mouseClick(r.x + r.width / 2, r.y + r.height / 2);
      await sleep(150);
    }
    // On a loaded machine the page's own timer can be late: the button then did stand still for the settle time
    // (SETTLE_MS, 300 ms), and a click on it counts, as it should. That, and only that, excuses an open editor.
    const longestStill = await page.evaluate(() => {
      const moves = (window as unknown as { moves: number[] }).moves;
      return Math.max(0, ...moves.slice(1).map((at, i) => at - moves[i]!));
    });
    if (await editorOpen()) {
      expect(longestStill, 'the editor opened though the button never stood still for 300 ms').toBeGreaterThanOrEqual(300);
      await page.close();
      return;
    }
    await expect(page.extensionFrame('src/editor/index.html', { timeout: 1_500 })).rejects.toThrow();
    // Once the page stops moving it, the reader's click opens the editor.
    await page.evaluate(() => clearInterval((window as unknown as { mover: number }).mover));
    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    await page.extensionFrame('src/editor/index.html');
    await page.close();
  });

  test('synthetic keyboard shortcuts from the page do nothing; the reader’s real ones work', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await has(page, 'margin-loaded');
    await page.evaluate(() => {
      for (const type of ['keydown', 'keyup']) {
        document.dispatchEvent(new KeyboardEvent(type, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true, bubbles: true }));
        document.body.dispatchEvent(new KeyboardEvent(type, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true, bubbles: true }));
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-focus'))).toBe(false);
    await page.keyboard.press('Alt+Shift+KeyN');
    await has(page, 'margin-focus');
    await page.close();
  });

  test('the page has no channel to the extension and cannot load our files by their plain address', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await has(page, 'margin-loaded');
    const probe = await page.evaluate(async (origin: string) => {
      const g = globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } }; browser?: unknown };
      const load = async (path: string) => {
        try {
          const response = await fetch(`${origin}/${path}`);
          return response.ok ? 'loaded' : `status ${response.status}`;
        } catch {
          return 'refused';
        }
      };
      // Posting our own message shapes reaches nothing: no listener of ours hears window messages.
      window.postMessage({ type: 'annotations/list', payload: {} }, '*');
      window.postMessage({ type: 'annotations/import', payload: { text: '[]' } }, '*');
      return {
        runtime: typeof g.chrome?.runtime?.sendMessage,
        browserGlobal: typeof g.browser,
        manifest: await load('manifest.json'),
        content: await load('content.js'),
        editor: await load('src/editor/index.html'),
        articleModule: await load('article.js'),
      };
    }, b.extensionOrigin);
    expect(probe.runtime).toBe('undefined');
    expect(probe.browserGlobal).toBe('undefined');
    expect(probe.manifest).toBe('refused');
    expect(probe.content).toBe('refused');
    // Chromium: the editor is web-accessible only through its per-session URL (use_dynamic_url). Firefox has no
    // use_dynamic_url: its per-profile UUID cannot be guessed, but a page that knows it loads the editor page
    // (SECURITY.md, known gaps). If this changes, update SECURITY.md.
    expect(probe.editor).toBe(name === 'chromium' ? 'refused' : 'loaded');
    // The article-only module our content script imports is web-accessible on the same terms.
    expect(probe.articleModule).toBe(name === 'chromium' ? 'refused' : 'loaded');
    process.stdout.write(`${name}: page probing ${b.extensionOrigin}: ${JSON.stringify(probe)}\n`);
    await page.close();
  });

  test('the content script obeys only well-formed messages from our extension, and answers no other', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await has(page, 'margin-loaded');
    const tabId = await page.tabId();
    // Sent as our background and popup send them (tabs.sendMessage from an extension page), so only the content
    // script's own check stands between a malformed message and what it would do.
    const send = (message: unknown) =>
      b.evaluateInExtension(async (id: number, m: unknown) => {
        type Tabs = { tabs: { sendMessage(id: number, message: unknown, options: { frameId: number }): Promise<unknown> } };
        const scope = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        try {
          const answer = await (scope.browser ?? scope.chrome).tabs.sendMessage(id, m, { frameId: 0 });
          return answer === undefined ? 'no answer' : JSON.stringify(answer).slice(0, 40);
        } catch (error) {
          // Chromium rejects when no listener answered; Firefox resolves with undefined.
          return /message port closed|Receiving end does not exist/i.test(String(error)) ? 'no answer' : `error: ${String(error)}`;
        }
      }, tabId, message);
    const malformed: unknown[] = [
      'tab/state',
      null,
      [{ type: 'tab/state', payload: {} }],
      { type: 'tab/state' },
      { type: 'tab/state', payload: { all: true } },
      { type: '__proto__', payload: {} },
      { type: 'constructor', payload: {} },
      { type: 'annotations/list', payload: {} },
      { type: 'tab/command', payload: { command: 'next-flag', repeat: 1000 } },
      { type: 'tab/command', payload: { command: 'delete-everything' } },
      { type: 'tab/scroll-to', payload: { id: '../../etc/passwd' } },
      { type: 'tab/show-flag', payload: { start: -1, ruleId: 'loaded:mobs' } },
      { type: 'tab/show-flag', payload: { start: 0, ruleId: 'loaded:mobs', then: 'delete' } },
    ];
    for (const message of malformed) expect([JSON.stringify(message), await send(message)]).toEqual([JSON.stringify(message), 'no answer']);
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-focus'))).toBe(false);
    // Control: the same command, well formed, is obeyed, and the state is given to a well-formed request.
    expect(await send({ type: 'tab/command', payload: { command: 'next-flag' } })).toBe('null');
    await has(page, 'margin-focus');
    expect(await send({ type: 'tab/state', payload: {} })).toMatch(/^\{"/);
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
