// `npm run soak`: saves notes while the background is stopped at random moments, then checks that every save the
// background acknowledged is stored, once, exactly as sent.
//
//   npm run soak -- [--saves 200] [--browser chromium|firefox|both] [--seed N]
//
// Needs the build (`npm run build`). Per browser it launches the built extension with the e2e harness, opens the
// popup's library page and, from that page, sends `annotations/restore` with one new record per save, retrying the
// same record (same id) until the reply is `{ok: true}`. Meanwhile the background is stopped:
// - Chromium: a browser-level DevTools session closes our service worker's target (Target.closeTarget) at random
//   moments, so kills land before, during and right after saves; the next message starts a new worker.
// - Firefox: the event page idles out between saves (extensions.background.idle.timeout = 300 ms, and the soak
//   pauses long enough now and then), and about:debugging's "Terminate background script" button is pressed at
//   random moments, during saves too.
// At the end the background is stopped once more and a fresh one lists every record (`annotations/list`): lost =
// acknowledged ids missing from the store. Exits non-zero on any loss, duplicate, damaged record or save that
// never got acknowledged.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CDPSession } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { launchChromium, type ChromiumBrowser } from '../test/e2e/harness/chromium';
import { launchFirefox } from '../test/e2e/harness/firefox';
import type { BrowserName, ExtensionBrowser, LaunchOptions, PageHandle } from '../test/e2e/harness/types';
import { REPO_ROOT, sleep, withTimeout } from '../test/e2e/harness/util';

/** How long one driver call may take before the soak counts it as failed and goes on (a stop can wedge a call). */
const DRIVER_CALL_MS = 5_000;

/** Firefox stops an idle event page after this long (the default is 30 s). */
export const FIREFOX_IDLE_TIMEOUT_MS = 300;

