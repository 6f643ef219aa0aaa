// Accessibility in both browsers: axe-core audits the popup, the options page and the flag card with zero serious or
// critical violations, and every control of the options page is reached with the Tab key.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BROWSERS, FIXTURES_DIR, useBrowser, useServer, type PageHandle } from './harness';
import { drawsOwnUnderlines } from './harness/highlights';

const SEED = '/pages/seed-kazakhstan.html';
const UI_HOST = 'html > div';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe in the page and returns its serious and critical violations. The source is evaluated by the driver
 * (CDP / WebDriver BiDi), which extension pages' CSP does not govern: nothing of axe is ever part of the extension.
 */
async function audit(page: PageHandle, include?: string): Promise<Violation[]> {
  await (page.raw as { evaluate: (expression: string) => Promise<unknown> }).evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (selector: string | null) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const context = selector ? { include: [document.querySelector(selector)] } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include ?? null);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function setFile(page: PageHandle, selector: string, path: string): Promise<void> {
  const raw = page.raw as { setInputFiles?: (s: string, p: string) => Promise<void>; $?: (s: string) => Promise<{ uploadFile: (p: string) => Promise<void> } | null> };
  if (raw.setInputFiles) return raw.setInputFiles(selector, path);
  const input = await raw.$!(selector);
  await input!.uploadFile(path);
}

