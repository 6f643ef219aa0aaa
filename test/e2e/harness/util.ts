// Small helpers shared by the Chromium and Firefox drivers: deadlines, polling, temp dirs, downloads, selection.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserName, DownloadedFile, Rect, WaitOptions } from './types';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
export const DEFAULT_TIMEOUT = 15_000;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class HarnessTimeoutError extends Error {
  override name = 'HarnessTimeoutError';
}

/** Rejects with a HarnessTimeoutError naming `what` if `promise` is not settled within ms. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HarnessTimeoutError(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The driver's mouse or keyboard with a deadline on each call. An input event whose acknowledgement never comes (seen
 * once in CI: Chromium under load, after a drag had selected text) then fails that step, by name, within the deadline,
 * instead of holding the test until vitest's timeout with no word of where it stopped.
 */
export function withInputDeadlines<T extends object>(what: string, input: T): T {
  const timed: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, call] of Object.entries(input as Record<string, (...args: unknown[]) => Promise<unknown>>)) {
    timed[name] = (...args) => withTimeout(call(...args), INPUT_TIMEOUT, `${what}: ${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
  }
  return timed as T;
}
const INPUT_TIMEOUT = 30_000;

/** Calls check until it returns a value other than undefined/false/null, or throws on timeout with the last error. */
export async function poll<T>(check: () => Promise<T | undefined | null | false>, what: string, opts: WaitOptions = {}): Promise<T> {
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT;
  const interval = opts.polling ?? 50;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await withTimeout(check(), Math.max(1000, Math.min(timeout, 10_000)), what);
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError ? ` (last error: ${errorText(lastError)})` : '';
      throw new HarnessTimeoutError(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await sleep(interval);
  }
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

const TEMP_PREFIX = 'margin-e2e-';

/** A fresh temporary directory for one launch (profile, downloads); also sweeps ones a killed run left (over 2 h old). */
export async function makeTempRoot(browser: BrowserName): Promise<string> {
  const stale = Date.now() - 2 * 3600_000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      if (statSync(dir).mtimeMs < stale) await removeTree(dir);
    } catch {
      // someone else's, or gone
    }
  }
  return mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${browser}-`));
}

/** Removes a directory tree, retrying while a dying browser still writes into it. */
export async function removeTree(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await rm(dir, { recursive: true, force: true });
      return;
    } catch {
      await sleep(200);
    }
  }
}

/** The build output for a browser, or an error that says how to make it. */
export function defaultExtensionPath(browser: BrowserName): string {
  const dir = join(REPO_ROOT, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');
  assertExtensionDir(dir);
  return dir;
}

export function assertExtensionDir(dir: string): void {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${dir} (manifest.json missing). Run \`npm run build\` first ` +
        '(or `npx vite build --mode chrome && npx vite build --mode firefox`).',
    );
  }
}

export interface ManifestInfo {
  geckoId?: string;
  backgroundWorker?: string;
  raw: Record<string, unknown>;
}

export function readManifest(dir: string): ManifestInfo {
  const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, any>;
  const geckoId = raw.browser_specific_settings?.gecko?.id ?? raw.applications?.gecko?.id;
  return { raw, geckoId, backgroundWorker: raw.background?.service_worker };
}

/** Completed files of a download directory (Firefox writes NAME.part first; Chromium's GUID temp files are elsewhere). */
export function listDownloads(dir: string): DownloadedFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.endsWith('.part') && !name.startsWith('.'))
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => ({ name, path: join(dir, name) }));
}

/**
 * Waits for a complete download. Firefox first creates the target as an empty placeholder and writes NAME.part
 * beside it, then moves the .part over the placeholder: complete = no .part, and the size unchanged for a while
 * (300 ms; 1.5 s for an empty file, which may still be the placeholder).
 */
