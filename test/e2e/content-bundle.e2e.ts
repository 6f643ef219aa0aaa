// What every page loads: the built content script (dist/<browser>/content.js). The analyser, the rule packs and the
// public suffix list stay in the background (messages.ts page/analyze); a stray import would put them back into every
// page's start-up without any test of behaviour noticing. Runs after the build, with the end-to-end tests.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness';

const BUILDS = ['chrome', 'firefox'] as const;

describe('the content script', () => {
  it.each(BUILDS)('in dist/%s carries no analyser, no pack and no public suffix list', (build) => {
    const file = join(REPO_ROOT, 'dist', build, 'content.js');
    const code = readFileSync(file, 'utf8');
    // Texts that only the packs hold (a loaded term's explanation, an outlet's provenance), and the suffix list.
    const builtin = readFileSync(join(REPO_ROOT, 'src', 'data', 'compiled', 'builtin.ts'), 'utf8');
    expect(builtin).toContain('perennial sources');
    expect(code).not.toContain('perennial sources');
    expect(code).not.toMatch(/\bkyoto\b/);
    // The extraction, the text map and the UI: under 128 KiB (94 KiB today; 576 KiB while it analysed in the page).
    expect(statSync(file).size).toBeLessThan(128 * 1024);
  });
});
