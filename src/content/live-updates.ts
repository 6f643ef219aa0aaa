// Notices when a live page changes its article (infinite scroll, a single-page app moving to another story) and asks
// for one re-analysis at a time, at the pace core/reanalysis-backoff.ts sets: after a quiet moment, and at a falling
// rate while the page keeps mutating, never in a loop.
import { initialBackoff, onChange, onRun } from '../core/reanalysis-backoff';

export class LiveUpdates {
  private timer = 0;
  private backoff = initialBackoff();
  private url = location.href;

  constructor(
    signal: AbortSignal,
    /** The element whose changes matter (the article root), or null when there is no article yet. */
    private readonly watched: () => Element | null,
    private readonly onChange: (urlChanged: boolean) => void,
  ) {
    const observer = new MutationObserver((records) => this.onMutations(records));
    observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true });
    addEventListener('popstate', () => this.schedule(), { signal });
    signal.addEventListener('abort', () => {
      observer.disconnect();
      clearTimeout(this.timer);
    });
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
