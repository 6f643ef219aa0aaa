// The content script's work on a page:
// find the article, map its text, have it analysed, and turn findings into ranges painted as highlights.
import type { Analysis } from '../core/findings';
import { FINDING_KINDS } from '../core/findings';
import { ARTICLE_LIMITS } from '../messages';
import type { ArticleCode } from './article-loader';
import type { ArticleLocation } from './extract';
import { lightSearch, mayHoldArticle } from './extract-gate';
import type { PlacedFinding } from './flag-navigator';
import type { HighlightPainter } from './highlights';
import { TaskClock } from './slicer';
import type { TextMap } from './text-map';

export interface PipelineTimings {
  extract: number;
  textMap: number;
  analyse: number;
  highlight: number;
  /** Not a step on the page: how long the page waited for the analysis, from sending the text to the answer. */
  answerWait: number;
}

/**
 * Analyses an article's text with its lang attribute: in the extension the background does (page/analyze), so the
 * analyser and its packs never load into a page. A synchronous analyser (`analyzeArticle`, core/builtin-packs) works too.
 */
export type Analyser<A extends Analysis = Analysis> = (text: string, lang: string | null) => A | Promise<A>;

export interface PipelineResult<A extends Analysis = Analysis> {
  article: ArticleLocation;
  map: TextMap;
  analysis: A;
  placed: PlacedFinding[];
  /** The article-only code, loaded for this page (article-loader.ts). */
  code: ArticleCode;
}

/** What a page that passed the gate needs before it reads further, each asked for in a task of its own. */
export interface ArticleAccess {
  /** The extension API's first use, in steps (extension-runtime.ts FIRST_USE_STEPS); none where it is cheap. */
  firstUse?: ReadonlyArray<() => void>;
  /** Whether the background lets us read this page (the reader's site list). */
  runs(): Promise<boolean>;
  /** The article-only code (article-loader.ts). */
  load(): Promise<ArticleCode>;
}

/**
 * The pipeline as a generator of tasks: (gate) | (extract, in slices) | (text map) | (analyse) | (ranges + paint); on
 * a huge page the extraction's first slices count the page and narrow it. A page the gate turns down stops there; one
 * that passes asks whether it may be read and loads the article-only code (`access`), and reads no further where the
 * background says no. The driver runs each stretch between two yields as a task of its own and tells `clock`
 * (runPipelineInTasks), so a long page never holds the main thread for long; `clock.due()` says when the extraction's
 * loops should yield (slicer.ts). `timings` gets each step's time inside tasks; the waits between tasks are the page's
 * and are not counted.
 */
export function* pipelineSteps<A extends Analysis>(
  doc: Document,
  painter: HighlightPainter,
  analyser: Analyser<A>,
  /** Asked only of a page that passed the gate. */
  access: ArticleAccess,
  clock: TaskClock,
  timings?: Partial<PipelineTimings>,
): Generator<Promise<void> | undefined, PipelineResult<A> | null, void> {
  let lapStart = clock.busy();
  const lap = (step: keyof PipelineTimings) => {
    const busy = clock.busy();
    if (timings) timings[step] = (timings[step] ?? 0) + (busy - lapStart);
    lapStart = busy;
  };
  const light = lightSearch(doc);
  if (!mayHoldArticle(doc, light)) {
    lap('extract');
    painter.clear();
    return null;
  }
  // Asking whether we may read the page is its first use of the extension API, where Firefox builds its `browser`
  // object and the runtime namespace (6-36 ms measured); starting the module's load takes 1-4 ms more. Each in a task
  // of its own, after the gate's: in one task they were the longest task of ours on many article pages in Firefox.
  yield;
  for (const step of access.firstUse ?? []) {
    step();
    yield;
  }
  const runs = access.runs();
  yield;
  const loading = access.load();
  let loaded: ArticleCode | null = null;
  yield Promise.all([runs, loading]).then(([mayRead, module]) => {
    loaded = mayRead ? module : null;
  });
  // The reader's site list keeps us off the page: it is not read further.
  const code = loaded as ArticleCode | null;
  if (!code) {
    lap('extract');
    painter.clear();
    return null;
  }
  const article = yield* code.findArticleSteps(doc, light, clock);
  lap('extract');
  if (!article) {
    painter.clear();
    return null;
  }
  yield;
  const map = yield* code.TextMap.buildSteps(article.root, article.skip, ARTICLE_LIMITS.chars, clock);
  lap('textMap');
  // Analysing a long text is up to ~30 ms cold (the hostile suite's 100 KB paragraph): a task of its own.
  yield;
  // The pack follows the article's language: its lang attribute (or the page's), else detection from the text.
  const asked = performance.now();
  const answer = analyser(map.text, article.lang);
  lap('analyse');
  let analysis: A;
  if (answer instanceof Promise) {
    // The driver awaits the yielded promise; only the main thread's own time (sending the text) is counted, not the wait.
    let received: A | undefined;
    yield answer.then((result) => {
      received = result;
      if (timings) timings.answerWait = performance.now() - asked;
    });
    analysis = received!;
  } else analysis = answer;
  yield;
  const placed: PlacedFinding[] = [];
  for (const finding of analysis.findings) {
    const range = map.rangeFor(finding.start, finding.end, doc);
    if (range) placed.push({ finding, range });
    // A page of thousands of flags: the ranges are made in slices, as the extraction's loops run (Firefox took 13-40
    // ms for 2,000 in one task). They are live ranges: a change to the page between slices moves them with it.
    if (clock.due()) yield;
  }
  paintFindings(painter, placed);
  lap('highlight');
  return { article, map, analysis, placed, code };
}

/** Lets the page run between our steps: its input, its rendering, its own tasks. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Each step in a task of its own. Returns undefined when `stillWanted` says no at a step boundary (the content
 * script was invalidated, or a newer run started): the stale run stops before it paints anything.
 */
export async function runPipelineInTasks<A extends Analysis>(
  doc: Document,
  painter: HighlightPainter,
  analyser: Analyser<A>,
  access: ArticleAccess,
  stillWanted: () => boolean,
  timings?: Partial<PipelineTimings>,
  /** Counts our tasks and their time: how long we held the page's main thread, and at most at once. */
  clock: TaskClock = new TaskClock(),
): Promise<PipelineResult<A> | null | undefined> {
  const steps = pipelineSteps(doc, painter, analyser, access, clock, timings);
  for (;;) {
    clock.startTask();
    const step = steps.next();
    clock.endTask();
    if (step.done) return step.value;
    await (step.value ?? nextTask());
    if (!stillWanted()) return undefined;
  }
}

/** One Highlight per kind, from the flags that are shown. */
export function paintFindings(painter: HighlightPainter, shown: readonly PlacedFinding[]): void {
  for (const kind of FINDING_KINDS) painter.set(kind, shown.filter(({ finding }) => finding.kind === kind).map(({ range }) => range));
}
