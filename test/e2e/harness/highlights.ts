// Reading our highlights from a page, as a page script could: the CSS Custom Highlight registry.
import { paintsHighlightDecorations } from '../../../src/content/underline-overlay';
import type { PageHandle } from './types';

export type HighlightTexts = Record<string, string[]>;

/** Every registered highlight by name, with the text of each of its ranges. */
export function readHighlightTexts(page: PageHandle): Promise<HighlightTexts> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, highlight] of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights) out[name] = [...highlight].map((r) => r.toString());
    return out;
  });
}

/** Waits until the highlight `name` is registered (or, with present = false, until it is gone). */
export function waitForHighlightName(page: PageHandle, name: string, present = true): Promise<void> {
  return page.waitForFunction(
    (n: string, p: boolean) => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.has(n) === p,
    { timeout: 15_000 },
    name,
    present,
  );
}

/** Waits until some highlight paints a range whose text is exactly `text`. */
export function waitForPaintedText(page: PageHandle, text: string): Promise<void> {
  return page.waitForFunction(
    (t: string) => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].some((h) => [...h].some((r) => r.toString() === t)),
    { timeout: 15_000 },
    text,
  );
}

/** Whether our content script draws the highlights' underlines itself in this page's browser (Firefox before 146). */
export async function drawsOwnUnderlines(page: PageHandle): Promise<boolean> {
  return !paintsHighlightDecorations(await page.evaluate(() => navigator.userAgent));
}
