// A small, throw-away copy of the page's tree that the article finder may rearrange and prune without touching the page.
//
// Part of the port of Mozilla Readability (Apache-2.0, Copyright (c) 2010 Arc90 Inc,
// https://github.com/mozilla/readability; see NOTICE): the tree that its replay in extract-readability.ts runs on,
// prepared and measured as Readability does.
//
// Readability decides by mutating a clone of the document (removing nodes, turning <div>s into <p>s, wrapping loose text
// in new paragraphs). Cloning and mutating a real DOM is what makes it slow. We copy only what the decision needs into
// plain objects (tag, a reference back to the live node, text), mutate those, and read the answer back as the set of
// live text nodes that survive. Text statistics (normalised length, commas, link text) are cached per node and
// invalidated up the ancestor chain on every mutation.
//
// Cost: one walk of the page, one native `matches()` per element to find the few elements whose attributes matter
// (hidden, roles, author links...), class and id read lazily. Runs on any standard DOM (browsers, linkedom): numeric
// node types, no layout, no globals.

import { isProbablyVisible } from './gate-signals';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

/** Removed from the copy entirely, as Readability removes them before it starts. */
const DROPPED_TAGS = new Set(['SCRIPT', 'NOSCRIPT', 'STYLE']);
const EDITABLE = new Set(['', 'true', 'plaintext-only']);
/** Elements with any of these attributes get a closer look; for all others one native `matches()` says "nothing". */
const NOTABLE_ATTRIBUTES = '[style],[hidden],[aria-hidden],[aria-modal],[role],[contenteditable],[rel],[itemprop]';
const IMAGE_SOURCE = '[src],[srcset],[data-src],[data-srcset]';
const WHITESPACE_RUN = /\s+/g;
const DOUBLE_SPACE = /\s\s/;
const NON_WHITESPACE = /\S/;
const LEADING_SPACE = /^\s/;
const TRAILING_SPACE = /\s$/;
const ANY_COMMA = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/;
const COMMAS = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]/g;
const HASH_URL = /^#.+/;
const IMAGE_URL = /\.(jpg|jpeg|png|webp)/i;

// VNode.flags
/** Hidden by attribute or inline style (Readability's `_isProbablyVisible` is false). */
export const HIDDEN = 1;
/** `aria-modal="true"` with `role="dialog"`. */
export const MODAL = 2;
/** rel="author" or an itemprop with "author": a byline candidate whatever its class. */
export const AUTHOR_ATTRIBUTE = 4;
/** Has a role attribute (see `role`). */
export const HAS_ROLE = 8;
/** Readability's `_readabilityDataTable` mark. */
export const DATA_TABLE = 16;
/**
 * Stands for a subtree that was not copied because Readability removes it as soon as its walk reaches it (hidden,
 * or an unlikely candidate). Until then its text and its block and phrasing nature are read from the live page.
 */
export const STUB = 32;
/** An editable region (contenteditable): treated as hidden. */
const EDITABLE_FLAG = 64;

/** Asked of each element while copying: may its subtree be replaced by a stub? `ancestors` are upper-case tags. */
export type PrunePredicate = (node: VNode, ancestors: readonly string[]) => boolean;

// Text statistics flags
const LEADING = 1;
const TRAILING = 2;
const HAS_TEXT = 4;

export class VNode {
  parent: VNode | null = null;
  first: VNode | null = null;
  last: VNode | null = null;
  next: VNode | null = null;
  prev: VNode | null = null;
  /** Readability's content score; undefined until the node is initialised as a candidate. */
  score: number | undefined = undefined;
  flags = 0;
  role: string | null = null;
  private classCache: string | null = null;
  private idCache: string | null = null;
  // Cached text statistics, in the terms Readability uses (`textContent.trim().replace(/\s{2,}/g, " ")`).
  private statsValid = false;
  /** Length with every white-space run counted as one character, not trimmed. */
  private collapsed = 0;
  /** Raw `textContent.length`. */
  private raw = 0;
  private textFlags = 0;
  /** Commas of all scripts (Readability's `commas` pattern). */
  private commaCount = 0;
  private asciiCommaCount = 0;
  /** Sum over <a> elements in the subtree, this node included, of their normalised text length (x0.3 for #links). */
  private linkText = 0;

  constructor(
    readonly type: number,
    /** Upper-case tag name for HTML elements, as Readability sees it (it may change: <div> to <p>); '' for text. */
    public tag: string,
    /** The page node this stands for; null for elements we made (paragraphs wrapped around loose text). */
    readonly live: Node | null,
    /** Text of a text or comment node. */
    readonly data: string = '',
  ) {}