export async function waitForDownloadIn(dir: string, name: string | RegExp, opts: WaitOptions = {}): Promise<DownloadedFile> {
  const matches = (file: string) => (typeof name === 'string' ? file === name : name.test(file));
  let last = { path: '', size: -1, mtime: -1, since: 0 };
  return poll(
    async () => {
      const found = listDownloads(dir).find((f) => matches(f.name));
      if (!found || existsSync(`${found.path}.part`)) return undefined;
      const { size, mtimeMs } = statSync(found.path);
      const now = Date.now();
      if (found.path !== last.path || size !== last.size || mtimeMs !== last.mtime) {
        last = { path: found.path, size, mtime: mtimeMs, since: now };
        return undefined;
      }
      return now - last.since >= (size > 0 ? 300 : 1500) ? found : undefined;
    },
    `download ${String(name)} in ${dir}`,
    { timeout: opts.timeout ?? 20_000, polling: opts.polling ?? 100 },
  ).catch((error: Error) => {
    const have = listDownloads(dir).map((f) => f.name).join(', ') || 'none';
    throw new HarnessTimeoutError(`${error.message} (files there: ${have})`);
  });
}

/** A file name not yet used in dir: name, then name(1).ext, name(2).ext ... as Firefox does. */
export function uniqueName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return name;
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let i = 1; ; i++) {
    const candidate = `${base}(${i})${ext}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}

/** Splits 'Control+Shift+a' into modifiers and the key (a lone '+' is the key itself). */
export function parseChord(chord: string): { modifiers: string[]; key: string } {
  if (chord === '+' || !chord.includes('+')) return { modifiers: [], key: chord };
  const parts = chord.split('+');
  if (chord.endsWith('++')) {
    parts.splice(-2, 2, '+');
  }
  const key = parts.pop()!;
  return { modifiers: parts.map((m) => (m === 'ControlOrMeta' ? 'Control' : m)), key };
}

// ---- Functions evaluated in the page (serialised: no closures, no imports). ----

/** Scrolls the element into view and returns its viewport rectangle, or null if missing. */
export function pageRectOf(selector: string): Rect | null {
  const el = document.querySelector(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

/**
 * Finds the occurrence-th `text` in the element's text nodes (across node boundaries), scrolls it into view and
 * returns the viewport points of its first and last character, or null.
 * With select=true it also selects it through the Selection API.
 */
export function pageTextPoints(
  selector: string,
  text: string,
  occurrence: number,
  select: boolean,
  shadowHost: string | null = null,
): { start: { x: number; y: number }; end: { x: number; y: number } } | null {
  const scope = shadowHost === null ? document : document.querySelector(shadowHost)?.shadowRoot;
  const root = scope?.querySelector(selector);
  if (!root || !text) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    all += (n as Text).data;
  }
  let at = -1;
  for (let i = 0, from = 0; i <= occurrence; i++) {
    at = all.indexOf(text, from);
    if (at < 0) return null;
    from = at + 1;
  }
  const locate = (offset: number): [Text, number] => {
    let seen = 0;
    for (const node of nodes) {
      if (offset < seen + node.data.length) return [node, offset - seen];
      seen += node.data.length;
    }
    const last = nodes[nodes.length - 1]!;
    return [last, last.data.length];
  };
  const [startNode, startOffset] = locate(at);
  const [endNode, endOffset] = locate(at + text.length - 1);
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset + 1);
  (startNode.parentElement ?? root).scrollIntoView({ block: 'center' });
  const charRect = (node: Text, offset: number) => {
    const r = document.createRange();
    r.setStart(node, offset);
    r.setEnd(node, offset + 1);
    const rects = r.getClientRects();
    return rects[0] ?? r.getBoundingClientRect();
  };
  const first = charRect(startNode, startOffset);
  const last = charRect(endNode, endOffset);
  if (select) {
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // Start at the left edge of the first character, end at the right edge of the last one.
  return {
    start: { x: first.left + 1, y: first.top + first.height / 2 },
    end: { x: last.right - 1, y: last.top + last.height / 2 },
  };
}
