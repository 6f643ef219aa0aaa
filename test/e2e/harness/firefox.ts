// Firefox driver: puppeteer-core over WebDriver BiDi, the unpacked extension installed temporarily with
// webExtension.install (puppeteer's browser.installExtension), its moz-extension UUID pinned by a pref.
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BaseExtensionBrowser, BasePage, PageFrame } from './base';
import { startNetworkGuard, type NetworkGuardController } from './network-guard';
import type { FrameHandle, Keyboard, LaunchOptions, Mouse, PrefValue, WaitOptions } from './types';
import {
  assertExtensionDir,
  defaultExtensionPath,
  errorText,
  makeTempRoot,
  parseChord,
  poll,
  readManifest,
  removeTree,
  withInputDeadlines,
  withTimeout,
} from './util';

export const FIREFOX_EXECUTABLE = process.env.E2E_FIREFOX ?? '/usr/bin/firefox-esr';
const NOWHERE = 'http://127.0.0.1:9';

/**
 * Prefs on top of puppeteer's own test profile (which already turns off updates, normandy, safebrowsing lists,
 * the new-tab page and more): nothing of the browser's own may reach the network.
 */
export function quietPrefs(proxyPort: number, downloadDir: string): Record<string, PrefValue> {
  return {
    // Every request goes through the guard proxy; loopback is never proxied (allow_hijacking_localhost=false).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.socks_remote_dns': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'captivedetect.canonicalURL': '',
    'media.peerconnection.ice.proxy_only': true,
    // Remote settings (blocklists, CRLite, ...): honoured only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment.
    'services.settings.server': `${NOWHERE}/v1`,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.OCSP.enabled': 0,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'app.update.auto': false,
    'app.normandy.enabled': false,
    'nimbus.rollouts.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.backup.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': 'data:,',
    'toolkit.coverage.endpoint.base': '',
    'datareporting.usage.uploadEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.geoip.url': '',
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'browser.discovery.enabled': false,
    'identity.fxaccounts.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'geo.provider.network.url': '',
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'network.cookie.cookieBehavior': 0,
    // Downloads land in downloadDir under their own names, without a dialog.
    'browser.download.dir': downloadDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.panel.shown': true,
    'browser.download.manager.addToRecentDocs': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/plain,text/markdown,text/csv,text/html,application/octet-stream',
    'pdfjs.disabled': true,
    // Console output of every content context, extension background included, on stdout (for diagnostics).
    'devtools.console.stdout.content': true,
  };
}

class FirefoxFrame extends PageFrame<FirefoxPage> {
  constructor(
    readonly frame: Frame,
    page: FirefoxPage,
  ) {
    super(page);
  }
  /** BiDi does not report moz-extension navigations: puppeteer's frame.url() stays about:blank, so ask the document. */
  async url(): Promise<string> {
    // A frame removed from its page keeps its last address in puppeteer's list for a while: it is no frame of the page.
    if (this.frame.detached) return '';
    try {
      return await withTimeout(this.frame.evaluate(() => location.href), 2000, 'frame location');
    } catch {
      return this.frame.detached ? '' : this.frame.url();
    }
  }
  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
    return this.frame.evaluate(fn as never, ...(args as unknown as never[])) as Promise<Awaited<R>>;
  }
  /**
   * puppeteer finds a frame's offset in its page through BiDi's "context" locator, which Firefox ESR 140 does not
   * have. Firefox tells every window where its viewport is on the screen (mozInnerScreenX/Y), so the frame's point
   * minus the top window's is the point in page coordinates: one trusted mouse click there.
   */
  protected async nativeClick(selector: string, timeout: number): Promise<void> {
    const click = async () => {
      const point = await this.frame.evaluate((sel: string) => {
        const element = document.querySelector(sel);
        if (!element) throw new Error(`no element ${sel}`);
        element.scrollIntoView({ block: 'center', inline: 'center' });
        const rect = element.getBoundingClientRect();
        const screen = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
        return { x: rect.left + rect.width / 2 + screen.mozInnerScreenX, y: rect.top + rect.height / 2 + screen.mozInnerScreenY };
      }, selector);
      const top = await this.page.raw.mainFrame().evaluate(() => {
        const screen = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
        return { x: screen.mozInnerScreenX, y: screen.mozInnerScreenY };
      });
      await this.page.raw.mouse.click(point.x - top.x, point.y - top.y);
    };
    await withTimeout(click(), timeout, `click ${selector}`);
  }
  protected knownUrl(): string {
    return this.frame.url();
  }
}

class FirefoxPage extends BasePage {
  readonly browser = 'firefox' as const;
  readonly keyboard: Keyboard;
  readonly mouse: Mouse;

