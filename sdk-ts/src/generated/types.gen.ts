// Generated from openapi/openapi.yaml by codegen/sdk. Do not edit.
export type ClientOptions = {
  baseUrl: 'http://127.0.0.1:3737' | (string & {});
};

/**
 * The OpenWOP error envelope. Every non-2xx response body has exactly these top-level keys; all further context (field errors, retry hints, required scope, correlation id) lives under `details`.
 */
export type Problem = {
  /**
   * Machine-readable error code in snake_case, e.g. `validation_error`, `not_found`, `unauthenticated`.
   */
  error: string;
  /**
   * Human-readable explanation. Never contains internals or secrets.
   */
  message: string;
  /**
   * Structured context for the error (for example `fields` for validation errors, `scopeRequired` for 403, `retryAfterMs` for 429).
   */
  details?: {
    [key: string]: unknown;
  };
};

/**
 * A run- or node-level failure as it appears inside `RunSnapshot.error` and failure event payloads (keyed by `code`, not `error`).
 */
export type RunError = {
  /**
   * Machine-readable failure code, e.g. `node_failed`, `recursion_limit_exceeded`, `run_timeout`.
   */
  code: string;
  /**
   * Human-readable explanation of the failure.
   */
  message: string;
  /**
   * Structured context for the failure.
   */
  details?: {
    [key: string]: unknown;
  };
  /**
   * Whether retrying the same work could succeed.
   */
  retryable?: boolean;
};

/**
 * Lifecycle status of a run. `completed`, `failed` and `cancelled` are terminal; readers must tolerate values added later.
 */
export type RunStatus =
  | 'pending'
  | 'running'
  | 'paused'
  | 'waiting-approval'
  | 'waiting-input'
  | 'waiting-external'
  | 'completed'
  | 'failed'
  | 'cancelling'
  | 'cancelled';

/**
 * The discovery document served at `/.well-known/openwop`. Every capability family is a root property; clients tolerate absent optional fields and unknown extra fields.
 */
export type Capabilities = {
  /**
   * Highest protocol version spoken, as `<major>.<minor>`.
   */
  protocolVersion: string;
  /**
   * Every protocol version served, newest first; includes `protocolVersion`.
   */
  protocolVersions?: Array<string>;
  /**
   * Which server this is.
   */
  implementation?: {
    /**
     * Implementation name.
     */
    name: string;
    /**
     * Implementation version.
     */
    version: string;
    /**
     * Vendor.
     */
    vendor?: string;
  };
  /**
   * The engine version stamped on new runs (integer here; a decimal string on runs).
   */
  engineVersion?: number;
  /**
   * Event log contract version (`2` for v1).
   */
  eventLogSchemaVersion?: number;
  /**
   * Oldest client version served.
   */
  minClientVersion?: string;
  /**
   * Transports served; REST is always served.
   */
  supportedTransports?: Array<'rest' | 'mcp' | 'a2a' | 'grpc'>;
  /**
   * AI envelope types the engine understands.
   */
  supportedEnvelopes: Array<string>;
  /**
   * Active schema version per envelope type.
   */
  schemaVersions: {
    [key: string]: number;
  };
  /**
   * Hard limits the host enforces.
   */
  limits: {
    /**
     * Clarification rounds per node.
     */
    clarificationRounds: number;
    /**
     * Schema repair rounds per node.
     */
    schemaRounds: number;
    /**
     * Envelopes per turn.
     */
    envelopesPerTurn: number;
    /**
     * Ceiling for `configurable.recursionLimit`.
     */
    maxNodeExecutions?: number;
    /**
     * Ceiling for `configurable.runTimeoutMs`.
     */
    maxRunDurationMs?: number;
    /**
     * Ceiling for agent loops.
     */
    maxLoopIterations?: number;
    /**
     * Token budget ceiling.
     */
    maxBudgetTokens?: number;
    /**
     * Cost budget ceiling.
     */
    maxBudgetCostUsd?: number;
    /**
     * Largest accepted request body; larger bodies get 413.
     */
    maxRequestBodyBytes?: number;
  };
  /**
   * Accepted `RunOptions.configurable` keys.
   */
  configurable?: {
    [key: string]: {
      /**
       * Value type.
       */
      type: string;
      /**
       * Smallest value.
       */
      min?: number;
      /**
       * Largest value.
       */
      max?: number;
      /**
       * What the key does.
       */
      description?: string;
    };
  };
  /**
   * Capability ids node types may require.
   */
  runtimeCapabilities?: Array<string>;
  /**
   * Seeded conformance workflow ids that fully work on this host.
   */
  fixtures?: Array<string>;
  /**
   * Fork and replay support.
   */
  replay?: {
    /**
     * Whether `forkRun` is served.
     */
    supported: boolean;
    /**
     * Supported fork modes.
     */
    modes?: Array<'replay' | 'branch'>;
    /**
     * `recorded-outcome`: a replay fork never runs a side-effecting node again; absent means `none`.
     */
    sideEffectSuppression?: 'recorded-outcome' | 'none';
  };
  /**
   * Webhook support.
   */
  webhooks?: {
    /**
     * Whether `/v1/webhooks` is served.
     */
    supported: boolean;
    /**
     * Whether deliveries are durable (outbox + retries).
     */
    durable?: boolean;
    /**
     * Signature algorithms used.
     */
    signatureAlgorithms?: Array<string>;
  };
  /**
   * The idempotency contract.
   */
  idempotency?: {
    /**
     * Whether `Idempotency-Key` is honoured.
     */
    supported: boolean;
    /**
     * How long HTTP-level keys are kept.
     */
    layer1RetentionSeconds?: number;
    /**
     * How long engine-level keys are kept.
     */
    layer2RetentionSeconds?: number;
    /**
     * Cross-region guarantee.
     */
    crossRegion?: string;
  };
  /**
   * Test-key features; present only when enabled on the host.
   */
  testing?: {
    /**
     * Mock AI providers test keys may select.
     */
    mockProviders?: Array<string>;
    /**
     * Prefix that marks test API keys.
     */
    testKeyPrefix?: string;
    /**
     * Engine versions a test key may force with `X-Force-Engine-Version`.
     */
    forceEngineVersionRange?: {
      /**
       * Oldest forceable version.
       */
      min: number;
      /**
       * Newest forceable version.
       */
      max: number;
    };
  };
  /**
   * OpenTelemetry hints.
   */
  observability?: {
    [key: string]: unknown;
  };
  /**
   * Which spec revision the host tracks.
   */
  contractProvenance?: {
    /**
     * Conformance suite version.
     */
    suiteVersion?: string;
    /**
     * Spec repository commit.
     */
    corpusCommit?: string;
  };
  [key: string]: unknown;
};

/**
 * A declarative OpenWOP workflow: typed nodes wired by edges, with triggers, variables, settings, metadata and optional typed state channels. Served verbatim by `getWorkflow`.
 */
