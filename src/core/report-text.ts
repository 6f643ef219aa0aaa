// What a file says, quoted back in an error report: a file must not be able to forge or hide lines of the report.

/**
 * Control characters, line and paragraph separators (U+2028, U+2029), bidirectional overrides and marks (the Arabic
 * letter mark U+061C too), and zero-width characters that hide a difference between two names (U+200B-U+200D, U+2060,
 * U+FEFF).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * `text` fit to quote in a report: each unprintable character becomes U+FFFD (so the reader sees that something was
 * there), and text longer than `max` characters is cut, ending with an ellipsis.
 */
export function quotable(text: string, max: number): string {
  // Only the part that can be shown is scanned: a file can hold megabytes in one value.
  // A cut never splits a surrogate pair (an emoji), which would leave half a character before the ellipsis.
  const end = max - 1 - (text.length > max && /[\ud800-\udbff]/.test(text[max - 2] ?? '') ? 1 : 0);
  const shown = text.length > max ? `${text.slice(0, end)}…` : text;
  return shown.replace(UNPRINTABLE, '\uFFFD');
}
