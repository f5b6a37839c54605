import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium: one file at a time, generous timeouts, no retries hiding flakes.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