export type WorkflowDefinition = {
  /**
   * The workflow id clients pass as `workflowId`. Lowercase, no dots.
   */
  id: string;
  /**
   * Display name.
   */
  name: string;
  /**
   * Free-form workflow version chosen by the author (unrelated to engine or schema versions).
   */
  version: string;
  /**
   * What the workflow does.
   */
  description?: string;
  /**
   * Category used for filtering.
   */
  type?: string;
  /**
   * Whether the workflow may be started.
   */
  isActive?: boolean;
  /**
   * Authoring status of the definition.
   */
  status?: 'active' | 'inactive' | 'draft' | 'archived';
  /**
   * Neutral tenant scoping hint (the host scopes by API key regardless).
   */
  tenantId?: string;
  /**
   * Opaque correlation id.
   */
  scopeId?: string;
  /**
   * URL-friendly alias.
   */
  slug?: string;
  /**
   * The nodes of the graph; node ids are unique within the workflow.
   */
  nodes: Array<WorkflowNode>;
  /**
   * Directed edges between nodes.
   */
  edges: Array<WorkflowEdge>;
  /**
   * How runs of this workflow may be started (`manual` is what `createRun` uses).
   */
  triggers: Array<WorkflowTrigger>;
  /**
   * Declared inputs and workflow variables.
   */
  variables: Array<WorkflowVariable>;
  metadata: WorkflowMetadata;
  settings: WorkflowSettings;
  /**
   * Visual node groups; no effect on execution.
   */
  groups?: Array<{
    /**
     * Group id.
     */
    id: string;
    /**
     * Group label.
     */
    name: string;
    /**
     * Member node ids.
     */
    nodeIds: Array<string>;
    position: Position;
    /**
     * Canvas size of the group.
     */
    size: {
      /**
       * Width in canvas units.
       */
      width: number;
      /**
       * Height in canvas units.
       */
      height: number;
    };
    /**
     * Display colour.
     */
    color?: string;
    /**
     * Whether the group is drawn collapsed.
     */
    collapsed?: boolean;
  }>;
  /**
   * Typed state channels keyed by channel name; their presence makes runs channel-aware.
   */
  channels?: {
    [key: string]: ChannelDeclaration;
  };
  /**
   * JSON Schema (2020-12) that `RunOptions.configurable` must satisfy when a run of this workflow is created.
   */
  configurableSchema?: {
    [key: string]: unknown;
  };
  /**
   * Default prompt references (prompt-library feature).
   */
  defaults?: {
    /**
     * Default prompt ids by role.
     */
    promptRefs?: {
      /**
       * System prompt id.
       */
      system?: string;
      /**
       * User prompt id.
       */
      user?: string;
      /**
       * Few-shot prompt id.
       */
      'few-shot'?: string;
      /**
       * Schema hint prompt id.
       */
      'schema-hint'?: string;
    };
  };
  /**
   * Artifact types a sub-workflow accepts from its parent.
   */
  acceptsInheritedArtifacts?: Array<{
    [key: string]: unknown;
  }>;
  /**
   * When the definition was created.
   */
  createdAt?: string;
  /**
   * When the definition was last changed.
   */
  updatedAt?: string;
};

/**
 * One node of a workflow graph, executed by the node type named in `typeId`.
 */
export type WorkflowNode = {
  /**
   * Node id, unique within the workflow. No maximum length.
   */
  id: string;
  /**
   * Node type, e.g. `core.noop` or `vendor.acme.sendEmail`.
   */
  typeId: string;
  /**
   * Display name.
   */
  name: string;
  position: Position;
  /**
   * Constants for the node, shaped by its type.
   */
  config: {
    [key: string]: unknown;
  };
  /**
   * Input wiring by port name.
   */
  inputs: {
    [key: string]: PortValue;
  };
  /**
   * Reference to stored credentials the node uses.
   */
  credentialsRef?: string;
  /**
   * Free-form per-node settings.
   */
  settings?: {
    [key: string]: unknown;
  };
  /**
   * Advisory marker of the main deliverable among terminal nodes.
   */
  outputRole?: 'primary' | 'secondary';
  /**
   * A disabled node is skipped.
   */
  disabled?: boolean;
  /**
   * Author notes.
   */
  notes?: string;
  /**
   * Visual group the node belongs to.
   */
  groupId?: string;
  /**
   * Agent pinning for multi-agent hosts.
   */
  agent?: {
    [key: string]: unknown;
  };
  /**
   * AI envelope contract for AI nodes.
   */
  envelopeContract?: {
    [key: string]: unknown;
  };
  /**
   * Artifact type the node produces or reviews.
   */
  artifactType?: string;
  /**
   * Chat card override.
   */
  cardType?: string;
  /**
   * Output ports whose values are masked in `node.completed` payloads.
   */
  outputSensitivity?: {
    [key: string]: boolean;
  };
};

/**
 * A directed edge; optional condition and join rule at the target.
 */
export type WorkflowEdge = {
  /**
   * Edge id, unique within the workflow.
   */
  id: string;
  /**
   * Node the edge leaves.
   */
  sourceNodeId: string;
  /**
   * Node the edge enters.
   */
  targetNodeId: string;
  /**
   * Source port (default `output`).
   */
  sourceOutput?: string;
  /**
   * Target port (default `input`).
   */
  targetInput?: string;
  /**
   * Display label.
   */
  label?: string;
  /**
   * The edge fires only when this condition holds.
   */
  condition?: {
    /**
     * Comparison operator.
     */
    type: 'expression' | 'equals' | 'notEquals' | 'contains' | 'regex' | 'truthy' | 'falsy';
    /**
     * Path into `{output, variables}` that is compared, e.g. `output.approved`.
     */
    left?: string;
    /**
     * Operand compared against `left` (any JSON).
     */
    right?: unknown;
    /**
     * Expression used when `type` is `expression`.
     */
    expression?: string;
  };
  /**
   * Join rule at the target node (default `all_success`).
   */
  triggerRule?: 'all_success' | 'any_success' | 'all_complete' | 'none_failed' | 'any_failed';
};

/**
 * A way runs of the workflow may be started.
 */
export type WorkflowTrigger = {
  /**
   * Trigger id.
   */
  id: string;
  /**
   * Trigger kind.
   */
  type:
    | 'manual'
    | 'schedule'
    | 'webhook'
    | 'event'
    | 'artifact'
    | 'canvas'
    | 'envelope'
    | 'command'
    | 'chat-message'
    | 'channel-write';
  /**
   * Display name.
   */
  name?: string;
  /**
   * What the trigger does.
   */
  description?: string;
  /**
   * Kind-specific configuration.
   */
  config?: {
    [key: string]: unknown;
  };
  /**
   * Whether the trigger is active.
   */
  enabled?: boolean;
  /**
   * Entry node the trigger starts at.
   */
  nodeId?: string;
  /**
   * Event type an `event` trigger listens for.
   */
  eventType?: string;
};

/**
 * A declared workflow input or variable.
 */
export type WorkflowVariable = {
  /**
   * Variable name.
   */
  name: string;
  /**
   * Value type.
   */
  type: 'string' | 'number' | 'boolean' | 'object' | 'array';
  /**
   * What the variable holds.
   */
  description?: string;
  /**
   * A run must supply it (or a default must exist).
   */
  required?: boolean;
  /**
   * Value used when the run does not supply one.
   */
  defaultValue?: unknown;
  /**
   * Mask the value in events and snapshots.
   */
  sensitive?: boolean;
  /**
   * Advisory UI hint such as `email` or `date-time`; never enforced.
   */
  format?: string;
};

/**
 * Execution settings of a workflow.
 */
export type WorkflowSettings = {
  /**
   * Run duration limit in milliseconds.
   */
  timeout?: number;
  /**
   * Default retry budget for nodes.
   */
  maxRetries?: number;
  /**
   * Minimum level of `log.appended` events.
   */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Bound on loop iterations (default 5).
   */
  maxLoopbackIterations?: number;
  [key: string]: unknown;
};

/**
 * Authoring and compliance metadata of a workflow.
 */
export type WorkflowMetadata = {
  /**
   * Author id.
   */
  createdBy?: string;
  /**
   * Creation time.
   */
  createdAt?: string;
  /**
   * Last editor id.
   */
  updatedBy?: string;
  /**
   * Last change time.
   */
  updatedAt?: string;
  /**
   * Free-form tags.
   */
  tags?: Array<string>;
  /**
   * Category.
   */
  category?: string;
  /**
   * Author name.
   */
  author?: string;
  /**
   * Version of the code that produced the definition.
   */
  codeVersion?: string;
  /**
   * Free-form properties.
   */
  customProperties?: {
    [key: string]: unknown;
  };
  /**
   * Data classification.
   */
  complianceClass?: 'public' | 'pii' | 'phi' | 'pci' | 'regulated';
  [key: string]: unknown;
};

/**
 * A typed state channel and the reducer that combines writes to it.
 */
