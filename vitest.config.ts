// Unit tests: the pure core, the storage and the message router (fake-indexeddb), DOM helpers under happy-dom.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 2,
    // Generous: CI machines are shared; speed is measured by npm run bench, never asserted in unit tests.
    testTimeout: 60_000,
  },
});
