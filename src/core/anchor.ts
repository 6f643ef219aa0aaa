// Finds an annotation's passage again in the article text from its W3C selectors, or says why it cannot.
//
// The idea is Hypothesis' quote matching (src/annotator/anchoring/match-quote.ts): an exact search first, then an
// approximate one (approx-string-match: Myers' bit-parallel edit-distance search), every candidate scored by how much it
// still looks like the quote, how much the text around it still looks like the stored prefix and suffix, and how close
// it is to where the passage used to be. What is added here, so that a wrong place is never reported with high
// confidence and the time stays bounded:
// - the text around a candidate counts only for what it shares beyond chance (CONTEXT_NOISE), and only if the old
//   surroundings sit right next to it (NEAR_CONTEXT); a candidate confirmed by neither side is capped at 0.75;
// - the approximate search looks for prefix + quote + suffix, so an edited passage is found by its surroundings even
//   when an untouched copy of its words remains elsewhere (a pull quote, a repeated phrase);
// - it reads only the old neighbourhood and the places exact seed pieces point to, never the whole article;
// - long quotes are found by their two ends.
import search from 'approx-string-match';
import { LIMITS, type TextPosition, type TextQuote } from './annotation';

// ---- Tuning constants -------------------------------------------------------------------------------------------

/**
 * Weights of the score: the quote itself, the text before it, the text after it, closeness to the old position. A
 * stored context shorter than NEAR_CONTEXT counts for less, an empty one (the quote began or ended the article) for
 * nothing: being at the article's edge again says little, since a new lede or update note is often added above.
 */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;

/** Lowest score (0..1) at which a candidate is accepted; below it the annotation is an orphan. */
export const MIN_SCORE = 0.5;

/** Quotes shorter than this are only searched exactly: a fuzzy match of one to three characters is found anywhere. */
export const MIN_FUZZY_LENGTH = 4;

/**
 * The approximate search allows at most `min(MAX_ERRORS, ERROR_RATIO * length)` edits (inserted, deleted or changed
 * UTF-16 code units) between the quote and the text: half the quote is the most that still leaves it recognisable,
 * and a quote of 10,000 characters edited in more than 256 places is not found (it becomes an orphan). Myers'
 * algorithm costs O(ceil(errors / 32) * length searched): 256 errors are 8 machine words per character, 10-15 ms over
 * a whole 100 KB article in node. So it never reads the whole article, only the regions the seeds point to (below),
 * each the passage's length plus twice the error budget. Measured on 100 KB of news text (node 20, CPU time): an
 * unmoved passage 0.01 ms, a moved one 0.03 ms, an edited one 0.1-2 ms, an orphan 1-4 ms.
 */
export const MAX_ERRORS = 256;
const ERROR_RATIO = 0.5;

/**
 * Seeds ("filter, then verify"): up to SEED_COUNT pieces of SEED_LENGTH characters, spread over prefix + quote + suffix,
 * are looked up exactly (indexOf, ~50 µs each over 100 KB); each hit votes for where the quote would start, and the
 * approximate search runs around the MAX_REGIONS best-voted places and the old position. What this gives up: a
 * passage none of whose pieces survive exactly (every run of 12 characters in its quote and context edited) is only
 * found if it is still near its old position. A piece found more than SEED_MAX_HITS times says nothing and is skipped.
 */
const SEED_LENGTH = 12;
const SEED_COUNT = 16;
const SEED_MAX_HITS = 32;
const MAX_REGIONS = 8;

/** Candidates kept per search (approx-string-match returns every place with the fewest errors; ties are rare). */
const MAX_SCORED = 24;

/** Exact occurrences fully scored (a 64 x 64 edit-distance table each side), picked by adjacent context first. */
const MAX_EXACT_SCORED = 8;

/**
 * Myers' search needs length / 32 machine words per character where the quote matches, so its cost grows with the
 * square of the quote's length (about 10 ms to verify a 2,000-character quote, 25 times that at the 10,000 limit). A quote
 * longer than LONG_QUOTE is instead found by its first and last QUOTE_END characters (each with its own context), the
 * span between them accepted when its length is within the error budget of the quote's: edits in the middle of a long
 * quote do not lower its score (the result still says `edited`), and the time no longer depends on its length.
 */