  constructor(
    owner: FirefoxBrowser,
    kind: 'page' | 'extension',
    readonly raw: Page,
  ) {
    super(owner, kind);
    const kb = raw.keyboard;
    const front = () => this.ensureFront();
    this.keyboard = withInputDeadlines<Keyboard>(`${this.describe()} keyboard`, {
      async press(chord) {
        await front();
        const { modifiers, key } = parseChord(chord);
        for (const m of modifiers) await kb.down(m as never);
        await kb.press(key as never);
        for (const m of [...modifiers].reverse()) await kb.up(m as never);
      },
      type: async (text) => (await front(), kb.type(text)),
      down: async (key) => (await front(), kb.down(key as never)),
      up: async (key) => (await front(), kb.up(key as never)),
    });
    this.mouse = withInputDeadlines<Mouse>(`${this.describe()} mouse`, {
      move: async (x, y, opts) => (await front(), raw.mouse.move(x, y, opts?.steps ? { steps: opts.steps } : undefined)),
      down: async () => (await front(), raw.mouse.down()),
      up: async () => (await front(), raw.mouse.up()),
      click: async (x, y) => (await front(), raw.mouse.click(x, y)),
    });
  }
  async url(): Promise<string> {
    try {
      return await withTimeout(this.raw.evaluate(() => location.href), 2000, 'page location');
    } catch {
      return this.raw.url();
    }
  }
  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>> {
    return this.raw.evaluate(fn as never, ...(args as unknown as never[])) as Promise<Awaited<R>>;
  }
  protected async nativeClick(selector: string, timeout: number): Promise<void> {
    await withTimeout(this.raw.click(selector), timeout, `click ${selector}`);
  }
  async goto(url: string, opts: WaitOptions = {}): Promise<void> {
    const timeout = opts.timeout ?? 30_000;
    if (!url.startsWith('moz-extension:')) {
      await this.raw.goto(url, { waitUntil: 'load', timeout });
      return;
    }
    // A moz-extension navigation never completes for BiDi (puppeteer issue 14314): start it, then watch the document.
    this.raw.goto(url, { timeout }).catch(() => undefined);
    const wanted = url.split('#')[0];
    await poll(
      async () => {
        const [href, state] = await this.raw.evaluate(() => [location.href.split('#')[0], document.readyState] as const);
        return href === wanted && state === 'complete';
      },
      `extension page ${url} to load`,
      { timeout },
    );
  }
  async reload(opts: WaitOptions = {}): Promise<void> {
    const timeout = opts.timeout ?? 30_000;
    const token = randomUUID();
    await this.raw.evaluate((t: string) => {
      (window as unknown as { __e2eReload?: string }).__e2eReload = t;
    }, token);
    if ((await this.url()).startsWith('moz-extension:')) {
      await this.raw.evaluate(() => void setTimeout(() => location.reload(), 0));
    } else {
      await this.raw.reload({ waitUntil: 'load', timeout });
    }
    await poll(
      async () =>
        this.raw.evaluate(
          (t: string) => (window as unknown as { __e2eReload?: string }).__e2eReload !== t && document.readyState === 'complete',
          token,
        ),
      'the reloaded document',
      { timeout },
    );
  }
  protected async driverBringToFront(): Promise<void> {
    await this.raw.bringToFront();
  }
  async screenshot(path: string): Promise<void> {
    await this.raw.screenshot({ path: path as `${string}.png` });
  }
  frames(): FrameHandle[] {
    return this.raw.frames().map((f) => new FirefoxFrame(f, this));
  }
  /**
   * WebDriver BiDi serialises an element's shadow root, closed ones included, as a shared reference; a handle made
   * from it passes the ShadowRoot itself to a main-world function. (Uses puppeteer's BiDi internals:
   * ElementHandle.remoteValue() and Frame.mainRealm().createHandle().)
   */
  async evaluateInShadowRoot<R, A extends unknown[]>(
    hostSelector: string,
    fn: (root: ShadowRoot, ...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<Awaited<R>> {
    const host = await this.raw.evaluateHandle((sel: string) => document.querySelector(sel), hostSelector);
    try {
      const remote = (host as unknown as { remoteValue(): { type: string; value?: { shadowRoot?: unknown } } }).remoteValue();
      if (remote.type !== 'node') throw new Error(`no element ${hostSelector}`);
      const shadowRef = remote.value?.shadowRoot;
      if (!shadowRef) throw new Error(`${hostSelector} has no shadow root`);
      const realm = (this.raw.mainFrame() as unknown as { mainRealm(): { createHandle(v: unknown): { evaluate: Function } } }).mainRealm();
      const shadow = realm.createHandle(shadowRef);
      return (await shadow.evaluate(fn, ...args)) as Awaited<R>;
    } finally {
      await host.dispose().catch(() => undefined);
    }
  }
  protected async closeDriverPage(): Promise<void> {
    await this.raw.close();
  }
}

class FirefoxBrowser extends BaseExtensionBrowser {
  readonly name = 'firefox' as const;
  driver!: Browser;
  uuid = '';
  private readonly wrappers = new WeakMap<Page, FirefoxPage>();

  wrap(page: Page, kind: 'page' | 'extension' = 'page'): FirefoxPage {
    let wrapped = this.wrappers.get(page);
    if (wrapped) return wrapped;
    wrapped = new FirefoxPage(this, kind, page);
    this.wrappers.set(page, wrapped);
    this.track(wrapped);
    const handle = wrapped;
    page.on('console', (msg) => handle.pushConsole({ type: msg.type(), text: msg.text(), url: msg.location()?.url ?? page.url() }));
    page.on('pageerror', (error) =>
      handle.pushConsole({ type: 'pageerror', text: error instanceof Error ? (error.stack ?? error.message) : String(error), url: page.url() }),
    );
    page.on('request', (request) => this.network.recordRequest(request.url(), request.method(), page.url()));
    page.on('close', () => this.forget(handle));
    return wrapped;
  }

  /** A new window per page, so pages opened earlier stay visible (a background tab is document.hidden in Firefox). */
  private async newPage(kind: 'page' | 'extension'): Promise<FirefoxPage> {
    const raw = await withTimeout(this.driver.newPage({ type: 'window' }), 15_000, 'firefox new window');
    const page = this.wrap(raw, kind);
    page.kind = kind;
    this.front = page;
    return page;
  }

  async openPage(url: string, opts: WaitOptions = {}): Promise<FirefoxPage> {
    const page = await this.newPage('page');
    await page.goto(url, opts);
    return page;
  }

  async openExtensionPage(path: string, opts: WaitOptions = {}): Promise<FirefoxPage> {
    const page = await this.newPage('extension');
    await page.goto(this.extensionUrl(path), opts);
    return page;
  }

  protected async closeDriver(): Promise<void> {
    await this.driver?.close();
  }

  protected killBrowser(): void {
    const pid = this.driver?.process()?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, 'SIGKILL'); // puppeteer starts Firefox as a process group leader
    } catch {
      // already gone
    }
  }
}

