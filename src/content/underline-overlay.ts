// Firefox before 146 paints a ::highlight()'s colours but not its text-decoration, so there colour alone would tell a
// loaded term from an attribution: no cue for a reader who cannot tell the colours apart. There, the same underlines
// (dotted, wavy, double, solid, dashed) are drawn in an SVG in our closed shadow root, under the flagged words. The
// page's DOM gets nothing but our one host element, as for the flag card.
import type { HighlightKind } from './highlights';
import { readClock } from './slicer';
import type { UiHost } from './ui-host';

/** The first Firefox that paints text-decoration in ::highlight() (Firefox's bug 1845447; MDN's compat data). */
const FIRST_FIREFOX_WITH_DECORATIONS = 146;

/** Does this browser paint the underlines of highlights.css itself? Chromium always has; Firefox since 146. */
export function paintsHighlightDecorations(userAgent?: string): boolean {
  if (userAgent === undefined) {
    // The Chrome build knows without asking: the first read of `navigator` in a page costs start-up about 0.4 ms.
    if (import.meta.env.MODE === 'chrome') return true;
    userAgent = navigator.userAgent;
  }
  const firefox = /\bFirefox\/(\d+)/.exec(userAgent);
  return firefox === null || Number(firefox[1]) >= FIRST_FIREFOX_WITH_DECORATIONS;
}

interface Line {
  color: string;
  width: number;
  /** stroke-dasharray: dotted, dashed. */
  dash?: string;
  wavy?: boolean;
  double?: boolean;
}

/** The underlines of highlights.css, kind by kind. */
const LINES: Record<HighlightKind, Line> = {
  attribution: { color: 'rgb(40 100 230)', width: 2, dash: '2 2' },
  loaded: { color: 'rgb(215 95 0)', width: 1.5, wavy: true },
  boilerplate: { color: 'rgb(120 120 135)', width: 1, double: true },
  annotation: { color: 'rgb(190 150 0)', width: 2 },
  unsure: { color: 'rgb(190 150 0)', width: 2, dash: '5 3' },
  focus: { color: 'rgb(200 30 100)', width: 3 },
};
/** Drawing order: the focused flag's line over a note's, over a machine flag's (their highlights' priorities). */
const ORDER: readonly HighlightKind[] = ['attribution', 'boilerplate', 'loaded', 'annotation', 'unsure', 'focus'];
const SVG = 'http://www.w3.org/2000/svg';
/** A box more than this many times the height of the range's lowest line box is an element's, not a line of text. */
const MAX_LINE_HEIGHT_RATIO = 1.6;
/** Half a wave of the wavy line, and its height, in CSS pixels. */
const WAVE = 3;
const WAVE_HEIGHT = 1.5;

/**
 * A frame's share of drawing. Each flag's line boxes are read from the layout (about 30-110 µs a range in Firefox):
 * the book-length page's 2,000 flags took 64-225 ms in one frame, so a long page's lines are drawn over several.
 */
const FRAME_BUDGET_MS = 8;

/** A drawing under way: the kinds it redraws, in ORDER, and how far it has got. */
interface Drawing {
  kinds: HighlightKind[];
  at: number;
  /** The ranges of kinds[at] as they were when its drawing began (set() replaces the array, never changes it). */
  ranges: readonly Range[];
  next: number;
  d: string[];
}

/** What drawing cost a frame, for the tab's account of our work: `drawn` when a drawing ended in it. */
export type FrameReport = (ms: number, drawn: boolean) => void;

export class UnderlineOverlay {
  private readonly ranges = new Map<HighlightKind, Range[]>();
  private svg: SVGSVGElement | null = null;
  private readonly paths = new Map<HighlightKind, SVGPathElement>();
  /** Kinds whose line is to be drawn again: their ranges changed, or the page moved its text (then all of them). */
  private readonly stale = new Set<HighlightKind>();
  private drawing: Drawing | null = null;
  private frame = 0;
  private readonly resized: ResizeObserver;
  private observing = false;

  constructor(
    private readonly ui: UiHost,
    signal: AbortSignal,
    private readonly report?: FrameReport,
  ) {
    ui.addStyle('svg.underlines { position: absolute; left: 0; top: 0; width: 1px; height: 1px; overflow: visible; pointer-events: none; z-index: 2147483646; }');
    // The text moves when the page reflows (a narrower window, a web font arriving, an image loading above it).
    this.resized = new ResizeObserver(() => this.redraw(ORDER));
    // The page's own scrolling moves our SVG with the text; a box of the page that scrolls on its own does not.
    document.addEventListener('scroll', (event) => this.scrolled(event.target), { capture: true, passive: true, signal });
    signal.addEventListener('abort', () => {
      this.resized.disconnect();
      cancelAnimationFrame(this.frame);
      if (this.svg) this.ui.hide(this.svg);
    });
    void document.fonts?.ready.then(() => this.redraw(ORDER));
    removeOrphanedUnderlines();
  }

