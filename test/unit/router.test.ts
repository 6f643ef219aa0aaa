import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import { createAssignment, parseSubmission } from '../../src/core/assignment';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { AssignmentStore } from '../../src/storage/assignment-store';
import { Connection } from '../../src/storage/database';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { builtinPacks } from '../../src/core/builtin-packs';
import { backgroundRequests } from '../../src/messages';

const EXT_ID = 'test-extension';
const ORIGIN = 'chrome-extension://test-extension/';
const PAGE = 'https://news.example/story?id=7';

const contentSender = (url = `${PAGE}#comments`, tabId = 3): Runtime.MessageSender => ({ id: EXT_ID, url, tab: { id: tabId } as never, frameId: 0 });
const editorSender = (tabId = 3): Runtime.MessageSender => ({ id: EXT_ID, url: `${ORIGIN}src/editor/index.html#x`, tab: { id: tabId } as never, frameId: 5 });
const popupSender: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/popup/index.html` };

const selection = (id: string) => ({
  id,
  pageTitle: 'Story',
  quote: { exact: 'mobs', prefix: 'looting as ', suffix: ' called for' },
  position: { start: 120, end: 124 },
});

let dbCount = 0;
let connection: Connection;
let notified: Array<[number, string]>;
let router: ReturnType<typeof createRouter>;

beforeEach(() => {
  connection = new Connection(`router-test-${++dbCount}`);
  notified = [];
  router = createRouter(routerOptions());
});

function routerOptions(): Parameters<typeof createRouter>[0] {
  return {
    store: new AnnotationStore(connection),
    assignments: new AssignmentStore(connection),
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    productName: 'Margin',
    builtinPacks: () => Promise.resolve(builtinPacks),
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    notifyTab: (tabId, type) => notified.push([tabId, type]),
    notifyAllTabs: () => notified.push([0, 'all']),
  };
}
afterEach(() => connection.close());

describe('message router', () => {
  it('turns a content script draft into an annotation when the editor in the same tab saves it', async () => {
    const id = crypto.randomUUID();
    expect(await router.route({ type: 'page/draft', payload: selection(id) }, contentSender())).toEqual({ ok: true, value: { id, keptIn: 'indexeddb' } });
    const saved = await router.route({ type: 'draft/save', payload: { id, note: 'Labelling, not describing.', labels: ['loaded language'] } }, editorSender());
    expect(saved).toMatchObject({ ok: true, value: { id, page: PAGE, note: 'Labelling, not describing.', motivation: 'commenting', created: '2026-01-02T03:04:05.000Z' } });
    expect(notified).toEqual([[3, 'tab/annotations-changed'], [3, 'tab/close-editor']]);
    const listed = await router.route({ type: 'page/annotations', payload: {} }, contentSender(PAGE));
    expect(listed.ok && (listed.value as unknown[]).length).toBe(1);
  });

  it('never duplicates a save that is retried with the same id', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    const save = { type: 'draft/save', payload: { id, note: 'n', labels: [] } };
    const first = await router.route(save, editorSender());
    const retry = await router.route(save, editorSender());
    expect(retry).toEqual(first);
    const all = await router.route({ type: 'annotations/list', payload: {} }, popupSender);
    expect(all.ok && (all.value as unknown[]).length).toBe(1);
  });

  it('takes the page from the sender, so a content script only sees its own page', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    await router.route({ type: 'draft/save', payload: { id, note: '', labels: [] } }, editorSender());
    const other = await router.route({ type: 'page/annotations', payload: {} }, contentSender('https://elsewhere.example/')); 
    expect(other).toEqual({ ok: true, value: [] });
    const smuggled = await router.route({ type: 'page/annotations', payload: { page: PAGE } }, contentSender('https://elsewhere.example/'));
    expect(smuggled.ok).toBe(false);
  });

  it('refuses privileged requests from content scripts and anything from other extensions', async () => {
    expect(await router.route({ type: 'annotations/export', payload: {} }, contentSender())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.route({ type: 'draft/get', payload: { id: crypto.randomUUID() } }, contentSender())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.route({ type: 'annotations/export', payload: {} }, { ...popupSender, id: 'someone-else' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.route({ type: 'page/annotations', payload: {} }, { ...contentSender(), frameId: 2 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(router.stats.refused).toBe(4);
  });

  it('drops unknown and malformed messages and counts them', async () => {
    for (const message of [null, 'page/draft', { type: 'nope' }, { type: '__proto__' }, { type: 'page/draft', payload: { id: 'not-a-uuid' } }]) {
      expect((await router.route(message, contentSender())).ok).toBe(false);
    }
    const oversized = { ...selection(crypto.randomUUID()), quote: { exact: 'x'.repeat(20_000), prefix: '', suffix: '' } };
    expect(await router.route({ type: 'page/draft', payload: oversized }, contentSender())).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(router.stats.dropped).toBe(6);
  });

  it('keeps drafts per tab: an editor in another tab can neither read nor save them', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender(PAGE, 3));
    expect(await router.route({ type: 'draft/get', payload: { id } }, editorSender(4))).toEqual({ ok: true, value: null });
    expect(await router.route({ type: 'draft/save', payload: { id, note: 'x', labels: [] } }, editorSender(4))).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('closes the editor that asks, even when its draft is gone or its save is a retry, and no editor of another tab', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender(PAGE, 3));
    await router.route({ type: 'draft/save', payload: { id, note: 'x', labels: [] } }, editorSender(3));
    notified.length = 0;
    expect(await router.route({ type: 'draft/save', payload: { id, note: 'x', labels: [] } }, editorSender(3))).toMatchObject({ ok: true });
    expect(notified).toEqual([[3, 'tab/annotations-changed'], [3, 'tab/close-editor']]);
    notified.length = 0;
    expect(await router.route({ type: 'draft/cancel', payload: { id: crypto.randomUUID() } }, editorSender(3))).toEqual({ ok: true, value: null });
    expect(notified).toEqual([[3, 'tab/close-editor']]);
    notified.length = 0;
    const other = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(other) }, contentSender(PAGE, 3));
    await router.route({ type: 'draft/cancel', payload: { id: other } }, editorSender(4));
    expect(notified).toEqual([]);
    expect(await router.route({ type: 'draft/get', payload: { id: other } }, editorSender(3))).toMatchObject({ ok: true, value: { id: other } });
  });

  it('exports a W3C AnnotationCollection with quote and position selectors', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    await router.route({ type: 'draft/save', payload: { id, note: 'why', labels: ['question'] } }, editorSender());
    const exported = await router.route({ type: 'annotations/export', payload: { format: 'jsonld' } }, popupSender);
    expect(exported).toMatchObject({ ok: true, value: { filename: 'margin-annotations-2026-01-02.json', mimeType: expect.stringMatching(/^application\/ld\+json/) } });
    const text = exported.ok ? (exported.value as { text: string }).text : '';
    expect(JSON.parse(text)).toMatchObject({
      type: 'AnnotationCollection',
      total: 1,
      first: { items: [{ id: `urn:uuid:${id}`, type: 'Annotation', 'margin:site': 'news.example', target: { source: PAGE, selector: [{ type: 'TextQuoteSelector', exact: 'mobs' }, { type: 'TextPositionSelector', start: 120, end: 124 }] } }] },
    });
  });
});

const ok = <T>(reply: { ok: boolean; value?: unknown; error?: unknown }): T => {
  if (!reply.ok) throw new Error(`expected success, got ${JSON.stringify(reply.error)}`);
  return reply.value as T;
};
const flag = (scope: 'page' | 'site' | 'everywhere', verdict: 'confirmed' | 'dismissed' = 'dismissed') => ({ ruleId: 'loaded/mobs', packVersion: '2026.1', verdict, scope });

describe('message router: verdicts, library, export and import', () => {
  it('stores a draft with its site and fingerprint, and the saved annotation keeps both', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: { ...selection(id), fingerprint: 'f00d' } }, contentSender('https://www.news.example.co.uk/a#x'));
    const draft = ok<Record<string, unknown>>(await router.route({ type: 'draft/get', payload: { id } }, editorSender()));
    expect(draft).toMatchObject({ page: 'https://www.news.example.co.uk/a', site: 'example.co.uk', fingerprint: 'f00d', tabId: 3 });
    const saved = ok<Record<string, unknown>>(await router.route({ type: 'draft/save', payload: { id, note: '', labels: ['question', 'question'] } }, editorSender()));
    expect(saved).toMatchObject({ site: 'example.co.uk', fingerprint: 'f00d', labels: ['question'], motivation: 'tagging' });
  });

  it('records a verdict on the sender page, keyed by the caller id, so a retry never duplicates', async () => {
    const id = crypto.randomUUID();
    const payload = { ...selection(id), flag: flag('site') };
    const first = ok<Record<string, unknown>>(await router.route({ type: 'page/verdict', payload }, contentSender()));
    expect(first).toMatchObject({ id, page: PAGE, site: 'news.example', motivation: 'classifying', note: '', labels: [], flag: flag('site'), created: '2026-01-02T03:04:05.000Z' });
    const retry = ok<Record<string, unknown>>(await router.route({ type: 'page/verdict', payload }, contentSender()));
    expect(retry).toMatchObject({ id, created: first.created });
    expect((retry.modified as string) > (first.modified as string)).toBe(true); // still "newer wins" under a stopped clock
    expect(ok<unknown[]>(await router.route({ type: 'annotations/list', payload: {} }, popupSender))).toHaveLength(1);
  });

  it('never lets a content script name the page, or overwrite another page or a note through a verdict id', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/verdict', payload: { ...selection(id), flag: flag('page') } }, contentSender());
    const smuggled = await router.route({ type: 'page/verdict', payload: { ...selection(crypto.randomUUID()), page: 'https://victim.example/', flag: flag('page') } }, contentSender());
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const elsewhere = await router.route({ type: 'page/verdict', payload: { ...selection(id), flag: flag('everywhere') } }, contentSender('https://elsewhere.example/'));
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const noteId = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(noteId) }, contentSender());
    await router.route({ type: 'draft/save', payload: { id: noteId, note: 'mine', labels: [] } }, editorSender());
    const overNote = await router.route({ type: 'page/verdict', payload: { ...selection(noteId), flag: flag('page') } }, contentSender());
    expect(overNote).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const stored = ok<Array<{ id: string; flag?: unknown; note: string }>>(await router.route({ type: 'annotations/list', payload: {} }, popupSender));
    expect(stored.find((a) => a.id === id)?.flag).toEqual(flag('page'));
    expect(stored.find((a) => a.id === noteId)?.note).toBe('mine');
  });

  it('never lets a draft take the id of a stored record: a dismissal every page learns of stays as it was', async () => {
    const id = crypto.randomUUID();
    const flag = { ruleId: 'loaded:mobs', packVersion: '1', verdict: 'dismissed', scope: 'everywhere' };
    await router.route({ type: 'page/verdict', payload: { ...selection(id), flag } }, contentSender());
    // Another page is told the dismissal's id (to hide the flag there too) and drafts a note under it.
    const elsewhere = contentSender('https://elsewhere.example/b', 4);
    const known = ok<Array<{ id: string }>>(await router.route({ type: 'page/annotations', payload: {} }, elsewhere));
    expect(known.map((a) => a.id)).toEqual([id]);
    expect(await router.route({ type: 'page/draft', payload: selection(id) }, elsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stored = ok<Array<{ id: string; page: string; flag?: unknown }>>(await router.route({ type: 'annotations/list', payload: {} }, popupSender));
    expect(stored).toMatchObject([{ id, page: PAGE, flag }]);
  });

  it('refuses to save a draft over a record that is not its own earlier save', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    // The record appears under the draft's id after the draft was made (here: an import of another page's note).
    const store = new AnnotationStore(connection);
    await store.merge([{ id, page: 'https://other.example/x', site: 'other.example', pageTitle: 'X', motivation: 'commenting', quote: { exact: 'q', prefix: '', suffix: '' }, position: { start: 0, end: 1 }, note: 'theirs', labels: [], created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' }]);
    expect(await router.route({ type: 'draft/save', payload: { id, note: 'mine', labels: [] } }, editorSender())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stored = ok<Array<{ id: string; note: string }>>(await router.route({ type: 'annotations/list', payload: {} }, popupSender));
    expect(stored).toMatchObject([{ id, note: 'theirs' }]);
  });

  it('takes the page from the address the content script reports after a History API move, within the browser-reported origin only', async () => {
    // The browsers keep reporting the address the document was loaded at: the story the single-page site moved to is
    // the one the content script reads from location.href.
    const moved = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(moved), href: 'https://news.example/second-story#top' }, contentSender());
    const draft = ok<Record<string, unknown>>(await router.route({ type: 'draft/get', payload: { id: moved } }, editorSender()));
    expect(draft).toMatchObject({ page: 'https://news.example/second-story' });
    const listed = ok<Array<{ id: string }>>(await router.route({ type: 'page/annotations', payload: {}, href: 'https://news.example/second-story' }, contentSender()));
    expect(listed).toEqual([]);

    // Another origin, a malformed or an oversized address: the browser's word stands.
    for (const href of ['https://victim.example/second-story', 'http://news.example/story?id=7', 'blob:https://news.example/1234', 'not a url', `https://news.example/${'é'.repeat(4_000)}`]) {
      const id = crypto.randomUUID();
      await router.route({ type: 'page/draft', payload: selection(id), href }, contentSender());
      const kept = ok<Record<string, unknown>>(await router.route({ type: 'draft/get', payload: { id } }, editorSender()));
      expect(kept, href).toMatchObject({ page: PAGE });
    }
    // No user name or password from the reported address is kept.
    const bare = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(bare), href: 'https://user:secret@news.example/third' }, contentSender());
    expect(ok<Record<string, unknown>>(await router.route({ type: 'draft/get', payload: { id: bare } }, editorSender()))).toMatchObject({ page: 'https://news.example/third' });
    // Our own pages are told apart by the browser's address, whatever they claim.
    expect(await router.route({ type: 'annotations/list', payload: {}, href: PAGE }, popupSender)).toMatchObject({ ok: true });
    expect(await router.route({ type: 'page/annotations', payload: {}, href: PAGE }, popupSender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('brings a dismissal with scope site or everywhere to the other pages it covers', async () => {
    await router.route({ type: 'page/verdict', payload: { ...selection(crypto.randomUUID()), flag: flag('site') } }, contentSender('https://news.example/a'));
    await router.route({ type: 'page/verdict', payload: { ...selection(crypto.randomUUID()), flag: flag('page') } }, contentSender('https://news.example/a'));
    await router.route({ type: 'page/verdict', payload: { ...selection(crypto.randomUUID()), flag: flag('everywhere') } }, contentSender('https://other.example/b'));
    const onSite = ok<Array<{ flag: { scope: string } }>>(await router.route({ type: 'page/annotations', payload: {} }, contentSender('https://news.example/c')));
    expect(onSite.map((a) => a.flag.scope).sort()).toEqual(['everywhere', 'site']);
    const offSite = ok<Array<{ flag: { scope: string } }>>(await router.route({ type: 'page/annotations', payload: {} }, contentSender('https://third.example/')));
    expect(offSite.map((a) => a.flag.scope)).toEqual(['everywhere']);
  });

  it('updates note and labels (bumping modified), deletes with the records returned, and restores them exactly', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    const saved = ok<Record<string, unknown>>(await router.route({ type: 'draft/save', payload: { id, note: 'first', labels: [] } }, editorSender()));
    const updated = ok<Record<string, unknown>>(await router.route({ type: 'annotations/update', payload: { id, note: '', labels: ['attribution'] } }, popupSender));
    expect(updated).toMatchObject({ id, note: '', labels: ['attribution'], motivation: 'tagging', created: saved.created });
    expect((updated.modified as string) > (saved.modified as string)).toBe(true);
    expect(await router.route({ type: 'annotations/update', payload: { id: crypto.randomUUID(), note: '', labels: [] } }, popupSender)).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const deleted = ok<unknown[]>(await router.route({ type: 'annotations/delete', payload: { ids: [id] } }, popupSender));
    expect(deleted).toEqual([updated]);
    expect(ok<unknown[]>(await router.route({ type: 'annotations/list', payload: {} }, popupSender))).toEqual([]);
    expect(await router.route({ type: 'annotations/restore', payload: { annotations: deleted } }, popupSender)).toEqual({ ok: true, value: null });
    expect(ok<unknown[]>(await router.route({ type: 'annotations/list', payload: {} }, popupSender))).toEqual([updated]);
  });

  it('filters the library and its export', async () => {
    for (const [url, label] of [['https://a.example/1', 'question'], ['https://b.example/2', 'promotional']] as const) {
      const id = crypto.randomUUID();
      await router.route({ type: 'page/draft', payload: selection(id) }, contentSender(url));
      await router.route({ type: 'draft/save', payload: { id, note: `on ${url}`, labels: [label] } }, editorSender());
    }
    expect(ok<unknown[]>(await router.route({ type: 'annotations/list', payload: { site: 'b.example' } }, popupSender))).toHaveLength(1);
    expect(ok<unknown[]>(await router.route({ type: 'annotations/list', payload: { query: 'ON HTTPS://A' } }, popupSender))).toHaveLength(1);
    const csv = ok<{ filename: string; mimeType: string; text: string }>(await router.route({ type: 'annotations/export', payload: { format: 'csv', filter: { label: 'promotional' } } }, popupSender));
    expect(csv.filename).toBe('margin-annotations-2026-01-02.csv');
    expect(csv.mimeType).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv.text).toContain('https://b.example/2');
  });

  it('imports all or nothing, and says what is wrong where', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    await router.route({ type: 'draft/save', payload: { id, note: 'kept', labels: [] } }, editorSender());
    const file = ok<{ text: string }>(await router.route({ type: 'annotations/export', payload: { format: 'jsonld' } }, popupSender)).text;

    const bad = file.replace('"motivation":"commenting"', '"motivation":"liking"');
    const refused = await router.route({ type: 'annotations/import', payload: { text: bad } }, popupSender);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining(`record 1 (id urn:uuid:${id}): motivation:`) } });
    expect(await router.route({ type: 'annotations/import', payload: { text: file } }, popupSender)).toEqual({ ok: true, value: { total: 1, repeated: 0, added: 0, updated: 0, unchanged: 1 } });
    expect(await router.route({ type: 'annotations/import', payload: { text: 'not json' } }, popupSender)).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    // The same record twice in one file: the newer version is read, and the reply says one was repeated.
    const [item] = (JSON.parse(file) as { first: { items: Array<Record<string, unknown>> } }).first.items;
    const newer = { ...item, modified: '2026-06-01T00:00:00.000Z', body: [{ type: 'TextualBody', purpose: 'commenting', value: 'newer' }] };
    const twice = JSON.stringify([item, newer]);
    expect(await router.route({ type: 'annotations/import', payload: { text: twice } }, popupSender)).toEqual({ ok: true, value: { total: 2, repeated: 1, added: 0, updated: 1, unchanged: 0 } });
    expect(ok<Array<{ note: string }>>(await router.route({ type: 'annotations/list', payload: {} }, popupSender)).map((a) => a.note)).toEqual(['newer']);
  });

  it('keeps a record imported with the latest possible time editable, exportable, importable and restorable', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    await router.route({ type: 'draft/save', payload: { id, note: 'kept', labels: [] } }, editorSender());
    const latest = '9999-12-31T23:59:59.999Z';
    const file = ok<{ text: string }>(await router.route({ type: 'annotations/export', payload: { format: 'jsonld' } }, popupSender)).text.replace(
      /"modified":"[^"]+"/,
      `"modified":"${latest}"`,
    );
    expect(await router.route({ type: 'annotations/import', payload: { text: file } }, popupSender)).toMatchObject({ ok: true, value: { updated: 1 } });
    const edited = ok<{ modified: string }>(await router.route({ type: 'annotations/update', payload: { id, note: 'edited', labels: [] } }, popupSender));
    expect(edited.modified).toBe(latest);
    const again = ok<{ text: string }>(await router.route({ type: 'annotations/export', payload: { format: 'jsonld' } }, popupSender)).text;
    expect(await router.route({ type: 'annotations/import', payload: { text: again } }, popupSender)).toMatchObject({ ok: true, value: { unchanged: 1 } });
    const deleted = ok<unknown[]>(await router.route({ type: 'annotations/delete', payload: { ids: [id] } }, popupSender));
    expect(await router.route({ type: 'annotations/restore', payload: { annotations: deleted } }, popupSender)).toEqual({ ok: true, value: null });
    expect(ok<unknown[]>(await router.route({ type: 'annotations/list', payload: {} }, popupSender))).toEqual([edited]);
  });

  it('an undo of a delete keeps a newer copy imported in the meantime', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    await router.route({ type: 'draft/save', payload: { id, note: 'old', labels: [] } }, editorSender());
    const file = ok<{ text: string }>(await router.route({ type: 'annotations/export', payload: { format: 'jsonld' } }, popupSender)).text
      .replace(/"modified":"[^"]+"/, '"modified":"2027-01-01T00:00:00.000Z"')
      .replace('"old"', '"newer, from the laptop"');
    const deleted = ok<unknown[]>(await router.route({ type: 'annotations/delete', payload: { ids: [id] } }, popupSender));
    expect(await router.route({ type: 'annotations/import', payload: { text: file } }, popupSender)).toMatchObject({ ok: true, value: { added: 1 } });
    expect(await router.route({ type: 'annotations/restore', payload: { annotations: deleted } }, popupSender)).toEqual({ ok: true, value: null });
    expect(ok<Array<{ note: string }>>(await router.route({ type: 'annotations/list', payload: {} }, popupSender)).map((a) => a.note)).toEqual(['newer, from the laptop']);
    // The same record twice is no undo of one delete.
    expect(await router.route({ type: 'annotations/restore', payload: { annotations: [...deleted, ...deleted] } }, popupSender)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses every privileged request from a content script, and counts it', async () => {
    const id = crypto.randomUUID();
    const privileged = [
      { type: 'annotations/list', payload: {} },
      { type: 'annotations/update', payload: { id, note: '', labels: [] } },
      { type: 'annotations/delete', payload: { ids: [id] } },
      { type: 'annotations/restore', payload: { annotations: [] } },
      { type: 'annotations/export', payload: { format: 'jsonld' } },
      { type: 'annotations/import', payload: { text: '[]' } },
      { type: 'draft/save', payload: { id, note: '', labels: [] } },
      { type: 'draft/cancel', payload: { id } },
    ];
    for (const message of privileged) expect(await router.route(message, contentSender())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // And the page-bound requests need a page: our own pages have none.
    for (const message of [{ type: 'page/annotations', payload: {} }, { type: 'page/verdict', payload: { ...selection(id), flag: flag('page') } }, { type: 'page/draft', payload: selection(id) }]) {
      expect(await router.route(message, popupSender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(router.stats.refused).toBe(privileged.length + 3);
  });
});

describe('message router: tiers', () => {
  it('privileged requests are exactly those only our extension pages may send; the others let a content script in', () => {
    for (const [type, spec] of Object.entries(backgroundRequests)) {
      const from: readonly string[] = spec.from;
      if (spec.tier === 'privileged') expect(from.filter((kind) => kind !== 'editor' && kind !== 'extension-page'), type).toEqual([]);
      else expect(from, type).toContain('content');
    }
  });

  it('lets the note editor, which lives inside web pages, ask only for what writing a note needs', async () => {
    const editorMay = Object.entries(backgroundRequests)
      .filter(([, spec]) => (spec.from as readonly string[]).includes('editor'))
      .map(([type]) => type)
      .sort();
    expect(editorMay).toEqual(['assignment/current', 'draft/cancel', 'draft/get', 'draft/save', 'packs/list', 'storage/where']);
    for (const type of ['annotations/list', 'annotations/export', 'annotations/delete', 'settings/get', 'settings/set', 'packs/import']) {
      const payload = type === 'annotations/delete' ? { ids: [] } : type === 'annotations/export' ? { format: 'jsonld' } : type === 'packs/import' ? { fileName: 'a', text: '{}' } : type === 'settings/set' ? DEFAULT_SETTINGS : {};
      expect(await router.route({ type, payload }, editorSender()), type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // Known by its page, whatever follows it; the popup is no editor, and a look-alike path is no editor either.
    expect(await router.route({ type: 'annotations/list', payload: {} }, { ...editorSender(), url: `${ORIGIN}src/editor/index.html?x=1#y` })).toMatchObject({ ok: false });
    expect(await router.route({ type: 'draft/get', payload: { id: crypto.randomUUID() } }, popupSender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.route({ type: 'draft/get', payload: { id: crypto.randomUUID() } }, { ...editorSender(), url: `${ORIGIN}src/editor/index.html.evil` })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('store requests wait until the note store is open; the any tier does not need it', async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const store = new AnnotationStore(connection);
    const waiting = Object.assign(Object.create(store) as AnnotationStore, { kind: () => opened.then(() => store.kind()) });
    const slow = createRouter({ ...routerOptions(), store: waiting });
    const settled: string[] = [];
    const annotations = slow.route({ type: 'page/annotations', payload: {} }, contentSender()).then((reply) => (settled.push('page/annotations'), reply));
    const config = await slow.route({ type: 'page/config', payload: {} }, contentSender());
    expect(config).toMatchObject({ ok: true, value: { runs: true } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toEqual([]);
    open();
    expect(await annotations).toEqual({ ok: true, value: [] });
  });

  it('when storage cannot open, a page still gets its config (the defaults) and its analysis, and store requests fail plainly', async () => {
    class Broken extends Connection {
      override get(): never {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      }
    }
    const broken = new Broken('router-broken');
    const failing = createRouter({ ...routerOptions(), store: new AnnotationStore(broken), assignments: new AssignmentStore(broken) });
    expect(await failing.route({ type: 'page/config', payload: {} }, contentSender())).toEqual({ ok: true, value: { runs: true, settings: DEFAULT_SETTINGS } });
    const analysed = await failing.route({ type: 'page/analyze', payload: { text: 'Looting mobs hijacked the protest, RT International reports.', lang: 'en' } }, contentSender());
    expect(analysed.ok && (analysed.value as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    for (const message of [{ type: 'page/annotations', payload: {} }, { type: 'page/draft', payload: selection(crypto.randomUUID()) }]) {
      expect(await failing.route(message, contentSender())).toMatchObject({ ok: false, error: { code: 'storage' } });
    }
    expect(await failing.route({ type: 'annotations/list', payload: {} }, popupSender)).toMatchObject({ ok: false, error: { code: 'storage' } });
  });
});

describe('message router: the student\'s assignment', () => {
  const made = createAssignment({ title: 'Sources', instructions: 'Label every source.', labels: ['attribution'], articles: [{ url: PAGE }] }, crypto.randomUUID(), new Date('2026-01-01T00:00:00.000Z'));
  const assignment = made.ok ? made.value : null;

  it('stores the imported assignment, hands in the notes on its articles under the student name, and clears it', async () => {
    expect(await router.route({ type: 'assignment/current', payload: {} }, popupSender)).toEqual({ ok: true, value: null });
    expect(await router.route({ type: 'assignment/set', payload: { assignment } }, popupSender)).toEqual({ ok: true, value: null });
    expect(await router.route({ type: 'assignment/current', payload: {} }, editorSender())).toEqual({ ok: true, value: assignment });
    for (const [page, id] of [[`${PAGE}#x`, crypto.randomUUID()], ['https://elsewhere.example/', crypto.randomUUID()]] as const) {
      await router.route({ type: 'page/draft', payload: selection(id) }, contentSender(page));
      await router.route({ type: 'draft/save', payload: { id, note: '', labels: ['attribution'] } }, editorSender());
    }
    const handed = await router.route({ type: 'assignment/submission', payload: { student: ' Ada ' } }, popupSender);
    expect(handed).toMatchObject({ ok: true, value: { filename: 'sources-ada.json', count: 1 } });
    const parsed = parseSubmission((handed as { value: { text: string } }).value.text);
    expect(parsed.ok && [parsed.value.student, parsed.value.annotations.map((a) => [a.page, a.labels])]).toEqual(['Ada', [[PAGE, ['attribution']]]]);
    await router.route({ type: 'assignment/set', payload: { assignment: null } }, popupSender);
    expect(await router.route({ type: 'assignment/submission', payload: { student: 'Ada' } }, popupSender)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses assignment requests from a content script, and a malformed assignment', async () => {
    expect(await router.route({ type: 'assignment/set', payload: { assignment } }, contentSender())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.route({ type: 'assignment/current', payload: {} }, contentSender())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await router.route({ type: 'assignment/set', payload: { assignment: { ...assignment, labels: [] } } }, popupSender)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await router.route({ type: 'assignment/submission', payload: { student: '   ' } }, popupSender)).toMatchObject({ ok: false });
  });
});
