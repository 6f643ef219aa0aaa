// Live pages in both browsers: an article rendered after first paint, a paragraph appended later, a move to another
// story through the History API, and an editable region inside the article that is never touched.
import { describe, expect, test } from 'vitest';
import { BROWSERS, useBrowser, useServer, type PageHandle } from './harness';

const painted = (page: PageHandle): Promise<string[]> =>
  page.evaluate(() =>
    [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.entries()]
      .filter(([name]) => name !== 'margin-focus')
      .flatMap(([, highlight]) => [...highlight].map((range) => range.toString())),
  );
const waitForPainted = (page: PageHandle, text: string) =>
  page.waitForFunction(
    (t: string) => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].some((h) => [...h].some((r) => r.toString() === t)),
    { timeout: 15_000 },
    text,
  );

describe.each(BROWSERS)('live pages: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('follows an article rendered late, extended by infinite scroll, and replaced through the History API, never touching the editable draft', async () => {
    const page = await browser.current.openPage(server.current.url('/live/spa.html'));
    await waitForPainted(page, 'thugs');
    await waitForPainted(page, 'mob');
    expect(await painted(page)).not.toContain('Extremists');

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
    await waitForPainted(page, 'Extremists');
    const after = await painted(page);
    expect(after).not.toContain('thugs');
    expect(await page.evaluate(() => location.pathname)).toBe('/live/second-story');
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
