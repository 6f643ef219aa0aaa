// The fast path's text lengths (src/content/extract-page.ts): Readability's `_getInnerText(element).length`, read once
// for a long text and added up from the children's around it.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { innerLength, Page } from '../../src/content/extract-page';

/** Paragraphs with white space of every kind at their seams, long enough together to count as a long text. */
const PARAGRAPHS = Array.from({ length: 150 }, (_, i) => `<p>  Paragraph ${i},\n\n with\u00a0\u00a0runs   of white space, commas, and a <a href="#n">link</a>.  </p>`).join('\n');

function page(): { doc: Document; page: Page } {
  const { document } = parseHTML(`<!doctype html><html><body>
    <div id="outer">  <nav>Home  News </nav>
      <div id="middle"><span>lead-in</span>   <div id="inner">${PARAGRAPHS}</div>tail text<!-- a comment -->  </div>
      <aside>   </aside></div>
  </body></html>`);
  const doc = document as unknown as Document;
  return { doc, page: new Page(doc.body) };
}

/** Counts the reads of one element's textContent (the page's code reads it through the prototype's getter). */
function countReads(element: Element): { reads: number } {
  let proto: object | null = element;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !(descriptor = Object.getOwnPropertyDescriptor(proto, 'textContent'))) proto = Object.getPrototypeOf(proto) as object | null;
  const counter = { reads: 0 };
  Object.defineProperty(element, 'textContent', {
    get() {
      counter.reads++;
      return descriptor!.get!.call(element) as string;
    },
  });
  return counter;
}

describe('Page.length', () => {
  it('is innerLength of textContent for every element, whichever is asked first', () => {
    for (const order of ['inner first', 'outer first'] as const) {
      const { doc, page: p } = page();
      const elements = [...doc.body.querySelectorAll('*')];
      if (order === 'inner first') elements.reverse();
      for (const element of elements) expect(p.length(element), `${order}: ${element.tagName}#${element.id}`).toBe(innerLength(element.textContent ?? ''));
      expect(p.length(doc.body)).toBe(innerLength(doc.body.textContent ?? ''));
    }
  });

  it('reads a long text once: the elements around it add up their children', () => {
    const { doc, page: p } = page();
    const [inner, middle, outer] = ['inner', 'middle', 'outer'].map((id) => doc.getElementById(id)!);
    const expected = [inner, middle, outer].map((element) => innerLength(element!.textContent ?? ''));
    expect((inner!.textContent ?? '').length).toBeGreaterThan(8192);
    const reads = [middle, outer].map((element) => countReads(element!));
    expect([p.length(inner!), p.length(outer!), p.length(middle!)]).toEqual([expected[0], expected[2], expected[1]]);
    expect(reads.map((counter) => counter.reads)).toEqual([0, 0]);
  });
});
