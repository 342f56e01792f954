/**
 * Migration 0005: interrupts — finding suspended runs whose deadline (or other wake-up) is due, and the secrets
 * shared by every host process (signing interrupt tokens). Never edit after merge.
 */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../schema.js';

/** Adds a partial index over the wake-up time of runs suspended on an interrupt, and `host_secrets`. */
export async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  // The suspended-run queries repeat this WHERE term literally, so SQLite uses the partial index.
  await sql`create index runs_suspended_wake_at_idx on runs (wake_at)
    where wake_at is not null and status in ('waiting-approval', 'waiting-input', 'waiting-external')`.execute(db);
  const table = db.schema
    .createTable('host_secrets')
    .addColumn('name', 'text', (column) => column.notNull().primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull());
  await (dialect === 'postgres' ? table : table.modifyEnd(sql`strict`)).execute();
}
