// The one interface the end-to-end tests use, whichever browser runs them (Chromium through playwright-core,
// Firefox ESR through puppeteer-core over WebDriver BiDi).

export type BrowserName = 'chromium' | 'firefox';

export type PrefValue = string | number | boolean;

export interface LaunchOptions {
  /** Unpacked extension to load. Default: the build, dist/chrome or dist/firefox. */
  extensionPath?: string;
  /**
   * Browser preferences. Firefox: about:config prefs (user.js). Chromium: profile preferences written to
   * Default/Preferences before launch, dotted keys expanded (e.g. 'intl.accept_languages': 'de').
   */
  prefs?: Record<string, PrefValue>;
  /** Extra command line arguments for the browser. */
  args?: string[];
  /**
   * Host names served as if they were real sites: requests for http://HOST/... reach the given local origin
   * (e.g. { 'news.example': server.origin }) through the harness proxy and are not network violations.
   * Plain http only (no certificates for https).
   */
  virtualHosts?: Record<string, string>;
  /** Launch deadline (browser start + extension ready). Default 45 s. */
  launchTimeoutMs?: number;
  /** Viewport of every page. Default 1280×720. */
  viewport?: { width: number; height: number };
  /** Keep the temporary profile directory after close (debugging). Also E2E_KEEP_PROFILE=1. */
  keepProfile?: boolean;
  /**
   * Use this directory as the browser profile instead of a fresh temporary one: a profile on a small file system
   * (storage faults), or the same profile again after a restart. Created if missing; never removed by the harness.
   */
  profileDir?: string;
  /** Firefox: the extension's moz-extension UUID (default: a new random one), to find the same origin after a restart. */
  extensionUuid?: string;
}

export interface ConsoleEntry {
  /**
   * Where the message surfaced: 'page' (a web page, its content scripts and its frames), 'extension' (an extension
   * page; Chromium's service worker), 'browser' (the browser's output: in Firefox the only source for the background
   * page's and extension pages' console, unattributed, since BiDi does not report moz-extension documents).
   */
  source: 'page' | 'extension' | 'browser';
  /** log, info, warning/warn, error, debug, pageerror ... as the driver reports it. */
  type: string;
  text: string;
  /** The page or worker the message came from, when known. */
  url?: string;
  time: number;
}

export interface NetworkViolation {
  url: string;
  method?: string;
  /** 'proxy': seen by the harness proxy that every non-loopback request goes through (all sources, incl. the
   *  background). 'protocol': seen by the driver's request events (with the page or worker that made it). */
  via: 'proxy' | 'protocol';
  /** The page, frame or worker that made the request, when the driver tells. */
  source?: string;
  time: number;
}

export interface NetworkGuard {
  /** http://127.0.0.1:PORT, the proxy the browser is configured with. */
  readonly proxyUrl: string;
  violations(): NetworkViolation[];
  /**
   * Calls of Chromium's own update/model services (gvt1.com, clients2.google.com, update.googleapis.com,
   * optimizationguide-pa.googleapis.com, android.clients.google.com: its GCM check-in) seen only by the proxy: refused like everything else and listed here, but
   * not counted as violations (the browser makes them whatever the extension does).
   */
  browserServiceCalls(): string[];
  clear(): void;
  /** Throws, listing every request that left 127.0.0.1, if there was any. */
  assertNoExternalRequests(): void;
}

export interface DownloadedFile {
  name: string;
  path: string;
}

export interface WaitOptions {
  timeout?: number;
  /** Poll interval in ms. Default 50. */
  polling?: number;
}

export interface FrameHandle {
  /** The frame's current location.href (read from the document: Firefox reports moz-extension frames as about:blank). */
  url(): Promise<string>;
  /**
   * Runs fn in the frame's main world (the page's own JavaScript world, not a content script's).
   * fn is serialised: it cannot use closures or imports; pass values as args (structured-clone-like values).
   */
  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
  /** Polls fn (via evaluate, so it works under any page CSP and in background tabs) until it returns truthy. */
  waitForFunction<A extends unknown[]>(fn: (...args: A) => unknown, opts?: WaitOptions, ...args: A): Promise<void>;
  waitForSelector(selector: string, opts?: WaitOptions & { visible?: boolean }): Promise<void>;
  exists(selector: string): Promise<boolean>;
  /** A real (trusted) click in the middle of the first element matching selector. */
  click(selector: string, opts?: WaitOptions): Promise<void>;
  /** Focuses the field, clears it, and types text with real key events. */
  fill(selector: string, text: string, opts?: WaitOptions): Promise<void>;
  /** Focuses the element (click) and types text with real key events, appending. */
  type(selector: string, text: string, opts?: WaitOptions): Promise<void>;
  /** textContent of the first match ('' if it has none). Waits for the element. */
  text(selector: string, opts?: WaitOptions): Promise<string>;
}

export interface Keyboard {
  /** A key or a chord: 'Enter', 'Escape', 'Control+a', 'Shift+ArrowRight' (playwright key names). */
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  down(key: string): Promise<void>;
  up(key: string): Promise<void>;
}

