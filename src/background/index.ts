// The background: owns the annotation store and answers our contexts. It may be stopped at any moment, so it keeps no state.
import browser, { type Runtime } from 'webextension-polyfill';
import { PRODUCT_NAME } from '../product';
import { AnnotationStore } from '../storage/annotation-store';
import { AssignmentStore } from '../storage/assignment-store';
import { Connection } from '../storage/database';
import { createRouter } from './router';

const connection = new Connection();
const store = new AnnotationStore(connection);
const router = createRouter({
  store,
  assignments: new AssignmentStore(connection),
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL(''),
  productName: PRODUCT_NAME,
  now: () => new Date(),
  notifyTab(tabId, type, payload) {
    // The tab may have navigated away or closed; nothing is lost, since the data is stored already.
    browser.tabs.sendMessage(tabId, { type, payload }, { frameId: 0 }).catch(() => undefined);
  },
  notifyAllTabs() {
    browser.tabs
      .query({})
      .then((tabs) => {
        for (const tab of tabs) {
          if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, { type: 'tab/annotations-changed', payload: {} }, { frameId: 0 }).catch(() => undefined);
        }
      })
      .catch(() => undefined);
  },
});

// Registered synchronously at start-up, so a message that wakes the worker is not missed.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router.route(message, sender));
