// The root test command: every package's vitest project in one run.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    projects: ['codegen', 'sdk-ts', 'host'],
  },
});
