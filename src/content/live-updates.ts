// Notices when a live page changes its article (infinite scroll, a single-page app moving to another story) and asks
// for one re-analysis at a time, at the pace core/reanalysis-backoff.ts sets: after a quiet moment, and at a falling
// rate while the page keeps mutating, never in a loop.
import { initialBackoff, onChange, onRun } from '../core/reanalysis-backoff';
import { isShadowRoot } from './shadow-roots';

/** An article made editable after load must lose its highlights: the attribute is watched as well as the content. */
const WATCH: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['contenteditable'] };
/**
 * What a node added or removed at the article's top level or around it must be to be worth a new analysis: a block
 * of text (a paragraph, a heading, a list item, or something holding one), as a live blog's update or the next story
 * of an infinite scroll bring, or else a sentence's worth of text. A counter, a toast or an ad's label is neither.
 */
const TEXT_BLOCKS = 'p,h1,h2,h3,h4,h5,h6,li,blockquote,pre,figure,table';
const SENTENCE_CHARS = 40;
/** Never text we read: their changes are the page's code and styles. */
const NOT_TEXT = /^(?:SCRIPT|STYLE|NOSCRIPT|TEMPLATE|IFRAME|LINK|META)$/;

/** The address without its fragment: the stored notes' page, and what a move to another story changes. */
export const pageOf = (href: string) => href.split('#', 1)[0]!;

type NavigationTarget = { addEventListener(type: 'currententrychange', listener: () => void, options: { signal: AbortSignal }): void };

export class LiveUpdates {
  private timer = 0;
  private backoff = initialBackoff();
  private page = pageOf(location.href);
  private readonly observer: MutationObserver;
  private body: HTMLElement | null = document.body;
  /** The shadow roots watched besides the document: the article's own and those of its hosts' trees. */
  private shadowRoots: ShadowRoot[] = [];

  constructor(
    signal: AbortSignal,
    /** The article root (an element, or a shadow root), or null when there is no article yet. */
    private readonly watched: () => Element | ShadowRoot | null,
    private readonly onChange: () => void,
  ) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observe();
    // A site that swaps in a new <body> (Turbo and the like) changes the children of <html>, which the body's
    // observer does not see; the new body is watched from then on.
    const bodies = new MutationObserver(() => {
      if (document.body === this.body) return;
      this.body = document.body;
      this.restart();
      this.schedule();
    });
    bodies.observe(document.documentElement, { childList: true });
    const onAddress = () => {
      if (pageOf(location.href) !== this.page) this.schedule();
    };
    addEventListener('popstate', onAddress, { signal });
    // pushState fires no event of its own; where the Navigation API exists (Chromium) it reports every change of
    // address, so a site that renders the next story first and changes the address after is followed too.
    (globalThis as { navigation?: NavigationTarget }).navigation?.addEventListener('currententrychange', onAddress, { signal });
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      bodies.disconnect();
      clearTimeout(this.timer);
    });
  }

  /**
   * Called after each analysis. The document's observer does not see into shadow trees, so when the article lives in
   * one, that shadow root is watched too, and so are the trees of its hosts up to the document (where the article's
   * host may be removed).
   */
  follow(root: Element | ShadowRoot | null): void {
    const chain: ShadowRoot[] = [];
    for (let tree = root?.getRootNode(); tree && isShadowRoot(tree); tree = tree.host.getRootNode()) chain.push(tree);
    if (chain.length === this.shadowRoots.length && chain.every((tree, i) => tree === this.shadowRoots[i])) return;
    this.shadowRoots = chain;
    this.restart();
  }

  private observe(): void {
    this.observer.observe(this.body ?? document.documentElement, WATCH);
    for (const tree of this.shadowRoots) this.observer.observe(tree, WATCH);
  }

  /** An observer cannot stop watching one target alone: hand over what is pending, then start again. */
  private restart(): void {
    const pending = this.observer.takeRecords();
    this.observer.disconnect();
    this.observe();
    if (pending.length > 0) this.onMutations(pending);
  }

  private onMutations(records: MutationRecord[]): void {
    const root = this.watched();
    if (pageOf(location.href) !== this.page || !root || !root.isConnected || records.some((record) => changesArticle(record, root))) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const next = onChange(this.backoff, Date.now());
    this.backoff = next.state;
    this.timer = window.setTimeout(() => {
      this.backoff = onRun(this.backoff, Date.now());
      this.page = pageOf(location.href);
      this.onChange();
    }, Math.max(0, next.dueAt - Date.now()));
  }
}

/**
 * Whether a change can change what we read. Inside the article's blocks, any change but typing in an editable region
 * (never read). At the article's top level and around it, where the page's own furniture comes and goes too (the
 * article's root is often the parent of the story and its siblings, the page's body on a simple page), a block added
 * or removed with a sentence's worth of text.
 */
export function changesArticle(record: MutationRecord, root: Element | ShadowRoot): boolean {
  const { target } = record;
  if (record.type === 'attributes') return root.contains(target) || target.contains(root);
  if (target !== root && root.contains(target)) {
    const element = target.nodeType === Node.ELEMENT_NODE ? (target as Element) : target.parentElement;
    // (Not isContentEditable, which makes Chromium bring the page's style up to date on every mutation.)
    return !element?.closest('[contenteditable]:not([contenteditable="false"])');
  }
  if (!target.contains(root)) return false;
  return [...record.addedNodes, ...record.removedNodes].some(isTextBlock);
}

function isTextBlock(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE) return (node as Text).data.trim().length >= SENTENCE_CHARS;
  if (node.nodeType !== Node.ELEMENT_NODE || NOT_TEXT.test((node as Element).tagName)) return false;
  const element = node as Element;
  return element.matches(TEXT_BLOCKS) || element.querySelector(TEXT_BLOCKS) !== null || (element.textContent?.trim().length ?? 0) >= SENTENCE_CHARS;
}
