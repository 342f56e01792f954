/** Persistence ports the engine needs; `storage/` implements them, the engine never sees SQL. */
import type { RunStatus } from '../generated/types/types.gen.js';

/** One stored revision of a workflow definition. */
export interface StoredWorkflow {
  tenantId: string;
  workflowId: string;
  /** 1-based revision number, increasing per (tenant, workflow). */
  revision: number;
  /** The author's free-form `version` field of the definition. */
  version: string;
  /** sha256 hex of the canonical JSON of the definition. */
  digest: string;
  /** The definition exactly as registered. */
  definition: Record<string, unknown>;
  /** ISO 8601 time the revision was stored. */
  registeredAt: string;
}

/** A page of results plus the opaque cursor of the next page (`null` on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Stores workflow definitions per tenant, versioned by revision. */
export interface WorkflowStore {
  /**
   * Stores `definition` as a new revision unless it is identical (same digest) to the latest revision,
   * in which case the latest revision is returned with `created: false`. Safe under concurrent calls.
   */
  register(input: {
    tenantId: string;
    workflowId: string;
    version: string;
    digest: string;
    definition: Record<string, unknown>;
    registeredAt: string;
  }): Promise<{ workflow: StoredWorkflow; created: boolean }>;
  /** The latest revision, or a given revision, of a tenant's workflow; `undefined` when absent. */
  get(tenantId: string, workflowId: string, revision?: number): Promise<StoredWorkflow | undefined>;
  /** Latest revision of each of a tenant's workflows, newest registration first, cursor-paginated. */
  list(tenantId: string, options: { limit: number; cursor?: string }): Promise<Page<StoredWorkflow>>;
}

/** Run lifecycle status, as the contract defines it. */
export type { RunStatus } from '../generated/types/types.gen.js';

/** One persisted event of a run's log (the wire `RunEventDoc`). */
export interface StoredEvent {
  eventId: string;
  runId: string;
  type: string;
  payload: unknown;
  /** ISO 8601. */
  timestamp: string;
  /** Per run, gapless from 0. */
  sequence: number;
  nodeId?: string;
  schemaVersion: number;
  engineVersion: string;
  causationId?: string;
}

/** A run row: identity, options, status and the engine's checkpoint. */
export interface StoredRun {
  runId: string;
  tenantId: string;
  workflowId: string;
  /** The workflow revision the run is pinned to. */
  workflowRevision: number;
  status: RunStatus;
  parentRunId: string | null;
  /** Node of the parent run that started this run (`core.subWorkflow`). */
  parentNodeId: string | null;
  inputs: Record<string, unknown>;
  /** `{ configurable, tags, metadata, scopeId?, callbackUrl? }` as accepted at creation. */
  options: Record<string, unknown>;
  tags: string[];
  /** The engine's checkpoint after the last committed step (opaque to storage). */
  checkpoint: Record<string, unknown>;
  error: Record<string, unknown> | null;
  /** The sequence the next appended event gets; also the optimistic-concurrency version of the run. */
  nextSequence: number;
  engineVersion: string;
  isTest: boolean;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Epoch ms at which a waiting run wants to be woken (durable timer); `null` = not waiting on time. */
  wakeAt: number | null;
  leaseOwner: string | null;
  /** Epoch ms. */
  leaseExpiresAt: number | null;
}

/**
 * A new run to insert (sequence starts at 0). A run created together with its first step also carries that
 * step's outcome (`startedAt`, and `completedAt`/`error` when the step already ended it).
 */
export type NewRun = Omit<
  StoredRun,
  'nextSequence' | 'leaseOwner' | 'leaseExpiresAt' | 'error' | 'startedAt' | 'completedAt'
> & {
  leaseOwner?: string | null;
  leaseExpiresAt?: number | null;
  error?: Record<string, unknown> | null;
  startedAt?: string | null;
  completedAt?: string | null;
  /** `X-Dedup: enforce` scope: storage refuses a second active run of the same tenant and scope. */
  dedupScope?: string | null;
};

