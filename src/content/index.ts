// The content script: analyse the article once the page is idle, answer our popup, and offer to annotate selections.
// One AbortController owns everything it sets up, so one abort removes all of it.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { contentRequests, readEnvelope, type ContentResults } from '../messages';
import { AnnotateUi } from './annotate-ui';
import { PageSession } from './page-session';

const lifetime = new AbortController();
const { signal } = lifetime;

function start(): void {
  const session = new PageSession(signal);
  let pendingSelection: { start: number; end: number } | null = null;
  const ui = new AnnotateUi(signal, async () => (pendingSelection ? session.draft(pendingSelection) : null));

  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));

  function onMessage(message: unknown, sender: browser.Runtime.MessageSender): Promise<unknown> | undefined {
    // Only our own extension can reach this listener; the check keeps it so if that ever changes.
    if (sender.id !== browser.runtime.id) return undefined;
    const envelope = readEnvelope(contentRequests, message);
    if (!envelope || !v.safeParse(contentRequests[envelope.type].payload, envelope.payload).success) return undefined;
    switch (envelope.type) {
      case 'tab/state':
        return Promise.resolve(session.state() satisfies ContentResults['tab/state']);
      case 'tab/annotations-changed':
        return session.loadAnnotations().then(() => null);
      case 'tab/close-editor':
        ui.closeEditor((envelope.payload as { id: string }).id);
        return Promise.resolve(null);
    }
  }

  let selectionTimer = 0;
  document.addEventListener('selectionchange', (event) => {
    if (!event.isTrusted) return;
    clearTimeout(selectionTimer);
    selectionTimer = window.setTimeout(() => {
      const selected = session.selectionInArticle();
      pendingSelection = selected;
      if (selected) ui.showButtonAt(selected.rect);
      else ui.hideButton();
    }, 120);
  }, { signal });

  if (session.analyse()) {
    session.loadAnnotations().catch((error) => console.debug('[margin] could not load annotations', error));
  }
}

try {
  start();
} catch (error) {
  // Our failure must never become the page's failure.
  console.debug('[margin] content script stopped', error);
  lifetime.abort();
}
