// The cheap gate in front of article extraction: does this page look like an article at all?
//
// Mozilla Readability's `isProbablyReaderable` (Apache-2.0, https://github.com/mozilla/readability), the check behind
// Firefox's Reader View button: some visible paragraph-like element with at least 140 characters, and enough of them
// (sum of sqrt(length - 140) over 20). One querySelectorAll and textContent lengths; it stops at the first proof.
// Visibility comes from attributes only (inline style, `hidden`, `aria-hidden`), never from layout. One addition:
// paragraphs inside an editable region do not count.

import { isProbablyVisible, MAYBE_CANDIDATE, UNLIKELY_CANDIDATES } from './gate-signals';

/** A paragraph shorter than this does not count towards "readerable". */
const MIN_CONTENT_LENGTH = 140;
/** Sum of sqrt(length - MIN_CONTENT_LENGTH) over long paragraphs needed to call the page an article. */
const MIN_SCORE = 20;

const EDITABLE = '[contenteditable]:not([contenteditable="false" i])';

/**
 * `root`: the document; on a huge page the element extraction is narrowed to (extract-scope.ts); or an open shadow
 * root, tested on its tree alone.
 */
export function isProbablyReaderable(doc: Document | Element | ShadowRoot): boolean {
  let score = 0;
  for (const list of candidateLists(doc)) {
    const nodes = list();
    // Indexing a live collection walks the page only as far as needed (reading its length would walk all of it):
    // an article's first paragraphs usually settle the question.
    for (let i = 0, node = nodes[0]; node; node = nodes[++i]) {
      // The length first: most paragraphs of a page that is no article are short, and this test compiles nothing.
      const length = (node.textContent ?? '').trim().length;
      if (length < MIN_CONTENT_LENGTH) continue;
      if (!isProbablyVisible(node, false)) continue;
      const className = node.getAttribute('class');
      const id = node.getAttribute('id');
      if (className || id) {
        const matchString = (className ?? '') + ' ' + (id ?? '');
        if (UNLIKELY_CANDIDATES.test(matchString) && !MAYBE_CANDIDATE.test(matchString)) continue;
      }
      if (node.matches('li p')) continue;
      // Not Readability's rule, ours: what the reader is typing is never an article.
      if (node.closest(EDITABLE)) continue;
      score += Math.sqrt(length - MIN_CONTENT_LENGTH);
      if (score > MIN_SCORE) return true;
    }
  }
  return false;
}

/**
 * Readability's `p, pre, article` and the parents of `div > br`, each read only if the ones before did not settle it.
 * The answer does not depend on their order (a sum over all of them against a threshold), so the tag names are read as
 * live collections: on a million-node page a few milliseconds where the selector list takes 22. A shadow root has no
 * getElementsByTagName: there the selectors.
 */
function candidateLists(root: Document | Element | ShadowRoot): Array<() => ArrayLike<Element>> {
  const brParents = (brs: ArrayLike<Element>) => {
    const parents = new Set<Element>();
    for (let i = 0, br = brs[0]; br; br = brs[++i]) if (br.parentElement?.localName === 'div') parents.add(br.parentElement);
    return Array.from(parents);
  };
  if (!('getElementsByTagName' in root)) return [() => root.querySelectorAll('p, pre, article'), () => brParents(root.querySelectorAll('div > br'))];
  return [() => root.getElementsByTagName('p'), () => root.getElementsByTagName('pre'), () => root.getElementsByTagName('article'), () => brParents(root.getElementsByTagName('br'))];
}
