// Where a page belongs: its site (registrable domain). It needs the public suffix list (tldts), which the content
// script does not load: the background and our pages ask, not the page. The outlet behind a site is sources.ts's
// `lookupDomain`: it needs the compiled pack, which the pages that name sites (the classroom's import of notes) never
// load for it.
import { getDomain, getHostname } from 'tldts';
import { LIMITS } from './annotation';

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
