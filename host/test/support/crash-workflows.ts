/** Workflows and helpers shared by the crash test and its child-process host. */

/** The API key of the crash-test host. */
export const CRASH_TEST_KEY = 'crash-test-key-0001';

const node = (id: string, typeId: string, config: Record<string, unknown> = {}) => ({
  id,
  typeId,
  name: id,
  position: { x: 0, y: 0 },
  config,
  inputs: {},
});

const base = { triggers: [{ id: 'manual', type: 'manual' }], variables: [], metadata: {}, settings: {} };

/** A chain with a durable timer in the middle and side effects around it. */
export const delayChain = {
  ...base,
  id: 'crash-delay-chain',
  name: 'delay chain',
  version: '1',
  nodes: [node('before', 'test.effect'), node('wait', 'core.delay', { delayMs: 400 }), node('after', 'test.effect')],
  edges: [
    { id: 'e1', sourceNodeId: 'before', targetNodeId: 'wait' },
    { id: 'e2', sourceNodeId: 'wait', targetNodeId: 'after' },
  ],
};

/** Ten side-effecting nodes fanned out from one and joined into one. */
export const fanOut = {
  ...base,
  id: 'crash-fan-out',
  name: 'fan out',
  version: '1',
  nodes: [
    node('start', 'core.noop'),
    ...Array.from({ length: 8 }, (_, i) => node(`branch-${i}`, 'test.effect')),
    node('join', 'test.effect'),
  ],
  edges: [
    ...Array.from({ length: 8 }, (_, i) => ({ id: `out-${i}`, sourceNodeId: 'start', targetNodeId: `branch-${i}` })),
    ...Array.from({ length: 8 }, (_, i) => ({ id: `in-${i}`, sourceNodeId: `branch-${i}`, targetNodeId: 'join' })),
  ],
};

/** A parent whose middle node runs the delay chain as a child run. */
export const parent = {
  ...base,
  id: 'crash-parent',
  name: 'parent',
  version: '1',
  nodes: [
    node('first', 'test.effect'),
    node('call', 'core.subWorkflow', { workflowId: 'crash-delay-chain' }),
    node('last', 'test.effect'),
  ],
  edges: [
    { id: 'p1', sourceNodeId: 'first', targetNodeId: 'call' },
    { id: 'p2', sourceNodeId: 'call', targetNodeId: 'last' },
  ],
};

/** Every crash-test workflow. */
export const crashWorkflows = [delayChain, fanOut, parent];
