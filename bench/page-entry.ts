// Page side of `npm run bench` for analyze() alone: the analyser as the global `marginBench` once this file is bundled
// (IIFE) and evaluated in a loaded page by bench/run.ts. Nothing runs on load: the runner calls in. (Our pipeline is
// measured in the built extension: bench/extension.ts.)
import { analyze } from '../src/core/analyze';
import { builtinPack } from '../src/core/builtin-packs';
import { clockInfo } from './page-task';

export { clockInfo };

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
    analyze(text, builtinPack());
    return performance.now() - start;
  };
  const first = texts.map(time);
  const out: number[][] = [];
  for (let r = 0; r < rounds; r++) out.push(texts.map(time));
  return { first, rounds: out };
}
