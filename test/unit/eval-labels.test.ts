// Lints the hand labels of test/fixtures/labels/: shape, one file per page, and every label locatable in the article
// text the extension analyses (when ../shared/pages/readability and the seed are present beside the repository).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleTextOf, locateLabels, pageSource, pageTextOf, parseLabelFile, SEED_PAGE } from '../../scripts/eval-detection';

const LABELS = fileURLToPath(new URL('../fixtures/labels/', import.meta.url));
const PAGES = fileURLToPath(new URL('../../../shared/pages/readability/', import.meta.url));
const SEED = fileURLToPath(new URL('../../../shared/seeds/000_4e4b098dba0c21ca.txt', import.meta.url));
const files = readdirSync(LABELS).filter((name) => name.endsWith('.json')).sort();
const pagesPresent = existsSync(PAGES);
const seedPresent = existsSync(SEED);

describe('label files', () => {
  it('cover the seed and at least 25 readability pages', () => {
    expect(files).toContain(`${SEED_PAGE}.json`);
    expect(files.filter((name) => name !== `${SEED_PAGE}.json`).length).toBeGreaterThanOrEqual(25);
  });

  it.each(files)('%s has the documented shape and names its own page', (name) => {
    const labels = parseLabelFile(JSON.parse(readFileSync(`${LABELS}${name}`, 'utf8')), name);
    expect(`${labels.page}.json`).toBe(name);
    expect(labels.note.length, 'the note says what kind of article it is and the debatable calls').toBeGreaterThan(40);
    // A label is text a reader wrote down: never an empty string, never an offset.
    for (const a of labels.attributions) expect(a.context, a.source).toContain(a.source);
    for (const l of labels.loaded) expect(l.context, l.term).toContain(l.term);
  });
});

if (!pagesPresent || !seedPresent) {
  console.warn(
    `eval-labels: ${[!pagesPresent && `pages folder ${PAGES}`, !seedPresent && `seed ${SEED}`].filter(Boolean).join(' and ')} not found: skipping the check that every label is locatable in its article.`,
  );
}

describe.each(files.filter((name) => (name === `${SEED_PAGE}.json` ? seedPresent : pagesPresent)))('labels of %s', (name) => {
  it('are all found in the article text (or on the page, outside the article), in order, each at a distinct place', () => {
    const labels = parseLabelFile(JSON.parse(readFileSync(`${LABELS}${name}`, 'utf8')), name);
    const file = pageSource(labels.page, PAGES, SEED);
    expect(file, `no page folder ${labels.page} in ${PAGES}`).toBeDefined();
    const text = articleTextOf(file!);
    expect(text, 'the extraction finds an article on the page').not.toBeNull();
    const located = locateLabels(labels, text!, pageTextOf(file!));
    expect(located.errors).toEqual([]);
    // Labels on the page but outside what the extraction keeps are allowed (not scored), but never most of them.
    const total = labels.attributions.length + labels.boilerplate.length + labels.loaded.length;
    expect(located.outside.length, located.outside.join('; ')).toBeLessThanOrEqual(Math.max(4, total / 4));
    const places = (spans: { start: number; end: number }[]) => new Set(spans.map((s) => `${s.start}:${s.end}`)).size;
    expect(places(located.attributions), 'two attribution labels on the same words').toBe(located.attributions.length);
    expect(places(located.loaded), 'two loaded labels on the same words').toBe(located.loaded.length);
    expect(new Set(located.boilerplate).size, 'two boilerplate labels on the same block').toBe(located.boilerplate.length);
  });
});
