// The classroom round trip in both browsers: a teacher writes an assignment and saves it as a file; two students
// import it, annotate the article with its labels and hand in their work as files; the teacher merges both files and
// sees, per passage, who labelled it how (each view audited with axe-core). Then the extension in German: a German article is analysed with the German
// pack, and the popup speaks German.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BROWSERS, useBrowser, useServer, type ExtensionBrowser, type PageHandle } from './harness';
import { readHighlightTexts, waitForHighlightName } from './harness/highlights';

const ARTICLE = '/pages/seed-kazakhstan.html';
const UI_HOST = 'html > div';
/** Ada marks this passage; Bob marks an overlapping one, so the two land in one passage of the merge view. */
const ADA_QUOTE = 'virtual conference on the turbulent situation in Kazakhstan';
const BOB_QUOTE = 'conference on the turbulent situation';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on our page (axe is evaluated by the driver, never part of the extension). */
async function seriousViolations(page: PageHandle): Promise<string[]> {
  await (page.raw as { evaluate: (expression: string) => Promise<unknown> }).evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** Puts files into a file input as a user picking them would (playwright: setInputFiles; puppeteer: uploadFile). */
async function setFiles(page: PageHandle, selector: string, paths: string[]): Promise<void> {
  const raw = page.raw as { setInputFiles?: (s: string, p: string[]) => Promise<void>; $?: (s: string) => Promise<{ uploadFile: (...p: string[]) => Promise<void> } | null> };
  if (raw.setInputFiles) return raw.setInputFiles(selector, paths);
  const input = await raw.$!(selector);
  await input!.uploadFile(...paths);
}

const classroom = (b: ExtensionBrowser, view: 'assignment' | 'create' | 'merge') => b.openExtensionPage(`src/classroom/index.html?view=${view}`);

/** One student's session: annotate the article with the given labels (from the editor's assignment labels), hand in. */
async function studentWork(b: ExtensionBrowser, articleUrl: string, quote: string, labels: string[], student: string): Promise<string> {
  const page = await b.openPage(articleUrl);
  await waitForHighlightName(page, 'margin-loaded');
  expect(await page.selectText('article', quote)).toBe(quote);
  await page.clickInShadowRoot(UI_HOST, 'button.annotate');
  const editor = await page.extensionFrame('src/editor/index.html');
  await editor.waitForSelector('label.tag.required');
  // The assignment's labels come first in the editor, marked as the assignment's.
  const offered = await editor.evaluate(() => [...document.querySelectorAll('fieldset label.tag')].map((l) => [l.textContent?.trim(), l.classList.contains('required')]));
  expect(offered.slice(0, 2)).toEqual([['attribution', true], ['anonymous source', true]]);
  // By keyboard, as a reader can: focus a label's checkbox, Space ticks it, Ctrl+Enter saves.
  for (const label of labels) {
    await editor.evaluate((i: number) => (document.querySelectorAll('fieldset label.tag input')[i] as HTMLInputElement).focus(), offered.findIndex(([text]) => text === label));
    await page.keyboard.press(' ');
  }
  expect(await editor.evaluate(() => [...document.querySelectorAll('fieldset label.tag')].filter((l) => l.querySelector('input')?.checked).map((l) => l.textContent?.trim()))).toEqual(labels);
  await page.keyboard.press('Control+Enter');
  await waitForHighlightName(page, 'margin-annotation');
  await page.close();

  const hand = await classroom(b, 'assignment');
  await hand.waitForSelector('[data-assignment]');
  await hand.fill('input[name="student"]', student);
  await hand.click('#view-assignment form button[type="submit"]');
  const file = await b.waitForDownload(new RegExp(`-${student.toLowerCase()}\\.json$`));
  await hand.waitForSelector('#view-assignment .status');
  expect(await hand.text('#view-assignment .status')).toContain(file.name);
  await hand.close();
  return file.path;
}

/** Deletes every note from "All notes", so the next student starts from an empty store in the same profile. */
async function clearNotes(b: ExtensionBrowser): Promise<void> {
  const library = await b.openExtensionPage('src/popup/index.html?tab=1&view=library');
  await library.waitForSelector('button[data-action="delete-shown"]');
  await library.click('button[data-action="delete-shown"]');
  // One note goes at once; more wait for the reader's confirmation.
  await library.waitForFunction(() => document.querySelector('button[data-action="delete-confirmed"]') !== null || /^0 of 0 notes/.test(document.querySelector('.list-head')?.textContent ?? ''));
  if (await library.evaluate(() => document.querySelector('button[data-action="delete-confirmed"]') !== null)) await library.click('button[data-action="delete-confirmed"]');
  await library.waitForFunction(() => /^0 of 0 notes/.test(document.querySelector('.list-head')?.textContent ?? ''));
  await library.close();
}

describe.each(BROWSERS)('classroom: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('assignment out, two students’ work in, merged by passage with agreement counts, merged set out', async () => {
    const b = browser.current;
    const articleUrl = server.current.url(ARTICLE);

    // Teacher: a new assignment, saved as a file.
    const create = await classroom(b, 'create');
    await create.waitForSelector('input[name="title"]');
    await create.fill('input[name="title"]', 'Who says so?');
    await create.fill('textarea[name="instructions"]', 'Mark every attribution. Is the source named?');
    await create.fill('textarea[name="labels"]', 'attribution\nanonymous source');
    await create.fill('textarea[name="articles"]', articleUrl);
    // A look at another tab loses nothing written here.
    await create.click('#tab-merge');
    await create.click('#tab-create');
    expect(await create.evaluate(() => (document.querySelector('input[name="title"]') as HTMLInputElement).value)).toBe('Who says so?');
    expect(await seriousViolations(create)).toEqual([]);
    await create.click('#view-create button[type="submit"]');
    const assignmentFile = await b.waitForDownload(/^assignment-who-says-so\.json$/);
    const assignment = JSON.parse(readFileSync(assignmentFile.path, 'utf8'));
    expect(assignment).toMatchObject({ format: 'margin-assignment', title: 'Who says so?', labels: ['attribution', 'anonymous source'], articles: [{ url: articleUrl }] });
    await create.close();

    // Student: imports the file and sees the instructions, the article as a link and the labels.
    const student = await classroom(b, 'assignment');
    await student.waitForSelector('#view-assignment input[type="file"]');
    await setFiles(student, '#view-assignment input[type="file"]', [assignmentFile.path]);
    await student.waitForSelector('[data-assignment]');
    expect(await student.text('[data-assignment]')).toMatch(/Who says so\?[^]*Is the source named\?[^]*attribution[^]*anonymous source/);
    expect(await student.evaluate(() => [...document.querySelectorAll('[data-assignment] a')].map((a) => (a as HTMLAnchorElement).href))).toEqual([articleUrl]);
    expect(await seriousViolations(student)).toEqual([]);
    // One press removes it, and Undo puts it back (the students below find its labels in the note editor).
    await student.click('button[data-action="remove-assignment"]');
    await student.waitForFunction(() => document.querySelector('[data-assignment]') === null);
    expect(await student.text('#view-assignment [data-status]')).toBe('Assignment “Who says so?” removed. Undo');
    await student.click('#view-assignment [data-status] button');
    await student.waitForSelector('[data-assignment]');
    await student.close();

    // Two students in turn, in the same profile: the store is emptied between them, the assignment stays.
    const ada = await studentWork(b, articleUrl, ADA_QUOTE, ['attribution'], 'Ada');
    await clearNotes(b);
    const bob = await studentWork(b, articleUrl, BOB_QUOTE, ['attribution', 'anonymous source'], 'Bob');
    expect(JSON.parse(readFileSync(ada, 'utf8'))).toMatchObject({ 'margin:student': 'Ada', 'margin:assignment': { id: assignment.id }, total: 1 });

    // Teacher: both files into the merge view.
    const merge = await classroom(b, 'merge');
    await merge.waitForSelector('#view-merge input[type="file"]');
    await setFiles(merge, '#view-merge input[type="file"]', [ada, bob]);
    await merge.waitForSelector('tr[data-passage]');
    const rows = await merge.evaluate(() =>
      [...document.querySelectorAll('tr[data-passage]')].map((row) => ({
        marked: row.getAttribute('data-marked'),
        agreeing: row.getAttribute('data-agreeing'),
        who: [...row.querySelectorAll('[data-student]')].map((li) => li.textContent?.trim()),
        labels: [...row.querySelectorAll('[data-label]')].map((li) => [li.getAttribute('data-label'), li.getAttribute('data-count')]),
        agreement: row.querySelector('.agreement strong')?.textContent,
      })),
    );
    expect(rows).toEqual([
      {
        marked: '2',
        agreeing: '2',
        who: ['Ada: attribution', 'Bob: attribution, anonymous source'],
        labels: [['attribution', '2'], ['anonymous source', '1']],
        agreement: '2 of 2 agree',
      },
    ]);
    expect(await merge.text('[data-students]')).toBe('2 students: Ada, Bob');
    expect(await seriousViolations(merge)).toEqual([]);
    // A file that is no student's work is refused in words, and the merge keeps what it had.
    await setFiles(merge, '#view-merge input[type="file"]', [assignmentFile.path]);
    await merge.waitForSelector('#view-merge .status.error');
    expect(await merge.text('#view-merge .status.error span')).toBe('The file was not added:');
    expect(await merge.text('#view-merge .status.error li')).toMatch(/^assignment-who-says-so\.json: ./);
    expect(await merge.text('[data-students]')).toBe('2 students: Ada, Bob');

    await merge.click('#view-merge button.primary');
    const mergedFile = await b.waitForDownload(/^who-says-so-merged\.json$/);
    const merged = JSON.parse(readFileSync(mergedFile.path, 'utf8'));
    expect(merged).toMatchObject({ format: 'margin-merged', assignment: { id: assignment.id }, students: ['Ada', 'Bob'] });
    expect(merged.passages).toHaveLength(1);
    expect(merged.passages[0].labels).toEqual([
      { label: 'attribution', count: 2, students: ['Ada', 'Bob'] },
      { label: 'anonymous source', count: 1, students: ['Bob'] },
    ]);
    expect(merged.passages[0].marks.map((m: { student: string; labels: string[] }) => [m.student, m.labels])).toEqual([
      ['Ada', ['attribution']],
      ['Bob', ['attribution', 'anonymous source']],
    ]);
    await merge.close();
    b.network.assertNoExternalRequests();
  });
});

