// The options page end to end in both browsers: a teacher's pack installed from a file changes what is flagged on an
// open article (and a broken one changes nothing), undo puts it back; a flag kind switched off vanishes from an open
// tab without reload; the site list stops Margin on a listed site and lets it run again when the site is removed.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BROWSERS, contentState, FIXTURES_DIR, useBrowser, useServer, type ExtensionBrowser, type PageHandle } from './harness';

const UI_HOST = 'html > div';

const SEED = '/pages/seed-kazakhstan.html';
const OPTIONS = 'src/options/index.html';

const painted = (page: PageHandle, name: string): Promise<string[]> =>
  page.evaluate((n: string) => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(n) ?? [])].map((r) => r.toString().toLowerCase()), name);

/** Waits until the loaded-term highlights hold every word of `present` and none of `absent`. */
const waitForLoaded = (page: PageHandle, present: string[], absent: string[]) =>
  page.waitForFunction(
    (yes: string[], no: string[]) => {
      const words = [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('margin-loaded') ?? [])].map((r) => r.toString().toLowerCase());
      return yes.every((w) => words.includes(w)) && !no.some((w) => words.includes(w));
    },
    { timeout: 15_000 },
    present,
    absent,
  );

const waitForHighlight = (page: PageHandle, name: string, present: boolean) =>
  page.waitForFunction((n: string, p: boolean) => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has(n) === p, { timeout: 15_000 }, name, present);

async function setFile(page: PageHandle, selector: string, path: string): Promise<void> {
  const raw = page.raw as { setInputFiles?: (s: string, p: string) => Promise<void>; $?: (s: string) => Promise<{ uploadFile: (p: string) => Promise<void> } | null> };
  if (raw.setInputFiles) return raw.setInputFiles(selector, path);
  const input = await raw.$!(selector);
  await input!.uploadFile(path);
}

const waitForStatus = (options: PageHandle, pattern: string) =>
  options.waitForFunction((p: string) => new RegExp(p).test(document.querySelector('[data-status]')?.textContent ?? ''), { timeout: 15_000 }, pattern);

async function openOptions(b: ExtensionBrowser): Promise<PageHandle> {
  const options = await b.openExtensionPage(OPTIONS);
  await options.waitForSelector('input[name="kind-loaded"]');
  return options;
}

/** The state the content script reports to our popup. */
type TabState = { off?: boolean; findings: unknown[] };

