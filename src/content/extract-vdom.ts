// A small, throw-away copy of the page's tree that the article finder may rearrange and prune without touching the page.
//
// Readability decides by mutating a clone of the document (removing nodes, turning <div>s into <p>s, wrapping loose text
// in new paragraphs). Cloning and mutating a real DOM is what makes it slow. We copy only what the decision needs into
// plain objects (tag, a reference back to the live node, text), mutate those, and read the answer back as the set of
// live text nodes that survive. Text statistics (normalised length, commas, link text) are cached per node and
// invalidated up the ancestor chain on every mutation.
//
// Runs on any standard DOM (browsers, linkedom): numeric node types, no layout, no globals.

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Removed from the copy entirely, as Readability removes them before it starts. */
const DROPPED_TAGS = new Set(['SCRIPT', 'NOSCRIPT', 'STYLE']);
const WHITESPACE_RUN = /\s+/g;
const NON_WHITESPACE = /\S/;
const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;
const EDITABLE = new Set(['', 'true', 'plaintext-only']);
const HASH_URL = /^#.+/;
const IMAGE_URL = /\.(jpg|jpeg|png|webp)/i;

/** Text statistics of a subtree, in the terms Readability uses (`textContent.trim().replace(/\s{2,}/g, " ")`). */
export interface TextStats {
  /** Length with every white-space run counted as one character, not trimmed. */
  collapsed: number;
  /** Raw `textContent.length`. */
  raw: number;
  leadingSpace: boolean;
  trailingSpace: boolean;
  hasText: boolean;
  /** Commas of all scripts (Readability's `commas` pattern). */
  commas: number;
  /** Plain ASCII commas. */
  asciiCommas: number;
  /** Sum over <a> elements in the subtree, this node included, of their normalised text length (x0.3 for #links). */
  linkText: number;
}

const EMPTY_STATS: TextStats = {
  collapsed: 0, raw: 0, leadingSpace: false, trailingSpace: false, hasText: false, commas: 0, asciiCommas: 0, linkText: 0,
};

export class VNode {
  parent: VNode | null = null;
  first: VNode | null = null;
  last: VNode | null = null;
  next: VNode | null = null;
  prev: VNode | null = null;
  /** Readability's content score; undefined until the node is initialised as a candidate. */
  score: number | undefined = undefined;
  /** Readability's `_readabilityDataTable` mark. */
  dataTable = false;
  /** Hidden by attribute or inline style (Readability's `_isProbablyVisible` is false). */
  hidden = false;
  private stats: TextStats | undefined = undefined;
  private classCache: string | undefined = undefined;
  private idCache: string | undefined = undefined;

  constructor(
    readonly type: number,
    /** Upper-case tag name for HTML elements, as Readability sees it (it may change: <div> to <p>); '' for text. */
    public tag: string,
    /** The page node this stands for; null for elements we made (paragraphs wrapped around loose text). */
    readonly live: Node | null,
    /** Text of a text or comment node. */
    readonly data: string = '',
  ) {}

  get isElement(): boolean {
    return this.type === ELEMENT_NODE;
  }

  get className(): string {
    if (this.classCache === undefined) this.classCache = this.attr('class') ?? '';
    return this.classCache;
  }

  get id(): string {
    if (this.idCache === undefined) this.idCache = this.attr('id') ?? '';
    return this.idCache;
  }

  attr(name: string): string | null {
    return this.type === ELEMENT_NODE && this.live ? (this.live as Element).getAttribute(name) : null;
  }

  hasAttr(name: string): boolean {
    return this.type === ELEMENT_NODE && this.live !== null && (this.live as Element).hasAttribute(name);
  }

  get firstElement(): VNode | null {
    let node = this.first;
    while (node && node.type !== ELEMENT_NODE) node = node.next;
    return node;
  }

  get nextElement(): VNode | null {
    let node = this.next;
    while (node && node.type !== ELEMENT_NODE) node = node.next;
    return node;
  }