  set(kind: HighlightKind, ranges: readonly Range[]): void {
    if (ranges.length === 0 && !this.ranges.has(kind)) return;
    if (ranges.length === 0) this.ranges.delete(kind);
    else this.ranges.set(kind, [...ranges]);
    // Only this kind: the card's focus moving from flag to flag redraws one line, not the page's thousands.
    this.redraw([kind]);
  }

  private scrolled(target: EventTarget | null): void {
    if (!(target instanceof Element) || [...this.ranges.keys()].every((kind) => this.stale.has(kind))) return;
    for (const ranges of this.ranges.values()) {
      if (ranges.some((range) => target.contains(range.startContainer))) return this.redraw(ORDER);
    }
  }

  /** Drawn from the next frame on: several kinds set in one task are drawn, and laid out, once. */
  private redraw(kinds: readonly HighlightKind[]): void {
    for (const kind of kinds) this.stale.add(kind);
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = 0;
    const started = readClock();
    const drawing = this.drawing ?? this.begin();
    if (drawing) {
      const finished = this.drawFor(drawing, started);
      this.report?.(readClock() - started, finished);
    }
    // A drawing not finished goes on in the next frame; one finished may have left kinds that went stale meanwhile.
    if (this.drawing || this.stale.size > 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  /** Draws until the frame's share is spent; true when the drawing is finished. */
  private drawFor(drawing: Drawing, started: number): boolean {
    const svg = this.svg!;
    // Read in each frame: the boxes are in client coordinates, which the page's scrolling moves between frames.
    // Where our SVG's origin is on screen: the host's containing block may be the page's root or a positioned <html>.
    const place = { origin: svg.getBoundingClientRect(), clips: new ClipBoxes() };
    for (; drawing.at < drawing.kinds.length; drawing.at++, drawing.next = 0, drawing.d = []) {
      const kind = drawing.kinds[drawing.at]!;
      if (drawing.next === 0) drawing.ranges = this.ranges.get(kind) ?? [];
      const line = LINES[kind];
      while (drawing.next < drawing.ranges.length) {
        addLines(drawing.d, place, drawing.ranges[drawing.next++]!, line);
        if (readClock() - started >= FRAME_BUDGET_MS && drawing.next < drawing.ranges.length) return false;
      }
      const path = this.paths.get(kind);
      if (drawing.ranges.length === 0) {
        path?.remove();
        this.paths.delete(kind);
      } else (path ?? this.newPath(kind, line)).setAttribute('d', drawing.d.join(''));
    }
    // In ORDER, so that a focused flag's line lies over the rest.
    for (const kind of ORDER) {
      const path = this.paths.get(kind);
      if (path) svg.append(path);
    }
    this.drawing = null;
    return true;
  }

  /** A drawing of the stale kinds, or null when there is nothing to draw. */
  private begin(): Drawing | null {
    const kinds = ORDER.filter((kind) => this.stale.has(kind));
    this.stale.clear();
    if (kinds.length === 0) return null;
    if (this.ranges.size === 0) {
      if (this.svg) this.ui.hide(this.svg);
      for (const path of this.paths.values()) path.remove();
      this.paths.clear();
      this.resized.disconnect();
      this.observing = false;
      return null;
    }
    // The page removed our host: we do not put it back (the flags stay in the popup and the card; a card or button
    // shown later brings the host, and the lines, back).
    if (this.svg?.parentNode && !this.svg.isConnected) return null;
    this.ensureSvg();
    this.drawing = { kinds, at: 0, ranges: [], next: 0, d: [] };
    return this.drawing;
  }

  private ensureSvg(): SVGSVGElement {
    if (!this.svg) {
      this.svg = document.createElementNS(SVG, 'svg');
      this.svg.setAttribute('class', 'underlines');
      this.svg.setAttribute('aria-hidden', 'true');
    }
    this.ui.show(this.svg);
    // Once: observing again would report the size again, and draw again, in every frame.
    if (!this.observing) this.resized.observe(document.documentElement);
    this.observing = true;
    return this.svg;
  }

  private newPath(kind: HighlightKind, line: Line): SVGPathElement {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', line.color);
    path.setAttribute('stroke-width', String(line.width));
    if (line.dash) path.setAttribute('stroke-dasharray', line.dash);
    path.dataset.kind = kind;
    this.paths.set(kind, path);
    return path;
  }
}

/** Appends to `d` the line under each of the range's line boxes, in our SVG's coordinates. */
function addLines(d: string[], { origin, clips }: { origin: DOMRect; clips: ClipBoxes }, range: Range, line: Line): void {
  const clip = clips.of(range.commonAncestorContainer);
  for (const box of lineBoxes(range)) {
    // A line scrolled out of its box is not drawn over what is around the box; one partly in it is cut to it.
    if (box.bottom <= clip.top || box.bottom > clip.bottom) continue;
    const x1 = Math.max(box.left, clip.left) - origin.left;
    const x2 = Math.min(box.right, clip.right) - origin.left;
    if (x2 <= x1) continue;
    const y = box.bottom - origin.top - 1;
    d.push(line.wavy ? wave(x1, x2, y - WAVE_HEIGHT) : `M${x1.toFixed(1)} ${y.toFixed(1)}H${x2.toFixed(1)}`);
    if (line.double) d.push(`M${x1.toFixed(1)} ${(y - 3).toFixed(1)}H${x2.toFixed(1)}`);
  }
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const UNCLIPPED: Box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };

/**
 * Where the page's boxes that clip their overflow (an article in a box that scrolls on its own) let a node's text be
 * seen, in client coordinates: the intersection of their padding boxes. One draw's worth: the page scrolls and
 * reflows between draws. Not followed: an element positioned outside its clipping ancestor, which that box does not
 * clip (its underline is cut as if it did).
 */
class ClipBoxes {
  private readonly boxes = new Map<Element, Box>();
  private readonly bodyClips = getComputedStyle(document.documentElement).overflow !== 'visible';

  of(node: Node): Box {
    const chain: Element[] = [];
    let element = node instanceof Element ? node : node.parentElement;
    let box = UNCLIPPED;
    for (; element && element !== document.documentElement; element = parentOf(element)) {
      const known = this.boxes.get(element);
      if (known) {
        box = known;
        break;
      }
      chain.push(element);
    }
    // From the outermost unknown ancestor in, each one's box is its parent's cut by its own padding box.
    for (let i = chain.length - 1; i >= 0; i--) {
      box = this.cut(chain[i]!, box);
      this.boxes.set(chain[i]!, box);
    }
    return box;
  }

  private cut(element: Element, outer: Box): Box {
    // The body's overflow is the viewport's unless the root element sets its own (CSS Overflow 3, 3.3).
    if (element === document.body && !this.bodyClips) return outer;
    const style = getComputedStyle(element);
    const clipsX = style.overflowX !== 'visible';
    const clipsY = style.overflowY !== 'visible';
    if (!clipsX && !clipsY) return outer;
    const rect = element.getBoundingClientRect();
    const left = rect.left + element.clientLeft;
    const top = rect.top + element.clientTop;
    return {
      left: clipsX ? Math.max(outer.left, left) : outer.left,
      right: clipsX ? Math.min(outer.right, left + element.clientWidth) : outer.right,
      top: clipsY ? Math.max(outer.top, top) : outer.top,
      bottom: clipsY ? Math.min(outer.bottom, top + element.clientHeight) : outer.bottom,
    };
  }
}

/** An article in a shadow tree is clipped by its host's boxes too. */
function parentOf(element: Element): Element | null {
  const parent = element.parentNode;
  return parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
}

/**
 * Firefox stops the copy of this script that ran before the extension was updated or reloaded without letting it clean
 * up: its host would stay, and its underlines where the words were before the next reflow. Its closed shadow root is
 * open to us through Firefox's `openOrClosedShadowRoot` (content scripts only).
 */
function removeOrphanedUnderlines(): void {
  for (const element of [...document.documentElement.children]) {
    const root = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
    if (element.tagName === 'DIV' && root?.querySelector('svg.underlines')) element.remove();
  }
}

/** The boxes of the range's lines of text (a range over a whole block also gives the block's box, which is left out). */
function lineBoxes(range: Range): DOMRect[] {
  const boxes = [...range.getClientRects()].filter((box) => box.width > 0 && box.height > 0);
  if (boxes.length === 0) return boxes;
  const line = Math.min(...boxes.map((box) => box.height));
  return boxes.filter((box) => box.height <= line * MAX_LINE_HEIGHT_RATIO);
}

/** A zigzag under x1..x2 whose peaks are at y and troughs WAVE_HEIGHT * 2 below. */
function wave(x1: number, x2: number, y: number): string {
  let d = `M${x1.toFixed(1)} ${y.toFixed(1)}`;
  let down = true;
  for (let x = x1 + WAVE; x < x2 + WAVE; x += WAVE, down = !down) d += `L${Math.min(x, x2).toFixed(1)} ${(down ? y + 2 * WAVE_HEIGHT : y).toFixed(1)}`;
  return d;
}
