// The content script: analyse the article once the page is idle, explain flags on hover or keyboard, keep up with
// live pages, answer our popup, and offer to annotate selections. One AbortController owns everything it sets up.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { contentRequests, readEnvelope, type ContentResults } from '../messages';
import { AnnotateUi } from './annotate-ui';
import { FlagCard } from './flag-card';
import { FlagNavigator } from './flag-navigator';
import { HighlightPainter } from './highlights';
import { LiveUpdates } from './live-updates';
import { PageSession } from './page-session';
import { UiHost } from './ui-host';

const lifetime = new AbortController();
const { signal } = lifetime;

/**
 * When the extension is updated or reloaded under a live page, this copy of the script is orphaned: its messages fail
 * with "Extension context invalidated" and runtime.id goes away. It then removes everything it added and goes quiet;
 * the new version's script takes over on the next navigation.
 */
function stillConnected(): boolean {
  let connected = false;
  try {
    connected = !!browser.runtime?.id;
  } catch {
    connected = false;
  }
  if (!connected && !signal.aborted) lifetime.abort();
  return connected;
}
addEventListener('unhandledrejection', (event) => {
  if (/Extension context invalidated/i.test(String(event.reason))) {
    event.preventDefault();
    lifetime.abort();
  }
}, { signal });

/** Keyboard shortcuts, matched on the physical key so they work on every layout. */
const SHORTCUTS: Record<string, 'next' | 'previous' | 'toggle'> = { KeyN: 'next', KeyP: 'previous', KeyH: 'toggle' };

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName ?? ''));
}

function start(): void {
  const painter = new HighlightPainter();
  signal.addEventListener('abort', () => painter.clear());
  const ui = new UiHost(signal);
  const session = new PageSession(signal, painter);
  const card = new FlagCard(ui, signal, (finding, { verdict, scope }) => {
    session
      .giveVerdict(finding, verdict, scope)
      .then(() => navigator.setFlags(session.flags))
      .catch((error) => console.debug('[margin] verdict not saved', error));
  });
  const navigator = new FlagNavigator(
    signal,
    card,
    painter,
    (node, offset) => session.offsetAt(node, offset),
    (target) => ui.owns(target),
    (finding) => session.verdictOf(finding),
  );
  let pendingSelection: { start: number; end: number } | null = null;
  // The selection as it is when the reader presses the button (the debounced one may be half a drag old).
  const annotateUi = new AnnotateUi(signal, ui, async () => {
    const selected = session.selectionInArticle() ?? pendingSelection;
    return selected ? session.draft(selected) : null;
  });
  let highlightsVisible = true;

  const analyse = async () => {
    const found = await session.analyse();
    if (found !== undefined) navigator.setFlags(session.flags);
    return found;
  };

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
        return session.loadAnnotations().then(() => {
          navigator.setFlags(session.flags);
          return null;
        });
      case 'tab/scroll-to':
        return Promise.resolve(session.scrollTo((envelope.payload as { id: string }).id));
      case 'tab/close-editor':
        annotateUi.closeEditor((envelope.payload as { id: string }).id);
        return Promise.resolve(null);
    }
  }

  let selectionTimer = 0;
  document.addEventListener('selectionchange', (event) => {
    if (!event.isTrusted || !stillConnected()) return;
    clearTimeout(selectionTimer);
    selectionTimer = window.setTimeout(() => {
      const selected = session.selectionInArticle();
      pendingSelection = selected;
      if (selected) annotateUi.showButtonAt(selected.rect);
      else annotateUi.hideButton();
    }, 120);
  }, { signal });

  document.addEventListener('keydown', (event) => {
    if (!event.isTrusted || isTyping(event.target) || !stillConnected()) return;
    if (event.key === 'Escape') return navigator.unfocus();
    const action = event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey ? SHORTCUTS[event.code] : undefined;
    if (!action) return;
    event.preventDefault();
    if (action === 'next') navigator.next();
    else if (action === 'previous') navigator.previous();
    else {
      highlightsVisible = !highlightsVisible;
      painter.setVisible(highlightsVisible);
      if (!highlightsVisible) navigator.unfocus();
    }
  }, { capture: true, signal });

  new LiveUpdates(signal, () => session.root, (urlChanged) => {
    if (!stillConnected()) return;
    analyse().catch((error) => console.debug('[margin] could not analyse the page', error));
    if (urlChanged) session.loadAnnotations().then(() => navigator.setFlags(session.flags)).catch(() => undefined);
  });

  // The first analysis starts in a task of its own, apart from the script's start-up (compiling and initialising our
  // code), so neither is a long task for the page on its own; its steps then take a task each (pipeline.ts).
  inOwnTask(() => {
    analyse()
      .then((found) => (found ? session.loadAnnotations().then(() => navigator.setFlags(session.flags)) : undefined))
      .catch((error) => console.debug('[margin] could not analyse the page or load its annotations', error));
  });
}

/** Runs work in a later task, when the page is idle (or after a second at most), unless we have stopped meanwhile. */
function inOwnTask(work: () => void): void {
  const run = () => {
    if (signal.aborted) return;
    try {
      work();
    } catch (error) {
      // Our failure must never become the page's failure.
      console.debug('[margin] content script stopped', error);
      lifetime.abort();
    }
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 0);
}

try {
  start();
} catch (error) {
  // Our failure must never become the page's failure.
  console.debug('[margin] content script stopped', error);
  lifetime.abort();
}
