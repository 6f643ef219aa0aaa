// Notices when a live page changes its article (infinite scroll, a single-page app moving to another story) and asks
// for one re-analysis at a time, at the pace core/reanalysis-backoff.ts sets: after a quiet moment, and at a falling
// rate while the page keeps mutating, never in a loop.
import { initialBackoff, onChange, onRun } from '../core/reanalysis-backoff';
import { isShadowRoot } from './shadow-roots';

const WATCH: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export class LiveUpdates {
  private timer = 0;
  private backoff = initialBackoff();
  private url = location.href;
  private readonly observer: MutationObserver;
  /** The shadow roots watched besides the document: the article's own and those of its hosts' trees. */
  private shadowRoots: ShadowRoot[] = [];

  constructor(
    signal: AbortSignal,
    /** The article root (an element, or a shadow root), or null when there is no article yet. */
    private readonly watched: () => Element | ShadowRoot | null,
    private readonly onChange: (urlChanged: boolean) => void,
  ) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(document.body ?? document.documentElement, WATCH);
    addEventListener('popstate', () => this.schedule(), { signal });
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
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
    // An observer cannot stop watching one target alone: hand over what is pending, then start again.
    const pending = this.observer.takeRecords();
    this.observer.disconnect();
    this.observer.observe(document.body ?? document.documentElement, WATCH);
    for (const tree of chain) this.observer.observe(tree, WATCH);
    if (pending.length > 0) this.onMutations(pending);
  }

  private onMutations(records: MutationRecord[]): void {
    const root = this.watched();
    const relevant =
      location.href !== this.url ||
      !root ||
      !root.isConnected ||
      records.some((record) => root.contains(record.target) || record.target.contains(root));
    if (relevant) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const next = onChange(this.backoff, Date.now());
    this.backoff = next.state;
    this.timer = window.setTimeout(() => {
      this.backoff = onRun(this.backoff, Date.now());
      const urlChanged = location.href !== this.url;
      this.url = location.href;
      this.onChange(urlChanged);
    }, Math.max(0, next.dueAt - Date.now()));
  }
}