/** Fields of a run a commit may change. */
export type RunPatch = Partial<
  Pick<
    StoredRun,
    'status' | 'checkpoint' | 'error' | 'startedAt' | 'completedAt' | 'wakeAt' | 'leaseOwner' | 'leaseExpiresAt'
  >
>;

/** One atomic change to one run: append `events` (numbered from `expectedNextSequence`) and apply `patch`. */
export interface RunCommit {
  runId: string;
  /** The commit applies only if the run's `nextSequence` still equals this (optimistic concurrency). */
  expectedNextSequence: number;
  /**
   * When set, the commit also requires the run's status to still be this one: status changes that append no event
   * (a cancel request) must still invalidate a concurrent step.
   */
  expectedStatus?: RunStatus;
  /** Events without `sequence`/`runId`; storage numbers them consecutively. */
  events: Array<Omit<StoredEvent, 'sequence' | 'runId'>>;
  patch: RunPatch;
  /** Runs to insert in the same transaction (child runs of `core.subWorkflow`). */
  insertRuns?: NewRun[];
  /** Other runs to wake in the same transaction (e.g. the parent of a finished child): sets `wakeAt` to this epoch ms. */
  wakeRuns?: Array<{ runId: string; wakeAt: number }>;
}

/** Filters of {@link RunStore.list}. */
export interface RunListFilter {
  tenantId: string;
  status?: RunStatus;
  workflowId?: string;
  tag?: string;
  limit: number;
  cursor?: string;
}

/** Persistence of runs and their event logs. Every method is safe under concurrent use by several host processes. */
export interface RunStore {
  /** Inserts a new run (and optionally its first events) atomically. */
  create(run: NewRun, events?: Array<Omit<StoredEvent, 'sequence' | 'runId'>>): Promise<void>;
  /**
   * Applies commits atomically, each independently: returns, per commit, the committed events
   * or `null` when its `expectedNextSequence` no longer matched (nothing of that commit was written).
   */
  commit(commits: RunCommit[]): Promise<Array<StoredEvent[] | null>>;
  get(runId: string): Promise<StoredRun | undefined>;
  /** Runs of a tenant, newest first, cursor-paginated. @throws InvalidCursorError */
  list(filter: RunListFilter): Promise<Page<StoredRun>>;
  /** The active run of a tenant created with `X-Dedup: enforce` for `scope`, if any. */
  findActiveByDedupScope(tenantId: string, scope: string): Promise<StoredRun | undefined>;
  /** Child runs of a run. */
  listChildren(parentRunId: string): Promise<StoredRun[]>;
  /** Events with `sequence > afterSequence` (all when `afterSequence` is -1), in order, at most `limit`. */
  readEvents(runId: string, afterSequence: number, limit: number): Promise<StoredEvent[]>;
  /** The sequence of the event `eventId` of `runId`, if the run has it. */
  findEventSequence(runId: string, eventId: string): Promise<number | undefined>;
  /**
   * Claims up to `limit` runs that need a worker: status `pending`/`running`/`cancelling` with no live lease
   * (`leaseOwner` null or `leaseExpiresAt < now`) and `wakeAt` null or `<= now`. Sets the lease atomically;
   * two processes never claim the same run.
   */
  claimRunnable(owner: string, now: number, leaseMs: number, limit: number): Promise<StoredRun[]>;
  /** Claims one specific run if it has no live lease (or already belongs to `owner`). */
  claim(runId: string, owner: string, now: number, leaseMs: number): Promise<StoredRun | undefined>;
  /** Extends the leases `owner` holds on `runIds`; returns the ids whose lease was still held. */
  renewLeases(owner: string, runIds: string[], now: number, leaseMs: number): Promise<string[]>;
  /** The earliest `wakeAt` of unleased waiting runs, for the timer (epoch ms), or `null`. */
  nextWakeAt(): Promise<number | null>;
}

