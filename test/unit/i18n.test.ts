// The UI's messages: every key the code asks for exists in every locale, the locales agree on keys and placeholders,
// and the manifest names the extension through them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FINDING_KINDS } from '../../src/core/findings';
import { LOADED_CATEGORIES, OUTLET_RATINGS, OUTLET_TYPES, SOURCE_TYPES } from '../../src/core/compile';
import { ORPHAN_REASON } from '../../src/core/anchor';
import { VERDICT_SCOPES } from '../../src/core/annotation';
import { t, tn, uiLanguage } from '../../src/ui/i18n';
import { useLocale } from './locale';

const ROOT = join(import.meta.dirname, '..', '..');
type Catalogue = Record<string, { message: string; description?: string }>;
const locales = Object.fromEntries(
  readdirSync(join(ROOT, '_locales')).map((lang) => [lang, JSON.parse(readFileSync(join(ROOT, '_locales', lang, 'messages.json'), 'utf8')) as Catalogue]),
);
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;

const sources = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
  // Comments may quote t('key', …) as an example: only code counts.
  .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8').replace(/^\s*(?:\/\/|\/?\*).*$/gm, ''));

/**
 * Keys written out in the code: t('key', …), both forms of tn('key', …), and key literals such as 'area_name' in tables
 * (CHOICES, VIEW_NAMES).
 */
function literalKeys(): Set<string> {
  const keys = new Set<string>();
  for (const text of sources) {
    for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(match[1]!);
    for (const match of text.matchAll(/\btn\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(`${match[1]!}_one`).add(`${match[1]!}_other`);
    for (const match of text.matchAll(/'((?:card|classroom|editor|label|library|options|popup)_[a-z0-9_]+)'/g)) keys.add(match[1]!);
  }
  return keys;
}

/** Keys names.ts and PageView build from data values: per kind, source type, outlet type, rating, verdict scope, category, orphan reason. */
function builtKeys(): string[] {
  const key = (prefix: string, id: string) => `${prefix}_${id.replace(/[^A-Za-z0-9]+/g, '_')}`;
  return [
    ...FINDING_KINDS.map((k) => key('kind', k)),
    ...[...FINDING_KINDS, 'annotation'].map((k) => key('kinds', k)),
    ...SOURCE_TYPES.map((k) => key('source_type', k)),
    ...OUTLET_TYPES.map((k) => key('outlet_type', k)),
    ...OUTLET_RATINGS.map((k) => key('rating', k)),
    ...VERDICT_SCOPES.map((k) => key('verdict_dismissed', k)),
    ...LOADED_CATEGORIES.map((k) => key('category', k)),
    ...boilerplateCategories.map((k) => key('category', k)),
    ...Object.keys(ORPHAN_REASON).map((k) => key('orphan', k)),
  ];
}

/** The built-in promotional rules' categories, which cards and the popup name (teachers' own are shown as written). */
const boilerplateCategories = [
  ...new Set((JSON.parse(readFileSync(join(ROOT, 'src', 'data', 'boilerplate.json'), 'utf8')) as { entries: Array<{ category: string }> }).entries.map((e) => e.category)),
];

const placeholders = (message: string) => [...new Set(message.match(/\$\d/g) ?? [])].sort();

describe('locales', () => {
  it('ship English (the default) and German', () => {
    expect(Object.keys(locales).sort()).toEqual(['de', 'en']);
    expect(manifest.default_locale).toBe('en');
  });

  it('hold every key the code uses, in every locale', () => {
    const fromManifest = [...JSON.stringify(manifest).matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!);
    expect(fromManifest).toContain('command_next_flag');
    const used = [...literalKeys(), ...builtKeys(), ...fromManifest, 'lang_code'];
    expect(literalKeys().size).toBeGreaterThan(100);
    for (const [lang, catalogue] of Object.entries(locales)) {
      // A key chosen by a condition inside tn(…) is a plural's base: its two forms stand for it.
      const has = (key: string) => Boolean(catalogue[key]?.message || (catalogue[`${key}_one`]?.message && catalogue[`${key}_other`]?.message));
      expect(used.filter((key) => !has(key)), `missing in _locales/${lang}`).toEqual([]);
    }
  });

  it('agree on keys and on the placeholders of each message, and have no empty message', () => {
    const en = locales.en!;
    for (const [lang, catalogue] of Object.entries(locales)) {
      expect(Object.keys(catalogue).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, { message }] of Object.entries(catalogue)) {
        expect(message.trim(), `${lang}.${key}`).not.toBe('');
        expect(placeholders(message), `${lang}.${key}`).toEqual(placeholders(en[key]!.message));
        expect(key, 'message names are letters, digits and _').toMatch(/^[A-Za-z0-9_]+$/);
      }
    }
  });

  it('are really translated: most German messages differ from the English ones', () => {
    const same = Object.keys(locales.en!).filter((key) => locales.de![key]!.message === locales.en![key]!.message);
    expect(same.length / Object.keys(locales.en!).length).toBeLessThan(0.1);
  });

  it('name the extension in the manifest through the messages, with the product name from src/product.ts', () => {
    expect(manifest.name).toBe('__MSG_extensionName__');
    expect(manifest.description).toBe('__MSG_extensionDescription__');
    expect((manifest.action as { default_title: string }).default_title).toBe('__MSG_extensionName__');
    for (const catalogue of Object.values(locales)) expect(catalogue.extensionName!.message).toBe('__PRODUCT_NAME__');
    // The stores' limits: a name of at most 45 characters, a description of at most 132.
    for (const catalogue of Object.values(locales)) expect(catalogue.extensionDescription!.message.length).toBeLessThanOrEqual(132);
  });
});

describe('t()', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the browser for the message with its substitutions', () => {
    const getMessage = vi.fn((key: string, subs?: string[]) => (key === 'popup_words' ? `${subs?.[0]} Wörter` : ''));
    vi.stubGlobal('chrome', { i18n: { getMessage } });
    expect(t('popup_words', '12')).toBe('12 Wörter');
    expect(getMessage).toHaveBeenCalledWith('popup_words', ['12']);
  });

  it('names the language of the chosen catalogue for lang attributes, English without one', () => {
    vi.stubGlobal('chrome', { i18n: { getMessage: (key: string) => (key === 'lang_code' ? 'de' : '') } });
    expect(uiLanguage()).toBe('de');
    vi.stubGlobal('chrome', undefined);
    expect(uiLanguage()).toBe('en');
  });

  it('falls back to the key when the message is missing or there is no i18n API', () => {
    vi.stubGlobal('chrome', { i18n: { getMessage: () => '' } });
    expect(t('no_such_key')).toBe('no_such_key');
    vi.stubGlobal('chrome', undefined);
    expect(t('popup_words', '3')).toBe('popup_words');
    vi.stubGlobal('chrome', { i18n: { getMessage: () => { throw new Error('Extension context invalidated.'); } } });
    expect(t('popup_words')).toBe('popup_words');
  });
});