  get previousElement(): VNode | null {
    let node = this.prev;
    while (node && node.type !== ELEMENT_NODE) node = node.prev;
    return node;
  }

  /** Element children, as a fresh array. */
  get children(): VNode[] {
    const out: VNode[] = [];
    for (let node = this.first; node; node = node.next) if (node.type === ELEMENT_NODE) out.push(node);
    return out;
  }

  get childElementCount(): number {
    let count = 0;
    for (let node = this.first; node; node = node.next) if (node.type === ELEMENT_NODE) count++;
    return count;
  }

  // --- mutation -------------------------------------------------------------------------------------------------

  remove(): void {
    const parent = this.parent;
    if (!parent) return;
    parent.invalidate();
    if (this.prev) this.prev.next = this.next;
    else parent.first = this.next;
    if (this.next) this.next.prev = this.prev;
    else parent.last = this.prev;
    this.parent = this.next = this.prev = null;
  }

  append(child: VNode): void {
    child.remove();
    child.parent = this;
    child.prev = this.last;
    if (this.last) this.last.next = child;
    else this.first = child;
    this.last = child;
    this.invalidate();
  }

  /** Puts `child` where `old` is; `old` leaves the tree. */
  replaceChild(child: VNode, old: VNode): void {
    if (old.parent !== this || child === old) return;
    child.remove();
    child.parent = this;
    child.prev = old.prev;
    child.next = old.next;
    if (old.prev) old.prev.next = child;
    else this.first = child;
    if (old.next) old.next.prev = child;
    else this.last = child;
    old.parent = old.next = old.prev = null;
    this.invalidate();
  }

  /** Drops the cached text statistics of this node and its ancestors (an undefined cache implies undefined above). */
  invalidate(): void {
    for (let node: VNode | null = this; node && node.stats !== undefined; node = node.parent) node.stats = undefined;
  }

  // --- text -----------------------------------------------------------------------------------------------------

  get textStats(): TextStats {
    if (this.stats) return this.stats;
    let stats: TextStats;
    if (this.type === TEXT_NODE) stats = textNodeStats(this.data);
    else if (this.type !== ELEMENT_NODE) stats = EMPTY_STATS;
    else {
      let collapsed = 0;
      let raw = 0;
      let leadingSpace = false;
      let trailingSpace = false;
      let hasText = false;
      let commas = 0;
      let asciiCommas = 0;
      let linkText = 0;
      let empty = true;
      for (let child = this.first; child; child = child.next) {
        const s = child.textStats;
        linkText += s.linkText;
        if (s.raw === 0) continue;
        raw += s.raw;
        commas += s.commas;
        asciiCommas += s.asciiCommas;
        hasText ||= s.hasText;
        if (empty) {
          collapsed = s.collapsed;
          leadingSpace = s.leadingSpace;
          empty = false;
        } else collapsed += s.collapsed - (trailingSpace && s.leadingSpace ? 1 : 0);
        trailingSpace = s.trailingSpace;
      }
      stats = { collapsed, raw, leadingSpace, trailingSpace, hasText, commas, asciiCommas, linkText };
      if (this.tag === 'A') {
        const href = this.attr('href');
        stats.linkText += innerLength(stats) * (href && HASH_URL.test(href) ? 0.3 : 1);
      }
    }
    this.stats = stats;
    return stats;
  }

  /** Length of Readability's `_getInnerText(node)`: trimmed, white-space runs collapsed. */
  get innerLength(): number {
    return innerLength(this.textStats);
  }

  /** `textContent`, as a string (only for short things: headers, bylines, captions). */
  get textContent(): string {
    if (this.type === TEXT_NODE) return this.data;
    if (this.type !== ELEMENT_NODE) return '';
    const parts: string[] = [];
    const collect = (node: VNode) => {
      for (let child = node.first; child; child = child.next) {
        if (child.type === TEXT_NODE) parts.push(child.data);
        else if (child.type === ELEMENT_NODE) collect(child);
      }
    };
    collect(this);
    return parts.join('');
  }

