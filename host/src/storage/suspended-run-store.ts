/** The suspended-run queries of the scheduler (runs waiting on an interrupt whose wake-up is due). */
import { sql, type Kysely } from 'kysely';
import type { SuspendedRunStore } from '../engine/ports.js';
import type { Database } from './schema.js';

// Literal, not bound: the partial index of migration 0005 repeats exactly this term.
const IS_SUSPENDED = sql<boolean>`wake_at is not null and status in ('waiting-approval', 'waiting-input', 'waiting-external')`;

/** Creates the {@link SuspendedRunStore} over `db`. */
export function createSuspendedRunStore(db: Kysely<Database>): SuspendedRunStore {
  return {
    async listDue(now, limit) {
      const rows = await db
        .selectFrom('runs')
        .select('run_id')
        .where(IS_SUSPENDED)
        .where('wake_at', '<=', now)
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now)]))
        .orderBy('wake_at')
        .limit(limit)
        .execute();
      return rows.map((row) => row.run_id);
    },
    async nextWakeAt() {
      const row = await db
        .selectFrom('runs')
        .select(({ fn }) => fn.min('wake_at').as('wake_at'))
        .where(IS_SUSPENDED)
        .executeTakeFirst();
      const value = row?.wake_at ?? null;
      // pg reads `bigint` as a decimal string.
      return value === null ? null : Number(value);
    },
  };
}