export const LONG_QUOTE = 512;
const QUOTE_END = 256;

/**
 * Two unrelated 64-character stretches of news text share ~28% of their characters by edit distance (median; 0.42 at
 * the 99.9th percentile, measured on 60 Readability test articles). Context similarity below the noise level counts
 * for nothing, and above it is rescaled to 0..1, so chance resemblance never adds up to a confident match. The noise
 * level is measured on the text itself (NOISE_SAMPLES stretches: their median plus NOISE_MARGIN), never below
 * CONTEXT_NOISE: repetitive text (tables, lists, a small vocabulary) resembles any context more.
 */
const CONTEXT_NOISE = 0.35;
const NOISE_SAMPLES = 7;
const NOISE_MARGIN = 0.12;

/**
 * The NEAR_CONTEXT characters right next to the quote are also compared position by position (no shifting): the old
 * surroundings must be right here, not a few characters away, which is what separates a deleted short quote from the
 * same letters in the next word. NEAR_CHANCE is the share of positions that agree by chance.
 */
const NEAR_CONTEXT = 16;
const NEAR_CHANCE = 0.15;

/** An approximate match's edges may move by up to SNAP characters to sit right next to the old surroundings. */
const SNAP = 8;

/** A context side "supports" a candidate when its rescaled similarity reaches this. */
const CONTEXT_SUPPORT = 0.5;

/**
 * A quote this long, found with at most DISTINCTIVE_ERRORS of it edited, is distinctive enough to be accepted with
 * neither prefix nor suffix still around it (its score is then capped, see UNCONFIRMED_SCORE_CAP).
 */
export const DISTINCTIVE_LENGTH = 32;
const DISTINCTIVE_ERRORS = 0.1;

/** The stored position is accepted without looking further when its score reaches this. */
const FAST_PATH_SCORE = 0.9;

/** The approximate search is skipped when an exact occurrence already scores this much. */
const CONFIDENT_SCORE = 0.9;

/**
 * Scores are capped at UNCONFIRMED_SCORE_CAP when the match is not confirmed: another, separate place scores within
 * AMBIGUITY_MARGIN of it (the result says `ambiguous`); or, away from the stored position, neither the old prefix nor
 * the old suffix is around it (a distinctive quote found by its words alone); or, for a quote shorter than
 * MIN_FUZZY_LENGTH, not both of them, wherever it is.
 */
const AMBIGUITY_MARGIN = 0.05;
const UNCONFIRMED_SCORE_CAP = 0.75;

// ---- Types ------------------------------------------------------------------------------------------------------

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export type Anchor =
  | {
      status: 'anchored';
      start: number;
      end: number;
      /** 'position': the quote is still at its stored offsets; 'quote': found exactly elsewhere; 'fuzzy': found edited. */
      method: AnchorMethod;
      /** Confidence, 0..1: 1 is the same words in the same surroundings. */
      score: number;
      /** The text at [start, end) is not exactly the stored quote: the passage was edited. */
      edited: boolean;
      /** Another place in the article fits almost as well (the score is then at most 0.75). */
      ambiguous: boolean;
      /**
       * Its surroundings say it is the passage (see UNCONFIRMED_SCORE_CAP) and no other place fits as well: false for a
       * passage found by its words alone, which may be another passage that reads the same; show it as unsure.
       */
      confirmed: boolean;
    }
  | { status: 'orphan'; reason: string };

export interface AnchorOptions {
  /** Lowest accepted score, 0..1 (default MIN_SCORE). */
  minScore?: number;
  /** Cap on the edits the approximate search allows (default MAX_ERRORS); 0 turns the fuzzy search off. */
  maxErrors?: number;
}

/** Reasons a reader is shown for an annotation that could not be placed. */
export const ORPHAN_REASON = {
  noText: 'no article text on this page',
  gone: 'the passage is no longer in the article',
  lostContext: 'the passage’s words appear in the article, but no longer in their original place',
  emptyQuote: 'the note has no quoted passage to look for',
} as const;

