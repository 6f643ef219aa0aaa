// Property: the anchor never lands in a wrong place with high confidence, whatever edits the article went through.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchor } from '../../src/core/anchor';
import { describeRange } from '../../src/core/annotation';

const COMMON = ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'said', 'was', 'with', 'by', 'he', 'she', 'it'];

/** Words as in news text: common function words, and rarer words or names. */
const word = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...COMMON) }, { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{2,10}$/) });
const separator = fc.constantFrom(' ', ' ', ' ', ' ', ' ', ', ', '. ', '\n');
const words = (min: number, max: number) =>
  fc.array(fc.tuple(word, separator), { minLength: min, maxLength: max }).map((ws) => ws.map(([w, s]) => w + s).join(''));

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string };

/** An edit at a relative place (0..1) of a part of the text: words, a line or an ad inserted, text deleted or replaced. */
const edit = fc.record({
  kind: fc.constantFrom<Edit['kind']>('insert', 'delete', 'replace'),
  where: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 1, max: 40 }),
  text: fc.oneof(words(1, 12), fc.constantFrom('\n', 'Advertisement\n', ' ')),
});

/**
 * Copies of the quote (exact, or with a letter changed) put elsewhere, as a pull quote would be: the repeated-quote
 * hazard. They go at the far ends of the article, at least a context's length (64) from the passage, never where they
 * could sit in its old surroundings or at its old offset: there a copy would be the passage itself to any reader.
 */
function insertCopies(part: string, copies: string[], side: 'before' | 'after', originalLength: number): string {
  let out = part;
  for (const copy of copies) {
    if (originalLength < 64) break;
    out = side === 'before' ? `${copy}\n${out}` : `${out}\n${copy}`;
  }
  return out;
}

/** Applies edits in order; `original` marks, for each character of the result, whether it was in `part`. */
function applyTracked(part: string, edits: { kind: Edit['kind']; where: number; length: number; text: string }[]): { text: string; original: boolean[] } {
  let text = part;
  let original = Array.from(part, () => true);
  for (const e of edits) {
    const at = Math.min(text.length, Math.floor(e.where * (text.length + 1)));
    const removed = e.kind === 'insert' ? 0 : e.length;
    const added = e.kind === 'delete' ? '' : e.text;
    text = text.slice(0, at) + added + text.slice(at + removed);
    original = [...original.slice(0, at), ...Array.from(added, () => false), ...original.slice(at + removed)];
  }
  return { text, original };
}

function apply(part: string, edits: { kind: Edit['kind']; where: number; length: number; text: string }[]): string {
  return applyTracked(part, edits).text;
}

/** Small edits inside the quote: letters changed, words inserted or dropped. */
const quoteEdit = fc.record({
  kind: fc.constantFrom<Edit['kind']>('insert', 'delete', 'replace'),
  where: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 1, max: 8 }),
  text: fc.oneof(fc.stringMatching(/^[a-z]{1,3}$/), words(1, 2)),
});

