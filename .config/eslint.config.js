// Lint rules: TypeScript recommended, marked type-only imports, and the host's one-way layering (http → engine ← storage).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, message, patterns) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }],
  },
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/*.gen.ts', '**/.wopkit/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]",
          message: 'focused tests must not be committed',
        },
      ],
    },
  },
  layer(['host/src/engine/**/*.ts'], 'engine/ is pure: no HTTP, no SQL, no other layer (declare a port instead).', [
    ['koa', 'koa/*', '@koa/*', 'kysely', 'kysely/*', 'pg', 'better-sqlite3', 'openapi-backend'],
    ['**/http/**', '**/storage/**', '**/delivery/**', '../http/*', '../storage/*', '../delivery/*'],
  ]),
  layer(['host/src/storage/**/*.ts'], 'storage/ implements engine ports and must not know the HTTP layer.', [
    ['koa', 'koa/*', '@koa/*', 'openapi-backend'],
    ['**/http/**', '../http/*'],
  ]),
  layer(
    ['host/src/delivery/**/*.ts'],
    "delivery/ implements the engine's webhook transport (outbound HTTP): no inbound HTTP layer, no SQL.",
    [
      ['koa', 'koa/*', '@koa/*', 'openapi-backend', 'kysely', 'kysely/*', 'pg', 'better-sqlite3'],
      ['**/http/**', '**/storage/**', '../http/*', '../storage/*'],
    ],
  ),
  layer(['host/src/http/**/*.ts'], 'http/ talks to the engine; only host.ts wires storage in.', [
    ['kysely', 'kysely/*', 'pg', 'better-sqlite3'],
    ['**/storage/**', '../storage/*', '../../storage/*', '**/delivery/**', '../delivery/*', '../../delivery/*'],
  ]),
);
