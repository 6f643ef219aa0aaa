// Annotations that last, end to end in both browsers: a note survives an edited article, a dismissed flag stays
// hidden, and everything goes out as a file, is cleared, and comes back from that file exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BROWSERS, FIXTURES_DIR, poll, useBrowser, useServer, type ExtensionBrowser, type PageHandle } from './harness';
import { readHighlightTexts, waitForHighlightName } from './harness/highlights';
import { DB_VERSION } from '../../src/storage/database';

const STORY = '/story.html';
const UI_HOST = 'html > div';
const QUOTE = 'virtual conference on the turbulent situation in Kazakhstan';
const original = readFileSync(join(FIXTURES_DIR, 'pages/seed-kazakhstan.html'), 'utf8');
/** The same article a day later: a correction notice above, a word of the quote changed, spacing changed. */
const edited = original
  .replace('<article>', '<article>\n        <p class="update"><em>Update, January 10: this story has been updated with the outcome of the Monday session of the CSTO leaders.</em></p>')
  .replace('virtual conference on the turbulent', 'virtual   summit on the turbulent');

async function setFile(page: PageHandle, selector: string, path: string): Promise<void> {
  const raw = page.raw as { setInputFiles?: (s: string, p: string) => Promise<void>; $?: (s: string) => Promise<{ uploadFile: (p: string) => Promise<void> } | null> };
  if (raw.setInputFiles) return raw.setInputFiles(selector, path);
  const input = await raw.$!(selector);
  await input!.uploadFile(path);
}

