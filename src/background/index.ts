// The background: owns the annotation store and answers our contexts. It may be stopped at any moment, so it keeps no state.
import browser, { type Runtime } from 'webextension-polyfill';
import { PRODUCT_NAME } from '../product';
import { compileEffective } from '../core/pack-set';
import { AnnotationStore } from '../storage/annotation-store';
import { ConfigStore } from '../storage/config-store';
import { AssignmentStore } from '../storage/assignment-store';
import { Connection } from '../storage/database';
import { LocalAnnotationStore, type KeyValueArea } from '../storage/local-annotation-store';
import { ChosenNoteStore } from '../storage/note-store';
import { builtinSourcePacks } from './builtin-data';
import { forwardCommands } from './commands';
import { createRouter } from './router';

/**
 * The extension's storage area where the manifest asks for it (the Firefox build: Firefox refuses IndexedDB in
 * permanent private browsing; Chromium has no such mode, and its build has no `storage` permission).
 */
function localArea(): KeyValueArea | undefined {
  const local = (browser as { storage?: { local?: KeyValueArea } }).storage?.local;
  return typeof local?.get === 'function' ? local : undefined;
}

/** Firefox's permanent private browsing runs the background itself in a private context (measured in Firefox ESR 140). */
function inPrivateContext(): boolean {
  return (browser as { extension?: { inIncognitoContext?: boolean } }).extension?.inIncognitoContext === true;
}

const connection = new Connection();
const area = localArea();
const store = new ChosenNoteStore(connection, new AnnotationStore(connection), area && new LocalAnnotationStore(area), inPrivateContext());
const config = new ConfigStore(connection);
const router = createRouter({
  store,
  config,
  assignments: new AssignmentStore(connection),
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL(''),
  productName: PRODUCT_NAME,
  now: () => new Date(),
  notifyTab(tabId, type, payload) {
    // The tab may have navigated away or closed; nothing is lost, since the data is stored already.
    browser.tabs.sendMessage(tabId, { type, payload }, { frameId: 0 }).catch(() => undefined);
  },
  notifyAllTabs(type = 'tab/annotations-changed') {
    browser.tabs
      .query({})
      .then((tabs) => {
        for (const tab of tabs) {
          if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, { type, payload: {} }, { frameId: 0 }).catch(() => undefined);
        }
      })
      .catch(() => undefined);
  },
});

// Registered synchronously at start-up, so a message that wakes the worker is not missed.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router.route(message, sender));

// An update brings new built-in data: the stored effective pack was compiled from the old, so compile it again.
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== 'update') return;
  builtinSourcePacks()
    .then((builtin) => config.recompile((packs) => compileEffective(builtin, packs)))
    .catch((error) => console.error('[margin] packs not recompiled', error));
});

forwardCommands();