/** A stored idempotency record. */
export interface IdempotencyRecord {
  tenantId: string;
  operation: string;
  key: string;
  /** sha256 of the canonical request (method, path, body). */
  requestDigest: string;
  state: 'in-flight' | 'done';
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  /** Epoch ms. */
  createdAt: number;
  expiresAt: number;
}

/** Layer-1 idempotency records, scoped by (tenant, operation, key). */
export interface IdempotencyStore {
  /**
   * Atomically inserts an in-flight record unless a live one exists; returns `{ inserted: true }` or the existing
   * record. An expired record is replaced.
   */
  begin(
    record: Omit<IdempotencyRecord, 'state' | 'response'>,
  ): Promise<{ inserted: true } | { inserted: false; existing: IdempotencyRecord }>;
  /** Stores the final response of an in-flight record. */
  complete(
    tenantId: string,
    operation: string,
    key: string,
    response: NonNullable<IdempotencyRecord['response']>,
  ): Promise<void>;
  /** Removes an in-flight record (the outcome was not cacheable, e.g. 5xx or 400). */
  abandon(tenantId: string, operation: string, key: string): Promise<void>;
  /** Deletes records expired before `now`; returns how many. */
  purgeExpired(now: number): Promise<number>;
}

/** State of a webhook subscription: `failed` after too many failures (re-activated by a redelivery). */
export type WebhookState = 'active' | 'failed';

/** The circuit breaker and retry bookkeeping of a subscription (all times epoch ms). */
export interface WebhookHealth {
  state: WebhookState;
  /** The head delivery's retry time: nothing of the subscription is sent before it. */
  nextAttemptAt: number | null;
  consecutiveFailures: number;
  circuitOpenUntil: number | null;
  /** Failures since `windowStartedAt` (the rolling failure window). */
  windowFailures: number;
  windowStartedAt: number | null;
}

/** A webhook subscription as stored, secrets included (only the delivery worker's signer reads them). */
export interface StoredWebhook extends WebhookHealth {
  webhookId: string;
  tenantId: string;
  url: string;
  events: string[];
  /** Empty = every run of the tenant. */
  tags: string[];
  secret: string;
  secretFingerprint: string;
  /** The secret before the last rotation; it keeps signing (as a second signature) until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
  /** ISO 8601. */
  createdAt: string;
}

/** A new subscription to insert. */
export type NewWebhook = Omit<StoredWebhook, keyof WebhookHealth | 'previousSecret' | 'previousSecretExpiresAt'>;

/** Status of one delivery: `dead` once its retry budget is spent (a dead letter). */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One outbox row: the delivery of one event to one subscription. */
export interface StoredWebhookDelivery {
  /** Stable across attempts and redeliveries, so receivers can de-duplicate on it. */
  deliveryId: string;
  webhookId: string;
  tenantId: string;
  runId: string;
  sequence: number;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  /** The event's timestamp (ISO 8601). */
  createdAt: string;
}

/** A pending delivery with the persisted event it carries. */
export interface PendingWebhookDelivery extends StoredWebhookDelivery {
  event: StoredEvent;
}

/** The outcome of one delivery attempt, as the worker decided it: the delivery's and the subscription's new state. */
export interface WebhookAttemptRecord {
  webhookId: string;
  deliveryId: string;
  delivery: Pick<
    StoredWebhookDelivery,
    'status' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt'
  >;
  subscription: WebhookHealth;
  /** The subscription just failed for good: its other pending deliveries become dead letters too. */
  isSubscriptionFailed: boolean;
}

/**
 * Webhook subscriptions and their delivery outbox. Outbox rows are written by the {@link RunStore} in the
 * transaction that appends the events they carry; this port reads and advances them. Every method is safe under
 * concurrent use by several host processes; tenant-scoped methods never see another tenant's rows.
 */
