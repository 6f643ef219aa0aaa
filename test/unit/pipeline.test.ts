// @vitest-environment happy-dom
// The pipeline's order of work: what a page that fails the gate never asks for (the article code, and with it the
// background's config), and what a page the reader's site list keeps us off never reaches (extraction, analysis).
import { describe, expect, it, vi } from 'vitest';
import type { Analysis } from '../../src/core/findings';
import * as articleCode from '../../src/content/article-code';
import type { ArticleCode } from '../../src/content/article-loader';
import { HighlightPainter } from '../../src/content/highlights';
import { runPipelineInTasks } from '../../src/content/pipeline';
import { TaskClock } from '../../src/content/slicer';
import { extractionFixture as load } from './browser-dom';

const noFindings = (): Analysis => ({ findings: [], ledger: {}, promotionalShare: 0 }) as unknown as Analysis;

/** `mayRead`: what the background says of the page (the reader's site list). */
function run(doc: Document, mayRead: boolean) {
  const access = { runs: vi.fn(() => Promise.resolve(mayRead)), load: vi.fn(() => Promise.resolve(articleCode as ArticleCode)) };
  const analyser = vi.fn<(text: string, lang: string | null) => Analysis>(noFindings);
  return { access, analyser, result: runPipelineInTasks(doc, new HighlightPainter(), analyser, access, () => true) };
}

describe('runPipelineInTasks', () => {
  it('asks nothing more of a page without an article than its gate', async () => {
    const { access, analyser, result } = run(load('list-page.html'), true);
    expect(await result).toBeNull();
    expect(access.runs).not.toHaveBeenCalled();
    expect(access.load).not.toHaveBeenCalled();
    expect(analyser).not.toHaveBeenCalled();
  });

  it('reads an article page once its code arrives, and stops before extracting where the background says no', async () => {
    const reading = run(load('article-tag.html'), true);
    const read = await reading.result;
    expect(read?.article.root).toBeTruthy();
    expect(reading.access.runs).toHaveBeenCalledTimes(1);
    expect(reading.access.load).toHaveBeenCalledTimes(1);
    expect(reading.analyser).toHaveBeenCalledTimes(1);
    expect(reading.analyser.mock.calls[0]![0]).toBe(read!.map.text);

    const kept = run(load('article-tag.html'), false);
    expect(await kept.result).toBeNull();
    expect(kept.access.runs).toHaveBeenCalledTimes(1);
    expect(kept.analyser).not.toHaveBeenCalled();
  });

  it('takes the API’s first use step by step, asks whether it may read the page and starts loading the code, each in a task of its own after the gate', async () => {
    const clock = new TaskClock();
    const tasks: string[] = [];
    const access = {
      firstUse: [() => void tasks.push(`step 1 in task ${clock.tasks}`), () => void tasks.push(`step 2 in task ${clock.tasks}`)],
      runs: () => (tasks.push(`runs in task ${clock.tasks}`), Promise.resolve(true)),
      load: () => (tasks.push(`load in task ${clock.tasks}`), Promise.resolve(articleCode as ArticleCode)),
    };
    await runPipelineInTasks(load('article-tag.html'), new HighlightPainter(), noFindings, access, () => true, {}, clock);
    // Task 0 is the gate's; a task's number is counted when it ends.
    expect(tasks).toEqual(['step 1 in task 1', 'step 2 in task 2', 'runs in task 3', 'load in task 4']);
  });
});
