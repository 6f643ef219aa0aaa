// The reader's settings: which kinds of flag are shown, how sensitive loaded-term flagging is, and where Margin runs.
// Pure: the schema every stored or received copy is checked against, the defaults, and the rules that apply them.
import * as v from 'valibot';
import { LOADED_CATEGORIES } from './compile';
import type { Finding, FindingKind } from './findings';

export const SITE_MODES = ['all-but-listed', 'only-listed'] as const;
export type SiteMode = (typeof SITE_MODES)[number];

/** A site entry: a host name such as example.com (it covers its subdomains) or an IP address. */
export const SITE_ENTRY = /^(?=.{1,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;
const SiteEntry = v.pipe(v.string(), v.regex(SITE_ENTRY, 'must be a host name such as example.com'));
const MAX_SITES = 1_000;

export const SettingsSchema = v.strictObject({
  kinds: v.strictObject({ attribution: v.boolean(), boilerplate: v.boolean(), loaded: v.boolean() }),
  /** Loaded-term categories the reader does not want flagged (puffery, doubt…): the one sensitivity the rules have. */
  hiddenCategories: v.pipe(v.array(v.picklist(LOADED_CATEGORIES)), v.maxLength(LOADED_CATEGORIES.length)),
  /** Flag loaded terms inside quoted or attributed speech too (they are the speaker's words, not the author's). */
  loadedInQuotes: v.boolean(),
  siteMode: v.picklist(SITE_MODES),
  /** Never run on these (mode all-but-listed). */
  neverSites: v.pipe(v.array(SiteEntry), v.maxLength(MAX_SITES)),
  /** Run only on these (mode only-listed). */
  onlySites: v.pipe(v.array(SiteEntry), v.maxLength(MAX_SITES)),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  kinds: { attribution: true, boilerplate: true, loaded: true },
  hiddenCategories: [],
  loadedInQuotes: true,
  siteMode: 'all-but-listed',
  neverSites: [],
  onlySites: [],
};

/**
 * Settings read back from storage, kept field by field: what a newer or older version wrote may not fit this schema
 * as a whole (a loaded-term category renamed, a setting added), and one such value must not cost the reader their
 * site lists. A field that does not fit takes its default; a list keeps the entries that fit.
 */
export function salvageSettings(stored: unknown): Settings {
  const whole = v.safeParse(SettingsSchema, stored);
  if (whole.success) return whole.output;
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const field = <T>(schema: v.GenericSchema<T>, value: unknown, fallback: T): T => {
    const parsed = v.safeParse(schema, value);
    return parsed.success ? parsed.output : fallback;
  };
  const list = <T>(item: v.GenericSchema<T>, value: unknown, max: number): T[] =>
    Array.isArray(value) ? [...new Set(value.filter((entry): entry is T => v.is(item, entry)))].slice(0, max) : [];
  const kinds = typeof record.kinds === 'object' && record.kinds !== null ? (record.kinds as Record<string, unknown>) : {};
  return {
    kinds: {
      attribution: field(v.boolean(), kinds.attribution, DEFAULT_SETTINGS.kinds.attribution),
      boilerplate: field(v.boolean(), kinds.boilerplate, DEFAULT_SETTINGS.kinds.boilerplate),
      loaded: field(v.boolean(), kinds.loaded, DEFAULT_SETTINGS.kinds.loaded),
    },
    hiddenCategories: list(v.picklist(LOADED_CATEGORIES), record.hiddenCategories, LOADED_CATEGORIES.length),
    loadedInQuotes: field(v.boolean(), record.loadedInQuotes, DEFAULT_SETTINGS.loadedInQuotes),
    siteMode: field(v.picklist(SITE_MODES), record.siteMode, DEFAULT_SETTINGS.siteMode),
    neverSites: list(SiteEntry, record.neverSites, MAX_SITES),
    onlySites: list(SiteEntry, record.onlySites, MAX_SITES),
  };
}

/** Whether the reader wants to see this flag under these settings. */
export function isShownUnder(finding: Finding, settings: Settings): boolean {
  if (!settings.kinds[finding.kind as FindingKind]) return false;
  if (finding.kind !== 'loaded') return true;
  if (finding.quoted && !settings.loadedInQuotes) return false;
  return !(settings.hiddenCategories as readonly string[]).includes(finding.category ?? '');
}

/**
 * The host name a reader meant by what they typed: "https://www.Example.com/news" -> "www.example.com",
 * "example.com." -> "example.com". Null when it names no host.
 */
export function normaliseSiteEntry(typed: string): string | null {
  let text = typed.trim().toLowerCase();
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
  let host: string;
  try {
    host = new URL(text).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '');
  return SITE_ENTRY.test(host) ? host : null;
}

/** A listed entry covers its own host and every subdomain of it: example.com covers news.example.com. */
export function hostMatches(hostname: string, entry: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === entry || host.endsWith(`.${entry}`);
}

/** Whether Margin runs on a page with this host name under the reader's site list. */
export function runsOn(hostname: string, settings: Settings): boolean {
  if (settings.siteMode === 'only-listed') return settings.onlySites.some((entry) => hostMatches(hostname, entry));
  return !settings.neverSites.some((entry) => hostMatches(hostname, entry));
}