// ---- Scoring ----------------------------------------------------------------------------------------------------

interface Candidate {
  start: number;
  end: number;
  /** Edits between the quote and text[start, end) (for a long quote: between its ends, plus the change of length). */
  errors: number;
  /** Characters of the quote those edits were counted over (the quote's length, or its two ends for a long quote). */
  compared: number;
}

interface Scored extends Candidate {
  score: number;
  /** Rescaled similarity of the text before and after the candidate to the stored prefix and suffix. */
  prefix: number;
  suffix: number;
}

const codes = new Int32Array(LIMITS.context);
const column = new Int32Array(LIMITS.context + 1);

/**
 * Fewest edits turning `pattern` (a stored context, at most LIMITS.context characters) into some stretch of `window`:
 * Sellers' dynamic programme, 64 x 64 cells. approx-string-match would also find where each match starts, which is
 * not needed here and costs more than the table.
 */
function bestEditDistance(window: string, pattern: string): number {
  const m = Math.min(pattern.length, LIMITS.context);
  for (let i = 0; i < m; i++) codes[i] = pattern.charCodeAt(i);
  for (let i = 0; i <= m; i++) column[i] = i;
  let best = m;
  for (let j = 0; j < window.length; j++) {
    const c = window.charCodeAt(j);
    let diagonal = 0; // column[0] stays 0: a match may start anywhere in the window
    let above = 0;
    for (let i = 1; i <= m; i++) {
      const left = column[i]!;
      let next = codes[i - 1] === c ? diagonal : diagonal + 1;
      if (left + 1 < next) next = left + 1;
      if (above + 1 < next) next = above + 1;
      diagonal = left;
      column[i] = next;
      above = next;
    }
    if (above < best) best = above;
  }
  return best;
}

/** Edits between a stored context (at most LIMITS.context characters) and the best-matching stretch of `window`. */
function contextEdits(window: string, stored: string): number {
  if (stored.length === 0 || window === stored) return 0;
  return window.length === 0 ? stored.length : bestEditDistance(window, stored);
}

/** Similarity 0..1 of a stored context to the best-matching stretch of `window` (1 - edits / length). */
function similarity(window: string, stored: string): number {
  if (window === stored) return 1;
  if (window.length === 0) return 0;
  return 1 - bestEditDistance(window, stored) / Math.min(stored.length, LIMITS.context);
}

/** How much a stored context resembles unrelated stretches of this text (see CONTEXT_NOISE). */
function noiseLevel(text: string, stored: string): number {
  if (stored.length === 0 || text.length <= stored.length) return CONTEXT_NOISE;
  const samples: number[] = [];
  for (let i = 0; i < NOISE_SAMPLES; i++) {
    const at = Math.floor(((i + 0.5) / NOISE_SAMPLES) * (text.length - stored.length));
    samples.push(similarity(text.slice(at, at + stored.length), stored));
  }
  samples.sort((a, b) => a - b);
  return Math.min(0.9, Math.max(CONTEXT_NOISE, samples[NOISE_SAMPLES >> 1]! + NOISE_MARGIN));
}

/** Share of positions where `window` and `stored` hold the same character, read outward from the quote. */
function sameAtSamePlace(window: string, stored: string, side: 'before' | 'after'): number {
  let same = 0;
  for (let i = 0; i < stored.length; i++) {
    const w = side === 'before' ? window.charCodeAt(window.length - 1 - i) : window.charCodeAt(i);
    const s = side === 'before' ? stored.charCodeAt(stored.length - 1 - i) : stored.charCodeAt(i);
    if (w === s) same++;
  }
  return same / stored.length;
}

/** One side of the stored context, up to 64 characters; its noise level is measured when first needed. */
interface Side {
  stored: string;
  noise?: number;
}

class Scorer {
  private readonly sides: { before: Side; after: Side };
  private readonly weights: { prefix: number; suffix: number; total: number };

