// The store zips and the source archive (scripts/package.ts): reproducible bytes, the files git tracks and no
// others, and a comparison that notices any difference between a build and a zip.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, test } from 'vitest';
import { compareWithZip, sourceEntries, zipEntries, type ZipEntry } from '../../scripts/package';

const bytes = (text: string) => new TextEncoder().encode(text);
const entries: ZipEntry[] = [
  { path: 'manifest.json', data: bytes('{"manifest_version":3}') },
  { path: 'assets/a.js', data: bytes('console.log(1)'.repeat(100)) },
  { path: 'src/popup/index.html', data: bytes('<!doctype html>') },
  { path: 'run.sh', data: bytes('#!/bin/sh\n'), executable: true },
];

describe('package zips', () => {
  const zone = process.env.TZ;
  const dirs: string[] = [];
  afterEach(() => {
    process.env.TZ = zone;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('the same entries give the same bytes, in any order, at any time and in any time zone', async () => {
    process.env.TZ = 'UTC';
    const first = zipEntries(entries);
    await new Promise((r) => setTimeout(r, 1100));
    process.env.TZ = 'Pacific/Kiritimati';
    const second = zipEntries([...entries].reverse());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const unpacked = unzipSync(first);
    expect(Object.keys(unpacked)).toEqual(['assets/a.js', 'manifest.json', 'run.sh', 'src/popup/index.html']);
    expect(new TextDecoder().decode(unpacked['manifest.json'])).toBe('{"manifest_version":3}');
  });

  test('refuses paths that would escape or collide', () => {
    expect(() => zipEntries([{ path: '../x', data: bytes('') }])).toThrow(/bad zip path/);
    expect(() => zipEntries([{ path: '/etc/x', data: bytes('') }])).toThrow(/bad zip path/);
    expect(() => zipEntries([entries[0]!, entries[0]!])).toThrow(/duplicate/);
  });

  test('a build is compared with a zip byte for byte, both ways', () => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-zip-test-'));
    dirs.push(dir);
    for (const entry of entries) {
      mkdirSync(join(dir, entry.path, '..'), { recursive: true });
      writeFileSync(join(dir, entry.path), entry.data);
    }
    const zip = zipEntries(entries);
    expect(compareWithZip(dir, zip)).toEqual([]);
    writeFileSync(join(dir, 'assets/a.js'), 'console.log(2)'.repeat(100));
    writeFileSync(join(dir, 'extra.txt'), 'x');
    rmSync(join(dir, 'run.sh'));
    const problems = compareWithZip(dir, zip);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/assets\/a\.js: different bytes/);
    expect(problems.join('\n')).toMatch(/extra\.txt: built, but not in the zip/);
    expect(problems.join('\n')).toMatch(/run\.sh: in the zip, not built/);
  });

  test('the source archive takes the files git tracks: sources and lock file, never node_modules, dist or artifacts', () => {
    const paths = sourceEntries().map((e) => e.path);
    for (const needed of ['package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'src/background/index.ts', 'scripts/run-tests.mjs']) {
      expect(paths, needed).toContain(needed);
    }
    expect(paths.filter((p) => /^(node_modules|dist|artifacts|\.scratch)\//.test(p))).toEqual([]);
    expect(paths).not.toContain('BUILD.md');
  });
});
