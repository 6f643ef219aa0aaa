// `npm run bench:floor`: `npm run bench`'s run (bench/run.ts, same pages, same rows, same ratio line) on a build whose
// extraction can hardly cost less (bench/floor-article-code.ts: the parent of the page's first long paragraph).
// Everything else is the real pipeline, so its figures are what any extraction of ours would add to: the least our
// pipeline can cost a page, measured against Readability in the same run. The build goes to
// bench/.build/extension-floor and is never shipped.
//
//   tsx bench/floor.ts PAGES_DIR [bench/run.ts's options]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildExtensionApart } from './build';

process.stderr.write('bench/floor: building the extension with next to no extraction ...\n');
const extensionDir = buildExtensionApart('extension-floor', { MARGIN_FLOOR_EXTRACTOR: '1' });
const run = spawnSync('npx', ['tsx', join(import.meta.dirname, 'run.ts'), ...process.argv.slice(2), '--extension', extensionDir], { stdio: 'inherit' });
process.exit(run.status ?? 1);