  constructor(
    private readonly text: string,
    private readonly quote: TextQuote,
    private readonly hint: number,
  ) {
    this.sides = { before: { stored: quote.prefix.slice(-LIMITS.context) }, after: { stored: quote.suffix.slice(0, LIMITS.context) } };
    const prefix = WEIGHT.prefix * Math.min(1, this.sides.before.stored.length / NEAR_CONTEXT);
    const suffix = WEIGHT.suffix * Math.min(1, this.sides.after.stored.length / NEAR_CONTEXT);
    this.weights = { prefix, suffix, total: WEIGHT.quote + prefix + suffix + WEIGHT.position };
  }

  /**
   * How much of a stored context is still there, beyond chance: the lower of the whole context's similarity (edit
   * distance, rescaled above the noise level) and the agreement of the NEAR_CONTEXT characters next to the quote.
   */
  private agreement(c: Candidate, side: 'before' | 'after'): number {
    const { text } = this;
    const s = this.sides[side];
    const n = s.stored.length;
    if (n === 0) return 0; // no stored context: it weighs nothing (see WEIGHT)
    const window = side === 'before' ? text.slice(Math.max(0, c.start - n), c.start) : text.slice(c.end, c.end + n);
    if (window === s.stored) return 1;
    const nearLength = Math.min(NEAR_CONTEXT, n);
    const nearStored = side === 'before' ? s.stored.slice(-nearLength) : s.stored.slice(0, nearLength);
    const near = Math.max(0, (sameAtSamePlace(window, nearStored, side) - NEAR_CHANCE) / (1 - NEAR_CHANCE));
    if (near === 0) return 0;
    s.noise ??= noiseLevel(text, s.stored);
    const full = Math.max(0, (similarity(window, s.stored) - s.noise) / (1 - s.noise));
    return Math.min(1, full, near);
  }

  score(c: Candidate): Scored {
    const { text } = this;
    const prefix = this.agreement(c, 'before');
    const suffix = this.agreement(c, 'after');
    const quoteScore = Math.max(0, 1 - c.errors / c.compared);
    const positionScore = 1 - Math.abs(c.start - this.hint) / Math.max(1, text.length);
    const raw = WEIGHT.quote * quoteScore + this.weights.prefix * prefix + this.weights.suffix * suffix + WEIGHT.position * positionScore;
    return { ...c, prefix, suffix, score: raw / this.weights.total };
  }

  /** Whether the candidate is believable at all: its surroundings agree, or the quote alone is distinctive. */
  supported(s: Scored): boolean {
    if (s.prefix >= CONTEXT_SUPPORT || s.suffix >= CONTEXT_SUPPORT) return true;
    return this.quote.exact.length >= DISTINCTIVE_LENGTH && s.errors <= DISTINCTIVE_ERRORS * s.compared;
  }
}

// ---- Candidate searches -----------------------------------------------------------------------------------------

/** Matching characters directly around [start, end): a cheap first ranking of exact occurrences. */
function adjacentContext(text: string, start: number, end: number, quote: TextQuote): number {
  let run = 0;
  for (let i = 1; i <= quote.prefix.length && text.charCodeAt(start - i) === quote.prefix.charCodeAt(quote.prefix.length - i); i++) run++;
  for (let i = 0; i < quote.suffix.length && text.charCodeAt(end + i) === quote.suffix.charCodeAt(i); i++) run++;
  return run;
}

/**
 * Occurrences of the quote looked at, at most, on each side of the hint: an article has a handful, but a page of
 * repeated text ("aaaa…", a table of the same cells) has one at every character, and ranking 200,000 of them held the
 * page for 60-400 ms per note. The nearest are kept.
 */
const MAX_OCCURRENCES_EACH_SIDE = 500;