describe('tn()', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes the singular for one and the plural for every other count, in English and in German', () => {
    useLocale('en');
    expect(tn('library_count', 1, 1, 1)).toBe('1 of 1 note');
    expect(tn('library_count', 2, 0, 2)).toBe('0 of 2 notes');
    expect(tn('library_count', 0, 0, 0)).toBe('0 of 0 notes');
    expect(tn('popup_words', 1, 1)).toBe('1 word');
    useLocale('de');
    expect(tn('popup_words', 1, 1)).toBe('1 Wort');
    expect(tn('popup_words', 5, 5)).toBe('5 Wörter');
    expect(tn('classroom_students', 1, 1, 'Ada')).toBe('1 Schülerin oder Schüler: Ada');
  });

  it('writes counts as the language does: grouped from 1,000 on, the same plain digits below in both languages', () => {
    const counts = [0, 7, 999, 1000, 41799, 1234567, -999, -1000, 2.5];
    useLocale('en');
    expect(counts.map((n) => tn('popup_words', n, n))).toEqual(['0 words', '7 words', '999 words', '1,000 words', '41,799 words', '1,234,567 words', '-999 words', '-1,000 words', '2.5 words']);
    useLocale('de');
    expect(counts.map((n) => tn('popup_words', n, n).replace(' Wörter', ''))).toEqual(['0', '7', '999', '1.000', '41.799', '1.234.567', '-999', '-1.000', '2,5']);
    // Whatever the path, the same text as the language's own number format.
    for (const lang of ['en', 'de']) {
      useLocale(lang);
      for (const n of counts) expect(tn('popup_words', n, n).split(' ')[0]).toBe(new Intl.NumberFormat(lang).format(n));
    }
  });

  it('has both forms of every plural message, and no message of one form without the other', () => {
    for (const catalogue of Object.values(locales)) {
      for (const key of Object.keys(catalogue)) {
        const base = key.match(/^(.+)_(one|other)$/)?.[1];
        if (base) expect(Object.keys(catalogue), key).toEqual(expect.arrayContaining([`${base}_one`, `${base}_other`]));
      }
    }
  });
});
