/** The engine's checkpoint of a run, and the projections of it that clients see. */
import type { InterruptKind } from './nodes/node-types.js';
import type { StoredRun, StoredWorkflow } from './ports.js';

/** Error object on runs, nodes and failure events (keyed `code`, not `error`). */
export interface RunErrorShape {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  retryable?: boolean;
}

/** One interrupt a node raised, as the checkpoint keeps it (pending until resolved, timed out or cancelled). */
export interface InterruptRecord {
  interruptId: string;
  kind: InterruptKind;
  key: string;
  data: Record<string, unknown>;
  resumeSchema?: Record<string, unknown>;
  timeoutMs?: number;
  /** Epoch ms the interrupt times out at. */
  deadline?: number;
  /** ISO 8601. */
  requestedAt: string;
  status: 'pending' | 'resolved' | 'timed-out' | 'cancelled';
  /** The normalised resume value (when resolved). */
  resumeValue?: unknown;
  resolvedAt?: string;
  resolvedBy?: string;
  /** Quorum votes so far, one per voter (approval gates with `requiredApprovals` > 1). */
  votes?: Array<{ voter: string; action: string; decidedAt: string }>;
}

/** What the engine remembers about one node of a run. */
export interface NodeRuntimeState {
  status:
    'running' | 'sleeping' | 'waiting-child' | 'waiting-interrupt' | 'completed' | 'failed' | 'skipped' | 'cancelled';
  /** How many times the node has started in this run (its next effect-key ordinal). */
  executions: number;
  outputs?: Record<string, unknown>;
  error?: RunErrorShape;
  /** Epoch ms a sleeping node wakes at. */
  wakeAt?: number;
  childRunId?: string;
  /** Input the node resumes with after a suspension. */
  input?: Record<string, unknown>;
  /** `eventId` of this execution's `node.started`. */
  startedEventId?: string;
  /** Epoch ms this execution started. */
  startedAtMs?: number;
  /** Interrupts raised by the latest execution, in call order (the last one may be pending). */
  interrupts?: InterruptRecord[];
  /** Interrupts this node raised in the run so far (the ordinal of the next default key). */
  interruptCount?: number;
}

/** The interrupt a node waits on, if it waits on one. */
export function pendingInterrupt(state: NodeRuntimeState | undefined): InterruptRecord | undefined {
  const last = state?.interrupts?.at(-1);
  return state?.status === 'waiting-interrupt' && last?.status === 'pending' ? last : undefined;
}

/** The run status while a node waits on an interrupt of `kind` (interrupts.md §3). */
export function waitingStatusOf(kind: InterruptKind): 'waiting-approval' | 'waiting-input' | 'waiting-external' {
  if (kind === 'approval') return 'waiting-approval';
  if (kind === 'external-event') return 'waiting-external';
  return 'waiting-input';
}

/** Statuses of a run suspended on an interrupt. */
export const WAITING_STATUSES: ReadonlySet<string> = new Set(['waiting-approval', 'waiting-input', 'waiting-external']);

/** The state of an edge in the current activation: absent while its source has not settled. */
export type EdgeState = 'fired' | 'not-fired' | 'failed';

/** A node activated for the next step and the event that caused the activation. */
export interface Activation {
  nodeId: string;
  causationId: string;
}

/** The checkpoint committed after every step. */
export interface RunCheckpoint {
  version: 1;
  /** Node starts so far (bounded by `recursionLimit`). */
  nodeExecutions: number;
  /** Run inputs with variable defaults applied. */
  inputs: Record<string, unknown>;
  channels: Record<string, unknown>;
  nodes: Record<string, NodeRuntimeState>;
  edges: Record<string, EdgeState>;
  ready: Activation[];
  /** Epoch ms the run started executing (for `runTimeoutMs`). */
  startedAtMs?: number;
  /** The last committed event's id (causation of the next run-level event). */
  lastEventId?: string;
  /** Outputs of a completed run (merged outputs of its sink nodes). */
  outputs?: Record<string, unknown>;
}

/** An empty checkpoint for a new run. */
export function initialCheckpoint(inputs: Record<string, unknown>, channels: Record<string, unknown>): RunCheckpoint {
  return { version: 1, nodeExecutions: 0, inputs, channels, nodes: {}, edges: {}, ready: [] };
}

