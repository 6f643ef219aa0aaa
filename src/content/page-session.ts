// One analysed page: the article's text map, its findings painted as highlights (less those the reader dismissed),
// and the reader's annotations anchored on it, or listed as orphans with the reason.
import { canonicalPageUrl, describeRange, LIMITS, type Annotation, type Verdict, type VerdictScope } from '../core/annotation';
import type { Finding } from '../core/findings';
import { DEFAULT_SETTINGS, isShownUnder, type Settings } from '../core/settings';
import { NO_ARTICLE_REASON } from '../ui/names';
import { isDismissed, verdictFor, type PlacedVerdict } from '../core/verdicts';
import type { AnalyzeReply, BackgroundResults, PageConfig, PageState, PipelineWork, PlacedAnnotation } from '../messages';
import { askBackground } from '../background-client';
import { FIRST_USE_STEPS } from '../extension-runtime';
import { loadArticleCode, type ArticleCode } from './article-loader';
import type { ArticleLocation } from './extract';
import type { PlacedFinding } from './flag-navigator';
import type { HighlightPainter } from './highlights';
import { paintFindings, runPipelineInTasks, type Analyser, type PipelineTimings } from './pipeline';
import { TaskClock } from './slicer';
import { isShadowRoot } from './shadow-roots';
import { pageOf } from './live-updates';
import type { TextMap } from './text-map';

interface Anchored {
  annotation: Annotation;
  span: { start: number; end: number } | null;
  /** Found by its words alone, or where another place fits as well: painted and listed as unsure. */
  unsure?: boolean;
  orphanReason?: string;
}

/**
 * The background analyses every article (messages.ts, page/analyze): the packs and the analyser never load into a
 * page. `askBackground` retries while a stopped background restarts; a page it cannot reach gets no flags.
 */
const analyseInBackground: Analyser<AnalyzeReply> = (text, lang) => askBackground('page/analyze', { text, lang });

export class PageSession {
  /** Our pipeline's tasks on this page, reported in the tab's state (the hostile suite and the benchmark read it). */
  private readonly work: PipelineWork = {
    tasks: 0,
    longestMs: 0,
    last: null,
    runs: 0,
    startupMs: 0,
    configWaitMs: 0,
    underlines: { drawings: 0, firstMs: 0, longestMs: 0 },
  };
  private article: ArticleLocation | null = null;
  private map: TextMap | null = null;
  /** The article-only code, with the map it made (article-loader.ts): here for anchoring the stored notes. */
  private code: ArticleCode | null = null;
  private analysis: AnalyzeReply | null = null;
  private placed: PlacedFinding[] = [];
  private shown: PlacedFinding[] = [];
  private stored: Annotation[] = [];
  private anchored: Anchored[] = [];
  private generation = 0;
  private notesRequest = 0;
  private notesPage: string | null = null;
  private focusTimer = 0;
  private dismissedCount = 0;
  private settings: Settings = DEFAULT_SETTINGS;
  /** False while the reader's site list keeps us off this page: nothing is analysed, painted or offered. */
  private running = true;
  /** The background's answer for this page (site list, settings): whether we run here. Null until it is needed. */
  private config: Promise<boolean> | null = null;

  constructor(
    private readonly signal: AbortSignal,
    private readonly painter: HighlightPainter,
  ) {
    signal.addEventListener('abort', () => clearTimeout(this.focusTimer));
  }

  get root(): Element | ShadowRoot | null {
    return this.article?.root ?? null;
  }

  /** The flags on screen: found on the page and not dismissed by the reader. */
  get flags(): PlacedFinding[] {
    return this.shown;
  }

  get runs(): boolean {
    return this.running;
  }

  /**
   * Whether we run on this page, as the background says (the reader's site list), with the settings to paint with.
   * Asked only by a page that passed the gate (pipeline.ts): a page without an article never wakes a stopped
   * background, which would read its packs and ready its analyser for nothing. Asked once, until `forgetConfig`.
   */
  private whetherRuns(): Promise<boolean> {
    this.config ??= this.askConfig();
    return this.config;
  }