export async function launchFirefox(opts: LaunchOptions = {}): Promise<FirefoxBrowser> {
  const started = Date.now();
  const extensionPath = resolve(opts.extensionPath ?? defaultExtensionPath('firefox'));
  assertExtensionDir(extensionPath);
  const { geckoId } = readManifest(extensionPath);
  if (!geckoId) throw new Error(`${extensionPath}/manifest.json has no browser_specific_settings.gecko.id: Firefox needs it to pin the extension's UUID`);
  const launchTimeout = opts.launchTimeoutMs ?? 45_000;
  const tempRoot = await makeTempRoot('firefox');
  const profileDir = opts.profileDir ? resolve(opts.profileDir) : join(tempRoot, 'profile');
  const downloadDir = join(tempRoot, 'downloads');
  for (const dir of [profileDir, downloadDir]) mkdirSync(dir, { recursive: true });
  const uuid = opts.extensionUuid ?? randomUUID();

  let network: NetworkGuardController | undefined;
  let browser: FirefoxBrowser | undefined;
  try {
    network = await startNetworkGuard({ virtualHosts: opts.virtualHosts ?? {} });
    browser = new FirefoxBrowser(extensionPath, downloadDir, network, tempRoot, opts.keepProfile ?? process.env.E2E_KEEP_PROFILE === '1');
    const b = browser;
    const viewport = opts.viewport ?? { width: 1280, height: 720 };
    const driverPromise = puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_EXECUTABLE,
      headless: true,
      userDataDir: profileDir,
      // Needed to script moz-extension documents over BiDi.
      args: ['--remote-allow-system-access', ...(opts.args ?? [])],
      extraPrefsFirefox: {
        ...quietPrefs(network.port, downloadDir),
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
        ...opts.prefs,
      },
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      defaultViewport: viewport,
      timeout: launchTimeout,
      protocolTimeout: 60_000,
      dumpio: process.env.E2E_DEBUG === '1',
    });
    // If the deadline passes first, make sure a late browser does not outlive us.
    let gaveUp = false;
    driverPromise.then(
      (late) => {
        if (gaveUp) void late.close().catch(() => late.process()?.kill('SIGKILL'));
      },
      () => undefined,
    );
    const driver = await withTimeout(driverPromise, launchTimeout + 5000, 'firefox launch').catch((error) => {
      gaveUp = true;
      throw error;
    });
    b.driver = driver;
    const proc = driver.process();
    proc?.stdout?.on('data', (chunk: Buffer) => b.recordProcessOutput(chunk.toString()));
    proc?.stderr?.on('data', (chunk: Buffer) => b.recordProcessOutput(chunk.toString()));
    driver.on('targetcreated', (target) => {
      if (target.type() !== 'page') return;
      target.page().then((page) => page && b.wrap(page), () => undefined);
    });

    const installed = await withTimeout(driver.installExtension(extensionPath), 20_000, 'firefox installExtension');
    if (installed !== geckoId) throw new Error(`installed extension id ${installed}, expected ${geckoId}`);
    b.uuid = uuid;
    b.extensionId = geckoId;
    b.extensionOrigin = `moz-extension://${uuid}`;
    b.launchMs = Date.now() - started;
    return b;
  } catch (error) {
    const diagnostics = browser?.diagnostics() ?? '';
    if (browser) await browser.close().catch(() => undefined);
    else {
      await network?.close().catch(() => undefined);
      await removeTree(tempRoot);
    }
    throw new Error(`firefox launch failed: ${errorText(error)}\n${diagnostics}`, { cause: error });
  }
}

export type { FirefoxBrowser, FirefoxPage };
