// Finds the open shadow roots of a page, where web components may render an article the light DOM does not hold.
//
// A content script can read `element.shadowRoot` of an open root; closed roots return null and stay out of reach (by
// design of the platform: we do not use the browsers' privileged `openOrClosedShadowRoot`, which would read what the
// page chose to hide). No selector matches shadow hosts, so finding them means looking at elements one by one: the
// search stops after a fixed number of elements and roots, so a page with thousands of hosts, or a huge non-article
// page, costs a bounded few milliseconds (about 0.2 µs an element in both browsers, 0.5 µs from a content script's
// isolated world). It runs only when the light DOM has no article and little text: a page built of web components
// keeps its text in their shadow trees, while a page with long text of its own that is no article (a manual, a list)
// is what it seems, and would pay for the whole search for nothing (5 ms measured on such a page). And only on a page
// that may hold a custom element, which XPath finds without a wrapper: on a page of a few hundred elements and none,
// the search was half of what the page cost us (0.6-1.0 ms of mozilla-2's 1.3-2.3 ms).

/** Elements looked at, in all trees together, before the search gives up (about 2 ms cold). */
export const MAX_ELEMENTS_SCANNED = 10_000;
/** Open shadow roots returned at most. */
export const MAX_SHADOW_ROOTS = 64;
/** Characters of text in the light DOM (scripts and styles left out) from which shadow roots are not searched. */
export const MAX_LIGHT_TEXT = 20_000;

const DOCUMENT_FRAGMENT_NODE = 11;

export function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === DOCUMENT_FRAGMENT_NODE && !!(node as Partial<ShadowRoot>).host;
}

const NOT_TEXT = ['script', 'style', 'noscript', 'template'];

/**
 * Whether the light DOM holds so much text of its own that an article in a shadow tree is not worth looking for: the
 * text of the body's elements, less what scripts and styles hold. The elements are read one by one, only as far as
 * needed: the text of the whole body is a string as long as the page (0.85 ms on mathjax's 116,000 characters, where
 * its first nine elements hold 27,000). Scripts and styles are measured only once the threshold is passed. Text
 * directly in the body is left out (on real pages, the white space between its elements): reading it would give
 * every page its first Text node wrappers, 0.1-0.2 ms.
 */
export function hasMuchLightText(body: Element): boolean {
  let needed = MAX_LIGHT_TEXT;
  let hiddenCounted = false;
  let length = 0;
  const children = body.children;
  for (let i = 0, child = children[0]; child; child = children[++i]) {
    length += child.textContent?.length ?? 0;
    if (length < needed) continue;
    if (hiddenCounted) return true;
    hiddenCounted = true;
    for (const tag of NOT_TEXT) for (const hidden of Array.from(body.getElementsByTagName(tag))) needed += hidden.textContent?.length ?? 0;
    if (length >= needed) return true;
  }
  return false;
}

/** XPathResult.BOOLEAN_TYPE, not read from the global: the unit tests' DOM has no XPath. */
const XPATH_BOOLEAN = 3;

/**
 * Whether an element under `body` may be a custom element (a name with a hyphen): what web components render into,
 * and the hosts of the shadow trees an article could be in. XPath answers it in native code, so that no element needs
 * a wrapper: a page without one is not searched for shadow roots at all. But XPath walks the whole tree (about 0.1 µs
 * an element in Chromium, 100 ms on a million), so only a page within the search's own budget is asked; a bigger one
 * may, and is searched as far as that budget goes. Where the DOM has no XPath, it may too.
 */
function mayHoldCustomElement(body: Element): boolean {
  const doc = body.ownerDocument;
  if (typeof doc.evaluate !== 'function' || body.getElementsByTagName('*')[MAX_ELEMENTS_SCANNED]) return true;
  return doc.evaluate("boolean(.//*[contains(local-name(), '-')])", body, null, XPATH_BOOLEAN, null).booleanValue;
}

/**
 * The open shadow roots where an article could be: none on a page whose light DOM has much text of its own, or no
 * custom element at all (a shadow root on a built-in element, which the platform allows on `<div>` and a dozen more,
 * is what widgets and other extensions use, not web components that render a page's content).
 */
export function articleShadowRoots(doc: Document): ShadowRoot[] {
  const body = doc.body;
  if (!body || hasMuchLightText(body) || !mayHoldCustomElement(body)) return [];
  return openShadowRoots(doc);
}

/**
 * The open shadow roots under `doc.body`, nested ones included, in tree order of their hosts, outer trees first
 * (a breadth-first search across trees). Bounded by MAX_ELEMENTS_SCANNED and MAX_SHADOW_ROOTS.
 */
export function openShadowRoots(doc: Document): ShadowRoot[] {
  const body = doc.body;
  if (!body) return [];
  const roots: ShadowRoot[] = [];
  const trees: Array<Element | ShadowRoot> = [body];
  let budget = MAX_ELEMENTS_SCANNED;
  for (let t = 0; t < trees.length && budget > 0 && roots.length < MAX_SHADOW_ROOTS; t++) {
    const tree = trees[t]!;
    // All elements below, in tree order. The light DOM's as a live collection, which the gate has used already and
    // which is read only as far as the budget goes (a TreeWalker's first use alone costs ~0.3 ms); a shadow root has
    // no getElementsByTagName.
    const elements = 'getElementsByTagName' in tree ? tree.getElementsByTagName('*') : tree.querySelectorAll('*');
    for (let i = 0, element = elements[0]; element && budget > 0; element = elements[++i]) {
      budget--;
      const root = element.shadowRoot;
      if (!root) continue;
      roots.push(root);
      trees.push(root);
      if (roots.length >= MAX_SHADOW_ROOTS) break;
    }
  }
  return roots;
}

/** The element or shadow root a node's lang comes from: climbs out of shadow trees through their hosts. */
export function languageOf(node: Node): string | null {
  for (let current: Node | null = node; current; ) {
    const element = current.nodeType === 1 ? (current as Element) : null;
    const owner = element?.closest('[lang]');
    if (owner) return owner.getAttribute('lang');
    if (typeof current.getRootNode !== 'function') return null;
    const top = current.getRootNode();
    current = isShadowRoot(top) ? top.host : null;
  }
  return null;
}
