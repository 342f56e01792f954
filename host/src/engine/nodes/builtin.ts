/** The built-in `core.*` node types. */
import { sideEffectNode } from './conformance.js';
import { InterruptTimeoutError, NodeFailure, type InterruptKind, type NodeImplementation } from './node-types.js';

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

/** Rethrows a timeout of `ctx.interrupt` as the node failure `code`; other errors pass through. */
function failOnTimeout(code: string, message: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof InterruptTimeoutError)
      throw new NodeFailure(code, message, { details: { reason: 'timeout', interruptId: error.interruptId } });
    throw error;
  };
}

const TIMEOUT_SCHEMA = { type: 'integer', minimum: 1, maximum: MAX_DELAY_MS };

/**
 * `core.approvalGate`: asks a human to approve (an `approval` interrupt; the run waits in `waiting-approval`).
 * `accept` and `edit-accept` complete the node (`approved: true`; `artifactData` is the edited artifact after an
 * edit); `refine` completes it with `approved: false` and the feedback, for the workflow to route on; `reject` fails
 * it with `approval_rejected` (not retryable), which fails the run unless an `any_failed`/`all_complete` edge routes
 * the failure. A `timeoutMs` that passes unanswered is a rejection too: a timeout never approves, whatever
 * `onTimeout` says. `requiredApprovals` > 1 needs that many distinct voters (`resumeValue.voter`); with
 * `rejectionPolicy: "majority"` floor(n/2)+1 rejects decide, otherwise one reject does.
 */
export const approvalGateNode: NodeImplementation = {
  configSchema: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      description: { type: 'string' },
      actions: {
        type: 'array',
        minItems: 1,
        items: { enum: ['accept', 'reject', 'refine', 'edit', 'edit-accept', 'ask'] },
      },
      artifactId: { type: 'string', minLength: 1 },
      artifactType: { type: 'string', minLength: 1 },
      requiredApprovals: { type: 'integer', minimum: 1 },
      rejectionPolicy: { enum: ['majority', 'single-veto', 'first'] },
      approversList: { type: 'array', items: { type: 'string' } },
      timeoutMs: TIMEOUT_SCHEMA,
      onTimeout: { type: 'string' },
      profile: { type: 'string' },
    },
  },
  async run(input, ctx) {
    const config = ctx.config as {
      title?: string;
      description?: string;
      actions?: string[];
      artifactId?: string;
      artifactType?: string;
      artifactData?: unknown;
      requiredApprovals?: number;
      rejectionPolicy?: string;
      approversList?: string[];
      timeoutMs?: number;
      profile?: string;
    };
    // The request side spells edit-accept `edit` (interrupts.md §2).
    const actions = [
      ...new Set((config.actions ?? ['accept', 'reject']).map((a) => (a === 'edit-accept' ? 'edit' : a))),
    ];
    const artifactData = config.artifactData ?? input.artifactData ?? input;
    const decision = await ctx
      .interrupt<Record<string, unknown>>({
        kind: 'approval',
        data: {
          artifactId: config.artifactId ?? `${ctx.runId}:${ctx.nodeId}`,
          artifactType: config.artifactType ?? 'workflow-gate',
          title: config.title ?? `Approve ${ctx.nodeId}`,
          ...(config.description !== undefined ? { description: config.description } : {}),
          artifactData,
          actions,
          ...(config.requiredApprovals !== undefined ? { requiredApprovals: config.requiredApprovals } : {}),
          ...(config.rejectionPolicy !== undefined ? { rejectionPolicy: config.rejectionPolicy } : {}),
          ...(config.approversList !== undefined ? { approversList: config.approversList } : {}),
          // The interrupt profile travels with the request: `openwop-interrupt-auth-required` refuses token resolves.
          ...(config.profile !== undefined ? { profile: config.profile } : {}),
        },
        ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      })
      .catch(failOnTimeout('approval_rejected', `approval at "${ctx.nodeId}" timed out, which rejects it`));
    const action = decision.action as string;
    if (action === 'reject') {
      throw new NodeFailure('approval_rejected', `approval at "${ctx.nodeId}" was rejected`, {
        details: {
          decidedBy: decision.decidedBy,
          ...(decision.feedback !== undefined ? { feedback: decision.feedback } : {}),
        },
      });
    }
    const approved = action === 'accept' || action === 'edit-accept';
    return {
      ...decision,
      approved,
      artifactData: action === 'edit-accept' ? decision.editedArtifactData : artifactData,
    };
  },
};

/** `core.clarificationGate`: asks `config.questions` (`[{ id, question, schema? }]`); outputs `{ answers }`. */
export const clarificationGateNode: NodeImplementation = {
  configSchema: {
    type: 'object',
    required: ['questions'],
    properties: {
      questions: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['id', 'question'],
          properties: {
            id: { type: 'string', minLength: 1 },
            question: { type: 'string' },
            schema: { type: 'object' },
          },
        },
      },
      contextType: { type: 'string' },
      timeoutMs: TIMEOUT_SCHEMA,
    },
  },
  async run(_input, ctx) {
    const { questions, contextType, timeoutMs } = ctx.config as {
      questions: unknown[];
      contextType?: string;
      timeoutMs?: number;
    };
    const answer = await ctx
      .interrupt<{ answers: Record<string, unknown> }>({
        kind: 'clarification',
        data: { questions, ...(contextType !== undefined ? { contextType } : {}) },
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      })
      .catch(failOnTimeout('interrupt_timeout', `clarification at "${ctx.nodeId}" timed out`));
    return { answers: answer.answers };
  },
};

/**
 * `core.interrupt`: raises an interrupt of `config.kind` with `config.data` (and `timeoutMs`, `resumeSchema`,
 * `key`); outputs `{ resumeValue }`, plus `eventPayload` for an external event. A timeout fails the node with
 * `interrupt_timeout`.
 */
export const interruptNode: NodeImplementation = {
  configSchema: {
    type: 'object',
    required: ['kind', 'data'],
    properties: {
      kind: { enum: ['approval', 'clarification', 'external-event', 'custom'] },
      data: { type: 'object' },
      key: { type: 'string', minLength: 1 },
      resumeSchema: { type: 'object' },
      timeoutMs: TIMEOUT_SCHEMA,
    },
  },
  async run(_input, ctx) {
    const config = ctx.config as {
      kind: InterruptKind;
      data: Record<string, unknown>;
      key?: string;
      resumeSchema?: Record<string, unknown>;
      timeoutMs?: number;
    };
    const value = await ctx
      .interrupt<unknown>({
        kind: config.kind,
        data: config.data,
        ...(config.key !== undefined ? { key: config.key } : {}),
        ...(config.resumeSchema !== undefined ? { resumeSchema: config.resumeSchema } : {}),
        ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      })
      .catch(failOnTimeout('interrupt_timeout', `interrupt at "${ctx.nodeId}" timed out`));
    const eventPayload = (value as { eventPayload?: unknown } | undefined)?.eventPayload;
    return { resumeValue: value, ...(config.kind === 'external-event' ? { eventPayload } : {}) };
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
  'core.approvalGate': approvalGateNode,
  'core.clarificationGate': clarificationGateNode,
  'core.interrupt': interruptNode,
  // The replay fixtures' durable hold: a `core.delay` under the name they use.
  'core.conformance.hold': delayNode,
  'core.conformance.side-effect': sideEffectNode,
};
