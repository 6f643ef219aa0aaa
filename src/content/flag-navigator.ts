// Moves between flags: hovering one or stepping with the keyboard marks it and opens its card.
import type { Verdict } from '../core/annotation';
import type { Finding } from '../core/findings';
import type { FlagCard } from './flag-card';
import type { HighlightPainter } from './highlights';
import { isShadowRoot } from './shadow-roots';
import { t } from '../ui/i18n';

export interface PlacedFinding {
  finding: Finding;
  range: Range;
}

const SHOW_AFTER_MS = 150;
const HIDE_AFTER_MS = 400;

/**
 * The caret position under a point. `shadowRoots` are the shadow trees it may point into: Chromium otherwise stops at
 * their host (so flags in a shadow tree were never hovered); Firefox ESR 140 already answers inside open roots and
 * ignores the option.
 */
function caretAt(x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
  };
  if (doc.caretPositionFromPoint) {
    const position = shadowRoots.length > 0 ? doc.caretPositionFromPoint(x, y, { shadowRoots }) : doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

const isUnder = (range: Range, x: number, y: number) =>
  [...range.getClientRects()].some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);

export class FlagNavigator {
  private flags: PlacedFinding[] = [];
  private current = -1;
  /** Opens the card of the flag under the pointer, after a moment. */
  private showTimer = 0;
  /** Closes the card once the pointer has left its flag for a moment. */
  private hideTimer = 0;
  private pointer: { x: number; y: number } | null = null;
  private frame = 0;

  constructor(
    private readonly signal: AbortSignal,
    private readonly card: FlagCard,
    private readonly painter: HighlightPainter,
    /** Text offset of a DOM point in the article, or null outside it. */
    private readonly offsetAt: (node: Node, offset: number) => number | null,
    /** Whether the pointer is over our own UI (the open card), which keeps the card open. */
    private readonly isOwnUi: (target: EventTarget | null) => boolean,
    /** The reader's current verdict on a flag, shown on its card. */
    private readonly verdictOf: (finding: Finding) => Verdict | undefined,
  ) {
    signal.addEventListener('abort', () => {
      clearTimeout(this.showTimer);
      clearTimeout(this.hideTimer);
      cancelAnimationFrame(this.frame);
    });
  }

  /** Follows the pointer from now on: called once the page has an article, so other pages never run our handler. */
  listen(): void {
    document.addEventListener('pointermove', (event) => this.onPointerMove(event), { passive: true, signal: this.signal });
  }

  /**
   * New flags after a re-analysis or a verdict; the open card stays on its flag if that flag is still shown. A flag is
   * known by where it starts in the page's text nodes, not by its offset in the article: a paragraph a live blog puts
   * above it moves every offset and leaves the flag where it was. (Our ranges are live: they follow the page's edits.)
   */
  setFlags(flags: PlacedFinding[]): void {
    clearTimeout(this.showTimer); // its index was into the old list
    const open = this.current === -1 ? undefined : this.flags[this.current];
    this.flags = flags;
    const index = open
      ? flags.findIndex(({ finding, range }) => finding.ruleId === open.finding.ruleId && range.startContainer === open.range.startContainer && range.startOffset === open.range.startOffset)
      : -1;
    if (index === -1) this.unfocus();
    else this.focus(index, false);
  }

  next(): void {
    this.step(1);
  }

  previous(): void {
    this.step(-1);
  }

  /** The flag found at `start` by `ruleId` (the popup's list names it so), scrolled to with its card open. */
  show(start: number, ruleId: string): boolean {
    const index = this.flags.findIndex(({ finding }) => finding.start === start && finding.ruleId === ruleId);
    if (index !== -1) this.focus(index, true);
    return index !== -1;
  }

  unfocus(): void {
    this.current = -1;
    this.painter.set('focus', []);
    this.card.hide();
  }

  private step(direction: 1 | -1): void {
    if (this.flags.length === 0) return;
    const count = this.flags.length;
    this.focus(this.current === -1 ? (direction === 1 ? 0 : count - 1) : (this.current + direction + count) % count, true, true);
  }

  /** `byKeyboard`: the reader stepped here with a shortcut, so the keyboard goes to the card (Tab reaches its buttons). */
  private focus(index: number, scroll: boolean, byKeyboard = false): void {
    const flag = this.flags[index];
    if (!flag) return;
    this.current = index;
    const target = flag.range.startContainer.parentElement;
    if (scroll) target?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.painter.set('focus', [flag.range]);
    this.card.show(flag.finding, () => flag.range.getBoundingClientRect(), t('card_position', String(index + 1), String(this.flags.length)), this.verdictOf(flag.finding), scroll);
    if (byKeyboard) this.card.takeFocus();
  }

  private onPointerMove(event: PointerEvent): void {
    if (!event.isTrusted || this.flags.length === 0) return;
    if (this.isOwnUi(event.target)) {
      clearTimeout(this.showTimer);
      clearTimeout(this.hideTimer);
      return;
    }
    this.pointer = { x: event.clientX, y: event.clientY };
    if (!this.frame) this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.hover();
    });
  }

  /** At most once a frame: which flag, if any, is under the pointer. */
  private hover(): void {
    if (!this.pointer) return;
    const { x, y } = this.pointer;
    // The flags all live in the article's tree: a shadow tree when a web component renders the article.
    const tree = this.flags[0]?.range.startContainer.getRootNode();
    const caret = caretAt(x, y, tree && isShadowRoot(tree) ? [tree] : []);
    const offset = caret ? this.offsetAt(caret.node, caret.offset) : null;
    const index = offset === null ? -1 : this.flags.findIndex(({ finding, range }) => finding.start <= offset && offset <= finding.end && isUnder(range, x, y));
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    if (index === this.current) return;
    if (index === -1) {
      if (this.current !== -1) this.hideTimer = window.setTimeout(() => this.unfocus(), HIDE_AFTER_MS);
      return;
    }
    // While the reader is selecting text, a card would cover the Annotate button that follows the selection.
    if (getSelection()?.isCollapsed === false) return;
    this.showTimer = window.setTimeout(() => this.focus(index, false), SHOW_AFTER_MS);
  }
}
