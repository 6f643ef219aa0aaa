// The commit a bench measured, for its report's header.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_DIR = resolve(import.meta.dirname, '..');

/** The commit measured, and whether src/ differs from it (the benches build or bundle the working tree). */
export function sourceVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_DIR, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown commit';
  }
}
