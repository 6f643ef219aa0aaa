// The content script: analyse the article once the page is idle, explain flags on hover or keyboard, keep up with
// live pages, answer our popup, and offer to annotate selections. One AbortController owns everything it sets up.
import { loadStarted } from './load-clock';
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { extensionId, onMessage as listenForMessages } from '../extension-runtime';
import { COMMAND_KEYS, FLAG_COMMANDS, type FlagCommand } from '../commands';
import { contentRequests, readEnvelope, type ContentResults } from '../messages';
import { AnnotateUi } from './annotate-ui';
import { FlagCard } from './flag-card';
import { FlagNavigator } from './flag-navigator';
import { loadArticleCode } from './article-loader';
import { HighlightPainter } from './highlights';
import { paintsHighlightDecorations } from './underline-overlay';
import { LiveUpdates } from './live-updates';
import { PageSession } from './page-session';
import { ShadowHighlightStyles } from './shadow-styles';
import { UiHost } from './ui-host';
import { t } from '../ui/i18n';
import type { Finding } from '../core/findings';

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
    connected = !!extensionId();
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

/**
 * The manifest's commands with their suggested keys, matched on the physical key so they work on every layout. The
 * browser usually takes these keys for the commands (and the background forwards them here); this handler serves the
 * same keys where the browser leaves them to the page.
 */
const SHORTCUTS: Record<string, FlagCommand> = Object.fromEntries(FLAG_COMMANDS.map((command) => [COMMAND_KEYS[command].code, command]));
/**
 * One key press may reach us both ways in some browsers (the page's key event and the browser's command): the other
 * way within this time is the same press. Two presses the same way are two presses, however quick.
 */
const SAME_PRESS_MS = 300;
/** A page listens for our messages once it is idle, and at the latest this long after the content script starts. */
const LISTEN_WITHIN_MS = 1000;

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName ?? ''));
}

