// End-to-end tests: the built extension (dist/chrome, dist/firefox) in real headless Chromium and Firefox ESR.
// Build first (`npm run build`). One file at a time (2 cores, and each file launches browsers).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    // Long round trips (teacher pack, classroom) take 2-6 s alone but twice passed 60 s on a machine at load 10+.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // A browser test that fails once is reported as failed: no retries that would hide flakiness.
    retry: 0,
  },
});
