/** The built-in `core.*` node types. */
import { sideEffectNode } from './conformance.js';
import { NodeFailure, type NodeImplementation } from './node-types.js';

const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

function numberFrom(...candidates: unknown[]): number | undefined {
  for (const candidate of candidates) {
    const value = typeof candidate === 'string' && candidate.trim() !== '' ? Number(candidate) : candidate;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}

/** `core.noop`: completes at once with no outputs. */
export const noopNode: NodeImplementation = {
  configSchema: { type: 'object' },
  run: () => ({}),
};

/** `core.identity`: outputs exactly its resolved inputs (e.g. `payload` in → `payload` out). */
export const identityNode: NodeImplementation = {
  configSchema: { type: 'object' },
  run: (input) => ({ ...input }),
};

/**
 * `core.delay`: a durable timer. Waits `delayMs` (from config, the `delayMs` input, or the run variable of that
 * name) without holding a worker; survives restarts.
 */
export const delayNode: NodeImplementation = {
  configSchema: {
    type: 'object',
    properties: {
      delayMs: { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS },
      ms: { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS },
    },
  },
  run(input, ctx) {
    if (ctx.resume?.kind === 'timer') return {};
    const delayMs = numberFrom(ctx.config.delayMs, ctx.config.ms, input.delayMs, input.ms, ctx.variables.delayMs) ?? 0;
    const clamped = Math.min(Math.max(0, Math.floor(delayMs)), MAX_DELAY_MS);
    return ctx.sleepUntil(ctx.now().getTime() + clamped);
  },
};

/** `core.fail`: always fails, with `config.code`/`config.message` or the conformance defaults. */
export const failNode: NodeImplementation = {
  configSchema: {
    type: 'object',
    properties: { code: { type: 'string', minLength: 1 }, message: { type: 'string' } },
  },
  run(_input, ctx) {
    const code = typeof ctx.config.code === 'string' ? ctx.config.code : 'conformance_test_failure';
    const message = typeof ctx.config.message === 'string' ? ctx.config.message : 'Intentional conformance failure';
    throw new NodeFailure(code, message);
  },
};

/**
 * `core.channelWrite`: writes `config.value` (or the `value` input) to the channel named by `config.channel` (or
 * `config.channelName`). For a channel the workflow does not declare, `config.reducer`, `config.ttlMs` and
 * `config.maxSize` describe how the write is reduced. Outputs what it wrote.
 */
export const channelWriteNode: NodeImplementation = {
  configSchema: {
    type: 'object',
    anyOf: [{ required: ['channel'] }, { required: ['channelName'] }],
    properties: {
      channel: { type: 'string', minLength: 1 },
      channelName: { type: 'string', minLength: 1 },
      reducer: { type: 'string', minLength: 1 },
      ttlMs: { type: 'integer', minimum: 1 },
      maxSize: { type: 'integer', minimum: 1 },
    },
  },
  run(input, ctx) {
    const channel = String(ctx.config.channel ?? ctx.config.channelName);
    const value = 'value' in input ? input.value : ctx.config.value;
    const { reducer, ttlMs, maxSize } = ctx.config as { reducer?: string; ttlMs?: number; maxSize?: number };
    ctx.writeChannel(channel, value, {
      ...(reducer !== undefined ? { reducer } : {}),
      ...(ttlMs !== undefined ? { ttlMs } : {}),
      ...(maxSize !== undefined ? { maxSize } : {}),
    });
    return { channel, value };
  },
};

/**
 * `core.subWorkflow` (also `core.control.subWorkflow`): starts a child run of `config.workflowId` with the node's
 * resolved inputs (over `config.inputs`) and suspends until the child ends. A completed child completes the node with
 * the child's outputs plus `childRunId` and `childStatus`, and copies child variables into parent variables per
 * `config.outputMapping` (`{ parentVariable: childVariable }`). A failed or cancelled child fails the node unless
 * `config.onChildFailure` is `"continue"`.
 */
export const subWorkflowNode: NodeImplementation = {
  configSchema: {
    type: 'object',
    required: ['workflowId'],
    properties: {
      workflowId: { type: 'string', minLength: 1 },
      inputs: { type: 'object' },
      outputMapping: { type: 'object', additionalProperties: { type: 'string' } },
      onChildFailure: { enum: ['fail-parent', 'continue'] },
      waitForCompletion: { type: 'boolean' },
    },
  },
  run(input, ctx) {
    const resume = ctx.resume;
    if (resume?.kind === 'child') {
      const summary = { childRunId: resume.childRunId, childStatus: resume.status };
      if (resume.status !== 'completed') {
        if (ctx.config.onChildFailure === 'continue') return { ...summary, childError: resume.error };
        throw new NodeFailure('child_run_failed', `child run ${resume.childRunId} ended ${resume.status}`, {
          details: { ...summary, childError: resume.error },
        });
      }
      const mapping = (ctx.config.outputMapping ?? {}) as Record<string, string>;
      for (const [parentVariable, childVariable] of Object.entries(mapping)) {
        ctx.setVariable(parentVariable, resume.variables[childVariable]);
      }
      return { ...resume.outputs, ...summary };
    }
    const configured = (ctx.config.inputs ?? {}) as Record<string, unknown>;
    return ctx.startChildRun({ workflowId: String(ctx.config.workflowId), inputs: { ...configured, ...input } });
  },
};

/** Every built-in node type by `typeId`. */
export const builtinNodes: Record<string, NodeImplementation> = {
  'core.noop': noopNode,
  'core.identity': identityNode,
  'core.delay': delayNode,
  'core.fail': failNode,
  'core.channelWrite': channelWriteNode,
  'core.subWorkflow': subWorkflowNode,
  'core.control.subWorkflow': subWorkflowNode,
  // The replay fixtures' durable hold: a `core.delay` under the name they use.
  'core.conformance.hold': delayNode,
  'core.conformance.side-effect': sideEffectNode,
};
