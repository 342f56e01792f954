/** Migration 0002: runs, their tags and event logs, and idempotency records. Never edit after merge. */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../schema.js';

// Spelled out (not bound) in the partial indexes and in the queries that rely on them: SQLite uses a partial
// index only when the query repeats its WHERE term literally.
const ACTIVE_STATUSES = sql.raw<boolean>(`status in ('pending', 'running', 'cancelling')`);
const ALL_STATUSES = sql.raw<boolean>(
  `status in ('pending', 'running', 'paused', 'waiting-approval', 'waiting-input', 'waiting-external', ` +
    `'completed', 'failed', 'cancelling', 'cancelled')`,
);

/** Creates `runs`, `run_tags`, `run_events` and `idempotency_keys` with the indexes their queries need. */
export async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const isPostgres = dialect === 'postgres';
  // Byte-wise collation on PostgreSQL, as in 0001: list ordering and cursors must match SQLite's.
  const keyText = isPostgres ? sql`text collate "C"` : sql`text`;
  const json = isPostgres ? 'jsonb' : 'text';
  // STRICT SQLite tables accept only INTEGER, which is 64-bit there anyway.
  const epochMs = isPostgres ? 'bigint' : 'integer';
  // STRICT makes SQLite enforce the declared column types, as PostgreSQL does.
  const strict = <T extends CreateTableBuilder<string>>(builder: T): T =>
    isPostgres ? builder : (builder.modifyEnd(sql`strict`) as T);

  await db.schema
    .createTable('runs')
    .addColumn('run_id', keyText, (column) => column.notNull().primaryKey())
    .addColumn('tenant_id', keyText, (column) => column.notNull())
    .addColumn('workflow_id', keyText, (column) => column.notNull())
    .addColumn('workflow_revision', 'integer', (column) => column.notNull().check(sql`workflow_revision >= 1`))
    .addColumn('status', 'text', (column) => column.notNull().check(ALL_STATUSES))
    .addColumn('parent_run_id', keyText)
    .addColumn('parent_node_id', 'text')
    .addColumn('inputs', json, (column) => column.notNull())
    .addColumn('options', json, (column) => column.notNull())
    .addColumn('tags', json, (column) => column.notNull())
    .addColumn('checkpoint', json, (column) => column.notNull())
    .addColumn('error', json)
    .addColumn('next_sequence', 'integer', (column) => column.notNull().check(sql`next_sequence >= 0`))
    .addColumn('engine_version', 'text', (column) => column.notNull())
    .addColumn('is_test', isPostgres ? 'boolean' : 'integer', (column) =>
      isPostgres ? column.notNull() : column.notNull().check(sql`is_test in (0, 1)`),
    )
    .addColumn('created_at', keyText, (column) => column.notNull())
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('wake_at', epochMs)
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', epochMs)
    .$call(strict)
    .execute();

  // `list`, newest first, unfiltered and by status or workflow.
  await db.schema
    .createIndex('runs_tenant_created_at_idx')
    .on('runs')
    .columns(['tenant_id', 'created_at desc', 'run_id desc'])
    .execute();
  await db.schema
    .createIndex('runs_tenant_status_created_at_idx')
    .on('runs')
    .columns(['tenant_id', 'status', 'created_at desc', 'run_id desc'])
    .execute();
  await db.schema
    .createIndex('runs_tenant_workflow_created_at_idx')
    .on('runs')
    .columns(['tenant_id', 'workflow_id', 'created_at desc', 'run_id desc'])
    .execute();
  // `listChildren`; most runs have no parent.
  await db.schema
    .createIndex('runs_parent_run_id_idx')
    .on('runs')
    .columns(['parent_run_id', 'created_at', 'run_id'])
    .where(sql.ref('parent_run_id'), 'is not', null)
    .execute();
  // `claimRunnable` (oldest first) and `nextWakeAt`: only runs a worker may still need, so the indexes stay as
  // small as the working set however many finished runs accumulate.
  await db.schema
    .createIndex('runs_claimable_idx')
    .on('runs')
    .columns(['created_at', 'run_id'])
    .where(ACTIVE_STATUSES)
    .execute();
  await db.schema
    .createIndex('runs_wake_at_idx')
    .on('runs')
    .column('wake_at')
    .where(sql<boolean>`${ACTIVE_STATUSES} and wake_at is not null`)
    .execute();

  await db.schema
    .createTable('run_tags')
    .addColumn('run_id', keyText, (column) => column.notNull().references('runs.run_id').onDelete('cascade'))
    .addColumn('tag', keyText, (column) => column.notNull())
    .addPrimaryKeyConstraint('run_tags_pkey', ['run_id', 'tag'])
    // Tiny rows: on SQLite the primary key is the table, saving a b-tree to write on every run insert.
    .$call((builder) => (isPostgres ? builder : builder.modifyEnd(sql`strict, without rowid`)))
    .execute();
  await db.schema.createIndex('run_tags_tag_idx').on('run_tags').columns(['tag', 'run_id']).execute();

  await db.schema
    .createTable('run_events')
    .addColumn('run_id', keyText, (column) => column.notNull().references('runs.run_id').onDelete('cascade'))
    .addColumn('sequence', 'integer', (column) => column.notNull().check(sql`sequence >= 0`))
    .addColumn('event_id', keyText, (column) => column.notNull())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('payload', json, (column) => column.notNull())
    .addColumn('timestamp', 'text', (column) => column.notNull())
    .addColumn('node_id', 'text')
    .addColumn('schema_version', 'integer', (column) => column.notNull())
    .addColumn('engine_version', 'text', (column) => column.notNull())
    .addColumn('causation_id', 'text')
    .addPrimaryKeyConstraint('run_events_pkey', ['run_id', 'sequence'])
    .addUniqueConstraint('run_events_event_id_key', ['event_id'])
    .$call(strict)
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', keyText, (column) => column.notNull())
    .addColumn('operation', keyText, (column) => column.notNull())
    .addColumn('key', keyText, (column) => column.notNull())
    .addColumn('request_digest', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull().check(sql`state in ('in-flight', 'done')`))
    .addColumn('response', json)
    .addColumn('created_at', epochMs, (column) => column.notNull())
    .addColumn('expires_at', epochMs, (column) => column.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['tenant_id', 'operation', 'key'])
    .$call(strict)
    .execute();
  // `purgeExpired`.
  await db.schema.createIndex('idempotency_keys_expires_at_idx').on('idempotency_keys').column('expires_at').execute();
}