/** Exact occurrences of the quote, the `limit` best by adjacent context, then closeness to the hint. */
function exactCandidates(text: string, quote: TextQuote, hint: number, limit: number): Candidate[] {
  const found: { start: number; run: number; distance: number }[] = [];
  const n = quote.exact.length;
  const from = Math.max(0, Math.min(hint, text.length));
  const add = (at: number) => found.push({ start: at, run: adjacentContext(text, at, at + n, quote), distance: Math.abs(at - hint) });
  let after = 0;
  for (let at = text.indexOf(quote.exact, from); at !== -1 && after < MAX_OCCURRENCES_EACH_SIDE; at = text.indexOf(quote.exact, at + 1), after++) add(at);
  let before = 0;
  for (let at = from > 0 ? text.lastIndexOf(quote.exact, from - 1) : -1; at !== -1 && before < MAX_OCCURRENCES_EACH_SIDE; at = at > 0 ? text.lastIndexOf(quote.exact, at - 1) : -1, before++) add(at);
  found.sort((a, b) => b.run - a.run || a.distance - b.distance);
  return found.slice(0, limit).map((f) => ({ start: f.start, end: f.start + n, errors: 0, compared: n }));
}

interface Region {
  from: number;
  to: number;
}

/**
 * Where the quote may start now: the old position, and the places that exact hits of seed pieces of
 * prefix + quote + suffix point to, the best-voted first. Each is returned as the stretch of text to verify.
 */
function seedRegions(text: string, quote: TextQuote, hint: number, errors: number, where: 'hint' | 'seeds' | 'both'): Region[] {
  const before = quote.prefix.length + errors + SEED_LENGTH;
  const after = quote.exact.length + quote.suffix.length + errors + SEED_LENGTH;
  const around = (p: { from: number; to: number }) => ({ from: Math.max(0, p.from - before), to: Math.min(text.length, p.to + after) });
  const near = around({ from: hint, to: hint });
  if (where === 'hint') return [near];
  const whole = quote.prefix + quote.exact + quote.suffix;
  const votes: { at: number; seed: number }[] = [];
  const pieces = Math.floor(whole.length / SEED_LENGTH);
  const step = Math.max(1, pieces / SEED_COUNT);
  for (let k = 0, seed = 0; k < pieces && seed < SEED_COUNT; k += step, seed++) {
    const offset = Math.floor(k) * SEED_LENGTH;
    const piece = whole.slice(offset, offset + SEED_LENGTH);
    const hits: number[] = [];
    for (let at = text.indexOf(piece); at !== -1 && hits.length <= SEED_MAX_HITS; at = text.indexOf(piece, at + 1)) hits.push(at);
    if (hits.length > SEED_MAX_HITS) continue;
    for (const at of hits) votes.push({ at: at - offset + quote.prefix.length, seed });
  }
  // Votes within the error budget of each other point at the same place; count the distinct seeds behind each place.
  votes.sort((a, b) => a.at - b.at);
  const tolerance = errors + SEED_LENGTH;
  const places: { from: number; to: number; seeds: number }[] = [];
  for (let i = 0; i < votes.length; ) {
    let j = i;
    const seeds = new Set<number>();
    while (j < votes.length && votes[j]!.at - votes[i]!.at <= tolerance) seeds.add(votes[j++]!.seed);
    places.push({ from: votes[i]!.at, to: votes[j - 1]!.at, seeds: seeds.size });
    i = j;
  }
  places.sort((a, b) => b.seeds - a.seeds || Math.abs(a.from - hint) - Math.abs(b.from - hint));
  // The text to verify around each place: the stored context on both sides plus the error budget, then merged.
  let regions = places.slice(0, MAX_REGIONS).map(around);
  if (where === 'seeds') regions = regions.filter((r) => r.from < near.from || r.to > near.to); // not already verified
  else regions.push(near);
  const merged: Region[] = [];
  for (const r of regions.sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else merged.push(r);
  }
  return merged;
}

/** The MAX_SCORED matches nearest to `near` (approx-string-match returns all those with the fewest errors). */
function nearest<T extends { start: number }>(matches: T[], near: number): T[] {
  if (matches.length <= MAX_SCORED) return matches;
  return [...matches].sort((a, b) => Math.abs(a.start - near) - Math.abs(b.start - near)).slice(0, MAX_SCORED);
}

/**
 * Approximate occurrences in one region. With a stored context, the passage is found by its surroundings: the best
 * match of prefix + quote + suffix, then inside it the stretch most like the quote. This finds an edited passage even
 * when an unedited copy of its words sits elsewhere, and it is all an edited passage needs: one whose prefix and suffix
 * are both gone could not be believed anyway (Scorer.supported). Without a stored context, the quote alone.
 */
