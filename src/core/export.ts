// What an export request produces: the file name, its media type and its text, in either format, from the records.
import { toCollection, type Annotation } from './annotation';
import { toCsv } from './csv';

export type ExportFormat = 'jsonld' | 'csv';

export interface ExportFile {
  filename: string;
  mimeType: string;
  text: string;
}

/** The media type the Web Annotation protocol names for annotations in JSON-LD. */
export const JSONLD_MIME = 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"';
export const CSV_MIME = 'text/csv;charset=utf-8;header=present';

/**
 * The JSON-LD text: the collection indented, each annotation on one line of its own. Compared with indenting
 * everything, the file is about 40% smaller (100,000 annotations stay under the 64 MB a message may carry), a diff of
 * two exports shows one changed line per changed annotation, and the bytes are the same for the same data.
 */
export function toJsonLd(annotations: readonly Annotation[], generator: string): string {
  const { first, ...head } = toCollection(annotations, generator);
  const items = first.items.map((item) => `      ${JSON.stringify(item)}`).join(',\n');
  return [
    '{',
    ...Object.entries(head).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`),
    '  "first": {',
    `    "type": ${JSON.stringify(first.type)},`,
    `    "startIndex": ${JSON.stringify(first.startIndex)},`,
    items ? `    "items": [\n${items}\n    ]` : '    "items": []',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** `margin-annotations-2026-01-02.json` / `.csv`, dated by the UTC day of the export. */
export function exportAnnotations(annotations: readonly Annotation[], format: ExportFormat, generator: string, date: Date): ExportFile {
  const base = `${generator.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-annotations-${date.toISOString().slice(0, 10)}`;
  return format === 'csv'
    ? { filename: `${base}.csv`, mimeType: CSV_MIME, text: toCsv(annotations) }
    : { filename: `${base}.json`, mimeType: JSONLD_MIME, text: toJsonLd(annotations, generator) };
}
