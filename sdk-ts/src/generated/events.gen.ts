// Generated from openapi/asyncapi.yaml by codegen/events. Do not edit.
import type {
  RunEventDoc,
  ApprovalReceivedPayload,
  ApprovalRequestedPayload,
  ArtifactCreatedPayload,
  CapBreachedPayload,
  ChannelWrittenPayload,
  ClarificationRequestedPayload,
  ClarificationResolvedPayload,
  InterruptRequestedPayload,
  InterruptResolvedPayload,
  LogAppendedPayload,
  NodeCancelledPayload,
  NodeCompletedPayload,
  NodeFailedPayload,
  NodeResumedPayload,
  NodeRetriedPayload,
  NodeSkippedPayload,
  NodeStartedPayload,
  NodeSuspendedPayload,
  OutputChunkPayload,
  ReplayDivergedPayload,
  RunCancelledPayload,
  RunCompletedPayload,
  RunFailedPayload,
  RunPausedPayload,
  RunResumedPayload,
  RunStartedPayload,
  VariableChangedPayload,
  VersionPinnedPayload,
  WorkflowLoopbackLimitPayload,
} from './types.gen.js';

/** A run event envelope whose `type` and `payload` are narrowed to one event type. */
export type RunEventOf<Type extends string, Payload> = Omit<RunEventDoc, 'type' | 'payload'> & {
  type: Type;
  payload: Payload;
};

/** `approval.received`: An approval decision arrived. */
export type ApprovalReceivedEvent = RunEventOf<'approval.received', ApprovalReceivedPayload>;

/** `approval.requested`: An approval was requested (legacy companion). */
export type ApprovalRequestedEvent = RunEventOf<'approval.requested', ApprovalRequestedPayload>;

/** `artifact.created`: A node produced an artifact. */
export type ArtifactCreatedEvent = RunEventOf<'artifact.created', ArtifactCreatedPayload>;

/** `cap.breached`: A run limit fired. */
export type CapBreachedEvent = RunEventOf<'cap.breached', CapBreachedPayload>;

/** `channel.written`: A value was written to a state channel. */
export type ChannelWrittenEvent = RunEventOf<'channel.written', ChannelWrittenPayload>;

/** `clarification.requested`: Clarifying questions were asked (legacy companion). */
export type ClarificationRequestedEvent = RunEventOf<'clarification.requested', ClarificationRequestedPayload>;

/** `clarification.resolved`: Clarifying questions were answered. */
export type ClarificationResolvedEvent = RunEventOf<'clarification.resolved', ClarificationResolvedPayload>;

/** `interrupt.requested`: An interrupt suspended the run. */
export type InterruptRequestedEvent = RunEventOf<'interrupt.requested', InterruptRequestedPayload>;

/** `interrupt.resolved`: An interrupt was resolved. */
export type InterruptResolvedEvent = RunEventOf<'interrupt.resolved', InterruptResolvedPayload>;

/** `log.appended`: A node logged a line (debug mode). */
export type LogAppendedEvent = RunEventOf<'log.appended', LogAppendedPayload>;

/** `node.cancelled`: An in-flight node was cancelled. */
export type NodeCancelledEvent = RunEventOf<'node.cancelled', NodeCancelledPayload>;

/** `node.completed`: A node succeeded. */
export type NodeCompletedEvent = RunEventOf<'node.completed', NodeCompletedPayload>;

/** `node.failed`: A node failed after its retries. */
export type NodeFailedEvent = RunEventOf<'node.failed', NodeFailedPayload>;

/** `node.resumed`: A suspended node received its resume value. */
export type NodeResumedEvent = RunEventOf<'node.resumed', NodeResumedPayload>;

/** `node.retried`: A node is retried within its budget. */
export type NodeRetriedEvent = RunEventOf<'node.retried', NodeRetriedPayload>;

/** `node.skipped`: A node will not run in this run. */
export type NodeSkippedEvent = RunEventOf<'node.skipped', NodeSkippedPayload>;

/** `node.started`: A node began executing. */
export type NodeStartedEvent = RunEventOf<'node.started', NodeStartedPayload>;

/** `node.suspended`: A node raised an interrupt. */
export type NodeSuspendedEvent = RunEventOf<'node.suspended', NodeSuspendedPayload>;

/** `output.chunk`: A chunk of streamed node output was persisted. */
export type OutputChunkEvent = RunEventOf<'output.chunk', OutputChunkPayload>;

/** `replay.diverged`: A replay fork diverged from its source. */
export type ReplayDivergedEvent = RunEventOf<'replay.diverged', ReplayDivergedPayload>;

