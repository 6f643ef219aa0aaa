// What the two drivers share: the page/frame behaviour built on a few primitives (evaluate, click, keyboard,
// mouse), and the browser-level bookkeeping (pages, console, downloads, tab ids, diagnostics, cleanup).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { NetworkGuardController } from './network-guard';
import type {
  BrowserName,
  ConsoleEntry,
  DownloadedFile,
  ExtensionBrowser,
  FrameHandle,
  Keyboard,
  Mouse,
  PageHandle,
  Rect,
  SelectTextOptions,
  WaitOptions,
} from './types';
import { DEFAULT_TIMEOUT, errorText, listDownloads, pageRectOf, pageTextPoints, poll, removeTree, sleep, waitForDownloadIn, withTimeout } from './util';
import { SETTLE_MS } from '../../../src/content/click-guard';

export const EXTENSION_SCHEME = /^(?:chrome|moz)-extension:\/\/[^/]+\//;

export abstract class BaseFrame implements FrameHandle {
  abstract url(): Promise<string>;
  abstract evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
  /** A trusted click on the element (driver-native: scrolls it into view, clicks its centre). */
  protected abstract nativeClick(selector: string, timeout: number): Promise<void>;
  protected abstract get keys(): Keyboard;

  async waitForFunction<A extends unknown[]>(fn: (...args: A) => unknown, opts: WaitOptions = {}, ...args: A): Promise<void> {
    await poll(async () => Boolean(await this.evaluate(fn, ...args)) || undefined, `function ${describeFn(fn)}`, opts);
  }

  async waitForSelector(selector: string, opts: WaitOptions & { visible?: boolean } = {}): Promise<void> {
    const visible = opts.visible ?? false;
    await poll(
      () =>
        this.evaluate(
          (sel: string, mustBeVisible: boolean) => {
            const el = document.querySelector(sel);
            if (!el) return false;
            if (!mustBeVisible) return true;
            const r = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
          },
          selector,
          visible,
        ),
      `selector ${selector}${visible ? ' (visible)' : ''} in ${this.describe()}`,
      opts,
    );
  }

  exists(selector: string): Promise<boolean> {
    return this.evaluate((sel: string) => document.querySelector(sel) !== null, selector);
  }

  /** Input goes to the page in front: pages bring themselves (or their frame's page) to the front first. */
  protected async beforeInput(): Promise<void> {}

  async click(selector: string, opts: WaitOptions = {}): Promise<void> {
    await this.waitForSelector(selector, { ...opts, visible: true });
    await this.beforeInput();
    await this.nativeClick(selector, opts.timeout ?? DEFAULT_TIMEOUT);
  }

  async fill(selector: string, text: string, opts: WaitOptions = {}): Promise<void> {
    await this.click(selector, opts);
    const hadContent = await this.evaluate((sel: string) => {
      const el = document.querySelector(sel) as HTMLElement | null;
      if (!el) return false;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        el.select();
        return el.value.length > 0;
      }
      const range = document.createRange();
      range.selectNodeContents(el);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return (el.textContent ?? '').length > 0;
    }, selector);
    if (hadContent) await this.keys.press('Backspace');
    if (text) await this.keys.type(text);
  }

  async type(selector: string, text: string, opts: WaitOptions = {}): Promise<void> {
    await this.click(selector, opts);
    await this.evaluate((sel: string) => {
      const el = document.querySelector(sel) as HTMLElement | null;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        el.setSelectionRange(el.value.length, el.value.length);
      } else if (el) {
        const range = document.createRange();
        range.selectNodeContents(el);
        range.collapse(false);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }, selector);
    await this.keys.type(text);
  }

  async text(selector: string, opts: WaitOptions = {}): Promise<string> {
    await this.waitForSelector(selector, opts);
    return this.evaluate((sel: string) => document.querySelector(sel)?.textContent ?? '', selector);
  }

  protected describe(): string {
    return 'frame';
  }
}

export function describeFn(fn: (...args: never[]) => unknown): string {
  const source = fn.toString().replace(/\s+/g, ' ');
  return source.length > 120 ? `${source.slice(0, 117)}...` : source;
}