function regionCandidates(text: string, quote: TextQuote, region: Region, cap: number): Candidate[] {
  const out: Candidate[] = [];
  const n = quote.exact.length;
  const slice = text.slice(region.from, region.to);
  const quoteErrors = Math.min(cap, Math.floor(n * ERROR_RATIO));
  if (quote.prefix.length === 0 && quote.suffix.length === 0) {
    for (const m of nearest(search(slice, quote.exact, quoteErrors), 0)) {
      out.push({ start: region.from + m.start, end: region.from + m.end, errors: m.errors, compared: n });
    }
    return out;
  }
  const whole = quote.prefix + quote.exact + quote.suffix;
  const wholeErrors = Math.min(cap, Math.floor(whole.length * ERROR_RATIO));
  for (const m of nearest(search(slice, whole, wholeErrors), 0)) {
    // A little slack: the match's ends are where the prefix and suffix matched best, possibly trimmed.
    const from = Math.max(0, m.start - SEED_LENGTH);
    const inner = search(slice.slice(from, m.end + SEED_LENGTH), quote.exact, quoteErrors);
    const best = nearest(inner, m.start + quote.prefix.length - from)[0];
    if (!best) continue;
    const before = quote.prefix.slice(-LIMITS.context);
    const after = quote.suffix.slice(0, LIMITS.context);
    // Where an edit touches the quote's edge, the search may start (or end) the match a few characters off, in the
    // old surroundings; move each edge to where those sit right next to it, and count the edits of that span.
    const start = snap(text, region.from + from + best.start, before, 'before');
    const end = Math.max(start + 1, snap(text, region.from + from + best.end, after, 'after'));
    const moved = Math.abs(start - (region.from + from + best.start)) + Math.abs(end - (region.from + from + best.end));
    const errors = moved === 0 ? best.errors : editDistance(quote.exact, text.slice(start, end), best.errors + moved);
    // The whole match knows what the inner search cannot: edits it needed beyond those in the prefix and suffix fell
    // on the quote (when the quote was deleted, the inner search finds some look-alike in the neighbouring words).
    const aroundErrors = contextEdits(text.slice(Math.max(0, start - before.length), start), before) + contextEdits(text.slice(end, end + after.length), after);
    out.push({ start, end, errors: Math.max(errors, m.errors - aroundErrors), compared: n });
  }
  return out;
}

/**
 * Edits between `a` and `b` (Levenshtein), computed in a band of `limit` around the diagonal: O(length * limit).
 * Returns `limit` when the distance is `limit` or more.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  const width = 2 * limit + 1;
  let previous = new Int32Array(width).fill(limit);
  let current = new Int32Array(width).fill(limit);
  // Cell (i, j) lives at index j - i + limit of row i.
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j + limit] = j;
  for (let i = 1; i <= a.length; i++) {
    current.fill(limit);
    const from = Math.max(0, i - limit);
    const to = Math.min(b.length, i + limit);
    let rowMin = limit;
    for (let j = from; j <= to; j++) {
      const k = j - i + limit;
      let cost = j === 0 ? i : limit;
      if (j > 0) {
        cost = previous[k]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1); // diagonal
        if (k > 0 && current[k - 1]! + 1 < cost) cost = current[k - 1]! + 1; // from the left (j - 1)
      }
      if (k + 1 < width && previous[k + 1]! + 1 < cost) cost = previous[k + 1]! + 1; // from above (i - 1)
      current[k] = Math.min(cost, limit);
      if (current[k]! < rowMin) rowMin = current[k]!;
    }
    if (rowMin >= limit) return limit;
    [previous, current] = [current, previous];
  }
  return Math.min(limit, previous[b.length - a.length + limit]!);
}

/** The boundary within SNAP characters of `at` next to which the stored context's nearest characters agree best. */
function snap(text: string, at: number, stored: string, side: 'before' | 'after'): number {
  if (stored.length === 0) return at;
  const near = side === 'before' ? stored.slice(-NEAR_CONTEXT) : stored.slice(0, NEAR_CONTEXT);
  const agreementAt = (p: number) =>
    sameAtSamePlace(side === 'before' ? text.slice(Math.max(0, p - near.length), p) : text.slice(p, p + near.length), near, side);
  let best = at;
  let bestAgreement = agreementAt(at);
  for (let d = 1; d <= SNAP; d++) {
    for (const p of [at - d, at + d]) {
      if (p < 0 || p > text.length) continue;
      const agreement = agreementAt(p);
      if (agreement > bestAgreement) [best, bestAgreement] = [p, agreement];
    }
  }
  return best;
}

