// The reader's settings applied to flags and sites.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings';
import { DEFAULT_SETTINGS, hostMatches, isShownUnder, normaliseSiteEntry, runsOn, salvageSettings } from '../../src/core/settings';

const finding = (kind: Finding['kind'], extra: Partial<Finding> = {}): Finding => ({ kind, start: 0, end: 4, text: 'mobs', ruleId: `${kind}:x`, why: 'w', ...extra });

describe('settings', () => {
  it('shows every flag by default', () => {
    for (const kind of ['attribution', 'boilerplate', 'loaded'] as const) expect(isShownUnder(finding(kind, { category: 'puffery', quoted: true }), DEFAULT_SETTINGS)).toBe(true);
  });

  it('hides a kind switched off, a hidden loaded category, and quoted loaded terms when asked', () => {
    const noBoilerplate = { ...DEFAULT_SETTINGS, kinds: { ...DEFAULT_SETTINGS.kinds, boilerplate: false } };
    expect(isShownUnder(finding('boilerplate'), noBoilerplate)).toBe(false);
    expect(isShownUnder(finding('attribution'), noBoilerplate)).toBe(true);
    const noPuffery = { ...DEFAULT_SETTINGS, hiddenCategories: ['puffery' as const] };
    expect(isShownUnder(finding('loaded', { category: 'puffery' }), noPuffery)).toBe(false);
    expect(isShownUnder(finding('loaded', { category: 'labelling' }), noPuffery)).toBe(true);
    const narrationOnly = { ...DEFAULT_SETTINGS, loadedInQuotes: false };
    expect(isShownUnder(finding('loaded', { category: 'labelling', quoted: true }), narrationOnly)).toBe(false);
    expect(isShownUnder(finding('loaded', { category: 'labelling' }), narrationOnly)).toBe(true);
  });

  it('reads the host a reader meant from what they typed', () => {
    expect(normaliseSiteEntry(' https://www.Example.com/news?x=1 ')).toBe('www.example.com');
    expect(normaliseSiteEntry('example.com.')).toBe('example.com');
    expect(normaliseSiteEntry('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(normaliseSiteEntry('')).toBeNull();
    expect(normaliseSiteEntry('not a host')).toBeNull();
  });

  it('matches a listed site and its subdomains, never a look-alike', () => {
    expect(hostMatches('news.example.com', 'example.com')).toBe(true);
    expect(hostMatches('example.com', 'example.com')).toBe(true);
    expect(hostMatches('badexample.com', 'example.com')).toBe(false);
    expect(runsOn('news.example.com', { ...DEFAULT_SETTINGS, neverSites: ['example.com'] })).toBe(false);
    expect(runsOn('other.org', { ...DEFAULT_SETTINGS, neverSites: ['example.com'] })).toBe(true);
    expect(runsOn('other.org', { ...DEFAULT_SETTINGS, siteMode: 'only-listed', onlySites: ['example.com'] })).toBe(false);
    expect(runsOn('www.example.com', { ...DEFAULT_SETTINGS, siteMode: 'only-listed', onlySites: ['example.com'] })).toBe(true);
  });

  it('salvages stored settings field by field: a value that no longer fits takes its default, a list keeps what fits', () => {
    const chosen = { ...DEFAULT_SETTINGS, kinds: { attribution: false, boilerplate: true, loaded: true }, siteMode: 'only-listed', onlySites: ['a.example'] };
    expect(salvageSettings(chosen)).toEqual(chosen);
    expect(
      salvageSettings({ ...chosen, kinds: { attribution: false, loaded: 'yes' }, hiddenCategories: ['gone', 'emotive', 'emotive'], onlySites: ['a.example', 'not a host', 'a.example'], siteMode: 'sometimes', extra: 1 }),
    ).toEqual({ ...DEFAULT_SETTINGS, kinds: { attribution: false, boilerplate: true, loaded: true }, hiddenCategories: ['emotive'], onlySites: ['a.example'] });
    expect(salvageSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(salvageSettings({ neverSites: Array.from({ length: 1_500 }, (_, i) => `s${i}.example`) }).neverSites).toHaveLength(1_000);
  });
});
