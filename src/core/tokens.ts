// Word tokenizer: splits one block of article text into word and punctuation tokens with offsets and sentence starts.

/** How a token is capitalised; matchers use it for case rules and name detection. */
export type Shape = 'lower' | 'title' | 'upper' | 'other';

export interface Token {
  /** UTF-16 offsets into the whole article text, end exclusive. */
  start: number;
  end: number;
  /** Lowercase, curly apostrophes straightened, a possessive 's dropped: the key matchers compare. */
  norm: string;
  /** A word (letters or digits); false for a single punctuation or symbol character. */
  word: boolean;
  shape: Shape;
  /** First word of a sentence (its capital letter says nothing about being a name). */
  sentenceStart: boolean;
  /** Index of the block (line) the token sits in. */
  block: number;
}

/** Titles and suffixes abbreviated inside a name: "Gov. Jane Smith", "Mr. Reeves", "John Smith Jr.". */
export const NAME_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'gen', 'sen', 'rep', 'gov', 'pres', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'det', 'insp', 'supt', 'jr', 'sr',
]);
// A full stop after these is not the end of a sentence.
const ABBREVIATIONS = new Set([
  ...NAME_ABBREVIATIONS,
  'inc', 'co', 'corp', 'ltd', 'vs', 'no', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec', 'approx', 'est', 'fig', 'vol',
]);
const SENTENCE_END = new Set(['.', '!', '?', '…']);

/** True when a word token starts with a capital letter (Title, UPPER or camel forms like McDonald). */
export function isCapitalised(token: Token): boolean {
  return token.word && token.shape !== 'lower' && !/^\p{N}/u.test(token.norm);
}

/** Character classes of the scanner. */
const Kind = { Space: 0, Word: 1, Mark: 2, Other: 3 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

// Classification of non-ASCII characters, cached: the test runs once per distinct character in a page.
const UNICODE_WORD = /^[\p{L}\p{N}]$/u;
const UNICODE_MARK = /^\p{M}$/u;
const UNICODE_SPACE = /^\s$/u;
const kindCache = new Map<number, Kind>();

function kindOfCode(code: number, char: string): Kind {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return Kind.Word;
    if (code === 32 || (code >= 9 && code <= 13)) return Kind.Space;
    return Kind.Other;
  }
  let kind = kindCache.get(code);
  if (kind === undefined) {
    kind = UNICODE_WORD.test(char) ? Kind.Word : UNICODE_MARK.test(char) ? Kind.Mark : UNICODE_SPACE.test(char) ? Kind.Space : Kind.Other;
    kindCache.set(code, kind);
  }
  return kind;
}

/** Length in UTF-16 units of the code point at i (2 for an astral character such as most emoji). */
function widthAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function kindAt(text: string, i: number, end: number): Kind {
  if (i >= end) return Kind.Space;
  const code = text.charCodeAt(i);
  if (code < 128) return kindOfCode(code, '');
  const width = widthAt(text, i);
  const cp = width === 2 ? text.codePointAt(i)! : code;
  return kindOfCode(cp, text.slice(i, i + width));
}

const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 45;
const UNICODE_HYPHEN = 0x2010;
const DOT = 46;
const COMMA = 44;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isJoiner(code: number): boolean {
  return code === APOSTROPHE || code === RIGHT_QUOTE || code === HYPHEN || code === UNICODE_HYPHEN;
}

/** The longest label read as part of a domain name ("com", "co", "uk", "online"). Two words typed without a space
 * after a full stop ("ended.so") read as one as well; edited text rarely has them. */
const MAX_DOMAIN_LABEL = 6;

/**
 * The end of a lowercase label of 2 to 6 letters at text[from], followed by no letter or digit ("com" in
 * "Snopes.com," or "bbc.co.uk"), else -1.
 */
function domainLabelEnd(text: string, from: number, end: number): number {
  let k = from;
  while (k < end && k - from <= MAX_DOMAIN_LABEL) {
    const c = text.charCodeAt(k);
    if (c < 97 || c > 122) break;
    k++;
  }
  const length = k - from;
  if (length < 2 || length > MAX_DOMAIN_LABEL) return -1;
  return k < end && kindAt(text, k, end) === Kind.Word ? -1 : k;
}

/**
 * Tokenizes text[start, end) as block number `block`, appending to `out`.
 * Words are letters, digits and combining marks, joined by inner apostrophes and hyphens (Kassym-Jomart,
 * don't, so-called); dotted abbreviations (U.S., e.g.) and domain names (Snopes.com, bbc.co.uk: a dot and a
 * lowercase label of 2 to 6 letters) are one word; any other visible character is a
 * one-character token. A hand scan over char codes, linear on any input and fast on ASCII.
 * Sentence starts are marked at the block start and after . ! ? … when the next word is capitalised or a
 * number, unless the stop follows a known abbreviation or an initial.
 */