/** The budget of edits for the approximate search of prefix + quote + suffix. */
function passageErrors(quote: TextQuote, cap: number): number {
  return Math.min(cap, Math.floor((quote.prefix.length + quote.exact.length + quote.suffix.length) * ERROR_RATIO));
}

/**
 * Approximate occurrences: around the old position only ('hint'), or also where the seeds point ('all'). A quote
 * longer than LONG_QUOTE is found by its first and last QUOTE_END characters, paired when the span between fits.
 */
function fuzzyCandidates(text: string, quote: TextQuote, hint: number, cap: number, where: 'hint' | 'all'): Candidate[] {
  const n = quote.exact.length;
  if (n <= LONG_QUOTE) {
    const regions = seedRegions(text, quote, hint, passageErrors(quote, cap), where === 'hint' ? 'hint' : 'seeds');
    return regions.flatMap((region) => regionCandidates(text, quote, region, cap));
  }
  const { exact } = quote;
  const head: TextQuote = { prefix: quote.prefix, exact: exact.slice(0, QUOTE_END), suffix: exact.slice(QUOTE_END, QUOTE_END + LIMITS.context) };
  const tail: TextQuote = { prefix: exact.slice(n - QUOTE_END - LIMITS.context, n - QUOTE_END), exact: exact.slice(n - QUOTE_END), suffix: quote.suffix };
  const ends = (part: TextQuote, near: number) => [
    ...exactCandidates(text, part, near, MAX_SCORED),
    ...seedRegions(text, part, near, passageErrors(part, cap), where === 'hint' ? 'hint' : 'both').flatMap((region) => regionCandidates(text, part, region, cap)),
  ];
  const heads = ends(head, hint);
  const tails = ends(tail, hint + n - QUOTE_END);
  const pairs: Candidate[] = [];
  for (const h of heads) {
    for (const t of tails) {
      const change = Math.abs(t.end - h.start - n);
      if (t.start < h.end - QUOTE_END / 2 || change > cap) continue;
      pairs.push({ start: h.start, end: t.end, errors: h.errors + t.errors + change, compared: 2 * QUOTE_END });
    }
  }
  return pairs.sort((x, y) => x.errors - y.errors || Math.abs(x.start - hint) - Math.abs(y.start - hint)).slice(0, MAX_SCORED);
}

// ---- The anchor -------------------------------------------------------------------------------------------------

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Places an annotation's passage in the article text, or says why it cannot.
 *
 * 1. The stored position still holds the quote, in much the same surroundings: done (method 'position').
 * 2. Exact occurrences of the quote are candidates (the best MAX_EXACT_SCORED by adjacent context).
 * 3. Unless an exact occurrence is already convincing, and for quotes of MIN_FUZZY_LENGTH characters or more: the
 *    approximate search (at most min(256, length / 2) edits) around the old position and where the seeds point.
 * 4. Each candidate is scored 0..1: quote similarity 50, prefix 20, suffix 20 (beyond chance, right next to it),
 *    closeness 2. The best is accepted when its score is at least `minScore` (0.5) and its surroundings still agree
 *    with the stored prefix or suffix (or the quote is 32+ characters long and at most 10% edited). Its score is
 *    capped at 0.75 when it is not confirmed: another separate place scores within 0.05 of it (`ambiguous`), or
 *    neither side of its old surroundings is there (both sides, for a quote of 1-3 characters).
 *
 * Scores to expect: the same words in the same surroundings ~1; a word edited, surroundings intact ~0.9; unchanged
 * but with new text right before it ~0.78; unchanged words in unrelated surroundings (a wrong place) <= 0.75.
 * Time: indexOf scans of the whole text (the quote and at most 16 seed pieces, twice for a long quote), then
 * approximate searches over at most 9 regions of the passage's size; see the constants above for the bounds.
 */