export type ChannelDeclaration = {
  /**
   * How writes combine: a canonical reducer or `vendor.<org>.<name>`.
   */
  reducer: string;
  /**
   * JSON Schema of the channel value.
   */
  schema?: {
    [key: string]: unknown;
  };
  /**
   * Version of `schema`, recorded on every write.
   */
  schemaVersion?: number;
  /**
   * Older schema versions whose writes remain valid.
   */
  compatibleWith?: Array<number>;
  /**
   * Value before the first write.
   */
  default?: unknown;
  /**
   * Entry bound for list reducers.
   */
  maxSize?: number;
  /**
   * Entry age limit for list reducers.
   */
  ttlMs?: number;
  /**
   * Reducer-specific options.
   */
  options?: {
    [key: string]: unknown;
  };
  /**
   * Who may read and write: `public`, `private`, or allow-lists of node ids / typeId prefixes.
   */
  access?:
    | 'public'
    | 'private'
    | {
        readers?: Array<string>;
        writers?: Array<string>;
      };
  /**
   * Mask values in events and reads.
   */
  sensitive?: boolean;
};

/**
 * Where a node input takes its value from; exactly one of four closed shapes selected by `type`.
 */
export type PortValue =
  | {
      /**
       * Literal value.
       */
      type: 'static';
      /**
       * The literal (any JSON).
       */
      value: unknown;
    }
  | {
      /**
       * Expression value.
       */
      type: 'expression';
      /**
       * The expression text.
       */
      expression: string;
    }
  | {
      /**
       * Upstream connection.
       */
      type: 'connection';
      /**
       * Upstream node id.
       */
      nodeId: string;
      /**
       * Output port of the upstream node.
       */
      outputKey: string;
      /**
       * Missing value is allowed.
       */
      optional?: boolean;
    }
  | {
      /**
       * Variable reference.
       */
      type: 'variable';
      /**
       * Variable name.
       */
      variableName: string;
      /**
       * Missing value is allowed.
       */
      optional?: boolean;
    };

/**
 * Canvas coordinates; no meaning for execution.
 */
export type Position = {
  /**
   * Horizontal coordinate.
   */
  x: number;
  /**
   * Vertical coordinate.
   */
  y: number;
};

/**
 * The current state of a run, projected from its event log. Readers ignore unknown fields.
 */
export type RunSnapshot = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * Workflow the run executes.
   */
  workflowId: string;
  status: RunStatus;
  /**
   * Who owns the run.
   */
  owner?: {
    /**
     * Owning tenant.
     */
    tenant: string;
    /**
     * Owning workspace.
     */
    workspace?: string;
    /**
     * Principal that started the run.
     */
    principal?: string;
    /**
     * Kind of principal.
     */
    principalKind?: 'user' | 'agent' | 'anonymous';
  };
  /**
   * Node holding the pending interrupt while the run is suspended.
   */
  currentNodeId?: string;
  /**
   * When execution began.
   */
  startedAt?: string;
  /**
   * When the run reached a terminal status.
   */
  completedAt?: string;
  /**
   * Per-node state keyed by node id.
   */
  nodeStates?: {
    [key: string]: unknown;
  };
  /**
   * Workflow variables (sensitive ones masked).
   */
  variables?: {
    [key: string]: unknown;
  };
  /**
   * Post-reduction channel values.
   */
  channels?: {
    [key: string]: unknown;
  };
  error?: RunError;
  /**
   * Engine version the run started under (decimal string).
   */
  engineVersion?: string;
  /**
   * Event log contract version (`2`).
   */
  eventLogSchemaVersion?: number;
  /**
   * Tags from the run options.
   */
  tags?: Array<string>;
  /**
   * Metadata from the run options.
   */
  metadata?: {
    [key: string]: unknown;
  };
  /**
   * The configurable overlay the run was created with.
   */
  configurable?: {
    [key: string]: unknown;
  };
  /**
   * Signed-token handle of the pending interrupt, while suspended.
   */
  interrupt?: {
    /**
     * Signed token for `/v1/interrupts/{token}`.
     */
    interruptToken?: string;
    /**
     * Full URL of the signed-token resolve route.
     */
    callbackUrl?: string;
  };
  /**
   * Parent run when this run was started by `core.subWorkflow` or a fork.
   */
  parentRunId?: string;
  [key: string]: unknown;
};

/**
 * One entry of a run's append-only event log, exactly as persisted, polled, streamed and delivered by webhook. `sequence` starts at 0 and is gapless per run.
 */
export type RunEventDoc = {
  /**
   * Globally unique event id.
   */
  eventId: string;
  /**
   * Run the event belongs to.
   */
  runId: string;
  /**
   * Dotted event type, e.g. `node.completed`. Readers tolerate unknown types.
   */
  type: string;
  /**
   * Event-type specific payload.
   */
  payload: unknown;
  /**
   * When the event was appended.
   */
  timestamp: string;
  /**
   * Per-run position in the log, from 0.
   */
  sequence: number;
  /**
   * Node the event concerns, for node-scoped events.
   */
  nodeId?: string;
  /**
   * Payload contract version (currently 1).
   */
  schemaVersion?: number;
  /**
   * Engine version that wrote the event (decimal string).
   */
  engineVersion?: string;
  /**
   * Event id of the event that caused this one.
   */
  causationId?: string;
};

/**
 * Kind of interrupt.
 */
export type InterruptKind = 'approval' | 'clarification' | 'external-event' | 'custom';

/**
 * Payload of `run.started`: emitted once when execution begins.
 */
export type RunStartedPayload = {
  /**
   * Workflow being executed.
   */
  workflowId: string;
  /**
   * Run inputs.
   */
  inputs?: {
    [key: string]: unknown;
  };
  /**
   * How the run was started.
   */
  transport?: 'rest' | 'mcp' | 'a2a' | 'ui';
  /**
   * Engine version (decimal string).
   */
  engineVersion?: string;
  /**
   * Owner of the run.
   */
  owner?: {
    /**
     * Owning tenant.
     */
    tenant: string;
    /**
     * Owning workspace.
     */
    workspace?: string;
    /**
     * Starting principal.
     */
    principal?: string;
  };
  /**
   * Run tags.
   */
  tags?: Array<string>;
  /**
   * Run metadata.
   */
  metadata?: {
    [key: string]: unknown;
  };
};

/**
 * Payload of `run.completed`: the successful terminal event.
 */
export type RunCompletedPayload = {
  /**
   * Run outputs by port.
   */
  outputs?: {
    [key: string]: unknown;
  };
  /**
   * Run duration.
   */
  durationMs?: number;
};

/**
 * Payload of `run.failed`: the failed terminal event.
 */
export type RunFailedPayload = {
  error: RunError;
  /**
   * Node whose failure ended the run.
   */
  failedNodeId?: string;
  /**
   * Run duration.
   */
  durationMs?: number;
};

/**
 * Payload of `run.cancelled`: the cancelled terminal event.
 */
export type RunCancelledPayload = {
  /**
   * Why the run was cancelled.
   */
  reason?: string;
  /**
   * Who cancelled it (user id, key fingerprint or `system`).
   */
  cancelledBy?: string;
  /**
   * Run duration.
   */
  durationMs?: number;
  /**
   * Parent whose cancellation cascaded here.
   */
  parentRunId?: string;
};

/**
 * Payload of `run.paused`: an operator pause took effect.
 */
export type RunPausedPayload = {
  /**
   * Why the run was paused.
   */
  reason?: string;
  /**
   * How in-flight work was drained.
   */
  drainPolicy?: 'immediate' | 'drain-current-node';
};

/**
 * Payload of `run.resumed`: an operator resume took effect.
 */
export type RunResumedPayload = {
  /**
   * Why the run was resumed.
   */
  reason?: string;
};

/**
 * Payload of `node.started`.
 */
export type NodeStartedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Node type.
   */
  typeId: string;
  /**
   * Attempt number from 0.
   */
  attempt?: number;
};

/**
 * Payload of `node.completed`; sensitive output ports are masked.
 */
export type NodeCompletedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Node outputs by port.
   */
  outputs?: {
    [key: string]: unknown;
  };
  /**
   * Node duration.
   */
  durationMs?: number;
};

/**
 * Payload of `node.failed`: terminal node failure after retries.
 */
export type NodeFailedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  error: RunError;
  /**
   * Attempts made.
   */
  attempts?: number;
};

/**
 * Payload of `node.retried`: one retry within the budget.
 */
export type NodeRetriedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * The attempt about to run.
   */
  attempt: number;
  /**
   * Backoff before the attempt.
   */
  delayMs?: number;
  lastError?: RunError;
};

