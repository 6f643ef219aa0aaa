// Notices when a live page changes its article (infinite scroll, a single-page app moving to another story) and asks
// for one re-analysis at a time: debounced, and slower and slower while the page keeps mutating.

const QUIET_MS = 400;
const MIN_GAP_MS = 500;
const MAX_GAP_MS = 8_000;
const CALM_AFTER_MS = 5_000;

export class LiveUpdates {
  private timer = 0;
  private gap = MIN_GAP_MS;
  private lastRun = 0;
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
    const now = Date.now();
    // A page that keeps changing gets analysed less and less often, never in a loop.
    this.gap = now - this.lastRun < CALM_AFTER_MS ? Math.min(this.gap * 2, MAX_GAP_MS) : MIN_GAP_MS;
    const wait = Math.max(QUIET_MS, this.lastRun + this.gap - now);
    this.timer = window.setTimeout(() => {
      this.lastRun = Date.now();
      const urlChanged = location.href !== this.url;
      this.url = location.href;
      this.onChange(urlChanged);
    }, wait);
  }
}
