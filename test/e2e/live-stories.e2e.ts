// A site that moves between stories without a page load, in both browsers: the reader's notes follow the address
// (stored under the story they were taken on, painted again when it comes back, also when its article renders late or
// the page comes back from the back/forward cache), a new <body> or an article made editable is read again, the open
// card stays on its flag while a live blog adds paragraphs above it, ads next to the article cause no new analysis,
// and the Annotate button never outlives its selection.
import { describe, expect, test } from 'vitest';
import { BROWSERS, contentState, sleep, useBrowser, useServer, type ExtensionBrowser, type PageHandle } from './harness';
import { readHighlightTexts, waitForHighlightName, waitForPaintedText } from './harness/highlights';

const UI_HOST = 'html > div';
type State = { url: string; annotations: Array<{ quote: { exact: string }; anchored: boolean }>; findings: Array<{ text: string }>; work: { runs: number } };

const state = async (b: ExtensionBrowser, page: PageHandle) => contentState<State>(b, await page.tabId());
const flagged = async (page: PageHandle) =>
  Object.entries(await readHighlightTexts(page))
    .filter(([name]) => name !== 'margin-focus' && name !== 'margin-annotation')
    .flatMap(([, texts]) => texts);
type ExtensionApi = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
/** What the store holds, asked from an extension page as the popup asks. */
const stored = (b: ExtensionBrowser) =>
  b.evaluateInExtension(async () => {
    const g = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
    const reply = (await (g.browser ?? g.chrome).runtime.sendMessage({ type: 'annotations/list', payload: {} })) as { value: Array<{ id: string; page: string; quote: { exact: string } }> };
    return reply.value.map(({ id, page, quote }) => ({ id, page, quote }));
  });
const clearStore = (b: ExtensionBrowser, ids: string[]) =>
  b.evaluateInExtension(async (list: string[]) => {
    const g = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
    await (g.browser ?? g.chrome).runtime.sendMessage({ type: 'annotations/delete', payload: { ids: list } });
  }, ids);
/** Our analyses of the page so far, once no new one has come for 2 s (a change is analysed within about a second). */
async function settledRuns(b: ExtensionBrowser, page: PageHandle): Promise<number> {
  for (let last = -1; ; ) {
    const runs = (await state(b, page)).work.runs;
    if (runs === last) return runs;
    last = runs;
    await sleep(2000);
  }
}
const buttonShown = (page: PageHandle) => page.evaluateInShadowRoot(UI_HOST, (root) => !!root.querySelector('button.annotate')).catch(() => false);

async function takeNote(page: PageHandle, quote: string, note: string): Promise<void> {
  expect(await page.selectText('article', quote)).toBe(quote);
  await page.clickInShadowRoot(UI_HOST, 'button.annotate');
  const editor = await page.extensionFrame('src/editor/index.html');
  await editor.fill('textarea#note', note);
  await editor.click('button[type="submit"]');
  await waitForHighlightName(page, 'margin-annotation');
}

