// Decides who sent a message from what the browser says about the sender, never from the message itself.
import type { Runtime } from 'webextension-polyfill';
import { LIMITS } from '../core/annotation';
import { EDITOR_PAGE, type SenderKind } from '../messages';

export interface SenderFacts {
  kind: SenderKind;
  /** For content scripts: the page they run in (without fragment). */
  page?: string;
  tabId?: number;
}

/**
 * Our extension pages have our origin as their URL, the note editor its own page there; our content script runs in the
 * top frame of an http(s) page. Anything else (another extension, a frame we do not run in) gets nothing.
 *
 * A content script's page: the browsers report the address its document was loaded at, and keep it when the page moves
 * to another story with `history.pushState`. So the page is the address the content script reads at the moment it asks
 * (`href`), when that has the origin the browser reports: a page's script can change its address only within its own
 * origin, which widens nothing beyond SECURITY.md's known gap 2.
 */
export function classifySender(sender: Runtime.MessageSender, extensionId: string, extensionOrigin: string, href?: string): SenderFacts | null {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return null;
  if (sender.url.startsWith(extensionOrigin)) {
    const path = sender.url.slice(extensionOrigin.length).split(/[?#]/, 1)[0];
    return { kind: path === EDITOR_PAGE ? 'editor' : 'extension-page', ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}) };
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId !== 0) return null;
  const url = parseUrl(sender.url);
  if (!url) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return { kind: 'content', page: currentPage(url, href) ?? url.href, tabId };
}

/**
 * The address the content script reports, on the browser-reported origin: that origin, then the reported path and
 * query (no user name or password, no fragment, and never another scheme: a blob: address has the origin of the page
 * that made it). Undefined when there is none or it does not fit a stored record.
 */
function currentPage(loaded: URL, href: string | undefined): string | undefined {
  const current = href === undefined ? null : parseUrl(href);
  if (!current || current.protocol !== loaded.protocol || current.origin !== loaded.origin) return undefined;
  const page = `${loaded.origin}${current.pathname}${current.search}`;
  return page.length <= LIMITS.url ? page : undefined;
}

// (Not URL.parse: node 20, which runs the unit tests, lacks it.)
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
