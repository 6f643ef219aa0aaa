// @vitest-environment happy-dom
// The pipeline's order of work: what a page that fails the gate never asks for (the article code, and with it the
// background's config), and what a page the reader's site list keeps us off never reaches (extraction, analysis).
import { describe, expect, it, vi } from 'vitest';
import type { Analysis } from '../../src/core/findings';
import * as articleCode from '../../src/content/article-code';
import type { ArticleCode } from '../../src/content/article-loader';
import { HighlightPainter } from '../../src/content/highlights';
import { runPipelineInTasks } from '../../src/content/pipeline';
import { extractionFixture as load } from './browser-dom';


const noFindings = (): Analysis => ({ findings: [], ledger: {}, promotionalShare: 0 }) as unknown as Analysis;

function run(doc: Document, code: ArticleCode | null) {
  const loadCode = vi.fn(() => Promise.resolve(code));
  const analyser = vi.fn<(text: string, lang: string | null) => Analysis>(noFindings);
  return { loadCode, analyser, result: runPipelineInTasks(doc, new HighlightPainter(), analyser, loadCode, () => true) };
}

describe('runPipelineInTasks', () => {
  it('asks nothing more of a page without an article than its gate', async () => {
    const { loadCode, analyser, result } = run(load('list-page.html'), articleCode);
    expect(await result).toBeNull();
    expect(loadCode).not.toHaveBeenCalled();
    expect(analyser).not.toHaveBeenCalled();
  });

  it('reads an article page once its code arrives, and stops before extracting when none does', async () => {
    const reading = run(load('article-tag.html'), articleCode);
    const read = await reading.result;
    expect(read?.article.root).toBeTruthy();
    expect(reading.loadCode).toHaveBeenCalledTimes(1);
    expect(reading.analyser).toHaveBeenCalledTimes(1);
    expect(reading.analyser.mock.calls[0]![0]).toBe(read!.map.text);

    const kept = run(load('article-tag.html'), null);
    expect(await kept.result).toBeNull();
    expect(kept.loadCode).toHaveBeenCalledTimes(1);
    expect(kept.analyser).not.toHaveBeenCalled();
  });
});