export interface SoakOptions {
  /** Saves to make (each retried until acknowledged). */
  saves: number;
  /** Seed of the random schedule (kill gaps, pauses); printed, so a run's schedule can be replayed. */
  seed?: number;
  /** Random gap between two forced stops, in ms (uniform in [min, max]). Default [5, 80]. */
  killGapMs?: [number, number];
  /** Firefox: chance, after a save, of pausing until the idle timeout has stopped the event page. Default 0.1. */
  idlePauseChance?: number;
  /** Attempts per save before the soak gives up on it (a failure of the soak). Default 60. */
  maxAttempts?: number;
  /**
   * How long one attempt waits for its reply, in ms. Default 10,000. A message the stop cut off may never be answered,
   * and a save takes a few ms: a short run (the e2e test) waits less, so a few cut-off messages cannot eat its budget.
   */
  replyTimeoutMs?: number;
  /** Stops are forced only in the run's first this many ms (default: throughout); the saves left then finish in peace. */
  stopForMs?: number;
  /**
   * The run fails at once, saying so, when no save has been acknowledged for this long (default 60,000 ms): the
   * background never came back, and waiting out every attempt would only end in a timeout that says nothing.
   */
  stallMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SoakResult {
  browser: BrowserName;
  seed: number;
  saves: number;
  /** Saves whose reply was {ok: true}. */
  acknowledged: number;
  /** Acknowledged ids missing from the store at the end. */
  lost: number;
  /** Ids listed more than once. */
  duplicates: number;
  /** Stored records that differ from what was sent. */
  damaged: number;
  /** Records in the store the soak never sent. */
  unexpected: number;
  /** Saves that were never acknowledged within maxAttempts. */
  gaveUp: number;
  attempts: number;
  /** Attempts that failed (no answer, closed port, an error reply) and were retried. */
  failedAttempts: number;
  /** Why attempts failed, with counts. */
  failures: Record<string, number>;
  /** Forced stops of the background that found one running (Chromium: target closed; Firefox: terminate pressed). */
  kills: number;
  /** Firefox: stops by the idle timeout observed between saves. */
  idleStops: number;
  /** Background starts after the first one, seen as new context ids (a lower bound). */
  restarts: number;
  /** Attempts during which a forced stop happened. */
  interrupted: number;
  /** Attempts that were the first message after a stop (with no stop during them) and still failed. */
  failedFirstAfterStop: number;
  firstAfterStop: number;
  ms: number;
}

/** How the soak stops the background of one browser. */
export interface Stopper {
  /** Stops the background now; false if the browser said it could not. */
  kill(): Promise<boolean>;
  dispose(): Promise<void>;
}

/**
 * Our background's contexts now, by id, asked through `inExtension` in one of our pages (runtime.getContexts does not
 * wake a stopped background).
 */
export function backgroundContextIds(inExtension: (fn: () => Promise<string[]>) => Promise<string[]>): Promise<string[]> {
  return inExtension(async () => {
    type Runtime = { getContexts(filter: { contextTypes: string[] }): Promise<{ contextId: string }[]> };
    const g = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
    const contexts = await (g.browser ?? g.chrome)!.runtime.getContexts({ contextTypes: ['BACKGROUND'] });
    return contexts.map((c) => c.contextId);
  });
}

/**
 * Which background contexts the extension has had, seen by runtime.getContexts from one of our pages (which does not
 * wake a stopped background). Each start of the background is a new context id; Chromium keeps the same DevTools
 * target id for a restarted worker, and playwright reports it only once, so the ids are the one count that works in
 * both browsers. A background that starts and stops between two looks is missed: the count is a lower bound.
 */
class BackgroundWatch {
  private readonly seen = new Set<string>();
  private first = 0;
  constructor(private readonly page: PageHandle) {}
  async start(): Promise<void> {
    this.first = (await this.look()).length;
  }
  /** The background contexts now (recorded). */
  async look(): Promise<string[]> {
    const looking = backgroundContextIds((fn) => this.page.evaluate(fn));
    const ids = await withTimeout(looking, DRIVER_CALL_MS, 'soak: background contexts').catch(() => [] as string[]);
    for (const id of ids) this.seen.add(id);
    return ids;
  }
  async running(): Promise<boolean> {
    return (await this.look()).length > 0;
  }
  restarts(): number {
    return Math.max(0, this.seen.size - Math.max(this.first, 1));
  }
}

/** Chromium: a browser-level DevTools session closes our service worker's target (the next message starts a new one). */
async function chromiumStopper(b: ExtensionBrowser): Promise<Stopper> {
  const browser = (b as unknown as ChromiumBrowser).context.browser();
  if (!browser) throw new Error('soak: no browser object behind the persistent context');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  return {
    async kill() {
      const targets = await withTimeout(cdp.send('Target.getTargets'), DRIVER_CALL_MS, 'soak: targets').catch(() => ({ targetInfos: [] }));
      const worker = targets.targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`${b.extensionOrigin}/`));
      if (!worker) return false;
      const closing = cdp.send('Target.closeTarget', { targetId: worker.targetId });
      const { success } = await withTimeout(closing, DRIVER_CALL_MS, 'soak: close the worker').catch(() => ({ success: false }));
      return success;
    },
    async dispose() {
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Firefox: about:debugging's "Terminate background script" button on our (temporary) add-on's card. */
async function firefoxStopper(b: ExtensionBrowser): Promise<Stopper> {
  const debug = await b.openPage('about:blank');
  // about:debugging never reports a finished navigation over BiDi: start it and wait for our add-on's card.
  void (debug.raw as PuppeteerPage).goto('about:debugging#/runtime/this-firefox').catch(() => undefined);
  const uuid = new URL(b.extensionOrigin).host;
  // Serialised into about:debugging (no closures): our add-on's button, found by the UUID its card shows.
  const press = (id: string): boolean => {
    for (const button of document.querySelectorAll<HTMLButtonElement>('.qa-temporary-extension-terminate-bgscript-button')) {
      if (!button.closest('li')?.textContent?.includes(id) || button.disabled) continue;
      button.click();
      return true;
    }
    return false;
  };
  await debug.waitForFunction(
    (id: string) =>
      [...document.querySelectorAll('.qa-temporary-extension-terminate-bgscript-button')].some((button) => button.closest('li')?.textContent?.includes(id)),
    { timeout: 20_000 },
    uuid,
  );
  return {
    kill: () => debug.evaluate(press, uuid).catch(() => false),
    async dispose() {
      await debug.close().catch(() => undefined);
    },
  };
}

/** Stops the background of a launched browser on demand (also used by test/e2e/faults-background.e2e.ts). */
export function backgroundStopper(b: ExtensionBrowser): Promise<Stopper> {
  return b.name === 'chromium' ? chromiumStopper(b) : firefoxStopper(b);
}

export function soakLaunchOptions(name: BrowserName): LaunchOptions {
  return name === 'firefox' ? { prefs: { 'extensions.background.idle.timeout': FIREFOX_IDLE_TIMEOUT_MS } } : {};
}

/** mulberry32: a small seeded generator, so the schedule of a run can be replayed with --seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid stored annotation (AnnotationSchema in src/core/annotation.ts), different for every save. */
export function soakRecord(index: number, run: string): Record<string, unknown> {
  const now = new Date().toISOString();
  const exact = `soak passage ${index}`;
  const start = index * 40;
  return {
    id: randomUUID(),
    page: `http://soak.example/${run}/article-${index % 7}`,
    site: 'soak.example',
    pageTitle: `Soak article ${index % 7}`,
    motivation: 'commenting',
    quote: { exact, prefix: `before ${index} `, suffix: ` after ${index}` },
    position: { start, end: start + exact.length },
    note: `Soak note ${index} of run ${run}: “quotes”, emoji 🧪, and a line\nbreak.`,
    labels: ['soak', `soak-${index % 3}`],
    ...(index % 2 ? { fingerprint: `fp-${index}` } : {}),
    created: now,
    modified: now,
  };
}

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
export type Outcome = { reply: Reply } | { error: string };

/** Sends one message from an extension page with the page's own extension API; never throws, never hangs. */
export function send(page: PageHandle, message: unknown, timeoutMs = 10_000): Promise<Outcome> {
  const sending = page.evaluate(
    async (msg: unknown, ms: number) => {
      const g = globalThis as unknown as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } }; chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
      const api = g.browser ?? g.chrome;
      try {
        const reply = await Promise.race([api!.runtime.sendMessage(msg), new Promise((resolve) => setTimeout(() => resolve('__timeout__'), ms))]);
        if (reply === '__timeout__') return { error: `no answer in ${ms} ms` };
        if (reply === undefined) return { error: 'no reply (undefined)' };
        return { reply };
      } catch (error) {
        return { error: String((error as Error)?.message ?? error) };
      }
    },
    message,
    timeoutMs,
  );
  // The page's own timer bounds the message; this bounds the driver's call, should a stop wedge it.
  return withTimeout(sending, timeoutMs + DRIVER_CALL_MS, 'soak: send')
    .then((outcome) => outcome as Outcome)
    .catch((error: unknown) => ({ error: `driver: ${String((error as Error)?.message ?? error).split('\n')[0]}` }));
}