  private async askConfig(): Promise<boolean> {
    const asked = performance.now();
    let config: PageConfig;
    try {
      config = await askBackground('page/config', {});
    } catch (error) {
      // The background did not answer after its retries: run with the defaults (the analysis will ask it again).
      console.debug('[margin] no config from the background', error);
      config = { runs: true, settings: DEFAULT_SETTINGS };
    }
    this.work.configWaitMs = performance.now() - asked;
    this.running = config.runs;
    this.settings = config.settings;
    return config.runs;
  }

  /**
   * The settings or the site list changed, or the page is back from the back/forward cache: the next analysis asks
   * again. Until then we count as running here, as on any page that has not asked.
   */
  forgetConfig(): void {
    this.config = null;
    this.running = true;
  }

  /**
   * Finds the article and paints the findings, one step per task; resolves false on a page without an article (or
   * where we are off). Only the latest run counts: one that a newer run (or the end of the content script) overtakes
   * stops at its next step and resolves undefined, leaving the state to the newer one.
   */
  async analyse(): Promise<boolean | undefined> {
    const run = ++this.generation;
    // Another story now: the notes and verdicts held are the one before's, never anchored on this one's text.
    if (this.notesPage !== null && this.needsNotes) this.forgetNotes();
    // Where the background has said we are off, the page is not even looked at.
    if (this.config && !(await this.config)) return run === this.generation ? this.stop() : undefined;
    const steps: Partial<PipelineTimings> = {};
    const clock = new TaskClock();
    // The config and the article-only code are fetched together, once the gate has passed the page.
    const access = { firstUse: FIRST_USE_STEPS, runs: () => this.whetherRuns(), load: loadArticleCode };
    const result = await runPipelineInTasks(document, this.painter, analyseInBackground, access, () => run === this.generation && !this.signal.aborted, steps, clock);
    this.count(clock, steps, result?.analysis.analysedMs ?? 0, result !== undefined);
    if (result === undefined) return undefined;
    if (!this.running) return this.stop();
    this.article = result?.article ?? null;
    this.map = result?.map ?? null;
    this.analysis = result?.analysis ?? null;
    this.placed = result?.placed ?? [];
    this.code = result?.code ?? null;
    this.reanchor();
    return result !== null;
  }

  /** Off on this page: nothing analysed, painted or anchored. */
  private stop(): false {
    this.article = null;
    this.map = null;
    this.analysis = null;
    this.placed = [];
    this.shown = [];
    this.anchored = [];
    this.painter.clear();
    return false;
  }

  /** The content script's top-level run, for the tab's state. */
  startedIn(ms: number): void {
    this.work.startupMs = ms;
  }

  /** A frame in which the underlines were drawn (underline-overlay.ts): a task of ours, as the pipeline's are. */
  drewUnderlines(ms: number, drawn: boolean): void {
    const underlines = this.work.underlines;
    this.work.tasks++;
    this.work.longestMs = Math.max(this.work.longestMs, ms);
    underlines.longestMs = Math.max(underlines.longestMs, ms);
    if (underlines.drawings === 0) underlines.firstMs += ms;
    if (drawn) underlines.drawings++;
  }

  private count(clock: TaskClock, steps: Partial<PipelineTimings>, backgroundMs: number, completed: boolean): void {
    this.work.tasks += clock.tasks;
    this.work.longestMs = Math.max(this.work.longestMs, clock.longestMs);
    if (!completed) return;
    const { extract = 0, textMap = 0, analyse = 0, highlight = 0, answerWait = 0 } = steps;
    this.work.last = { extract, textMap, analyse, highlight, pageMs: clock.busy(), longestMs: clock.longestMs, backgroundMs, answerWaitMs: answerWait };
    this.work.runs++;
  }

  /**
   * Fetches this page's annotations from the background (which takes the page from the address at the moment of
   * asking) and anchors them. Only the latest request's answer is kept: an earlier one may be for the story before.
   */
  async loadAnnotations(): Promise<void> {
    const request = ++this.notesRequest;
    const page = pageOf(location.href);
    const stored = await askBackground('page/annotations', {});
    if (this.signal.aborted || request !== this.notesRequest) return;
    this.stored = stored;
    this.notesPage = page;
    this.reanchor();
  }

