import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { Connection } from '../../src/storage/database';

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
  router = createRouter({
    store: new AnnotationStore(connection),
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    productName: 'Margin',
    now: () => new Date('2026-01-02T03:04:05.000Z'),
    notifyTab: (tabId, type) => notified.push([tabId, type]),
  });
});
afterEach(() => connection.close());

describe('message router', () => {
  it('turns a content script draft into an annotation when the editor in the same tab saves it', async () => {
    const id = crypto.randomUUID();
    expect(await router.route({ type: 'page/draft', payload: selection(id) }, contentSender())).toEqual({ ok: true, value: { id } });
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

  it('exports a W3C AnnotationCollection with quote and position selectors', async () => {
    const id = crypto.randomUUID();
    await router.route({ type: 'page/draft', payload: selection(id) }, contentSender());
    await router.route({ type: 'draft/save', payload: { id, note: 'why', labels: ['question'] } }, editorSender());
    const exported = await router.route({ type: 'annotations/export', payload: {} }, popupSender);
    expect(exported).toMatchObject({
      ok: true,
      value: {
        type: 'AnnotationCollection',
        total: 1,
        first: { items: [{ id: `urn:uuid:${id}`, type: 'Annotation', target: { source: PAGE, selector: [{ type: 'TextQuoteSelector', exact: 'mobs' }, { type: 'TextPositionSelector', start: 120, end: 124 }] } }] },
      },
    });
  });
});
