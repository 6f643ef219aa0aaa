// Live pages in both browsers: an article rendered after first paint, a paragraph appended later, a move to another
// story through the History API, and an editable region inside the article that is never touched; the reader's keys
// work on the article that arrived late.
import { describe, expect, test } from 'vitest';
import { BROWSERS, useBrowser, useServer, type PageHandle } from './harness';
import { waitForPaintedText } from './harness/highlights';

const painted = (page: PageHandle): Promise<string[]> =>
  page.evaluate(() =>
    [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.entries()]
      .filter(([name]) => name !== 'margin-focus')
      .flatMap(([, highlight]) => [...highlight].map((range) => range.toString())),
  );

const hasHighlight = (page: PageHandle, name: string, present: boolean) =>
  page.waitForFunction(
    (n: string, p: boolean) => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has(n) === p,
    { timeout: 10_000 },
    name,
    present,
  );

describe.each(BROWSERS)('live pages: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('follows an article rendered late, extended by infinite scroll, and replaced through the History API, answering the reader’s keys on it and never touching the editable draft', async () => {
    const page = await browser.current.openPage(server.current.url('/live/spa.html'));
    await waitForPaintedText(page, 'thugs');
    await waitForPaintedText(page, 'mob');
    expect(await painted(page)).not.toContain('Extremists');

    // The page had no article when the content script started, so it listened to no keys then (index.ts): the
    // reader's keys work once the article has arrived. Escape reaches us only through the page's key events.
    await page.keyboard.press('Alt+Shift+KeyN');
    await hasHighlight(page, 'margin-focus', true);
    await page.keyboard.press('Escape');
    await hasHighlight(page, 'margin-focus', false);

    // The editable draft repeats loaded words: none of its text is painted, and typing there leaves it as typed.
    const inDraft = await page.evaluate(() =>
      [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].some((h) => [...h].some((r) => document.getElementById('draft')!.contains(r.startContainer))),
    );
    expect(inDraft).toBe(false);
    await page.click('#draft');
    await page.keyboard.press('End');
    await page.keyboard.type(' Sent.');
    expect(await page.text('#draft')).toBe('My draft reply: the mob of thugs and extremists. Sent.');

    await page.click('#next-story');
    await waitForPaintedText(page, 'Extremists');
    const after = await painted(page);
    expect(after).not.toContain('thugs');
    expect(await page.evaluate(() => location.pathname)).toBe('/live/second-story');
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