/** Reads the checkpoint stored on a run (a fresh run's checkpoint is written at creation). */
export function readCheckpoint(run: StoredRun): RunCheckpoint {
  return run.checkpoint as unknown as RunCheckpoint;
}

/** Workflow variables as clients see them: inputs, then each completed node's outputs by node id, then channels. */
export function projectVariables(
  checkpoint: RunCheckpoint,
  sensitive: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...checkpoint.inputs };
  for (const [nodeId, state] of Object.entries(checkpoint.nodes)) {
    if (state.status === 'completed' && state.outputs !== undefined) variables[nodeId] = state.outputs;
  }
  Object.assign(variables, checkpoint.channels);
  for (const name of sensitive) if (name in variables) variables[name] = '***';
  return variables;
}

/** The `RunSnapshot` of a run. */
export function projectSnapshot(run: StoredRun, workflow: StoredWorkflow | undefined): Record<string, unknown> {
  const checkpoint = readCheckpoint(run);
  const definition = workflow?.definition as { variables?: Array<{ name: string; sensitive?: boolean }> } | undefined;
  const sensitive = new Set((definition?.variables ?? []).filter((v) => v.sensitive).map((v) => v.name));
  const options = run.options as { configurable?: Record<string, unknown>; metadata?: Record<string, unknown> };
  const nodeStates: Record<string, unknown> = {};
  for (const [nodeId, state] of Object.entries(checkpoint.nodes)) {
    nodeStates[nodeId] = {
      status: state.status,
      executions: state.executions,
      ...(state.error ? { error: state.error } : {}),
      ...(state.childRunId ? { childRunId: state.childRunId } : {}),
    };
  }
  const suspended = Object.entries(checkpoint.nodes).find(([, state]) => pendingInterrupt(state) !== undefined);
  const currentNodeId =
    suspended?.[0] ??
    Object.entries(checkpoint.nodes).find(
      ([, state]) => state.status === 'waiting-child' || state.status === 'sleeping',
    )?.[0];
  const interrupt = suspended ? pendingInterrupt(suspended[1]) : undefined;
  // Child runs started by `core.subWorkflow` nodes (their status is on `GET /v1/runs/{childRunId}`).
  const childRuns = Object.entries(checkpoint.nodes)
    .filter(([, state]) => state.childRunId !== undefined)
    .map(([nodeId, state]) => ({ runId: state.childRunId!, nodeId }));
  return {
    runId: run.runId,
    workflowId: run.workflowId,
    status: run.status,
    owner: { tenant: run.tenantId },
    ...(currentNodeId && run.status.startsWith('waiting-') ? { currentNodeId } : {}),
    ...(interrupt && suspended
      ? {
          interrupt: {
            nodeId: suspended[0],
            interruptId: interrupt.interruptId,
            kind: interrupt.kind,
            key: interrupt.key,
            requestedAt: interrupt.requestedAt,
            ...(interrupt.deadline !== undefined ? { expiresAt: new Date(interrupt.deadline).toISOString() } : {}),
          },
        }
      : {}),
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.completedAt ? { completedAt: run.completedAt } : {}),
    nodeStates,
    variables: projectVariables(checkpoint, sensitive),
    channels: checkpoint.channels,
    ...(run.error ? { error: run.error } : {}),
    engineVersion: run.engineVersion,
    eventLogSchemaVersion: 2,
    tags: run.tags,
    metadata: options.metadata ?? {},
    configurable: options.configurable ?? {},
    ...(childRuns.length > 0 ? { childRuns } : {}),
    ...(run.parentRunId ? { parentRunId: run.parentRunId } : {}),
    ...(run.parentNodeId ? { parentNodeId: run.parentNodeId } : {}),
    workflowRevision: run.workflowRevision,
  };
}

/** The tenant owning the workflow a run executes (its own tenant, or the shared one for seeded fixtures). */
export function workflowOwner(run: StoredRun): string {
  return ((run.options as { workflowTenantId?: string }).workflowTenantId as string | undefined) ?? run.tenantId;
}

/** Terminal statuses. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/** Whether `status` is terminal. */
export function isTerminal(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}