/** `run.cancelled`: The run was cancelled (terminal). */
export type RunCancelledEvent = RunEventOf<'run.cancelled', RunCancelledPayload>;

/** `run.completed`: The run finished successfully (terminal). */
export type RunCompletedEvent = RunEventOf<'run.completed', RunCompletedPayload>;

/** `run.failed`: The run failed (terminal). */
export type RunFailedEvent = RunEventOf<'run.failed', RunFailedPayload>;

/** `run.paused`: An operator pause took effect. */
export type RunPausedEvent = RunEventOf<'run.paused', RunPausedPayload>;

/** `run.resumed`: An operator resume took effect. */
export type RunResumedEvent = RunEventOf<'run.resumed', RunResumedPayload>;

/** `run.started`: Execution of the run began. */
export type RunStartedEvent = RunEventOf<'run.started', RunStartedPayload>;

/** `variable.changed`: An untyped workflow variable changed. */
export type VariableChangedEvent = RunEventOf<'variable.changed', VariableChangedPayload>;

/** `version.pinned`: A versioned code path was pinned for the run. */
export type VersionPinnedEvent = RunEventOf<'version.pinned', VersionPinnedPayload>;

/** `workflow.loopback-limit`: A loop reached its iteration limit. */
export type WorkflowLoopbackLimitEvent = RunEventOf<'workflow.loopback-limit', WorkflowLoopbackLimitPayload>;

/** Every core run event, discriminated on `type`. Hosts may also emit types outside this set; readers must tolerate them. */
export type CoreRunEvent =
  | ApprovalReceivedEvent
  | ApprovalRequestedEvent
  | ArtifactCreatedEvent
  | CapBreachedEvent
  | ChannelWrittenEvent
  | ClarificationRequestedEvent
  | ClarificationResolvedEvent
  | InterruptRequestedEvent
  | InterruptResolvedEvent
  | LogAppendedEvent
  | NodeCancelledEvent
  | NodeCompletedEvent
  | NodeFailedEvent
  | NodeResumedEvent
  | NodeRetriedEvent
  | NodeSkippedEvent
  | NodeStartedEvent
  | NodeSuspendedEvent
  | OutputChunkEvent
  | ReplayDivergedEvent
  | RunCancelledEvent
  | RunCompletedEvent
  | RunFailedEvent
  | RunPausedEvent
  | RunResumedEvent
  | RunStartedEvent
  | VariableChangedEvent
  | VersionPinnedEvent
  | WorkflowLoopbackLimitEvent;

/** The core run event types, in alphabetical order. */
export const coreRunEventTypes = [
  'approval.received',
  'approval.requested',
  'artifact.created',
  'cap.breached',
  'channel.written',
  'clarification.requested',
  'clarification.resolved',
  'interrupt.requested',
  'interrupt.resolved',
  'log.appended',
  'node.cancelled',
  'node.completed',
  'node.failed',
  'node.resumed',
  'node.retried',
  'node.skipped',
  'node.started',
  'node.suspended',
  'output.chunk',
  'replay.diverged',
  'run.cancelled',
  'run.completed',
  'run.failed',
  'run.paused',
  'run.resumed',
  'run.started',
  'variable.changed',
  'version.pinned',
  'workflow.loopback-limit',
] as const;

/** The `type` of any core run event. */
export type CoreRunEventType = (typeof coreRunEventTypes)[number];

/**
 * The core event types each stream mode sends (`values` as a `state.snapshot`, `messages` as an
 * `ai.message.chunk`); `debug` sends every event, including types outside the core set.
 */
export const streamModeEventTypes = {
  updates: [
    'approval.received',
    'approval.requested',
    'artifact.created',
    'clarification.requested',
    'clarification.resolved',
    'interrupt.requested',
    'interrupt.resolved',
    'node.cancelled',
    'node.completed',
    'node.failed',
    'node.resumed',
    'node.skipped',
    'node.suspended',
    'run.cancelled',
    'run.completed',
    'run.failed',
    'run.paused',
    'run.resumed',
    'run.started',
  ],
  values: [
    'approval.received',
    'approval.requested',
    'artifact.created',
    'clarification.requested',
    'clarification.resolved',
    'interrupt.requested',
    'interrupt.resolved',
    'node.cancelled',
    'node.completed',
    'node.failed',
    'node.resumed',
    'node.skipped',
    'node.started',
    'node.suspended',
    'run.cancelled',
    'run.completed',
    'run.failed',
    'run.paused',
    'run.resumed',
    'run.started',
  ],
  messages: ['output.chunk'],
} as const satisfies Record<'updates' | 'values' | 'messages', readonly CoreRunEventType[]>;
