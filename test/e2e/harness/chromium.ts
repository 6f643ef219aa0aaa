// Chromium driver: playwright-core's persistent context with the unpacked extension loaded from the command line.
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page, type Worker } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BaseExtensionBrowser, BasePage, PageFrame } from './base';
import { CHROMIUM_EXECUTABLE, QUIET_CHROMIUM_ARGS } from './quiet-chromium';
import { startNetworkGuard, type NetworkGuardController } from './network-guard';
import type { FrameHandle, Keyboard, LaunchOptions, Mouse, PrefValue, WaitOptions } from './types';
import {
  assertExtensionDir,
  defaultExtensionPath,
  errorText,
  makeTempRoot,
  readManifest,
  removeTree,
  uniqueName,
  withInputDeadlines,
  withTimeout,
} from './util';

export { CHROMIUM_EXECUTABLE };
/** A closed loopback port: Google service endpoints are pointed here so the browser itself stays quiet. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * Wraps fn so playwright calls it with spread arguments: playwright serialises String(fn) and passes one argument,
 * so a function whose source spreads that argument array does it (same CSP-proof callFunctionOn path as usual).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function spreadCall<A extends unknown[]>(fn: (...args: A) => unknown): (args: any) => unknown {
  const source = `(args) => (${fn.toString()})(...args)`;
  const wrapper = (() => undefined) as unknown as (args: unknown) => unknown;
  Object.defineProperty(wrapper, 'toString', { value: () => source });
  return wrapper;
}

/** The id Chromium gives an unpacked extension without a "key": sha256 of its absolute path, hex mapped to a-p. */
export function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(resolve(path)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

class ChromiumFrame extends PageFrame<ChromiumPage> {
  constructor(
    readonly frame: Frame,
    page: ChromiumPage,
  ) {
    super(page);
  }
  async url(): Promise<string> {
    return this.frame.url();
  }
  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
    return this.frame.evaluate(spreadCall(fn), args) as Promise<Awaited<R>>;
  }
  protected async nativeClick(selector: string, timeout: number): Promise<void> {
    // A click may close its own frame (the note editor's Save removes the editor). Playwright's wait after a click
    // races against the frame's detachment and then throws although the click landed; tests wait for what the click
    // did instead. A timeout is still a failure, detached frame or not.
    try {
      await this.frame.click(selector, { timeout, noWaitAfter: true });
    } catch (error) {
      if (!this.frame.isDetached() || (error instanceof Error && error.name === 'TimeoutError')) throw error;
    }
  }
  protected knownUrl(): string {
    return this.frame.url();
  }
}

class ChromiumPage extends BasePage {
  readonly browser = 'chromium' as const;
  readonly keyboard: Keyboard;
  readonly mouse: Mouse;