/**
 * Payload of `node.skipped`: the node will not run in this run.
 */
export type NodeSkippedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Why it was skipped.
   */
  reason?: string;
};

/**
 * Payload of `node.cancelled`: an in-flight node was cancelled.
 */
export type NodeCancelledPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Why it was cancelled.
   */
  reason?: string;
};

/**
 * Payload of `node.suspended`: the node raised an interrupt.
 */
export type NodeSuspendedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Interrupt id.
   */
  interruptId: string;
  kind?: InterruptKind;
  /**
   * Interrupt key.
   */
  key?: string;
};

/**
 * Payload of `node.resumed`: the node received its resume value.
 */
export type NodeResumedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Interrupt id.
   */
  interruptId?: string;
  /**
   * The value the interrupt was resolved with.
   */
  resumeValue?: unknown;
};

/**
 * Payload of `interrupt.requested`: a node suspended the run.
 */
export type InterruptRequestedPayload = {
  /**
   * Run id.
   */
  runId?: string;
  /**
   * Node id.
   */
  nodeId?: string;
  /**
   * Interrupt id.
   */
  interruptId?: string;
  kind?: InterruptKind;
  /**
   * Interrupt key, unique per raise.
   */
  key?: string;
  /**
   * Kind-specific request data.
   */
  data?: unknown;
  /**
   * Time until the interrupt times out.
   */
  timeoutMs?: number;
  /**
   * When it was raised.
   */
  requestedAt?: string;
};

/**
 * Payload of `interrupt.resolved`.
 */
export type InterruptResolvedPayload = {
  /**
   * Run id.
   */
  runId?: string;
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Interrupt id.
   */
  interruptId: string;
  kind?: InterruptKind;
  /**
   * The resolving value.
   */
  resumeValue?: unknown;
  /**
   * When it was resolved.
   */
  resolvedAt?: string;
  /**
   * Who resolved it.
   */
  resolvedBy?: string;
};

/**
 * Payload of `approval.requested` (legacy companion of an approval interrupt).
 */
export type ApprovalRequestedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Artifact under review.
   */
  artifactId: string;
  /**
   * Artifact type.
   */
  artifactType: string;
  /**
   * Allowed decisions.
   */
  actions: Array<'accept' | 'reject' | 'refine' | 'edit' | 'ask'>;
  /**
   * Interrupt id.
   */
  interruptId?: string;
  /**
   * Prompt shown to approvers.
   */
  title?: string;
  /**
   * Who may approve.
   */
  approversList?: Array<string>;
  /**
   * Approvals needed.
   */
  requiredApprovals?: number;
};

/**
 * Payload of `approval.received`: an approval decision.
 */
export type ApprovalReceivedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * The decision.
   */
  action: 'accept' | 'reject' | 'refine' | 'edit-accept' | 'timeout';
  /**
   * Who decided.
   */
  decidedBy?: string;
  /**
   * When.
   */
  decidedAt?: string;
  /**
   * Free-text comment.
   */
  comment?: string;
  /**
   * Reviewer feedback.
   */
  feedback?: string;
  /**
   * Structured refine request.
   */
  refineFeedback?: {
    [key: string]: unknown;
  };
  /**
   * Edited artifact for `edit-accept`.
   */
  editedArtifactData?: unknown;
};

/**
 * Payload of `clarification.requested`.
 */
export type ClarificationRequestedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Interrupt id.
   */
  interruptId?: string;
  /**
   * Questions to answer.
   */
  questions: Array<{
    /**
     * Question id.
     */
    id: string;
    /**
     * Question text.
     */
    question: string;
    /**
     * JSON Schema of the answer.
     */
    schema?: {
      [key: string]: unknown;
    };
  }>;
};

/**
 * Payload of `clarification.resolved`.
 */
export type ClarificationResolvedPayload = {
  /**
   * Node id.
   */
  nodeId: string;
  /**
   * Answers keyed by question id.
   */
  answers: {
    [key: string]: unknown;
  };
  /**
   * Who answered.
   */
  answeredBy?: string;
};

/**
 * Payload of `channel.written`: one write to a channel (the write input, not the reduced value).
 */
export type ChannelWrittenPayload = {
  /**
   * Channel name.
   */
  channel: string;
  /**
   * The written value.
   */
  value: unknown;
  /**
   * Reducer in force at write time.
   */
  reducer: string;
  /**
   * Writing node.
   */
  nodeId?: string;
  /**
   * Write time.
   */
  writtenAt?: string;
  /**
   * Channel schema version.
   */
  schemaVersion?: number;
  /**
   * Engine of a cross-engine write.
   */
  sourceEngineId?: string;
  /**
   * Run of a cross-engine write.
   */
  sourceRunId?: string;
};

/**
 * Payload of `variable.changed`.
 */
export type VariableChangedPayload = {
  /**
   * Variable name.
   */
  name: string;
  /**
   * Previous value.
   */
  previous?: unknown;
  /**
   * New value.
   */
  next?: unknown;
  /**
   * Node that changed it.
   */
  nodeId?: string;
};

/**
 * Payload of `artifact.created`.
 */
export type ArtifactCreatedPayload = {
  /**
   * Artifact id.
   */
  artifactId: string;
  /**
   * Artifact type.
   */
  artifactType: string;
  /**
   * Producing node.
   */
  nodeId?: string;
  /**
   * Artifact version.
   */
  version?: number;
  /**
   * Short summary.
   */
  summary?: string;
};

/**
 * Payload of `output.chunk`: persisted streaming output.
 */
export type OutputChunkPayload = {
  /**
   * Producing node.
   */
  nodeId: string;
  /**
   * Text chunk.
   */
  chunk: string;
  /**
   * Last chunk of the output.
   */
  isLast?: boolean;
  /**
   * Output channel.
   */
  channel?: string;
  /**
   * Model metadata.
   */
  meta?: {
    [key: string]: unknown;
  };
};

/**
 * Payload of `log.appended` (debug mode).
 */
export type LogAppendedPayload = {
  /**
   * Log level.
   */
  level: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Log message.
   */
  message: string;
  /**
   * Logging node.
   */
  nodeId?: string;
  /**
   * Structured fields.
   */
  fields?: {
    [key: string]: unknown;
  };
};

/**
 * Payload of `version.pinned`.
 */
export type VersionPinnedPayload = {
  /**
   * Change id.
   */
  changeId: string;
  /**
   * Pinned version.
   */
  version: number;
  /**
   * Node that asked.
   */
  nodeId?: string;
};

/**
 * Payload of `cap.breached`: a run limit fired.
 */
export type CapBreachedPayload = {
  /**
   * Which limit.
   */
  kind:
    | 'clarification'
    | 'schema'
    | 'envelopes'
    | 'node-executions'
    | 'wasm-memory'
    | 'wasm-fuel'
    | 'wasm-execution-time'
    | 'run-duration'
    | 'loop-iterations'
    | 'budget-tokens'
    | 'budget-cost'
    | 'budget-tool-calls'
    | 'budget-retries';
  /**
   * The limit.
   */
  limit: number;
  /**
   * The observed value.
   */
  observed: number;
  /**
   * Node that hit it.
   */
  nodeId?: string;
};

/**
 * Payload of `workflow.loopback-limit`.
 */
export type WorkflowLoopbackLimitPayload = {
  /**
   * Looping node.
   */
  nodeId: string;
  /**
   * Iterations reached.
   */
  iterations: number;
  /**
   * The limit.
   */
  limit?: number;
};

/**
 * Payload of `replay.diverged` (replay forks only).
 */
export type ReplayDivergedPayload = {
  /**
   * Source run.
   */
  sourceRunId: string;
  /**
   * Where it diverged.
   */
  atSequence: number;
  /**
   * Source event id.
   */
  originalEventId?: string;
  /**
   * Kind of divergence.
   */
  divergenceKind?: 'output' | 'missing' | 'extra' | 'type-mismatch';
};

/**
 * An OpenAPI 3.1 document.
 */
