/** Vitest configuration of @wopkit/host: unit tests beside the code, cross-package tests in test/. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Provides a PostgreSQL server to storage tests (starting a throwaway one if none is configured).
    globalSetup: ['test/global-setup.ts'],
    // Storage tests create a database per test and some spawn processes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
