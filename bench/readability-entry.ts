// Page side of `npm run bench`, the reference: Mozilla Readability as Firefox's Reader View runs it, on a clone of the
// document. Bundled apart from our pipeline (global `readabilityBench`) so that each cold load carries only its own code.
import { Readability } from '@mozilla/readability';
import { clockInfo, countWords, inOwnTask } from './page-task';

export { clockInfo };

/** Where the bench-only extension's content script leaves its sample (readability-content-entry.ts), as JSON. */
export const SAMPLE_ATTRIBUTE = 'data-readability-bench';

export interface ReadabilitySample {
  /** parse() returned an article. */
  found: boolean;
  words: number;
  /** ms of `new Readability(document.cloneNode(true)).parse()`, clone included. */
  total: number;
  longTasks: number[];
}

export async function measureReadability(): Promise<ReadabilitySample> {
  const run = await inOwnTask(() => new Readability(document.cloneNode(true) as Document).parse());
  const article = run.value;
  return {
    found: article !== null,
    words: countWords(article?.textContent ?? ''),
    total: run.end - run.start,
    longTasks: run.longTasks,
  };
}
