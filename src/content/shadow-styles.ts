// Styles our highlights inside the shadow tree that holds the article. The document-level `::highlight()` rules
// (highlights.css, injected by the manifest) do not reach into shadow trees in Firefox (ESR 140: the ranges are
// registered but painted with nothing); Chromium applies them through highlight inheritance from the host. So, in both
// browsers alike, the same rules are added as a constructed style sheet to the shadow root's `adoptedStyleSheets`,
// after the page's own sheets: no node is added to the page's DOM, and the sheet holds `::highlight(margin-…)` rules
// only, so it changes nothing of the page's own look. It is removed when the article moves elsewhere and when the
// content script ends.
//
// Firefox: a content script sees the page's objects through Xray wrappers, which do not support observable-array
// attributes ("Accessing from Xray wrapper is not supported"; the length reads as undefined). There the list is read
// and written through the page's own view of the root (`wrappedJSObject`), so the page's `adoptedStyleSheets`
// accessors, if it replaced them, see that one call of ours: it can refuse it (our highlights are then registered but
// unstyled there) or learn that we are here, which it can already tell from the highlight registry (SECURITY.md).
// Chromium's isolated world needs none of this.
import HIGHLIGHT_CSS from './highlights.css?inline';
import { isShadowRoot } from './shadow-roots';

/** What Firefox gives content scripts to hand objects to the page (see the note above). */
type CloneInto = <T>(value: T, target: object, options: { wrapReflectors: boolean }) => T;

export class ShadowHighlightStyles {
  private sheet: CSSStyleSheet | null = null;
  private adoptedBy: ShadowRoot | null = null;

  constructor(signal: AbortSignal) {
    signal.addEventListener('abort', () => this.release());
  }

  /** After each analysis: the shadow root holding the article (if any) gets our sheet, any other one loses it. */
  follow(root: Element | ShadowRoot | null): void {
    const tree = root?.getRootNode();
    const shadow = tree && isShadowRoot(tree) ? tree : null;
    try {
      // The page may have replaced its sheets since (frameworks assign the whole list): then ours is added again.
      if (shadow === this.adoptedBy && (!shadow || (this.sheet && readSheets(shadow).includes(pageView(this.sheet))))) return;
      this.release();
      if (!shadow) return;
      if (!this.sheet) {
        this.sheet = new CSSStyleSheet();
        this.sheet.replaceSync(HIGHLIGHT_CSS);
      }
      writeSheets(shadow, [...readSheets(shadow), pageView(this.sheet)]);
      this.adoptedBy = shadow;
    } catch (error) {
      // The flags stay registered (and listed in the popup); only their look inside this tree is lost.
      console.debug('[margin] could not style highlights in the shadow root', error);
    }
  }

  private release(): void {
    const shadow = this.adoptedBy;
    this.adoptedBy = null;
    if (!shadow || !this.sheet) return;
    const ours = pageView(this.sheet);
    try {
      const sheets = readSheets(shadow);
      if (sheets.includes(ours)) writeSheets(shadow, sheets.filter((sheet) => sheet !== ours));
    } catch (error) {
      console.debug('[margin] could not remove our highlight styles from the shadow root', error);
    }
  }
}

/** The object as the page sees it (Firefox: without the Xray wrapper), so that identities compare across the two. */
function pageView<T extends object>(object: T): T {
  return (object as T & { wrappedJSObject?: T }).wrappedJSObject ?? object;
}

/** The root's adopted sheets as a plain array (by index: the page's list may not be iterable from here). */
function readSheets(shadow: ShadowRoot): CSSStyleSheet[] {
  const list = pageView(shadow).adoptedStyleSheets;
  const sheets: CSSStyleSheet[] = [];
  for (let i = 0; i < list.length; i++) sheets.push(list[i]!);
  return sheets;
}

function writeSheets(shadow: ShadowRoot, sheets: CSSStyleSheet[]): void {
  const cloneInto = (globalThis as { cloneInto?: CloneInto }).cloneInto;
  pageView(shadow).adoptedStyleSheets = cloneInto ? cloneInto(sheets, window, { wrapReflectors: true }) : sheets;
}