export function anchor(text: string, quote: TextQuote, position: TextPosition, options: AnchorOptions = {}): Anchor {
  if (text.trim() === '') return { status: 'orphan', reason: ORPHAN_REASON.noText };
  const n = quote.exact.length;
  if (n === 0) return { status: 'orphan', reason: ORPHAN_REASON.emptyQuote };
  const minScore = options.minScore ?? MIN_SCORE;
  const cap = Math.max(0, Math.floor(options.maxErrors ?? MAX_ERRORS));
  const hint = Math.min(Math.max(0, position.start), text.length);
  const scorer = new Scorer(text, quote, hint);

  // 1. Fast path: nothing moved.
  if (text.startsWith(quote.exact, position.start)) {
    const here = scorer.score({ start: position.start, end: position.start + n, errors: 0, compared: n });
    if (here.score >= FAST_PATH_SCORE) return result(text, quote, position, here, false);
  }

  // 2. Exact occurrences.
  const candidates = exactCandidates(text, quote, hint, MAX_EXACT_SCORED).map((c) => scorer.score(c));
  const bestExact = Math.max(0, ...candidates.map((c) => c.score));

  // 3. Approximate occurrences: near the old position first, then where the seeds point.
  if (n >= MIN_FUZZY_LENGTH && cap > 0 && bestExact < CONFIDENT_SCORE) {
    const near = fuzzyCandidates(text, quote, hint, cap, 'hint').map((c) => scorer.score(c));
    candidates.push(...near);
    if (!near.some((c) => c.score >= CONFIDENT_SCORE)) {
      for (const c of fuzzyCandidates(text, quote, hint, cap, 'all')) candidates.push(scorer.score(c));
    }
  }

  // 4. The best believable candidate.
  const believable = candidates.filter((c) => scorer.supported(c)).sort((a, b) => b.score - a.score);
  const best = believable[0];
  if (!best || best.score < minScore) {
    const reason = candidates.some((c) => c.errors === 0 && c.compared === n) ? ORPHAN_REASON.lostContext : ORPHAN_REASON.gone;
    return { status: 'orphan', reason };
  }
  const rival = believable.find((c) => !overlaps(c, best));
  return result(text, quote, position, best, rival !== undefined && best.score - rival.score < AMBIGUITY_MARGIN);
}

function result(text: string, quote: TextQuote, position: TextPosition, s: Scored, ambiguous: boolean): Anchor {
  const { start, end } = wholeCharacters(text, s.start, s.end);
  const edited = text.slice(start, end) !== quote.exact;
  const atPosition = start === position.start && end === position.end;
  const method: AnchorMethod = edited ? 'fuzzy' : atPosition ? 'position' : 'quote';
  // Confirmed by its surroundings: one side of them still there (or the stored offsets), both sides for a short quote,
  // whose own letters say little (in "jvvhme" edited to "jvhme", which v is left?).
  const before = s.prefix >= CONTEXT_SUPPORT || quote.prefix.length === 0;
  const after = s.suffix >= CONTEXT_SUPPORT || quote.suffix.length === 0;
  const confirmed = quote.exact.length < MIN_FUZZY_LENGTH ? before && after : atPosition || s.prefix >= CONTEXT_SUPPORT || s.suffix >= CONTEXT_SUPPORT;
  const score = Math.round((ambiguous || !confirmed ? Math.min(s.score, UNCONFIRMED_SCORE_CAP) : s.score) * 1000) / 1000;
  return { status: 'anchored', start, end, method, score, edited, ambiguous, confirmed: confirmed && !ambiguous };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The span widened to whole characters: an approximate match counts UTF-16 units, so where an emoji was replaced by
 * another that shares its first unit, an edge can fall between the two halves of one.
 */
function wholeCharacters(text: string, start: number, end: number): { start: number; end: number } {
  if (start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) end++;
  return { start, end };
}
