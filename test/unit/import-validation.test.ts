// Import validation: what a bad file looks like, what the reader is told, and that nothing bad gets through.
import { describe, expect, it } from 'vitest';
import { LIMITS, toCollection, type Annotation } from '../../src/core/annotation';
import { toJsonLd } from '../../src/core/export';
import { IMPORT_LIMITS, normaliseTimestamp, parseAnnotationFile } from '../../src/core/import';
import { annotation, uuidFor, verdict } from './store-fixtures';

const fileOf = (records: Annotation[]) => toJsonLd(records, 'Margin');
const itemsOf = (records: Annotation[]) => toCollection(records, 'Margin').first.items as unknown as Record<string, unknown>[];
const collectionWith = (items: unknown[]) => JSON.stringify({ ...toCollection([], 'Margin'), total: items.length, first: { type: 'AnnotationPage', startIndex: 0, items } });

function rejected(text: string) {
  const result = parseAnnotationFile(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result;
}

describe('import: the file as a whole', () => {
  it('accepts what export writes, and a bare array of the same annotations', () => {
    const records = [annotation(1), annotation(2, { note: '', labels: [], motivation: 'highlighting' }), verdict(3, 'site', 'https://news.example.co.uk/a')];
    const collection = parseAnnotationFile(fileOf(records));
    expect(collection).toEqual({ ok: true, annotations: records, total: 3, duplicates: 0 });
    const bare = parseAnnotationFile(JSON.stringify(itemsOf(records)));
    expect(bare).toEqual(collection);
  });

  it('explains files that are not JSON, or not a collection', () => {
    expect(rejected('').message).toMatch(/^The file is not JSON/);
    expect(rejected('{"type": "AnnotationCollection",').message).toMatch(/^The file is not JSON/);
    expect(parseAnnotationFile('\uFEFF[]')).toEqual({ ok: true, annotations: [], total: 0, duplicates: 0 });
    expect(rejected('null').message).toMatch(/holds null/);
    expect(rejected('42').message).toMatch(/holds a number/);
    expect(rejected('"text"').message).toMatch(/holds a string/);
    expect(rejected('{"hello": 1}').message).toMatch(/"type" is not "AnnotationCollection"/);
    expect(rejected(JSON.stringify(itemsOf([annotation(1)])[0])).message).toMatch(/single annotation/);
    expect(rejected('{"type": "AnnotationCollection", "first": "https://example.com/page1"}').message).toMatch(/^The collection itself is malformed:\ncollection: first: /);
  });

  it('notices a collection cut short: total and items disagree', () => {
    const text = JSON.stringify({ ...JSON.parse(fileOf([annotation(1), annotation(2)])), total: 3 });
    expect(rejected(text).message).toBe('The collection says it holds 3 annotations but 2 are present: the file may be cut short.');
  });

  it('refuses the whole file when one record is bad, naming record, id, field and problem', () => {
    const items = itemsOf([annotation(1), annotation(2), annotation(3)]);
    items[1] = { ...items[1], motivation: 'liking' };
    const result = rejected(collectionWith(items));
    expect(result.badRecords).toBe(1);
    expect(result.total).toBe(3);
    expect(result.message).toBe(
      `1 of 3 records has problems:\nrecord 2 (id urn:uuid:${uuidFor(2)}): motivation: Invalid type: Expected ("commenting" | "highlighting" | "tagging" | "classifying") but received "liking"`,
    );
  });

  it('reports wrong types deep in a record by their path', () => {
    const [item] = itemsOf([annotation(1)]);
    const target = item!.target as { selector: Record<string, unknown>[] };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...item, created: 'yesterday' }, /created: must be a date and time/],
      [{ ...item, created: '2026-02-30T00:00:00Z' }, /created: must be a date and time/],
      [{ ...item, id: 'https://example.com/1' }, /id: must be "urn:uuid:" followed by a UUID/],
      [{ ...item, id: 7 }, /\(no id\): id: Invalid type: Expected string but received 7/],
      [{ ...item, body: [{ type: 'TextualBody', purpose: 'tagging', value: '' }] }, /body\.0\.value: Invalid length/],
      [{ ...item, body: 'a note' }, /body: Invalid type: Expected Array/],
      [{ ...item, target: { ...target, selector: [target.selector[0], { ...target.selector[1], start: -1 }] } }, /target\.selector\.1\.start: Invalid value/],
      [{ ...item, target: { ...target, selector: [target.selector[0], { ...target.selector[1], start: 9, end: 9 }] } }, /target\.selector: TextPositionSelector end must be after start/],
      [{ ...item, target: { ...target, selector: [target.selector[0], target.selector[0]] } }, /target\.selector: needs one TextQuoteSelector and one TextPositionSelector/],
      [{ ...item, target: { ...target, source: 'javascript:alert(1)' } }, /target\.source: must be an http\(s\) address/],
      // W3C allows a list of targets, or a bare address: named as such, not as keys the list lacks.
      [{ ...item, target: [target] }, /target: must be one object with source and selector \(a list of targets, or a bare address, is not read\)$/],
      [{ ...item, target: 'https://news.example/a' }, /target: must be one object with source and selector/],
      [{ ...item, 'margin:flag': { verdict: 'dismissed', scope: 'site', packVersion: '1' } }, /body: needs a "classifying" body/],
      [{ ...item, body: [{ type: 'TextualBody', purpose: 'classifying', value: 'x' }] }, /margin:flag: is required with a "classifying" body/],
      [{ ...item, body: [{ type: 'TextualBody', purpose: 'commenting', value: 'a' }, { type: 'TextualBody', purpose: 'commenting', value: 'b' }] }, /body: has more than one note/],
      [{ ...item, creator: 'someone' }, /creator: Invalid key: Expected never but received "creator"/],
      [[item], /^The record has problems:\nrecord 1 \(no id\): \(record\): is a list, not an annotation$/],
    ];
    for (const [bad, expected] of cases) expect(rejected(JSON.stringify([bad])).message).toMatch(expected);
  });

  it('lists at most 20 problems and counts the rest', () => {
    const items = itemsOf(Array.from({ length: 50 }, (_, n) => annotation(n))).map((item) => ({ ...item, type: 'Note', motivation: 'liking' }));
    const result = rejected(collectionWith(items));
    expect(result.badRecords).toBe(50);
    expect(result.problems).toHaveLength(IMPORT_LIMITS.problemsListed);
    const lines = result.message.split('\n');
    expect(lines[0]).toBe('All 50 records have problems:');
    expect(lines.at(-1)).toBe('…and 80 more problems.');
  });

  it('rejects strings over the stored limits without echoing them back', () => {
    const huge = 'x'.repeat(5_000_000);
    const [item] = itemsOf([annotation(1)]);
    for (const bad of [
      { ...item, body: [{ type: 'TextualBody', purpose: 'commenting', value: 'n'.repeat(LIMITS.note + 1) }] },
      { ...item, motivation: huge },
      { ...item, target: { ...(item!.target as object), source: `https://a.example/${huge}` } },
      { ...item, id: huge },
      { ...item, [huge]: 1 },
    ]) {
      const result = rejected(JSON.stringify([bad]));
      expect(result.message.length).toBeLessThan(1_000);
    }
  });

  it('quotes the ids and the JSON it was given without their line breaks or direction overrides', () => {
    const [item] = itemsOf([annotation(1)]);
    const forged = rejected(JSON.stringify([{ ...item, id: 'urn:uuid:1\nAll 1 records imported.\u202e' }])).message;
    expect(forged.split('\n')).toEqual(['The record has problems:', expect.stringContaining('record 1 (id urn:uuid:1\uFFFDAll 1 records imported.\uFFFD): id: ')]);
    expect(forged).not.toMatch(/\u202e/);
    const notJson = rejected('[{"id": "\u202e\u0007').message;
    expect(notJson).toMatch(/^The file is not JSON: /);
    for (const unprintable of ['\n', '\u0007', '\u202e']) expect(notJson).not.toContain(unprintable);
  });

  it('never lets __proto__, constructor or prototype keys through, and never pollutes Object.prototype', () => {
    const [item] = itemsOf([annotation(1)]);
    const json = JSON.stringify(item);
    const attacks = [
      `[${json.replace('{', '{"__proto__": {"polluted": true},')}]`,
      `[${json.replace('"target":{', '"target":{"__proto__": {"polluted": true},')}]`,
      `[${json.replace('{', '{"constructor": {"prototype": {"polluted": true}},')}]`,
      `{"__proto__": {"polluted": true}, "type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": []}}`,
      `{"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [], "__proto__": {"polluted": true}}}`,
      `[${json.replace('"margin:flag"', '"x"').replace('{', '{"margin:flag": {"__proto__": {"polluted": true}},')}]`,
    ];
    for (const attack of attacks) {
      const result = rejected(attack);
      expect(result.message).toMatch(/__proto__|constructor|margin:flag/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('survives deep nesting anywhere in the file', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(rejected(deep).message).toMatch(/record 1/);
    const [item] = itemsOf([annotation(1)]);
    const nested = JSON.stringify([item]).replace('"motivation":"commenting"', `"motivation":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    expect(rejected(nested).message).toMatch(/motivation: Invalid type/);
  });

  it('keeps the newer of two records with the same id, whatever their order in the file', () => {
    const older = annotation(1, { note: 'first thought', modified: at(10) });
    const newer = annotation(1, { note: 'second thought', modified: at(20) });
    const tieA = annotation(2, { note: 'a', modified: at(30) });
    const tieB = annotation(2, { note: 'b', modified: at(30) });
    const forward = parseAnnotationFile(fileOfItems([older, newer, tieA, tieB]));
    const backward = parseAnnotationFile(fileOfItems([tieB, newer, tieA, older]));
    expect(forward.ok && forward.annotations.map((a) => a.note).sort()).toEqual(['b', 'second thought']);
    expect(backward.ok && backward.annotations.map((a) => a.note).sort()).toEqual(['b', 'second thought']);
    expect(forward.ok && forward.duplicates).toBe(2);
    expect(forward.ok && forward.total).toBe(4);
  });

  it('normalises ids, times, addresses and missing context', () => {
    const [item] = itemsOf([annotation(1)]);
    const target = item!.target as { selector: Record<string, unknown>[]; source: string };
    const variant = {
      ...item,
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${uuidFor(1).toUpperCase()}`,
      created: '2026-01-02T05:04:00+02:00',
      modified: '2026-01-02T03:04:00.000000Z',
      target: { source: 'https://NEWS.example.co.uk/story-1#comments', selector: [target.selector[1], { type: 'TextQuoteSelector', exact: 'quote 1' }] },
      'margin:site': 'forged.example',
    };
    const result = parseAnnotationFile(JSON.stringify([variant]));
    expect(result).toMatchObject({
      ok: true,
      annotations: [{ id: uuidFor(1), created: at(4), modified: at(4), page: 'https://news.example.co.uk/story-1', site: 'example.co.uk', quote: { exact: 'quote 1', prefix: '', suffix: '' } }],
    });
  });

  it('reads times as RFC 3339 and refuses impossible ones', () => {
    expect(normaliseTimestamp('2026-01-02T03:04:05Z')).toBe('2026-01-02T03:04:05.000Z');
    expect(normaliseTimestamp('2026-01-02T03:04:05.123456789Z')).toBe('2026-01-02T03:04:05.123Z');
    expect(normaliseTimestamp('2026-01-01T01:00:00+02:00')).toBe('2025-12-31T23:00:00.000Z');
    expect(normaliseTimestamp('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    for (const bad of ['2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00', '2026-01-01T00:00:00+0200', '0000-01-01T00:00:00+01:00']) {
      expect(normaliseTimestamp(bad)).toBeNull();
    }
  });

  it('imports 100,000 records (about 50 MB) and rejects the same file with one bad record in the middle', () => {
    const records = Array.from({ length: 100_000 }, (_, n) => annotation(n, { created: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(), modified: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString() }));
    const text = fileOf(records);
    expect(text.length).toBeGreaterThan(50_000_000);
    expect(text.length).toBeLessThan(64 * 1024 * 1024); // what the import message may carry
    const started = performance.now();
    const result = parseAnnotationFile(text);
    const elapsed = performance.now() - started;
    console.log(`import: parsed and validated 100,000 records (${(text.length / 1e6).toFixed(1)} MB) in ${elapsed.toFixed(0)} ms`);
    expect(result.ok && result.annotations.length).toBe(100_000);
    expect(result.ok && result.annotations[99_999]).toEqual(records[99_999]);

    const broken = text.replace(`"exact":"quote 50000"`, '"exact":""');
    const refused = rejected(broken);
    expect(refused.badRecords).toBe(1);
    expect(refused.message).toContain(`record 50001 (id urn:uuid:${uuidFor(50_000)}): target.selector.0.exact: Invalid length`);
  }, 600_000); // a bound on correctness only: a loaded runner may take minutes
});

function fileOfItems(records: Annotation[]): string {
  return collectionWith(records.map((r) => itemsOf([r])[0]));
}

function at(minute: number) {
  return new Date(Date.UTC(2026, 0, 2, 3, minute)).toISOString();
}
