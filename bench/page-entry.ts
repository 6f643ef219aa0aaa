// Page side of `npm run bench`: the content script's pipeline and the analyser, as the global `marginBench` once this
// file is bundled (IIFE) and evaluated in a loaded page by bench/run.ts. Nothing runs on load: the runner calls in.
import { locateArticle } from '../src/content/extract';
import { HighlightPainter } from '../src/content/highlights';
import { pipelineSteps, type PipelineResult, type PipelineTimings } from '../src/content/pipeline';
import { TaskClock } from '../src/content/slicer';
import { analyze } from '../src/core/analyze';
import { analyzeArticle } from '../src/core/builtin-packs';
import { clockInfo, countWords, inOwnTask } from './page-task';

export { clockInfo };

export interface PipelineSample {
  /** An article was found (runPipeline returned a result). */
  found: boolean;
  /** Words and characters of the article text (TextMap.text) that analyze() received; 0 when none. */
  words: number;
  chars: number;
  /** Per-step ms as runPipeline reports them (steps after a "no article" are absent). */
  steps: Partial<PipelineTimings>;
  /** ms of our work: the sum of the pipeline's tasks (the waits between them excluded). */
  total: number;
  /** ms of the longest of those tasks: what the page's main thread is held for at most. */
  longest: number;
  /** Long tasks overlapping the run (ms). */
  longTasks: number[];
  findings: number;
  /** The article text, when asked for (the runner feeds it to the analyze() measurement). */
  text?: string;
}

/** How the extractor decided on this page: read by a second, untimed call after the measured one. */
export interface ExtractionDiagnostics {
  /** 'fast' | 'replay' | 'none', and why the fast path was unsure. */
  via: string;
  unsure?: string;
  outcome: string;
  attempts: number;
  textNodes: number;
}

/** One cold run of the pipeline on this page's document, each step in a task of its own, as the content script runs it. */
export async function measurePipeline(withText: boolean): Promise<PipelineSample> {
  const painter = new HighlightPainter();
  const steps: Partial<PipelineTimings> = {};
  const clock = new TaskClock();
  const generator = pipelineSteps(document, painter, analyzeArticle, clock, steps);
  let total = 0;
  let longest = 0;
  const longTasks: number[] = [];
  let result: PipelineResult | null;
  for (;;) {
    const task = await inOwnTask(() => {
      clock.startTask();
      const step = generator.next();
      clock.endTask();
      return step;
    });
    total += task.end - task.start;
    longest = Math.max(longest, task.end - task.start);
    longTasks.push(...task.longTasks);
    if (task.value.done) {
      result = task.value.value;
      break;
    }
  }
  const text = result?.map.text ?? '';
  return {
    found: result !== null,
    words: countWords(text),
    chars: text.length,
    steps,
    total,
    longest,
    longTasks,
    findings: result?.analysis.findings.length ?? 0,
    ...(withText ? { text } : {}),
  };
}

export function diagnose(): ExtractionDiagnostics {
  const { diagnostics } = locateArticle(document);
  return {
    via: diagnostics.via,
    ...(diagnostics.unsure !== undefined ? { unsure: diagnostics.unsure } : {}),
    outcome: diagnostics.outcome,
    attempts: diagnostics.attempts,
    textNodes: diagnostics.textNodes,
  };
}

export interface AnalyzeSample {
  /** ms of the very first call on each text, in order (only the first text's is a cold start). */
  first: number[];
  /** ms of each of `rounds` further calls, per text: rounds x texts. */
  rounds: number[][];
}

/** analyze() alone over the given texts: one pass, then `rounds` more passes; nothing else runs in between. */
export function measureAnalyze(texts: string[], rounds: number): AnalyzeSample {
  const time = (text: string) => {
    const start = performance.now();
    analyze(text);
    return performance.now() - start;
  };
  const first = texts.map(time);
  const out: number[][] = [];
  for (let r = 0; r < rounds; r++) out.push(texts.map(time));
  return { first, rounds: out };
}
