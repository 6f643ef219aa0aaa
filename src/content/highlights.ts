// Paints ranges with the CSS Custom Highlight API: one named Highlight per kind, and no change to the page's DOM.
import type { FindingKind } from '../core/findings';

/** `focus` marks the one flag whose card is open; `unsure` a note found again by its words alone (it may have moved). */
export type HighlightKind = FindingKind | 'annotation' | 'unsure' | 'focus';
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ['attribution', 'boilerplate', 'loaded', 'annotation', 'unsure', 'focus'];

/** Registry names that user style sheets and tests can address, e.g. ::highlight(margin-loaded). */
export const highlightName = (kind: HighlightKind) => `margin-${kind}`;

export const supportsHighlights = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

/** Something that draws what ::highlight() cannot paint in this browser (underline-overlay.ts). */
export interface Decorations {
  set(kind: HighlightKind, ranges: readonly Range[]): void;
}
/** Makes the decorations when something is first painted: their code is article-only (article-code.ts). */
export type DecorationsLoader = () => Promise<Decorations>;

export class HighlightPainter {
  private readonly ranges = new Map<HighlightKind, Range[]>();
  /** The kinds we have a Highlight registered for. */
  private readonly registered = new Set<HighlightKind>();
  private visible = true;

  private decorations: Decorations | undefined;
  private decorationsLoading = false;

  constructor(private readonly loadDecorations?: DecorationsLoader) {}

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
    for (const kind of this.registered) this.unregister(kind);
  }

  private paint(kind: HighlightKind): void {
    const ranges = this.ranges.get(kind) ?? [];
    if (!this.visible || ranges.length === 0) {
      // Only what we registered: on a page with nothing to paint the registry is never touched (its first use from a
      // content script costs milliseconds).
      this.unregister(kind);
      return;
    }
    if (!supportsHighlights()) return;
    const highlight = new Highlight(...ranges);
    // The focused flag sits above annotations, which sit above machine flags where they overlap.
    highlight.priority = kind === 'focus' ? 2 : kind === 'annotation' || kind === 'unsure' ? 1 : 0;
    CSS.highlights.set(highlightName(kind), highlight);
    this.registered.add(kind);
    this.decorations?.set(kind, ranges);
    if (this.loadDecorations && !this.decorations && !this.decorationsLoading) {
      this.decorationsLoading = true;
      void this.loadDecorations().then((decorations) => {
        this.decorations = decorations;
        for (const registered of this.registered) decorations.set(registered, this.ranges.get(registered) ?? []);
      }, () => (this.decorationsLoading = false));
    }
  }

  private unregister(kind: HighlightKind): void {
    if (!this.registered.delete(kind)) return;
    CSS.highlights.delete(highlightName(kind));
    this.decorations?.set(kind, []);
  }
}
