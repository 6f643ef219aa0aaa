// Finds quoted-speech spans in a block, so matchers can tell a speaker's words from the author's narration.

export interface Span {
  start: number;
  end: number;
}

// Opening mark -> the marks that may close it. „ closes with “ (German) or ” (mixed typography).
const PAIRS: Record<string, string> = {
  '“': '”',
  '„': '“”',
  '«': '»',
  '‹': '›',
  '「': '」',
  '『': '』',
  '»': '«',
};
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Every character that can open or close a quotation. */
const MARKS = /["“”„«»‹›「」『』‘’]/g;
const SPACE_OR_OPEN = /[\s([{\u2014\u2013-]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch);
}

/**
 * Quoted spans of text[start, end), marks included, in order and not overlapping.
 * Curly, guillemet and CJK pairs nest-free (an inner quote stays inside the outer span); straight double
 * quotes open after a space or bracket and close otherwise; ‘single’ quotes count only when the ’ is not an
 * apostrophe inside a word. An unclosed opening quote runs to the end of the block, the convention for a quote
 * that continues into the next paragraph.
 * Why a hand scan instead of a regex: quotes nest and mix, and a scan is linear on any input.
 */
export function findQuotes(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let closers = '';
  // Jump from mark to mark: a regex character class scans natively, far faster than a char-by-char loop.
  // It runs on the block alone (a cheap sliced string), so a block without marks never scans past its end.
  const block = text.slice(start, end);
  MARKS.lastIndex = 0;
  for (;;) {
    const found = MARKS.exec(block);
    if (found === null) break;
    const i = start + found.index;
    const ch = found[0];
    if (open >= 0) {
      if (closers.includes(ch) && !(ch === '’' && isWordChar(text.charAt(i + 1)))) {
        spans.push({ start: open, end: i + 1 });
        open = -1;
      }
      continue;
    }
    if (Object.hasOwn(PAIRS, ch)) {
      // » opens only in Danish/Swedish style »…«; treat it as an opener only when a « follows later.
      if (ch === '»' && text.indexOf('«', i + 1) === -1) continue;
      open = i;
      closers = PAIRS[ch]!;
    } else if (ch === '"') {
      const before = i === start ? ' ' : text.charAt(i - 1);
      if (SPACE_OR_OPEN.test(before) && i + 1 < end && !/\s/.test(text.charAt(i + 1))) {
        open = i;
        closers = '"”';
      }
    } else if (ch === '‘') {
      const before = i === start ? ' ' : text.charAt(i - 1);
      if (!isWordChar(before) && isWordChar(text.charAt(i + 1))) {
        open = i;
        closers = '’';
      }
    }
  }
  if (open >= 0 && closers !== '’') spans.push({ start: open, end });
  return spans;
}

/** Index of the span containing [start, end), or -1; spans are sorted and disjoint. */
export function spanContaining(spans: readonly Span[], start: number, end: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (span.end <= start) lo = mid + 1;
    else if (span.start > start) hi = mid - 1;
    else return span.end >= end ? mid : -1;
  }
  return -1;
}