describe.each(BROWSERS)('accessibility: %s', (name) => {
  const server = useServer();
  const browser = useBrowser(name);

  test('the popup on an article has no serious or critical axe violations', async () => {
    const b = browser.current;
    const page = await b.openPage(server.current.url(SEED));
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-loaded'), { timeout: 15_000 });
    const popup = await b.openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`);
    await popup.waitForSelector('.counts');
    // Our size, not the 75% Chromium's own style sheet for extension pages sets on body.
    expect(await popup.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('14px');
    expect(await audit(popup)).toEqual([]);
    // The tab list from the keyboard: only the selected tab is a tab stop, and an arrow key selects the other one.
    expect(await popup.evaluate(() => [...document.querySelectorAll('[role="tab"]')].map((tab) => (tab as HTMLElement).tabIndex))).toEqual([0, -1]);
    await popup.evaluate(() => document.getElementById('tab-page')!.focus());
    await popup.keyboard.press('ArrowRight');
    await popup.waitForSelector('.list-head');
    expect(await popup.evaluate(() => [document.activeElement?.id, document.getElementById('tab-library')!.getAttribute('aria-selected')])).toEqual(['tab-library', 'true']);
    expect(await audit(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  test('the options page, with a pack installed, has no serious or critical violations and every control takes focus from the keyboard', async () => {
    const b = browser.current;
    const options = await b.openExtensionPage('src/options/index.html');
    await options.waitForSelector('input[name="kind-loaded"]');
    await setFile(options, '#pack-file', join(FIXTURES_DIR, 'packs/class-7b.json'));
    await options.waitForSelector('li[data-pack="class-7b"]');
    await options.waitForSelector('table');
    expect(await audit(options)).toEqual([]);

    // Every enabled control is numbered; Tab from the top must visit each (a radio group is one stop: its checked radio).
    const expected = await options.evaluate(() => {
      const controls = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea')].filter((el) => !(el as HTMLInputElement).disabled);
      const wanted: string[] = [];
      controls.forEach((el, i) => {
        el.dataset.focusId = String(i);
        const radio = el as HTMLInputElement;
        if (radio.type === 'radio' && !radio.checked) return;
        wanted.push(String(i));
      });
      (document.activeElement as HTMLElement | null)?.blur();
      return wanted;
    });
    expect(expected.length).toBeGreaterThan(20);
    const reached = new Set<string>();
    for (let press = 0; press < expected.length + 10 && reached.size < expected.length; press++) {
      await options.keyboard.press('Tab');
      const id = await options.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focusId ?? null);
      if (id !== null) reached.add(id);
    }
    const missed = await options.evaluate((ids: string[]) => ids.map((id) => document.querySelector(`[data-focus-id="${id}"]`)?.outerHTML.slice(0, 120)), expected.filter((id) => !reached.has(id)));
    expect(missed).toEqual([]);

    await options.click('li[data-pack="class-7b"] button[aria-label^="Remove"]');
    await options.waitForFunction(() => !document.querySelector('li[data-pack]'), { timeout: 15_000 });
    await options.close();
  });

  test('the flag card has no serious or critical violations', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-loaded'), { timeout: 15_000 });
    await page.keyboard.press('Alt+Shift+KeyN');
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-focus'), { timeout: 15_000 });
    // axe cannot enter a closed shadow root: the card, with its own style sheet, is copied as it is shown into an open
    // root in the same page, and audited there alone.
    const copied = await page.evaluateInShadowRoot(UI_HOST, (root) => {
      const host = document.createElement('div');
      host.id = 'card-under-audit';
      const open = host.attachShadow({ mode: 'open' });
      for (const node of root.childNodes) open.append(node.cloneNode(true));
      document.body.append(host);
      return open.querySelectorAll('.card button').length;
    });
    expect(copied).toBeGreaterThan(0);
    expect(await audit(page, '#card-under-audit')).toEqual([]);
    // The audit sees into the copy: a button without a name added there is reported.
    await page.evaluate(() => document.getElementById('card-under-audit')!.shadowRoot!.querySelector('.card')!.append(document.createElement('button')));
    expect((await audit(page, '#card-under-audit')).map((v) => v.id)).toEqual(['button-name']);
    await page.close();
  });

  test('every flag’s card fits in the window, its buttons in sight, beside its flag and never over it', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-loaded'), { timeout: 15_000 });
    const seen = new Set<string>();
    const readCard = () =>
      page.evaluateInShadowRoot(UI_HOST, (root) => {
        const element = root.querySelector('.card') as HTMLElement | null;
        if (!element?.isConnected) return null;
        const box = element.getBoundingClientRect();
        const last = [...element.querySelectorAll('button')].pop()!.getBoundingClientRect();
        return { line: element.querySelector('.rule')!.textContent!, top: box.top, bottom: box.bottom, lastButton: last.bottom, height: innerHeight };
      }).catch(() => null);
    // Where the flag the card explains is on screen: the range of our focus highlight.
    const flagBox = () =>
      page.evaluate(() => {
        const range = [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('margin-focus') ?? [])][0];
        const box = range?.getBoundingClientRect();
        return box ? { top: box.top, bottom: box.bottom } : null;
      });
    let previous = '';
    for (let step = 0; step < 40; step++) {
      await page.keyboard.press('Alt+Shift+KeyN');
      await expect.poll(async () => (await readCard())?.line ?? previous, { timeout: 5_000 }).not.toBe(previous);
      const card = await readCard();
      previous = card!.line;
      if (seen.has(card!.line)) break;
      seen.add(card!.line);
      expect(card!.top, card!.line).toBeGreaterThanOrEqual(0);
      expect(card!.bottom, card!.line).toBeLessThanOrEqual(card!.height);
      expect(card!.lastButton, card!.line).toBeLessThanOrEqual(card!.height);
      const flag = await flagBox();
      expect(flag, card!.line).not.toBeNull();
      expect(flag!.top, card!.line).toBeGreaterThanOrEqual(0);
      expect(card!.top >= flag!.bottom || card!.bottom <= flag!.top, `${card!.line}: card ${card!.top}-${card!.bottom}, flag ${flag!.top}-${flag!.bottom}`).toBe(true);
    }
    expect(seen.size).toBeGreaterThan(5);
    await page.close();
  });

  test('colour is never the only cue: where the browser paints no ::highlight() underline (Firefox before 146), we draw it under each flag, and it follows a reflow and a box that scrolls', async () => {
    const page = await browser.current.openPage(server.current.url(SEED));
    await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('margin-loaded'), { timeout: 15_000 });
    const drawsOwnLines = await drawsOwnUnderlines(page);
    // Per kind we drew a line for: how many lines, and where the first one starts against the first flag's first line box.
    const ourLines = () =>
      page
        .evaluateInShadowRoot(UI_HOST, (root) =>
          [...root.querySelectorAll('svg.underlines path')].map((path) => {
            const origin = (path as SVGPathElement).ownerSVGElement!.getBoundingClientRect();
            const d = path.getAttribute('d') ?? '';
            const [x, y] = (/^M([\d.-]+) ([\d.-]+)/.exec(d) ?? []).slice(1).map(Number);
            const kind = (path as SVGElement).dataset.kind!;
            const ranges = [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(`margin-${kind}`) ?? [])];
            const box = ranges[0]?.getClientRects()[0];
            return { kind, lines: d.split('M').length - 1, ranges: ranges.length, dx: box ? origin.left + x! - box.left : NaN, dy: box ? origin.top + y! - box.bottom : NaN };
          }),
        )
        .catch(() => []);
    const painted = await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()].map((name) => name.replace('margin-', '')).sort());
    expect(painted).toEqual(['attribution', 'boilerplate', 'loaded']);
    if (!drawsOwnLines) {
      // Chromium (and a newer Firefox) paints highlights.css's underlines itself: nothing of ours is drawn.
      expect(await ourLines()).toEqual([]);
      await page.close();
      return;
    }
    const check = async () => {
      await expect.poll(async () => (await ourLines()).map((line) => line.kind).sort(), { timeout: 5_000 }).toEqual(painted);
      for (const line of await ourLines()) {
        expect(line.lines, line.kind).toBeGreaterThanOrEqual(line.ranges);
        expect(Math.abs(line.dx), line.kind).toBeLessThan(1);
        expect(line.dy, line.kind).toBeLessThanOrEqual(0);
        expect(line.dy, line.kind).toBeGreaterThan(-6);
      }
    };
    await check();
    // A reflow moves the words: the lines follow them.
    const before = (await ourLines()).find((line) => line.kind === 'loaded')!;
    await page.evaluate(() => document.body.style.setProperty('font-size', '28px'));
    await expect.poll(async () => Math.abs((await ourLines()).find((line) => line.kind === 'loaded')!.dx), { timeout: 5_000 }).toBeLessThan(1);
    await check();
    expect((await ourLines()).find((line) => line.kind === 'loaded')!.lines).toBeGreaterThanOrEqual(before.ranges);

    // The article in a box that scrolls on its own: each loaded term's line box that can be seen in the box has its
    // wavy line, cut to the box, and nothing is drawn for the words scrolled out of it.
    await page.evaluate(() => {
      const box = document.querySelector('main')!;
      box.style.setProperty('height', '300px');
      box.style.setProperty('overflow', 'auto');
    });
    const inScrollBox = () =>
      page.evaluateInShadowRoot(UI_HOST, (root) => {
        const main = document.querySelector('main')!.getBoundingClientRect();
        const path = root.querySelector('svg.underlines path[data-kind="loaded"]') as SVGPathElement | null;
        const origin = path?.ownerSVGElement?.getBoundingClientRect();
        // Where each wavy line starts (x, and y of its lowest point, on the line box's bottom), on screen.
        const drawn = [...(path?.getAttribute('d') ?? '').matchAll(/M([\d.-]+) ([\d.-]+)/g)].map((m) => `${Math.round(origin!.left + Number(m[1]))},${Math.round(origin!.top + Number(m[2]) + 2.5)}`);
        const ranges = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('margin-loaded')!];
        const seen = ranges.flatMap((range) => [...range.getClientRects()].filter((b) => b.width > 0 && b.bottom > main.top && b.bottom <= main.bottom).map((b) => `${Math.round(b.left)},${Math.round(b.bottom)}`));
        return { drawn: drawn.sort(), seen: seen.sort(), all: ranges.length };
      });
    // The box scrolled so that the first loaded term, then the last one, is 100 px from its top.
    for (const which of ['first', 'last']) {
      await page.evaluate((last: boolean) => {
        const main = document.querySelector('main')!;
        const ranges = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('margin-loaded')!];
        const term = ranges[last ? ranges.length - 1 : 0]!.getBoundingClientRect();
        main.scrollBy(0, term.top - main.getBoundingClientRect().top - 100);
      }, which === 'last');
      await expect.poll(async () => (await inScrollBox()).drawn, { timeout: 5_000 }).toEqual((await inScrollBox()).seen);
      const { seen, all } = await inScrollBox();
      expect(seen.length, which).toBeGreaterThan(0);
      expect(seen.length, which).toBeLessThan(all);
    }
    await page.close();
  });

  test('nothing left 127.0.0.1', () => {
    browser.current.network.assertNoExternalRequests();
  });
});