export interface Mouse {
  move(x: number, y: number, opts?: { steps?: number }): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
  click(x: number, y: number): Promise<void>;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SelectTextOptions extends WaitOptions {
  /** Which occurrence of text inside the element (0-based). Default 0. */
  occurrence?: number;
  /**
   * 'mouse' (default): a real mouse drag from the first to the last character, so mousedown/mouseup/selectionchange
   * fire as for a reader. 'script': Selection API only (no mouse events).
   */
  method?: 'mouse' | 'script';
  /**
   * Mouse moves between press and release (default 1: the page sees mousedown, one mousemove, mouseup, so a
   * debounced selection handler never acts on a partial selection, even on a loaded machine).
   */
  dragSteps?: number;
  /** The element is looked up in the open shadow root of the first element matching this selector. */
  shadowHost?: string;
}

export interface PageHandle extends FrameHandle {
  readonly browser: BrowserName;
  /** The driver's page object (playwright Page in Chromium, puppeteer Page in Firefox), for what the harness lacks. */
  readonly raw: unknown;
  readonly keyboard: Keyboard;
  readonly mouse: Mouse;
  /** Navigates this tab and waits for the document (extension URLs: waits for readyState complete). */
  goto(url: string, opts?: WaitOptions): Promise<void>;
  reload(opts?: WaitOptions): Promise<void>;
  bringToFront(): Promise<void>;
  /** A real click at viewport coordinates (CSS pixels). */
  mouseClick(x: number, y: number): Promise<void>;
  /** A real mouse drag (button held) between two viewport points. */
  drag(from: { x: number; y: number }, to: { x: number; y: number }, opts?: { steps?: number }): Promise<void>;
  /** Selects `text` inside the first element matching selector and returns the selected string. */
  selectText(selector: string, text: string, opts?: SelectTextOptions): Promise<string>;
  /** Viewport rectangle of the first element matching selector (scrolled into view first). */
  rect(selector: string, opts?: WaitOptions): Promise<Rect>;
  /**
   * Runs fn(shadowRoot, ...args) in the page's main world on the shadow root of the first element matching
   * hostSelector, open or closed (the driver hands the closed root over: CDP in Chromium, BiDi in Firefox).
   * Test-only reach into the extension's UI; the page's own scripts still cannot get at it.
   */
  evaluateInShadowRoot<R, A extends unknown[]>(hostSelector: string, fn: (root: ShadowRoot, ...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
  /** Viewport rectangle of the first visible element matching innerSelector inside hostSelector's (closed) shadow root; waits for it. */
  shadowRect(hostSelector: string, innerSelector: string, opts?: WaitOptions): Promise<Rect>;
  /** A real (trusted) mouse click in the middle of an element inside hostSelector's (closed) shadow root. */
  clickInShadowRoot(hostSelector: string, innerSelector: string, opts?: WaitOptions): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** All frames (main frame first). */
  frames(): FrameHandle[];
  /** The first frame whose location starts with urlPrefix (polls until timeout). */
  waitForFrame(urlPrefix: string, opts?: WaitOptions): Promise<FrameHandle>;
  /** The first frame of this extension (chrome-extension:// or moz-extension://), optionally with a path prefix such as 'src/editor/index.html'. */
  extensionFrame(path?: string, opts?: WaitOptions): Promise<FrameHandle>;
  /** The browser tab id (tabs API) of this page. */
  tabId(): Promise<number>;
  /** Console messages of this page so far (content scripts' included; for extension pages, the page's). */
  consoleMessages(): ConsoleEntry[];
  waitForConsole(predicate: (entry: ConsoleEntry) => boolean, opts?: WaitOptions): Promise<ConsoleEntry>;
  close(): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** chrome-extension://ID or moz-extension://UUID (no trailing slash). */
  readonly extensionOrigin: string;
  /** Chromium: the extension id; Firefox: the gecko id (manifest browser_specific_settings.gecko.id). */
  readonly extensionId: string;
  readonly extensionPath: string;
  /** Where downloads land, under their own file names. */
  readonly downloadDir: string;
  readonly network: NetworkGuard;
  /** ms from launch() call to extension ready. */
  readonly launchMs: number;
  /** extensionOrigin + '/' + path. */
  extensionUrl(path: string): string;
  /** Opens url in a new tab (Chromium) / new window (Firefox, so earlier pages stay visible) and waits for load. */
  openPage(url: string, opts?: WaitOptions): Promise<PageHandle>;
  /** Opens an extension page, e.g. 'src/popup/index.html?tab=3', and waits for readyState complete. */
  openExtensionPage(path: string, opts?: WaitOptions): Promise<PageHandle>;
  /** The browser tab id of an opened page. */
  tabIdOf(page: PageHandle): Promise<number>;
  /** Runs fn in an extension page of this extension (the extension's manifest.json opened as a document) with the extension APIs. */
  evaluateInExtension<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
  pages(): PageHandle[];
  /** Files in downloadDir so far (complete ones only). */
  downloads(): DownloadedFile[];
  /** Waits for a complete download whose name equals `name` or matches it. */
  waitForDownload(name: string | RegExp, opts?: WaitOptions): Promise<DownloadedFile>;
  /** Every console message collected so far, of pages, extension contexts and the browser process. */
  consoleMessages(): ConsoleEntry[];
  /** A readable report for a failing test: errors and warnings, network violations, browser output tail. */
  diagnostics(): string;
  close(): Promise<void>;
}
