// Packs and settings through the background's router, on a real IndexedDB (fake-indexeddb): a bad pack changes
// nothing, every change can be undone once, the compiled pack follows the set, and the site list is decided from
// the sender. Plus the v2 -> v3 migration with data in it.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../src/background/router';
import { analyze } from '../../src/core/analyze';
import { analyzeArticle, builtinPacks } from '../../src/core/builtin-packs';
import { fingerprint } from '../../src/core/fingerprint';
import { builtinSourceLoader } from '../../src/background/builtin-data';
import { COMPILED_FORMAT } from '../../src/core/compiled-format';
import { compileEffective } from '../../src/core/pack-set';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { Analysis } from '../../src/core/findings';
import { ARTICLE_LIMITS, type AnalyzeReply, type PageConfig, type PackList } from '../../src/messages';
import { AnnotationStore } from '../../src/storage/annotation-store';
import { AssignmentStore } from '../../src/storage/assignment-store';
import { ConfigStore } from '../../src/storage/config-store';
import { Connection, DB_VERSION, migrations, type MarginSchema } from '../../src/storage/database';
import { useLocale } from './locale';

const EXT_ID = 'test-extension';
const ORIGIN = 'chrome-extension://test-extension/';
const options: Runtime.MessageSender = { id: EXT_ID, url: `${ORIGIN}src/options/index.html` };
const content = (url: string): Runtime.MessageSender => ({ id: EXT_ID, url, tab: { id: 4 } as never, frameId: 0 });
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'packs', name), 'utf8');
/** The built-in source packs as the background reads them, from src/data instead of the extension's files. */
const builtinSourcePacks = builtinSourceLoader((file) => readFile(join(import.meta.dirname, '..', '..', 'src', 'data', file), 'utf8'));
const SENTENCE = 'Looting as mobs called for change. The peacekeepers arrived in the turbulent city.';

let n = 0;
let connection: Connection;
let notified: string[];
let router: ReturnType<typeof createRouter>;

async function ask<T>(type: string, payload: unknown, sender = options): Promise<T> {
  const reply = await router.route({ type, payload }, sender);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value as T;
}
/** What a content script on `url` flags in SENTENCE: the background analyses every page's article. */
const loadedOn = async (url: string) => {
  const analysis = await ask<AnalyzeReply>('page/analyze', { text: SENTENCE, lang: null }, content(url));
  return analysis.findings.filter((f) => f.kind === 'loaded').map((f) => f.text);
};
const loadedIn = (analysis: Analysis) => analysis.findings.filter((f) => f.kind === 'loaded').map((f) => f.text);
const install = (name: string, text = fixture(name)) => ask<{ pack: { id: string; version: string }; replaced: { version: string } | null }>('packs/import', { fileName: name, text });

beforeEach(() => {
  connection = new Connection(`packs-test-${++n}`);
  notified = [];
  router = createRouter({
    store: new AnnotationStore(connection),
    assignments: new AssignmentStore(connection),
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    productName: 'Margin',
    builtinSources: builtinSourcePacks,
    builtinPacks: () => Promise.resolve(builtinPacks),
    now: () => new Date('2026-03-04T05:06:07.000Z'),
    notifyTab: () => undefined,
    notifyAllTabs: (type = 'tab/annotations-changed') => notified.push(type),
  });
});
afterEach(() => connection.close());

