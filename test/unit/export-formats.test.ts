// Export formats: W3C JSON-LD (lossless, stable bytes) and CSV for spreadsheets (RFC 4180, formula-safe).
import { describe, expect, it } from 'vitest';
import { toCollection, toW3C, type Annotation } from '../../src/core/annotation';
import { CSV_COLUMNS, csvCell, toCsv } from '../../src/core/csv';
import { exportAnnotations, toJsonLd } from '../../src/core/export';
import { annotation, at, uuidFor, verdict } from './store-fixtures';

/** A reader of RFC 4180 CSV, written independently of the writer, to check what a spreadsheet would see. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const tricky = (): Annotation[] => [
  annotation(1, { note: 'Said "who", exactly?\nSecond line, with a comma', labels: ['loaded language', 'question'], pageTitle: 'Élection: «résultats», 2026' }),
  annotation(2, { note: '=HYPERLINK("http://evil.example","click")', labels: ['+1', '@mention'], quote: { exact: '-10% in a week', prefix: '', suffix: '' } }),
  { ...verdict(3, 'everywhere', 'https://news.example.co.uk/x'), fingerprint: 'ab12', note: '\tTabbed' },
  annotation(4, { note: '', labels: [], motivation: 'highlighting', pageTitle: '', quote: { exact: '👩‍👩‍👧 שלום', prefix: '', suffix: '' } }),
];

describe('JSON-LD export', () => {
  it('writes a W3C AnnotationCollection: notes, labels and rules as bodies, our extras under margin:', () => {
    const [note, , flagged, highlight] = tricky();
    expect(toW3C(note!)).toEqual({
      id: `urn:uuid:${uuidFor(1)}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: note!.created,
      modified: note!.modified,
      body: [
        { type: 'TextualBody', value: 'Said "who", exactly?\nSecond line, with a comma', purpose: 'commenting', format: 'text/plain' },
        { type: 'TextualBody', value: 'loaded language', purpose: 'tagging' },
        { type: 'TextualBody', value: 'question', purpose: 'tagging' },
      ],
      target: {
        source: 'https://news.example.co.uk/story-1',
        selector: [
          { type: 'TextQuoteSelector', exact: 'quote 1', prefix: 'before ', suffix: ' after' },
          { type: 'TextPositionSelector', start: 1, end: 9 },
        ],
      },
      'margin:site': 'example.co.uk',
      'margin:pageTitle': 'Élection: «résultats», 2026',
    });
    expect(toW3C(flagged!)).toMatchObject({
      motivation: 'classifying',
      body: [
        { type: 'TextualBody', value: '\tTabbed', purpose: 'commenting' },
        { type: 'TextualBody', value: 'loaded/3', purpose: 'classifying' },
      ],
      'margin:fingerprint': 'ab12',
      'margin:flag': { verdict: 'dismissed', scope: 'everywhere', packVersion: '2026.1' },
    });
    // A highlight has no body at all, and no title when there is none.
    const bare = toW3C(highlight!);
    expect('body' in bare).toBe(false);
    expect('margin:pageTitle' in bare).toBe(false);
  });

  it('is valid JSON equal to the collection, and the same bytes for the same data in any order', () => {
    const records = tricky();
    const text = toJsonLd(records, 'Margin');
    expect(JSON.parse(text)).toEqual(toCollection(records, 'Margin'));
    expect(toJsonLd([...records].reverse(), 'Margin')).toBe(text);
    expect(text.split('\n').filter((line) => line.startsWith('      {"id"'))).toHaveLength(4);
    expect(JSON.parse(toJsonLd([], 'Margin'))).toEqual(toCollection([], 'Margin'));
  });

  it('orders items oldest first, then by id', () => {
    const records = [annotation(3, { created: at(1) }), annotation(1, { created: at(2) }), annotation(2, { created: at(1) })];
    expect(toCollection(records, 'Margin').first.items.map((i) => i.id)).toEqual([2, 3, 1].map((n) => `urn:uuid:${uuidFor(n)}`));
  });

  it('names the file by product and UTC day, with the media type of each format', () => {
    const date = new Date('2026-03-04T23:30:00-05:00');
    expect(exportAnnotations([], 'jsonld', 'Margin', date)).toMatchObject({ filename: 'margin-annotations-2026-03-05.json', mimeType: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"' });
    expect(exportAnnotations([], 'csv', 'Margin', date)).toMatchObject({ filename: 'margin-annotations-2026-03-05.csv', mimeType: 'text/csv;charset=utf-8;header=present' });
  });
});

describe('CSV export', () => {
  it('writes a BOM, a header and one CRLF row per annotation that a CSV reader gets back cell for cell', () => {
    const records = tricky();
    const text = toCsv(records);
    expect(text.startsWith('\uFEFFid,created,modified,page,site,title,quote,note,labels,motivation,rule,verdict,scope\r\n')).toBe(true);
    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual([uuidFor(1), records[0]!.created, records[0]!.modified, 'https://news.example.co.uk/story-1', 'example.co.uk', 'Élection: «résultats», 2026', 'quote 1', 'Said "who", exactly?\nSecond line, with a comma', 'loaded language; question', 'commenting', '', '', '']);
    expect(rows[3]!.slice(-4)).toEqual(['classifying', 'loaded/3', 'dismissed', 'everywhere']);
    expect(rows[4]![6]).toBe('👩‍👩‍👧 שלום');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    const rows = readCsv(toCsv(tricky()).slice(1));
    expect(rows[2]![7]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[2]![8]).toBe(`'+1; @mention`);
    expect(rows[2]![6]).toBe(`'-10% in a week`);
    expect(rows[3]![7]).toBe(`'\tTabbed`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}x`).replace(/^"/, '').startsWith(`'`)).toBe(true);
    expect(csvCell('a = b')).toBe('a = b');
    // After spaces and in full-width forms, too.
    for (const value of [' =1+1', '\u3000=1', '＝1+1', '＋1', '＠SUM(1)']) expect(csvCell(value)).toBe(`'${value}`);
  });

  it('quotes a cell holding a semicolon or a tab, which Excel splits on in some locales', () => {
    const title = 'Die Lage;=HYPERLINK("http://evil.example");';
    expect(csvCell(title)).toBe('"Die Lage;=HYPERLINK(""http://evil.example"");"');
    expect(csvCell('x;@SUM(1+1)')).toBe('"x;@SUM(1+1)"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
  });

  it('quotes only what needs it (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\ronly')).toBe('"cr\ronly"');
    expect(csvCell('')).toBe('');
  });

  it('gives the same bytes for the same data in any order', () => {
    expect(toCsv([...tricky()].reverse())).toBe(toCsv(tricky()));
    expect(toCsv([])).toBe('\uFEFFid,created,modified,page,site,title,quote,note,labels,motivation,rule,verdict,scope\r\n');
  });
});

describe('export speed', () => {
  it('writes 10,000 annotations in both formats, one record a line or row', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => annotation(i, { note: `A note of moderate length, number ${i}, with "quotes", commas and é.`, labels: ['question', 'loaded language'] }));
    // Its speed is the benchmark's business (npm run bench); here, that every record is written.
    expect(JSON.parse(toJsonLd(records, 'Margin')).first.items).toHaveLength(10_000);
    expect(toCsv(records).trimEnd().split('\r\n')).toHaveLength(10_001);
  });
});