export type OpenApiDocument = {
  /**
   * OpenAPI version.
   */
  openapi: string;
  /**
   * Document metadata.
   */
  info: {
    [key: string]: unknown;
  };
  /**
   * The operations.
   */
  paths: {
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/**
 * Where a registered definition was stored.
 */
export type RegisteredWorkflow = {
  /**
   * Workflow id.
   */
  workflowId: string;
  /**
   * The definition's own `version`.
   */
  version: string;
  /**
   * Host-assigned revision number, from 1.
   */
  revision: number;
  /**
   * SHA-256 of the canonical JSON of the definition.
   */
  digest: string;
  /**
   * When the revision was stored.
   */
  registeredAt: string;
};

/**
 * The latest revision of a workflow, without its graph.
 */
export type WorkflowSummary = {
  /**
   * Workflow id.
   */
  workflowId: string;
  /**
   * Display name.
   */
  name: string;
  /**
   * The definition's own `version`.
   */
  version: string;
  /**
   * Host-assigned revision number.
   */
  revision: number;
  /**
   * What the workflow does.
   */
  description?: string;
  /**
   * When the revision was stored.
   */
  registeredAt: string;
};

/**
 * One page of workflows.
 */
export type WorkflowList = {
  /**
   * Workflows on this page.
   */
  items: Array<WorkflowSummary>;
  /**
   * Cursor of the next page; `null` on the last page.
   */
  nextCursor: string | null;
};

/**
 * One page of runs.
 */
export type RunList = {
  /**
   * Runs on this page.
   */
  items: Array<RunSnapshot>;
  /**
   * Cursor of the next page; `null` on the last page.
   */
  nextCursor: string | null;
};

/**
 * The per-run options overlay.
 */
export type RunOptions = {
  /**
   * Per-run parameters (e.g. `recursionLimit`, `runTimeoutMs`), validated against the workflow's `configurableSchema`.
   */
  configurable?: {
    [key: string]: unknown;
  };
  /**
   * Observability tags.
   */
  tags?: Array<string>;
  /**
   * Free-form observability metadata.
   */
  metadata?: {
    [key: string]: unknown;
  };
};

/**
 * Body of `createRun`. The run-options overlay sits at the top level.
 */
export type CreateRunParams = {
  /**
   * Workflow to run.
   */
  workflowId: string;
  /**
   * Workflow inputs.
   */
  inputs?: {
    [key: string]: unknown;
  };
  /**
   * Tenant scope; derived from the API key when omitted.
   */
  tenantId?: string;
  /**
   * Correlation id used by `X-Dedup`.
   */
  scopeId?: string;
  /**
   * Where the signed interrupt callback URL is sent when the run suspends.
   */
  callbackUrl?: string;
  /**
   * Per-run parameters (e.g. `recursionLimit`, `runTimeoutMs`).
   */
  configurable?: {
    [key: string]: unknown;
  };
  /**
   * Observability tags.
   */
  tags?: Array<string>;
  /**
   * Free-form observability metadata.
   */
  metadata?: {
    [key: string]: unknown;
  };
};

/**
 * The accepted run.
 */
export type RunAccepted = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * Status at acceptance.
   */
  status: 'pending' | 'running' | 'waiting-approval' | 'waiting-input' | 'waiting-external';
  /**
   * SSE URL of the run's events.
   */
  eventsUrl: string;
  /**
   * URL of the run snapshot.
   */
  statusUrl?: string;
};

/**
 * Body of `cancelRun`.
 */
export type CancelRunParams = {
  /**
   * Why the run is cancelled.
   */
  reason?: string;
};

/**
 * The run after the cancel was accepted.
 */
export type CancelRunResult = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * `cancelled` when done, `cancelling` while a cascade runs.
   */
  status: 'cancelled' | 'cancelling';
};

/**
 * Body of `bulkCancelRuns`.
 */
export type BulkCancelParams = {
  /**
   * Runs to cancel, at most 100. A longer list is `400 validation_error` with `details.maxRunIds` (checked by the host rather than by `maxItems`, so the limit reaches the client as a number).
   */
  runIds: Array<string>;
  /**
   * Why the runs are cancelled.
   */
  reason?: string;
};

/**
 * The outcome for one run id.
 */
export type BulkCancelResult = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * Whether the cancel was accepted.
   */
  ok: boolean;
  /**
   * Status after the cancel.
   */
  status?: 'cancelled' | 'cancelling';
  error?: BulkCancelError;
};

/**
 * Why one run of a bulk cancel failed. The envelope's `error` code is repeated as `code`, because the bulk-cancel conformance scenario reads `error.code` while envelope readers read `error.error`.
 */
export type BulkCancelError = {
  /**
   * Machine-readable code, e.g. `not_found` or `run_terminal`.
   */
  error: string;
  /**
   * The same code as `error`.
   */
  code: string;
  /**
   * Human-readable explanation.
   */
  message: string;
};

/**
 * Per-id results in request order.
 */
export type BulkCancelResults = {
  /**
   * One entry per requested id.
   */
  results: Array<BulkCancelResult>;
};

/**
 * Body of `pauseRun`.
 */
export type PauseRunParams = {
  /**
   * Why the run is paused.
   */
  reason?: string;
  /**
   * How in-flight work is drained (default `drain-current-node`).
   */
  drainPolicy?: 'immediate' | 'drain-current-node';
};

/**
 * The accepted pause.
 */
export type PauseRunResult = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * Always `paused`.
   */
  status: 'paused';
  /**
   * When the pause was accepted.
   */
  pausedAt?: string;
};

/**
 * Body of `resumeRun`.
 */
export type ResumeRunParams = {
  /**
   * Why the run is resumed.
   */
  reason?: string;
};

/**
 * The accepted resume.
 */
export type ResumeRunResult = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * Always `running`.
   */
  status: 'running';
  /**
   * When the resume was accepted.
   */
  resumedAt?: string;
};

/**
 * Body of `forkRun`.
 */
export type ForkRunParams = {
  /**
   * `replay` reuses recorded outcomes; `branch` re-executes with the overlay.
   */
  mode: 'replay' | 'branch';
  /**
   * First re-executed sequence; required for `branch`, default 0 for `replay`.
   */
  fromSeq?: number;
  runOptionsOverlay?: RunOptions;
};

/**
 * The forked child run.
 */
export type ForkRunResult = {
  /**
   * Child run id.
   */
  runId: string;
  /**
   * Source run id.
   */
  sourceRunId: string;
  /**
   * The resolved fork point.
   */
  fromSeq?: number;
  /**
   * Fork mode.
   */
  mode: 'replay' | 'branch';
  status: RunStatus;
  /**
   * SSE URL of the child's events.
   */
  eventsUrl: string;
};

/**
 * A run's event log as one JSON document.
 */
export type RunEventList = {
  /**
   * Events in sequence order.
   */
  events: Array<RunEventDoc>;
};

/**
 * The answer to a long-poll.
 */
export type RunEventPage = {
  /**
   * Events after `lastSequence`, in order.
   */
  events: Array<RunEventDoc>;
  /**
   * The run has ended and its terminal event has been delivered.
   */
  isComplete: boolean;
};

/**
 * Body of both interrupt resolve operations.
 */
export type ResolveInterruptParams = {
  /**
   * The value the suspended node resumes with; its shape depends on the interrupt kind (e.g. `{action: "accept"}`).
   */
  resumeValue: unknown;
};

/**
 * Body of `resolveInterruptByToken`: `{resumeValue}`, exactly as for the run-scoped resolve. The host checks it only after the token (a bad token answers `404` whatever the body is), so the schema leaves it open; a body without `resumeValue`, or with any other property, then answers `400`.
 */
export type ResolveInterruptByTokenParams = {
  /**
   * The value the suspended node resumes with; its shape depends on the interrupt kind (e.g. the event payload of an `external-event` interrupt).
   */
  resumeValue?: unknown;
};

/**
 * The run after the interrupt was resolved.
 */
export type ResolveInterruptResult = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * Node that held the interrupt.
   */
  nodeId: string;
  status: RunStatus;
};

/**
 * A pending interrupt as seen through its signed token.
 */
