// The look every page gets (src/content/extract-gate.ts): a page it turns down never loads the extraction proper, so
// it must never turn down a page where the extraction would find an article. On our fixtures and, where the folder is
// present, on the reference pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findArticle } from '../../src/content/extract';
import { lightSearch, mayHoldArticle } from '../../src/content/extract-gate';

const FIXTURES = join(__dirname, '../fixtures');
const REFERENCE_PAGES = join(__dirname, '../../../shared/pages/readability');

function load(file: string): Document {
  return parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;
}

/** Whether the gate lets the page through, and whether the extraction finds an article there. */
function verdicts(file: string): { mayHold: boolean; found: boolean } {
  const doc = load(file);
  return { mayHold: mayHoldArticle(doc, lightSearch(doc)), found: findArticle(load(file)) !== null };
}

describe('mayHoldArticle', () => {
  const fixtures = [
    ...readdirSync(join(FIXTURES, 'pages')).filter((name) => name.endsWith('.html')).map((name) => join(FIXTURES, 'pages', name)),
    ...readdirSync(join(FIXTURES, 'extraction')).map((name) => join(FIXTURES, 'extraction', name)),
  ];

  it.each(fixtures)('lets through every page with an article: %s', (file) => {
    const { mayHold, found } = verdicts(file);
    if (found) expect(mayHold).toBe(true);
  });

  it.runIf(existsSync(REFERENCE_PAGES))('lets through every reference page with an article, and turns down the ones without', () => {
    const names = readdirSync(REFERENCE_PAGES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const turnedDown: string[] = [];
    const notArticles: string[] = [];
    for (const name of names) {
      const { mayHold, found } = verdicts(join(REFERENCE_PAGES, name, 'source.html'));
      if (found) expect(mayHold, name).toBe(true);
      if (!mayHold) turnedDown.push(name);
      const metadata = JSON.parse(readFileSync(join(REFERENCE_PAGES, name, 'expected-metadata.json'), 'utf8')) as { readerable?: boolean };
      if (metadata.readerable === false) notArticles.push(name);
    }
    // The pages Readability's test suite marks as no article are declined here, without the extraction.
    expect(notArticles.length).toBeGreaterThan(0);
    expect(turnedDown).toEqual(notArticles);
  });
});