  constructor(
    owner: ChromiumBrowser,
    kind: 'page' | 'extension',
    readonly raw: Page,
  ) {
    super(owner, kind);
    const front = () => this.ensureFront();
    this.keyboard = withInputDeadlines<Keyboard>(`${this.describe()} keyboard`, {
      press: async (key) => (await front(), raw.keyboard.press(key)),
      type: async (text) => (await front(), raw.keyboard.type(text)),
      down: async (key) => (await front(), raw.keyboard.down(key)),
      up: async (key) => (await front(), raw.keyboard.up(key)),
    });
    this.mouse = withInputDeadlines<Mouse>(`${this.describe()} mouse`, {
      move: async (x, y, opts) => (await front(), raw.mouse.move(x, y, opts?.steps ? { steps: opts.steps } : undefined)),
      down: async () => (await front(), raw.mouse.down()),
      up: async () => (await front(), raw.mouse.up()),
      click: async (x, y) => (await front(), raw.mouse.click(x, y)),
    });
  }
  async url(): Promise<string> {
    return this.raw.url();
  }
  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
    return this.raw.evaluate(spreadCall(fn), args) as Promise<Awaited<R>>;
  }
  protected async nativeClick(selector: string, timeout: number): Promise<void> {
    await this.raw.click(selector, { timeout });
  }
  async goto(url: string, opts: WaitOptions = {}): Promise<void> {
    await this.raw.goto(url, { waitUntil: 'load', timeout: opts.timeout ?? 30_000 });
  }
  async reload(opts: WaitOptions = {}): Promise<void> {
    await this.raw.reload({ waitUntil: 'load', timeout: opts.timeout ?? 30_000 });
  }
  protected async driverBringToFront(): Promise<void> {
    await this.raw.bringToFront();
  }
  async screenshot(path: string): Promise<void> {
    await this.raw.screenshot({ path });
  }
  frames(): FrameHandle[] {
    return this.raw.frames().map((f) => new ChromiumFrame(f, this));
  }
  private cdpSession: Promise<CDPSession> | undefined;
  /** The closed shadow root through CDP (DOM with pierce), resolved into the page's main world. */
  async evaluateInShadowRoot<R, A extends unknown[]>(
    hostSelector: string,
    fn: (root: ShadowRoot, ...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<Awaited<R>> {
    this.cdpSession ??= this.raw.context().newCDPSession(this.raw);
    const cdp = await this.cdpSession;
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
    if (!nodeId) throw new Error(`no element ${hostSelector}`);
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.find((r) => r.shadowRootType !== 'user-agent');
    if (!shadow) throw new Error(`${hostSelector} has no shadow root`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    try {
      const result = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId!,
        functionDeclaration: `function (...args) { return (${fn.toString()})(this, ...args); }`,
        arguments: args.map((value) => ({ value })),
        returnByValue: true,
        awaitPromise: true,
      });
      if (result.exceptionDetails) {
        throw new Error(`evaluateInShadowRoot: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
      }
      return result.result.value as Awaited<R>;
    } finally {
      await cdp.send('Runtime.releaseObject', { objectId: object.objectId! }).catch(() => undefined);
    }
  }
  protected async closeDriverPage(): Promise<void> {
    await this.raw.close();
  }
}

class ChromiumBrowser extends BaseExtensionBrowser {
  readonly name = 'chromium' as const;
  context!: BrowserContext;
  profileDir = '';
  private readonly wrappers = new WeakMap<Page, ChromiumPage>();

  /** The one ChromiumPage of a playwright page (pages the extension opens itself are wrapped and tracked too). */
  wrap(page: Page, kind: 'page' | 'extension' = 'page'): ChromiumPage {
    let wrapped = this.wrappers.get(page);
    if (wrapped) return wrapped;
    wrapped = new ChromiumPage(this, page.url().startsWith('chrome-extension://') ? 'extension' : kind, page);
    this.wrappers.set(page, wrapped);
    this.track(wrapped);
    const handle = wrapped;
    page.on('console', (msg) => handle.pushConsole({ type: msg.type(), text: msg.text(), url: msg.location().url || page.url() }));
    page.on('pageerror', (error) => handle.pushConsole({ type: 'pageerror', text: error.stack ?? error.message, url: page.url() }));
    page.on('crash', () => handle.pushConsole({ type: 'error', text: 'page crashed', url: page.url() }));
    page.on('close', () => this.forget(handle));
    page.on('download', async (download) => {
      const name = uniqueName(this.downloadDir, download.suggestedFilename() || 'download');
      const partial = join(this.downloadDir, `.${name}.saving`);
      try {
        await download.saveAs(partial);
        renameSync(partial, join(this.downloadDir, name));
      } catch (error) {
        handle.pushConsole({ type: 'error', text: `download ${name} failed: ${errorText(error)}`, url: page.url() });
      }
    });
    return wrapped;
  }

  private readonly watched = new WeakSet<Worker>();

  watchWorker(worker: Worker): void {
    if (this.watched.has(worker)) return;
    this.watched.add(worker);
    worker.on('console', (msg) =>
      this.recordConsole({ source: 'extension', type: msg.type(), text: msg.text(), url: worker.url(), time: Date.now() }),
    );
  }

  async openPage(url: string, opts: WaitOptions = {}): Promise<ChromiumPage> {
    const page = this.wrap(await this.context.newPage(), 'page');
    this.front = page;
    await page.goto(url, opts);
    return page;
  }

  async openExtensionPage(path: string, opts: WaitOptions = {}): Promise<ChromiumPage> {
    const raw = await this.context.newPage();
    const page = this.wrap(raw, 'extension');
    page.kind = 'extension';
    this.front = page;
    await page.goto(this.extensionUrl(path), opts);
    return page;
  }

  protected async closeDriver(): Promise<void> {
    await this.context?.close();
  }

  protected killBrowser(): void {
    if (this.profileDir) killByProfile(this.profileDir);
  }
}

/**
 * playwright-core 1.65's own --disable-features / --enable-features lists (server/chromium/chromiumSwitches.ts).
 * Chromium keeps only the LAST of repeated switches, so any list we pass must repeat playwright's; after launch,
 * checkFeatureSwitches() warns (in the diagnostics) if playwright's lists have changed.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
const PLAYWRIGHT_ENABLED_FEATURES = ['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies'];
/** Model and hint downloads Chromium starts on its own (seen: redirector.gvt1.com during a test). */
const HARNESS_DISABLED_FEATURES = [
  'OptimizationGuideModelDownloading',
  'OptimizationHintsFetching',
  'OptimizationTargetPrediction',
  'OnDeviceModelService',
];

/** The caller's args with every --disable-features/--enable-features folded into one of each, playwright's included. */
function featureSwitches(args: string[]): string[] {
  const disabled = [...PLAYWRIGHT_DISABLED_FEATURES, ...HARNESS_DISABLED_FEATURES];
  const enabled = [...PLAYWRIGHT_ENABLED_FEATURES];
  const rest: string[] = [];
  for (const arg of args) {
    const m = /^--(disable|enable)-features=(.*)$/.exec(arg);
    if (m) (m[1] === 'disable' ? disabled : enabled).push(...m[2]!.split(',').filter(Boolean));
    else rest.push(arg);
  }
  return [...rest, `--disable-features=${[...new Set(disabled)].join(',')}`, `--enable-features=${[...new Set(enabled)].join(',')}`];
}

/** Reads the browser's real command line and reports feature names a later duplicate switch dropped. */
function checkFeatureSwitches(profileDir: string): string | undefined {
  const marker = `--user-data-dir=${profileDir}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!argv.includes(marker) || argv.some((a) => a.startsWith('--type='))) continue;
    for (const kind of ['disable', 'enable']) {
      const lists = argv.filter((a) => a.startsWith(`--${kind}-features=`)).map((a) => a.slice(`--${kind}-features=`.length).split(','));
      const effective = new Set(lists[lists.length - 1] ?? []);
      const dropped = lists.slice(0, -1).flat().filter((f) => f && !effective.has(f));
      if (dropped.length) {
        return `[e2e harness] playwright's --${kind}-features changed; these are dropped (update PLAYWRIGHT_*_FEATURES in chromium.ts): ${dropped.join(',')}`;
      }
    }
    return undefined;
  }
  return undefined;
}

/** Kills the processes whose command line names this (unique, temporary) profile directory: only ours. */
function killByProfile(profileDir: string): void {
  const marker = `--user-data-dir=${profileDir}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.split('\0').includes(marker)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone already, or not ours to read
    }
  }
}

/**
 * Waits until the worker that came up at launch is installed and activated. A stop before its install finishes makes
 * Chromium delete the registration (the version turns redundant) and every later start fails with kErrorNotFound
 * (crbug.com/1062936): the extension stays dead until reloaded. Chromium never stops an installing worker on its own,
 * so the tests that stop the background (soak, faults) start from an installed extension, as a reader's browser does.
 */
async function untilActivated(worker: Worker, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let state: string | undefined;
  while (Date.now() < deadline) {
    // A worker that stopped meanwhile (idle) cannot be evaluated in; its registration is then settled already.
    state = await worker
      .evaluate(() => (globalThis as unknown as { registration: ServiceWorkerRegistration }).registration.active?.state)
      .catch(() => 'gone');
    if (state === 'activated' || state === 'gone') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the extension's service worker was not activated within ${timeoutMs} ms (last state: ${state ?? 'installing'})`);
}

/** Expands {'a.b': 1} into {a: {b: 1}} for Chromium's Preferences file. */
function nestPrefs(prefs: Record<string, PrefValue>): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(prefs)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<ChromiumBrowser> {
  const started = Date.now();
  const extensionPath = resolve(opts.extensionPath ?? defaultExtensionPath('chromium'));
  assertExtensionDir(extensionPath);
  const manifest = readManifest(extensionPath);
  const launchTimeout = opts.launchTimeoutMs ?? 45_000;
  const tempRoot = await makeTempRoot('chromium');
  const profileDir = opts.profileDir ? resolve(opts.profileDir) : join(tempRoot, 'profile');
  const downloadDir = join(tempRoot, 'downloads');
  const playwrightDownloads = join(tempRoot, 'playwright-downloads');
  for (const dir of [join(profileDir, 'Default'), downloadDir, playwrightDownloads]) mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(profileDir, 'Default', 'Preferences'),
    JSON.stringify(
      nestPrefs({
        'download.default_directory': downloadDir,
        'download.prompt_for_download': false,
        'download.directory_upgrade': true,
        'safebrowsing.enabled': false,
        'browser.enable_spellchecking': false,
        'spellcheck.use_spelling_service': false,
        'translate.enabled': false,
        'search.suggest_enabled': false,
        'alternate_error_pages.enabled': false,
        'net.network_prediction_options': 2,
        'url_keyed_anonymized_data_collection.enabled': false,
        'autofill.profile_enabled': false,
        'autofill.credit_card_enabled': false,
        ...opts.prefs,
      }),
    ),
  );

  let network: NetworkGuardController | undefined;
  let browser: ChromiumBrowser | undefined;
  try {
    network = await startNetworkGuard({ virtualHosts: opts.virtualHosts ?? {} });
    browser = new ChromiumBrowser(extensionPath, downloadDir, network, tempRoot, opts.keepProfile ?? process.env.E2E_KEEP_PROFILE === '1');
    browser.profileDir = profileDir;
    browser.processLogFile = join(tempRoot, 'chromium.log');
    const b = browser;
    const args = [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      ...QUIET_CHROMIUM_ARGS,
      '--disable-default-apps',
      '--disable-client-side-phishing-detection',
      '--disable-domain-reliability',
      '--no-pings',
      '--safebrowsing-disable-download-protection',
      '--safebrowsing-disable-auto-update',
      // Every non-loopback request goes to the guard (Chromium never proxies loopback).
      `--proxy-server=${network.proxyUrl}`,
      // Nothing resolves but loopback: covers what might bypass the proxy (WebRTC, DNS prefetch).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
      // Google endpoints the browser calls on its own (sign-in, on-demand components): to a closed loopback port.
      `--gaia-url=${NOWHERE}`,
      `--google-apis-url=${NOWHERE}`,
      `--lso-url=${NOWHERE}`,
      `--component-updater=url-source=${NOWHERE}/cus`,
      `--autofill-server-url=${NOWHERE}/`,
      // Browser log (extension load errors and the like) for diagnostics.
      '--enable-logging',
      `--log-file=${join(tempRoot, 'chromium.log')}`,
      ...featureSwitches(opts.args ?? []),
    ];
    const context = await withTimeout(
      chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_EXECUTABLE,
        headless: true,
        args,
        // Playwright turns the back/forward cache off; a reader has it (live-stories.e2e.ts restores a page from it).
        ignoreDefaultArgs: ['--disable-extensions', '--disable-back-forward-cache'],
        viewport: opts.viewport ?? { width: 1280, height: 720 },
        acceptDownloads: true,
        downloadsPath: playwrightDownloads,
        timeout: launchTimeout,
      }),
      launchTimeout + 5000,
      'chromium launch',
    );
    b.context = context;
    const switchWarning = checkFeatureSwitches(profileDir);
    if (switchWarning) {
      b.recordProcessOutput(switchWarning);
      process.stderr.write(`${switchWarning}\n`);
    }
    context.on('page', (page) => b.wrap(page));
    context.on('serviceworker', (worker) => b.watchWorker(worker));
    context.on('request', (request) => {
      let source: string | undefined;
      try {
        source = request.serviceWorker()?.url() ?? request.frame().url();
      } catch {
        source = undefined;
      }
      network!.recordRequest(request.url(), request.method(), source);
    });
    for (const worker of context.serviceWorkers()) b.watchWorker(worker);

    // The extension id: from its service worker's URL (which also proves the extension started); without a
    // background worker, from the path (how Chromium names unpacked extensions without a "key").
    let id = unpackedExtensionId(extensionPath);
    if (manifest.backgroundWorker) {
      const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith(`/${manifest.backgroundWorker}`);
      const remaining = Math.max(1000, launchTimeout - (Date.now() - started));
      // Chromium reports a refused extension only in its log: watch it, so a broken build fails fast and says why.
      let stopWatching = false;
      const loadError = (async () => {
        const log = join(tempRoot, 'chromium.log');
        while (!stopWatching) {
          const match = /Extension error: (.*)/.exec(existsSync(log) ? readFileSync(log, 'utf8') : '');
          if (match) throw new Error(`Chromium refused the extension: ${match[1]}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        return undefined as never;
      })();
      const worker =
        context.serviceWorkers().find(isOurs) ??
        (await Promise.race([
          context.waitForEvent('serviceworker', { predicate: isOurs, timeout: remaining }).catch((error) => {
            throw new Error(
              `the extension's service worker (${manifest.backgroundWorker}) did not start: ${errorText(error)}. ` +
                'Is the build broken? Try loading dist/chrome in a browser.',
            );
          }),
          loadError,
        ]).finally(() => {
          stopWatching = true;
        }));
      // The worker may have been up before the race started: stop watching the log either way.
      stopWatching = true;
      loadError.catch(() => undefined);
      b.watchWorker(worker);
      await untilActivated(worker, remaining);
      id = new URL(worker.url()).host;
    }
    b.extensionId = id;
    b.extensionOrigin = `chrome-extension://${id}`;
    b.launchMs = Date.now() - started;
    return b;
  } catch (error) {
    const diagnostics = browser?.diagnostics() ?? '';
    if (browser) await browser.close().catch(() => undefined);
    else {
      await network?.close().catch(() => undefined);
      killByProfile(profileDir);
      await removeTree(tempRoot);
    }
    throw new Error(`chromium launch failed: ${errorText(error)}\n${diagnostics}`, { cause: error });
  }
}

export type { ChromiumBrowser, ChromiumPage };