export type InterruptView = {
  /**
   * Run id.
   */
  runId: string;
  /**
   * Node holding the interrupt.
   */
  nodeId: string;
  /**
   * Interrupt id.
   */
  interruptId: string;
  kind: InterruptKind;
  /**
   * Interrupt key.
   */
  key?: string;
  /**
   * Kind-specific request data.
   */
  data?: unknown;
  /**
   * When it was raised.
   */
  requestedAt?: string;
  /**
   * When the token stops working.
   */
  expiresAt?: string;
  /**
   * Whether this token may resolve (false for inspect-only tokens).
   */
  canResolve?: boolean;
};

/**
 * An artifact produced by a run.
 */
export type Artifact = {
  /**
   * Artifact id.
   */
  artifactId: string;
  /**
   * Producing run.
   */
  runId: string;
  /**
   * Artifact type.
   */
  artifactType: string;
  /**
   * Producing node.
   */
  nodeId?: string;
  /**
   * Artifact version.
   */
  version?: number;
  /**
   * Artifact content.
   */
  data?: unknown;
};

/**
 * Body of `registerWebhook`. The secret is always generated by the host.
 */
export type RegisterWebhookParams = {
  /**
   * Receiver URL (`https`).
   */
  url: string;
  /**
   * Run event types to deliver.
   */
  events: Array<string>;
  /**
   * Workspace of the subscription; defaults to the API key's tenant.
   */
  tenantId?: string;
  /**
   * Deliver only runs sharing at least one of these tags.
   */
  tags?: Array<string>;
};

/**
 * The new subscription; `secret` is shown only here.
 */
export type RegisteredWebhook = {
  /**
   * Subscription id.
   */
  webhookId: string;
  /**
   * HMAC signing secret (64 lowercase hex characters).
   */
  secret: string;
  /**
   * First 8 hex characters of sha256(secret).
   */
  secretFingerprint: string;
  /**
   * Signature scheme used for deliveries (`v1`).
   */
  signatureAlgorithm?: string;
};

/**
 * A `messages`-mode SSE frame: one chunk of streamed AI output, derived from a persisted `output.chunk`.
 */
export type AiMessageChunk = {
  /**
   * Producing node.
   */
  nodeId: string;
  /**
   * Run id.
   */
  runId: string;
  /**
   * Text chunk.
   */
  chunk: string;
  /**
   * Last chunk of the output.
   */
  isLast?: boolean;
  /**
   * Model metadata.
   */
  meta?: {
    [key: string]: unknown;
  };
};

/**
 * Body of one webhook delivery; `event` is the persisted event verbatim and `type` mirrors `event.type`.
 */
export type WebhookDelivery = {
  /**
   * Run the event belongs to.
   */
  runId: string;
  /**
   * Workspace (tenant) of the subscription.
   */
  workspaceId?: string;
  /**
   * The event's type.
   */
  type: string;
  event: RunEventDoc;
};

/**
 * A webhook subscription as listed; its secret is never shown again after registration.
 */
export type WebhookSubscription = {
  /**
   * Subscription id.
   */
  webhookId: string;
  /**
   * Workspace (tenant) of the subscription.
   */
  tenantId: string;
  /**
   * Receiver URL.
   */
  url: string;
  /**
   * Run event types delivered.
   */
  events: Array<string>;
  /**
   * Run tags filter; empty = every run.
   */
  tags: Array<string>;
  /**
   * First 8 hex characters of sha256(secret).
   */
  secretFingerprint: string;
  /**
   * Signature scheme of deliveries (`v1`).
   */
  signatureAlgorithm: string;
  /**
   * `failed` after too many delivery failures; a redelivery re-activates it.
   */
  state: 'active' | 'failed';
  /**
   * When the subscription was registered.
   */
  createdAt: string;
  /**
   * Present while the circuit breaker holds deliveries back.
   */
  circuitOpenUntil?: string;
  /**
   * Present while a rotated-out secret still signs.
   */
  previousSecretExpiresAt?: string;
};

/**
 * One page of webhook subscriptions.
 */
export type WebhookList = {
  /**
   * Subscriptions on this page.
   */
  items: Array<WebhookSubscription>;
  /**
   * Cursor of the next page; `null` on the last page.
   */
  nextCursor: string | null;
};

/**
 * Body of `rotateWebhookSecret`.
 */
export type RotateWebhookSecretParams = {
  /**
   * How long the previous secret keeps signing (default 86400, at most 604800; 0 ends it now).
   */
  overlapSeconds?: number;
};

/**
 * The new secret of a subscription; `secret` is shown only here.
 */
export type RotatedWebhookSecret = {
  /**
   * Subscription id.
   */
  webhookId: string;
  /**
   * HMAC signing secret (64 lowercase hex characters).
   */
  secret: string;
  /**
   * First 8 hex characters of sha256(secret).
   */
  secretFingerprint: string;
  /**
   * Signature scheme used for deliveries (`v1`).
   */
  signatureAlgorithm: string;
  /**
   * Until when the previous secret still signs.
   */
  previousSecretExpiresAt?: string;
};

/**
 * One delivery: an event sent to a subscription, with its attempts.
 */
export type WebhookDeliveryRecord = {
  /**
   * Stable id (the `X-Wopkit-Delivery-Id` header); receivers de-duplicate on it.
   */
  deliveryId: string;
  /**
   * Subscription id.
   */
  webhookId: string;
  /**
   * Run of the event.
   */
  runId: string;
  /**
   * Sequence of the event in its run.
   */
  sequence: number;
  /**
   * Event id.
   */
  eventId: string;
  /**
   * Event type.
   */
  eventType: string;
  /**
   * `dead` once the retry budget ran out (a dead letter).
   */
  status: 'pending' | 'delivered' | 'dead';
  /**
   * Attempts made since it was (re)queued.
   */
  attempts: number;
  /**
   * When a pending delivery is due.
   */
  nextAttemptAt?: string;
  /**
   * When the last attempt was made.
   */
  lastAttemptAt?: string;
  /**
   * HTTP status of the last attempt's response.
   */
  lastStatusCode?: number;
  /**
   * Why the last attempt failed.
   */
  lastError?: string;
  /**
   * When the receiver accepted it.
   */
  deliveredAt?: string;
  /**
   * When the event was committed.
   */
  createdAt: string;
};

/**
 * One page of webhook deliveries.
 */
export type WebhookDeliveryList = {
  /**
   * Deliveries on this page.
   */
  items: Array<WebhookDeliveryRecord>;
  /**
   * Cursor of the next page; `null` on the last page.
   */
  nextCursor: string | null;
};

/**
 * Run id.
 */
export type RunId = string;

/**
 * Workflow id.
 */
export type WorkflowId = string;

/**
 * Signed interrupt token.
 */
export type InterruptToken = string;

/**
 * Deduplicates retries of this mutation for at least 24 hours.
 */
export type IdempotencyKey = string;

/**
 * Subscription id.
 */
export type WebhookId = string;

/**
 * Page size.
 */
export type Limit = number;

/**
 * Opaque cursor from the previous page's `nextCursor`.
 */
export type Cursor = string;

export type GetCapabilitiesData = {
  body?: never;
  path?: never;
  query?: never;
  url: '/.well-known/openwop';
};

export type GetCapabilitiesErrors = {
  /**
   * The host cannot serve the request right now.
   */
  503: Problem;
};

export type GetCapabilitiesError = GetCapabilitiesErrors[keyof GetCapabilitiesErrors];

export type GetCapabilitiesResponses = {
  /**
   * The discovery document.
   */
  200: Capabilities;
};

export type GetCapabilitiesResponse = GetCapabilitiesResponses[keyof GetCapabilitiesResponses];

export type GetOpenApiSpecData = {
  body?: never;
  path?: never;
  query?: never;
  url: '/v1/openapi.json';
};

export type GetOpenApiSpecErrors = {
  /**
   * The host cannot serve the request right now.
   */
  503: Problem;
};

export type GetOpenApiSpecError = GetOpenApiSpecErrors[keyof GetOpenApiSpecErrors];

export type GetOpenApiSpecResponses = {
  /**
   * The OpenAPI document.
   */
  200: OpenApiDocument;
};

