// @vitest-environment happy-dom
// Issue 8 item 8: text map offsets round-trip to the same ranges, on generated article markup with odd text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextMap } from '../../src/content/text-map';

/** A text piece: words with the white space and invisible characters real pages carry. */
const piece = fc
  .array(fc.constantFrom('Peskov', 'said', 'mobs', 'hijacked', 'Алматы', 'قال', 'e\u0301', '👩‍👩‍👧', 'news', '2026', ',', '.', '“', '”'), { minLength: 1, maxLength: 6 })
  .chain((words) => fc.array(fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u00ad', ''), { minLength: words.length, maxLength: words.length }).map((gaps) => words.map((w, i) => w + gaps[i]).join('')));

interface Tree {
  tag: string;
  children: (Tree | string)[];
}
const inline = fc.constantFrom('em', 'b', 'span', 'a');
const block = fc.constantFrom('p', 'div', 'h2', 'li', 'blockquote');
const { tree } = fc.letrec<{ tree: Tree; node: Tree | string }>((tie) => ({
  tree: fc.record({ tag: fc.oneof(block, inline), children: fc.array(tie('node'), { maxLength: 4 }) }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, piece, tie('tree')),
}));

function render(node: Tree | string): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const child of node.children) element.append(render(child));
  return element;
}

function mount(children: Tree[]): HTMLElement {
  const article = document.createElement('article');
  for (const child of children) article.append(render(child));
  document.body.replaceChildren(article);
  return article;
}

const isSpace = (ch: string) => /\s/.test(ch);

describe('TextMap: property', () => {
  it('every span that starts and ends on a visible character maps to a range that maps back to the same offsets', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 10 }), (children, picks) => {
        const map = TextMap.build(mount(children));
        const text = map.text;
        const visible = [...text].length === 0 ? [] : Array.from(text, (_, i) => i).filter((i) => !isSpace(text.charAt(i)));
        if (visible.length === 0) return;
        for (const [a, b] of picks) {
          const first = visible[a % visible.length]!;
          const last = visible[b % visible.length]!;
          const start = Math.min(first, last);
          const end = Math.max(first, last) + 1;
          const range = map.rangeFor(start, end);
          expect(range, `range for [${start}, ${end}) of ${JSON.stringify(text)}`).not.toBeNull();
          expect(map.offsetsOfRange(range!)).toEqual({ start, end });
          // The range covers the same characters: white space aside (the map collapses it and puts a line break
          // between blocks, where the DOM may have none) and soft hyphens aside (the map drops them).
          const visibleOnly = (s: string) => s.replace(/[\s\u00ad]/g, '');
          expect(visibleOnly(range!.toString())).toBe(visibleOnly(text.slice(start, end)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