/**
 * Headless Chromium ships only en-US resources, but `--lang=de` still makes it choose an extension's German messages.
 * Firefox picks an extension's locale from its own app locale, which can only be one it has a language pack for: the
 * test installs an empty German language pack (written here, nothing downloaded), requests "de", and reinstalls the
 * extension so that it starts under the new locale.
 */
function germanOptions(name: string) {
  return name === 'chromium' ? { args: ['--lang=de'] } : { prefs: { 'intl.locale.requested': 'de', 'intl.locale.matchOS': false, 'extensions.langpacks.signatures.required': false } };
}

/** The text of the card of the page's first flag, opened by keyboard. */
async function firstFlagCard(page: PageHandle): Promise<string> {
  await page.bringToFront();
  await page.keyboard.press('Alt+Shift+KeyN');
  await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-focus'), { timeout: 10_000 });
  return page.evaluateInShadowRoot(UI_HOST, (root) => root.querySelector('.card')?.textContent ?? '');
}

/** The language packs' folders, removed once every browser that installed one has closed. */
const langpackDirs: string[] = [];
afterAll(() => {
  for (const dir of langpackDirs) rmSync(dir, { recursive: true, force: true });
});

async function switchFirefoxToGerman(b: ExtensionBrowser): Promise<void> {
  // The harness has no API for a second add-on; its puppeteer browser does (webExtension.install over BiDi).
  const driver = (b as unknown as { driver: { installExtension(path: string): Promise<string>; version(): Promise<string> } }).driver;
  const version = /(\d+)\.(\d+)/.exec(await driver.version())!;
  const dir = mkdtempSync(join(tmpdir(), 'margin-langpack-'));
  langpackDirs.push(dir);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 2,
      name: 'Deutsch (test language pack, empty)',
      version: `${version[1]}.${version[2]}`,
      langpack_id: 'de',
      languages: { de: { chrome_resources: {}, version: '1' } },
      sources: { browser: { base_path: 'browser/' } },
      browser_specific_settings: { gecko: { id: 'langpack-de@margin.test', strict_min_version: `${version[1]}.0`, strict_max_version: `${version[1]}.*` } },
    }),
  );
  await driver.installExtension(dir);
  await driver.installExtension(b.extensionPath);
}