  /** Whether the notes of the address the page shows now are still to be loaded. */
  get needsNotes(): boolean {
    return this.notesPage !== pageOf(location.href);
  }

  /** The page moved to another address: its notes and verdicts are not this one's (the next load brings those). */
  forgetNotes(): void {
    this.notesRequest++;
    this.stored = [];
    this.notesPage = null;
  }

  verdictOf(finding: Finding): Verdict | undefined {
    return verdictFor(finding, this.verdicts())?.annotation.flag?.verdict;
  }

  /**
   * Stores the reader's verdict on a flag; a dismissal hides the flag at once. A flag has one verdict record per page:
   * a new choice on it (confirmed, then dismissed on the site) rewrites that record rather than adding a second.
   */
  async giveVerdict(finding: Finding, verdict: Verdict, scope: VerdictScope): Promise<void> {
    if (!this.map) return;
    const { quote, position } = describeRange(this.map.text, finding.start, finding.end);
    // A verdict made on another page reaches this one without its address: it is that page's record, not ours to rewrite.
    const earlier = verdictFor(finding, this.verdicts())?.annotation;
    const page = this.notesPage;
    const saved = await askBackground('page/verdict', {
      id: earlier && earlier.page !== '' ? earlier.id : crypto.randomUUID(),
      pageTitle: this.title().slice(0, 500),
      quote,
      position,
      fingerprint: this.textFingerprint(),
      flag: { ruleId: finding.ruleId, packVersion: (this.analysis?.packVersion ?? '').slice(0, LIMITS.packVersion), verdict, scope },
    });
    // Stored for the story before, if the page has moved on meanwhile: not this story's verdict.
    if (this.signal.aborted || this.notesPage !== page) return;
    this.stored = [...this.stored.filter((a) => a.id !== saved.id), saved];
    this.reanchor();
  }

  private verdicts(): PlacedVerdict[] {
    return this.anchored.filter(({ annotation }) => annotation.flag);
  }

  private reanchor(): void {
    const text = this.map?.text ?? '';
    this.anchored = this.stored.map((annotation) => {
      if (!this.map || !this.code) return { annotation, span: null, orphanReason: NO_ARTICLE_REASON };
      const found = this.code.anchor(text, annotation.quote, annotation.position);
      if (found.status === 'orphan') return { annotation, span: null, orphanReason: found.reason };
      return { annotation, span: { start: found.start, end: found.end }, ...(found.confirmed ? {} : { unsure: true }) };
    });
    const verdicts = this.verdicts();
    const kept = this.placed.filter(({ finding }) => !isDismissed(finding, verdicts));
    this.dismissedCount = this.placed.length - kept.length;
    this.shown = kept.filter(({ finding }) => isShownUnder(finding, this.settings));
    paintFindings(this.painter, this.shown);
    const notes = this.anchored.filter(({ annotation, span }) => span && !annotation.flag);
    const rangesOf = (placed: Anchored[]) =>
      placed.map(({ span }) => this.map?.rangeFor(span!.start, span!.end) ?? null).filter((range): range is Range => range !== null);
    this.painter.set('annotation', rangesOf(notes.filter(({ unsure }) => !unsure)));
    this.painter.set('unsure', rangesOf(notes.filter(({ unsure }) => unsure)));
  }

  /** Scrolls to an annotation and marks it for a moment; false when it is not on the page. */
  scrollTo(id: string): boolean {
    const found = this.anchored.find(({ annotation }) => annotation.id === id);
    const range = found?.span && this.map?.rangeFor(found.span.start, found.span.end);
    if (!range) return false;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    this.painter.set('focus', [range]);
    clearTimeout(this.focusTimer);
    this.focusTimer = window.setTimeout(() => this.painter.set('focus', []), 2000);
    return true;
  }

