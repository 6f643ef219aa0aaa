// What a content script (and so a compromised renderer) can get and leave behind: dismissals from other pages without
// anything of those pages, drafts bounded in number and age, and verdicts bounded in number and size.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { DRAFT_RETENTION, VERDICT_LIMITS } from '../../src/background/handlers';
import { createRouter } from '../../src/background/router';
import type { Annotation } from '../../src/core/annotation';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { Connection } from '../../src/storage/database';
import { verdict } from './store-fixtures';

const EXT_ID = 'test-extension';
const ORIGIN = 'chrome-extension://test-extension/';
const content = (url: string, tabId = 3): Runtime.MessageSender => ({ id: EXT_ID, url, tab: { id: tabId } as never, frameId: 0 });
const editor: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/editor/index.html#x`, tab: { id: 3 } as never, frameId: 5 };
const selection = (id: string, exact = 'mobs') => ({ id, pageTitle: 'A secret title', quote: { exact, prefix: 'looting as ', suffix: ' called for' }, position: { start: 120, end: 124 } });
const flag = (scope: 'page' | 'site' | 'everywhere') => ({ ruleId: 'loaded/mobs', packVersion: '2026.1', verdict: 'dismissed' as const, scope });

let n = 0;
let clock: Date;
let connection: Connection;
let store: AnnotationStore;
let router: ReturnType<typeof createRouter>;
beforeEach(() => {
  clock = new Date('2026-01-02T03:04:05.000Z');
  connection = new Connection(`router-limits-${++n}`);
  store = new AnnotationStore(connection);
  router = createRouter({ store, extensionId: EXT_ID, extensionOrigin: ORIGIN, productName: 'Margin', now: () => clock, notifyTab: () => undefined, notifyAllTabs: () => undefined });
});
afterEach(() => connection.close());

const ok = <T>(reply: unknown): T => {
  expect(reply).toMatchObject({ ok: true });
  return (reply as { value: T }).value;
};

describe('page/annotations', () => {
  it('sends dismissals from other pages with rule, words, verdict, scope and time only: no address, title, context, note or labels', async () => {
    const elsewhere = 'https://news.example/a-page-the-reader-read';
    const siteWide = crypto.randomUUID();
    const everywhere = crypto.randomUUID();
    ok(await router.route({ type: 'page/verdict', payload: { ...selection(siteWide), flag: flag('site') } }, content(elsewhere)));
    ok(await router.route({ type: 'page/verdict', payload: { ...selection(everywhere, 'radical elements'), flag: flag('everywhere') } }, content('https://other.example/private')));
    // The reader's note on a verdict must not travel either.
    ok(await router.route({ type: 'annotations/update', payload: { id: siteWide, note: 'my private thought', labels: ['question'] } }, { id: EXT_ID, url: `${ORIGIN}src/popup/index.html` }));
    const own = crypto.randomUUID();
    ok(await router.route({ type: 'page/draft', payload: selection(own) }, content('https://news.example/here')));
    ok(await router.route({ type: 'draft/save', payload: { id: own, note: 'a note on this page', labels: [] } }, editor));

    const seen = ok<Annotation[]>(await router.route({ type: 'page/annotations', payload: {} }, content('https://news.example/here')));
    const text = JSON.stringify(seen);
    for (const secret of ['a-page-the-reader-read', 'other.example', 'A secret title', 'looting as ', 'my private thought', 'question']) {
      // The page's own note keeps its title and context; nothing of the other pages may appear.
      const others = JSON.stringify(seen.filter((a) => a.id !== own));
      expect(others, secret).not.toContain(secret);
    }
    expect(text).toContain('a note on this page');
    const byId = new Map(seen.map((a) => [a.id, a]));
    expect(byId.get(siteWide)).toMatchObject({ page: '', pageTitle: '', note: '', labels: [], quote: { exact: 'mobs', prefix: '', suffix: '' }, flag: flag('site') });
    expect(byId.get(everywhere)).toMatchObject({ page: '', quote: { exact: 'radical elements' }, flag: flag('everywhere') });
    expect(byId.get(siteWide)?.modified).toMatch(/^2026-01-02T03:04:05\./);
    expect(byId.get(own)).toMatchObject({ page: 'https://news.example/here', pageTitle: 'A secret title', quote: { prefix: 'looting as ' } });
  });
});