/** Runs the soak in an already launched browser (launched with soakLaunchOptions(name)). */
export async function runSoak(b: ExtensionBrowser, options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rand = random(seed);
  const between = ([min, max]: [number, number]) => min + rand() * (max - min);
  const killGap = options.killGapMs ?? [5, 80];
  const idlePauseChance = options.idlePauseChance ?? 0.1;
  const maxAttempts = options.maxAttempts ?? 60;
  const stallMs = options.stallMs ?? 60_000;
  const log = options.log ?? (() => undefined);
  const run = randomUUID().slice(0, 8);

  const page = await b.openExtensionPage('src/popup/index.html?view=library');
  const watch = new BackgroundWatch(page);
  await watch.start();
  const stopper = await backgroundStopper(b);
  /** A forced stop counts only if a background was running and none is afterwards. */
  const stop = async (): Promise<boolean> => {
    if (!(await watch.running())) return false;
    if (!(await stopper.kill())) return false;
    return poll(async () => !(await watch.running()), 2000);
  };

  const result: SoakResult = {
    browser: b.name,
    seed,
    saves: options.saves,
    acknowledged: 0,
    lost: 0,
    duplicates: 0,
    damaged: 0,
    unexpected: 0,
    gaveUp: 0,
    attempts: 0,
    failedAttempts: 0,
    failures: {},
    kills: 0,
    idleStops: 0,
    restarts: 0,
    interrupted: 0,
    failedFirstAfterStop: 0,
    firstAfterStop: 0,
    ms: 0,
  };
  /** When each forced stop was issued and done (ms since epoch). */
  const kills: { from: number; to: number }[] = [];
  let lastStopAt = 0;

  // The killer: independent of the saves, so stops land anywhere in them.
  let saving = true;
  /** While the soak waits for Firefox's idle timeout, the killer holds off, so the stop is the timeout's. */
  let idling = false;
  let killing = Promise.resolve();
  const stopUntil = started + (options.stopForMs ?? Number.POSITIVE_INFINITY);
  const killer = (async () => {
    while (saving && Date.now() < stopUntil) {
      await sleep(between(killGap));
      if (!saving) break;
      if (idling) continue;
      const from = Date.now();
      killing = stop().then((stopped) => {
        if (!stopped) return;
        result.kills++;
        kills.push({ from, to: Date.now() });
        lastStopAt = Date.now();
      });
      await killing.catch(() => undefined);
    }
  })();

  const sent = new Map<string, string>();
  const acknowledged: string[] = [];
  let previousEnd = 0;
  let lastAcknowledged = Date.now();
  try {
    for (let i = 0; i < options.saves; i++) {
      const record = soakRecord(i, run);
      sent.set(record.id as string, canonical(record));
      const message = { type: 'annotations/restore', payload: { annotations: [record] } };
      let ok = false;
      for (let attempt = 1; attempt <= maxAttempts && !ok; attempt++) {
        await watch.look();
        const from = Date.now();
        const firstAfterStop = lastStopAt > previousEnd && lastStopAt <= from;
        const outcome = await send(page, message, options.replyTimeoutMs);
        const to = Date.now();
        previousEnd = to;
        await watch.look();
        result.attempts++;
        const hit = kills.some((k) => k.to >= from && k.from <= to);
        if (hit) result.interrupted++;
        else if (firstAfterStop) result.firstAfterStop++;
        if ('reply' in outcome && outcome.reply.ok) {
          ok = true;
          lastAcknowledged = to;
          break;
        }
        const reply = 'reply' in outcome ? outcome.reply : undefined;
        const why = reply && !reply.ok ? `${reply.error.code}: ${reply.error.message}` : 'error' in outcome ? outcome.error : 'unknown';
        result.failedAttempts++;
        result.failures[why] = (result.failures[why] ?? 0) + 1;
        if (!hit && firstAfterStop) result.failedFirstAfterStop++;
        if (to - lastAcknowledged > stallMs) throw new Error(stalled(b, i, to - lastAcknowledged, result.failures));
        // Back off a little more each time: a worker that is starting needs a moment.
        await sleep(Math.min(25 * attempt, 500));
      }
      if (ok) acknowledged.push(record.id as string);
      else result.gaveUp++;
      // Firefox: now and then wait until the idle timeout has stopped the event page between two saves.
      if (b.name === 'firefox' && rand() < idlePauseChance) {
        idling = true;
        await killing.catch(() => undefined);
        const forced = result.kills;
        await sleep(FIREFOX_IDLE_TIMEOUT_MS + between([100, 400]));
        // Stopped, and not by the killer meanwhile: the idle timeout did it.
        if (!(await watch.running()) && result.kills === forced) {
          result.idleStops++;
          lastStopAt = Date.now();
        }
        idling = false;
      }
      if ((i + 1) % 50 === 0) log(`${b.name}: ${i + 1}/${options.saves} saves, ${result.kills} stops, ${result.failedAttempts} attempts retried`);
    }
  } finally {
    saving = false;
    await killer;
    await killing.catch(() => undefined);
  }

  // Read back from a freshly started background: stop it once more, then list (retrying like a save).
  if (await stop()) {
    result.kills++;
    kills.push({ from: Date.now(), to: Date.now() });
  }
  let stored: Record<string, unknown>[] | undefined;
  for (let attempt = 1; attempt <= maxAttempts && !stored; attempt++) {
    const outcome = await send(page, { type: 'annotations/list', payload: {} }, options.replyTimeoutMs);
    if ('reply' in outcome && outcome.reply.ok) stored = outcome.reply.value as Record<string, unknown>[];
    else await sleep(100);
  }
  await watch.look();
  result.restarts = watch.restarts();
  await stopper.dispose();
  await page.close().catch(() => undefined);
  if (!stored) throw new Error(`${b.name}: could not list the stored annotations after the soak`);

  const count = new Map<string, number>();
  const byId = new Map<string, Record<string, unknown>>();
  for (const record of stored) {
    const id = String(record.id);
    count.set(id, (count.get(id) ?? 0) + 1);
    byId.set(id, record);
  }
  result.acknowledged = acknowledged.length;
  result.lost = acknowledged.filter((id) => !count.has(id)).length;
  result.duplicates = [...count.values()].filter((n) => n > 1).length;
  result.damaged = [...byId].filter(([id, record]) => sent.has(id) && sent.get(id) !== canonical(record)).length;
  result.unexpected = [...byId.keys()].filter((id) => !sent.has(id)).length;
  result.ms = Date.now() - started;
  return result;
}