export function tokenizeBlock(text: string, start: number, end: number, block: number, out: Token[]): void {
  const first = out.length;
  let pendingEnd = true;
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      i++;
      continue;
    }
    const kind = code < 128 ? kindOfCode(code, '') : kindAt(text, i, end);
    if (kind === Kind.Space) {
      i += widthAt(text, i);
      continue;
    }
    let j: number;
    // While scanning a word, count ASCII capitals and note any non-ASCII character, so the common case
    // (a lowercase ASCII word) needs no case conversion at all.
    let capitals = 0;
    let letters = 0;
    let ascii = true;
    if (kind === Kind.Word) {
      j = i;
      // Dotted abbreviation: letter . letter . (at least two pairs)
      if (text.charCodeAt(i + 1) === DOT && kindAt(text, i + 2, end) === Kind.Word && text.charCodeAt(i + 3) === DOT && widthAt(text, i) === 1) {
        ascii = false;
        while (j + 1 < end && kindAt(text, j, end) === Kind.Word && widthAt(text, j) === 1 && text.charCodeAt(j + 1) === DOT) j += 2;
      } else {
        j = i;
        while (j < end) {
          const c = text.charCodeAt(j);
          if (c < 128) {
            if (c >= 97 && c <= 122) {
              letters++;
              j++;
              continue;
            }
            if (c >= 65 && c <= 90) {
              letters++;
              capitals++;
              j++;
              continue;
            }
            if (c >= 48 && c <= 57) {
              j++;
              continue;
            }
            if ((c === APOSTROPHE || c === HYPHEN) && j > i && kindAt(text, j + 1, end) === Kind.Word) {
              j++;
              continue;
            }
            // A number's separators stay inside it ("5,000", "3.5", German "12.000"): a comma there ends no clause.
            if ((c === COMMA || c === DOT) && letters === 0 && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1))) {
              j++;
              continue;
            }
            if (c === DOT && letters > 0) {
              const label = domainLabelEnd(text, j + 1, end);
              if (label > 0) {
                letters += label - j - 1;
                j = label;
                continue;
              }
            }
            break;
          }
          const k = kindAt(text, j, end);
          if (k === Kind.Word || k === Kind.Mark) {
            ascii = false;
            j += widthAt(text, j);
          } else if (j > i && isJoiner(c) && kindAt(text, j + 1, end) === Kind.Word) {
            ascii = false;
            j += 1;
          } else {
            break;
          }
        }
      }
    } else {
      j = i + widthAt(text, i);
      while (j < end && kindAt(text, j, end) === Kind.Mark) j += widthAt(text, j);
    }
    const raw = text.slice(i, j);
    const word = kind === Kind.Word;
    let norm = raw;
    let shape: Shape = 'other';
    if (word) {
      if (ascii) {
        if (capitals === 0) shape = 'lower';
        else {
          norm = raw.toLowerCase();
          if (capitals === letters) shape = letters > 1 ? 'upper' : 'title';
          else if (capitals === 1 && code >= 65 && code <= 90) shape = 'title';
        }
      } else {
        const lower = raw.toLowerCase();
        norm = lower;
        if (lower === raw) {
          shape = 'lower';
        } else {
          const upper = raw.toUpperCase();
          if (raw === upper) shape = /\p{L}.*\p{L}/su.test(raw) ? 'upper' : 'title';
          else if (raw.charAt(0) !== lower.charAt(0)) shape = raw.slice(1) === lower.slice(1) ? 'title' : 'other';
        }
        if (norm.includes('’')) norm = norm.replace(/’/g, "'");
      }
      if (norm.length > 2 && norm.charCodeAt(norm.length - 2) === APOSTROPHE && (norm.charCodeAt(norm.length - 1) === 115)) norm = norm.slice(0, -2);
    }
    const token: Token = { start: i, end: j, norm, word, shape, sentenceStart: false, block };
    if (word) {
      if (pendingEnd && (out.length === first || shape !== 'lower')) token.sentenceStart = true;
      pendingEnd = false;
    } else if (SENTENCE_END.has(raw)) {
      const prev = out[out.length - 1];
      const abbreviated = prev !== undefined && prev.word && (ABBREVIATIONS.has(prev.norm) || (prev.norm.length === 1 && prev.shape !== 'lower'));
      if (!(raw === '.' && abbreviated)) pendingEnd = true;
    }
    out.push(token);
    i = j;
  }
}
