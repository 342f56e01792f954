/** Migration 0003: `X-Dedup: enforce` — at most one active run per (tenant, scope). Never edit after merge. */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../schema.js';

/** Adds `runs.dedup_scope` and a unique index over the active runs that set it. */
export async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  void dialect;
  await db.schema.alterTable('runs').addColumn('dedup_scope', 'text').execute();
  // A second active run of the same scope violates this index, whichever process inserts it.
  await sql`create unique index runs_active_dedup_scope_idx on runs (tenant_id, dedup_scope)
    where dedup_scope is not null
      and status in ('pending', 'running', 'paused', 'waiting-approval', 'waiting-input', 'waiting-external', 'cancelling')`.execute(
    db,
  );
}