async function openPopup(b: ExtensionBrowser, page: PageHandle, view: 'page' | 'library' = 'page'): Promise<PageHandle> {
  const popup = await b.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}${view === 'library' ? '&view=library' : ''}`);
  await popup.waitForSelector(view === 'library' ? '.list-head' : '.counts, p.muted');
  return popup;
}

describe.each(BROWSERS)('annotations that last: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('a note re-anchors on an edited article, a dismissal sticks, and export, clear, import bring everything back', async () => {
    const b = browser.current;
    server.current.route(STORY, { body: original, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const page = await b.openPage(server.current.url(STORY));
    await waitForHighlightName(page, 'margin-loaded');

    // 1. A note with a default label and one of the reader's own.
    expect(await page.selectText('article', QUOTE)).toBe(QUOTE);
    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    const editor = await page.extensionFrame('src/editor/index.html');
    await editor.fill('textarea#note', 'Whose word is “turbulent”?');
    // A stray Escape loses nothing written: it asks for a second one (any other key takes that back).
    await page.keyboard.press('Escape');
    expect(await editor.text('.actions [role="alert"]')).toBe('Press Escape again to discard this note.');
    await editor.type('input.new-label', 'framing');
    await page.keyboard.press('Enter');
    await editor.click('button[type="submit"]');
    await waitForHighlightName(page, 'margin-annotation');

    // 2. Dismiss the first flag on this site from its card.
    await page.keyboard.press('Alt+Shift+KeyN');
    await waitForHighlightName(page, 'margin-focus');
    const dismissed = await page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card .flagged')?.textContent ?? '');
    const flagged = dismissed.replace(/^“|”$/g, '');
    expect(flagged.length).toBeGreaterThan(0);
    // Confirmed first, then dismissed on the site: one verdict record, rewritten (the export below holds two records).
    await page.clickInShadowRoot(UI_HOST, 'button[data-choice="0"]');
    await poll(
      () => page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card button[data-choice="0"]')?.getAttribute('aria-pressed') === 'true' || undefined),
      'the card to show the flag confirmed',
      { timeout: 10_000 },
    );
    await page.clickInShadowRoot(UI_HOST, 'button[data-choice="2"]');
    await page.waitForFunction((text: string) => {
      const all = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.entries()].filter(([n]) => n !== 'margin-focus' && n !== 'margin-annotation');
      return !all.some(([, h]) => [...h].some((r) => r.toString() === text));
    }, { timeout: 10_000 }, flagged);

    // 3. The article is edited; on the next visit the note finds its passage again and says the article changed.
    server.current.route(STORY, { body: edited, headers: { 'content-type': 'text/html; charset=utf-8' } });
    await page.reload();
    await waitForHighlightName(page, 'margin-annotation');
    const after = await readHighlightTexts(page);
    expect(after['margin-annotation']).toHaveLength(1);
    expect(after['margin-annotation']![0]).toMatch(/virtual\s+summit on the turbulent situation in Kazakhstan/);
    for (const [n, texts] of Object.entries(after)) if (n !== 'margin-annotation') expect(texts, n).not.toContain(flagged);

    let popup = await openPopup(b, page);
    await popup.waitForSelector('[data-annotation]');
    expect(await popup.text('[data-annotation]')).toContain('The article has changed since this note was taken.');
    expect(await popup.text('main')).toMatch(/1 flag dismissed/);
    // The verdict is listed with the reader's notes, named by its flag's kind: a reader never sees a rule id there.
    expect(await popup.text('[data-verdict="dismissed"]')).toMatch(/^Flag dismissed on the site 127\.0\.0\.1: (Attribution|Loaded term|Promotional)$/);

    // 4. Export everything, clear, and the page is bare again.
    await popup.click('button[data-export="jsonld"]');
    const first = await b.waitForDownload(/^margin-annotations-.*\.json$/);
    const exported = readFileSync(first.path, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ type: 'AnnotationCollection', total: 2 });
    // The label typed and taken with Enter went with the note (Enter in that field adds a label, never saves).
    const bodies = (JSON.parse(exported) as { first: { items: { body?: { value: string; purpose: string }[] }[] } }).first.items.flatMap((item) => item.body ?? []);
    expect(bodies).toContainEqual(expect.objectContaining({ value: 'framing', purpose: 'tagging' }));
    await popup.close();

    popup = await openPopup(b, page, 'library');
    await popup.waitForSelector('[data-verdict="dismissed"]');
    expect(await popup.text('[data-annotation]:has([data-verdict]) .why')).toMatch(/^Flag dismissed on the site 127\.0\.0\.1: /);
    // More than one note goes only when the reader confirms; "Keep them" keeps them.
    await popup.click('button[data-action="delete-shown"]');
    expect(await popup.text('.confirm')).toContain('Delete these 2 notes?');
    await popup.click('button[data-action="delete-kept"]');
    expect(await popup.text('.list-head')).toMatch(/^2 of 2 notes/);
    await popup.click('button[data-action="delete-shown"]');
    await popup.click('button[data-action="delete-confirmed"]');
    await popup.waitForFunction(() => /^0 of 0 notes/.test(document.querySelector('.list-head')?.textContent ?? ''));
    // An empty list says how to fill it.
    expect(await popup.text('[data-empty]')).toBe('No notes yet. Select text in an article and press “Annotate”; flags you confirm or dismiss are listed here too.');
    await page.reload();
    await waitForHighlightName(page, 'margin-loaded');
    expect((await readHighlightTexts(page))['margin-annotation']).toBeUndefined();

    // 5. Import the file: the note and the dismissal are back, and a second export is byte for byte the first.
    await setFile(popup, 'input[type="file"]', first.path);
    await popup.waitForFunction(() => /2 added/.test(document.querySelector('.status')?.textContent ?? ''));
    await page.reload();
    await waitForHighlightName(page, 'margin-annotation');
    for (const [n, texts] of Object.entries(await readHighlightTexts(page))) if (n !== 'margin-annotation') expect(texts, n).not.toContain(flagged);
    await popup.click('button[data-export="jsonld"]');
    const files = () => b.downloads().filter((f) => /^margin-annotations-.*\.json$/.test(f.name));
    await popup.waitForFunction(() => true);
    const deadline = Date.now() + 10_000;
    while (files().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const second = files().find((f) => f.path !== first.path);
    expect(second, 'a second export').toBeDefined();
    expect(readFileSync(second!.path, 'utf8')).toBe(exported);
    await popup.close();
    await page.close();
  });

  test('a malformed import is refused with what and where, and nothing stored changes', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url('/pages/seed-kazakhstan.html'));
    await waitForHighlightName(page, 'margin-loaded');
    const popup = await openPopup(b, page, 'library');
    const before = await popup.text('.list-head');
    await setFile(popup, 'input[type="file"]', join(FIXTURES_DIR, 'imports/bad-record.json'));
    await popup.waitForSelector('.status.error');
    const message = await popup.text('.status.error');
    expect(message).toMatch(/Nothing was imported/);
    expect(message).toMatch(/record 2/);
    expect(await popup.text('.list-head')).toBe(before);
    await popup.close();
    await page.close();
  });

  test('all notes: search, edit, delete and undo (on the notes the first test left)', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(STORY));
    await waitForHighlightName(page, 'margin-annotation');
    const popup = await openPopup(b, page, 'library');
    const head = () => popup.text('.list-head');
    expect(await head()).toMatch(/^2 of 2 notes/);
    // Our pages read the notes in place (src/ui/stored-notes.ts): the background's IndexedDB is the popup's too, in
    // both browsers, and opening it as it is changes nothing.
    expect(
      await popup.evaluate(
        () =>
          new Promise<[number, number]>((resolve, reject) => {
            const opening = indexedDB.open('margin');
            opening.onerror = () => reject(opening.error);
            opening.onsuccess = () => {
              const db = opening.result;
              const counting = db.transaction('annotations').objectStore('annotations').count();
              counting.onsuccess = () => {
                resolve([db.version, counting.result]);
                db.close();
              };
            };
          }),
      ),
    ).toEqual([DB_VERSION, 2]);
    await popup.fill('input[type="search"]', 'turbulent');
    await popup.waitForFunction(() => /^1 of 2 notes/.test(document.querySelector('.list-head')?.textContent ?? ''));
    // A screen reader hears the count once the search settles, from a live region of its own; the list head, with its
    // Delete button, is not read out at every key.
    await popup.waitForFunction(() => document.querySelector('[aria-live="polite"][data-announced]')?.textContent === '1 of 2 notes');
    expect(await popup.evaluate(() => document.querySelector('.list-head')!.closest('[aria-live]'))).toBeNull();
    // An export with a search set holds what is shown, and says so.
    await popup.click('button[data-export="csv"]');
    await popup.waitForFunction(() => /only the notes shown/.test(document.querySelector('.status')?.textContent ?? ''));
    const csv = readFileSync((await b.waitForDownload(/^margin-annotations-.*\.csv$/)).path, 'utf8');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(2);

    await popup.click('[data-annotation] button[aria-label^="Edit"]');
    await popup.fill('form[aria-label="Edit note"] textarea', 'Edited: whose word is it?');
    await popup.click('form[aria-label="Edit note"] button[type="submit"]');
    await popup.waitForFunction(() => document.querySelector('[data-annotation] .note')?.textContent === 'Edited: whose word is it?');

    await popup.click('[data-annotation] button[aria-label^="Delete"]');
    await popup.waitForFunction(() => /^0 of 1 note(?!s)/.test(document.querySelector('.list-head')?.textContent ?? ''));
    // The deleted row had the keyboard: the Undo takes it, not the start of the page.
    await popup.waitForFunction(() => document.activeElement === document.querySelector('.status button'));
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => /^1 of 2 notes/.test(document.querySelector('.list-head')?.textContent ?? ''));
    expect(await popup.text('[data-annotation] .note')).toBe('Edited: whose word is it?');
    expect(await popup.text('.status')).toBe('Undone.');

    // The open page heard about the edit: its note is still painted after the delete and undo.
    await page.waitForFunction(() => ((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('margin-annotation')?.size ?? 0) === 1);
    await popup.close();
    await page.close();
  });

  test('a note found again by its words alone, away from its old surroundings, is painted and listed as unsure', async () => {
    const b = browser.current;
    // The sentence that held the quote now says something else; the quote's words turn up in a new last paragraph.
    const moved = original
      .replace(QUOTE, 'meeting')
      .replace('</article>', `<p>Readers asked us about the ${QUOTE}.</p></article>`);
    server.current.route(STORY, { body: moved, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const page = await b.openPage(server.current.url(STORY));
    await waitForHighlightName(page, 'margin-unsure');
    const painted = await readHighlightTexts(page);
    expect(painted['margin-unsure']).toEqual([QUOTE]);
    expect(painted['margin-annotation']).toBeUndefined();
    const popup = await openPopup(b, page);
    expect(await popup.text('[data-unsure]')).toContain('it may be another passage that reads the same');
    await popup.close();
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
