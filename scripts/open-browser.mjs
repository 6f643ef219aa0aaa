// Opens the built extension in a real browser with a fresh profile, on the seed article served from 127.0.0.1.
// Usage: npm run build && npm run open:chrome   (or open:firefox)
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';

const browser = process.argv[2] === 'firefox' ? 'firefox' : 'chrome';
const dist = resolve('dist', browser);
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error(`No build in ${dist}: run "npm run build" first.`);
  process.exit(1);
}

const root = resolve('test/fixtures');
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png' };
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
  const file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file)) return response.writeHead(404).end('not found');
  response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const page = `http://127.0.0.1:${port}/pages/seed-kazakhstan.html`;
  console.log(`Serving the seed article at ${page} (Ctrl+C to stop)`);
  const child =
    browser === 'chrome'
      ? spawn('chromium', [`--user-data-dir=${mkdtempSync(join(tmpdir(), 'margin-chrome-'))}`, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`, '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), page], { stdio: 'inherit' })
      : spawn('npx', ['web-ext', 'run', '--source-dir', dist, '--firefox', 'firefox-esr', '--start-url', page], { stdio: 'inherit' });
  child.on('exit', () => server.close());
});
