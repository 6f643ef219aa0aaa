// Outlet and domain lookup in the source table: names and aliases (RT, Russia Today) and hostnames (de.rt.com).

import { getDomain } from 'tldts';
import type { OutletInfo } from './findings';
import type { CompiledPack, OutletRecord } from './pack';

interface OutletIndex {
  /** Lowercased alias -> outlet, for aliases that match in any case. */
  byName: Map<string, OutletRecord>;
  /** Exact-case aliases: short all-capital ones (RT, AP, BBC) so "art" or "deviantART" never match RT. */
  byExactName: Map<string, OutletRecord>;
  byHost: Map<string, OutletRecord>;
  /** Names the table writes in lower case ("dpa", "taz"): such a word is a name even without a capital. */
  lowercase: Set<string>;
}

const indexes = new WeakMap<CompiledPack, OutletIndex>();

/** Short all-capital aliases are acronyms: they must match exactly, or every "Rt" or "ap" would hit. */
function isAcronym(alias: string): boolean {
  return alias.length <= 4 && alias === alias.toUpperCase() && /\p{Lu}/u.test(alias);
}

/** Quotation marks around or inside a name (der „Spiegel“) are typography, not part of it. */
function normalise(name: string): string {
  return name.replace(/[’]/g, "'").replace(/["“”„«»‹›]/g, '').replace(/\s+/g, ' ').trim();
}

function indexFor(pack: CompiledPack): OutletIndex {
  let index = indexes.get(pack);
  if (index !== undefined) return index;
  index = { byName: new Map(), byExactName: new Map(), byHost: new Map(), lowercase: new Set() };
  for (const outlet of pack.outlets) {
    for (const alias of [outlet.name, ...outlet.aliases]) {
      const key = normalise(alias);
      if (isAcronym(key)) index.byExactName.set(key, outlet);
      else index.byName.set(key.toLowerCase(), outlet);
      if (/^\p{Ll}+$/u.test(key)) index.lowercase.add(key);
    }
    for (const domain of outlet.domains) index.byHost.set(domain, outlet);
  }
  indexes.set(pack, index);
  return index;
}

/** The public part of a record: what a finding or badge carries. */
export function outletInfo(record: OutletRecord): OutletInfo {
  const { aliases: _aliases, domains: _domains, ...info } = record;
  return info;
}

/**
 * The outlet a whole name refers to ("RT International", "Russia Today", "the BBC"), or undefined.
 * Whole names only, never substrings: "deviantART" or "art" cannot reach "RT". A leading "the" is tried
 * with and without, since writers use both ("the Guardian", "Guardian").
 */
export function lookupOutletName(name: string, pack: CompiledPack): OutletInfo | undefined {
  const record = lookupOutletRecord(name, pack);
  return record === undefined ? undefined : outletInfo(record);
}

export function lookupOutletRecord(name: string, pack: CompiledPack): OutletRecord | undefined {
  const index = indexFor(pack);
  let key = normalise(name).replace(/'s$/, '');
  if (key === '') return undefined;
  const exact = index.byExactName.get(key);
  if (exact !== undefined) return exact;
  const lower = key.toLowerCase();
  const found = index.byName.get(lower);
  if (found !== undefined) return found;
  if (lower.startsWith('the ')) {
    key = key.slice(4);
    return index.byExactName.get(key) ?? index.byName.get(key.toLowerCase());
  }
  // A site named by its address in the text ("rt.com", "Breitbart.com"): look the host up instead.
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(key)) {
    // Only outlets' own domains are in the table, so walking up the labels cannot stop at a public suffix.
    for (let host = key.toLowerCase(); host.includes('.'); host = host.slice(host.indexOf('.') + 1)) {
      const found = index.byHost.get(host);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The one-word outlet names the table writes in lower case ("dpa", "taz"). */
export function lowercaseOutletNames(pack: CompiledPack): ReadonlySet<string> {
  return indexFor(pack).lowercase;
}

/** The outlet whose table entry names exactly this host, if any. */
export function outletForHost(host: string, pack: CompiledPack): OutletInfo | undefined {
  const record = indexFor(pack).byHost.get(host);
  return record === undefined ? undefined : outletInfo(record);
}

/**
 * The outlet behind a page's hostname: exact host first (news.sky.com), then each parent down to the
 * registrable domain from the public suffix list, so www.rt.com and de.rt.com reach rt.com and
 * www.bbc.co.uk reaches bbc.co.uk without ever matching "co.uk" itself.
 */
export function lookupDomain(hostname: string, pack: CompiledPack): OutletInfo | undefined {
  let host = hostname.trim().toLowerCase().replace(/\.$/, '');
  if (host === '') return undefined;
  const registrable = getDomain(host, { allowPrivateDomains: false });
  if (registrable === null) return undefined;
  while (host.length >= registrable.length) {
    const outlet = outletForHost(host, pack);
    if (outlet !== undefined) return outlet;
    if (host === registrable) break;
    host = host.slice(host.indexOf('.') + 1);
  }
  return undefined;
}
