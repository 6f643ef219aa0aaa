// Property tests for import: any input gives a result (never a throw), never pollutes prototypes, is all or nothing,
// and export(import(x)) equals the normalised x.
import 'fake-indexeddb/auto';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import { toCollection, type Annotation, type W3CAnnotation } from '../../src/core/annotation';
import { toJsonLd } from '../../src/core/export';
import { parseAnnotationFile } from '../../src/core/import';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { AssignmentStore } from '../../src/storage/assignment-store';
import { Connection } from '../../src/storage/database';
import { annotationArb } from './store-fixtures';

const prototypesUntouched = () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(OBJECT_PROTO_KEYS);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};
const OBJECT_PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();

/** JSON text for an object with exactly these keys, `__proto__` included as an own key (as JSON.parse makes it). */
const objectText = (entries: Array<[string, string]>) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');
const anyKey = fc.oneof(dangerousKey, fc.string({ maxLength: 8 }), fc.constantFrom('id', 'type', 'body', 'target', 'first', 'items', 'margin:flag', 'selector', 'purpose'));

/** Arbitrary JSON text, leaning towards the shapes the parser looks at and towards prototype-polluting keys. */
const hostileJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc.array(fc.tuple(anyKey, tie('value')), { maxLength: 5 }).map(objectText),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  ),
})).value;

const collectionOf = (items: string[], total?: number) =>
  objectText([
    ['type', '"AnnotationCollection"'],
    ...(total === undefined ? [] : ([['total', String(total)]] as Array<[string, string]>)),
    ['first', objectText([['type', '"AnnotationPage"'], ['items', `[${items.join(',')}]`]])],
  ]);

/** A valid exported item with one field, anywhere in it, replaced by hostile JSON (or a hostile key added). */
const corruptedItem = fc.tuple(annotationArb, fc.nat(), hostileJson, fc.boolean(), dangerousKey).map(([record, pick, replacement, addKey, key]) => {
  const item = toCollection([record], 'Margin').first.items[0] as unknown as Record<string, unknown>;
  const paths: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const k of Object.keys(node)) {
      paths.push([node as Record<string, unknown>, k]);
      walk((node as Record<string, unknown>)[k]);
    }
  };
  walk(item);
  const [parent, k] = paths[pick % paths.length]!;
  const marker = `"@@REPLACED@@"`;
  (parent as Record<string | number, unknown>)[k] = '@@REPLACED@@';
  let text = JSON.stringify(item).replace(marker, replacement);
  if (addKey) text = text.replace('{', `{${JSON.stringify(key)}:${replacement},`);
  return text;
});

describe('import of arbitrary input', () => {
  it('never throws and never pollutes a prototype, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), hostileJson, hostileJson.map((t) => collectionOf([t, t])), fc.array(hostileJson, { maxLength: 5 }).map((items) => collectionOf(items))), (text) => {
        const result = parseAnnotationFile(text);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
        prototypesUntouched();
      }),
      { numRuns: 500 },
    );
  });

  it('rejects the whole file when any one record is corrupted, and says which', () => {
    fc.assert(
      fc.property(fc.array(annotationArb, { maxLength: 5 }), corruptedItem, fc.nat(), (records, bad, at) => {
        const items = toCollection(records, 'Margin').first.items.map((item) => JSON.stringify(item));
        const position = at % (items.length + 1);
        items.splice(position, 0, bad);
        const result = parseAnnotationFile(collectionOf(items));
        prototypesUntouched();
        // A replacement may happen to be valid (a string where a string was): then the file is simply accepted.
        if (!result.ok && result.badRecords > 0) expect(result.message).toContain(`record ${position + 1} (`);
        if (result.ok) expect(result.annotations.length).toBeLessThanOrEqual(items.length);
      }),
      { numRuns: 300 },
    );
  });

  it('survives deep nesting and long strings anywhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 200_000 }), corruptedItem, (depth, length, item) => {
        const deep = `${'['.repeat(depth)}"${'x'.repeat(length)}"${']'.repeat(depth)}`;
        const text = collectionOf([item.replace(/"type":"Annotation"/, `"type":${deep}`)]);
        expect(parseAnnotationFile(text).ok).toBe(false);
        prototypesUntouched();
      }),
      { numRuns: 30 },
    );
  });
});

// --- export(import(x)) = normalised x -----------------------------------------------------------