/** A frame inside one of our pages: keyboard input goes through that page, which comes to the front first. */
export abstract class PageFrame<P extends BasePage> extends BaseFrame {
  constructor(protected readonly page: P) {
    super();
  }
  /** The address the driver last saw, for messages (url() may ask the document). */
  protected abstract knownUrl(): string;
  protected get keys(): Keyboard {
    return this.page.keyboard;
  }
  protected override async beforeInput(): Promise<void> {
    await this.page.ensureFront();
  }
  protected override describe(): string {
    return `${this.page.browser} frame ${this.knownUrl()}`;
  }
}

export abstract class BasePage extends BaseFrame implements PageHandle {
  readonly consoleLog: ConsoleEntry[] = [];
  private readonly consoleWaiters = new Set<(entry: ConsoleEntry) => void>();
  closed = false;
  /** The extension helper page used for tabs queries (not listed by pages()). */
  isHelper = false;

  constructor(
    readonly owner: BaseExtensionBrowser,
    /** 'extension' for pages of the extension's origin, opened with openExtensionPage. */
    public kind: 'page' | 'extension',
  ) {
    super();
  }

  abstract readonly browser: BrowserName;
  abstract readonly raw: unknown;
  abstract readonly keyboard: Keyboard;
  abstract readonly mouse: Mouse;
  abstract goto(url: string, opts?: WaitOptions): Promise<void>;
  abstract reload(opts?: WaitOptions): Promise<void>;
  protected abstract driverBringToFront(): Promise<void>;

  async bringToFront(): Promise<void> {
    await this.driverBringToFront();
    this.owner.front = this;
  }

  /** Brings this page to the front unless it is there already (Firefox sends keys to the focused window only). */
  async ensureFront(): Promise<void> {
    if (this.owner.front !== this) await this.bringToFront();
  }

  protected override async beforeInput(): Promise<void> {
    await this.ensureFront();
  }
  abstract screenshot(path: string): Promise<void>;
  abstract frames(): FrameHandle[];
  protected abstract closeDriverPage(): Promise<void>;

  protected override get keys(): Keyboard {
    return this.keyboard;
  }

  /** Called by the driver for every console message / uncaught error of this page. */
  pushConsole(entry: Omit<ConsoleEntry, 'time' | 'source'>): void {
    const full: ConsoleEntry = { ...entry, source: this.kind, time: Date.now() };
    this.consoleLog.push(full);
    this.owner.recordConsole(full);
    for (const waiter of this.consoleWaiters) waiter(full);
  }

  consoleMessages(): ConsoleEntry[] {
    return [...this.consoleLog];
  }

