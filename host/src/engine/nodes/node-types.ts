/** The node-type contract: what a node implementation receives and may return. */
import type { Logger } from '../../logger.js';

/** A failure a node reports on purpose; `code` becomes the `error.code` of `node.failed`. */
export class NodeFailure extends Error {
  override readonly name = 'NodeFailure';
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  /** Whether retrying the same work could succeed. */
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
  }
}

/** Why a node is being invoked again after it suspended. */
export type NodeResume =
  | { kind: 'timer' }
  | {
      kind: 'interrupt';
      interruptId: string;
      /** `resolved` through the API, or `timed-out` when its `timeoutMs` passed first. */
      outcome: 'resolved' | 'timed-out';
      /** The (normalised) resume value; `undefined` after a timeout. */
      value: unknown;
    }
  | {
      kind: 'child';
      childRunId: string;
      status: string;
      /** The child run's outputs (its sink nodes' outputs). */
      outputs: Record<string, unknown>;
      /** The child run's variables as its snapshot shows them. */
      variables: Record<string, unknown>;
      error: unknown;
    };

/** How a write to an undeclared channel is reduced (a node may describe the channel it writes). */
export interface ChannelWriteOptions {
  reducer?: string;
  ttlMs?: number;
  maxSize?: number;
}

/** A request to start a child run (`core.subWorkflow`). */
export interface ChildRunRequest {
  workflowId: string;
  inputs: Record<string, unknown>;
}

/** What a node sees while it runs. */
export interface NodeContext {
  runId: string;
  nodeId: string;
  typeId: string;
  /** The node's `config`, as registered. */
  config: Record<string, unknown>;
  /** The run's `configurable` overlay (read-only). */
  configurable: Readonly<Record<string, unknown>>;
  /** Workflow variables and run inputs as of the start of this step (read-only). */
  variables: Readonly<Record<string, unknown>>;
  /**
   * Stable across retries and crash recovery: `<runId>:<nodeId>:<ordinal>` where the ordinal counts this node's
   * executions in the run. Pass it to external systems as an idempotency key.
   */
  effectKey: string;
  /** Aborted when the run is cancelled or the host shuts down. */
  signal: AbortSignal;
  logger: Logger;
  /** The current time according to the engine's clock. */
  now(): Date;
  /** Set when the node is invoked again after a suspension. */
  resume: NodeResume | undefined;
  /** Current (reduced) value of a channel. */
  readChannel(name: string): unknown;
  /**
   * Writes to a channel; applied through its reducer when the step commits. A channel the workflow does not declare
   * uses `options` (default reducer `replace`).
   */
  writeChannel(name: string, value: unknown, options?: ChannelWriteOptions): void;
  /** Sets a workflow variable when the step commits (emits `variable.changed`). */
  setVariable(name: string, value: unknown): void;
  /** Suspends the node until `epochMs` without holding a worker; the node runs again with `resume.kind === 'timer'`. */
  sleepUntil(epochMs: number): NodeSuspension;
  /** Starts a child run and suspends until it ends; the node runs again with `resume.kind === 'child'`. */
  startChildRun(request: ChildRunRequest): NodeSuspension;
  /**
   * Pauses the node until someone outside the engine answers (human in the loop, external event) and returns the
   * resume value. The first call suspends the node durably (it holds no worker while it waits); the node is then
   * invoked again from the top, and this call, reached again in the same order, returns the recorded answer at
   * once. Rejects with {@link InterruptTimeoutError} when `timeoutMs` passed first. Code before the call must be
   * deterministic; do side effects after it, keyed by `effectKey`.
   * @example
   * const answer = await ctx.interrupt<{ answers: Record<string, unknown> }>({
   *   kind: 'clarification',
   *   data: { questions: [{ id: 'q1', question: 'Which region?' }] },
   * });
   * return { region: answer.answers.q1 };
   */
  interrupt<T = unknown>(request: InterruptRequest): Promise<T>;
  /** {@link NodeContext.interrupt} with the older field names (`reason`, `resumeKey`, `answerSchema`). */
  suspend<T = unknown>(request: LegacySuspendRequest): Promise<T>;
}