describe('drafts', () => {
  const draftIds = async () => (await (await connection.get()).getAll('drafts')).map((d) => d.id);

  it(`keeps at most ${DRAFT_RETENTION.perTab} per tab, dropping the oldest`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < DRAFT_RETENTION.perTab + 5; i++) {
      clock = new Date(clock.getTime() + 1000);
      const id = crypto.randomUUID();
      ids.push(id);
      ok(await router.route({ type: 'page/draft', payload: selection(id) }, content('https://news.example/here')));
    }
    expect((await draftIds()).sort()).toEqual(ids.slice(-DRAFT_RETENTION.perTab).sort());
  });

  it(`keeps at most ${DRAFT_RETENTION.total} in all, whatever the number of tabs`, async () => {
    for (let i = 0; i < DRAFT_RETENTION.total + 20; i++) {
      clock = new Date(clock.getTime() + 1000);
      ok(await router.route({ type: 'page/draft', payload: selection(crypto.randomUUID()) }, content('https://news.example/here', 100 + i)));
    }
    expect(await draftIds()).toHaveLength(DRAFT_RETENTION.total);
  });

  it('drops drafts older than a day when a new one comes, and the old one can no longer be saved', async () => {
    const old = crypto.randomUUID();
    ok(await router.route({ type: 'page/draft', payload: selection(old) }, content('https://news.example/here', 7)));
    clock = new Date(clock.getTime() + DRAFT_RETENTION.maxAgeMs + 1);
    const fresh = crypto.randomUUID();
    ok(await router.route({ type: 'page/draft', payload: selection(fresh) }, content('https://news.example/here', 8)));
    expect(await draftIds()).toEqual([fresh]);
    expect(await router.route({ type: 'draft/save', payload: { id: old, note: '', labels: [] } }, { ...editor, tab: { id: 7 } as never })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('a draft is bounded in size by its schema: an oversized quote or title is refused', async () => {
    const huge = { ...selection(crypto.randomUUID()), quote: { exact: 'x'.repeat(10_001), prefix: '', suffix: '' } };
    expect(await router.route({ type: 'page/draft', payload: huge }, content('https://news.example/here'))).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const longTitle = { ...selection(crypto.randomUUID()), pageTitle: 't'.repeat(501) };
    expect(await router.route({ type: 'page/draft', payload: longTitle }, content('https://news.example/here'))).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await draftIds()).toEqual([]);
  });
});

describe('verdicts', () => {
  const here = 'https://news.example/here';
  const send = (scope: 'page' | 'site' | 'everywhere', exact = 'mobs', id = crypto.randomUUID()) =>
    router.route({ type: 'page/verdict', payload: { ...selection(id, exact), flag: flag(scope) } }, content(here));

  it(`keeps at most ${VERDICT_LIMITS.perPage} per page; a retry of a stored one still goes through`, async () => {
    await store.merge(Array.from({ length: VERDICT_LIMITS.perPage - 1 }, (_, i) => verdict(i + 1, 'page', here)));
    const last = crypto.randomUUID();
    ok(await send('page', 'mobs', last));
    expect(await send('page')).toMatchObject({ ok: false, error: { code: 'bad-request', message: `this page has ${VERDICT_LIMITS.perPage} verdicts already` } });
    ok(await send('site', 'mobs', last));
    ok(await router.route({ type: 'page/verdict', payload: { ...selection(crypto.randomUUID()), flag: flag('page') } }, content('https://news.example/elsewhere')));
  });

  it(`keeps at most ${VERDICT_LIMITS.reachingEveryPage} that reach every page, and a flag's words short`, async () => {
    await store.merge(Array.from({ length: VERDICT_LIMITS.reachingEveryPage }, (_, i) => verdict(i + 1, 'everywhere', `https://site-${i}.example/a`)));
    expect(await send('everywhere')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    ok(await send('site'));
    expect(await send('page', 'x'.repeat(VERDICT_LIMITS.quote + 1))).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
