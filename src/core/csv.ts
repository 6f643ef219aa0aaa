// Annotations as CSV for spreadsheets: RFC 4180 quoting, a header row, one row per annotation, safe to open in Excel.
import { compareForExport, type Annotation } from './annotation';

/** The columns, in order. A spreadsheet is for reading and sorting, not for import: the round trip is the JSON-LD. */
export const CSV_COLUMNS = ['id', 'created', 'modified', 'page', 'site', 'title', 'quote', 'note', 'labels', 'motivation', 'rule', 'verdict', 'scope'] as const;

/** Labels are joined into one cell with this separator. */
export const LABEL_SEPARATOR = '; ';

/**
 * Excel and LibreOffice read a cell that starts with one of these as a formula (CSV injection, OWASP), also after
 * spaces and in their full-width forms: such a cell gets a leading apostrophe, which spreadsheets show as text. It
 * changes what a reader sees only for notes that really begin with = + - @, a tab or a carriage return.
 */
const FORMULA_START = /^[ \u3000]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One cell: neutralised if it could run as a formula; quoted (with doubled quotes) if it holds a comma, a quote, a
 * line break, a semicolon or a tab. Excel in locales whose list separator is the semicolon (German among them) splits
 * lines on it, so an unquoted "title;=HYPERLINK(…)" from a page would start a formula cell there.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function row(a: Annotation): string[] {
  return [
    a.id,
    a.created,
    a.modified,
    a.page,
    a.site,
    a.pageTitle,
    a.quote.exact,
    a.note,
    a.labels.join(LABEL_SEPARATOR),
    a.motivation,
    a.flag?.ruleId ?? '',
    a.flag?.verdict ?? '',
    a.flag?.scope ?? '',
  ];
}

/**
 * The whole file: a UTF-8 byte order mark (without it Excel reads UTF-8 as the local code page and mangles every
 * accent and emoji), the header, then one CRLF-terminated line per annotation in export order (oldest first, then id),
 * so the same data always gives the same bytes.
 */
export function toCsv(annotations: readonly Annotation[]): string {
  const lines = [CSV_COLUMNS.join(','), ...[...annotations].sort(compareForExport).map((a) => row(a).map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
