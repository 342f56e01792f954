/** Migration 0004: webhook subscriptions and the durable delivery outbox. Never edit after merge. */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../schema.js';

/**
 * Creates `webhooks` (one row per subscription, with its secrets, circuit breaker and worker lease),
 * `webhook_event_types` and `webhook_tags` (its filters, as rows the outbox statement joins) and
 * `webhook_deliveries` (the outbox: one row per subscription and event).
 */
export async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const isPostgres = dialect === 'postgres';
  const keyText = isPostgres ? sql`text collate "C"` : sql`text`;
  const epochMs = isPostgres ? 'bigint' : 'integer';
  const strict = <T extends CreateTableBuilder<string>>(builder: T): T =>
    isPostgres ? builder : (builder.modifyEnd(sql`strict`) as T);

  await db.schema
    .createTable('webhooks')
    .addColumn('webhook_id', keyText, (column) => column.notNull().primaryKey())
    .addColumn('tenant_id', keyText, (column) => column.notNull())
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('events', isPostgres ? 'jsonb' : 'text', (column) => column.notNull())
    .addColumn('tags', isPostgres ? 'jsonb' : 'text', (column) => column.notNull())
    .addColumn('secret', 'text', (column) => column.notNull())
    .addColumn('secret_fingerprint', 'text', (column) => column.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', epochMs)
    .addColumn('state', 'text', (column) => column.notNull().check(sql`state in ('active', 'failed')`))
    .addColumn('created_at', keyText, (column) => column.notNull())
    // Head-of-line retry: the subscription's next delivery waits until then.
    .addColumn('next_attempt_at', epochMs)
    .addColumn('consecutive_failures', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('circuit_open_until', epochMs)
    .addColumn('window_failures', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('window_started_at', epochMs)
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', epochMs)
    .$call(strict)
    .execute();
  await db.schema
    .createIndex('webhooks_tenant_created_at_idx')
    .on('webhooks')
    .columns(['tenant_id', 'created_at desc', 'webhook_id desc'])
    .execute();

  await db.schema
    .createTable('webhook_event_types')
    .addColumn('tenant_id', keyText, (column) => column.notNull())
    .addColumn('event_type', keyText, (column) => column.notNull())
    .addColumn('webhook_id', keyText, (column) =>
      column.notNull().references('webhooks.webhook_id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('webhook_event_types_pkey', ['tenant_id', 'event_type', 'webhook_id'])
    .$call((builder) => (isPostgres ? builder : builder.modifyEnd(sql`strict, without rowid`)))
    .execute();
  // The outbox's cheap "does anyone want these types" probe, and cascading deletes.
  await db.schema
    .createIndex('webhook_event_types_type_idx')
    .on('webhook_event_types')
    .columns(['event_type'])
    .execute();
  await db.schema
    .createIndex('webhook_event_types_webhook_idx')
    .on('webhook_event_types')
    .columns(['webhook_id'])
    .execute();

  await db.schema
    .createTable('webhook_tags')
    .addColumn('webhook_id', keyText, (column) =>
      column.notNull().references('webhooks.webhook_id').onDelete('cascade'),
    )
    .addColumn('tag', keyText, (column) => column.notNull())
    .addPrimaryKeyConstraint('webhook_tags_pkey', ['webhook_id', 'tag'])
    .$call((builder) => (isPostgres ? builder : builder.modifyEnd(sql`strict, without rowid`)))
    .execute();

  // `outbox_id` orders a subscription's deliveries in commit order (per run, strictly by sequence).
  await sql`create table webhook_deliveries (
    outbox_id ${isPostgres ? sql`bigint generated always as identity primary key` : sql`integer primary key`},
    delivery_id ${keyText} not null unique,
    webhook_id ${keyText} not null references webhooks (webhook_id) on delete cascade,
    tenant_id ${keyText} not null,
    run_id ${keyText} not null,
    sequence integer not null,
    event_id text not null,
    event_type text not null,
    status text not null check (status in ('pending', 'delivered', 'dead')),
    attempts integer not null default 0,
    next_attempt_at ${sql.raw(epochMs)} not null,
    last_attempt_at ${sql.raw(epochMs)},
    last_status_code integer,
    last_error text,
    delivered_at ${sql.raw(epochMs)},
    created_at ${keyText} not null
  )${isPostgres ? sql`` : sql` strict`}`.execute(db);
  // The worker's queue: pending deliveries of a subscription in order.
  await sql`create index webhook_deliveries_pending_idx on webhook_deliveries (webhook_id, outbox_id)
    where status = 'pending'`.execute(db);
  // Listing a subscription's deliveries by status, newest first.
  await db.schema
    .createIndex('webhook_deliveries_webhook_status_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'status', 'outbox_id desc'])
    .execute();
}