describe('packs through the background', () => {
  it('sends no pack to pages while none is installed, and the compiled one once a pack is on', async () => {
    expect(await ask<PageConfig>('page/config', {}, content('https://news.example/a'))).toEqual({ runs: true, settings: DEFAULT_SETTINGS });
    expect(await loadedOn('https://news.example/a')).toEqual(['mobs']);
    const { pack, replaced } = await install('class-7b.json');
    expect(pack).toMatchObject({ id: 'class-7b', version: '1.0.0', enabled: true, counts: { loaded: 2, disabled: 1 } });
    expect(replaced).toBeNull();
    expect(notified).toEqual(['tab/config-changed']);
    expect(await loadedOn('https://news.example/a')).toEqual(['peacekeepers', 'turbulent']);
  });

  it('installs nothing from a file with any problem, and says what is wrong where', async () => {
    await install('class-7b.json');
    const before = await ask<PackList>('packs/list', {});
    await expect(install('class-7b-broken.json')).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining('entry "peacekeepers" (entries[0]), field why') });
    expect(await ask<PackList>('packs/list', {})).toEqual(before);
    expect(await loadedOn('https://news.example/a')).toEqual(['peacekeepers', 'turbulent']);
    expect(notified).toEqual(['tab/config-changed']);
  });

  it('says in the reader’s language that the pack is refused; the problems name the file’s own fields', async () => {
    useLocale('de');
    try {
      const refusal = install('class-7b-broken.json');
      await expect(refusal).rejects.toMatchObject({ message: expect.stringMatching(/^class-7b-broken\.json ist kein gültiges Paket; nichts wurde installiert\.\n/) });
      await expect(refusal).rejects.toMatchObject({ message: expect.stringContaining('entry "peacekeepers" (entries[0]), field why') });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('undoes an install (the pack goes), a replacement (the old version comes back) and a removal', async () => {
    await install('class-7b.json');
    const v2 = fixture('class-7b.json').replace('"1.0.0"', '"2.0.0"').replace('"disable": ["loaded:mob"]', '"disable": []');
    expect((await install('class-7b-v2.json', v2)).replaced?.version).toBe('1.0.0');
    expect(await loadedOn('https://news.example/a')).toEqual(['mobs', 'peacekeepers', 'turbulent']);

    let list = await ask<PackList>('packs/undo', { id: 'class-7b' });
    expect(list.packs.map((p) => p.version)).toEqual(['1.0.0']);
    expect(list.undoable).toEqual([]);
    expect(await loadedOn('https://news.example/a')).toEqual(['peacekeepers', 'turbulent']);

    list = await ask<PackList>('packs/remove', { id: 'class-7b' });
    expect(list).toEqual({ packs: [], undoable: ['class-7b'] });
    expect(await loadedOn('https://news.example/a')).toEqual(['mobs']);
    list = await ask<PackList>('packs/undo', { id: 'class-7b' });
    expect(list.packs.map((p) => [p.id, p.version, p.enabled])).toEqual([['class-7b', '1.0.0', true]]);
    expect(await loadedOn('https://news.example/a')).toEqual(['peacekeepers', 'turbulent']);
  });

  it('compiles a pack with the built-in data of its own language, and pages use it for articles in that language only', async () => {
    const german = JSON.stringify({
      kind: 'bundle', id: 'klasse-8a', version: '1.0.0', language: 'de', license: 'CC-BY-4.0',
      packs: [{ kind: 'loaded-terms', entries: [{ id: 'krawallbrueder', term: 'Krawallbrüder', case: 'any', category: 'labelling', why: '„Krawallbrüder“ wertet Menschen ab, statt zu sagen, was sie getan haben.', alternative: 'Demonstranten' }] }],
    });
    await install('klasse-8a.json', german);
    await install('class-7b.json');
    const page = content('https://news.example/a');
    const deText = 'Die Polizei sagte, dass die Krawallbrüder in der Nacht und auch am Morgen mit der Polizei auf der Straße gekämpft haben.';
    expect(loadedIn(await ask<Analysis>('page/analyze', { text: deText, lang: 'de' }, page))).toEqual(['Krawallbrüder']);
    // Without a lang attribute the language is detected from the text.
    expect(loadedIn(await ask<Analysis>('page/analyze', { text: deText, lang: null }, page))).toEqual(['Krawallbrüder']);
    expect(loadedIn(analyzeArticle(deText, 'de'))).toEqual([]);
    expect(loadedIn(await ask<Analysis>('page/analyze', { text: SENTENCE, lang: 'en' }, page))).toEqual(['peacekeepers', 'turbulent']);
    // With the findings: the text's fingerprint (kept with notes) and the time the analysis took.
    const reply = await ask<AnalyzeReply>('page/analyze', { text: SENTENCE, lang: 'en' }, page);
    expect(reply.fingerprint).toBe(fingerprint(SENTENCE));
    expect(reply.analysedMs).toBeGreaterThanOrEqual(0);
    expect(reply.findingsCut).toBe(0);
    // A text of a book's length: only ARTICLE_LIMITS.chars of it are analysed, and only the first flags are sent.
    const book = `${'Mobs looted the turbulent city, the minister said. '.repeat(8_000)}Peacekeepers arrived.`;
    const long = await ask<AnalyzeReply>('page/analyze', { text: book, lang: 'en' }, page);
    expect(long.findings).toHaveLength(ARTICLE_LIMITS.findings);
    expect(long.findingsCut).toBeGreaterThan(0);
    expect(Math.max(...long.findings.map((f) => f.end))).toBeLessThanOrEqual(ARTICLE_LIMITS.chars);
    expect(long.fingerprint).toBe(fingerprint(book.slice(0, ARTICLE_LIMITS.chars)));
    // The ledger counts the attributions sent, so that the popup's figures add up.
    expect(Object.values(long.ledger).reduce((a, b) => a + b, 0)).toBe(long.findings.filter((f) => f.kind === 'attribution').length);
    // Only content scripts ask for an analysis, and a payload beyond the schema is refused.
    await expect(ask('page/analyze', { text: SENTENCE, lang: 'en' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(ask('page/analyze', { text: SENTENCE, lang: 'en', packs: {} }, page)).rejects.toBeDefined();
  });

  it('switches a pack off and on without losing it, and refuses unknown packs', async () => {
    await install('class-7b.json');
    let list = await ask<PackList>('packs/set-enabled', { id: 'class-7b', enabled: false });
    expect(list.packs[0]?.enabled).toBe(false);
    expect(await loadedOn('https://news.example/a')).toEqual(['mobs']);
    list = await ask<PackList>('packs/set-enabled', { id: 'class-7b', enabled: true });
    expect(await loadedOn('https://news.example/a')).toEqual(['peacekeepers', 'turbulent']);
    await expect(ask('packs/set-enabled', { id: 'nope', enabled: true })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lets only our own pages change packs and settings; a content script may only read its config', async () => {
    const page = content('https://news.example/a');
    for (const [type, payload] of [['packs/import', { fileName: 'a.json', text: fixture('class-7b.json') }], ['packs/remove', { id: 'class-7b' }], ['settings/set', DEFAULT_SETTINGS], ['settings/get', {}], ['packs/list', {}]] as const) {
      expect(await router.route({ type, payload }, page)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await router.route({ type: 'page/config', payload: {} }, { id: 'another-extension', url: 'https://news.example/a', tab: { id: 1 } as never, frameId: 0 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the outlet behind a site, for the popup', () => {
  it('answers our pages from the outlet table of the enabled packs, a class outlet included; never a content script', async () => {
    expect(await ask('site/outlet', { url: 'https://www.rt.com/news/1' })).toMatchObject({ id: 'rt', type: 'state-affiliated', country: 'Russia' });
    expect(await ask('site/outlet', { url: 'https://stadtanzeiger.example/a' })).toBeNull();
    expect(await ask('site/outlet', { url: 'not a url' })).toBeNull();
    const local = { id: 'stadtanzeiger', name: 'Stadtanzeiger', aliases: [], domains: ['stadtanzeiger.example'], type: 'commercial', rating: 'no consensus', rationale: 'A local paper the class reads.', provenance: 'The class.' };
    const pack = { kind: 'bundle', id: 'class-outlets', version: '1.0.0', language: 'en', license: 'CC0-1.0', packs: [{ kind: 'sources', entries: [local] }] };
    await install('class-outlets.json', JSON.stringify(pack));
    expect(await ask('site/outlet', { url: 'https://www.stadtanzeiger.example/a' })).toMatchObject({ id: 'stadtanzeiger', name: 'Stadtanzeiger' });
    expect(await router.route({ type: 'site/outlet', payload: { url: 'https://www.rt.com/' } }, content('https://news.example/a'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('recompiling after an update of the extension', () => {
  it('compiles the installed packs again with the new built-in data, and drops the compiled pack when none is on', async () => {
    await install('class-7b.json');
    const config = new ConfigStore(connection);
    // An update that adds "coalition" to the built-in lexicon: the stored pack was compiled without it.
    const sentence = 'The coalition arrived.';
    expect(analyze(sentence, (await config.effectivePacks())!.en!).findings.map((f) => f.text)).toEqual([]);
    const builtin = await builtinSourcePacks();
    const updated = builtin.en!.map((part) =>
      part.kind === 'loaded-terms'
        ? { ...part, entries: [...part.entries, { id: 'coalition', term: 'coalition', category: 'vague' as const, why: 'A test entry standing in for new built-in data.', alternative: 'name its members' }] }
        : part,
    );
    await config.recompile((packs) => compileEffective({ ...builtin, en: updated }, packs));
    expect(analyze(sentence, (await config.effectivePacks())!.en!).findings.map((f) => f.text)).toEqual(['coalition']);
    await ask('packs/set-enabled', { id: 'class-7b', enabled: false });
    // A store keeps what it last read until it changes something itself (the background has one store); read afresh.
    expect(await new ConfigStore(connection).effectivePacks()).toBeNull();
  });
});

describe('a compiled pack stored by an older version of the extension', () => {
  it('is not read until the update recompiles it: the built-in packs stand in', async () => {
    await install('class-7b.json');
    // As an older version stored it: a compiled pack of the previous shape.
    const tx = await connection.transaction(['compiledPack'], 'readwrite');
    const stored = (await tx.objectStore('compiledPack').get('effective'))!;
    await tx.objectStore('compiledPack').put({ compiled: { ...stored.compiled, en: { ...stored.compiled.en!, format: 1 as never } } }, 'effective');
    await tx.done;
    const config = new ConfigStore(connection);
    expect(await config.effectivePacks()).toBeNull();
    const builtin = await builtinSourcePacks();
    await config.recompile((packs) => compileEffective(builtin, packs));
    expect((await config.effectivePacks())?.en?.format).toBe(COMPILED_FORMAT);
  });
});

describe('settings through the background', () => {
  it('stores valid settings, refuses malformed ones, and decides the site list from the sender', async () => {
    const never: Settings = { ...DEFAULT_SETTINGS, kinds: { ...DEFAULT_SETTINGS.kinds, boilerplate: false }, neverSites: ['news.example'] };
    expect(await ask('settings/set', never)).toEqual(never);
    expect(notified).toEqual(['tab/config-changed']);
    expect(await ask('settings/get', {})).toEqual(never);
    expect(await router.route({ type: 'settings/set', payload: { ...never, neverSites: ['not a host!'] } }, options)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await router.route({ type: 'settings/set', payload: { ...never, extra: 1 } }, options)).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    expect((await ask<PageConfig>('page/config', {}, content('https://www.news.example/story'))).runs).toBe(false);
    expect((await ask<PageConfig>('page/config', {}, content('https://othernews.example/story'))).runs).toBe(true);
    await ask('settings/set', { ...never, siteMode: 'only-listed', onlySites: ['othernews.example'] });
    expect((await ask<PageConfig>('page/config', {}, content('https://www.news.example/story'))).runs).toBe(false);
    expect((await ask<PageConfig>('page/config', {}, content('https://othernews.example/story'))).runs).toBe(true);
  });

  it('keeps what still fits of settings another version stored: a retired category costs no site list', async () => {
    const stored = { ...DEFAULT_SETTINGS, loadedInQuotes: false, neverSites: ['bank.example'], hiddenCategories: ['retired-category'], addedLater: true };
    const db = await connection.get();
    await db.put('settings', stored as never, 'settings');
    expect(await ask('settings/get', {})).toEqual({ ...DEFAULT_SETTINGS, loadedInQuotes: false, neverSites: ['bank.example'] });
    expect((await ask<PageConfig>('page/config', {}, content('https://bank.example/statement'))).runs).toBe(false);
  });
});

describe('migration to v3', () => {
  it('adds the pack and settings stores to a v2 database and keeps its annotations', async () => {
    expect(DB_VERSION).toBeGreaterThanOrEqual(3);
    const db = await openDB<MarginSchema>('migrate-v3', 2, {
      upgrade: async (db, _old, _new, tx) => {
        await migrations[0]!(db, tx);
        await migrations[1]!(db, tx);
      },
    });
    const record = { id: '00000000-0000-4000-8000-000000000001', page: 'https://news.example/a', site: 'news.example', pageTitle: 'A', motivation: 'commenting', quote: { exact: 'q', prefix: '', suffix: '' }, position: { start: 0, end: 1 }, note: 'n', labels: [], created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' };
    await db.put('annotations', record as never);
    db.close();

    const upgraded = new Connection('migrate-v3');
    expect((await upgraded.get()).version).toBe(DB_VERSION);
    // v4 (the student's assignment) follows on the way up.
    expect([...(await upgraded.get()).objectStoreNames].sort()).toEqual(['annotations', 'assignment', 'compiledPack', 'drafts', 'packHistory', 'packs', 'settings']);
    expect(await new AnnotationStore(upgraded).all()).toEqual([record]);
    const config = new ConfigStore(upgraded);
    expect(await config.settings()).toEqual(DEFAULT_SETTINGS);
    expect(await config.packs()).toEqual([]);
    expect(await config.effectivePacks()).toBeNull();
    await upgraded.close();
  });
});