  /** Readability's `_getLinkDensity`: link text of descendant <a>s over the node's own text. */
  get linkDensity(): number {
    const stats = this.textStats;
    const length = innerLength(stats);
    if (length === 0) return 0;
    let links = stats.linkText;
    if (this.tag === 'A') {
      const href = this.attr('href');
      links -= length * (href && HASH_URL.test(href) ? 0.3 : 1);
    }
    return links / length;
  }

  // --- traversal ------------------------------------------------------------------------------------------------

  /** Descendant elements (not this one) whose tag is in `tags`, in document order. */
  elementsByTag(tags: ReadonlySet<string>): VNode[] {
    const out: VNode[] = [];
    const visit = (node: VNode) => {
      for (let child = node.first; child; child = child.next) {
        if (child.type !== ELEMENT_NODE) continue;
        if (tags.has(child.tag)) out.push(child);
        visit(child);
      }
    };
    visit(this);
    return out;
  }

  countByTag(tag: string): number {
    let count = 0;
    const visit = (node: VNode) => {
      for (let child = node.first; child; child = child.next) {
        if (child.type !== ELEMENT_NODE) continue;
        if (child.tag === tag) count++;
        visit(child);
      }
    };
    visit(this);
    return count;
  }

  /** Every live text node still in this subtree, in document order. */
  liveTextNodes(out: Text[] = []): Text[] {
    for (let child = this.first; child; child = child.next) {
      if (child.type === TEXT_NODE) out.push(child.live as Text);
      else if (child.type === ELEMENT_NODE) child.liveTextNodes(out);
    }
    return out;
  }
}

function innerLength(stats: TextStats): number {
  return stats.hasText ? stats.collapsed - (stats.leadingSpace ? 1 : 0) - (stats.trailingSpace ? 1 : 0) : 0;
}

function textNodeStats(data: string): TextStats {
  if (data.length === 0) return EMPTY_STATS;
  const hasText = NON_WHITESPACE.test(data);
  let collapsed = data.length;
  let leadingSpace = false;
  let trailingSpace = false;
  if (!hasText) {
    collapsed = 1;
    leadingSpace = trailingSpace = true;
  } else {
    WHITESPACE_RUN.lastIndex = 0;
    for (let match = WHITESPACE_RUN.exec(data); match; match = WHITESPACE_RUN.exec(data)) {
      collapsed -= match[0].length - 1;
      if (match.index === 0) leadingSpace = true;
      if (match.index + match[0].length === data.length) trailingSpace = true;
    }
  }
  let commas = 0;
  let asciiCommas = 0;
  if (data.includes(',') || /[\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/.test(data)) {
    commas = data.match(COMMAS)?.length ?? 0;
    for (let i = data.indexOf(','); i !== -1; i = data.indexOf(',', i + 1)) asciiCommas++;
  }
  return { collapsed, raw: data.length, leadingSpace, trailingSpace, hasText, commas, asciiCommas, linkText: 0 };
}

const INLINE_DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)/i;
const INLINE_VISIBILITY_HIDDEN = /(?:^|;)\s*visibility\s*:\s*hidden\s*(?:!\s*important\s*)?(?:;|$)/i;

/**
 * Readability's `_isProbablyVisible`, from attributes only (inline style, `hidden`, `aria-hidden`): no layout.
 * `isProbablyReaderable` uses the same test without `visibility: hidden`.
 */
export function isProbablyVisible(element: Element, checkVisibility = true): boolean {
  const style = element.getAttribute('style');
  if (style && (INLINE_DISPLAY_NONE.test(style) || (checkVisibility && INLINE_VISIBILITY_HIDDEN.test(style)))) return false;
  if (element.hasAttribute('hidden')) return false;
  if (element.getAttribute('aria-hidden') === 'true' && !(element.getAttribute('class') ?? '').includes('fallback-image')) return false;
  return true;
}