  get className(): string {
    if (this.classCache === null) this.classCache = this.attr('class') ?? '';
    return this.classCache;
  }

  get id(): string {
    if (this.idCache === null) this.idCache = this.attr('id') ?? '';
    return this.idCache;
  }

  attr(name: string): string | null {
    return this.type === ELEMENT_NODE && this.live ? (this.live as Element).getAttribute(name) : null;
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
    if (child.parent) child.remove();
    child.parent = this;
    child.prev = this.last;
    if (this.last) this.last.next = child;
    else this.first = child;
    this.last = child;
    if (this.statsValid) this.invalidate();
  }

  /** Puts `child` where `old` is; `old` leaves the tree. */
  replaceChild(child: VNode, old: VNode): void {
    if (old.parent !== this || child === old) return;
    if (child.parent) child.remove();
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

  /** Drops the cached text statistics of this node and its ancestors (an invalid cache implies invalid above). */
  invalidate(): void {
    for (let node: VNode | null = this; node && node.statsValid; node = node.parent) node.statsValid = false;
  }

  // --- text -----------------------------------------------------------------------------------------------------

  private computeStats(): void {
    this.statsValid = true;
    if (this.type === TEXT_NODE) {
      textNodeStats(this, this.data);
      return;
    }
    if (this.flags & STUB) {
      const element = this.live as Element;
      textNodeStats(this, element.textContent ?? '');
      let linkText = 0;
      const links: Element[] = Array.from(element.getElementsByTagName('a'));
      if (this.tag === 'A') links.push(element);
      for (const link of links) {
        const text = (link.textContent ?? '').trim();
        const href = link.getAttribute('href');
        linkText += (text ? text.replace(/\s{2,}/g, ' ').length : 0) * (href && HASH_URL.test(href) ? 0.3 : 1);
      }
      this.linkText = linkText;
      return;
    }
    let collapsed = 0;
    let raw = 0;
    let flags = 0;
    let commas = 0;
    let asciiCommas = 0;
    let linkText = 0;
    let empty = true;
    for (let child = this.first; child; child = child.next) {
      if (child.type === COMMENT_NODE) continue;
      if (!child.statsValid) child.computeStats();
      linkText += child.linkText;
      if (child.raw === 0) continue;
      raw += child.raw;
      commas += child.commaCount;
      asciiCommas += child.asciiCommaCount;
      const childFlags = child.textFlags;
      if (empty) {
        collapsed = child.collapsed;
        flags = childFlags;
        empty = false;
      } else {
        collapsed += child.collapsed - (flags & TRAILING && childFlags & LEADING ? 1 : 0);
        flags = (flags & (LEADING | HAS_TEXT)) | (childFlags & (TRAILING | HAS_TEXT));
      }
    }
    this.collapsed = collapsed;
    this.raw = raw;
    this.textFlags = flags;
    this.commaCount = commas;
    this.asciiCommaCount = asciiCommas;
    if (this.tag === 'A') linkText += this.innerLength * this.linkWeight();
    this.linkText = linkText;
  }

  private linkWeight(): number {
    const href = this.attr('href');
    return href && HASH_URL.test(href) ? 0.3 : 1;
  }

  /** Length of Readability's `_getInnerText(node)`: trimmed, white-space runs collapsed. */
  get innerLength(): number {
    if (!this.statsValid) this.computeStats();
    const flags = this.textFlags;
    return flags & HAS_TEXT ? this.collapsed - (flags & LEADING ? 1 : 0) - (flags & TRAILING ? 1 : 0) : 0;
  }

  /** Some non-white-space text inside. */
  get hasText(): boolean {
    if (!this.statsValid) this.computeStats();
    return (this.textFlags & HAS_TEXT) !== 0;
  }

  /** Raw `textContent.length`. */
  get rawLength(): number {
    if (!this.statsValid) this.computeStats();
    return this.raw;
  }

  /** Commas of any script (Readability's `commas` pattern). */
  get commas(): number {
    if (!this.statsValid) this.computeStats();
    return this.commaCount;
  }

  get asciiCommas(): number {
    if (!this.statsValid) this.computeStats();
    return this.asciiCommaCount;
  }

  /** `textContent`, as a string (only for short things: headers, bylines, captions). */
  get textContent(): string {
    if (this.type === TEXT_NODE) return this.data;
    if (this.flags & STUB) return (this.live as Element).textContent ?? '';
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
    const length = this.innerLength;
    if (length === 0) return 0;
    let links = this.linkText;
    if (this.tag === 'A') links -= length * this.linkWeight();
    return links / length;
  }

  // --- traversal ------------------------------------------------------------------------------------------------

  countByTag(tag: string): number {
    if (this.flags & STUB) return (this.live as Element).getElementsByTagName(tag.toLowerCase()).length;
    let count = 0;
    for (let child = this.first; child; child = child.next) {
      if (child.type !== ELEMENT_NODE) continue;
      if (child.tag === tag) count++;
      if (child.first) count += child.countByTag(tag);
    }
    return count;
  }

  /** Every live text node still in this subtree, in document order. */
  liveTextNodes(out: Text[] = []): Text[] {
    for (let child = this.first; child; child = child.next) {
      if (child.type === TEXT_NODE) out.push(child.live as Text);
      else if (child.type === ELEMENT_NODE && child.first) child.liveTextNodes(out);
    }
    return out;
  }

  /** Is `ancestor` this node or above it? (False once a removal cut the chain.) */
  isWithin(ancestor: VNode): boolean {
    for (let node: VNode | null = this; node; node = node.parent) if (node === ancestor) return true;
    return false;
  }

  /** Sets the statistics of a text node (called once per text node). */
  setTextStats(collapsed: number, raw: number, flags: number, commas: number, asciiCommas: number): void {
    this.collapsed = collapsed;
    this.raw = raw;
    this.textFlags = flags;
    this.commaCount = commas;
    this.asciiCommaCount = asciiCommas;
  }
}

function textNodeStats(node: VNode, data: string): void {
  const raw = data.length;
  if (raw === 0) return node.setTextStats(0, 0, 0, 0, 0);
  if (!NON_WHITESPACE.test(data)) return node.setTextStats(1, raw, LEADING | TRAILING, 0, 0);
  const collapsed = DOUBLE_SPACE.test(data) ? data.replace(WHITESPACE_RUN, ' ').length : raw;
  const flags = HAS_TEXT | (LEADING_SPACE.test(data) ? LEADING : 0) | (TRAILING_SPACE.test(data) ? TRAILING : 0);
  let commas = 0;
  let asciiCommas = 0;
  if (ANY_COMMA.test(data)) {
    commas = data.match(COMMAS)?.length ?? 0;
    for (let i = data.indexOf(','); i !== -1; i = data.indexOf(',', i + 1)) asciiCommas++;
  }
  node.setTextStats(collapsed, raw, flags, commas, asciiCommas);
}

/** A copy of the page: its <html>, its <body>, the <body>'s <br>s and all <font>s in document order (for the preparation). */
export interface DocumentCopy {
  html: VNode;
  body: VNode;
  brs: VNode[];
  fonts: VNode[];
}

/**
 * Copies `doc` into VNodes as Readability sees it after its first preparation steps: <script>, <noscript> and <style>
 * gone, placeholder <img>s without any source gone, editable regions gone, <head> kept as an empty element.
 * (<font> is still <font>: Readability turns it into <span> only after it has turned <br><br> into paragraphs.)
 */
export function copyDocument(doc: Document, prune?: PrunePredicate): DocumentCopy | null {
  const htmlElement = doc.documentElement;
  const bodyElement = doc.body;
  if (!htmlElement || !bodyElement) return null;
  const copier = new Copier(prune);
  copier.ancestors.push('HTML');
  const html = new VNode(ELEMENT_NODE, 'HTML', htmlElement);
  let body: VNode | null = null;
  let bodyBrs: VNode[] = [];
  // Browsers always parse <html> into <head> and <body>; a lenient parser (linkedom) may leave stray elements or a
  // second <body> beside them. Readability walks all of it, so copy all of it.
  for (let child = htmlElement.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) html.append(new VNode(TEXT_NODE, '', child, (child as Text).data));
    else if (child.nodeType === ELEMENT_NODE) {
      const element = child as Element;
      const tag = element.tagName.toUpperCase();
      if (tag === 'HEAD') html.append(new VNode(ELEMENT_NODE, 'HEAD', element));
      else if (!DROPPED_TAGS.has(tag)) {
        const brsBefore = copier.brs.length;
        const copy = copier.copy(element, false);
        html.append(copy);
        if (element === bodyElement) {
          body = copy;
          bodyBrs = copier.brs.slice(brsBefore);
        }
      }
    }
  }
  if (!body) {
    // A <body> that is not a child of <html>: copy it anyway.
    const brsBefore = copier.brs.length;
    body = copier.copy(bodyElement, false);
    html.append(body);
    bodyBrs = copier.brs.slice(brsBefore);
  }
  // Readability turns <br><br> into paragraphs in the <body> only, and every <font> into a <span>.
  return { html, body, brs: bodyBrs, fonts: copier.fonts };
}