export type GetOpenApiSpecResponse = GetOpenApiSpecResponses[keyof GetOpenApiSpecResponses];

export type ListWorkflowsData = {
  body?: never;
  path?: never;
  query?: {
    /**
     * Page size.
     */
    limit?: number;
    /**
     * Opaque cursor from the previous page's `nextCursor`.
     */
    cursor?: string;
  };
  url: '/v1/workflows';
};

export type ListWorkflowsErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
};

export type ListWorkflowsError = ListWorkflowsErrors[keyof ListWorkflowsErrors];

export type ListWorkflowsResponses = {
  /**
   * One page of workflows.
   */
  200: WorkflowList;
};

export type ListWorkflowsResponse = ListWorkflowsResponses[keyof ListWorkflowsResponses];

export type RegisterWorkflowData = {
  body: WorkflowDefinition;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path?: never;
  query?: never;
  url: '/v1/workflows';
};

export type RegisterWorkflowErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
};

export type RegisterWorkflowError = RegisterWorkflowErrors[keyof RegisterWorkflowErrors];

export type RegisterWorkflowResponses = {
  /**
   * The identical definition was already the latest revision.
   */
  200: RegisteredWorkflow;
  /**
   * A new revision was stored.
   */
  201: RegisteredWorkflow;
};

export type RegisterWorkflowResponse = RegisterWorkflowResponses[keyof RegisterWorkflowResponses];

export type GetWorkflowData = {
  body?: never;
  path: {
    /**
     * Workflow id.
     */
    workflowId: string;
  };
  query?: never;
  url: '/v1/workflows/{workflowId}';
};

export type GetWorkflowErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
};

export type GetWorkflowError = GetWorkflowErrors[keyof GetWorkflowErrors];

export type GetWorkflowResponses = {
  /**
   * The workflow definition.
   */
  200: WorkflowDefinition;
};

export type GetWorkflowResponse = GetWorkflowResponses[keyof GetWorkflowResponses];

export type ListRunsData = {
  body?: never;
  path?: never;
  query?: {
    /**
     * Only runs in this status.
     */
    status?: RunStatus;
    /**
     * Only runs of this workflow.
     */
    workflowId?: string;
    /**
     * Only runs carrying this tag.
     */
    tag?: string;
    /**
     * Page size.
     */
    limit?: number;
    /**
     * Opaque cursor from the previous page's `nextCursor`.
     */
    cursor?: string;
  };
  url: '/v1/runs';
};

export type ListRunsErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type ListRunsError = ListRunsErrors[keyof ListRunsErrors];

export type ListRunsResponses = {
  /**
   * One page of runs.
   */
  200: RunList;
};

export type ListRunsResponse = ListRunsResponses[keyof ListRunsResponses];

export type CreateRunData = {
  body: CreateRunParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
    /**
     * `enforce` rejects a second active run for the same `scopeId`.
     */
    'X-Dedup'?: 'enforce';
    /**
     * Test keys only; makes the run emit as an older engine within `testing.forceEngineVersionRange`.
     */
    'X-Force-Engine-Version'?: string;
  };
  path?: never;
  query?: never;
  url: '/v1/runs';
};

export type CreateRunErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * Rate limited.
   */
  429: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type CreateRunError = CreateRunErrors[keyof CreateRunErrors];

export type CreateRunResponses = {
  /**
   * The run was accepted.
   */
  201: RunAccepted;
};

export type CreateRunResponse = CreateRunResponses[keyof CreateRunResponses];

export type BulkCancelRunsData = {
  body: BulkCancelParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path?: never;
  query?: never;
  url: '/v1/runs:bulk-cancel';
};

export type BulkCancelRunsErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type BulkCancelRunsError = BulkCancelRunsErrors[keyof BulkCancelRunsErrors];

export type BulkCancelRunsResponses = {
  /**
   * Per-id results.
   */
  200: BulkCancelResults;
};

export type BulkCancelRunsResponse = BulkCancelRunsResponses[keyof BulkCancelRunsResponses];

export type GetRunData = {
  body?: never;
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: never;
  url: '/v1/runs/{runId}';
};

export type GetRunErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type GetRunError = GetRunErrors[keyof GetRunErrors];

export type GetRunResponses = {
  /**
   * The run snapshot.
   */
  200: RunSnapshot;
};

export type GetRunResponse = GetRunResponses[keyof GetRunResponses];

export type CancelRunData = {
  body?: CancelRunParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: never;
  url: '/v1/runs/{runId}/cancel';
};

export type CancelRunErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type CancelRunError = CancelRunErrors[keyof CancelRunErrors];

export type CancelRunResponses = {
  /**
   * The cancel was accepted.
   */
  200: CancelRunResult;
};

export type CancelRunResponse = CancelRunResponses[keyof CancelRunResponses];

export type PauseRunData = {
  body?: PauseRunParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: never;
  url: '/v1/runs/{runId}:pause';
};

export type PauseRunErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type PauseRunError = PauseRunErrors[keyof PauseRunErrors];

export type PauseRunResponses = {
  /**
   * The pause was accepted.
   */
  202: PauseRunResult;
};

export type PauseRunResponse = PauseRunResponses[keyof PauseRunResponses];

export type ResumeRunData = {
  body?: ResumeRunParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: never;
  url: '/v1/runs/{runId}:resume';
};

export type ResumeRunErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type ResumeRunError = ResumeRunErrors[keyof ResumeRunErrors];

export type ResumeRunResponses = {
  /**
   * The resume was accepted.
   */
  202: ResumeRunResult;
};

export type ResumeRunResponse = ResumeRunResponses[keyof ResumeRunResponses];

export type ForkRunData = {
  body: ForkRunParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: never;
  url: '/v1/runs/{runId}:fork';
};

export type ForkRunErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * The request is well formed but cannot be applied.
   */
  422: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type ForkRunError = ForkRunErrors[keyof ForkRunErrors];

export type ForkRunResponses = {
  /**
   * The fork was created.
   */
  201: ForkRunResult;
};

export type ForkRunResponse = ForkRunResponses[keyof ForkRunResponses];

export type StreamRunEventsData = {
  body?: never;
  headers?: {
    /**
     * Resume after this sequence.
     */
    'Last-Event-ID'?: string;
  };
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: {
    /**
     * One mode or a comma list; `values` cannot be combined with another mode.
     */
    streamMode?: string;
    /**
     * Batching window in milliseconds (`0` = off); values above 5000 are rejected.
     */
    bufferMs?: number;
  };
  url: '/v1/runs/{runId}/events';
};

export type StreamRunEventsErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * Rate limited.
   */
  429: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type StreamRunEventsError = StreamRunEventsErrors[keyof StreamRunEventsErrors];

export type StreamRunEventsResponses = {
  /**
   * The event stream (or the event log as JSON when asked for).
   */
  200: RunEventList;
};

export type StreamRunEventsResponse = StreamRunEventsResponses[keyof StreamRunEventsResponses];

export type PollRunEventsData = {
  body?: never;
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: {
    /**
     * Sequence of the last event the caller already has.
     */
    lastSequence?: number;
    /**
     * Seconds to wait for new events.
     */
    timeout?: number;
  };
  url: '/v1/runs/{runId}/events/poll';
};

export type PollRunEventsErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type PollRunEventsError = PollRunEventsErrors[keyof PollRunEventsErrors];

export type PollRunEventsResponses = {
  /**
   * New events, possibly none.
   */
  200: RunEventPage;
};

export type PollRunEventsResponse = PollRunEventsResponses[keyof PollRunEventsResponses];

export type ResolveInterruptByRunData = {
  body: ResolveInterruptParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Run id.
     */
    runId: string;
    /**
     * Node holding the interrupt.
     */
    nodeId: string;
  };
  query?: never;
  url: '/v1/runs/{runId}/interrupts/{nodeId}';
};

export type ResolveInterruptByRunErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The interrupt or token is no longer usable.
   */
  410: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * The request is well formed but cannot be applied.
   */
  422: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type ResolveInterruptByRunError = ResolveInterruptByRunErrors[keyof ResolveInterruptByRunErrors];