  waitForConsole(predicate: (entry: ConsoleEntry) => boolean, opts: WaitOptions = {}): Promise<ConsoleEntry> {
    const seen = this.consoleLog.find(predicate);
    if (seen) return Promise.resolve(seen);
    const timeout = opts.timeout ?? DEFAULT_TIMEOUT;
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.consoleWaiters.delete(waiter);
        const recent = this.consoleLog.slice(-10).map((e) => `  ${e.type}: ${e.text}`).join('\n');
        reject(new Error(`timed out after ${timeout} ms waiting for a console message ${describeFn(predicate)}; last messages:\n${recent || '  (none)'}`));
      }, timeout);
      const waiter = (entry: ConsoleEntry) => {
        if (!predicate(entry)) return;
        clearTimeout(timer);
        this.consoleWaiters.delete(waiter);
        resolvePromise(entry);
      };
      this.consoleWaiters.add(waiter);
    });
  }

  async mouseClick(x: number, y: number): Promise<void> {
    await this.ensureFront();
    await this.mouse.click(x, y);
  }

  async drag(from: { x: number; y: number }, to: { x: number; y: number }, opts: { steps?: number } = {}): Promise<void> {
    await this.ensureFront();
    await this.mouse.move(from.x, from.y);
    await this.mouse.down();
    await this.mouse.move(to.x, to.y, { steps: opts.steps ?? 8 });
    await this.mouse.up();
  }

  async rect(selector: string, opts: WaitOptions = {}): Promise<Rect> {
    await this.waitForSelector(selector, opts);
    const rect = await this.evaluate(pageRectOf, selector);
    if (!rect) throw new Error(`no element ${selector}`);
    return rect;
  }

  abstract evaluateInShadowRoot<R, A extends unknown[]>(
    hostSelector: string,
    fn: (root: ShadowRoot, ...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<Awaited<R>>;

  async shadowRect(hostSelector: string, innerSelector: string, opts: WaitOptions = {}): Promise<Rect> {
    return poll(
      () =>
        this.evaluateInShadowRoot(
          hostSelector,
          (root: ShadowRoot, sel: string) => {
            const el = root.querySelector(sel);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') return null;
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          },
          innerSelector,
        ),
      `visible ${innerSelector} in the shadow root of ${hostSelector}`,
      opts,
    );
  }

  /**
   * Clicks the element as a reader would: once it has stood still a moment. Our UI ignores pointer clicks on what has
   * just appeared or moved (src/content/click-guard.ts), so that a page cannot slip it under a click it invited.
   */
  async clickInShadowRoot(hostSelector: string, innerSelector: string, opts: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + (opts.timeout ?? DEFAULT_TIMEOUT);
    let r = await this.shadowRect(hostSelector, innerSelector, opts);
    for (;;) {
      await sleep(SETTLE_MS + 150);
      const again = await this.shadowRect(hostSelector, innerSelector, opts);
      if (again.x === r.x && again.y === r.y && again.width === r.width && again.height === r.height) break;
      if (Date.now() > deadline) throw new Error(`${innerSelector} in the shadow root of ${hostSelector} never stood still`);
      r = again;
    }
    await this.mouseClick(r.x + r.width / 2, r.y + r.height / 2);
  }

  async selectText(selector: string, text: string, opts: SelectTextOptions = {}): Promise<string> {
    await this.waitForSelector(opts.shadowHost ?? selector, opts);
    const method = opts.method ?? 'mouse';
    const points = await this.evaluate(pageTextPoints, selector, text, opts.occurrence ?? 0, method === 'script', opts.shadowHost ?? null);
    if (!points) throw new Error(`text ${JSON.stringify(text)} not found in ${selector}`);
    if (method === 'mouse') await this.drag(points.start, points.end, { steps: opts.dragSteps ?? 1 });
    return this.evaluate(() => getSelection()?.toString() ?? '');
  }

  allFramesExceptMain(): FrameHandle[] {
    return this.frames().slice(1);
  }

  async waitForFrame(urlPrefix: string, opts: WaitOptions = {}): Promise<FrameHandle> {
    return poll(() => this.findFrame((url) => url.startsWith(urlPrefix)), `a frame at ${urlPrefix}* in ${this.describe()}`, opts);
  }

  async extensionFrame(path = '', opts: WaitOptions = {}): Promise<FrameHandle> {
    const wanted = path.replace(/^\//, '');
    const own = `${this.owner.extensionOrigin}/${wanted}`;
    // Chromium may report a use_dynamic_url resource under its per-session dynamic id: accept any extension origin with that path.
    const matches = (url: string) => url.startsWith(own) || (EXTENSION_SCHEME.test(url) && url.replace(EXTENSION_SCHEME, '').startsWith(wanted));
    return poll(() => this.findFrame(matches), `an extension frame ${own}* in ${this.describe()}`, opts);
  }

  private async findFrame(matches: (url: string) => boolean): Promise<FrameHandle | undefined> {
    for (const frame of this.allFramesExceptMain()) {
      const url = await withTimeout(frame.url(), 2000, 'frame url').catch(() => '');
      if (matches(url)) return frame;
    }
    return undefined;
  }

  tabId(): Promise<number> {
    return this.owner.tabIdOf(this);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.owner.forget(this);
    await withTimeout(this.closeDriverPage(), 10_000, 'page close').catch(() => undefined);
  }

  protected override describe(): string {
    return `${this.browser} ${this.kind} page`;
  }
}

export abstract class BaseExtensionBrowser implements ExtensionBrowser {
  abstract readonly name: BrowserName;
  extensionOrigin = '';
  extensionId = '';
  launchMs = 0;
  /** The page last brought to the front (new pages open in front). */
  front: BasePage | undefined;
  protected readonly openPages = new Set<BasePage>();
  private readonly consoleAll: ConsoleEntry[] = [];
  private readonly processOutput: string[] = [];
  /** A log file the browser writes (Chromium's --log-file), read when diagnostics are asked for. */
  processLogFile: string | undefined;
  private helper: Promise<BasePage> | undefined;
  private tabQueue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor(
    readonly extensionPath: string,
    readonly downloadDir: string,
    readonly network: NetworkGuardController,
    protected readonly tempRoot: string,
    protected readonly keepProfile: boolean,
  ) {}

  abstract openPage(url: string, opts?: WaitOptions): Promise<BasePage>;
  abstract openExtensionPage(path: string, opts?: WaitOptions): Promise<BasePage>;
  /** Closes the driver and the browser; must not hang (the caller bounds it and then kills). */
  protected abstract closeDriver(): Promise<void>;
  /** Kills whatever is left of the browser process tree. */
  protected abstract killBrowser(): void;

  extensionUrl(path: string): string {
    return `${this.extensionOrigin}/${path.replace(/^\//, '')}`;
  }

  pages(): PageHandle[] {
    return [...this.openPages].filter((p) => !p.isHelper);
  }

  track(page: BasePage): void {
    this.openPages.add(page);
  }

  forget(page: BasePage): void {
    this.openPages.delete(page);
    if (this.front === page) this.front = undefined;
  }

  recordConsole(entry: ConsoleEntry): void {
    this.consoleAll.push(entry);
    if (this.consoleAll.length > 2000) this.consoleAll.splice(0, 500);
  }

  /**
   * Browser process output, line by line (kept: the last 400 lines). Firefox prints every content console call
   * there (devtools.console.stdout.content), which is the only way to see the console of its background page and
   * extension pages (BiDi reports neither): those lines become 'browser' console entries.
   */
  recordProcessOutput(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      this.processOutput.push(line);
      const call = /^console\.(\w+): (.*)$/.exec(line);
      if (call) {
        const text = call[2]!.replace(/"((?:[^"\\]|\\.)*)"/g, '$1');
        this.recordConsole({ source: 'browser', type: call[1]!, text, time: Date.now() });
      } else if (/^JavaScript (error|warning)/.test(line)) {
        this.recordConsole({ source: 'browser', type: line.startsWith('JavaScript error') ? 'error' : 'warning', text: line, time: Date.now() });
      }
    }
    if (this.processOutput.length > 400) this.processOutput.splice(0, this.processOutput.length - 400);
  }

  consoleMessages(): ConsoleEntry[] {
    return [...this.consoleAll];
  }

  downloads(): DownloadedFile[] {
    return listDownloads(this.downloadDir);
  }

  waitForDownload(name: string | RegExp, opts: WaitOptions = {}): Promise<DownloadedFile> {
    return waitForDownloadIn(this.downloadDir, name, opts);
  }

  /** An extension document (the extension's own manifest.json) with the extension APIs, opened once, kept open. */
  protected helperPage(): Promise<BasePage> {
    this.helper ??= (async () => {
      const page = await this.openExtensionPage('manifest.json');
      page.isHelper = true;
      const ok = await page.evaluate(() => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return Boolean(api?.tabs?.query) && location.href;
      });
      if (!ok) throw new Error('the extension helper page (manifest.json) has no tabs API');
      return page;
    })();
    this.helper.catch(() => (this.helper = undefined));
    return this.helper;
  }

  async evaluateInExtension<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
    const helper = await this.helperPage();
    return helper.evaluate(fn, ...args);
  }

  /**
   * The tab id of a page: bring it to the front of its window, then ask the tabs API (from the helper page) for the
   * active tab of the last focused window. The URL cross-check applies where the API reveals it (Firefox: http(s)
   * pages, thanks to the content-script host permissions; Chromium: only the extension's own pages).
   */
  tabIdOf(page: PageHandle): Promise<number> {
    const run = async () => {
      const helper = await this.helperPage();
      await page.bringToFront();
      const expected = await page.url();
      const tabs = await helper.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const found: Array<{ id: number; url?: string }> = await api.tabs.query({ active: true, lastFocusedWindow: true });
        return found.map((t) => ({ id: t.id, url: t.url ?? null }));
      });
      const tab = tabs[0];
      if (tabs.length !== 1 || !tab) throw new Error(`expected one active tab, got ${JSON.stringify(tabs)}`);
      if (tab.url && tab.url.split('#')[0] !== expected.split('#')[0]) {
        throw new Error(`active tab is ${tab.url}, expected ${expected} (tab id ${tab.id})`);
      }
      return tab.id;
    };
    const result = this.tabQueue.then(run, run);
    this.tabQueue = result.catch(() => undefined);
    return result;
  }

  diagnostics(): string {
    const lines: string[] = [`=== ${this.name} diagnostics (extension ${this.extensionOrigin || '(not ready)'}, ${this.extensionPath})`];
    const format = (e: ConsoleEntry) => `[${e.source}${e.url ? ` ${e.url}` : ''}] ${e.type}: ${e.text}`;
    const fromContexts = this.consoleAll.filter((e) => e.source !== 'browser');
    // Firefox echoes page console calls on stdout too: show an echo only when no page reported the same text.
    const seen = new Set(fromContexts.map((e) => e.text));
    const shown = this.consoleAll.filter((e) => !(e.source === 'browser' && seen.has(e.text)));
    const noteworthy = shown.filter((e) => /error|warn|pageerror|assert/i.test(e.type));
    lines.push(`-- console errors and warnings (${noteworthy.length}, last 60):`);
    for (const e of noteworthy.slice(-60)) lines.push(format(e));
    const recent = shown.slice(-20);
    lines.push(`-- last console messages (${recent.length}):`);
    for (const e of recent) lines.push(format(e));
    const violations = this.network.violations();
    lines.push(`-- network violations (${violations.length}):`);
    for (const v of violations) lines.push(`${v.via}: ${v.method ?? ''} ${v.url}${v.source ? ` (from ${v.source})` : ''}`);
    const service = this.network.browserServiceCalls();
    if (service.length) lines.push(`-- browser's own service calls, refused, not counted (${service.length}): ${service.join(' ')}`);
    lines.push(`-- open pages: ${[...this.openPages].map((p) => `${p.kind}${p.isHelper ? '(helper)' : ''}`).join(', ') || 'none'}`);
    const output = [...this.processOutput, ...this.logFileLines()];
    lines.push(`-- browser process output (last 40 of ${output.length} lines):`);
    lines.push(...output.slice(-40));
    return lines.join('\n');
  }

  /** The browser's log file, without the noise of a machine with no D-Bus or GPU. */
  private logFileLines(): string[] {
    if (!this.processLogFile || !existsSync(this.processLogFile)) return [];
    try {
      return readFileSync(this.processLogFile, 'utf8')
        .split('\n')
        .filter((line) => line.trim() && !/dbus|D-Bus|bluez|Floss|gpu_init|viz_main|gl_surface|angle|vaapi|sandbox_linux|ProcessSingleton|isolated_origin_util|idle_linux/i.test(line))
        .slice(-200);
    } catch {
      return [];
    }
  }

  /** Writes diagnostics to a file (for CI artifacts) and returns the text. */
  writeDiagnostics(path: string): string {
    const text = this.diagnostics();
    try {
      writeFileSync(path, text);
    } catch {
      // best effort
    }
    return text;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await withTimeout(this.closeDriver(), 20_000, `${this.name} close`);
      } catch (error) {
        process.stderr.write(`[e2e harness] ${this.name} did not close cleanly (${errorText(error)}); killing it\n`);
      }
      this.killBrowser();
      await this.network.close().catch(() => undefined);
      if (!this.keepProfile) await removeTree(this.tempRoot);
      else process.stderr.write(`[e2e harness] kept ${this.name} profile at ${this.tempRoot}\n`);
    })();
    return this.closing;
  }
}

