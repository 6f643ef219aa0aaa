// Conventions of the detection core: one job per module said in its first line, no DOM or browser APIs, and a test file per rule family.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '../../src/core/findings';

const coreDir = new URL('../../src/core/', import.meta.url);
const testDir = new URL('./', import.meta.url);
/** The detection modules (other src/core modules belong to annotations and have their own tests). */
const DETECTION_MODULES = [
  'analyze.ts',
  'attribution.ts',
  'blocks.ts',
  'boilerplate.ts',
  'builtin-sources.ts',
  'compile.ts',
  'inflect.ts',
  'loaded-terms.ts',
  'pack.ts',
  'quotes.ts',
  'sources.ts',
  'token-trie.ts',
  'tokens.ts',
];

describe('detection modules', () => {
  it.each(DETECTION_MODULES)('%s exists and says what it is for in its first line', (file) => {
    expect(readdirSync(coreDir)).toContain(file);
    const firstLine = readFileSync(new URL(file, coreDir), 'utf8').split('\n', 1)[0]!;
    expect(firstLine).toMatch(/^\/\/ \S.{20,}/);
  });

  it.each(DETECTION_MODULES)('%s uses no DOM or browser API', (file) => {
    const source = readFileSync(new URL(file, coreDir), 'utf8');
    expect(source).not.toMatch(/\b(?:document|window|navigator|browser|chrome)\.\w/);
    expect(source).not.toMatch(/from ['"](?:webextension-polyfill|node:)/);
  });

  it('has a test file for every finding kind', () => {
    const tests = readdirSync(testDir);
    const files: Record<string, string> = { attribution: 'detect-attribution.test.ts', boilerplate: 'detect-boilerplate.test.ts', loaded: 'detect-loaded-terms.test.ts' };
    for (const kind of FINDING_KINDS) expect(tests).toContain(files[kind]);
  });
});
