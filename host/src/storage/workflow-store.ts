/** The engine's `WorkflowStore` port on top of Kysely, for SQLite and PostgreSQL alike. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Page, StoredWorkflow, WorkflowStore } from '../engine/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Database, DatabaseDialect, WorkflowsTable } from './schema.js';

/**
 * A {@link WorkflowStore} reading and writing through `db`. Pass a `Transaction` to make its calls part
 * of a transaction you begin and end; `register` then works inside a savepoint of it.
 */
export function createWorkflowStore(
  db: Kysely<Database> | Transaction<Database>,
  dialect: DatabaseDialect,
): WorkflowStore {
  return {
    register: (input) => registerWorkflow(db, dialect, input),
    get: (tenantId, workflowId, revision) => getWorkflow(db, dialect, tenantId, workflowId, revision),
    list: (tenantId, options) => listWorkflows(db, dialect, tenantId, options),
  };
}

type RegisterInput = Parameters<WorkflowStore['register']>[0];
type RegisterResult = Awaited<ReturnType<WorkflowStore['register']>>;
type WorkflowRow = Selectable<WorkflowsTable>;

/** Sort key of a `list` item: newest `registeredAt` first, then `workflowId` ascending. */
interface ListKey {
  registeredAt: string;
  workflowId: string;
}

// Writers serialize per workflow (advisory lock, BEGIN IMMEDIATE), so a conflict means a writer that
// bypasses them, or a caller's transaction; a few attempts are plenty.
const MAX_REGISTER_ATTEMPTS = 5;

async function registerWorkflow(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  input: RegisterInput,
): Promise<RegisterResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(db, (trx) => registerOnce(trx, dialect, input));
    } catch (error) {
      if (!isPrimaryKeyConflict(error)) throw error;
      if (attempt === MAX_REGISTER_ATTEMPTS) {
        throw new Error(
          `workflow "${input.workflowId}" of tenant "${input.tenantId}" could not get a revision after ${attempt} attempts`,
          { cause: error },
        );
      }
      // A concurrent writer took the revision we computed: read the new latest and try again.
    }
  }
}

async function registerOnce(
  trx: Kysely<Database>,
  dialect: DatabaseDialect,
  input: RegisterInput,
): Promise<RegisterResult> {
  if (dialect === 'postgres') {
    // Queue writers of the same workflow across processes until commit, so they rarely conflict.
    // (SQLite needs nothing here: its transactions begin immediately, taking the database write lock.)
    await sql`select pg_advisory_xact_lock(hashtext(${input.tenantId}), hashtext(${input.workflowId}))`.execute(trx);
  }
  const latest = await trx
    .selectFrom('workflows')
    .selectAll()
    .where('tenant_id', '=', input.tenantId)
    .where('workflow_id', '=', input.workflowId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest !== undefined && latest.digest === input.digest) {
    return { workflow: toStoredWorkflow(latest, dialect), created: false };
  }

  const revision = (latest?.revision ?? 0) + 1;
  const definitionJson = JSON.stringify(input.definition);
  await trx
    .insertInto('workflows')
    .values({
      tenant_id: input.tenantId,
      workflow_id: input.workflowId,
      revision,
      version: input.version,
      digest: input.digest,
      definition: definitionJson,
      registered_at: input.registeredAt,
    })
    .execute();
  const { tenantId, workflowId, version, digest, registeredAt } = input;
  // A copy of what `get` will read back, not the caller's own (mutable) object.
  const definition = JSON.parse(definitionJson) as Record<string, unknown>;
  return { workflow: { tenantId, workflowId, revision, version, digest, definition, registeredAt }, created: true };
}

async function getWorkflow(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  tenantId: string,
  workflowId: string,
  revision?: number,
): Promise<StoredWorkflow | undefined> {
  const query = db
    .selectFrom('workflows')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('workflow_id', '=', workflowId);
  const row = await (
    revision === undefined ? query.orderBy('revision', 'desc').limit(1) : query.where('revision', '=', revision)
  ).executeTakeFirst();
  return row === undefined ? undefined : toStoredWorkflow(row, dialect);
}

async function listWorkflows(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  tenantId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<StoredWorkflow>> {
  const { limit, cursor } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`list limit ${limit} is not a positive integer`);
  }
  const after = cursor === undefined ? undefined : decodeListCursor(cursor);

  let query = db
    .selectFrom('workflows as w')
    .selectAll('w')
    .where('w.tenant_id', '=', tenantId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('workflows as newer')
            .select('newer.revision')
            .whereRef('newer.tenant_id', '=', 'w.tenant_id')
            .whereRef('newer.workflow_id', '=', 'w.workflow_id')
            .whereRef('newer.revision', '>', 'w.revision'),
        ),
      ),
    );
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('w.registered_at', '<', after.registeredAt),
        eb.and([eb('w.registered_at', '=', after.registeredAt), eb('w.workflow_id', '>', after.workflowId)]),
      ]),
    );
  }
  // One row more than asked tells whether another page follows.
  const rows = await query
    .orderBy('w.registered_at', 'desc')
    .orderBy('w.workflow_id', 'asc')
    .limit(limit + 1)
    .execute();

  const items = rows.slice(0, limit).map((row) => toStoredWorkflow(row, dialect));
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeListCursor(last) : null;
  return { items, nextCursor };
}

/**
 * Runs `work` in a new transaction, or in a savepoint when `db` already is one (the caller's), so a
 * failed attempt can be undone without aborting the caller's transaction.
 */
async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return db.transaction().execute(work);
  await sql`savepoint wopkit_register`.execute(db);
  try {
    const result = await work(db);
    await sql`release savepoint wopkit_register`.execute(db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint wopkit_register`.execute(db).catch(() => {
      // The caller's transaction is unusable then anyway; the original error says why.
    });
    throw error;
  }
}

/** Whether `error` is a driver's primary-key (unique) violation: pg `23505`, SQLite `..._PRIMARYKEY`. */
function isPrimaryKeyConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function toStoredWorkflow(row: WorkflowRow, dialect: DatabaseDialect): StoredWorkflow {
  // SQLite hands back the JSON text; pg has already parsed jsonb.
  const definition: unknown = dialect === 'sqlite' ? JSON.parse(String(row.definition)) : row.definition;
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new Error(
      `workflow "${row.workflow_id}" revision ${row.revision} of tenant "${row.tenant_id}" has a definition that is not a JSON object`,
    );
  }
  return {
    tenantId: row.tenant_id,
    workflowId: row.workflow_id,
    revision: row.revision,
    version: row.version,
    digest: row.digest,
    definition: definition as Record<string, unknown>,
    registeredAt: row.registered_at,
  };
}

function encodeListCursor(key: ListKey): string {
  return encodeCursor(key.registeredAt, key.workflowId);
}

function decodeListCursor(cursor: string): ListKey {
  const [registeredAt, workflowId] = decodeCursor(cursor);
  return { registeredAt, workflowId };
}
