// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { TextMap } from '../../src/content/text-map';

function mount(html: string): HTMLElement {
  document.body.innerHTML = html; // test-only markup, never page or user text
  return document.body.firstElementChild as HTMLElement;
}

describe('TextMap', () => {
  it('collapses white space, separates blocks with newlines and skips what is not article text', () => {
    const root = mount(`<article><h1>  Title\n here </h1><p>One   <em>two</em>\u00a0three.</p><nav>Menu</nav><p>Four<span hidden>x</span> five\u00ad.</p><textarea>typed</textarea><div contenteditable="true">draft</div></article>`);
    expect(TextMap.build(root).text).toBe('Title here\nOne two three.\nFour five.');
  });

  it('maps text offsets to ranges and ranges back to the same offsets', () => {
    const root = mount('<article><p>Protests were <b>quickly hijacked</b> by radical elements.</p><p>Second   paragraph here.</p></article>');
    const map = TextMap.build(root);
    const cases: Array<[string, string]> = [
      ['hijacked', 'hijacked'],
      ['quickly hijacked', 'quickly hijacked'],
      ['radical elements', 'radical elements'],
      ['Second paragraph', 'Second   paragraph'],
      ['elements.\nSecond', 'elements.Second'],
    ];
    for (const [text, domText] of cases) {
      const start = map.text.indexOf(text);
      const range = map.rangeFor(start, start + text.length)!;
      expect(range.toString()).toBe(domText);
      expect(map.offsetsOfRange(range)).toEqual({ start, end: start + text.length });
    }
  });

  it('returns null for offsets outside the text', () => {
    const map = TextMap.build(mount('<article><p>Short.</p></article>'));
    expect(map.rangeFor(-1, 2)).toBeNull();
    expect(map.rangeFor(2, 99)).toBeNull();
    expect(map.rangeFor(3, 3)).toBeNull();
  });
});
