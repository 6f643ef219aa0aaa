// The article fingerprint: stable across runs (stored values stay valid), sensitive to any edit, and the changed-article check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleChanged, fingerprint, FINGERPRINT_PATTERN } from '../../src/core/fingerprint';

describe('fingerprint', () => {
  it('is cyrb53 (seed 0): the reference values of its author, as 14 hex digits', () => {
    // cyrb53('revenge') = 4051478007546757 and cyrb53('revenue') = 8309097637345594 in bryc's code/hashing README.
    expect(fingerprint('revenge')).toBe((4051478007546757).toString(16).padStart(14, '0'));
    expect(fingerprint('revenue')).toBe((8309097637345594).toString(16).padStart(14, '0'));
  });

  it('never changes for a given text: fingerprints stored by earlier versions stay valid', () => {
    expect(fingerprint('')).toBe('0bdcb81aee8d83');
    expect(fingerprint('City council approves new bus lanes\nThe vote was 7-2.')).toBe(fingerprint('City council approves new bus lanes\nThe vote was 7-2.'));
    expect(fingerprint('é🎉')).toBe('11fa0477c61d71');
  });

  it('always has the stored format (fits the annotation schema: at most 64 characters)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(fingerprint(text)).toMatch(FINGERPRINT_PATTERN);
      }),
    );
    for (const text of ['', '\u0000', '\ud800', '🎉'.repeat(1000), 'x'.repeat(100_000)]) expect(fingerprint(text)).toMatch(FINGERPRINT_PATTERN);
  });

  it('changes with any one-character edit', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 500 }), fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), (text, at, kind) => {
        const i = at % text.length;
        const edited =
          kind === 'insert' ? text.slice(0, i) + 'x' + text.slice(i) : kind === 'delete' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + (text[i] === 'y' ? 'z' : 'y') + text.slice(i + 1);
        expect(fingerprint(edited)).not.toBe(fingerprint(text));
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart whitespace-only and order-only differences', () => {
    expect(fingerprint('a b')).not.toBe(fingerprint('a  b'));
    expect(fingerprint('a\nb')).not.toBe(fingerprint('a b'));
    expect(fingerprint('ab')).not.toBe(fingerprint('ba'));
  });
});

describe('articleChanged', () => {
  const text = 'City council approves new bus lanes\nThe vote was 7-2.';

  it('is false for the same text and true for an edited one', () => {
    const stored = fingerprint(text);
    expect(articleChanged(stored, text)).toBe(false);
    expect(articleChanged(stored, text.replace('7-2', '6-3'))).toBe(true);
    expect(articleChanged(stored, '')).toBe(true);
  });

  it('cannot tell without a stored fingerprint (older or imported notes): false', () => {
    expect(articleChanged(undefined, text)).toBe(false);
    expect(articleChanged('', text)).toBe(false);
  });

  it('answers from the current text each time, whatever was asked before', () => {
    const a = fingerprint('first article');
    const b = fingerprint('second article');
    expect(articleChanged(a, 'first article')).toBe(false);
    expect(articleChanged(a, 'second article')).toBe(true);
    expect(articleChanged(b, 'second article')).toBe(false);
    expect(articleChanged(b, 'first article')).toBe(true);
  });
});
