// One analysed page: the article's text map, its findings painted as highlights, and the reader's annotations anchored on it.
import { anchor } from '../core/anchor';
import { describeRange, type Annotation } from '../core/annotation';
import type { Analysis } from '../core/findings';
import type { PageState } from '../messages';
import { askBackground } from '../background-client';
import type { ArticleLocation } from './extract';
import type { PlacedFinding } from './flag-navigator';
import type { HighlightPainter } from './highlights';
import { runPipeline } from './pipeline';
import type { TextMap } from './text-map';

type AnchoredAnnotation = Annotation & { anchored: boolean; start?: number; end?: number };

export class PageSession {
  private article: ArticleLocation | null = null;
  private map: TextMap | null = null;
  private analysis: Analysis | null = null;
  private placed: PlacedFinding[] = [];
  private stored: Annotation[] = [];
  private annotations: AnchoredAnnotation[] = [];

  constructor(
    private readonly signal: AbortSignal,
    private readonly painter: HighlightPainter,
  ) {}

  get root(): Element | null {
    return this.article?.root ?? null;
  }

  get flags(): PlacedFinding[] {
    return this.placed;
  }

  /** Finds the article and paints the findings; returns false on a page without an article. */
  analyse(): boolean {
    const result = runPipeline(document, this.painter);
    this.article = result?.article ?? null;
    this.map = result?.map ?? null;
    this.analysis = result?.analysis ?? null;
    this.placed = result?.placed ?? [];
    this.paintAnnotations();
    return result !== null;
  }

  /** Fetches this page's annotations from the background (which knows the page from the sender) and anchors them. */
  async loadAnnotations(): Promise<void> {
    const stored = await askBackground('page/annotations', {});
    if (this.signal.aborted) return;
    this.stored = stored;
    this.paintAnnotations();
  }

  private paintAnnotations(): void {
    const text = this.map?.text ?? '';
    this.annotations = this.stored.map((annotation) => {
      const found = anchor(text, annotation.quote, annotation.position);
      return found.status === 'anchored' ? { ...annotation, anchored: true, start: found.start, end: found.end } : { ...annotation, anchored: false };
    });
    const ranges = this.annotations
      .filter((a) => a.anchored)
      .map((a) => this.map?.rangeFor(a.start!, a.end!) ?? null)
      .filter((range): range is Range => range !== null);
    this.painter.set('annotation', ranges);
  }

  offsetAt(node: Node, offset: number): number | null {
    if (!this.map || !this.article?.root.contains(node)) return null;
    return this.map.offsetOf(node, offset);
  }

  /** The article offsets of the reader's current selection, if it lies in the article. */
  selectionInArticle(): { start: number; end: number; rect: DOMRect } | null {
    const selection = getSelection();
    if (!this.map || !this.article || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!this.article.root.contains(range.commonAncestorContainer)) return null;
    const offsets = this.map.offsetsOfRange(range);
    return offsets ? { ...offsets, rect: range.getBoundingClientRect() } : null;
  }

  /** Stores the selection as a draft in the background and returns its id (which becomes the annotation's id). */
  async draft(offsets: { start: number; end: number }): Promise<string | null> {
    if (!this.map) return null;
    const id = crypto.randomUUID();
    const { quote, position } = describeRange(this.map.text, offsets.start, offsets.end);
    await askBackground('page/draft', { id, pageTitle: (this.article?.title ?? document.title).slice(0, 500), quote, position });
    return id;
  }

  state(): PageState {
    const words = this.map ? (this.map.text.match(/\S+/g)?.length ?? 0) : 0;
    return {
      url: location.href,
      title: this.article?.title ?? document.title,
      article: this.map ? { words } : null,
      analysis: this.analysis ? { ledger: this.analysis.ledger, promotionalShare: this.analysis.promotionalShare } : null,
      findings: this.analysis?.findings ?? [],
      annotations: this.annotations.map(({ start: _s, end: _e, ...rest }) => rest),
    };
  }
}