export interface WebhookStore {
  create(webhook: NewWebhook): Promise<void>;
  get(tenantId: string, webhookId: string): Promise<StoredWebhook | undefined>;
  /** A tenant's subscriptions, newest first, cursor-paginated. @throws InvalidCursorError */
  list(tenantId: string, options: { limit: number; cursor?: string }): Promise<Page<StoredWebhook>>;
  /** Deletes a subscription and its deliveries; whether it existed. */
  delete(tenantId: string, webhookId: string): Promise<boolean>;
  /** Makes `secret` current and keeps the current one as previous until `previousSecretExpiresAt`. */
  rotateSecret(
    tenantId: string,
    webhookId: string,
    rotation: { secret: string; secretFingerprint: string; previousSecretExpiresAt: number },
  ): Promise<StoredWebhook | undefined>;
  /** A subscription's deliveries, newest first, optionally of one status. @throws InvalidCursorError */
  listDeliveries(
    tenantId: string,
    webhookId: string,
    options: { status?: WebhookDeliveryStatus; limit: number; cursor?: string },
  ): Promise<Page<StoredWebhookDelivery>>;
  /**
   * Queues a delivery again (pending, attempts reset, due at `now`) and re-activates a failed subscription, its
   * circuit closed. Returns the delivery, or `undefined` when the tenant has no such delivery.
   */
  redeliver(
    tenantId: string,
    webhookId: string,
    deliveryId: string,
    now: number,
  ): Promise<StoredWebhookDelivery | undefined>;
  /**
   * Claims up to `limit` active subscriptions with a due pending delivery, no live lease, no pending retry wait
   * and a circuit that is not open; two processes never claim the same subscription.
   */
  claimDue(owner: string, now: number, leaseMs: number, limit: number): Promise<StoredWebhook[]>;
  /** Extends `owner`'s lease; `false` when it was lost or the subscription is gone (stop delivering). */
  renewLease(owner: string, webhookId: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the lease back. */
  releaseLease(owner: string, webhookId: string): Promise<void>;
  /** The first `limit` pending deliveries of a subscription in commit order, with their events. */
  nextPending(webhookId: string, limit: number): Promise<PendingWebhookDelivery[]>;
  /** Stores an attempt's outcome if `owner` still holds the lease; whether it did. */
  recordAttempt(owner: string, record: WebhookAttemptRecord): Promise<boolean>;
  /**
   * Deletes deliveries that ended (delivered or dead) before `endedBefore` (epoch ms), so the outbox does not grow
   * without bound; returns how many.
   */
  purgeEnded(endedBefore: number): Promise<number>;
}

/** One signed HTTP request of a delivery. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  /** The exact bytes that were signed. */
  body: Uint8Array;
  timeoutMs: number;
}

/** What came of sending a {@link WebhookRequest}: a response status, or an error before any response. */
export type WebhookResponse = { status: number } | { error: string };

/** Sends deliveries and vets their URLs (the SSRF guard); implemented outside the engine. */
export interface WebhookTransport {
  /** Throws {@link WebhookUrlRejectedError} when `url` may not receive deliveries (scheme, address class). */
  checkUrl(url: string): Promise<void>;
  /** Sends one request to a re-checked, pinned address; never follows redirects. */
  send(request: WebhookRequest): Promise<WebhookResponse>;
}

/**
 * Finds runs suspended on an interrupt (`waiting-*`) whose `wakeAt` is due: an interrupt deadline, a timer of a
 * parallel branch, or a child run that ended. The scheduler moves them back to `running` so a worker claims them.
 */
export interface SuspendedRunStore {
  /** Ids of up to `limit` unleased suspended runs with `wakeAt <= now`, earliest first. */
  listDue(now: number, limit: number): Promise<string[]>;
  /** The earliest `wakeAt` of a suspended run (epoch ms), or `null`. */
  nextWakeAt(): Promise<number | null>;
}
