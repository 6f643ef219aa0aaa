// What a page without an article keeps of us: none of our handlers for the reader's pointer, selection or keys (they
// are added when an article is found, src/content/index.ts), so moving the mouse or typing there runs nothing of ours.
// Chromium only: DevTools lists the listeners that the content script's isolated world added to the document. Firefox
// offers no such view to the test harness; there the live-page test checks that the keys work once an article arrives.
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { contentState, useBrowser, useServer, type ExtensionBrowser, type PageHandle } from './harness';

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
