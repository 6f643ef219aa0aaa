// Text a file makes us quote in an error report: it must not forge or hide lines of the report.
import { describe, expect, it } from 'vitest';
import { quotable } from '../../src/core/report-text';

describe('quotable', () => {
  it('shows each line break, control character and bidirectional override as U+FFFD', () => {
    expect(quotable('a\nb\r\u0000c\u202eevil\u2066d\u200fe\u0085f', 100)).toBe('a\uFFFDb\uFFFD\uFFFDc\uFFFDevil\uFFFDd\uFFFDe\uFFFDf');
    expect(quotable('a\u2028b\u2029c\u061cd\u200be\ufefff', 100)).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf');
  });

  it('leaves printable text, other scripts and emoji as they are', () => {
    expect(quotable('Kremlin «Песков» 新闻 — ok 👍', 100)).toBe('Kremlin «Песков» 新闻 — ok 👍');
  });

  it('cuts long text to the given length, ending with an ellipsis', () => {
    expect(quotable('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(quotable('x'.repeat(11), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(quotable(`\n${'y'.repeat(5_000_000)}`, 60)).toHaveLength(60);
    const cut = quotable(`${'x'.repeat(8)}👍👍`, 10);
    expect(cut).toBe(`${'x'.repeat(8)}…`);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