describe.each(BROWSERS)('options page: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('a teacher pack installed from a file changes the flags of an open article; a broken one changes nothing; undo puts it back', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await waitForLoaded(page, ['mobs', 'hijacked'], ['peacekeepers', 'turbulent']);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    const options = await openOptions(b);
    await setFile(options, '#pack-file', join(FIXTURES_DIR, 'packs/class-7b.json'));
    await waitForStatus(options, 'Installed the pack “7B: reporting on unrest”');
    await options.waitForSelector('li[data-pack="class-7b"]');
    expect(await options.text('li[data-pack="class-7b"]')).toContain('loaded terms: 2 · boilerplate rules: 0 · attribution rules: 0 · outlets: 0 · switched off: 1');
    expect(await options.text('li[data-pack="class-7b"]')).toContain('version 1.0.0 · language en · from class-7b.json');
    expect(await options.text('li[data-pack="class-7b"]')).toContain('Labels for notes: euphemism, whose voice?');

    // The open tab re-analyses with the pack: its two terms are flagged, the switched-off "mob" is not, nothing reloaded.
    await waitForLoaded(page, ['peacekeepers', 'turbulent', 'hijacked'], ['mobs']);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The pack's label set: the note editor offers it before the built-in labels (no assignment is imported here).
    const quote = 'virtual conference on the turbulent situation in Kazakhstan';
    expect(await page.selectText('article', quote)).toBe(quote);
    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    const editor = await page.extensionFrame('src/editor/index.html');
    await editor.waitForSelector('textarea#note', { visible: true });
    await editor.waitForFunction(() => /whose voice\?/.test(document.querySelector('fieldset')?.textContent ?? ''), { timeout: 15_000 });
    const offered = await editor.evaluate(() => Array.from(document.querySelectorAll('fieldset label'), (label) => label.textContent?.trim() ?? ''));
    expect(offered.slice(0, 3)).toEqual(['euphemism', 'whose voice?', 'loaded language']);
    await page.keyboard.press('Escape');

    // A broken version is refused with its problems named, and the installed pack stays as it was.
    await setFile(options, '#pack-file', join(FIXTURES_DIR, 'packs/class-7b-broken.json'));
    await waitForStatus(options, 'class-7b-broken.json is not a valid pack; nothing was installed.');
    const problems = await options.text('[data-status] ul');
    expect(problems).toContain('entry "peacekeepers" (entries[0]), field why');
    expect(problems).toContain('entry "turbulent" (entries[1]), field category');
    expect(problems).toContain('disable[0]: no built-in or installed entry has the rule id "loaded:no-such-term"');
    expect(await options.text('li[data-pack="class-7b"]')).toContain('version 1.0.0');
    await waitForLoaded(page, ['peacekeepers', 'turbulent'], ['mobs']);

    // Undo the install from the pack's row: the built-in flags come back in the open tab.
    await options.click('li[data-pack="class-7b"] button[aria-label^="Undo"]');
    await options.waitForFunction(() => !document.querySelector('li[data-pack]'), { timeout: 15_000 });
    await waitForLoaded(page, ['mobs', 'hijacked'], ['peacekeepers', 'turbulent']);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await options.close();
    await page.close();
  });

  test('switching a flag kind off removes those highlights from an open tab without reload, and on brings them back', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await waitForHighlight(page, 'margin-boilerplate', true);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const options = await openOptions(b);
    // The keyboard commands are listed as the browser has them: Firefox assigns the manifest's suggested keys; Chromium
    // assigns some (Alt+Shift+H) and leaves others unset, and the page handler serves the same keys there: the table
    // says so rather than "not set".
    await options.waitForSelector('tr[data-command="toggle-highlights"]');
    const commands = await options.evaluate(() => [...document.querySelectorAll('tr[data-command]:not([data-command^="_"])')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
    const suggested: Record<string, string> = {
      'Go to the next flag on the page': 'Alt+Shift+N',
      'Go to the previous flag on the page': 'Alt+Shift+P',
      'Show or hide the highlights on the page': 'Alt+Shift+H',
    };
    expect(commands.map(([description]) => description).sort()).toEqual(Object.keys(suggested).sort());
    const pageOnly = (keys: string) => `${keys} in the page only: the browser set no key for it`;
    for (const [description, keys] of commands) expect(name === 'firefox' ? [suggested[description!]] : [suggested[description!], pageOnly(suggested[description!]!)]).toContain(keys);

    await options.click('input[name="kind-boilerplate"]');
    await waitForHighlight(page, 'margin-boilerplate', false);
    expect((await painted(page, 'margin-loaded')).length).toBeGreaterThan(0);
    expect((await painted(page, 'margin-attribution')).length).toBeGreaterThan(0);

    // Sensitivity: with the "labelling" category off, "mobs" goes and the other loaded terms stay.
    await options.click('input[name="category-labelling"]');
    await waitForLoaded(page, ['hijacked'], ['mobs']);

    await options.click('input[name="kind-boilerplate"]');
    await options.click('input[name="category-labelling"]');
    await waitForHighlight(page, 'margin-boilerplate', true);
    await waitForLoaded(page, ['mobs', 'hijacked'], []);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await options.close();
    await page.close();
  });

  test('the site list keeps Margin off a listed site, and removing the site lets it run without reload', async () => {
    const b = browser.current;
    const options = await openOptions(b);
    await options.fill('#site-entry', 'http://127.0.0.1/');
    await options.click('#site-entry ~ button[type="submit"]');
    await options.waitForSelector('li[data-site="127.0.0.1"]');

    const page = await b.openPage(server.current.url(SEED));
    const tabId = await page.tabId();
    const state = await contentState<TabState>(b, tabId, { until: (s) => s.off === true, timeoutMs: 15_000 });
    expect(state).toMatchObject({ off: true, findings: [] });
    expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.size)).toBe(0);
    // What the reader sees: the popup says why nothing is flagged.
    const popup = await b.openExtensionPage(`src/popup/index.html?tab=${tabId}`);
    await popup.waitForFunction(() => /Margin is off on this site/.test(document.body.textContent ?? ''), { timeout: 15_000 });
    expect(await popup.exists('.counts')).toBe(false);
    await popup.close();

    await options.bringToFront();
    await options.click('li[data-site="127.0.0.1"] button');
    await options.waitForFunction(() => !document.querySelector('li[data-site]'), { timeout: 15_000 });
    await waitForLoaded(page, ['mobs'], []);
    expect((await contentState<TabState>(b, tabId))?.off).toBeUndefined();
    await options.close();
    await page.close();
  });

  test('a dismissed flag is listed on the options page; "Show again" brings it back in the open tab, and Undo hides it again', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await waitForHighlight(page, 'margin-loaded', true);
    await page.keyboard.press('Alt+Shift+KeyN');
    await waitForHighlight(page, 'margin-focus', true);
    const flagged = (await page.evaluateInShadowRoot('html > div', (root) => root.querySelector('.card .flagged')?.textContent ?? '')).replace(/^“|”$/g, '');
    expect(flagged.length).toBeGreaterThan(0);
    const shown = (text: string, present: boolean) =>
      page.waitForFunction((t: string, p: boolean) => {
        const all = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.entries()].filter(([n]) => n !== 'margin-focus' && n !== 'margin-annotation');
        return all.some(([, h]) => [...h].some((r) => r.toString() === t)) === p;
      }, { timeout: 15_000 }, text, present);
    await page.clickInShadowRoot('html > div', 'button[data-choice="1"]');
    await shown(flagged, false);

    const options = await openOptions(b);
    await options.waitForSelector('li[data-dismissed]');
    expect(await options.text('li[data-dismissed] q')).toBe(flagged);
    // Where it is dismissed, and the flag's kind in words (not its rule id).
    expect(await options.text('li[data-dismissed] .hint')).toMatch(/^on one page of .+ · (Attribution|Loaded term|Promotional)$/);
    await options.click('li[data-dismissed] button');
    await shown(flagged, true);
    await waitForStatus(options, 'is shown again');
    await options.click('[data-status] button');
    await shown(flagged, false);
    await options.waitForSelector('li[data-dismissed]');
    // Leave the store as the other tests expect it.
    await options.click('li[data-dismissed] button');
    await shown(flagged, true);
    await options.close();
    await page.close();
  });

  test('asks for persistent storage and says what the browser granted', async () => {
    const options = await openOptions(browser.current);
    await options.waitForSelector('[data-storage]');
    const shown = await options.evaluate(() => document.querySelector('[data-storage]')!.getAttribute('data-storage'));
    const granted = await options.evaluate(() => navigator.storage.persisted());
    expect(shown).toBe(granted ? 'persistent' : 'best-effort');
    // Firefox grants an extension origin without a prompt; Chromium refuses extensions (unlimitedStorage keeps them).
    expect(granted).toBe(name === 'firefox');
    expect(await options.text('[data-storage]')).toMatch(granted ? /stored persistently/ : /did not grant persistent storage/);
    await options.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