function start(): void {
  const ui = new UiHost(signal);
  // The frames that draw the underlines are tasks of ours too, and the tab's state counts them with the pipeline's.
  // (Asked for only where the browser cannot paint them: never in the Chrome build, whose module has no overlay.)
  const underlines = () => loadArticleCode().then((code) => new code.UnderlineOverlay!(ui, signal, (ms, drawn) => session.drewUnderlines(ms, drawn)));
  const painter = new HighlightPainter(paintsHighlightDecorations() ? undefined : underlines);
  signal.addEventListener('abort', () => painter.clear());
  const shadowStyles = new ShadowHighlightStyles(signal);
  const session = new PageSession(signal, painter);
  /** Flags whose verdict is being stored: a second click meanwhile (a double click) sends nothing more. */
  const storing = new Set<Finding>();
  const card = new FlagCard(ui, signal, (finding, { verdict, scope }) => {
    if (storing.has(finding)) return;
    storing.add(finding);
    session
      .giveVerdict(finding, verdict, scope)
      .then(() => navigator.setFlags(session.flags))
      .catch((error: unknown) => card.showProblem(finding, t('card_verdict_failed', (error as Error).message)))
      .finally(() => storing.delete(finding));
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
    navigator.unfocus(); // an open card would sit beside and under the note editor
    const selected = session.selectionInArticle() ?? pendingSelection;
    return selected ? session.draft(selected) : null;
  });
  let highlightsVisible = true;
  let lastCommand: { command: string; at: number; via: 'key' | 'browser' | '' } = { command: '', at: 0, via: '' };

  /**
   * The reader's pointer, selection and keys matter only where there is an article to flag and annotate: these
   * listeners are added when the first article is found, so the many pages without one never run our handlers (a
   * pointer move or a key press on them costs the page nothing of ours). The popup's commands arrive as messages.
   */
  let listening = false;
  const listenToReader = () => {
    if (listening) return;
    listening = true;
    navigator.listen();
    let selectionTimer = 0;
    signal.addEventListener('abort', () => clearTimeout(selectionTimer));
    document.addEventListener('selectionchange', (event) => {
      if (!event.isTrusted || !session.runs || !stillConnected()) return;
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
      const command = event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey ? SHORTCUTS[event.code] : undefined;
      if (!command || !session.runs) return;
      event.preventDefault();
      runCommand(command, 'key');
    }, { capture: true, signal });
  };

  /**
   * Analyses the page as it is now. The notes are loaded the first time an article is found at an address: the article
   * may arrive after the first run, and a single-page site may move to another story.
   */
  const analyse = async () => {
    const found = await session.analyse();
    if (found === undefined) return undefined;
    if (found) {
      listen();
      listenToReader();
    }
    // An article in a shadow tree: style our highlights there, and watch that tree for changes.
    shadowStyles.follow(session.root);
    live.follow(session.root);
    navigator.setFlags(session.flags);
    if (!session.runs) navigator.unfocus();
    // A selection kept from before this run has offsets in the old text: take it again from the new one. (Chromium
    // fires no selectionchange when the page removes the selected nodes, so the button would outlive its selection.)
    pendingSelection = session.runs ? session.selectionInArticle() : null;
    if (!pendingSelection) annotateUi.hideButton();
    if (found && session.needsNotes) await loadAnnotations();
    return found;
  };

  const loadAnnotations = () =>
    session
      .loadAnnotations()
      .then(() => navigator.setFlags(session.flags))
      .catch((error) => console.debug('[margin] could not load annotations', error));

  const runCommand = (command: FlagCommand, via: 'key' | 'browser') => {
    const now = Date.now();
    if (lastCommand.command === command && lastCommand.via !== via && now - lastCommand.at < SAME_PRESS_MS) return;
    lastCommand = { command, at: now, via };
    if (!session.runs) return;
    if (command === 'next-flag') navigator.next();
    else if (command === 'previous-flag') navigator.previous();
    else {
      highlightsVisible = !highlightsVisible;
      painter.setVisible(highlightsVisible);
      if (!highlightsVisible) navigator.unfocus();
    }
  };

  /**
   * Answers our popup and background from here on. The first use of the extension API costs a page 1-2 ms in Chromium
   * and 8-43 ms in Firefox (bench/README.md), far more than the gate on a page without an article: such a page listens
   * once it is idle, an article page as soon as its article is found. Until then the popup asks again.
   */
  let answering = false;
  const listen = () => {
    if (answering || signal.aborted) return;
    answering = true;
    signal.addEventListener('abort', listenForMessages(onMessage));
  };

  function onMessage(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
    // Only our own extension can reach this listener; the check keeps it so if that ever changes.
    if (sender.id !== extensionId()) return undefined;
    const envelope = readEnvelope(contentRequests, message);
    if (!envelope || !v.safeParse(contentRequests[envelope.type].payload, envelope.payload).success) return undefined;
    switch (envelope.type) {
      case 'tab/state':
        return Promise.resolve(session.state() satisfies ContentResults['tab/state']);
      case 'tab/annotations-changed':
        if (!session.runs) return Promise.resolve(null);
        return session.loadAnnotations().then(() => {
          navigator.setFlags(session.flags);
          return null;
        });
      case 'tab/config-changed':
        session.forgetConfig();
        return analyse().then(() => null);
      case 'tab/command':
        runCommand((envelope.payload as { command: FlagCommand }).command, 'browser');
        return Promise.resolve(null);
      case 'tab/scroll-to':
        return Promise.resolve(session.scrollTo((envelope.payload as { id: string }).id));
      case 'tab/show-flag': {
        const { start, ruleId } = envelope.payload as { start: number; ruleId: string };
        return Promise.resolve(session.runs && navigator.show(start, ruleId));
      }
      case 'tab/close-editor':
        annotateUi.closeEditor((envelope.payload as { id: string }).id);
        return Promise.resolve(null);
    }
  }

  const live = new LiveUpdates(signal, () => session.root, () => {
    if (!stillConnected() || !session.runs) return;
    analyse().catch((error) => console.debug('[margin] could not analyse the page', error));
  });

  // Back from the back/forward cache: notes, verdicts and settings may have changed while the page was away, and the
  // background's notices could not reach it.
  addEventListener('pageshow', (event) => {
    if (!event.persisted || !stillConnected()) return;
    session.forgetNotes();
    session.forgetConfig();
    analyse().catch((error) => console.debug('[margin] could not analyse the page again', error));
  }, { signal });

  // The analysis starts in a task apart from the script's start-up (compiling and initialising our code), and runs its
  // steps one task each (pipeline.ts): none is a long task on its own.
  setTimeout(() => analyse().catch((error) => console.debug('[margin] could not analyse the page or load its annotations', error)), 0);
  requestIdleCallback(listen, { timeout: LISTEN_WITHIN_MS });
  session.startedIn(performance.now() - loadStarted);
}

try {
  start();
} catch (error) {
  // Our failure must never become the page's failure.
  console.debug('[margin] content script stopped', error);
  lifetime.abort();
}
