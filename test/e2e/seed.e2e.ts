// The walking skeleton, end to end in both browsers: the seed article is flagged in place, the popup reports it,
// a note made on a selection is stored in the extension's origin, comes back after a reload, and is exported.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { BROWSERS, poll, REPO_ROOT, useBrowser, useServer, type PageHandle } from './harness';

const SEED = '/pages/seed-kazakhstan.html';
const SEED_SITE = '21stcenturywire.com';
const UI_HOST = 'html > div';
const SCREENSHOTS = process.env.UPDATE_DOCS ? join(REPO_ROOT, 'docs') : join(REPO_ROOT, 'artifacts', 'e2e');

interface Painted {
  text: string;
  inArticle: boolean;
}

/** What CSS.highlights holds for each of our names, read back in the page's own world. */
function readHighlights(page: PageHandle): Promise<Record<string, Painted[]>> {
  return page.evaluate(() => {
    const out: Record<string, Array<{ text: string; inArticle: boolean }>> = {};
    for (const [name, highlight] of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights) {
      out[name] = [...highlight].map((range) => ({
        text: range.toString(),
        inArticle: !!(range.commonAncestorContainer.nodeType === 1 ? (range.commonAncestorContainer as Element) : range.commonAncestorContainer.parentElement)?.closest('article'),
      }));
    }
    return out;
  });
}

