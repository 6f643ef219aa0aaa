// Long work in slices (src/content/slicer.ts): the task clock's accounting, and the extraction and the text map yielding
// at every chance they have and still reading exactly what they read in one go, on our fixtures and, where the folder
// is present, on the reference pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findArticle, findArticleSteps } from '../../src/content/extract';
import { TaskClock, type Slicer } from '../../src/content/slicer';
import { TextMap } from '../../src/content/text-map';

const FIXTURES = join(__dirname, '../fixtures');
const REFERENCE_PAGES = join(__dirname, '../../../shared/pages/readability');

function load(file: string): Document {
  return parseHTML(readFileSync(file, 'utf8')).document as unknown as Document;
}

/** Runs sliced work to its end, counting its slices. */
function count<T>(steps: Generator<unknown, T, void>): { value: T; slices: number } {
  for (let slices = 1; ; slices++) {
    const step = steps.next();
    if (step.done) return { value: step.value, slices };
  }
}

/** Yields wherever the extraction and the text map ask, and counts the slices. */
function sliced(doc: Document): { text: string | null; slices: number; extractionSlices: number } {
  const always: Slicer = { due: () => true };
  const extraction = count(findArticleSteps(doc, undefined, always));
  const article = extraction.value;
  if (!article) return { text: null, slices: extraction.slices, extractionSlices: extraction.slices };
  const map = count(TextMap.buildSteps(article.root, article.skip, Infinity, always));
  return { text: map.value.text, slices: extraction.slices + map.slices, extractionSlices: extraction.slices };
}

function whole(doc: Document): string | null {
  const found = findArticle(doc);
  return found ? TextMap.build(found.root, found.skip).text : null;
}

describe('TaskClock', () => {
  it('counts time inside tasks only, the longest task, and says a slice is due after its share', () => {
    let time = 0;
    const clock = new TaskClock(() => time, 12);
    expect(clock.due()).toBe(false); // no task running
    clock.startTask();
    time += 5;
    expect(clock.due()).toBe(false);
    time += 7;
    expect(clock.due()).toBe(true);
    expect(clock.busy()).toBe(12);
    clock.endTask();
    time += 100; // the page's time between our tasks
    expect(clock.busy()).toBe(12);
    clock.startTask();
    time += 3;
    clock.endTask();
    expect(clock).toMatchObject({ tasks: 2, longestMs: 12 });
    expect(clock.busy()).toBe(15);
  });

  it('reads the page\'s clock by default', () => {
    const clock = new TaskClock();
    const before = performance.now();
    clock.startTask();
    while (performance.now() - before < 2) {
      // a task of at least 2 ms
    }
    expect(clock.due()).toBe(false);
    clock.endTask();
    expect(clock.busy()).toBeGreaterThanOrEqual(1.5);
    expect(clock.busy()).toBeLessThan(1_000);
  });
});

describe('sliced extraction and text map', () => {
  const fixtures = [
    join(FIXTURES, 'pages', 'seed-kazakhstan.html'),
    ...readdirSync(join(FIXTURES, 'extraction')).map((name) => join(FIXTURES, 'extraction', name)),
  ];

  it.each(fixtures)('yields and still finds the same article: %s', (file) => {
    const expected = whole(load(file));
    const { text, slices } = sliced(load(file));
    expect(text).toBe(expected);
    if (expected !== null) expect(slices).toBeGreaterThan(3);
  });

  it.runIf(existsSync(REFERENCE_PAGES))('yields and still finds the same article on the reference pages', () => {
    const names = readdirSync(REFERENCE_PAGES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    let found = 0;
    for (const name of names) {
      const file = join(REFERENCE_PAGES, name, 'source.html');
      const expected = whole(load(file));
      expect(sliced(load(file)).text, name).toBe(expected);
      if (expected) found++;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('yields inside a deep subtree too, not only near the article’s blocks', () => {
    // A reference list five levels below its block, as Wikipedia nests them: 2,000 entries the clean-up walk visited
    // without a look at the clock (Firefox: 43-57 ms between two checks on wikipedia-4 and bug-1255978).
    const paragraphs = Array.from({ length: 20 }, (_, i) => `<p>Paragraph ${i} says, at some length, what the article is about, and then it goes on, with a few more words, and commas, for a reader who wants the whole story.</p>`).join('');
    const page = (entries: number) => {
      const references = Array.from({ length: entries }, (_, i) => `<span>Reference ${i}, a source cited, with its page.</span> `).join('');
      return parseHTML(`<html><body><div id="main"><div class="content">${paragraphs}<div><div><div><div><div>${references}</div></div></div></div></div></div></div></body></html>`)
        .document as unknown as Document;
    };
    const doc = page(2_000);
    const expected = whole(doc);
    const { text, extractionSlices } = sliced(doc);
    expect(text).toBe(expected);
    expect(text).toContain('Reference 1999');
    // The clean-up walk looks at the clock every 64 deep nodes: at least one slice more per 64 entries than the same
    // page with a single entry (the other loops of the extraction do not visit them one by one).
    expect(extractionSlices - sliced(page(1)).extractionSlices).toBeGreaterThan(2_000 / 64);
  });

  it('yields inside a block that holds the whole article, not only between blocks', () => {
    // One wrapper holding every paragraph: the clean-up walk of that one block used to be a single slice, as long as
    // the article (the longest tasks on page-wide articles). Every paragraph is scored in a slice of its own, and now
    // visited by the clean-up in one too: about twice as many slices as paragraphs.
    const paragraphs = Array.from(
      { length: 300 },
      (_, i) =>
        `<p>Paragraph ${i} says, at some length, what the article is about, with a <a href="/n${i}">link</a>, and then it goes on, ` +
        'for a reader who wants the whole story, with a few more words, and commas, and clauses.</p>',
    ).join('');
    const doc = parseHTML(`<html><body><nav><a href="/">Home</a></nav><div id="main"><div class="wrapper">${paragraphs}</div></div></body></html>`)
      .document as unknown as Document;
    const expected = whole(doc);
    const { text, slices } = sliced(doc);
    expect(text).toBe(expected);
    expect(text).toContain('Paragraph 299');
    expect(slices).toBeGreaterThan(2 * 300);
  });
});
