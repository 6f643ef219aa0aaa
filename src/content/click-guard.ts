// A pointer click on our UI counts only once the element has stood still on screen for a moment. A page can move our
// Annotate button (by selecting text from its script) or a flag card (by where its text sits) under the reader's
// pointer just before a click it invited for something of its own: the reader never meant that click for us.
// Browsers guard their own prompts the same way. A click from the keyboard (Enter or Space on a focused button of
// ours, which the page cannot focus) always counts.

/** How long an element must have been shown where it is before a pointer click on it counts. */
export const SETTLE_MS = 300;

export class ClickGuard {
  private readonly placedAt = new WeakMap<Element, { at: number; top: string; left: string }>();

  /**
   * Call after showing or moving `element` (its position set in its inline style); a move restarts its wait, and so
   * does `fresh` (new content in the same place, such as another flag's card).
   */
  placed(element: HTMLElement | SVGElement, fresh = false): void {
    const { top, left } = element.style;
    const last = this.placedAt.get(element);
    if (!fresh && last && last.top === top && last.left === left) return;
    this.placedAt.set(element, { at: performance.now(), top, left });
  }

  /** Call when `element` is hidden: shown again, it waits again. */
  hidden(element: Element): void {
    this.placedAt.delete(element);
  }

  /** Whether a click on `element` (or inside it) is one the reader meant. */
  accepts(event: MouseEvent, element: Element): boolean {
    if (!event.isTrusted) return false;
    // A click the keyboard made has no pointer position (detail 0).
    if (event.detail === 0) return true;
    const placed = this.placedAt.get(element);
    return placed !== undefined && performance.now() - placed.at >= SETTLE_MS;
  }
}
