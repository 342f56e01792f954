/** Vitest configuration of @wopkit/host: unit tests beside the code, cross-package tests in test/. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sdkSource = (file: string) => fileURLToPath(new URL(`../sdk-ts/src/${file}`, import.meta.url));

export default defineConfig({
  // Contract tests call the host through the SDK's source, so they need no build step first.
  resolve: {
    alias: [
      { find: /^@wopkit\/sdk\/mocks$/, replacement: sdkSource('mocks/index.ts') },
      { find: /^@wopkit\/sdk$/, replacement: sdkSource('index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Provides a PostgreSQL server to storage tests (starting a throwaway one if none is configured).
    globalSetup: ['test/global-setup.ts'],
    // Storage tests create a database per test and some spawn processes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
