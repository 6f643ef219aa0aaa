// Network guard: each browser is configured to send every non-loopback request through this proxy on 127.0.0.1,
// which refuses it and records it as a violation. That covers every source (pages, content scripts, extension
// pages, the background service worker / event page, and the browser itself), in both browsers, and nothing
// leaves the machine. Loopback (127.0.0.1, localhost, [::1]) is never proxied: the fixture server is reached directly.
// The drivers also report the requests they see (with the page or worker that made them) through recordRequest().
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { NetworkGuard, NetworkViolation } from './types';

export interface NetworkGuardController extends NetworkGuard {
  readonly port: number;
  /** A request a driver saw: recorded as a violation unless its URL is local or the browser's/extension's own. */
  recordRequest(url: string, method: string | undefined, source: string | undefined): void;
  close(): Promise<void>;
}

const INTERNAL_SCHEMES = new Set([
  'data:',
  'blob:',
  'about:',
  'javascript:',
  'file:',
  'chrome-extension:',
  'moz-extension:',
  'chrome:',
  'chrome-error:',
  'chrome-untrusted:',
  'devtools:',
  'resource:',
  'view-source:',
]);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** True for URLs that do not leave the machine: loopback, virtual hosts, and non-network schemes. */
export function isLocalUrl(url: string, virtualHosts: Record<string, string> = {}): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (INTERNAL_SCHEMES.has(parsed.protocol)) return true;
  if (isLoopbackHost(parsed.hostname)) return true;
  return (parsed.protocol === 'http:' || parsed.protocol === 'ws:') && parsed.hostname.toLowerCase() in virtualHosts;
}

// android.clients.google.com: the browser's own push-messaging (GCM) check-in, seen a minute or so into a run; an
// extension without the gcm permission cannot cause it.
const BROWSER_SERVICE_HOSTS = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:gvt1\.com|clients2\.google\.com|android\.clients\.google\.com|update\.googleapis\.com|optimizationguide-pa\.googleapis\.com)(?::\d+)?\//i;

export async function startNetworkGuard(opts: { virtualHosts?: Record<string, string> } = {}): Promise<NetworkGuardController> {
  const virtualHosts = Object.fromEntries(Object.entries(opts.virtualHosts ?? {}).map(([h, o]) => [h.toLowerCase(), o]));
  const violations: NetworkViolation[] = [];
  const sockets = new Set<Socket>();
  const browserNoise: string[] = [];
  const record = (v: Omit<NetworkViolation, 'time'>) => {
    // Chromium's own update and model-download services, called by the browser process whatever the pages and
    // extensions do (seen now and then during downloads): refused like everything else, listed, not counted against
    // the extension. Requests from pages and extension contexts are also caught by the driver, with their source.
    if (v.via === 'proxy' && BROWSER_SERVICE_HOSTS.test(v.url)) browserNoise.push(v.url);
    else violations.push({ ...v, time: Date.now() });
  };

  const server = createServer((req, res) => {
    const target = req.url ?? '';
    let url: URL | null = null;
    try {
      url = new URL(target);
    } catch {
      // Not a proxy request (someone connected to the port directly).
    }
    const forwardTo = url && url.protocol === 'http:' ? virtualHosts[url.hostname.toLowerCase()] : undefined;
    if (url && forwardTo) {
      const origin = new URL(forwardTo);
      const upstream = httpRequest(
        {
          host: origin.hostname,
          port: origin.port,
          method: req.method,
          path: url.pathname + url.search,
          headers: { ...req.headers, 'x-forwarded-host': url.host },
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`virtual host upstream error: ${error.message}`);
      });
      req.pipe(upstream);
      return;
    }
    record({ url: target, method: req.method, via: 'proxy' });
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('blocked by the e2e network guard: no request may leave 127.0.0.1');
  });
  // https:// and wss:// arrive as CONNECT host:port.
  server.on('connect', (req, socket: Socket) => {
    record({ url: `https://${req.url ?? ''}/`, method: 'CONNECT', via: 'proxy' });
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('upgrade', (req, socket: Socket) => {
    record({ url: req.url ?? '', method: 'UPGRADE', via: 'proxy' });
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    proxyUrl: `http://127.0.0.1:${port}`,
    violations: () => [...violations],
    browserServiceCalls: () => [...browserNoise],
    clear: () => {
      violations.length = 0;
    },
    recordRequest(url, method, source) {
      if (isLocalUrl(url, virtualHosts)) return;
      record({ url, method, source, via: 'protocol' });
    },
    assertNoExternalRequests() {
      if (violations.length === 0) return;
      const lines = violations.map((v) => `  ${v.via}: ${v.method ?? ''} ${v.url}${v.source ? ` (from ${v.source})` : ''}`);
      throw new Error(`${violations.length} request(s) tried to leave 127.0.0.1:\n${lines.join('\n')}`);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}