/** Interrupt kinds a node may raise on this host. */
export type InterruptKind = 'approval' | 'clarification' | 'external-event' | 'custom';

/** What a node asks for when it calls {@link NodeContext.interrupt}. */
export interface InterruptRequest {
  kind: InterruptKind;
  /** Identity of this raise; default `<runId>:<nodeId>:<n>`, where n counts the node's earlier interrupts. */
  key?: string;
  /** Kind-specific data: approval `{ artifactId, artifactType, title, artifactData, actions, … }`,
   * clarification `{ questions: [{ id, question, schema? }] }`, external-event `{ eventType, correlation }`,
   * custom `{ customKind, payload? }`. */
  data: Record<string, unknown>;
  /** JSON Schema (2020-12) the resume value must satisfy before it is accepted. */
  resumeSchema?: Record<string, unknown>;
  /** Time after which the interrupt times out (the call rejects with {@link InterruptTimeoutError}). */
  timeoutMs?: number;
}

/** The pre-v1 spelling of {@link InterruptRequest}. */
export interface LegacySuspendRequest {
  reason: InterruptKind;
  resumeKey?: string;
  data: Record<string, unknown>;
  answerSchema?: Record<string, unknown>;
  timeoutMs?: number;
}

/** Rejection of {@link NodeContext.interrupt} when the interrupt's `timeoutMs` passed before anyone answered. */
export class InterruptTimeoutError extends Error {
  override readonly name = 'InterruptTimeoutError';
  readonly interruptId: string;

  constructor(interruptId: string) {
    super(`interrupt "${interruptId}" timed out`);
    this.interruptId = interruptId;
  }
}

/**
 * Rejection of {@link NodeContext.interrupt} for an interrupt whose run was cancelled. A cancel ends the run
 * without invoking the node again, so node code only meets it when it re-raises an interrupt it already lost.
 */
export class InterruptCancelledError extends Error {
  override readonly name = 'InterruptCancelledError';
  readonly interruptId: string;

  constructor(interruptId: string) {
    super(`interrupt "${interruptId}" was cancelled`);
    this.interruptId = interruptId;
  }
}

const SUSPENSION = Symbol('wopkit.suspension');

/** A suspension a node returns (from `ctx.sleepUntil` or `ctx.startChildRun`). */
export interface NodeSuspension {
  readonly [SUSPENSION]: { kind: 'timer'; wakeAt: number } | { kind: 'child'; request: ChildRunRequest };
}

/** Creates a suspension value (engine use). @internal */
export function suspension(value: NodeSuspension[typeof SUSPENSION]): NodeSuspension {
  return { [SUSPENSION]: value };
}

/** Reads a suspension back, or `undefined` when `value` is an ordinary result. @internal */
export function readSuspension(value: unknown): NodeSuspension[typeof SUSPENSION] | undefined {
  return typeof value === 'object' && value !== null && SUSPENSION in value
    ? (value as NodeSuspension)[SUSPENSION]
    : undefined;
}

/**
 * A node type: validated `config`, and `run`, which returns the node's outputs by port (or nothing), a suspension,
 * or throws (a {@link NodeFailure} for a deliberate failure).
 * @example
 * const sendEmail: NodeImplementation = {
 *   configSchema: { type: 'object', required: ['to'], properties: { to: { type: 'string' } } },
 *   async run(input, ctx) {
 *     await mailer.send({ to: ctx.config.to, body: input.body, idempotencyKey: ctx.effectKey });
 *     return { sent: true };
 *   },
 * };
 */
export interface NodeImplementation {
  /** JSON Schema (2020-12) the node's `config` must satisfy at registration. */
  configSchema?: Record<string, unknown>;
  /** Set for nodes with external side effects (replay never re-runs them). */
  sideEffects?: boolean;
  run(
    input: Record<string, unknown>,
    ctx: NodeContext,
  ): Promise<Record<string, unknown> | NodeSuspension | void> | Record<string, unknown> | NodeSuspension | void;
}
