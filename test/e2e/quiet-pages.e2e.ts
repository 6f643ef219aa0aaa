// What a page without an article keeps of us. It never wakes a stopped background: the content script asks the
// background for this page's config only once the gate has passed it (src/content/page-session.ts), so the many pages
// without an article cost no start of the background, no reading of its packs and no readying of its analyser. And it
// runs none of our handlers for the reader's pointer, selection or keys (they are added when an article is found,
// src/content/index.ts), so moving the mouse or typing there runs nothing of ours: Chromium only, as DevTools lists the
// listeners that the content script's isolated world added to the document. Firefox offers no such view to the test
// harness; there the live-page test checks that the keys work once an article arrives.
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { backgroundContextIds, backgroundStopper } from '../../scripts/soak';
import { BROWSERS, contentState, poll, sleep, useBrowser, useServer, type ExtensionBrowser, type PageHandle } from './harness';

interface TabState {
  article: unknown;
  work: { runs: number };
}

/** Whether our background is running now (asked from one of our pages, which does not wake it). */
const backgroundRuns = async (b: ExtensionBrowser) => (await backgroundContextIds((fn) => b.evaluateInExtension(fn))).length > 0;

/**
 * How long a page has, once loaded, to ask the background anything: its content script starts at document_idle and
 * runs the gate in its next task, a few milliseconds later.
 */
const SETTLE_MS = 3000;

describe.each(BROWSERS)('pages without an article and the background: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('a page without an article leaves a stopped background stopped; an article page starts it', { timeout: 90_000 }, async () => {
    const b = browser.current;
    // The background runs from the install; stop it, as the browser does after 30 idle seconds.
    await poll(() => backgroundRuns(b), 'the background to start', { timeout: 20_000 });
    const stopper = await backgroundStopper(b);
    const stopBackground = () =>
      poll(async () => {
        if (await backgroundRuns(b)) await stopper.kill();
        return !(await backgroundRuns(b));
      }, 'the background to stop', { timeout: 20_000 });
    try {
      await stopBackground();
      // Looked at before the tab is asked for its state: in Firefox any message to a tab (the popup's too) starts the
      // background.
      const list = await b.openPage(server.current.url('/extraction/list-page.html'));
      await sleep(SETTLE_MS);
      expect(await backgroundRuns(b)).toBe(false);
      const listState = await contentState<TabState>(b, await list.tabId(), { until: (state) => state.work.runs >= 1 });
      expect(listState.article).toBeNull();

      await stopBackground();
      const article = await b.openPage(server.current.url('/pages/seed-kazakhstan.html'));
      await poll(() => backgroundRuns(b), 'the article page to start the background', { timeout: 10_000 });
      const articleState = await contentState<TabState>(b, await article.tabId(), { until: (state) => state.work.runs >= 1, timeoutMs: 20_000 });
      expect(articleState.article).not.toBeNull();
    } finally {
      await stopper.dispose();
    }
  });
});

const READER_EVENTS = ['keydown', 'pointermove', 'selectionchange'];

/** The event types our content script listens for on the page's document, once its first run is over. */
async function ourDocumentListeners(b: ExtensionBrowser, path: string, url: string): Promise<string[]> {
  const page: PageHandle = await b.openPage('about:blank');
  const raw = page.raw as Page;
  const cdp: CDPSession = await raw.context().newCDPSession(raw);
  const ours: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.origin === b.extensionOrigin) ours.push(context.id);
  });
  await cdp.send('Runtime.enable');
  await page.goto(url);
  await contentState<{ work: { runs: number } }>(b, await page.tabId(), { until: (state) => state.work.runs >= 1, timeoutMs: 15_000 });
  expect(ours, `our isolated world on ${path}`).toHaveLength(1);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document', contextId: ours[0] });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  await cdp.detach();
  await page.close();
  return [...new Set(listeners.map((listener) => listener.type))].sort();
}

describe('pages without an article: chromium', () => {
  const server = useServer();
  const browser = useBrowser('chromium');

  test('run none of our pointer, selection or key handlers; article pages get all three', async () => {
    const b = browser.current;
    const onList = await ourDocumentListeners(b, 'the list page', server.current.url('/extraction/list-page.html'));
    expect(onList.filter((type) => READER_EVENTS.includes(type))).toEqual([]);
    const onArticle = await ourDocumentListeners(b, 'the seed article', server.current.url('/pages/seed-kazakhstan.html'));
    expect(onArticle).toEqual(expect.arrayContaining(READER_EVENTS));
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