export type ResolveInterruptByRunResponses = {
  /**
   * The interrupt was resolved.
   */
  200: ResolveInterruptResult;
};

export type ResolveInterruptByRunResponse = ResolveInterruptByRunResponses[keyof ResolveInterruptByRunResponses];

export type InspectInterruptByTokenData = {
  body?: never;
  path: {
    /**
     * Signed interrupt token.
     */
    token: string;
  };
  query?: never;
  url: '/v1/interrupts/{token}';
};

export type InspectInterruptByTokenErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The interrupt or token is no longer usable.
   */
  410: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type InspectInterruptByTokenError = InspectInterruptByTokenErrors[keyof InspectInterruptByTokenErrors];

export type InspectInterruptByTokenResponses = {
  /**
   * The pending interrupt.
   */
  200: InterruptView;
};

export type InspectInterruptByTokenResponse = InspectInterruptByTokenResponses[keyof InspectInterruptByTokenResponses];

export type ResolveInterruptByTokenData = {
  body: ResolveInterruptByTokenParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Signed interrupt token.
     */
    token: string;
  };
  query?: never;
  url: '/v1/interrupts/{token}';
};

export type ResolveInterruptByTokenErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request conflicts with the resource's current state or with an in-flight duplicate.
   */
  409: Problem;
  /**
   * The interrupt or token is no longer usable.
   */
  410: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * The request is well formed but cannot be applied.
   */
  422: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type ResolveInterruptByTokenError = ResolveInterruptByTokenErrors[keyof ResolveInterruptByTokenErrors];

export type ResolveInterruptByTokenResponses = {
  /**
   * The interrupt was resolved.
   */
  200: ResolveInterruptResult;
};

export type ResolveInterruptByTokenResponse = ResolveInterruptByTokenResponses[keyof ResolveInterruptByTokenResponses];

export type GetArtifactData = {
  body?: never;
  path: {
    /**
     * Run id.
     */
    runId: string;
    /**
     * Artifact id.
     */
    artifactId: string;
  };
  query?: never;
  url: '/v1/runs/{runId}/artifacts/{artifactId}';
};

export type GetArtifactErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type GetArtifactError = GetArtifactErrors[keyof GetArtifactErrors];

export type GetArtifactResponses = {
  /**
   * The artifact.
   */
  200: Artifact;
};

export type GetArtifactResponse = GetArtifactResponses[keyof GetArtifactResponses];

export type ReadTestRunEventsData = {
  body?: never;
  path: {
    /**
     * Run id.
     */
    runId: string;
  };
  query?: {
    /**
     * Only events of this type.
     */
    type?: string;
    /**
     * Only events of this node.
     */
    nodeId?: string;
    /**
     * Only events caused by this event.
     */
    causationId?: string;
    /**
     * Accepted for compatibility; events carry no correlation id.
     */
    correlationId?: string;
  };
  url: '/v1/host/sample/test/runs/{runId}/events';
};

export type ReadTestRunEventsErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
};

export type ReadTestRunEventsError = ReadTestRunEventsErrors[keyof ReadTestRunEventsErrors];

export type ReadTestRunEventsResponses = {
  /**
   * The matching events in sequence order.
   */
  200: RunEventList;
};

export type ReadTestRunEventsResponse = ReadTestRunEventsResponses[keyof ReadTestRunEventsResponses];

export type ListWebhooksData = {
  body?: never;
  path?: never;
  query?: {
    /**
     * Page size.
     */
    limit?: number;
    /**
     * Opaque cursor from the previous page's `nextCursor`.
     */
    cursor?: string;
  };
  url: '/v1/webhooks';
};

export type ListWebhooksErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
};

export type ListWebhooksError = ListWebhooksErrors[keyof ListWebhooksErrors];

export type ListWebhooksResponses = {
  /**
   * One page of subscriptions.
   */
  200: WebhookList;
};

export type ListWebhooksResponse = ListWebhooksResponses[keyof ListWebhooksResponses];

export type RegisterWebhookData = {
  body: RegisterWebhookParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path?: never;
  query?: never;
  url: '/v1/webhooks';
};

export type RegisterWebhookErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type RegisterWebhookError = RegisterWebhookErrors[keyof RegisterWebhookErrors];

export type RegisterWebhookResponses = {
  /**
   * The subscription was created.
   */
  201: RegisteredWebhook;
};

export type RegisterWebhookResponse = RegisterWebhookResponses[keyof RegisterWebhookResponses];

export type UnregisterWebhookData = {
  body?: never;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Subscription id.
     */
    webhookId: string;
  };
  query?: {
    /**
     * Workspace of the subscription; defaults to the API key's tenant.
     */
    tenantId?: string;
  };
  url: '/v1/webhooks/{webhookId}';
};

export type UnregisterWebhookErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * This host does not serve the operation yet.
   */
  501: Problem;
};

export type UnregisterWebhookError = UnregisterWebhookErrors[keyof UnregisterWebhookErrors];

export type UnregisterWebhookResponses = {
  /**
   * The subscription was removed.
   */
  204: void;
};

export type UnregisterWebhookResponse = UnregisterWebhookResponses[keyof UnregisterWebhookResponses];

export type RotateWebhookSecretData = {
  body?: RotateWebhookSecretParams;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Subscription id.
     */
    webhookId: string;
  };
  query?: never;
  url: '/v1/webhooks/{webhookId}/rotate-secret';
};

export type RotateWebhookSecretErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
  /**
   * The request body exceeds `limits.maxRequestBodyBytes`.
   */
  413: Problem;
  /**
   * The request body is not JSON.
   */
  415: Problem;
};

export type RotateWebhookSecretError = RotateWebhookSecretErrors[keyof RotateWebhookSecretErrors];

export type RotateWebhookSecretResponses = {
  /**
   * The new secret.
   */
  200: RotatedWebhookSecret;
};

export type RotateWebhookSecretResponse = RotateWebhookSecretResponses[keyof RotateWebhookSecretResponses];

export type ListWebhookDeliveriesData = {
  body?: never;
  path: {
    /**
     * Subscription id.
     */
    webhookId: string;
  };
  query?: {
    /**
     * Only deliveries in this status.
     */
    status?: 'pending' | 'delivered' | 'dead';
    /**
     * Page size.
     */
    limit?: number;
    /**
     * Opaque cursor from the previous page's `nextCursor`.
     */
    cursor?: string;
  };
  url: '/v1/webhooks/{webhookId}/deliveries';
};

export type ListWebhookDeliveriesErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
};

export type ListWebhookDeliveriesError = ListWebhookDeliveriesErrors[keyof ListWebhookDeliveriesErrors];

export type ListWebhookDeliveriesResponses = {
  /**
   * One page of deliveries.
   */
  200: WebhookDeliveryList;
};

export type ListWebhookDeliveriesResponse = ListWebhookDeliveriesResponses[keyof ListWebhookDeliveriesResponses];

export type RedeliverWebhookDeliveryData = {
  body?: never;
  headers?: {
    /**
     * Deduplicates retries of this mutation for at least 24 hours.
     */
    'Idempotency-Key'?: string;
  };
  path: {
    /**
     * Subscription id.
     */
    webhookId: string;
    /**
     * Delivery id.
     */
    deliveryId: string;
  };
  query?: never;
  url: '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver';
};

export type RedeliverWebhookDeliveryErrors = {
  /**
   * The request is malformed or fails validation.
   */
  400: Problem;
  /**
   * Missing, malformed or unknown API key.
   */
  401: Problem;
  /**
   * The API key lacks a scope this operation needs.
   */
  403: Problem;
  /**
   * The resource does not exist or is not visible to the caller.
   */
  404: Problem;
};

export type RedeliverWebhookDeliveryError = RedeliverWebhookDeliveryErrors[keyof RedeliverWebhookDeliveryErrors];

export type RedeliverWebhookDeliveryResponses = {
  /**
   * The delivery is queued.
   */
  202: WebhookDeliveryRecord;
};

export type RedeliverWebhookDeliveryResponse =
  RedeliverWebhookDeliveryResponses[keyof RedeliverWebhookDeliveryResponses];
