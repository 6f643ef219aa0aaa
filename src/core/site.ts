// Where a page belongs: its site (registrable domain) and the outlet behind it. These two need the public suffix list
// (tldts), which the content script does not load: the background and our pages ask these questions, not the page.
import { getDomain, getHostname } from 'tldts';
import { LIMITS } from './annotation';
import type { OutletInfo } from './findings';
import { builtinPack, type CompiledPack } from './pack';
import { outletForHost } from './sources';

/**
 * The site a page belongs to: its registrable domain from the public suffix list (news.example.co.uk ->
 * example.co.uk), counting private suffixes such as github.io or blogspot.com, so that two blogs on one host are
 * two sites. Addresses without one (localhost, an IP address) are their own site: the host name. Never throws.
 */
export function siteOf(page: string): string {
  const domain = getDomain(page, { allowPrivateDomains: true });
  if (domain) return domain;
  try {
    return new URL(page).hostname.slice(0, LIMITS.site);
  } catch {
    return (getHostname(page) ?? '').slice(0, LIMITS.site);
  }
}

/**
 * The outlet behind a page's hostname: exact host first (news.sky.com), then each parent down to the
 * registrable domain from the public suffix list, so www.rt.com and de.rt.com reach rt.com and
 * www.bbc.co.uk reaches bbc.co.uk without ever matching "co.uk" itself.
 */
export function lookupDomain(hostname: string, pack: CompiledPack = builtinPack()): OutletInfo | undefined {
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
