// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isSkipped, TextMap } from '../../src/content/text-map';

function mount(html: string): HTMLElement {
  document.body.innerHTML = html; // test-only markup, never page or user text
  return document.body.firstElementChild as HTMLElement;
}

describe('TextMap', () => {
  it('collapses white space, separates blocks with newlines and skips what is not article text', () => {
    const root = mount(`<article><h1>  Title\n here </h1><p>One   <em>two</em>\u00a0three.</p><nav>Menu</nav><p>Four<span hidden>x</span> five\u00ad.</p><textarea>typed</textarea><div contenteditable="true">draft</div></article>`);
    expect(TextMap.build(root).text).toBe('Title here\nOne two three.\nFour five.');
  });

  it('stops reading at the node that takes the text past its limit, and says so', () => {
    const root = mount('<article><p>One two.</p><p>Three <b>four</b> five.</p><p>Six.</p></article>');
    const whole = TextMap.build(root);
    expect([whole.text, whole.truncated]).toEqual(['One two.\nThree four five.\nSix.', false]);
    const cut = TextMap.build(root, undefined, 12);
    expect([cut.text, cut.truncated]).toEqual(['One two.\nThree', true]);
    expect(cut.rangeFor(9, 14)?.toString()).toBe('Three');
    expect(TextMap.build(root, undefined, whole.text.length).truncated).toBe(false);
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

  it('breaks the line at a skipped block (a menu, a form) between two words, which would else run together', () => {
    expect(TextMap.build(mount('<article><div>The mayor said<nav><a href="#">Home</a></nav>the plan works</div></article>')).text).toBe('The mayor said\nthe plan works');
    expect(TextMap.build(mount('<article><div>Sign up<form><input></form>today</div></article>')).text).toBe('Sign up\ntoday');
  });

  it('maps a span that ends or starts on the separator between two blocks', () => {
    const map = TextMap.build(mount('<article><p>One two.</p><p>Three four.</p></article>'));
    expect(map.text).toBe('One two.\nThree four.');
    // A re-anchored passage can end on the line break (its paragraph was split): it is painted up to the last word.
    expect(map.rangeFor(0, 9)?.toString()).toBe('One two.');
    expect(map.rangeFor(8, 14)?.toString()).toBe('Three');
  });

  it('builds in slices, yielding between nodes when the task has run its share, to the same map', () => {
    const root = mount(`<article>${Array.from({ length: 400 }, (_, i) => `<p>Paragraph <b>${i}</b> of <i>many</i>.</p>`).join('')}</article>`);
    const whole = TextMap.build(root);
    const steps = TextMap.buildSteps(root, isSkipped, Infinity, { due: () => true });
    let slices = 1;
    let step = steps.next();
    for (; !step.done; step = steps.next()) slices++;
    expect(step.value.text).toBe(whole.text);
    expect(step.value.rangeFor(whole.text.indexOf('399'), whole.text.indexOf('399') + 3)?.toString()).toBe('399');
    // 400 paragraphs of 7 nodes: a clock check every 64 nodes.
    expect(slices).toBeGreaterThan(40);
  });

  it('ends a sliced walk where the page took the next node away, and never walks out of the article', () => {
    const build = (html: string, change: (root: HTMLElement) => void) => {
      const root = mount(html);
      const steps = TextMap.buildSteps(root, isSkipped, Infinity, { due: () => true });
      let step = steps.next();
      let changed = false;
      for (; !step.done; step = steps.next()) {
        if (!changed) change(root);
        changed = true;
      }
      return step.value.text;
    };
    const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<p>P${i}</p>`).join('');
    // The whole article removed after the first slice: the walk stops with what it had read.
    const removed = build(`<article><div>${paragraphs(100)}</div></article><p>Outside</p>`, (root) => root.firstElementChild!.remove());
    expect(removed).toMatch(/^P0\n.*P\d+$/s);
    expect(removed).not.toContain('Outside');
    // The paragraphs moved out of their wrapper, up to the article itself, while the walk was inside it: it finishes
    // inside the article and never reads what follows it.
    const moved = build(`<article><div>${paragraphs(100)}</div><p>Last</p></article><p>Outside</p>`, (root) => {
      const wrapper = root.firstElementChild!;
      root.prepend(...wrapper.childNodes);
    });
    expect(moved).not.toContain('Outside');
    expect(moved.startsWith('P0\n')).toBe(true);
  });

  it('returns null for offsets outside the text', () => {
    const map = TextMap.build(mount('<article><p>Short.</p></article>'));
    expect(map.rangeFor(-1, 2)).toBeNull();
    expect(map.rangeFor(2, 99)).toBeNull();
    expect(map.rangeFor(3, 3)).toBeNull();
  });

  it('maps offsets from the text as it was read, and gives no range once the page has shortened a node', () => {
    const root = mount('<article><p>A\u00adb  c\u200bd \u00a0 said.</p><p>Tail</p></article>');
    const map = TextMap.build(root);
    expect(map.text).toBe('Ab cd said.\nTail');
    const said = map.text.indexOf('said');
    expect(map.rangeFor(said, said + 4)!.toString()).toBe('said');
    expect(map.rangeFor(0, 5)!.toString()).toBe('A\u00adb  c\u200bd');
    const text = root.querySelector('p')!.firstChild as Text;
    text.data = 'A\u00adb';
    expect(map.rangeFor(said, said + 4)).toBeNull();
    expect(map.rangeFor(0, 2)!.toString()).toBe('A\u00adb');
  });
});