/** The same time written with a numeric offset: the parser must bring it back to the same instant. */
function withOffset(iso: string, minutes: number): string {
  const local = new Date(Date.parse(iso) + minutes * 60_000).toISOString().slice(0, 23);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** One exported item spelled differently but meaning the same: what other tools (or hands) might write. */
const respelled = (item: W3CAnnotation) =>
  fc.record({ upper: fc.boolean(), offset: fc.integer({ min: -14 * 60, max: 14 * 60 }), rotate: fc.nat(), dropEmpty: fc.boolean(), context: fc.boolean(), hash: fc.boolean() }).map((how) => {
    const copy = structuredClone(item) as W3CAnnotation & Record<string, unknown>;
    if (how.upper) copy.id = copy.id.replace(/[0-9a-f-]+$/, (uuid) => uuid.toUpperCase());
    copy.created = withOffset(copy.created, how.offset);
    copy.modified = withOffset(copy.modified, -how.offset);
    if (copy.body) {
      // The note and the rule may come anywhere among the labels; the labels keep their order.
      const tags = copy.body.filter((b) => b.purpose === 'tagging');
      const others = copy.body.filter((b) => b.purpose !== 'tagging');
      const body = [...tags];
      for (const other of others) body.splice(how.rotate % (body.length + 1), 0, other);
      copy.body = body;
    }
    const [quote, position] = copy.target.selector;
    if (how.dropEmpty) {
      if (quote.prefix === '') delete (quote as Partial<typeof quote>).prefix;
      if (quote.suffix === '') delete (quote as Partial<typeof quote>).suffix;
    }
    if (how.rotate % 2) copy.target.selector = [position, quote] as never;
    if (how.hash) copy.target.source = `${copy.target.source}#fragment`;
    if (how.context) copy['@context'] = 'http://www.w3.org/ns/anno.jsonld';
    delete (copy as Partial<typeof copy>)['margin:site']; // derived: recomputed from the page
    return copy;
  });

const library = fc.uniqueArray(annotationArb, { selector: (a) => a.id, maxLength: 12 });

describe('export(import(x))', () => {
  it('gives back exactly what was exported', () => {
    fc.assert(
      fc.property(library, (records) => {
        const text = toJsonLd(records, 'Margin');
        const result = parseAnnotationFile(text);
        if (!result.ok) throw new Error(result.message);
        expect(toJsonLd(result.annotations, 'Margin')).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the normalised x for respelled items, in any order, with older duplicates', () => {
    const scenario = library.chain((records) => {
      const items = toCollection(records, 'Margin').first.items;
      const older = records.filter((r) => r.created < r.modified).map((r) => toCollection([{ ...r, modified: r.created, note: 'an older version' }], 'Margin').first.items[0]!);
      return fc.tuple(fc.constant(records), fc.tuple(...[...items, ...older].map(respelled)).chain((spelled) => fc.shuffledSubarray(spelled, { minLength: spelled.length, maxLength: spelled.length })), fc.boolean());
    });
    fc.assert(
      fc.property(scenario, ([records, items, bare]) => {
        const text = bare ? JSON.stringify(items) : JSON.stringify({ type: 'AnnotationCollection', total: items.length, first: { type: 'AnnotationPage', items } });
        const result = parseAnnotationFile(text);
        if (!result.ok) throw new Error(result.message);
        expect(toJsonLd(result.annotations, 'Margin')).toBe(toJsonLd(records, 'Margin'));
        expect(result.duplicates).toBe(items.length - records.length);
      }),
      { numRuns: 200 },
    );
  });
});

// --- all or nothing in the store ------------------------------------------------------------------

const EXT_ID = 'ext';
const ORIGIN = 'chrome-extension://ext/';
const popup: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/popup/index.html` };
const connections: Connection[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
});

describe('import into a store', () => {
  it('either merges every record (newer wins) or changes nothing', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(library, library, fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 1 })), { maxLength: 6 }), fc.option(corruptedItem, { nil: undefined }), async (stored, fresh, edits, corrupted) => {
        const connection = new Connection(`import-property-${++run}`);
        connections.push(connection);
        const store = new AnnotationStore(connection);
        const router = createRouter({ store, assignments: new AssignmentStore(new Connection('assignments-unused')), extensionId: EXT_ID, extensionOrigin: ORIGIN, productName: 'Margin', now: () => new Date(), notifyTab: () => undefined, notifyAllTabs: () => undefined });
        await store.merge(stored);
        const before = toJsonLd(await store.all(), 'Margin');

        // Some incoming records are other versions of stored ones: older, same time (different text), or newer.
        const versions = new Map<string, Annotation>();
        for (const [pick, shift] of stored.length ? edits : []) {
          const original = stored[pick % stored.length]!;
          const modified = new Date(Date.parse(original.modified) + shift * 60_000).toISOString();
          versions.set(original.id, { ...original, note: `version ${shift}`, modified, created: modified < original.created ? modified : original.created });
        }
        const incoming = [...fresh.filter((a) => !versions.has(a.id)), ...versions.values()];
        const items = toCollection(incoming, 'Margin').first.items.map((i) => JSON.stringify(i));
        if (corrupted) items.push(corrupted);
        const reply = await router.route({ type: 'annotations/import', payload: { text: collectionOf(items) } }, popup);
        const after = await store.all();
        prototypesUntouched();
        if (!reply.ok) {
          expect(reply.error.code).toBe('bad-request');
          expect(toJsonLd(after, 'Margin')).toBe(before);
          return;
        }
        const expected = new Map<string, Annotation>(stored.map((a) => [a.id, a]));
        const parsed = parseAnnotationFile(collectionOf(items));
        if (!parsed.ok) throw new Error('the router accepted what the parser refuses');
        for (const a of parsed.annotations) {
          const old = expected.get(a.id);
          if (!old || a.modified > old.modified) expected.set(a.id, a);
        }
        expect(toJsonLd(after, 'Margin')).toBe(toJsonLd([...expected.values()], 'Margin'));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
