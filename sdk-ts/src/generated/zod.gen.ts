// Generated from openapi/openapi.yaml by codegen/sdk. Do not edit.
import * as z from 'zod';

/**
 * The OpenWOP error envelope. Every non-2xx response body has exactly these top-level keys; all further context (field errors, retry hints, required scope, correlation id) lives under `details`.
 */
export const zProblem = z.object({
  error: z
    .string()
    .min(1)
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/),
  message: z.string().min(1),
  details: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A run- or node-level failure as it appears inside `RunSnapshot.error` and failure event payloads (keyed by `code`, not `error`).
 */
export const zRunError = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  retryable: z.boolean().optional(),
});

/**
 * Lifecycle status of a run. `completed`, `failed` and `cancelled` are terminal; readers must tolerate values added later.
 */
export const zRunStatus = z.enum([
  'pending',
  'running',
  'paused',
  'waiting-approval',
  'waiting-input',
  'waiting-external',
  'completed',
  'failed',
  'cancelling',
  'cancelled',
]);

/**
 * The discovery document served at `/.well-known/openwop`. Every capability family is a root property; clients tolerate absent optional fields and unknown extra fields.
 */
export const zCapabilities = z.object({
  protocolVersion: z.string().regex(/^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/),
  protocolVersions: z.array(z.string().regex(/^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/)).optional(),
  implementation: z
    .object({
      name: z.string(),
      version: z.string(),
      vendor: z.string().optional(),
    })
    .optional(),
  engineVersion: z.int().gte(0).optional(),
  eventLogSchemaVersion: z.int().gte(0).optional(),
  minClientVersion: z.string().optional(),
  supportedTransports: z.array(z.enum(['rest', 'mcp', 'a2a', 'grpc'])).optional(),
  supportedEnvelopes: z.array(z.string()),
  schemaVersions: z.record(z.string(), z.int().gte(0)),
  limits: z.object({
    clarificationRounds: z.int().gte(0),
    schemaRounds: z.int().gte(0),
    envelopesPerTurn: z.int().gte(0),
    maxNodeExecutions: z.int().gte(1).optional(),
    maxRunDurationMs: z.int().gte(1000).optional(),
    maxLoopIterations: z.int().gte(1).optional(),
    maxBudgetTokens: z.int().gte(1).optional(),
    maxBudgetCostUsd: z.number().gte(0).optional(),
    maxRequestBodyBytes: z.int().gte(1).optional(),
  }),
  configurable: z
    .record(
      z.string(),
      z.object({
        type: z.string(),
        min: z.number().optional(),
        max: z.number().optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
  runtimeCapabilities: z.array(z.string()).optional(),
  fixtures: z.array(z.string().min(1)).optional(),
  replay: z
    .object({
      supported: z.boolean(),
      modes: z.array(z.enum(['replay', 'branch'])).optional(),
      sideEffectSuppression: z.enum(['recorded-outcome', 'none']).optional(),
    })
    .optional(),
  webhooks: z
    .object({
      supported: z.boolean(),
      durable: z.boolean().optional(),
      signatureAlgorithms: z.array(z.string()).optional(),
    })
    .optional(),
  idempotency: z
    .object({
      supported: z.boolean(),
      layer1RetentionSeconds: z.int().gte(0).optional(),
      layer2RetentionSeconds: z.int().gte(0).optional(),
      crossRegion: z.string().optional(),
    })
    .optional(),
  testing: z
    .object({
      mockProviders: z.array(z.string()).optional(),
      testKeyPrefix: z.string().optional(),
      forceEngineVersionRange: z
        .object({
          min: z.int().gte(0),
          max: z.int().gte(0),
        })
        .optional(),
    })
    .optional(),
  observability: z.record(z.string(), z.unknown()).optional(),
  contractProvenance: z
    .object({
      suiteVersion: z.string().optional(),
      corpusCommit: z
        .string()
        .regex(/^[0-9a-f]{40}$/)
        .optional(),
    })
    .optional(),
});

/**
 * A directed edge; optional condition and join rule at the target.
 */
export const zWorkflowEdge = z.object({
  id: z.string().min(1),
  sourceNodeId: z.string().min(1),
  targetNodeId: z.string().min(1),
  sourceOutput: z.string().optional(),
  targetInput: z.string().optional(),
  label: z.string().optional(),
  condition: z
    .object({
      type: z.enum(['expression', 'equals', 'notEquals', 'contains', 'regex', 'truthy', 'falsy']),
      left: z.string().optional(),
      right: z.unknown().optional(),
      expression: z.string().optional(),
    })
    .optional(),
  triggerRule: z.enum(['all_success', 'any_success', 'all_complete', 'none_failed', 'any_failed']).optional(),
});

/**
 * A way runs of the workflow may be started.
 */
export const zWorkflowTrigger = z.object({
  id: z.string().min(1),
  type: z.enum([
    'manual',
    'schedule',
    'webhook',
    'event',
    'artifact',
    'canvas',
    'envelope',
    'command',
    'chat-message',
    'channel-write',
  ]),
  name: z.string().optional(),
  description: z.string().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional().default(true),
  nodeId: z.string().optional(),
  eventType: z.string().optional(),
});

/**
 * A declared workflow input or variable.
 */
export const zWorkflowVariable = z.object({
  name: z.string().min(1),
  type: z.enum(['string', 'number', 'boolean', 'object', 'array']),
  description: z.string().optional(),
  required: z.boolean().optional().default(false),
  defaultValue: z.unknown().optional(),
  sensitive: z.boolean().optional().default(false),
  format: z.string().optional(),
});

/**
 * Execution settings of a workflow.
 */
export const zWorkflowSettings = z.object({
  timeout: z.int().gte(1).optional(),
  maxRetries: z.int().gte(0).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  maxLoopbackIterations: z.int().gte(1).optional(),
});

/**
 * Authoring and compliance metadata of a workflow.
 */
export const zWorkflowMetadata = z.object({
  createdBy: z.string().optional(),
  createdAt: z.string().optional(),
  updatedBy: z.string().optional(),
  updatedAt: z.string().optional(),
  tags: z.array(z.string().min(1).max(256)).max(100).optional(),
  category: z.string().optional(),
  author: z.string().optional(),
  codeVersion: z.string().optional(),
  customProperties: z.record(z.string(), z.unknown()).optional(),
  complianceClass: z.enum(['public', 'pii', 'phi', 'pci', 'regulated']).optional(),
});

/**
 * A typed state channel and the reducer that combines writes to it.
 */
export const zChannelDeclaration = z.object({
  reducer: z
    .string()
    .regex(/^(replace|append|merge|counter|votes|feedback|message|vendor\.[a-z][a-z0-9_-]*\.[a-z][a-z0-9_-]*)$/),
  schema: z.record(z.string(), z.unknown()).optional(),
  schemaVersion: z.int().gte(1).optional().default(1),
  compatibleWith: z.array(z.int().gte(1)).optional(),
  default: z.unknown().optional(),
  maxSize: z.int().gte(1).optional(),
  ttlMs: z.int().gte(1).lte(31536000000).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  access: z
    .union([
      z.literal('public'),
      z.literal('private'),
      z.object({
        readers: z.array(z.string().min(1).max(256)).max(256).optional(),
        writers: z.array(z.string().min(1).max(256)).max(256).optional(),
      }),
    ])
    .optional(),
  sensitive: z.boolean().optional().default(false),
});

/**
 * Where a node input takes its value from; exactly one of four closed shapes selected by `type`.
 */
export const zPortValue = z.union([
  z.object({
    type: z.literal('static'),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('expression'),
    expression: z.string().min(1),
  }),
  z.object({
    type: z.literal('connection'),
    nodeId: z.string().min(1),
    outputKey: z.string().min(1),
    optional: z.boolean().optional().default(false),
  }),
  z.object({
    type: z.literal('variable'),
    variableName: z.string().min(1),
    optional: z.boolean().optional().default(false),
  }),
]);

/**
 * Canvas coordinates; no meaning for execution.
 */
export const zPosition = z.object({
  x: z.number(),
  y: z.number(),
});

/**
 * One node of a workflow graph, executed by the node type named in `typeId`.
 */
export const zWorkflowNode = z.object({
  id: z.string().min(1),
  typeId: z.string().regex(/^[a-z][a-zA-Z0-9._-]*$/),
  name: z.string().min(1),
  position: zPosition,
  config: z.record(z.string(), z.unknown()),
  inputs: z.record(z.string(), zPortValue),
  credentialsRef: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  outputRole: z.enum(['primary', 'secondary']).optional(),
  disabled: z.boolean().optional().default(false),
  notes: z.string().optional(),
  groupId: z.string().optional(),
  agent: z.record(z.string(), z.unknown()).optional(),
  envelopeContract: z.record(z.string(), z.unknown()).optional(),
  artifactType: z.string().optional(),
  cardType: z.string().optional(),
  outputSensitivity: z.record(z.string(), z.boolean()).optional(),
});

/**
 * A declarative OpenWOP workflow: typed nodes wired by edges, with triggers, variables, settings, metadata and optional typed state channels. Served verbatim by `getWorkflow`.
 */
export const zWorkflowDefinition = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[a-z][a-z0-9_-]*$/),
  name: z.string().min(1).max(256),
  version: z.string().min(1),
  description: z.string().optional(),
  type: z.string().optional(),
  isActive: z.boolean().optional(),
  status: z.enum(['active', 'inactive', 'draft', 'archived']).optional(),
  tenantId: z.string().optional(),
  scopeId: z.string().optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .optional(),
  nodes: z.array(zWorkflowNode).min(1),
  edges: z.array(zWorkflowEdge),
  triggers: z.array(zWorkflowTrigger),
  variables: z.array(zWorkflowVariable),
  metadata: zWorkflowMetadata,
  settings: zWorkflowSettings,
  groups: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        nodeIds: z.array(z.string()),
        position: zPosition,
        size: z.object({
          width: z.number(),
          height: z.number(),
        }),
        color: z.string().optional(),
        collapsed: z.boolean().optional(),
      }),
    )
    .optional(),
  channels: z.record(z.string(), zChannelDeclaration).optional(),
  configurableSchema: z.record(z.string(), z.unknown()).optional(),
  defaults: z
    .object({
      promptRefs: z
        .object({
          system: z.string().optional(),
          user: z.string().optional(),
          'few-shot': z.string().optional(),
          'schema-hint': z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  acceptsInheritedArtifacts: z.array(z.record(z.string(), z.unknown())).optional(),
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
});

/**
 * The current state of a run, projected from its event log. Readers ignore unknown fields.
 */
export const zRunSnapshot = z.object({
  runId: z.string().min(1).max(128),
  workflowId: z.string().min(1),
  status: zRunStatus,
  owner: z
    .object({
      tenant: z.string(),
      workspace: z.string().optional(),
      principal: z.string().optional(),
      principalKind: z.enum(['user', 'agent', 'anonymous']).optional(),
    })
    .optional(),
  currentNodeId: z.string().optional(),
  startedAt: z.iso.datetime().optional(),
  completedAt: z.iso.datetime().optional(),
  nodeStates: z.record(z.string(), z.unknown()).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
  channels: z.record(z.string(), z.unknown()).optional(),
  error: zRunError.optional(),
  engineVersion: z.string().optional(),
  eventLogSchemaVersion: z.int().gte(0).optional(),
  tags: z.array(z.string().max(256)).max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  configurable: z.record(z.string(), z.unknown()).optional(),
  interrupt: z
    .object({
      interruptToken: z.string().optional(),
      callbackUrl: z.string().optional(),
    })
    .optional(),
  parentRunId: z.string().optional(),
});

/**
 * One entry of a run's append-only event log, exactly as persisted, polled, streamed and delivered by webhook. `sequence` starts at 0 and is gapless per run.
 */
export const zRunEventDoc = z.object({
  eventId: z.string().min(1).max(128),
  runId: z.string().min(1).max(128),
  type: z.string().min(1),
  payload: z.unknown(),
  timestamp: z.iso.datetime(),
  sequence: z.int().gte(0),
  nodeId: z.string().min(1).max(128).optional(),
  schemaVersion: z.int().gte(0).optional(),
  engineVersion: z.string().optional(),
  causationId: z.string().min(1).max(128).optional(),
});

/**
 * Kind of interrupt.
 */
export const zInterruptKind = z.enum(['approval', 'clarification', 'external-event', 'custom']);

/**
 * Payload of `run.started`: emitted once when execution begins.
 */
export const zRunStartedPayload = z.object({
  workflowId: z.string(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  transport: z.enum(['rest', 'mcp', 'a2a', 'ui']).optional(),
  engineVersion: z.string().optional(),
  owner: z
    .object({
      tenant: z.string(),
      workspace: z.string().optional(),
      principal: z.string().optional(),
    })
    .optional(),
  tags: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Payload of `run.completed`: the successful terminal event.
 */
export const zRunCompletedPayload = z.object({
  outputs: z.record(z.string(), z.unknown()).optional(),
  durationMs: z.int().gte(0).optional(),
});

/**
 * Payload of `run.failed`: the failed terminal event.
 */
export const zRunFailedPayload = z.object({
  error: zRunError,
  failedNodeId: z.string().optional(),
  durationMs: z.int().gte(0).optional(),
});

/**
 * Payload of `run.cancelled`: the cancelled terminal event.
 */
export const zRunCancelledPayload = z.object({
  reason: z.string().optional(),
  cancelledBy: z.string().optional(),
  durationMs: z.int().gte(0).optional(),
  parentRunId: z.string().optional(),
});

/**
 * Payload of `run.paused`: an operator pause took effect.
 */
export const zRunPausedPayload = z.object({
  reason: z.string().optional(),
  drainPolicy: z.enum(['immediate', 'drain-current-node']).optional(),
});

/**
 * Payload of `run.resumed`: an operator resume took effect.
 */
export const zRunResumedPayload = z.object({
  reason: z.string().optional(),
});

/**
 * Payload of `node.started`.
 */
export const zNodeStartedPayload = z.object({
  nodeId: z.string(),
  typeId: z.string(),
  attempt: z.int().gte(0).optional(),
});

/**
 * Payload of `node.completed`; sensitive output ports are masked.
 */
export const zNodeCompletedPayload = z.object({
  nodeId: z.string(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  durationMs: z.int().gte(0).optional(),
});

/**
 * Payload of `node.failed`: terminal node failure after retries.
 */
export const zNodeFailedPayload = z.object({
  nodeId: z.string(),
  error: zRunError,
  attempts: z.int().gte(1).optional(),
});

/**
 * Payload of `node.retried`: one retry within the budget.
 */
export const zNodeRetriedPayload = z.object({
  nodeId: z.string(),
  attempt: z.int().gte(1),
  delayMs: z.int().gte(0).optional(),
  lastError: zRunError.optional(),
});

/**
 * Payload of `node.skipped`: the node will not run in this run.
 */
export const zNodeSkippedPayload = z.object({
  nodeId: z.string(),
  reason: z.string().optional(),
});

/**
 * Payload of `node.cancelled`: an in-flight node was cancelled.
 */
export const zNodeCancelledPayload = z.object({
  nodeId: z.string(),
  reason: z.string().optional(),
});

/**
 * Payload of `node.suspended`: the node raised an interrupt.
 */
export const zNodeSuspendedPayload = z.object({
  nodeId: z.string(),
  interruptId: z.string(),
  kind: zInterruptKind.optional(),
  key: z.string().optional(),
});

/**
 * Payload of `node.resumed`: the node received its resume value.
 */
export const zNodeResumedPayload = z.object({
  nodeId: z.string(),
  interruptId: z.string().optional(),
  resumeValue: z.unknown().optional(),
});

/**
 * Payload of `interrupt.requested`: a node suspended the run.
 */
export const zInterruptRequestedPayload = z.object({
  runId: z.string().optional(),
  nodeId: z.string().optional(),
  interruptId: z.string().optional(),
  kind: zInterruptKind.optional(),
  key: z.string().optional(),
  data: z.unknown().optional(),
  timeoutMs: z.int().gte(0).optional(),
  requestedAt: z.iso.datetime().optional(),
});

/**
 * Payload of `interrupt.resolved`.
 */
export const zInterruptResolvedPayload = z.object({
  runId: z.string().optional(),
  nodeId: z.string(),
  interruptId: z.string(),
  kind: zInterruptKind.optional(),
  resumeValue: z.unknown().optional(),
  resolvedAt: z.iso.datetime().optional(),
  resolvedBy: z.string().optional(),
});

/**
 * Payload of `approval.requested` (legacy companion of an approval interrupt).
 */
export const zApprovalRequestedPayload = z.object({
  nodeId: z.string(),
  artifactId: z.string(),
  artifactType: z.string(),
  actions: z.array(z.enum(['accept', 'reject', 'refine', 'edit', 'ask'])).min(1),
  interruptId: z.string().optional(),
  title: z.string().optional(),
  approversList: z.array(z.string()).optional(),
  requiredApprovals: z.int().gte(1).optional(),
});

/**
 * Payload of `approval.received`: an approval decision.
 */
export const zApprovalReceivedPayload = z.object({
  nodeId: z.string(),
  action: z.enum(['accept', 'reject', 'refine', 'edit-accept', 'timeout']),
  decidedBy: z.string().optional(),
  decidedAt: z.iso.datetime().optional(),
  comment: z.string().optional(),
  feedback: z.string().optional(),
  refineFeedback: z.record(z.string(), z.unknown()).optional(),
  editedArtifactData: z.unknown().optional(),
});

/**
 * Payload of `clarification.requested`.
 */
export const zClarificationRequestedPayload = z.object({
  nodeId: z.string(),
  interruptId: z.string().optional(),
  questions: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      schema: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

/**
 * Payload of `clarification.resolved`.
 */
export const zClarificationResolvedPayload = z.object({
  nodeId: z.string(),
  answers: z.record(z.string(), z.unknown()),
  answeredBy: z.string().optional(),
});

/**
 * Payload of `channel.written`: one write to a channel (the write input, not the reduced value).
 */
export const zChannelWrittenPayload = z.object({
  channel: z.string(),
  value: z.unknown(),
  reducer: z.string(),
  nodeId: z.string().optional(),
  writtenAt: z.iso.datetime().optional(),
  schemaVersion: z.int().gte(1).optional(),
  sourceEngineId: z.string().optional(),
  sourceRunId: z.string().optional(),
});

/**
 * Payload of `variable.changed`.
 */
export const zVariableChangedPayload = z.object({
  name: z.string(),
  previous: z.unknown().optional(),
  next: z.unknown().optional(),
  nodeId: z.string().optional(),
});

/**
 * Payload of `artifact.created`.
 */
export const zArtifactCreatedPayload = z.object({
  artifactId: z.string(),
  artifactType: z.string(),
  nodeId: z.string().optional(),
  version: z.int().gte(0).optional(),
  summary: z.string().optional(),
});

/**
 * Payload of `output.chunk`: persisted streaming output.
 */
export const zOutputChunkPayload = z.object({
  nodeId: z.string(),
  chunk: z.string(),
  isLast: z.boolean().optional(),
  channel: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Payload of `log.appended` (debug mode).
 */
export const zLogAppendedPayload = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
  nodeId: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Payload of `version.pinned`.
 */
export const zVersionPinnedPayload = z.object({
  changeId: z.string(),
  version: z.int(),
  nodeId: z.string().optional(),
});

/**
 * Payload of `cap.breached`: a run limit fired.
 */
export const zCapBreachedPayload = z.object({
  kind: z.enum([
    'clarification',
    'schema',
    'envelopes',
    'node-executions',
    'wasm-memory',
    'wasm-fuel',
    'wasm-execution-time',
    'run-duration',
    'loop-iterations',
    'budget-tokens',
    'budget-cost',
    'budget-tool-calls',
    'budget-retries',
  ]),
  limit: z.int().gte(0),
  observed: z.int().gte(0),
  nodeId: z.string().optional(),
});

/**
 * Payload of `workflow.loopback-limit`.
 */
export const zWorkflowLoopbackLimitPayload = z.object({
  nodeId: z.string(),
  iterations: z.int().gte(0),
  limit: z.int().gte(1).optional(),
});

/**
 * Payload of `replay.diverged` (replay forks only).
 */
export const zReplayDivergedPayload = z.object({
  sourceRunId: z.string(),
  atSequence: z.int().gte(0),
  originalEventId: z.string().optional(),
  divergenceKind: z.enum(['output', 'missing', 'extra', 'type-mismatch']).optional(),
});

/**
 * An OpenAPI 3.1 document.
 */
export const zOpenApiDocument = z.object({
  openapi: z.string(),
  info: z.record(z.string(), z.unknown()),
  paths: z.record(z.string(), z.unknown()),
});

/**
 * Where a registered definition was stored.
 */
export const zRegisteredWorkflow = z.object({
  workflowId: z.string(),
  version: z.string(),
  revision: z.int().gte(1),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  registeredAt: z.iso.datetime(),
});

/**
 * The latest revision of a workflow, without its graph.
 */
export const zWorkflowSummary = z.object({
  workflowId: z.string(),
  name: z.string(),
  version: z.string(),
  revision: z.int().gte(1),
  description: z.string().optional(),
  registeredAt: z.iso.datetime(),
});

/**
 * One page of workflows.
 */
export const zWorkflowList = z.object({
  items: z.array(zWorkflowSummary),
  nextCursor: z.string().nullable(),
});

/**
 * One page of runs.
 */
export const zRunList = z.object({
  items: z.array(zRunSnapshot),
  nextCursor: z.string().nullable(),
});

/**
 * The per-run options overlay.
 */
export const zRunOptions = z.object({
  configurable: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string().max(256)).max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Body of `createRun`. The run-options overlay sits at the top level.
 */
export const zCreateRunParams = z.object({
  workflowId: z.string().min(1).max(128),
  inputs: z.record(z.string(), z.unknown()).optional(),
  tenantId: z.string().min(1).max(128).optional(),
  scopeId: z.string().min(1).max(256).optional(),
  callbackUrl: z.url().optional(),
  configurable: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string().max(256)).max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The accepted run.
 */
export const zRunAccepted = z.object({
  runId: z.string(),
  status: z.enum(['pending', 'running', 'waiting-approval', 'waiting-input', 'waiting-external']),
  eventsUrl: z.url(),
  statusUrl: z.url().optional(),
});

/**
 * Body of `cancelRun`.
 */
export const zCancelRunParams = z.object({
  reason: z.string().max(512).optional(),
});

/**
 * The run after the cancel was accepted.
 */
export const zCancelRunResult = z.object({
  runId: z.string(),
  status: z.enum(['cancelled', 'cancelling']),
});

/**
 * Body of `bulkCancelRuns`.
 */
export const zBulkCancelParams = z.object({
  runIds: z.array(z.string().min(1).max(128)).min(1),
  reason: z.string().max(512).optional(),
});

/**
 * Why one run of a bulk cancel failed. The envelope's `error` code is repeated as `code`, because the bulk-cancel conformance scenario reads `error.code` while envelope readers read `error.error`.
 */
export const zBulkCancelError = z.object({
  error: z.string(),
  code: z.string(),
  message: z.string(),
});

/**
 * The outcome for one run id.
 */
export const zBulkCancelResult = z.object({
  runId: z.string(),
  ok: z.boolean(),
  status: z.enum(['cancelled', 'cancelling']).optional(),
  error: zBulkCancelError.optional(),
});

/**
 * Per-id results in request order.
 */
export const zBulkCancelResults = z.object({
  results: z.array(zBulkCancelResult),
});

/**
 * Body of `pauseRun`.
 */
export const zPauseRunParams = z.object({
  reason: z.string().max(512).optional(),
  drainPolicy: z.enum(['immediate', 'drain-current-node']).optional(),
});

/**
 * The accepted pause.
 */
export const zPauseRunResult = z.object({
  runId: z.string(),
  status: z.literal('paused'),
  pausedAt: z.iso.datetime().optional(),
});

/**
 * Body of `resumeRun`.
 */
export const zResumeRunParams = z.object({
  reason: z.string().max(512).optional(),
});

/**
 * The accepted resume.
 */
export const zResumeRunResult = z.object({
  runId: z.string(),
  status: z.literal('running'),
  resumedAt: z.iso.datetime().optional(),
});

/**
 * Body of `forkRun`.
 */
export const zForkRunParams = z.object({
  mode: z.enum(['replay', 'branch']),
  fromSeq: z.int().gte(0).optional(),
  runOptionsOverlay: zRunOptions.optional(),
});

/**
 * The forked child run.
 */
export const zForkRunResult = z.object({
  runId: z.string(),
  sourceRunId: z.string(),
  fromSeq: z.int().gte(0).optional(),
  mode: z.enum(['replay', 'branch']),
  status: zRunStatus,
  eventsUrl: z.string(),
});

/**
 * A run's event log as one JSON document.
 */
export const zRunEventList = z.object({
  events: z.array(zRunEventDoc),
});

/**
 * The answer to a long-poll.
 */
export const zRunEventPage = z.object({
  events: z.array(zRunEventDoc),
  isComplete: z.boolean(),
});

/**
 * Body of both interrupt resolve operations.
 */
export const zResolveInterruptParams = z.object({
  resumeValue: z.unknown(),
});

/**
 * Body of `resolveInterruptByToken`: `{resumeValue}`, exactly as for the run-scoped resolve. The host checks it only after the token (a bad token answers `404` whatever the body is), so the schema leaves it open; a body without `resumeValue`, or with any other property, then answers `400`.
 */
export const zResolveInterruptByTokenParams = z.object({
  resumeValue: z.unknown().optional(),
});

/**
 * The run after the interrupt was resolved.
 */
export const zResolveInterruptResult = z.object({
  runId: z.string(),
  nodeId: z.string(),
  status: zRunStatus,
});

/**
 * A pending interrupt as seen through its signed token.
 */
export const zInterruptView = z.object({
  runId: z.string(),
  nodeId: z.string(),
  interruptId: z.string(),
  kind: zInterruptKind,
  key: z.string().optional(),
  data: z.unknown().optional(),
  requestedAt: z.iso.datetime().optional(),
  expiresAt: z.iso.datetime().optional(),
  canResolve: z.boolean().optional(),
});

/**
 * An artifact produced by a run.
 */
export const zArtifact = z.object({
  artifactId: z.string(),
  runId: z.string(),
  artifactType: z.string(),
  nodeId: z.string().optional(),
  version: z.int().gte(0).optional(),
  data: z.unknown().optional(),
});

/**
 * Body of `registerWebhook`. The secret is always generated by the host.
 */
export const zRegisterWebhookParams = z.object({
  url: z.url().max(2048),
  events: z.array(z.string().min(1).max(128)).min(1).max(200),
  tenantId: z.string().min(1).max(128).optional(),
  tags: z.array(z.string().max(256)).max(100).optional(),
});

/**
 * The new subscription; `secret` is shown only here.
 */
export const zRegisteredWebhook = z.object({
  webhookId: z.string(),
  secret: z.string().regex(/^[0-9a-f]{64}$/),
  secretFingerprint: z.string().regex(/^[0-9a-f]{8}$/),
  signatureAlgorithm: z.string().optional(),
});

/**
 * A `messages`-mode SSE frame: one chunk of streamed AI output, derived from a persisted `output.chunk`.
 */
export const zAiMessageChunk = z.object({
  nodeId: z.string(),
  runId: z.string(),
  chunk: z.string(),
  isLast: z.boolean().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Body of one webhook delivery; `event` is the persisted event verbatim and `type` mirrors `event.type`.
 */
export const zWebhookDelivery = z.object({
  runId: z.string(),
  workspaceId: z.string().optional(),
  type: z.string(),
  event: zRunEventDoc,
});

/**
 * A webhook subscription as listed; its secret is never shown again after registration.
 */
export const zWebhookSubscription = z.object({
  webhookId: z.string(),
  tenantId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  tags: z.array(z.string()),
  secretFingerprint: z.string(),
  signatureAlgorithm: z.string(),
  state: z.enum(['active', 'failed']),
  createdAt: z.iso.datetime(),
  circuitOpenUntil: z.iso.datetime().optional(),
  previousSecretExpiresAt: z.iso.datetime().optional(),
});

/**
 * One page of webhook subscriptions.
 */
export const zWebhookList = z.object({
  items: z.array(zWebhookSubscription),
  nextCursor: z.string().nullable(),
});

/**
 * Body of `rotateWebhookSecret`.
 */
export const zRotateWebhookSecretParams = z.object({
  overlapSeconds: z.int().gte(0).lte(604800).optional(),
});

/**
 * The new secret of a subscription; `secret` is shown only here.
 */
export const zRotatedWebhookSecret = z.object({
  webhookId: z.string(),
  secret: z.string().regex(/^[0-9a-f]{64}$/),
  secretFingerprint: z.string().regex(/^[0-9a-f]{8}$/),
  signatureAlgorithm: z.string(),
  previousSecretExpiresAt: z.iso.datetime().optional(),
});

/**
 * One delivery: an event sent to a subscription, with its attempts.
 */
export const zWebhookDeliveryRecord = z.object({
  deliveryId: z.string(),
  webhookId: z.string(),
  runId: z.string(),
  sequence: z.int().gte(0),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.int().gte(0),
  nextAttemptAt: z.iso.datetime().optional(),
  lastAttemptAt: z.iso.datetime().optional(),
  lastStatusCode: z.int().optional(),
  lastError: z.string().optional(),
  deliveredAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
});

/**
 * One page of webhook deliveries.
 */
export const zWebhookDeliveryList = z.object({
  items: z.array(zWebhookDeliveryRecord),
  nextCursor: z.string().nullable(),
});

/**
 * Run id.
 */
export const zRunId = z.string().min(1).max(128);

/**
 * Workflow id.
 */
export const zWorkflowId = z.string().min(1).max(128);

/**
 * Signed interrupt token.
 */
export const zInterruptToken = z.string().min(1).max(4096);

/**
 * Deduplicates retries of this mutation for at least 24 hours.
 */
export const zIdempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7E]+$/);

/**
 * Subscription id.
 */
export const zWebhookId = z.string().min(1).max(128);

/**
 * Page size.
 */
export const zLimit = z.int().gte(1).lte(100).default(20);

/**
 * Opaque cursor from the previous page's `nextCursor`.
 */
export const zCursor = z.string().min(1).max(512);

/**
 * The discovery document.
 */
export const zGetCapabilitiesResponse = zCapabilities;

/**
 * The OpenAPI document.
 */
export const zGetOpenApiSpecResponse = zOpenApiDocument;

export const zListWorkflowsQuery = z.object({
  limit: z.int().gte(1).lte(100).optional().default(20),
  cursor: z.string().min(1).max(512).optional(),
});

/**
 * One page of workflows.
 */
export const zListWorkflowsResponse = zWorkflowList;

export const zRegisterWorkflowBody = zWorkflowDefinition;

export const zRegisterWorkflowHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

/**
 * The identical definition was already the latest revision.
 */
export const zRegisterWorkflowResponse = zRegisteredWorkflow;

export const zGetWorkflowPath = z.object({
  workflowId: z.string().min(1).max(128),
});

/**
 * The workflow definition.
 */
export const zGetWorkflowResponse = zWorkflowDefinition;

export const zListRunsQuery = z.object({
  status: zRunStatus.optional(),
  workflowId: z.string().min(1).max(128).optional(),
  tag: z.string().min(1).max(256).optional(),
  limit: z.int().gte(1).lte(100).optional().default(20),
  cursor: z.string().min(1).max(512).optional(),
});

/**
 * One page of runs.
 */
export const zListRunsResponse = zRunList;

export const zCreateRunBody = zCreateRunParams;

export const zCreateRunHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
  'X-Dedup': z.enum(['enforce']).optional(),
  'X-Force-Engine-Version': z
    .string()
    .regex(/^[0-9]{1,9}$/)
    .optional(),
});

/**
 * The run was accepted.
 */
export const zCreateRunResponse = zRunAccepted;

export const zBulkCancelRunsBody = zBulkCancelParams;

export const zBulkCancelRunsHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

/**
 * Per-id results.
 */
export const zBulkCancelRunsResponse = zBulkCancelResults;

export const zGetRunPath = z.object({
  runId: z.string().min(1).max(128),
});

/**
 * The run snapshot.
 */
export const zGetRunResponse = zRunSnapshot;

export const zCancelRunBody = zCancelRunParams;

export const zCancelRunHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zCancelRunPath = z.object({
  runId: z.string().min(1).max(128),
});

/**
 * The cancel was accepted.
 */
export const zCancelRunResponse = zCancelRunResult;

export const zPauseRunBody = zPauseRunParams;

export const zPauseRunHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zPauseRunPath = z.object({
  runId: z.string().min(1).max(128),
});

/**
 * The pause was accepted.
 */
export const zPauseRunResponse = zPauseRunResult;

export const zResumeRunBody = zResumeRunParams;

export const zResumeRunHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zResumeRunPath = z.object({
  runId: z.string().min(1).max(128),
});

/**
 * The resume was accepted.
 */
export const zResumeRunResponse = zResumeRunResult;

export const zForkRunBody = zForkRunParams;

export const zForkRunHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zForkRunPath = z.object({
  runId: z.string().min(1).max(128),
});

/**
 * The fork was created.
 */
export const zForkRunResponse = zForkRunResult;

export const zStreamRunEventsHeaders = z.object({
  'Last-Event-ID': z.string().max(128).optional(),
});

export const zStreamRunEventsPath = z.object({
  runId: z.string().min(1).max(128),
});

export const zStreamRunEventsQuery = z.object({
  streamMode: z.string().max(64).optional().default('updates'),
  bufferMs: z.int().gte(0).lte(5000).optional(),
});

/**
 * The event stream (or the event log as JSON when asked for).
 */
export const zStreamRunEventsResponse = zRunEventList;

export const zPollRunEventsPath = z.object({
  runId: z.string().min(1).max(128),
});

export const zPollRunEventsQuery = z.object({
  lastSequence: z.int().gte(0).optional(),
  timeout: z.int().gte(1).lte(60).optional().default(30),
});

/**
 * New events, possibly none.
 */
export const zPollRunEventsResponse = zRunEventPage;

export const zResolveInterruptByRunBody = zResolveInterruptParams;

export const zResolveInterruptByRunHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zResolveInterruptByRunPath = z.object({
  runId: z.string().min(1).max(128),
  nodeId: z.string().min(1),
});

/**
 * The interrupt was resolved.
 */
export const zResolveInterruptByRunResponse = zResolveInterruptResult;

export const zInspectInterruptByTokenPath = z.object({
  token: z.string().min(1).max(4096),
});

/**
 * The pending interrupt.
 */
export const zInspectInterruptByTokenResponse = zInterruptView;

export const zResolveInterruptByTokenBody = zResolveInterruptByTokenParams;

export const zResolveInterruptByTokenHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zResolveInterruptByTokenPath = z.object({
  token: z.string().min(1).max(4096),
});

/**
 * The interrupt was resolved.
 */
export const zResolveInterruptByTokenResponse = zResolveInterruptResult;

export const zGetArtifactPath = z.object({
  runId: z.string().min(1).max(128),
  artifactId: z.string().min(1).max(128),
});

/**
 * The artifact.
 */
export const zGetArtifactResponse = zArtifact;

export const zReadTestRunEventsPath = z.object({
  runId: z.string().min(1).max(128),
});

export const zReadTestRunEventsQuery = z.object({
  type: z.string().max(128).optional(),
  nodeId: z.string().max(256).optional(),
  causationId: z.string().max(128).optional(),
  correlationId: z.string().max(128).optional(),
});

/**
 * The matching events in sequence order.
 */
export const zReadTestRunEventsResponse = zRunEventList;

export const zListWebhooksQuery = z.object({
  limit: z.int().gte(1).lte(100).optional().default(20),
  cursor: z.string().min(1).max(512).optional(),
});

/**
 * One page of subscriptions.
 */
export const zListWebhooksResponse = zWebhookList;

export const zRegisterWebhookBody = zRegisterWebhookParams;

export const zRegisterWebhookHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

/**
 * The subscription was created.
 */
export const zRegisterWebhookResponse = zRegisteredWebhook;

export const zUnregisterWebhookHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zUnregisterWebhookPath = z.object({
  webhookId: z.string().min(1).max(128),
});

export const zUnregisterWebhookQuery = z.object({
  tenantId: z.string().min(1).max(128).optional(),
});

/**
 * The subscription was removed.
 */
export const zUnregisterWebhookResponse = z.void();

export const zRotateWebhookSecretBody = zRotateWebhookSecretParams;

export const zRotateWebhookSecretHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zRotateWebhookSecretPath = z.object({
  webhookId: z.string().min(1).max(128),
});

/**
 * The new secret.
 */
export const zRotateWebhookSecretResponse = zRotatedWebhookSecret;

export const zListWebhookDeliveriesPath = z.object({
  webhookId: z.string().min(1).max(128),
});

export const zListWebhookDeliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  limit: z.int().gte(1).lte(100).optional().default(20),
  cursor: z.string().min(1).max(512).optional(),
});

/**
 * One page of deliveries.
 */
export const zListWebhookDeliveriesResponse = zWebhookDeliveryList;

export const zRedeliverWebhookDeliveryHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7E]+$/)
    .optional(),
});

export const zRedeliverWebhookDeliveryPath = z.object({
  webhookId: z.string().min(1).max(128),
  deliveryId: z.string().min(1).max(300),
});

/**
 * The delivery is queued.
 */
export const zRedeliverWebhookDeliveryResponse = zWebhookDeliveryRecord;
