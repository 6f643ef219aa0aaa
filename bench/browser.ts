// The browser side of the benchmark runner: one headless Chromium, and a cold page load per measurement with every
// request that leaves 127.0.0.1 refused.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PageServer } from './page-server';
import { CHROMIUM_EXECUTABLE, QUIET_CHROMIUM_ARGS } from '../test/e2e/harness/quiet-chromium';

export const CHROMIUM = CHROMIUM_EXECUTABLE;
/** The launch arguments of issue 4's bench: no GPU, no background traffic of the browser's own. */
export const LAUNCH_ARGS = [
  ...QUIET_CHROMIUM_ARGS,
  // Belt and braces with the request routing below: no host name resolves, so not even a DNS prefetch leaves.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export class TimeoutError extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One Chromium for the whole run, relaunched if it dies or a page wedges it. */
export class BrowserHost {
  private browser: Browser | null = null;
  restarts = 0;

  async get(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 30_000 });
    return this.browser;
  }

  async restart(): Promise<void> {
    this.restarts++;
    const old = this.browser;
    this.browser = null;
    // A wedged browser that will not close is abandoned; playwright kills its process when node exits.
    await withTimeout(old?.close() ?? Promise.resolve(), 10_000, 'browser close').catch(() => undefined);
  }

  version(): string {
    return this.browser?.version() ?? '?';
  }

  async close(): Promise<void> {
    await withTimeout(this.browser?.close() ?? Promise.resolve(), 10_000, 'browser close').catch(() => undefined);
  }
}

export interface LoadResult<T> {
  value: T;
  /** Requests answered with an abort because they left 127.0.0.1. */
  blocked: number;
  /** ms of the bundle's top-level run in the page (parse excluded: it happens before the first statement). */
  scriptMs: number;
  /**
   * CPU ms that the renderer's main thread spent running script during `call` (DevTools' ScriptDuration in thread
   * ticks, DOM calls made by the script included). Unlike performance.now() differences it barely moves when other
   * processes compete for the cores, so the report shows it beside the wall-clock figures as a noise check.
   */
  cpuMs: number;
  /** What `then` returned, if given: a second call after the measured one (untimed). */
  extra: unknown;
}

/** Work around the measured call, in the same page (bench/profile.ts starts and stops a CPU profile there). */
export interface LoadHooks {
  before?: (page: Page) => Promise<void>;
  after?: (page: Page) => Promise<void>;
}

/**
 * One cold measurement: a new browser context (a new renderer, nothing cached, no compiled code from an earlier page),
 * the page loaded from 127.0.0.1 up to its load event, the page-side bundle evaluated in the page's own world, then
 * `call` awaited.
 */
export async function coldLoad<T>(
  host: BrowserHost,
  server: PageServer,
  url: string,
  script: string,
  call: string,
  timeout: number,
  hooks: LoadHooks = {},
  then?: string,
): Promise<LoadResult<T>> {
  const browser = await host.get();
  let context: BrowserContext | null = null;
  let blocked = 0;
  const work = async (): Promise<LoadResult<T>> => {
    context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(`${server.origin}/`)) return route.continue();
      blocked++;
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout });
    const session = await page.context().newCDPSession(page);
    const evaluate = (expression: string) => page.evaluate(expression);
    const scriptMs = (await evaluate(
      `(globalThis.__benchScriptStart = performance.now(), undefined);\n${script}\n;performance.now() - globalThis.__benchScriptStart;`,
    )) as number;
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    const scriptSeconds = async () => {
      const { metrics } = await session.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? NaN;
    };
    await hooks.before?.(page);
    const cpuBefore = await scriptSeconds();
    const value = (await evaluate(call)) as T;
    const cpuMs = ((await scriptSeconds()) - cpuBefore) * 1000;
    await hooks.after?.(page);
    const extra = then === undefined ? undefined : await evaluate(then);
    return { value, blocked, scriptMs, cpuMs, extra };
  };
  let timedOut = false;
  try {
    return await withTimeout(work(), timeout + 5_000, 'page');
  } catch (error) {
    timedOut = error instanceof TimeoutError;
    throw error;
  } finally {
    const open = context as BrowserContext | null;
    if (open) await withTimeout(open.close(), 10_000, 'context close').catch(() => host.restart());
    // Stuck before a context existed, or the browser died: start afresh rather than leave something half-made behind.
    else if (timedOut || !browser.isConnected()) await host.restart();
  }
}

