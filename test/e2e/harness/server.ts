// Static HTTP server for the e2e tests: serves test/fixtures/ on 127.0.0.1 (random port), plus routes a test
// registers with its own status, headers and body (e.g. a fixture page served with a strict CSP header).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FIXTURES_DIR } from './util';

export interface RouteResponse {
  status?: number;
  headers?: Record<string, string>;
  /** The body. Ignored when `file` is given. */
  body?: string | Buffer;
  /** A file under the server root to send as the body (content type from its extension unless headers say otherwise). */
  file?: string;
  /** Delay before answering, in ms. */
  delayMs?: number;
}

export type RouteHandler = RouteResponse | ((req: IncomingMessage, url: URL) => RouteResponse | Promise<RouteResponse>);

export interface ServedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  time: number;
}

export interface FixtureServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly root: string;
  /** origin + path ('/smoke.html' or 'smoke.html'). */
  url(path: string): string;
  /** Serves `path` (exact pathname, query ignored) with the given response; returns a function that removes the route. */
  route(path: string, handler: RouteHandler): () => void;
  clearRoutes(): void;
  /** Requests served so far, oldest first. */
  requests(): ServedRequest[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function startServer(opts: { root?: string } = {}): Promise<FixtureServer> {
  const root = resolve(opts.root ?? FIXTURES_DIR);
  const routes = new Map<string, RouteHandler>();
  const log: ServedRequest[] = [];

  /** Resolves a URL path inside root, or null if it escapes it. */
  const inRoot = (path: string): string | null => {
    const file = normalize(join(root, decodeURIComponent(path)));
    return file === root || file.startsWith(root + sep) ? file : null;
  };

  const send = async (res: ServerResponse, response: RouteResponse) => {
    if (response.delayMs) await new Promise((r) => setTimeout(r, response.delayMs));
    const headers: Record<string, string> = { 'cache-control': 'no-store', ...response.headers };
    let body: string | Buffer = response.body ?? '';
    if (response.file !== undefined) {
      const file = inRoot(response.file);
      if (!file) throw new Error(`route file outside the server root: ${response.file}`);
      body = await readFile(file);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      }
    }
    res.writeHead(response.status ?? 200, headers);
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, time: Date.now() });
    try {
      const route = routes.get(url.pathname);
      if (route) {
        await send(res, typeof route === 'function' ? await route(req, url) : route);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        await send(res, { status: 405, body: 'method not allowed' });
        return;
      }
      let file = inRoot(url.pathname);
      if (!file) {
        await send(res, { status: 403, body: 'forbidden' });
        return;
      }
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) file = join(file, 'index.html');
      const exists = await stat(file).then((s) => s.isFile()).catch(() => false);
      if (!exists) {
        await send(res, { status: 404, headers: { 'content-type': 'text/plain' }, body: `not found: ${url.pathname}` });
        return;
      }
      await send(res, { file: file.slice(root.length) });
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    root,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    route(path, handler) {
      const key = path.startsWith('/') ? path : `/${path}`;
      routes.set(key, handler);
      return () => {
        if (routes.get(key) === handler) routes.delete(key);
      };
    },
    clearRoutes: () => routes.clear(),
    requests: () => [...log],
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
