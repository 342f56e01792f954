/** A node type the conformance replay fixtures use: a node with an external effect. */
import type { NodeImplementation } from './node-types.js';

/**
 * `core.conformance.side-effect`: stands for a call to an external system. It is marked `sideEffects`, so a replay
 * fork never runs it again: it reuses the source's recorded outcome or fails with `replay_source_missing`.
 */
export const sideEffectNode: NodeImplementation = {
  configSchema: { type: 'object' },
  sideEffects: true,
  run: (_input, ctx) => ({ effectKey: ctx.effectKey }),
};
