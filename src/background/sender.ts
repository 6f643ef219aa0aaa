// Decides who sent a message from what the browser says about the sender, never from the message itself.
import type { Runtime } from 'webextension-polyfill';
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
 */
export function classifySender(sender: Runtime.MessageSender, extensionId: string, extensionOrigin: string): SenderFacts | null {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return null;
  if (sender.url.startsWith(extensionOrigin)) {
    const path = sender.url.slice(extensionOrigin.length).split(/[?#]/, 1)[0];
    return { kind: path === EDITOR_PAGE ? 'editor' : 'extension-page', ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}) };
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId !== 0) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return { kind: 'content', page: url.href, tabId };
}
