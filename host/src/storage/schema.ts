/** Kysely table types of the wopkit database; SQL names are snake_case, repositories map them to camelCase. */
import type { ColumnType } from 'kysely';

/** The SQL dialects wopkit stores data in. */
export type DatabaseDialect = 'sqlite' | 'postgres';

/** One row per stored revision of a tenant's workflow definition. */
export interface WorkflowsTable {
  tenant_id: string;
  workflow_id: string;
  /** 1-based, increasing per (tenant_id, workflow_id). */
  revision: number;
  version: string;
  /** sha256 hex of the canonical JSON of the definition. */
  digest: string;
  /**
   * JSON text on SQLite, jsonb on PostgreSQL. Always written as JSON text; read back as that text on
   * SQLite and as the parsed value on PostgreSQL, which is why only repositories should touch it.
   */
  definition: ColumnType<unknown, string, string>;
  /** ISO 8601 time the revision was stored. */
  registered_at: string;
}

/**
 * A JSON document column: JSON text on SQLite, jsonb on PostgreSQL. Written as JSON text; read back as that
 * text on SQLite and as the parsed value on PostgreSQL.
 */
export type JsonColumn = ColumnType<unknown, string, string>;

/** {@link JsonColumn} that may be SQL `NULL`. */
export type NullableJsonColumn = ColumnType<unknown, string | null, string | null>;

/**
 * Epoch milliseconds: `integer` on SQLite, `bigint` on PostgreSQL, which pg reads back as a decimal string.
 * Repositories convert it to a `number`.
 */
export type EpochMsColumn = ColumnType<number | string, number, number>;

/** {@link EpochMsColumn} that may be SQL `NULL`. */
export type NullableEpochMsColumn = ColumnType<number | string | null, number | null, number | null>;

/** A boolean: `integer` 0/1 on SQLite (read back as a number), `boolean` on PostgreSQL. */
export type BooleanColumn = ColumnType<boolean | number, boolean | number, boolean | number>;

/** One row per run: identity, options, status, the engine's checkpoint and the worker lease. */
export interface RunsTable {
  run_id: string;
  tenant_id: string;
  workflow_id: string;
  workflow_revision: number;
  /** One of the wire `RunStatus` values (a CHECK constraint keeps out anything else). */
  status: string;
  parent_run_id: string | null;
  parent_node_id: string | null;
  inputs: JsonColumn;
  options: JsonColumn;
  /** The run's tags as given at creation (a JSON array); `run_tags` indexes them for filtering. */
  tags: JsonColumn;
  checkpoint: JsonColumn;
  error: NullableJsonColumn;
  /** The sequence the next event gets; also the run's optimistic-concurrency version. */
  next_sequence: number;
  engine_version: string;
  is_test: BooleanColumn;
  /** ISO 8601; lists sort by it. */
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  wake_at: NullableEpochMsColumn;
  lease_owner: string | null;
  lease_expires_at: NullableEpochMsColumn;
  /** Scope of a run created with `X-Dedup: enforce` (unique among active runs of a tenant). */
  dedup_scope: string | null;
}

/** One row per distinct tag of a run, so runs can be filtered by tag. */
export interface RunTagsTable {
  run_id: string;
  tag: string;
}

/** One row per event of a run's log; `sequence` is gapless from 0 per run. */
export interface RunEventsTable {
  run_id: string;
  sequence: number;
  /** Unique over all runs. */
  event_id: string;
  type: string;
  payload: JsonColumn;
  /** ISO 8601. */
  timestamp: string;
  node_id: string | null;
  schema_version: number;
  engine_version: string;
  causation_id: string | null;
}

/** Layer-1 idempotency records, one per (tenant, operation, key). */
export interface IdempotencyKeysTable {
  tenant_id: string;
  operation: string;
  key: string;
  request_digest: string;
  /** `in-flight` or `done`. */
  state: string;
  /** `{ status, headers, body }` once `done`. */
  response: NullableJsonColumn;
  created_at: EpochMsColumn;
  expires_at: EpochMsColumn;
}

/** One row per webhook subscription: filters, signing secrets, circuit breaker and the delivery worker's lease. */
export interface WebhooksTable {
  webhook_id: string;
  tenant_id: string;
  url: string;
  /** JSON array of event types (also rows of `webhook_event_types`). */
  events: JsonColumn;
  /** JSON array of run tags (also rows of `webhook_tags`); empty = every run. */
  tags: JsonColumn;
  secret: string;
  secret_fingerprint: string;
  /** The secret before the last rotation, still signing until `previous_secret_expires_at`. */
  previous_secret: string | null;
  previous_secret_expires_at: NullableEpochMsColumn;
  /** `active` or `failed` (too many failures; manual re-activation). */
  state: string;
  /** ISO 8601; lists sort by it. */
  created_at: string;
  /** The head delivery's retry time: nothing of this subscription is sent before it. */
  next_attempt_at: NullableEpochMsColumn;
  consecutive_failures: number;
  circuit_open_until: NullableEpochMsColumn;
  /** Failures counted since `window_started_at` (the rolling failure window). */
  window_failures: number;
  window_started_at: NullableEpochMsColumn;
  lease_owner: string | null;
  lease_expires_at: NullableEpochMsColumn;
}

/** One row per (tenant, event type, subscription): the type filter, joined by the outbox statement. */
export interface WebhookEventTypesTable {
  tenant_id: string;
  event_type: string;
  webhook_id: string;
}

/** One row per tag of a subscription's tag filter. */
export interface WebhookTagsTable {
  webhook_id: string;
  tag: string;
}

/** The outbox: one row per (subscription, event), written in the transaction that appends the event. */
export interface WebhookDeliveriesTable {
  /** Commit order; generated. */
  outbox_id: ColumnType<number | string, never, never>;
  delivery_id: string;
  webhook_id: string;
  tenant_id: string;
  run_id: string;
  sequence: number;
  event_id: string;
  event_type: string;
  /** `pending`, `delivered` or `dead`. */
  status: string;
  attempts: number;
  next_attempt_at: EpochMsColumn;
  last_attempt_at: NullableEpochMsColumn;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: NullableEpochMsColumn;
  /** The event's timestamp (ISO 8601). */
  created_at: string;
}

/** The whole database as Kysely sees it; pass it to `Kysely<Database>`. */
export interface Database {
  workflows: WorkflowsTable;
  runs: RunsTable;
  run_tags: RunTagsTable;
  run_events: RunEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  webhooks: WebhooksTable;
  webhook_event_types: WebhookEventTypesTable;
  webhook_tags: WebhookTagsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
