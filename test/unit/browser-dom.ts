// Documents for the tests that run in a browser-like DOM (happy-dom): from HTML text, or from a saved extraction page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXTRACTION_FIXTURES = join(__dirname, '../fixtures/extraction');

export function documentFrom(html: string): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = html.replace(/^<!doctype html>\s*<html[^>]*>|<\/html>\s*$/gi, ''); // test-only markup
  return doc;
}

/** A page of test/fixtures/extraction. */
export function extractionFixture(name: string): Document {
  return documentFrom(readFileSync(join(EXTRACTION_FIXTURES, name), 'utf8'));
}