const waitForHighlights = (page: PageHandle, name: string) =>
  page.waitForFunction((n: string) => ((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(n)?.size ?? 0) > 0, { timeout: 15_000 }, name);

describe.each(BROWSERS)('seed article: %s', (name) => {
  const server = useServer();
  // The seed article's own site, served locally: the popup names the outlet behind it.
  const browser = useBrowser(name, () => ({ virtualHosts: { [SEED_SITE]: server.current.origin } }));

  test('flags attributions, the three promotional lines and loaded terms in the article only, without touching the DOM', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await waitForHighlights(page, 'margin-loaded');
    const painted = await readHighlights(page);

    const attribution = painted['margin-attribution']!.map((p) => p.text);
    expect(attribution.some((text) => text.startsWith('RT International reports'))).toBe(true);
    expect(attribution.some((text) => text.includes('according to Peskov'))).toBe(true);

    expect(painted['margin-boilerplate']!.map((p) => p.text)).toEqual([
      'READ MORE KAZAKHSTAN NEWS AT: 21st Century Wire Kazakhstan Files',
      'PLEASE HELP SUPPORT OUR INDEPENDENT MEDIA PLATFORM HERE',
      'ALSO JOIN OUR TELEGRAM CHANNEL',
    ]);

    const loaded = painted['margin-loaded']!.map((p) => p.text.toLowerCase());
    for (const term of ['hijacked', 'radical elements', 'mobs']) expect(loaded).toContain(term);

    // Nav, sidebar, comment form, editable box and footer repeat the same words: none of them is painted.
    for (const ranges of Object.values(painted)) expect(ranges.every((p) => p.inArticle)).toBe(true);

    // Highlights only: the page's DOM is the one the server sent.
    const elementCounts = await page.evaluate(async () => {
      const sent = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      return { live: document.body.querySelectorAll('*').length, sent: sent.body.querySelectorAll('*').length, selection: String(getSelection()) };
    });
    expect(elementCounts.live).toBe(elementCounts.sent);
    expect(elementCounts.selection).toBe('');

    if (name === 'chromium') {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot(join(SCREENSHOTS, 'seed-page.png'));
    }
    await page.close();
  });

  test('the popup counts the flags and names RT as state-affiliated', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await waitForHighlights(page, 'margin-loaded');
    const popup = await browser.current.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
    await popup.waitForSelector('.counts li[data-kind="boilerplate"] strong');
    const counts = await popup.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('.counts li')].map((li) => [li.getAttribute('data-kind'), Number(li.querySelector('strong')!.textContent)])),
    );
    expect(counts.boilerplate).toBe(3);
    expect(counts.attribution).toBeGreaterThanOrEqual(5);
    expect(counts.loaded).toBeGreaterThanOrEqual(3);
    const text = await popup.text('main');
    expect(text).toMatch(/RT International — state-affiliated outlet/);
    expect(text).toContain('mobs');
    // Every flag is listed, and each explanation said once, under the flags it covers: RT's rationale too, under
    // "Cited outlets" only.
    const lists = await popup.evaluate(() => ({
      flags: document.querySelectorAll('ul.items > li.group li[data-kind]').length,
      explanations: [...document.querySelectorAll('ul.items > li.group > .why')].map((why) => why.textContent),
    }));
    expect(lists.flags).toBe(counts.attribution! + counts.boilerplate! + counts.loaded!);
    expect(new Set(lists.explanations).size).toBe(lists.explanations.length);
    expect(lists.explanations.length).toBeLessThan(lists.flags);
    expect(text.split('Wikipedia editors deprecated it').length - 1).toBe(1);
    // Who says RT is deprecated: the data's citation, one click away, and its page's address (https, no referrer).
    const provenance = await popup.evaluate(() => {
      const details = document.querySelector<HTMLDetailsElement>('.outlet[data-outlet="rt"] details.provenance')!;
      const link = details.querySelector('a')!;
      return { summary: details.querySelector('summary')!.textContent, open: details.open, text: details.textContent, href: link.href, rel: link.rel, target: link.target };
    });
    expect(provenance).toMatchObject({ summary: 'Who says so', open: false, href: 'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources', rel: 'noreferrer', target: '_blank' });
    expect(provenance.text).toContain('summarised from Wikipedia:Reliable sources/Perennial sources');
    if (name === 'chromium') {
      // As a reader sees it: the popup's own width, and the 600 px height Chrome gives a popup at most.
      await (popup.raw as Page).setViewportSize({ width: 468, height: 600 });
      await popup.screenshot(join(SCREENSHOTS, 'popup.png'));
    }
    await popup.close();
    await page.close();
  });

  test('the popup names the outlet behind the page’s site, from the background’s outlet table', async () => {
    const page = await browser.current.openPage(`http://${SEED_SITE}${SEED}`);
    await waitForHighlights(page, 'margin-loaded');
    const popup = await browser.current.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
    await popup.waitForSelector('.outlet[data-outlet="21st-century-wire"]');
    expect(await popup.text('.outlet[data-outlet="21st-century-wire"]')).toMatch(/^This site: 21st Century Wire \(unreliable/);
    await popup.close();
    await page.close();
  });

  test('a note on a selection is stored in the extension, shown again after reload, listed in the popup and exported', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await waitForHighlights(page, 'margin-loaded');
    const quote = 'virtual conference on the turbulent situation in Kazakhstan';
    expect(await page.selectText('article', quote)).toBe(quote);
    // A card open when the reader starts a note goes: it would sit beside and under the editor.
    await page.keyboard.press('Alt+Shift+KeyN');
    await waitForHighlights(page, 'margin-focus');

    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    const editor = await page.extensionFrame('src/editor/index.html');
    await editor.waitForSelector('textarea#note', { visible: true });
    expect(await page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card') !== null)).toBe(false);
    expect(await editor.text('blockquote')).toBe(quote);
    // The editor fits its frame: the note field gives up room to the labels, nothing is cut off or scrolls.
    expect(await editor.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);
    await editor.fill('textarea#note', 'Who calls it turbulent?');
    await editor.click('input[type="checkbox"]');
    await editor.click('button[type="submit"]');

    await waitForHighlights(page, 'margin-annotation');
    expect((await readHighlights(page))['margin-annotation']!.map((p) => p.text)).toEqual([quote]);

    // Stored in the extension's own IndexedDB, with the page address taken from the sender.
    const stored = await b.evaluateInExtension(
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('margin');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('annotations').objectStore('annotations').getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          };
        }),
    );
    expect(stored).toEqual([
      expect.objectContaining({
        page: server.current.url(SEED),
        note: 'Who calls it turbulent?',
        labels: ['loaded language'],
        quote: expect.objectContaining({ exact: quote }),
      }),
    ]);
    // And not in the page's origin, where page scripts could read it.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toEqual([]);

    await page.reload();
    await waitForHighlights(page, 'margin-annotation');
    expect((await readHighlights(page))['margin-annotation']!.map((p) => p.text)).toEqual([quote]);

    const popup = await b.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
    await popup.waitForSelector('[data-annotation]');
    expect(await popup.text('[data-annotation]')).toContain('Who calls it turbulent?');

    await popup.click('footer button.primary');
    const file = await b.waitForDownload(/^margin-annotations-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(file.path, 'utf8'));
    expect(exported).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 1,
      first: {
        items: [
          {
            type: 'Annotation',
            motivation: 'commenting',
            body: [{ value: 'Who calls it turbulent?', purpose: 'commenting' }, { value: 'loaded language', purpose: 'tagging' }],
            target: {
              source: server.current.url(SEED),
              selector: [{ type: 'TextQuoteSelector', exact: quote }, { type: 'TextPositionSelector' }],
            },
          },
        ],
      },
    });
    await popup.close();
    await page.close();
  });

  test('a flag clicked in the popup is shown in the page: scrolled into view, marked, its card open', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await waitForHighlights(page, 'margin-loaded');
    // The article's last loaded term, below the fold when the page opens.
    const last = () =>
      page.evaluate(() => {
        const ranges = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('margin-loaded')!];
        const box = ranges.at(-1)!.getBoundingClientRect();
        return { text: ranges.at(-1)!.toString().replace(/\s+/g, ' '), inView: box.top >= 0 && box.bottom <= innerHeight };
      });
    const term = await last();
    expect(term.inView).toBe(false);
    const popup = await browser.current.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
    await popup.waitForSelector('li[data-kind="loaded"] button.link');
    // Flags that share an explanation are listed together: the term's last button is its last occurrence.
    const buttons = await popup.evaluate((label) => {
      const named = [...document.querySelectorAll('li[data-kind="loaded"] button.link')].filter((button) => button.getAttribute('aria-label') === label);
      named.at(-1)?.setAttribute('data-test-target', '');
      return named.length;
    }, `Scroll to: ${term.text}`);
    expect(buttons).toBeGreaterThan(0);
    await popup.click('[data-test-target]');
    await waitForHighlights(page, 'margin-focus');
    expect(await last()).toEqual({ text: term.text, inView: true });
    expect(await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('margin-focus')!].map((range) => range.toString().replace(/\s+/g, ' ')))).toEqual([term.text]);
    await poll(async () => (await page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card')?.textContent ?? '')).includes(term.text) || undefined, 'the card of the flag', { timeout: 10_000 });
    await popup.close();
    await page.close();
  });

  test('a pronoun source names the speaker it was taken to be, in the popup and on its card', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await waitForHighlights(page, 'margin-attribution');
    const popup = await browser.current.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
    await popup.waitForSelector('li[data-kind="attribution"] button.link');
    const line = 'Source: He (taken to be Kazakh President Kassym-Jomart Tokayev, named earlier) — government or official';
    expect(await popup.text('main')).toContain(line);
    await popup.evaluate(() => document.querySelector('li[data-kind="attribution"] button.link[aria-label="Scroll to: He stated"]')?.setAttribute('data-test-target', ''));
    await popup.click('[data-test-target]');
    await poll(async () => (await page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card .source')?.textContent ?? '')) === line || undefined, 'the card of “He stated”', { timeout: 10_000 });
    await popup.close();
    await page.close();
  });

  test('the flag card opens from the keyboard and explains the flag', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await waitForHighlights(page, 'margin-loaded');
    await page.keyboard.press('Alt+Shift+KeyN');
    await waitForHighlights(page, 'margin-focus');
    const card = await page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card')?.textContent ?? '');
    expect(card).toMatch(/Rule \S+ · flag 1 of \d+/);
    if (name === 'chromium') await page.screenshot(join(SCREENSHOTS, 'flag-card.png'));
    // The keyboard is on the card now: Tab reaches its buttons, Enter confirms, the shortcut steps on from there.
    const focused = () => page.evaluateInShadowRoot(UI_HOST, (root) => (root.activeElement as HTMLElement | null)?.className || root.activeElement?.textContent || null);
    expect(await focused()).toBe('card');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Confirm');
    await page.keyboard.press('Enter');
    await poll(
      () => page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card button[data-choice="0"]')?.getAttribute('aria-pressed') === 'true' || undefined),
      'the flag to be confirmed from the keyboard',
      { timeout: 10_000 },
    );
    expect(await focused()).toBe('card');
    // Pressed again at once: a second press, not the first one heard twice.
    await page.keyboard.press('Alt+Shift+KeyN');
    await poll(async () => /flag 2 of/.test(await page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card .rule')?.textContent ?? '')) || undefined, 'the next flag', { timeout: 10_000 });
    // Escape closes the card and gives the keyboard back to the page.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !(CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-focus'));
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.close();
  });

  test('a German article in an English browser: the flag card explains in English, the flagged and advised words stay German', async () => {
    const page = await browser.current.openPage(server.current.url('/de/strassenbahn.html'));
    await waitForHighlights(page, 'margin-loaded');
    expect((await readHighlights(page))['margin-boilerplate']!.map((p) => p.text)).toEqual(['Mehr zum Thema: Neue Radwege für die Innenstadt', 'Folgen Sie uns auf Instagram und Facebook.']);
    const cardText = () => page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card')?.textContent ?? '');
    await page.keyboard.press('Alt+Shift+KeyN');
    await waitForHighlights(page, 'margin-focus');
    // The first flag, „Laut den Verkehrsbetrieben“: our German pack's rule, said in the reader's English.
    const attribution = await cardText();
    expect(attribution).toContain('Laut den Verkehrsbetrieben');
    expect(attribution).toContain('The claim is explicitly sourced');
    expect(attribution).toMatch(/Ask: /);
    expect(attribution).not.toMatch(/Fragen|zugeschrieben/);
    // A promotional line of the German page: the English rule's explanation and advice.
    const promo = await poll(
      async () => {
        const text = await cardText();
        if (text.includes('Mehr zum Thema: Neue Radwege für die Innenstadt')) return text;
        await page.keyboard.press('Alt+Shift+KeyN');
        return undefined;
      },
      'the card of the promotional line',
      { timeout: 20_000, polling: 300 },
    );
    expect(promo).toContain('A “read more” or related-links line points readers to more of the site');
    expect(promo).toContain('Not part of the report');
    expect(promo).not.toMatch(/Navigation, keine|Nicht Teil des Berichts/);
    // Stepping on to a loaded term: its English explanation, its German words to use instead.
    const entry = (JSON.parse(readFileSync(join(REPO_ROOT, 'src/data/de/loaded-terms.json'), 'utf8')) as { entries: Array<{ term: string; alternative: string; translations: { en: { why: string } } }> }).entries.find(
      (e) => e.term === 'Verkehrschaos',
    )!;
    const loaded = await poll(
      async () => {
        const text = await cardText();
        if (text.includes(entry.translations.en.why)) return text;
        await page.keyboard.press('Alt+Shift+KeyN');
        return undefined;
      },
      'the card of “Verkehrschaos”',
      // Time for each card to show before the next press (the shortcut wraps round past the last flag).
      { timeout: 20_000, polling: 300 },
    );
    expect(loaded).toContain(`Ask: ${entry.alternative}`);
    expect(loaded).not.toMatch(/Fragen|Stattdessen/);
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
