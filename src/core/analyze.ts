// The detection entry point: article text (+ a compiled pack) -> sorted findings, attribution ledger, promotional share.

import { findAttributions } from './attribution';
import { splitBlocks } from './blocks';
import { findBoilerplate } from './boilerplate';
import type { Analysis, Finding, SourceType } from './findings';
import { findLoadedTerms } from './loaded-terms';
import type { CompiledPack } from './pack';
import { findQuotes, type Span } from './quotes';
import { tokenizeBlock, type Token } from './tokens';

/** Tie-break for findings with the same span: a stable, documented order. */
const KIND_ORDER: Record<Finding['kind'], number> = { boilerplate: 0, attribution: 1, loaded: 2 };

/** Sorted, overlap-merged copy of spans (for binary search). */
function disjoint(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

export function emptyLedger(): Record<SourceType, number> {
  return {
    'news-outlet': 0,
    'state-affiliated': 0,
    government: 0,
    anonymous: 0,
    'expert-or-organisation': 0,
    'wire-service': 0,
    unknown: 0,
  };
}

/**
 * Analyses article text: blocks separated by "\n", whitespace inside a block already collapsed.
 * Boilerplate is decided per block first; attributions and loaded terms are then looked for outside
 * boilerplate blocks only, so a "follow us" line never counts as a source or a loaded word.
 * Pure and synchronous: no DOM, no I/O; the pack is plain data loaded once.
 */
export function analyze(text: string, pack: CompiledPack): Analysis {
  const blocks = splitBlocks(text);
  const boilerplate = findBoilerplate(text, blocks, pack);
  const promotionalBlocks = new Set<number>();
  let promotionalChars = 0;
  let totalChars = 0;
  {
    let b = 0;
    for (const block of blocks) {
      totalChars += block.end - block.start;
      while (b < boilerplate.length && boilerplate[b]!.start < block.start) b++;
      const finding = boilerplate[b];
      if (finding !== undefined && finding.start >= block.start && finding.end <= block.end) {
        promotionalBlocks.add(block.index);
        promotionalChars += block.end - block.start;
      }
    }
  }
  const skipBlock = (block: number) => promotionalBlocks.has(block);

  const tokens: Token[] = [];
  const quotes: Span[] = [];
  for (const block of blocks) {
    if (block.end === block.start || promotionalBlocks.has(block.index)) continue;
    tokenizeBlock(text, block.start, block.end, block.index, tokens);
    quotes.push(...findQuotes(text, block.start, block.end));
  }

  const attributions = findAttributions(text, tokens, quotes, pack, skipBlock);
  // The cue spans of attributions, where a said-synonym ("admitted", "claimed") is a loaded choice of verb.
  const cues = attributions.findings.map((f) => ({ start: f.start, end: f.end }));
  const loaded = findLoadedTerms(text, tokens, quotes, attributions.reported, pack, skipBlock, disjoint(cues));

  const findings: Finding[] = [...boilerplate, ...attributions.findings, ...loaded];
  findings.sort((a, b) => a.start - b.start || a.end - b.end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { findings, ledger: ledgerOf(attributions.findings), promotionalShare: totalChars === 0 ? 0 : promotionalChars / totalChars };
}

/** How many of the findings' attributions rest on each type of source. */
export function ledgerOf(findings: readonly Finding[]): Record<SourceType, number> {
  const ledger = emptyLedger();
  for (const finding of findings) if (finding.kind === 'attribution' && finding.source !== undefined) ledger[finding.source.type]++;
  return ledger;
}