/**
 * Copies an open shadow root as if it were a document whose <body> holds the shadow tree: Readability then sees the
 * tree's top-level elements as the body's children, which is what they are on screen (the host's content). The <html>
 * and <body> copies stand for no page element (`live` null), so no attribute of the host or the page is read for them.
 */
export function copyShadowRoot(root: ShadowRoot, prune?: PrunePredicate): DocumentCopy {
  const copier = new Copier(prune);
  const html = new VNode(ELEMENT_NODE, 'HTML', null);
  html.append(new VNode(ELEMENT_NODE, 'HEAD', null));
  const body = new VNode(ELEMENT_NODE, 'BODY', null);
  html.append(body);
  copier.ancestors.push('HTML', 'BODY');
  copier.copyChildren(root, body, false);
  return { html, body, brs: copier.brs, fonts: copier.fonts };
}

/** A deep copy of `element` (see `copyDocument` for what is left out), with its <br>s and <font>s listed. */
export function copyElement(element: Element): { node: VNode; brs: VNode[]; fonts: VNode[] } {
  const copier = new Copier();
  const node = copier.copy(element, false);
  return { node, brs: copier.brs, fonts: copier.fonts };
}

class Copier {
  readonly brs: VNode[] = [];
  readonly fonts: VNode[] = [];
  /** Tags of the elements above the one being copied. */
  readonly ancestors: string[] = [];

