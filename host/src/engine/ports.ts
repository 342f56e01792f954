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
