// `npm run package`: the Chrome Web Store zip, the Firefox add-on zip and the source archive for add-on review, and
// proof that the source archive rebuilds the same extension files.
//
//   npm run package -- [--out artifacts/package] [--no-verify] [--keep]
//
// 1. Builds (`npm run build`), then zips dist/chrome and dist/firefox (files at the root of the zip, as the stores want).
// 2. Zips the git-tracked files (`git ls-files`, as they are in the work tree) with a BUILD.md for reviewers: the source
//    archive. Untracked and ignored files (node_modules, dist, artifacts, scratch files) are not in it; the script says
//    so when the work tree differs from HEAD, and BUILD.md names the commit and any uncommitted change.
// 3. Unless --no-verify: unpacks the source archive into a temporary folder, installs with `npm ci --offline` (from
//    npm's cache; if the cache lacks a package, `npm ci --prefer-offline`, which fetches only what is missing),
//    builds there, and compares every built file byte for byte with the two store zips. Nothing is ignored. Exits
//    non-zero on any difference.
// Every zip is reproducible: entries sorted, one fixed time stamp (2000-01-01 00:00 in any time zone), fixed
// permissions, deflate level 9 (fflate, pinned in package-lock.json).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync, zipSync, type ZipOptions } from 'fflate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'margin';

/** The same DOS date fields in every time zone (fflate writes local time): 2000-01-01 00:00:00. */
export const ZIP_TIME = new Date(2000, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
const EXEC_MODE = 0o100755;

export interface ZipEntry {
  /** Path inside the zip, with forward slashes. */
  path: string;
  data: Uint8Array;
  executable?: boolean;
}

/** A reproducible zip: the same entries give the same bytes, whatever their order, the clock or the time zone. */
export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // fflate writes the entries in the object's key order, which is insertion order except for integer-like keys.
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const entry of sorted) {
    if (!entry.path || entry.path.startsWith('/') || entry.path.split('/').includes('..')) throw new Error(`bad zip path: ${entry.path}`);
    if (/^\d+$/.test(entry.path)) throw new Error(`${entry.path}: a file name of digits only at the root would be reordered`);
    if (Object.hasOwn(files, entry.path)) throw new Error(`duplicate zip path: ${entry.path}`);
    files[entry.path] = [entry.data, { level: 9, mtime: ZIP_TIME, os: 3, attrs: ((entry.executable ? EXEC_MODE : FILE_MODE) << 16) >>> 0 }];
  }
  return zipSync(files);
}

/** Every file under dir, as zip entries with paths relative to dir. */
export function directoryEntries(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push({ path: relative(dir, path).split(sep).join('/'), data: readFileSync(path), executable: (statSync(path).mode & 0o111) !== 0 });
      else throw new Error(`${path}: not a file or folder`);
    }
  };
  walk(dir);
  return out;
}

function git(args: string[], cwd = ROOT): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

export interface SourceState {
  commit: string;
  commitDate: string;
  /** Tracked files whose work-tree content differs from HEAD (they go in the archive as they are on disk). */
  changed: string[];
  /** Files git does not track and does not ignore: not in the archive. */
  untracked: string[];
}

export function sourceState(cwd = ROOT): SourceState {
  const status = git(['status', '--porcelain=v1', '-z', '--untracked-files=all'], cwd).split('\0').filter(Boolean);
  return {
    commit: git(['rev-parse', 'HEAD'], cwd).trim(),
    commitDate: git(['show', '-s', '--format=%cI', 'HEAD'], cwd).trim(),
    changed: status.filter((line) => !line.startsWith('??')).map((line) => line.slice(3)),
    untracked: status.filter((line) => line.startsWith('??')).map((line) => line.slice(3)),
  };
}

/** The git-tracked files as they are in the work tree (a tracked file deleted from disk is left out). */
export function sourceEntries(cwd = ROOT): ZipEntry[] {
  const out: ZipEntry[] = [];
  for (const line of git(['ls-files', '-s', '-z'], cwd).split('\0').filter(Boolean)) {
    const [meta, path] = line.split('\t') as [string, string];
    const mode = meta.split(' ')[0];
    const full = join(cwd, path);
    if (!existsSync(full)) continue;
    if (mode === '120000' || lstatSync(full).isSymbolicLink()) throw new Error(`${path}: symbolic links are not supported in the source archive`);
    if (mode === '160000') throw new Error(`${path}: submodules are not supported in the source archive`);
    out.push({ path, data: readFileSync(full), executable: mode === '100755' });
  }
  return out;
}

