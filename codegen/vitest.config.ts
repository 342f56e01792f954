// Tests of the generators: unit tests beside each generator and snapshot tests of a small fixture contract.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'codegen',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
  },
});
