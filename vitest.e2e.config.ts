import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium and Firefox with the built extension; one file at a time,
// since two browsers at once would fight over 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // Builds first when .output/ is missing or older than the sources.
    globalSetup: ['tests/support/e2e-build.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
  resolve: { alias: { '@': process.cwd() } },
});
