// What a file says, quoted back in an error report: a file must not be able to forge or hide lines of the report.

/** Control characters (line breaks included) and bidirectional overrides and marks. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` fit to quote in a report: each unprintable character becomes U+FFFD (so the reader sees that something was
 * there), and text longer than `max` characters is cut, ending with an ellipsis.
 */
export function quotable(text: string, max: number): string {
  // Only the part that can be shown is scanned: a file can hold megabytes in one value.
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return shown.replace(UNPRINTABLE, '\uFFFD');
}