  offsetAt(node: Node, offset: number): number | null {
    if (!this.map || !this.article?.root.contains(node)) return null;
    return this.map.offsetOf(node, offset);
  }

  /** The article offsets of the reader's current selection, if it lies in the article. */
  selectionInArticle(): { start: number; end: number; rect: DOMRect } | null {
    // The article first: a page without one never reads the selection (the first getSelection() of a page, about a
    // millisecond cold, would be all the rest of its work).
    if (!this.map || !this.article) return null;
    const selection = getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    // (Not selection.isCollapsed: Chromium says true for a selection inside a shadow tree, judged from the light DOM.)
    const range = selectedRange(selection, this.article.root);
    if (!range || range.collapsed || !this.article.root.contains(range.commonAncestorContainer)) return null;
    const offsets = this.map.offsetsOfRange(range);
    return offsets ? { ...offsets, rect: range.getBoundingClientRect() } : null;
  }

  /**
   * Stores the selection as a draft in the background and returns its id (which becomes the annotation's id) and
   * where the note will be kept.
   */
  async draft(offsets: { start: number; end: number }): Promise<BackgroundResults['page/draft'] | null> {
    if (!this.map) return null;
    const id = crypto.randomUUID();
    const { quote, position } = describeRange(this.map.text, offsets.start, offsets.end);
    return askBackground('page/draft', { id, pageTitle: this.title().slice(0, 500), quote, position, fingerprint: this.textFingerprint() });
  }

  /** The article text's fingerprint, as the background computed it with the analysis ('' without an article). */
  private textFingerprint(): string {
    return this.analysis?.fingerprint ?? '';
  }

  private title(): string {
    return this.article?.title ?? document.title;
  }

  state(): PageState {
    // The page's own notes (not dismissals reaching it from elsewhere on the site), by the address the store uses.
    const page = canonicalPageUrl(location.href);
    const annotations: PlacedAnnotation[] = this.anchored
      .filter(({ annotation }) => annotation.page === page)
      .map(({ annotation, span, unsure, orphanReason }) => ({
        ...annotation,
        anchored: span !== null,
        ...(unsure ? { unsure } : {}),
        ...(orphanReason ? { orphanReason } : {}),
        ...(annotation.fingerprint && this.map && annotation.fingerprint !== this.textFingerprint() ? { articleEdited: true } : {}),
      }));
    return {
      url: location.href,
      title: this.title(),
      article: this.map ? { words: this.map.text.match(/\S+/g)?.length ?? 0, ...(this.map.truncated ? { truncated: true as const } : {}) } : null,
      analysis: this.analysis ? { ledger: this.analysis.ledger, promotionalShare: this.analysis.promotionalShare } : null,
      findings: this.shown.map(({ finding }) => finding),
      dismissed: this.dismissedCount,
      ...(this.analysis?.findingsCut ? { findingsCut: this.analysis.findingsCut } : {}),
      annotations,
      work: { ...this.work, last: this.work.last && { ...this.work.last }, underlines: { ...this.work.underlines } },
      ...(this.running ? {} : { off: true as const }),
    };
  }
}

type ComposedSelection = Selection & { getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[] };

/**
 * The selected range, seen from the article's tree. For a selection inside a shadow tree, Chromium's `getRangeAt`
 * answers with a range around the host in the light DOM; `getComposedRanges` with the article's shadow root gives the
 * range inside it. (Firefox ESR 140 has no getComposedRanges, and its getRangeAt already answers inside open roots.)
 */
function selectedRange(selection: Selection, root: Element | ShadowRoot): Range | null {
  const tree = root.getRootNode();
  const composed = (selection as ComposedSelection).getComposedRanges;
  if (!isShadowRoot(tree) || typeof composed !== 'function') return selection.getRangeAt(0);
  const inside = composed.call(selection, { shadowRoots: [tree] })[0];
  if (!inside) return null;
  const range = document.createRange();
  range.setStart(inside.startContainer, inside.startOffset);
  range.setEnd(inside.endContainer, inside.endOffset);
  return range;
}
