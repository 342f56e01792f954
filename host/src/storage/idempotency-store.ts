/** The engine's `IdempotencyStore` port on top of Kysely, for SQLite and PostgreSQL alike. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { IdempotencyRecord, IdempotencyStore } from '../engine/ports.js';
import type { Database, DatabaseDialect, IdempotencyKeysTable } from './schema.js';

/**
 * An {@link IdempotencyStore} reading and writing through `db`. A record is live while `now < expiresAt`:
 * `begin` replaces a record whose `expiresAt` is at or before the new record's `createdAt`, and `purgeExpired`
 * deletes those at or before `now`. Pass a `Transaction` to make its calls part of a transaction you control.
 */
export function createIdempotencyStore(
  db: Kysely<Database> | Transaction<Database>,
  dialect: DatabaseDialect,
): IdempotencyStore {
  return {
    begin: (record) => beginRecord(db, dialect, record),
    complete: (tenantId, operation, key, response) => completeRecord(db, tenantId, operation, key, response),
    abandon: (tenantId, operation, key) => abandonRecord(db, tenantId, operation, key),
    purgeExpired: (now) => purgeExpiredRecords(db, now),
  };
}

type BeginInput = Parameters<IdempotencyStore['begin']>[0];
type BeginResult = Awaited<ReturnType<IdempotencyStore['begin']>>;
type Response = NonNullable<IdempotencyRecord['response']>;
type RecordRow = Selectable<IdempotencyKeysTable>;

// The existing record can vanish between the insert attempt and reading it (abandoned or purged meanwhile);
// the next attempt then inserts. Only a caller abandoning in a tight loop could exhaust this.
const MAX_BEGIN_ATTEMPTS = 5;

async function beginRecord(db: Kysely<Database>, dialect: DatabaseDialect, record: BeginInput): Promise<BeginResult> {
  const { tenantId, operation, key, requestDigest, createdAt, expiresAt } = record;
  for (let attempt = 1; attempt <= MAX_BEGIN_ATTEMPTS; attempt += 1) {
    // One statement, so concurrent begins cannot both insert: the loser's conflict resolves against the
    // winner's row, which it replaces only if that row has expired.
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({
        tenant_id: tenantId,
        operation,
        key,
        request_digest: requestDigest,
        state: 'in-flight',
        response: null,
        created_at: createdAt,
        expires_at: expiresAt,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'operation', 'key'])
          .doUpdateSet({
            request_digest: requestDigest,
            state: 'in-flight',
            response: null,
            created_at: createdAt,
            expires_at: expiresAt,
          })
          .where('idempotency_keys.expires_at', '<=', createdAt),
      )
      .returning('key')
      .executeTakeFirst();
    if (inserted !== undefined) return { inserted: true };

    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('operation', '=', operation)
      .where('key', '=', key)
      .executeTakeFirst();
    if (existing !== undefined) return { inserted: false, existing: toRecord(existing, dialect) };
  }
  throw new Error(
    `idempotency key "${key}" of operation "${operation}" (tenant "${tenantId}") kept disappearing while it was begun`,
  );
}

/** Does nothing when the record is no longer in flight (abandoned, expired and purged, or already done). */
async function completeRecord(
  db: Kysely<Database>,
  tenantId: string,
  operation: string,
  key: string,
  response: Response,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', response: JSON.stringify(response) })
    .where('tenant_id', '=', tenantId)
    .where('operation', '=', operation)
    .where('key', '=', key)
    .where('state', '=', 'in-flight')
    .execute();
}

/** Leaves a completed record alone: its response stays the answer to replays. */
async function abandonRecord(db: Kysely<Database>, tenantId: string, operation: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', tenantId)
    .where('operation', '=', operation)
    .where('key', '=', key)
    .where('state', '=', 'in-flight')
    .execute();
}

async function purgeExpiredRecords(db: Kysely<Database>, now: number): Promise<number> {
  const { numDeletedRows } = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
  return Number(numDeletedRows);
}

function toRecord(row: RecordRow, dialect: DatabaseDialect): IdempotencyRecord {
  // SQLite hands back JSON text; pg has already parsed jsonb.
  const response = dialect === 'sqlite' && typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
  return {
    tenantId: row.tenant_id,
    operation: row.operation,
    key: row.key,
    requestDigest: row.request_digest,
    state: row.state as IdempotencyRecord['state'],
    response: (response ?? null) as IdempotencyRecord['response'],
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}
