/** The engine's `WebhookStore` port on top of Kysely: subscriptions, their filters and the delivery outbox. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  NewWebhook,
  Page,
  PendingWebhookDelivery,
  StoredWebhook,
  StoredWebhookDelivery,
  WebhookAttemptRecord,
  WebhookDeliveryStatus,
  WebhookState,
  WebhookStore,
} from '../engine/ports.js';
import { InvalidCursorError } from '../engine/errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { eventFromRow } from './run-store.js';
import type { Database, DatabaseDialect, RunEventsTable, WebhookDeliveriesTable, WebhooksTable } from './schema.js';
import { readJson, toEpochMs } from './columns.js';

type WebhookRow = Selectable<WebhooksTable>;
type DeliveryRow = Selectable<WebhookDeliveriesTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** A {@link WebhookStore} reading and writing through `db`, on either dialect. */
export function createWebhookStore(db: Db, dialect: DatabaseDialect): WebhookStore {
  return {
    create: (webhook) => inTransaction(db, (trx) => insertWebhook(trx, webhook)),
    get: async (tenantId, webhookId) => {
      const row = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('webhook_id', '=', webhookId)
        .executeTakeFirst();
      return row === undefined ? undefined : toWebhook(row, dialect);
    },
    list: (tenantId, options) => listWebhooks(db, dialect, tenantId, options),
    delete: async (tenantId, webhookId) => {
      const result = await db
        .deleteFrom('webhooks')
        .where('tenant_id', '=', tenantId)
        .where('webhook_id', '=', webhookId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    rotateSecret: async (tenantId, webhookId, rotation) => {
      const row = await db
        .updateTable('webhooks')
        .set((eb) => ({
          previous_secret: eb.ref('secret'),
          previous_secret_expires_at: rotation.previousSecretExpiresAt,
          secret: rotation.secret,
          secret_fingerprint: rotation.secretFingerprint,
        }))
        .where('tenant_id', '=', tenantId)
        .where('webhook_id', '=', webhookId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toWebhook(row, dialect);
    },
    listDeliveries: (tenantId, webhookId, options) => listDeliveries(db, tenantId, webhookId, options),
    redeliver: (tenantId, webhookId, deliveryId, now) =>
      inTransaction(db, async (trx) => {
        const row = await trx
          .updateTable('webhook_deliveries')
          .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, last_status_code: null })
          .where('tenant_id', '=', tenantId)
          .where('webhook_id', '=', webhookId)
          .where('delivery_id', '=', deliveryId)
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) return undefined;
        // An operator asked for it: the subscription gets another chance, its breaker reset.
        await trx
          .updateTable('webhooks')
          .set({
            state: 'active',
            next_attempt_at: null,
            consecutive_failures: 0,
            circuit_open_until: null,
            window_failures: 0,
            window_started_at: null,
          })
          .where('webhook_id', '=', webhookId)
          .execute();
        return toDelivery(row);
      }),
    claimDue: (owner, now, leaseMs, limit) => claimDue(db, dialect, owner, now, leaseMs, limit),
    renewLease: async (owner, webhookId, now, leaseMs) => {
      const result = await db
        .updateTable('webhooks')
        .set({ lease_expires_at: now + leaseMs })
        .where('webhook_id', '=', webhookId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    releaseLease: async (owner, webhookId) => {
      await db
        .updateTable('webhooks')
        .set({ lease_owner: null, lease_expires_at: null })
        .where('webhook_id', '=', webhookId)
        .where('lease_owner', '=', owner)
        .execute();
    },
    nextPending: (webhookId, limit) => nextPending(db, dialect, webhookId, limit),
    recordAttempt: (owner, record) => inTransaction(db, (trx) => recordAttempt(trx, owner, record)),
    purgeEnded: async (endedBefore) => {
      // An ended delivery's last attempt is when it ended (a redelivered one is pending again, so it stays).
      const result = await db
        .deleteFrom('webhook_deliveries')
        .where('status', 'in', ['delivered', 'dead'])
        .where('last_attempt_at', '<', endedBefore)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function inTransaction<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function insertWebhook(trx: Kysely<Database>, webhook: NewWebhook): Promise<void> {
  await trx
    .insertInto('webhooks')
    .values({
      webhook_id: webhook.webhookId,
      tenant_id: webhook.tenantId,
      url: webhook.url,
      events: JSON.stringify(webhook.events),
      tags: JSON.stringify(webhook.tags),
      secret: webhook.secret,
      secret_fingerprint: webhook.secretFingerprint,
      previous_secret: null,
      previous_secret_expires_at: null,
      state: 'active',
      created_at: webhook.createdAt,
      next_attempt_at: null,
      consecutive_failures: 0,
      circuit_open_until: null,
      window_failures: 0,
      window_started_at: null,
      lease_owner: null,
      lease_expires_at: null,
    })
    .execute();
  await trx
    .insertInto('webhook_event_types')
    .values(
      [...new Set(webhook.events)].map((eventType) => ({
        tenant_id: webhook.tenantId,
        event_type: eventType,
        webhook_id: webhook.webhookId,
      })),
    )
    .execute();
  const tags = [...new Set(webhook.tags)];
  if (tags.length > 0) {
    await trx
      .insertInto('webhook_tags')
      .values(tags.map((tag) => ({ webhook_id: webhook.webhookId, tag })))
      .execute();
  }
}

async function listWebhooks(
  db: Db,
  dialect: DatabaseDialect,
  tenantId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<StoredWebhook>> {
  let query = db.selectFrom('webhooks').selectAll().where('tenant_id', '=', tenantId);
  if (options.cursor !== undefined) {
    const [createdAt, webhookId] = decodeCursor(options.cursor);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'webhook_id'), '<', eb.tuple(createdAt, webhookId)));
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('webhook_id', 'desc')
    .limit(options.limit + 1)
    .execute();
  const items = rows.slice(0, options.limit).map((row) => toWebhook(row, dialect));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.createdAt, last.webhookId) : null,
  };
}

async function listDeliveries(
  db: Db,
  tenantId: string,
  webhookId: string,
  options: { status?: WebhookDeliveryStatus; limit: number; cursor?: string },
): Promise<Page<StoredWebhookDelivery>> {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('webhook_id', '=', webhookId);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  if (options.cursor !== undefined) {
    const [outboxId] = decodeCursor(options.cursor);
    if (!/^\d{1,15}$/.test(outboxId)) throw new InvalidCursorError(options.cursor);
    query = query.where('outbox_id', '<', Number(outboxId) as never);
  }
  const rows = await query
    .orderBy('outbox_id', 'desc')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > options.limit && last ? encodeCursor(String(last.outbox_id), last.delivery_id) : null,
  };
}

// Literal, not bound: the partial index of migration 0004 repeats it.
const IS_PENDING = sql<boolean>`d.status = 'pending'`;

async function claimDue(
  db: Db,
  dialect: DatabaseDialect,
  owner: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<StoredWebhook[]> {
  if (limit <= 0) return [];
  const lock = dialect === 'postgres' ? sql`for update of w skip locked` : sql``;
  const claim = sql<WebhookRow>`
    update webhooks set lease_owner = ${owner}, lease_expires_at = ${now + leaseMs}
    where webhook_id in (
      select w.webhook_id from webhooks w
      where w.state = 'active'
        and (w.lease_owner is null or w.lease_expires_at < ${now})
        and (w.next_attempt_at is null or w.next_attempt_at <= ${now})
        and (w.circuit_open_until is null or w.circuit_open_until <= ${now})
        and exists (
          select 1 from webhook_deliveries d
          where d.webhook_id = w.webhook_id and ${IS_PENDING} and d.next_attempt_at <= ${now}
        )
      order by w.webhook_id
      limit ${limit}
      ${lock}
    )
    returning *`;
  const { rows } =
    dialect === 'sqlite' && !db.isTransaction
      ? await db.transaction().execute((trx) => claim.execute(trx))
      : await claim.execute(db);
  return rows.map((row) => toWebhook(row, dialect));
}

async function nextPending(
  db: Db,
  dialect: DatabaseDialect,
  webhookId: string,
  limit: number,
): Promise<PendingWebhookDelivery[]> {
  const { rows } = await sql<DeliveryRow & { [K in keyof RunEventsTable as `e_${K}`]: Selectable<RunEventsTable>[K] }>`
    select d.*, e.run_id as e_run_id, e.sequence as e_sequence, e.event_id as e_event_id, e.type as e_type,
      e.payload as e_payload, e.timestamp as e_timestamp, e.node_id as e_node_id,
      e.schema_version as e_schema_version, e.engine_version as e_engine_version, e.causation_id as e_causation_id
    from webhook_deliveries d
    join run_events e on e.run_id = d.run_id and e.sequence = d.sequence
    where d.webhook_id = ${webhookId} and ${IS_PENDING}
    order by d.outbox_id
    limit ${limit}`.execute(db);
  return rows.map((row) => ({
    ...toDelivery(row),
    event: eventFromRow(
      {
        run_id: row.e_run_id,
        sequence: row.e_sequence,
        event_id: row.e_event_id,
        type: row.e_type,
        payload: row.e_payload,
        timestamp: row.e_timestamp,
        node_id: row.e_node_id,
        schema_version: row.e_schema_version,
        engine_version: row.e_engine_version,
        causation_id: row.e_causation_id,
      },
      dialect,
    ),
  }));
}

async function recordAttempt(trx: Kysely<Database>, owner: string, record: WebhookAttemptRecord): Promise<boolean> {
  const { subscription: health, delivery } = record;
  const held = await trx
    .updateTable('webhooks')
    .set({
      state: health.state,
      next_attempt_at: health.nextAttemptAt,
      consecutive_failures: health.consecutiveFailures,
      circuit_open_until: health.circuitOpenUntil,
      window_failures: health.windowFailures,
      window_started_at: health.windowStartedAt,
    })
    .where('webhook_id', '=', record.webhookId)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  if (held.numUpdatedRows === 0n) return false;
  await trx
    .updateTable('webhook_deliveries')
    .set({
      status: delivery.status,
      attempts: delivery.attempts,
      next_attempt_at: delivery.nextAttemptAt,
      last_attempt_at: delivery.lastAttemptAt,
      last_status_code: delivery.lastStatusCode,
      last_error: delivery.lastError,
      delivered_at: delivery.deliveredAt,
    })
    .where('delivery_id', '=', record.deliveryId)
    .where('webhook_id', '=', record.webhookId)
    .execute();
  if (record.isSubscriptionFailed) {
    await trx
      .updateTable('webhook_deliveries')
      // `last_attempt_at` records when they ended, for `purgeEnded`.
      .set({
        status: 'dead',
        last_error: 'subscription failed: too many delivery failures',
        last_attempt_at: delivery.lastAttemptAt,
      })
      .where('webhook_id', '=', record.webhookId)
      .where('status', '=', 'pending')
      .execute();
  }
  return true;
}

function toWebhook(row: WebhookRow, dialect: DatabaseDialect): StoredWebhook {
  return {
    webhookId: row.webhook_id,
    tenantId: row.tenant_id,
    url: row.url,
    events: readJson(row.events, dialect) as string[],
    tags: readJson(row.tags, dialect) as string[],
    secret: row.secret,
    secretFingerprint: row.secret_fingerprint,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: toEpochMs(row.previous_secret_expires_at),
    state: row.state as WebhookState,
    createdAt: row.created_at,
    nextAttemptAt: toEpochMs(row.next_attempt_at),
    consecutiveFailures: row.consecutive_failures,
    circuitOpenUntil: toEpochMs(row.circuit_open_until),
    windowFailures: row.window_failures,
    windowStartedAt: toEpochMs(row.window_started_at),
  };
}

function toDelivery(row: DeliveryRow): StoredWebhookDelivery {
  return {
    deliveryId: row.delivery_id,
    webhookId: row.webhook_id,
    tenantId: row.tenant_id,
    runId: row.run_id,
    sequence: row.sequence,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    lastAttemptAt: toEpochMs(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: toEpochMs(row.delivered_at),
    createdAt: row.created_at,
  };
}
