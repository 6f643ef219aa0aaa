// The content script's work on a page, as one function the extension and the benchmark share:
// find the article, map its text, analyse it, and turn findings into ranges painted as highlights.
import { analyzeArticle } from '../core/builtin-packs';
import type { Analysis } from '../core/findings';
import { FINDING_KINDS } from '../core/findings';
import { findArticle, type ArticleLocation } from './extract';
import type { PlacedFinding } from './flag-navigator';
import type { HighlightPainter } from './highlights';
import { TextMap } from './text-map';

export interface PipelineTimings {
  extract: number;
  textMap: number;
  analyse: number;
  highlight: number;
}

export interface PipelineResult {
  article: ArticleLocation;
  map: TextMap;
  analysis: Analysis;
  placed: PlacedFinding[];
}

export function runPipeline(
  doc: Document,
  painter: HighlightPainter,
  timings?: Partial<PipelineTimings>,
  now: () => number = () => performance.now(),
): PipelineResult | null {
  let started = now();
  const lap = (step: keyof PipelineTimings) => {
    const time = now();
    if (timings) timings[step] = time - started;
    started = time;
  };
  const article = findArticle(doc);
  lap('extract');
  if (!article) {
    painter.clear();
    return null;
  }
  const map = TextMap.build(article.root, article.skip);
  lap('textMap');
  // The pack follows the article's language: its lang attribute (or the page's), else detection from the text.
  const analysis = analyzeArticle(map.text, article.root.closest('[lang]')?.getAttribute('lang'));
  lap('analyse');
  const placed = analysis.findings
    .map((finding) => ({ finding, range: map.rangeFor(finding.start, finding.end, doc) }))
    .filter((item): item is PlacedFinding => item.range !== null);
  paintFindings(painter, placed);
  lap('highlight');
  return { article, map, analysis, placed };
}

/** One Highlight per kind, from the flags that are shown. */
export function paintFindings(painter: HighlightPainter, shown: readonly PlacedFinding[]): void {
  for (const kind of FINDING_KINDS) painter.set(kind, shown.filter(({ finding }) => finding.kind === kind).map(({ range }) => range));
}
