// Paints ranges with the CSS Custom Highlight API: one named Highlight per kind, and no change to the page's DOM.
import type { FindingKind } from '../core/findings';

export type HighlightKind = FindingKind | 'annotation';
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ['attribution', 'boilerplate', 'loaded', 'annotation'];

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
    this.ranges.clear();
    if (supportsHighlights()) for (const kind of HIGHLIGHT_KINDS) CSS.highlights.delete(highlightName(kind));
  }

  private paint(kind: HighlightKind): void {
    if (!supportsHighlights()) return;
    const ranges = this.ranges.get(kind) ?? [];
    if (!this.visible || ranges.length === 0) {
      CSS.highlights.delete(highlightName(kind));
      return;
    }
    const highlight = new Highlight(...ranges);
    // Annotations sit above machine flags where they overlap.
    highlight.priority = kind === 'annotation' ? 1 : 0;
    CSS.highlights.set(highlightName(kind), highlight);
  }
}
