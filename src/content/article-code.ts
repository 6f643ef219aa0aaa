// The code only article pages run, loaded by the content script once the gate has passed (article-loader.ts): the
// extraction proper, the text map, the anchoring of stored notes, and the underlines Firefox ESR cannot paint. Pages
// without an article, most of what a reader opens, never compile it: evaluating the whole content script cost every
// page 7-8 ms of CPU (bench/README.md).
import { UnderlineOverlay as Overlay } from './underline-overlay';

export { findArticleSteps } from './extract';
export { TextMap } from './text-map';
export { anchor } from '../core/anchor';

/**
 * Chromium paints the highlights' underlines itself, and its build knows it (paintsHighlightDecorations): the Chrome
 * build leaves the overlay out of a module that V8 compiles whole on every article page (5 of its 65 KB).
 */
export const UnderlineOverlay = import.meta.env.MODE === 'chrome' ? null : Overlay;