function run(cmd: string, args: string[], cwd: string, quiet = true): { ok: boolean; output: string } {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

interface BuildInfo {
  version: string;
  state: SourceState;
  node: string;
  npm: string;
  chrome: ZipEntry[];
  firefox: ZipEntry[];
  zips: { chrome: string; firefox: string };
}

/** BUILD.md for add-on reviewers: what the archive is, what to install, which commands, what comes out. */
export function buildInstructions(info: BuildInfo): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; engines?: { node?: string } };
  const hashes = (entries: ZipEntry[]) =>
    [...entries]
      .sort((a, b) => (a.path < b.path ? -1 : 1))
      .map((e) => `${sha256(e.data)}  ${e.path}`)
      .join('\n');
  const changes = info.state.changed.length
    ? `, with uncommitted changes to ${info.state.changed.length} tracked file(s) included as they were: ${info.state.changed.join(', ')}`
    : '';
  return `# Building ${NAME} ${info.version} from this source

This archive holds the git-tracked files of the ${NAME} repository at commit ${info.state.commit} (${info.state.commitDate})${changes}.
Building it gives, byte for byte, the files of the two extension packages:

- \`${info.zips.firefox}\` (Firefox add-on) is \`dist/firefox/\` zipped, files at the root of the zip;
- \`${info.zips.chrome}\` (Chrome Web Store) is \`dist/chrome/\` zipped the same way.

## What you need

- Node.js ${info.node} (package.json asks for ${pkg.engines?.node ?? 'a recent Node.js'}) with npm ${info.npm}. These packages were made on ${process.platform} ${process.arch}.
- Nothing else: no other tool, no network access during the build. \`npm ci\` installs the exact versions in
  \`package-lock.json\` from the npm registry.

## Build

\`\`\`sh
npm ci
npm run build
\`\`\`

\`npm run build\` runs \`vite build --mode chrome\` then \`vite build --mode firefox\` (see \`vite.config.ts\`): it writes
\`dist/chrome/\` and \`dist/firefox/\`. Vite bundles (Rolldown) and minifies (Oxc) our TypeScript in \`src/\` with the
libraries listed under "dependencies" in package.json (${Object.keys(pkg.dependencies ?? {}).join(', ')}); no code is
generated or downloaded at build time. The shipped rule packs are the JSON files in \`src/data/\` (\`src/data/compiled/\`
is made from the others by \`npx tsx scripts/compile-packs.ts\`, and committed). The build refuses any built chunk that
parses HTML from a string or evaluates code (the \`margin:no-html-from-strings\` plugin in vite.config.ts).

## Check

After the build, \`sha256sum\` of each file under \`dist/firefox/\` should read:

\`\`\`
${hashes(info.firefox)}
\`\`\`

and under \`dist/chrome/\`:

\`\`\`
${hashes(info.chrome)}
\`\`\`

\`npm run package\` does the same check automatically: it unpacks this archive into a temporary folder, runs
\`npm ci --offline\` and \`npm run build\` there, and compares every built file with the store zips.
`;
}

/** Differences between the files of a built folder and the entries of a zip (paths missing on either side, other bytes). */
export function compareWithZip(dir: string, zip: Uint8Array): string[] {
  const packed = unzipSync(zip);
  const built = new Map(directoryEntries(dir).map((e) => [e.path, e.data]));
  const problems: string[] = [];
  for (const [path, data] of built) {
    const other = packed[path];
    if (!other) problems.push(`${path}: built, but not in the zip`);
    else if (Buffer.compare(Buffer.from(data), Buffer.from(other)) !== 0) problems.push(`${path}: different bytes (built ${sha256(data).slice(0, 12)}, zip ${sha256(other).slice(0, 12)})`);
  }
  for (const path of Object.keys(packed)) if (!built.has(path)) problems.push(`${path}: in the zip, not built`);
  return problems;
}

function parseArgs(argv: string[]): { out: string; verify: boolean; keep: boolean } {
  let out = join(ROOT, 'artifacts', 'package');
  let verify = true;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') out = resolve(argv[++i] ?? '');
    else if (arg.startsWith('--out=')) out = resolve(arg.slice('--out='.length));
    else if (arg === '--no-verify') verify = false;
    else if (arg === '--keep') keep = true;
    else throw new Error(`unknown option ${arg} (use --out DIR, --no-verify, --keep)`);
  }
  return { out, verify, keep };
}