/**
 * Copies `doc` into VNodes as Readability sees it after its first preparation steps: <script>, <noscript> and <style>
 * gone, placeholder <img>s without any source gone, editable regions gone, <head> kept as an empty element.
 * (<font> is still <font>: Readability turns it into <span> only after it has turned <br><br> into paragraphs.)
 * Returns the <html> copy and the <body> copy.
 */
export function copyDocument(doc: Document): { html: VNode; body: VNode } | null {
  const htmlElement = doc.documentElement;
  const bodyElement = doc.body;
  if (!htmlElement || !bodyElement) return null;
  const html = new VNode(ELEMENT_NODE, 'HTML', htmlElement);
  let body: VNode | null = null;
  // Browsers always parse <html> into <head> and <body>; a lenient parser (linkedom) may leave stray elements or a
  // second <body> beside them. Readability walks all of it, so copy all of it.
  for (let child = htmlElement.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) html.append(new VNode(TEXT_NODE, '', child, (child as Text).data));
    else if (child.nodeType === ELEMENT_NODE) {
      const element = child as Element;
      const tag = element.tagName.toUpperCase();
      if (tag === 'HEAD') html.append(new VNode(ELEMENT_NODE, 'HEAD', element));
      else if (!DROPPED_TAGS.has(tag)) {
        const copy = copyElement(element, false);
        html.append(copy);
        if (element === bodyElement) body = copy;
      }
    }
  }
  if (!body) {
    // A <body> that is not a child of <html>: copy it anyway.
    body = copyElement(bodyElement, false);
    html.append(body);
  }
  return { html, body };
}

function tagOf(element: Element, foreign: boolean): string {
  // jsdom (which produced Readability's expectations) reports lower-case tag names for SVG and MathML elements, so
  // Readability's upper-case tag lists never match them: do the same.
  if (foreign) return element.localName;
  return element.tagName.toUpperCase();
}

function copyElement(element: Element, foreign: boolean): VNode {
  const localName = element.localName;
  const isForeign = foreign || localName === 'svg' || localName === 'math';
  const node = new VNode(ELEMENT_NODE, tagOf(element, isForeign), element);
  node.hidden = !isProbablyVisible(element);
  if (node.tag === 'TEMPLATE') return node; // its content is not its children in a browser
  for (let child = element.firstChild; child; child = child.nextSibling) {
    const type = child.nodeType;
    if (type === TEXT_NODE) node.append(new VNode(TEXT_NODE, '', child, (child as Text).data));
    else if (type === COMMENT_NODE) node.append(new VNode(COMMENT_NODE, '', child, (child as Comment).data));
    else if (type === ELEMENT_NODE) {
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (DROPPED_TAGS.has(tag)) continue;
      if (tag === 'IMG' && isPlaceholderImage(el)) continue;
      // The reader's own input is never article text (nor ever touched).
      if (EDITABLE.has(el.getAttribute('contenteditable')?.toLowerCase() ?? 'false')) continue;
      node.append(copyElement(el, isForeign));
    }
  }
  return node;
}

/** Readability's `_unwrapNoscriptImages` removes <img>s with no source of any kind (lazy-loading placeholders). */
function isPlaceholderImage(img: Element): boolean {
  for (const attr of Array.from(img.attributes)) {
    switch (attr.name) {
      case 'src':
      case 'srcset':
      case 'data-src':
      case 'data-srcset':
        return false;
    }
    if (IMAGE_URL.test(attr.value)) return false;
  }
  // Its <noscript> twin (if any) puts a real image back in the same place.
  let next = img.nextSibling;
  while (next && next.nodeType !== ELEMENT_NODE) next = next.nextSibling;
  return !(next && (next as Element).localName === 'noscript');
}