const scenario = words(20, 400)
  .chain((text) =>
    fc.record({
      text: fc.constant(text),
      start: fc.integer({ min: 0, max: Math.max(0, text.length - 1) }),
      length: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 }), fc.integer({ min: 61, max: 700 })),
    }),
  )
  .filter(({ text, start, length }) => text.slice(start, start + length).trim().length > 0)
  .chain(({ text, start, length }) => {
    const end = Math.min(text.length, start + length);
    const exact = text.slice(start, end);
    // A copy of the quote, exact or with a letter changed, put elsewhere: the repeated-quote hazard.
    const copyText = fc.oneof(fc.constant(exact), fc.integer({ min: 0, max: exact.length - 1 }).map((i) => exact.slice(0, i) + 'x' + exact.slice(i + 1)));
    const copies = fc.array(copyText, { maxLength: 2 });
    return fc.record({
      text: fc.constant(text),
      start: fc.constant(start),
      end: fc.constant(end),
      before: fc.array(edit, { maxLength: 4 }),
      inside: fc.oneof({ weight: 4, arbitrary: fc.array(quoteEdit, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant('delete-all' as const) }),
      after: fc.array(edit, { maxLength: 4 }),
      copiesBefore: copies,
      copiesAfter: copies,
    });
  });

// Generated cases run for a second or two; the timeout leaves room for a busy machine and for ANCHOR_RUNS=30000 runs.
const TIMEOUT = 600_000;

describe('anchor: property', () => {
  it('when anchored with score >= 0.8, the span overlaps where the passage really is now', () => {
    fc.assert(
      fc.property(scenario, ({ text, start, end, before, inside, after, copiesBefore, copiesAfter }) => {
        const { quote, position } = describeRange(text, start, end);
        const editedHead = applyTracked(text.slice(0, start), before);
        const editedTail = applyTracked(text.slice(end), after);
        const head = insertCopies(editedHead.text, copiesBefore, 'before', start);
        const body = inside === 'delete-all' ? '' : apply(text.slice(start, end), inside);
        const tail = insertCopies(editedTail.text, copiesAfter, 'after', text.length - end);
        const edited = head + body + tail;
        // Where the passage is now: what is left of it, and what was inserted in its place (between the last character
        // left of its old prefix and the first left of its old suffix), which a reader would take for it rewritten.
        const lastBefore = editedHead.original.lastIndexOf(true);
        const firstAfter = editedTail.original.indexOf(true);
        const truth = {
          start: lastBefore === -1 ? 0 : head.length - editedHead.text.length + lastBefore + 1,
          end: head.length + body.length + (firstAfter === -1 ? editedTail.text.length : firstAfter),
        };
        const got = anchor(edited, quote, position);
        if (got.status !== 'anchored') return;
        expect(got.start).toBeGreaterThanOrEqual(0);
        expect(got.end).toBeLessThanOrEqual(edited.length);
        expect(got.start).toBeLessThan(got.end);
        expect(got.score).toBeGreaterThanOrEqual(0);
        expect(got.score).toBeLessThanOrEqual(1);
        if (got.score >= 0.8) {
          expect(truth.end, 'a deleted passage anchored with high confidence').toBeGreaterThan(truth.start);
          expect(got.start < truth.end && truth.start < got.end, `anchored at ${got.start}-${got.end}, really at ${truth.start}-${truth.end}`).toBe(true);
        }
      }),
      { numRuns: Number(process.env.ANCHOR_RUNS ?? 400) },
    );
  }, TIMEOUT);

  it('edits away from the passage and its stored context, copies at the ends: found in place, score >= 0.9', () => {
    fc.assert(
      fc.property(scenario, ({ text, start, end, before, after, copiesBefore, copiesAfter }) => {
        const { quote, position } = describeRange(text, start, end);
        // The passage must be unique with its context to begin with, and have some context, or no anchor could tell
        // it from its copies.
        const whole = quote.prefix + quote.exact + quote.suffix;
        fc.pre(text.indexOf(whole) === text.lastIndexOf(whole) && quote.prefix.length + quote.suffix.length >= 32);
        const far = Math.max(0, start - quote.prefix.length);
        const head = insertCopies(apply(text.slice(0, far), before) + text.slice(far, start), copiesBefore, 'before', start);
        const near = end + quote.suffix.length;
        const tail = insertCopies(text.slice(end, near) + apply(text.slice(near), after), copiesAfter, 'after', text.length - end);
        const got = anchor(head + quote.exact + tail, quote, position);
        expect(got).toMatchObject({ status: 'anchored', start: head.length, end: head.length + quote.exact.length });
        if (got.status === 'anchored') expect(got.score).toBeGreaterThanOrEqual(0.9);
      }),
      { numRuns: Number(process.env.ANCHOR_RUNS ?? 300) },
    );
  }, TIMEOUT);

  it('a small edit inside a quote of 20+ characters, its surroundings untouched: found where it is', () => {
    fc.assert(
      fc.property(scenario, quoteEdit, ({ text, start, end }, change) => {
        fc.pre(end - start >= 20);
        const { quote, position } = describeRange(text, start, end);
        const whole = quote.prefix + quote.exact + quote.suffix;
        fc.pre(text.indexOf(whole) === text.lastIndexOf(whole) && quote.prefix.length + quote.suffix.length >= 32);
        const body = apply(quote.exact, [{ ...change, length: Math.min(change.length, 3), text: change.text.slice(0, 3) }]);
        const got = anchor(text.slice(0, start) + body + text.slice(end), quote, position);
        expect(got.status).toBe('anchored');
        if (got.status === 'anchored') expect(got.start < start + body.length && start < got.end).toBe(true);
      }),
      { numRuns: Number(process.env.ANCHOR_RUNS ?? 300), endOnFailure: !!process.env.ANCHOR_NO_SHRINK },
    );
  }, TIMEOUT);

  it('an unedited article anchors every passage at its stored position', () => {
    fc.assert(
      fc.property(scenario, ({ text, start, end }) => {
        const { quote, position } = describeRange(text, start, end);
        const got = anchor(text, quote, position);
        expect(got).toMatchObject({ status: 'anchored', start, end, method: 'position', score: 1 });
      }),
      { numRuns: 200 },
    );
  }, TIMEOUT);
});