/** Installs and builds an unpacked source archive; returns how the packages were installed. */
function rebuild(dir: string): string {
  const ci = ['ci', '--no-audit', '--no-fund'];
  let how = 'npm ci --offline';
  let install = run('npm', [...ci, '--offline'], dir);
  if (!install.ok) {
    console.log('  npm ci --offline: a package is not in npm\'s cache; trying npm ci --prefer-offline (fetches only what is missing)');
    how = 'npm ci --prefer-offline';
    install = run('npm', [...ci, '--prefer-offline'], dir);
  }
  if (!install.ok) throw new Error(`${how} failed in the unpacked source archive:\n${install.output.slice(-4000)}`);
  const build = run('npm', ['run', 'build'], dir);
  if (!build.ok) throw new Error(`npm run build failed in the unpacked source archive:\n${build.output.slice(-4000)}`);
  return how;
}

async function main(): Promise<void> {
  const { out, verify, keep } = parseArgs(process.argv.slice(2));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { version: string };
  if (pkg.version !== manifest.version) throw new Error(`package.json version ${pkg.version} differs from manifest.json version ${manifest.version}`);
  const version = manifest.version;

  const state = sourceState();
  if (state.changed.length) console.warn(`warning: ${state.changed.length} tracked file(s) differ from HEAD; the archive takes them as they are: ${state.changed.join(', ')}`);
  const untrackedSources = state.untracked.filter((path) => !/^(\.scratch|artifacts)\//.test(path));
  if (untrackedSources.length) console.warn(`warning: untracked files are not in the source archive (the rebuild will tell if the build needs them): ${untrackedSources.join(', ')}`);

  console.log('building (npm run build)…');
  const build = run('npm', ['run', 'build'], ROOT);
  if (!build.ok) throw new Error(`npm run build failed:\n${build.output.slice(-4000)}`);

  const chrome = directoryEntries(join(ROOT, 'dist', 'chrome'));
  const firefox = directoryEntries(join(ROOT, 'dist', 'firefox'));
  const zips = { chrome: `${NAME}-${version}-chrome.zip`, firefox: `${NAME}-${version}-firefox.zip`, source: `${NAME}-${version}-source.zip` };
  const node = process.version;
  const npm = run('npm', ['--version'], ROOT).output.trim();
  const instructions = buildInstructions({ version, state, node, npm, chrome, firefox, zips });
  const sources = sourceEntries();
  if (sources.some((e) => e.path === 'BUILD.md')) throw new Error('BUILD.md is tracked: the source archive writes its own');
  const archives: [string, Uint8Array][] = [
    [zips.chrome, zipEntries(chrome)],
    [zips.firefox, zipEntries(firefox)],
    [zips.source, zipEntries([...sources, { path: 'BUILD.md', data: Buffer.from(instructions) }])],
  ];
  mkdirSync(out, { recursive: true });
  for (const [name, data] of archives) writeFileSync(join(out, name), data);
  writeFileSync(join(out, 'SHA256SUMS'), archives.map(([name, data]) => `${sha256(data)}  ${name}\n`).join(''));
  for (const [name, data] of archives) console.log(`  ${relative(ROOT, join(out, name))}  ${(data.length / 1024).toFixed(0)} KB  sha256 ${sha256(data).slice(0, 16)}…`);
  console.log(`  ${sources.length} tracked files + BUILD.md in the source archive; ${chrome.length} files in the Chrome zip, ${firefox.length} in the Firefox zip`);
  if (!verify) return;

  const work = mkdtempSync(join(tmpdir(), `${NAME}-source-`));
  try {
    console.log(`verifying: unpacking ${zips.source} into ${work}, installing and building there…`);
    for (const [path, data] of Object.entries(unzipSync(archives[2]![1]))) {
      const target = join(work, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    const how = rebuild(work);
    const problems = [
      ...compareWithZip(join(work, 'dist', 'chrome'), archives[0]![1]).map((p) => `chrome: ${p}`),
      ...compareWithZip(join(work, 'dist', 'firefox'), archives[1]![1]).map((p) => `firefox: ${p}`),
    ];
    if (problems.length) {
      console.error(`NOT reproducible: building from the source archive gives other files than the store zips:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
      return;
    }
    console.log(`reproducible: built from the source archive (${how}, npm run build), all ${chrome.length} Chrome and ${firefox.length} Firefox files are byte for byte those of the store zips`);
  } finally {
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