  constructor(private readonly prune?: PrunePredicate) {}

  copy(element: Element, foreign: boolean): VNode {
    const upper = element.tagName.toUpperCase();
    // jsdom (which produced Readability's expectations) reports lower-case tag names for SVG and MathML elements, so
    // Readability's upper-case tag lists never match them: do the same.
    const isForeign = foreign || upper === 'SVG' || upper === 'MATH';
    const tag = isForeign ? element.localName : upper;
    const node = new VNode(ELEMENT_NODE, tag, element);
    if (element.matches(NOTABLE_ATTRIBUTES)) this.readAttributes(element, node);
    if (this.prune && this.prune(node, this.ancestors)) {
      node.flags |= STUB;
      return node;
    }
    if (tag === 'BR') this.brs.push(node);
    else if (tag === 'FONT') this.fonts.push(node);
    if (tag === 'TEMPLATE') return node; // its content is not its children in a browser
    this.ancestors.push(tag);
    this.copyChildren(element, node, isForeign);
    this.ancestors.pop();
    return node;
  }

  /** Copies the children of `parent` (an element, or a shadow root standing for a body) under `node`. */
  copyChildren(parent: Node, node: VNode, foreign: boolean): void {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      const type = child.nodeType;
      if (type === TEXT_NODE) node.append(new VNode(TEXT_NODE, '', child, (child as Text).data));
      else if (type === ELEMENT_NODE) {
        const el = child as Element;
        const childTag = el.tagName.toUpperCase();
        if (DROPPED_TAGS.has(childTag)) continue;
        if (childTag === 'IMG' && isPlaceholderImage(el)) continue;
        node.append(this.copy(el, foreign));
      } else if (type === COMMENT_NODE) node.append(new VNode(COMMENT_NODE, '', child, (child as Comment).data));
    }
  }

  private readAttributes(element: Element, node: VNode): void {
    let flags = 0;
    if (!isProbablyVisible(element)) flags |= HIDDEN;
    const role = element.getAttribute('role');
    if (role !== null) {
      flags |= HAS_ROLE;
      node.role = role;
      if (role === 'dialog' && element.getAttribute('aria-modal') === 'true') flags |= MODAL;
    }
    const itemprop = element.getAttribute('itemprop');
    if (element.getAttribute('rel') === 'author' || (itemprop && itemprop.includes('author'))) flags |= AUTHOR_ATTRIBUTE;
    // The reader's own input is never article text (nor ever touched): it goes as if hidden.
    if (EDITABLE.has(element.getAttribute('contenteditable')?.toLowerCase() ?? 'false')) flags |= HIDDEN | EDITABLE_FLAG;
    node.flags |= flags;
  }
}

/** Readability's `_unwrapNoscriptImages` removes <img>s with no source of any kind (lazy-loading placeholders). */
export function isPlaceholderImage(img: Element): boolean {
  if (img.matches(IMAGE_SOURCE)) return false;
  for (const attr of Array.from(img.attributes)) if (IMAGE_URL.test(attr.value)) return false;
  // Its <noscript> twin (if any) puts a real image back in the same place.
  let next = img.nextSibling;
  while (next && next.nodeType !== ELEMENT_NODE) next = next.nextSibling;
  return !(next && (next as Element).localName === 'noscript');
}
