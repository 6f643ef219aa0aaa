// Paints ranges with the CSS Custom Highlight API: one named Highlight per kind, and no change to the page's DOM.
import type { FindingKind } from '../core/findings';

/** `focus` marks the one flag whose card is open. */
export type HighlightKind = FindingKind | 'annotation' | 'focus';
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ['attribution', 'boilerplate', 'loaded', 'annotation', 'focus'];

/** Registry names that user style sheets and tests can address, e.g. ::highlight(margin-loaded). */
export const highlightName = (kind: HighlightKind) => `margin-${kind}`;

export const supportsHighlights = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

export class HighlightPainter {
  private readonly ranges = new Map<HighlightKind, Range[]>();
  private visible = true;

  set(kind: HighlightKind, ranges: Range[]): void {
    this.ranges.set(kind, ranges);
    this.paint(kind);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    for (const kind of HIGHLIGHT_KINDS) this.paint(kind);
  }

  clear(): void {
    // Only what we registered: on a page without an article nothing was, and the registry's first use from a content
    // script costs milliseconds.
    if (this.ranges.size === 0) return;
    const painted = [...this.ranges.keys()];
    this.ranges.clear();
    if (supportsHighlights()) for (const kind of painted) CSS.highlights.delete(highlightName(kind));
  }

  private paint(kind: HighlightKind): void {
    if (!supportsHighlights()) return;
    const ranges = this.ranges.get(kind) ?? [];
    if (!this.visible || ranges.length === 0) {
      CSS.highlights.delete(highlightName(kind));
      return;
    }
    const highlight = new Highlight(...ranges);
    // The focused flag sits above annotations, which sit above machine flags where they overlap.
    highlight.priority = kind === 'focus' ? 2 : kind === 'annotation' ? 1 : 0;
    CSS.highlights.set(highlightName(kind), highlight);
  }
}