describe.each(BROWSERS)('in German: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name, germanOptions(name));

  test('a German article is flagged with the German pack, the popup and flag card speak German, and explain an English article in German', async () => {
    const b = browser.current;
    if (name === 'firefox') await switchFirefoxToGerman(b);
    const page = await b.openPage(server.current.url('/de/strassenbahn.html'));
    await waitForHighlightName(page, 'margin-attribution');
    const highlights = await readHighlightTexts(page);
    expect(highlights['margin-attribution']).toEqual(expect.arrayContaining(['Laut den Verkehrsbetrieben', 'zufolge', 'Die Verkehrsbetriebe teilten mit']));
    expect(highlights['margin-loaded']).toEqual(expect.arrayContaining(['Milliardengrab', 'Verkehrschaos', 'Angeblich']));
    expect(highlights['margin-boilerplate']).toEqual(['Mehr zum Thema: Neue Radwege für die Innenstadt', 'Folgen Sie uns auf Instagram und Facebook.']);

    const popup = await b.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
    await popup.waitForSelector('.counts');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await popup.text('nav.tabs')).toBe('Diese SeiteAlle Notizen');
    expect(await popup.text('.counts')).toMatch(/Zuschreibungen[^]*Wertende Begriffe[^]*Ihre Notizen/);
    expect(await popup.text('footer')).toContain('nur auf diesem Gerät gespeichert');
    expect(await popup.text('#view')).toContain('Worauf sich die Aussagen stützen');
    // The outlet the article cites, with its rationale and owner in German (the table's English otherwise).
    expect(await popup.text('#view [data-outlet="deutsche-presse-agentur"]')).toMatch(
      /^Deutsche Presse-Agentur \(Nachrichtenagentur, Deutschland, Eigentümer: .+\) — nicht bewertet\. Größte Nachrichtenagentur Deutschlands/,
    );
    await popup.close();

    // The flag card on the page: kind and buttons in German, the explanation from the German pack.
    const card = await firstFlagCard(page);
    expect(card).toContain('Zuschreibung');
    expect(card).toContain('Bestätigen');
    expect(card).toMatch(/Fragen:/);

    // An English article in a German browser: the explanations are German, the flagged words and the advice's words English.
    const english = await b.openPage(server.current.url('/pages/seed-kazakhstan.html'));
    await waitForHighlightName(english, 'margin-loaded');
    const englishCard = await firstFlagCard(english);
    expect(englishCard).toContain('“hijacked”');
    expect(englishCard).toContain('„Hijacked“ behauptet, eine Bewegung sei von Außenstehenden übernommen worden');
    expect(englishCard).toMatch(/Stattdessen: [a-z]/);
    await english.close();
    await page.bringToFront();

    // The note editor offers its built-in labels in German.
    await page.keyboard.press('Escape');
    expect(await page.selectText('article', 'Der Rat soll im März endgültig entscheiden.')).toBe('Der Rat soll im März endgültig entscheiden.');
    await page.clickInShadowRoot(UI_HOST, 'button.annotate');
    const editor = await page.extensionFrame('src/editor/index.html');
    await editor.waitForSelector('fieldset label.tag');
    expect(await editor.evaluate(() => [...document.querySelectorAll('fieldset label.tag')].map((l) => l.textContent?.trim()))).toEqual([
      'wertende Sprache', 'Behauptung ohne Quelle', 'Zuschreibung', 'Werbeeinschub', 'Frage',
    ]);

    // The teacher's form, sent empty, says what is missing in German.
    const create = await classroom(b, 'create');
    await create.waitForSelector('input[name="title"]');
    await create.click('#view-create button[type="submit"]');
    await create.waitForSelector('#view-create .status');
    expect(await create.text('#view-create .status')).toMatch(/Die Aufgabe braucht einen Titel\.[^]*mindestens ein Schlagwort[^]*mindestens einen Artikel/);
    await create.close();
    b.network.assertNoExternalRequests();
  });
});
