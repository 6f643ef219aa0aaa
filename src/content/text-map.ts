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
  return isSkippedByMarkup(element) || (element as HTMLElement).isContentEditable === true;
}

/**
 * `isSkipped` from tag and attributes alone, without `isContentEditable` (which makes Chromium bring style up to
 * date first). Enough inside a root that is itself outside any editable region: an editable element is then marked
 * by its own contenteditable attribute, and what is inside it is never reached.
 */
export function isSkippedByMarkup(element: Element): boolean {
  if (SKIPPED.has(element.tagName.toUpperCase())) return true;
  if (EDITABLE.has(element.getAttribute('contenteditable')?.toLowerCase() ?? 'false')) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  return false;
}

const NON_SPACE = /\S/;
/** Soft hyphen and zero-width space: dropped from the text. */
const SOFT_HYPHEN = 0x00ad;
const ZERO_WIDTH_SPACE = 0x200b;

/** The characters JavaScript's `\s` matches (white space and line terminators), by code unit. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

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

  /** `root` is an element, or an open shadow root whose whole tree is the article. */
  static build(root: Element | ShadowRoot, skip: (element: Element) => boolean = isSkipped): TextMap {
    // One pass over the text, by code unit: runs of kept characters are copied as slices, the per-character maps
    // live in typed arrays grown by doubling (this runs on every article, cold, so it avoids per-character objects).
    const parts: string[] = [];
    let charNode = new Int32Array(4096);
    let charOffset = new Int32Array(4096);
    const nodes: Text[] = [];
    const nodeStart: number[] = [];
    const nodeEnd: number[] = [];
    let length = 0;
    let pendingBreak = false;
    let pendingSpace = false;
    let lastNode = -1;
    let lastOffset = 0;

    const reserve = (extra: number) => {
      if (length + extra <= charNode.length) return;
      let size = charNode.length * 2;
      while (size < length + extra) size *= 2;
      const nodesOf = new Int32Array(size);
      nodesOf.set(charNode.subarray(0, length));
      charNode = nodesOf;
      const offsetsOf = new Int32Array(size);
      offsetsOf.set(charOffset.subarray(0, length));
      charOffset = offsetsOf;
    };

    const visitText = (textNode: Text) => {
      const data = textNode.data;
      const index = nodes.length;
      nodes.push(textNode);
      nodeStart.push(length);
      if (!NON_SPACE.test(data)) {
        // Only white space (the indentation between tags, mostly): at most a pending space.
        if (data.length > 0) pendingSpace = true;
        nodeEnd.push(length);
        return;
      }
      // At most one separator before each kept character.
      reserve(2 * data.length);
      let runStart = -1;
      for (let i = 0; i < data.length; i++) {
        const code = data.charCodeAt(i);
        const space = isSpace(code);
        if (space || code === SOFT_HYPHEN || code === ZERO_WIDTH_SPACE) {
          if (runStart >= 0) {
            parts.push(data.slice(runStart, i));
            runStart = -1;
          }
          if (space) pendingSpace = true;
          continue;
        }
        if (pendingBreak || pendingSpace) {
          // (No run is open here: a pending separator means the last character was not kept.)
          if (length > 0) {
            parts.push(pendingBreak ? '\n' : ' ');
            charNode[length] = lastNode;
            charOffset[length] = lastOffset;
            length++;
          }
          pendingBreak = false;
          pendingSpace = false;
        }
        if (runStart < 0) runStart = i;
        charNode[length] = index;
        charOffset[length] = i;
        length++;
        lastNode = index;
        lastOffset = i + 1;
      }
      if (runStart >= 0) parts.push(data.slice(runStart));
      nodeEnd.push(length);
    };

    const walk = (element: Element | ShadowRoot) => {
      for (let child = element.firstChild; child; child = child.nextSibling) {
        const type = child.nodeType;
        if (type === TEXT_NODE) visitText(child as Text);
        else if (type === ELEMENT_NODE) {
          const el = child as Element;
          const block = BLOCKS.has(el.tagName.toUpperCase());
          if (skip(el)) {
            if (block) pendingBreak = true;
            continue;
          }
          if (block) pendingBreak = true;
          walk(el);
          if (block) pendingBreak = true;
        }
      }
    };
    walk(root);

    return new TextMap(parts.join(''), nodes, charNode.slice(0, length), charOffset.slice(0, length), Int32Array.from(nodeStart), Int32Array.from(nodeEnd));
  }

  /** The DOM range covering text[start, end), or null when out of bounds. */
  rangeFor(start: number, end: number, doc: Document = document): Range | null {
    if (start < 0 || end > this.text.length || end <= start) return null;
    const range = doc.createRange();
    const first = this.nodes[this.charNode[start]!];
    const lastNode = this.nodes[this.charNode[end - 1]!];
    if (!first || !lastNode) return null;
    const startOffset = this.charOffset[start]!;
    const endOffset = this.charOffset[end - 1]! + 1;
    // The page may have shortened a text node since the map was built: such a range no longer exists (and
    // setEnd past a node's length throws), so there is nothing to paint until the live update re-maps it.
    if (startOffset > first.length || endOffset > lastNode.length) return null;
    range.setStart(first, startOffset);
    range.setEnd(lastNode, endOffset);
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
