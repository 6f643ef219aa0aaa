// One walk over an article's text nodes: the article text that src/core analyses, and the way back from its offsets to DOM Ranges.
//
// How the text is normalised (this is what TextPositionSelector offsets count):
// - runs of white space (including no-break spaces) become one space; blocks (p, li, h1...) are separated by "\n";
// - no space at the start or end of a block; soft hyphens and zero-width spaces are dropped;
// - offsets count UTF-16 code units, as JavaScript strings and DOM ranges do.

import { drain, dueEvery, WHOLE, type Slicer } from './slicer';

/** Block-level elements: each starts a new line of the text, read or skipped (a skipped <nav> between two words is a break). */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TD', 'TH', 'TR', 'UL',
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

/** Soft hyphens and zero-width spaces: dropped from the text. */
const INVISIBLE = /[\u00ad\u200b]/;
const INVISIBLE_ALL = /[\u00ad\u200b]/g;
const SOFT_HYPHEN = 0x00ad;
const ZERO_WIDTH_SPACE = 0x200b;
/** Where white space needs collapsing: two in a row, or one that is not a plain space. */
const SPACE_RUN = /\s\s|[^\S ]/;
const SPACE_RUNS = /\s+/g;

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
  /** Each node's index, made on the first offsetOf (a selection, an anchor): painting flags never needs it. */
  private nodeIndex: Map<Text, number> | null = null;
  /** Per node, on first use: the offset in its data of each character it gave `text` (see `offsetsOf`). */
  private readonly offsets = new Map<number, Int32Array>();

  private constructor(
    readonly text: string,
    private readonly nodes: Text[],
    /** Each node's data as it was read: offsets are worked out from it, even if the page changes the node later. */
    private readonly data: string[],
    /** Index in `text` of each node's first character, the separator before it included, and past its last. */
    private readonly nodeStart: Int32Array,
    private readonly nodeEnd: Int32Array,
    /** Index in `text` of each node's first own character (after the separator; nodeEnd when it gave none). */
    private readonly firstOwn: Int32Array,
    /**
     * Per node, the white space its data starts with when its characters are its data's, trimmed, one for one (no
     * run of white space inside, nothing dropped): then an offset is that plus the index. -1 for the other nodes.
     */
    private readonly lead: Int32Array,
    /** The article goes on past `text`: the walk stopped at its length limit. */
    readonly truncated: boolean,
  ) {}

  /**
   * `root` is an element, or an open shadow root whose whole tree is the article. The walk stops at the node that
   * takes the text past `maxChars` (`truncated`): a page of a book's length is read as far as that.
   */
  static build(root: Element | ShadowRoot, skip: (element: Element) => boolean = isSkipped, maxChars = Infinity): TextMap {
    return drain(TextMap.buildSteps(root, skip, maxChars, WHOLE));
  }

  /**
   * `build` in slices: the walk yields where `slicer` says the task has run its share. A long article's map took
   * Firefox 65-95 ms in one task (wikipedia-2's 117,000 characters). A node the page removes from the article between
   * two slices ends the walk there: the live-page observer analyses the changed article again.
   */
  static *buildSteps(root: Element | ShadowRoot, skip: (element: Element) => boolean, maxChars: number, slicer: Slicer): Generator<undefined, TextMap, void> {
    // Each text node is normalised with native string methods; where each character came from is worked out later,
    // and only for the nodes a range touches (this runs on every article, cold: a loop per character cost ~1 ms).
    const parts: string[] = [];
    const nodes: Text[] = [];
    const data: string[] = [];
    const nodeStart: number[] = [];
    const nodeEnd: number[] = [];
    const firstOwn: number[] = [];
    const lead: number[] = [];
    let length = 0;
    let pendingBreak = false;
    let pendingSpace = false;
    let truncated = false;

    const visitText = (textNode: Text) => {
      const raw = textNode.data;
      nodes.push(textNode);
      data.push(raw);
      nodeStart.push(length);
      const kept = INVISIBLE.test(raw) ? raw.replace(INVISIBLE_ALL, '') : raw;
      const core = kept.trim();
      if (!core) {
        // Only white space (the indentation between tags, mostly): at most a pending space.
        if (kept) pendingSpace = true;
        firstOwn.push(length);
        nodeEnd.push(length);
        lead.push(-1);
        return;
      }
      if (kept !== core && isSpace(kept.charCodeAt(0))) pendingSpace = true;
      if ((pendingBreak || pendingSpace) && length > 0) {
        parts.push(pendingBreak ? '\n' : ' ');
        length++;
      }
      pendingBreak = false;
      pendingSpace = false;
      firstOwn.push(length);
      const collapse = SPACE_RUN.test(core);
      const own = collapse ? core.replace(SPACE_RUNS, ' ') : core;
      lead.push(collapse || kept !== raw ? -1 : raw.indexOf(core[0]!));
      parts.push(own);
      length += own.length;
      nodeEnd.push(length);
      if (kept !== core && isSpace(kept.charCodeAt(kept.length - 1))) pendingSpace = true;
    };

    // Depth first without recursion, so that the walk can stop between any two nodes and resume: the elements it is
    // inside, each with whether it is a block (a break when the walk leaves it).
    const open: boolean[] = [];
    const due = dueEvery(slicer, 64);
    let node: Node | null = root.firstChild;
    while (node) {
      if (length >= maxChars) {
        truncated = true;
        break;
      }
      const type = node.nodeType;
      let next: Node | null = null;
      if (type === TEXT_NODE) visitText(node as Text);
      else if (type === ELEMENT_NODE) {
        const block = BLOCKS.has((node as Element).tagName.toUpperCase());
        if (block) pendingBreak = true;
        if (!skip(node as Element) && (next = node.firstChild)) open.push(block);
      }
      // Past the node (and what is below it): its next sibling, or the next one of the nearest element it closes.
      while (!next && node) {
        next = node.nextSibling;
        if (next) break;
        const parent: Node | null = node.parentNode;
        // Back at the root: done (also where the page moved a node up between two slices).
        node = open.length && parent && parent !== root ? parent : null;
        if (open.pop()) pendingBreak = true;
      }
      node = next;
      if (due()) {
        yield;
        if (node && !root.contains(node)) break;
      }
    }

    return new TextMap(parts.join(''), nodes, data, Int32Array.from(nodeStart), Int32Array.from(nodeEnd), Int32Array.from(firstOwn), Int32Array.from(lead), truncated);
  }

  /**
   * For node `index`, the offset in its data of each character from firstOwn to nodeEnd: a kept character's own
   * offset, a space that stands for a run of white space inside the node the offset just after the character before.
   */
  private offsetsOf(index: number): Int32Array {
    let offsets = this.offsets.get(index);
    if (offsets) return offsets;
    const data = this.data[index]!;
    offsets = new Int32Array(this.nodeEnd[index]! - this.firstOwn[index]!);
    let count = 0;
    let pending = false;
    let after = 0;
    for (let i = 0; i < data.length && count < offsets.length; i++) {
      const code = data.charCodeAt(i);
      if (code === SOFT_HYPHEN || code === ZERO_WIDTH_SPACE) continue;
      if (isSpace(code)) {
        pending = count > 0;
        continue;
      }
      if (pending) offsets[count++] = after;
      pending = false;
      offsets[count++] = i;
      after = i + 1;
    }
    this.offsets.set(index, offsets);
    return offsets;
  }

  /**
   * Where character `at` of `text` comes from: a node and an offset in it. A separator between nodes (a space or a
   * line break), which no node holds, points just after the last character before it.
   */
  private sourceOf(at: number): { node: number; offset: number; separator: boolean } | null {
    // The last node whose own characters start at or before `at`.
    let low = 0;
    let high = this.nodes.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.firstOwn[mid]! <= at) low = mid + 1;
      else high = mid;
    }
    let node = low - 1;
    if (node >= 0 && at < this.nodeEnd[node]!) return { node, offset: this.offsetIn(node, at - this.firstOwn[node]!), separator: false };
    // A separator: it belongs to the last node that gave characters before it.
    while (node >= 0 && this.firstOwn[node] === this.nodeEnd[node]) node--;
    if (node < 0) return null;
    return { node, offset: this.offsetIn(node, this.nodeEnd[node]! - this.firstOwn[node]! - 1) + 1, separator: true };
  }

  /** The offset in node `index`'s data of the node's `k`th character in `text`. */
  private offsetIn(index: number, k: number): number {
    const lead = this.lead[index]!;
    return lead >= 0 ? lead + k : this.offsetsOf(index)[k]!;
  }

  /** The DOM range covering text[start, end), or null when out of bounds. */
  rangeFor(start: number, end: number, doc: Document = document): Range | null {
    if (start < 0 || end > this.text.length || end <= start) return null;
    const from = this.sourceOf(start);
    const to = this.sourceOf(end - 1);
    if (!from || !to) return null;
    const first = this.nodes[from.node]!;
    const lastNode = this.nodes[to.node]!;
    const startOffset = from.offset;
    // A span that ends on a separator ends where the separator points: after the last character before it.
    const endOffset = to.separator ? to.offset : to.offset + 1;
    // The page may have shortened a text node since the map was built: such a range no longer exists (and
    // setEnd past a node's length throws), so there is nothing to paint until the live update re-maps it.
    if (startOffset > first.length || endOffset > lastNode.length) return null;
    const range = doc.createRange();
    range.setStart(first, startOffset);
    range.setEnd(lastNode, endOffset);
    return range;
  }

  /** The text offset of a DOM boundary point (e.g. a selection's start), or null when it lies outside the article. */
  offsetOf(container: Node, offset: number): number | null {
    this.nodeIndex ??= new Map(this.nodes.map((node, i) => [node, i]));
    const index = container.nodeType === TEXT_NODE ? this.nodeIndex.get(container as Text) : undefined;
    if (index !== undefined) {
      const own = this.firstOwn[index]!;
      const end = this.nodeEnd[index]!;
      const lead = this.lead[index]!;
      if (lead >= 0) return Math.min(own + Math.max(0, offset - lead), end);
      const offsets = this.offsetsOf(index);
      for (let i = 0; i < offsets.length; i++) if (offsets[i]! >= offset) return own + i;
      return end;
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