describe.each(BROWSERS)('stories without page loads: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('a note taken after a move to another story is stored under that story’s address, listed for it, and painted again there after a reload', async () => {
    const b = browser.current;
    server.current.route('/live/story-b', { file: 'live/story.html' });
    const page = await b.openPage(server.current.url('/live/story.html'));
    await waitForPaintedText(page, 'thugs');
    await page.evaluate(() => {
      history.pushState({}, '', '/live/story-b');
      (window as unknown as { __story: { render(key: string): void } }).__story.render('second');
    });
    await waitForPaintedText(page, 'Extremists');
    await takeNote(page, 'the drainage system had been inspected', 'Inspected by whom?');
    const notes = await stored(b);
    expect(notes.map(({ page: p, quote }) => [p, quote.exact])).toEqual([[server.current.url('/live/story-b'), 'the drainage system had been inspected']]);
    // The popup's "This page" is the tab's state: the note is listed for the story on screen.
    expect((await state(b, page)).annotations.map((a) => [a.quote.exact, a.anchored])).toEqual([['the drainage system had been inspected', true]]);

    await page.reload();
    await waitForPaintedText(page, 'the drainage system had been inspected');
    expect((await readHighlightTexts(page))['margin-annotation']).toEqual(['the drainage system had been inspected']);
    await clearStore(b, notes.map((n) => n.id));
    await page.close();
  });

  test('a note on an article that renders after the first analysis is painted again after a reload', async () => {
    const b = browser.current;
    // spa.html renders its article 800 ms after load: the first analysis finds none.
    const page = await b.openPage(server.current.url('/live/spa.html'));
    await waitForPaintedText(page, 'thugs');
    await takeNote(page, 'a handful of thugs threw eggs', 'Who threw?');
    await page.reload();
    await waitForPaintedText(page, 'a handful of thugs threw eggs');
    expect((await readHighlightTexts(page))['margin-annotation']).toEqual(['a handful of thugs threw eggs']);
    expect((await state(b, page)).annotations).toHaveLength(1);
    await clearStore(b, (await stored(b)).map((n) => n.id));
    await page.close();
  });

  test('a page that swaps in a new <body> is read again', async () => {
    const page = await browser.current.openPage(server.current.url('/live/story.html'));
    await waitForPaintedText(page, 'thugs');
    await page.evaluate(() => (window as unknown as { __story: { swapBody(key: string, path: string): void } }).__story.swapBody('second', '/live/story-b'));
    await waitForPaintedText(page, 'Extremists');
    expect(await flagged(page)).not.toContain('thugs');
    await page.close();
  });

  test('an article made editable after load loses its highlights', async () => {
    const page = await browser.current.openPage(server.current.url('/live/story.html'));
    await waitForPaintedText(page, 'thugs');
    await page.evaluate(() => document.querySelector('article')!.setAttribute('contenteditable', 'true'));
    await page.waitForFunction(() => ![...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].some((h) => h.size > 0), { timeout: 10_000 });
    await page.close();
  });

  test('ads next to the article start no new analysis, and the open card stays on its flag while a paragraph arrives above it', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url('/live/story.html'));
    await waitForPaintedText(page, 'thugs');
    const runs = await settledRuns(b, page);
    for (let i = 0; i < 4; i++) {
      await page.evaluate(() => (window as unknown as { __story: { addAd(): void } }).__story.addAd());
      await sleep(400);
    }
    expect(await settledRuns(b, page)).toBe(runs);

    await page.keyboard.press('Alt+Shift+KeyN');
    await waitForHighlightName(page, 'margin-focus');
    const focused = (await readHighlightTexts(page))['margin-focus'];
    await page.evaluate(() => (window as unknown as { __story: { prepend(text: string): void } }).__story.prepend('Update: the session resumed after a short break, and the clerk read the figures again.'));
    // The update is read (a run of ours), and the card is still on the same words.
    expect(await settledRuns(b, page)).toBe(runs + 1);
    expect((await readHighlightTexts(page))['margin-focus']).toEqual(focused);
    await page.close();
  });

  test('the Annotate button goes with its selection when the page moves to another story', async () => {
    const page = await browser.current.openPage(server.current.url('/live/story.html'));
    await waitForPaintedText(page, 'thugs');
    expect(await page.selectText('article', 'a handful of thugs threw eggs')).toBe('a handful of thugs threw eggs');
    await page.waitForFunction(() => true);
    await expect.poll(() => buttonShown(page), { timeout: 5_000 }).toBe(true);
    await page.evaluate(() => {
      history.pushState({}, '', '/live/story-b');
      (window as unknown as { __story: { render(key: string): void } }).__story.render('second');
    });
    await waitForPaintedText(page, 'Extremists');
    await sleep(300);
    expect(await buttonShown(page)).toBe(false);
    await page.close();
  });

  test('a note deleted while the page sat in the back/forward cache is gone when the reader comes back', async () => {
    const b = browser.current;
    // Cacheable responses (the fixture server's default no-store keeps pages out of the cache).
    const cacheable = { 'cache-control': 'max-age=0' };
    server.current.route('/live/cached.html', { file: 'live/story.html', headers: { ...cacheable, 'content-type': 'text/html; charset=utf-8' } });
    server.current.route('/live/story.js', { file: 'live/story.js', headers: { ...cacheable, 'content-type': 'text/javascript; charset=utf-8' } });
    const page = await b.openPage(server.current.url('/live/cached.html'));
    await waitForPaintedText(page, 'thugs');
    await takeNote(page, 'a handful of thugs threw eggs', 'Who threw?');
    // Another site, so the page is put away rather than kept running.
    await page.goto(server.current.url('/smoke.html').replace('127.0.0.1', 'localhost'));
    await clearStore(b, (await stored(b)).map((n) => n.id));
    // Scheduled, not run in the call: the navigation could destroy the context before the call answers.
    await page.evaluate(() => void setTimeout(() => history.back(), 0));
    await page.waitForFunction(() => location.pathname === '/live/cached.html' && (window as unknown as { __story?: unknown }).__story !== undefined);
    expect(await page.evaluate(() => (window as unknown as { __story: { restored?: boolean } }).__story.restored)).toBe(true);
    await waitForHighlightName(page, 'margin-annotation', false);
    expect(await flagged(page)).toContain('thugs');
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});

describe.skipIf(!BROWSERS.includes('chromium'))('stories without page loads, Chromium only: chromium', () => {
  const server = useServer();
  const browser = useBrowser('chromium');

  // Firefox ESR 140 has no Navigation API: there an address changed after the last change to the article is noticed
  // at the page's next change (README, "Live pages").
  test('a story rendered first and given its address after is followed: its note is painted', async () => {
    const b = browser.current;
    server.current.route('/live/story-b', { file: 'live/story.html' });
    let page = await b.openPage(server.current.url('/live/story-b'));
    await waitForPaintedText(page, 'Extremists');
    await takeNote(page, 'the drainage system had been inspected', 'Inspected by whom?');
    await page.close();
    page = await b.openPage(server.current.url('/live/story.html'));
    await waitForPaintedText(page, 'thugs');
    await page.evaluate(() => (window as unknown as { __story: { renderThenPush(key: string, path: string, delay: number): void } }).__story.renderThenPush('second', '/live/story-b', 1000));
    await waitForPaintedText(page, 'the drainage system had been inspected');
    expect((await readHighlightTexts(page))['margin-annotation']).toEqual(['the drainage system had been inspected']);
    await clearStore(b, (await stored(b)).map((n) => n.id));
    await page.close();
  });
});
