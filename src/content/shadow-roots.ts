// Finds the open shadow roots of a page, where web components may render an article the light DOM does not hold.
//
// A content script can read `element.shadowRoot` of an open root; closed roots return null and stay out of reach (by
// design of the platform: we do not use the browsers' privileged `openOrClosedShadowRoot`, which would read what the
// page chose to hide). No selector matches shadow hosts, so finding them means looking at elements one by one: the
// search stops after a fixed number of elements and roots, so a page with thousands of hosts, or a huge non-article
// page, costs a bounded few milliseconds (about 0.2 µs an element in both browsers). It runs only when the light DOM
// has no article.

/** Elements looked at, in all trees together, before the search gives up (about 2 ms cold). */
export const MAX_ELEMENTS_SCANNED = 10_000;
/** Open shadow roots returned at most. */
export const MAX_SHADOW_ROOTS = 64;

const DOCUMENT_FRAGMENT_NODE = 11;
/** NodeFilter.SHOW_ELEMENT, by value: the same code runs where the NodeFilter global is missing (linkedom). */
const SHOW_ELEMENT = 0x1;

export function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === DOCUMENT_FRAGMENT_NODE && !!(node as Partial<ShadowRoot>).host;
}

/**
 * The open shadow roots under `doc.body`, nested ones included, in tree order of their hosts, outer trees first
 * (a breadth-first search across trees). Bounded by MAX_ELEMENTS_SCANNED and MAX_SHADOW_ROOTS.
 */
export function openShadowRoots(doc: Document): ShadowRoot[] {
  const body = doc.body;
  if (!body || typeof doc.createTreeWalker !== 'function') return [];
  const roots: ShadowRoot[] = [];
  const trees: Array<Element | ShadowRoot> = [body];
  let budget = MAX_ELEMENTS_SCANNED;
  for (let t = 0; t < trees.length && budget > 0 && roots.length < MAX_SHADOW_ROOTS; t++) {
    const walker = doc.createTreeWalker(trees[t]!, SHOW_ELEMENT);
    for (let node = walker.nextNode(); node && budget > 0; node = walker.nextNode()) {
      budget--;
      const root = (node as Element).shadowRoot;
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
