// One walk over an article's text nodes: the article text that src/core analyses, and the way back from its offsets to DOM Ranges.
//
// How the text is normalised (this is what TextPositionSelector offsets count):
// - runs of white space (including no-break spaces) become one space; blocks (p, li, h1...) are separated by "\n";
// - no space at the start or end of a block; soft hyphens and zero-width spaces are dropped;
// - offsets count UTF-16 code units, as JavaScript strings and DOM ranges do.

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/** Never read: not article text, or the reader's own input. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO',
  'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'NAV', 'ASIDE', 'FOOTER', 'FORM', 'DIALOG',
]);

// Numeric node types, so the same code runs on a DOM without the Node global (linkedom in the command-line analyser).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const EDITABLE = new Set(['', 'true', 'plaintext-only']);

export function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.tagName.toUpperCase())) return true;
  if ((element as HTMLElement).isContentEditable || EDITABLE.has(element.getAttribute('contenteditable')?.toLowerCase() ?? 'false')) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  return false;
}

const DROPPED = /[\u00AD\u200B]/;
const SPACE = /\s/;

export class TextMap {
  private readonly nodeIndex = new Map<Text, number>();

  private constructor(
    readonly text: string,
    private readonly nodes: Text[],
    /** For every character of `text`: which node it came from and where in that node; synthetic characters point after the previous real one. */
    private readonly charNode: Int32Array,
    private readonly charOffset: Int32Array,
    /** Index in `text` of each node's first and past-last character. */
    private readonly nodeStart: Int32Array,
    private readonly nodeEnd: Int32Array,
  ) {
    nodes.forEach((node, i) => this.nodeIndex.set(node, i));
  }

  static build(root: Element, skip: (element: Element) => boolean = isSkipped): TextMap {
    const out: string[] = [];
    const charNode: number[] = [];
    const charOffset: number[] = [];
    const nodes: Text[] = [];
    const nodeStart: number[] = [];
    const nodeEnd: number[] = [];
    let length = 0;
    let pendingBreak = false;
    let pendingSpace = false;
    let last = { node: -1, offset: 0 };

    const emit = (ch: string, node: number, offset: number) => {
      out.push(ch);
      charNode.push(node);
      charOffset.push(offset);
      length++;
    };

    const visitText = (textNode: Text) => {
      const data = textNode.data;
      const index = nodes.length;
      nodes.push(textNode);
      nodeStart.push(length);
      for (let i = 0; i < data.length; i++) {
        const ch = data[i]!;
        if (DROPPED.test(ch)) continue;
        if (SPACE.test(ch)) {
          pendingSpace = true;
          continue;
        }
        if (length > 0 && pendingBreak) emit('\n', last.node, last.offset);
        else if (length > 0 && pendingSpace) emit(' ', last.node, last.offset);
        pendingBreak = false;
        pendingSpace = false;
        emit(ch, index, i);
        last = { node: index, offset: i + 1 };
      }
      nodeEnd.push(length);
    };

    const walk = (element: Element) => {
      for (let child = element.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === TEXT_NODE) visitText(child as Text);
        else if (child.nodeType === ELEMENT_NODE) {
          const el = child as Element;
          if (skip(el)) {
            if (BLOCKS.has(el.tagName.toUpperCase())) pendingBreak = true;
            continue;
          }
          const block = BLOCKS.has(el.tagName.toUpperCase());
          if (block) pendingBreak = true;
          walk(el);
          if (block) pendingBreak = true;
        }
      }
    };
    walk(root);

    return new TextMap(out.join(''), nodes, Int32Array.from(charNode), Int32Array.from(charOffset), Int32Array.from(nodeStart), Int32Array.from(nodeEnd));
  }

  /** The DOM range covering text[start, end), or null when out of bounds. */
  rangeFor(start: number, end: number, doc: Document = document): Range | null {
    if (start < 0 || end > this.text.length || end <= start) return null;
    const range = doc.createRange();
    const first = this.nodes[this.charNode[start]!];
    const lastNode = this.nodes[this.charNode[end - 1]!];
    if (!first || !lastNode) return null;
    range.setStart(first, this.charOffset[start]!);
    range.setEnd(lastNode, this.charOffset[end - 1]! + 1);
    return range;
  }

  /** The text offset of a DOM boundary point (e.g. a selection's start), or null when it lies outside the article. */
  offsetOf(container: Node, offset: number): number | null {
    const index = container.nodeType === TEXT_NODE ? this.nodeIndex.get(container as Text) : undefined;
    if (index !== undefined) {
      const from = this.nodeStart[index]!;
      const to = this.nodeEnd[index]!;
      for (let i = from; i < to; i++) {
        if (this.charNode[i] === index && this.charOffset[i]! >= offset) return i;
      }
      return to;
    }
    // A boundary between nodes: the first mapped text node at or after it.
    const point = container.ownerDocument?.createRange() ?? document.createRange();
    try {
      point.setStart(container, offset);
    } catch {
      return null;
    }
    let low = 0;
    let high = this.nodes.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (point.comparePoint(this.nodes[mid]!, 0) >= 0) high = mid;
      else low = mid + 1;
    }
    return low < this.nodes.length ? this.nodeStart[low]! : this.text.length;
  }

  /** Text offsets of a DOM range, clipped to the article; null when it does not touch the article. */
  offsetsOfRange(range: Range): { start: number; end: number } | null {
    const start = this.offsetOf(range.startContainer, range.startOffset);
    const end = this.offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    // Trim white space the reader's drag picked up at either end.
    let s = start;
    let e = end;
    while (s < e && /\s/.test(this.text[s]!)) s++;
    while (e > s && /\s/.test(this.text[e - 1]!)) e--;
    return e > s ? { start: s, end: e } : null;
  }
}