/** Why the soak stopped early: the background stopped answering for good. */
function stalled(b: ExtensionBrowser, save: number, ms: number, failures: Record<string, number>): string {
  // Chromium logs a worker it cannot start again; the likeliest cause is a stop during the extension's install.
  const startFailures = b.diagnostics().match(/DidStartWorkerFail[^\n]*/g) ?? [];
  return [
    `${b.name}: save ${save + 1} not acknowledged for ${Math.round(ms / 1000)} s: the background never came back`,
    startFailures.length ? `  the browser could not start the worker ${startFailures.length} times (${startFailures[0]})` : '',
    `  failures so far: ${JSON.stringify(failures)}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Polls check every 20 ms until it is true or ms have passed. */
async function poll(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
}

/** JSON with sorted keys, to compare a stored record with the one sent. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function soakFailed(r: SoakResult): boolean {
  return r.lost > 0 || r.duplicates > 0 || r.damaged > 0 || r.unexpected > 0 || r.gaveUp > 0;
}

export function describeSoak(r: SoakResult): string {
  const stops = r.browser === 'chromium' ? `${r.kills} service worker stops (DevTools Target.closeTarget)` : `${r.kills} forced stops (about:debugging) + ${r.idleStops} idle stops (${FIREFOX_IDLE_TIMEOUT_MS} ms timeout)`;
  const failures = Object.entries(r.failures)
    .sort((a, b) => b[1] - a[1])
    .map(([why, n]) => `      ${n} × ${why}`);
  return [
    `${r.browser}: acknowledged ${r.acknowledged}, lost ${r.lost}`,
    `  duplicates ${r.duplicates}, damaged ${r.damaged}, unexpected ${r.unexpected}, never acknowledged ${r.gaveUp} (of ${r.saves} saves)`,
    `  background: ${stops}; ${r.restarts} restarts seen`,
    `  attempts ${r.attempts}: ${r.interrupted} with a stop during them, ${r.failedAttempts} failed and retried; first message after a stop failed ${r.failedFirstAfterStop} of ${r.firstAfterStop} times`,
    ...(failures.length ? ['    failures:', ...failures] : []),
    `  seed ${r.seed}, ${(r.ms / 1000).toFixed(1)} s`,
  ].join('\n');
}

/** Newest modification time of the files under dir (to warn about a build older than its sources). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function parseArgs(argv: string[]): { saves: number; browsers: BrowserName[]; seed?: number } {
  let saves = 200;
  let which = 'both';
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--saves') saves = Number(value());
    else if (flag === '--browser') which = value();
    else if (flag === '--seed') seed = Number(value());
    else throw new Error(`unknown option ${flag} (use --saves N, --browser chromium|firefox|both, --seed N)`);
  }
  if (!Number.isInteger(saves) || saves < 1) throw new Error('--saves must be a positive integer');
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const browsers: BrowserName[] = which === 'both' ? ['chromium', 'firefox'] : which === 'chromium' || which === 'firefox' ? [which] : [];
  if (!browsers.length) throw new Error('--browser must be chromium, firefox or both');
  return { saves, browsers, ...(seed !== undefined ? { seed } : {}) };
}

async function main(): Promise<number> {
  const { saves, browsers, seed } = parseArgs(process.argv.slice(2));
  for (const name of browsers) {
    const dir = join(REPO_ROOT, 'dist', name === 'chromium' ? 'chrome' : 'firefox');
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no build in ${dir}: run npm run build first`);
    if (newest(join(REPO_ROOT, 'src')) > statSync(join(dir, 'manifest.json')).mtimeMs) console.warn(`warning: src/ changed after ${dir} was built; run npm run build to soak the current code`);
  }
  const results: SoakResult[] = [];
  for (const name of browsers) {
    const b = await (name === 'chromium' ? launchChromium : launchFirefox)(soakLaunchOptions(name));
    try {
      const result = await runSoak(b, { saves, ...(seed !== undefined ? { seed } : {}), log: (line) => console.log(line) });
      results.push(result);
      console.log(describeSoak(result));
      const violations = b.network.violations();
      if (violations.length) console.log(`  requests that left 127.0.0.1: ${violations.map((v) => v.url).join(', ')}`);
    } catch (error) {
      console.error(b.diagnostics());
      throw error;
    } finally {
      await b.close();
    }
  }
  return results.some(soakFailed) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Exit explicitly: the harness's Chromium launch can leave a polling timer behind (its extension-load-error watcher
  // keeps running when the service worker was already up), which would keep Node alive after the browsers closed.
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
