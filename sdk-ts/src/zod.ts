// @wopkit/sdk/zod: the contract's zod schemas, for callers who want to validate data themselves.
export * from './generated/zod.gen.js';
