// Serves saved pages from 127.0.0.1 and nothing else: GET /page/<name>/ answers that folder's source.html, every other
// request gets a 404. Headers make the page's own scripts inert (CSP script-src 'none': a saved page's scripts must not
// run, fetch or rewrite the DOM under the measurement; the runner's injected code is unaffected) and make the page
// cross-origin isolated, which gives performance.now() 5 µs resolution instead of 100 µs.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The pages of a folder (each a sub-folder with its source.html), sorted by name: the first `limit` of them. */
export function pageNames(pagesDir: string, limit = Infinity): string[] {
  return readdirSync(pagesDir)
    .filter((name) => existsSync(join(pagesDir, name, 'source.html')))
    .sort()
    .slice(0, limit);
}

export interface PageServer {
  origin: string;
  urlOf(name: string): string;
  /** An empty page with the same headers, for measurements that need no saved page. */
  blankUrl: string;
  close(): Promise<void>;
}

const HEADERS = {
  // Saved pages declare all sorts of charsets; the files are UTF-8 (as Readability's test suite reads them).
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "script-src 'none'; object-src 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cache-control': 'no-store',
};

export async function startPageServer(pagesDir: string, names: readonly string[]): Promise<PageServer> {
  const known = new Set(names);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/blank') {
      response.writeHead(200, HEADERS).end('<!doctype html><title>blank</title>');
      return;
    }
    const match = /^\/page\/([^/]+)\/$/.exec(url.pathname);
    const name = match ? decodeURIComponent(match[1]!) : null;
    if (request.method !== 'GET' || name === null || !known.has(name)) {
      response.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not found');
      return;
    }
    readFile(join(pagesDir, name, 'source.html')).then(
      (html) => response.writeHead(200, HEADERS).end(html),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('unreadable'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    urlOf: (name) => `${origin}/page/${encodeURIComponent(name)}/`,
    blankUrl: `${origin}/blank`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
