/** The engine's `RunStore` port on top of Kysely: runs, their event logs and worker leases, on SQLite and PostgreSQL. */
import { CompiledQuery, sql, type Kysely, type QueryResult, type Selectable, type Transaction } from 'kysely';
import type {
  NewRun,
  Page,
  RunCommit,
  RunListFilter,
  RunPatch,
  RunStatus,
  RunStore,
  StoredEvent,
  StoredRun,
} from '../engine/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { formatRunCommitNotices, RUN_EVENTS_CHANNEL } from './run-notifications.js';
import type { Database, DatabaseDialect, RunEventsTable, RunsTable } from './schema.js';
import { readJson, toEpochMs } from './columns.js';

/** Options for {@link createRunStore}. */
export interface RunStoreOptions {
  /** Most `create`/`commit` calls written in one group-commit transaction. Default 256. */
  maxBatchSize?: number;
  /**
   * Most group-commit transactions in progress at once. Default 1 on SQLite (it has one connection and one
   * writer), 4 on PostgreSQL.
   */
  maxConcurrentBatches?: number;
  /** Called after each group-commit transaction with how many calls it wrote, e.g. for metrics. */
  onBatch?: (size: number) => void;
  /**
   * PostgreSQL only: every transaction that appends events also sends a commit notice (see `run-notifications.ts`)
   * naming this origin, so other processes' readers wake and this process can ignore its own notices.
   */
  notifyOrigin?: string | undefined;
}

/**
 * A {@link RunStore} reading and writing through `db`. `create` and `commit` calls made within the same tick
 * are written together in one transaction (group commit), so one fsync serves them all.
 *
 * Pass a `Transaction` to make every call part of a transaction you begin and end; writes then apply at once,
 * without grouping, and a failed write leaves it to you to roll back.
 */
export function createRunStore(
  db: Kysely<Database> | Transaction<Database>,
  dialect: DatabaseDialect,
  options: RunStoreOptions = {},
): RunStore {
  const notifyOrigin = dialect === 'postgres' ? options.notifyOrigin : undefined;
  const writer = db.isTransaction
    ? new DirectWriter(db, dialect, notifyOrigin)
    : new GroupCommitWriter(db, dialect, { ...options, notifyOrigin });
  return {
    create: async (run, events = []) => {
      await writer.write({ kind: 'create', run, events });
    },
    commit: async (commits) => {
      if (commits.length === 0) return [];
      for (const commit of commits) checkCommit(commit);
      const outcome = await writer.write({ kind: 'commit', commits });
      return outcome ?? [];
    },
    get: (runId) => getRun(db, dialect, runId),
    list: (filter) => listRuns(db, dialect, filter),
    listChildren: (parentRunId) => listChildRuns(db, dialect, parentRunId),
    findActiveByDedupScope: (tenantId, scope) => findActiveByDedupScope(db, dialect, tenantId, scope),
    readEvents: (runId, afterSequence, limit) => readRunEvents(db, dialect, runId, afterSequence, limit),
    findEventSequence: async (runId, eventId) => {
      const row = await db
        .selectFrom('run_events')
        .select('sequence')
        .where('event_id', '=', eventId)
        .where('run_id', '=', runId)
        .executeTakeFirst();
      return row === undefined ? undefined : Number(row.sequence);
    },
    claimRunnable: (owner, now, leaseMs, limit) => claimRunnableRuns(db, dialect, owner, now, leaseMs, limit),
    claim: (runId, owner, now, leaseMs) => claimRun(db, dialect, runId, owner, now, leaseMs),
    renewLeases: (owner, runIds, now, leaseMs) => renewRunLeases(db, owner, runIds, now, leaseMs),
    nextWakeAt: () => findNextWakeAt(db),
  };
}

type EventInput = Omit<StoredEvent, 'sequence' | 'runId'>;
type RunRow = Selectable<RunsTable>;
type EventRow = Selectable<RunEventsTable>;

/** One call of `create` or `commit`, as queued for a group commit. */
type Write = { kind: 'create'; run: NewRun; events: EventInput[] } | { kind: 'commit'; commits: RunCommit[] };

/** What a `Write` yields: nothing for `create`, per commit the committed events or `null` for `commit`. */
type WriteOutcome = Array<StoredEvent[] | null> | undefined;

/** Applies writes to the database. */
interface Writer {
  write(write: Write): Promise<WriteOutcome>;
}

/** Applies each write at once inside the caller's transaction. */
class DirectWriter implements Writer {
  readonly #trx: Kysely<Database>;
  readonly #dialect: DatabaseDialect;
  readonly #notifyOrigin: string | undefined;

  constructor(trx: Kysely<Database>, dialect: DatabaseDialect, notifyOrigin: string | undefined) {
    this.#trx = trx;
    this.#dialect = dialect;
    this.#notifyOrigin = notifyOrigin;
  }

  async write(write: Write): Promise<WriteOutcome> {
    const [outcome] = await applyWrites(this.#trx, this.#dialect, [write], this.#notifyOrigin);
    return outcome;
  }
}

interface QueuedWrite {
  write: Write;
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

const DEFAULT_MAX_BATCH_SIZE = 256;
// A batch that failed for a transient reason (a PostgreSQL deadlock with another process) is rolled back, so
// writing it again is safe.
const MAX_TRANSIENT_ATTEMPTS = 3;

/**
 * Queues writes and flushes them on `setImmediate`, so the calls of one tick share one transaction. Each
 * write applies independently inside it: a commit whose expected sequence (or status) is stale yields `null`
 * and writes nothing, without affecting the others.
 */
class GroupCommitWriter implements Writer {
  readonly #db: Kysely<Database>;
  readonly #dialect: DatabaseDialect;
  readonly #maxBatchSize: number;
  readonly #maxConcurrentBatches: number;
  readonly #onBatch: ((size: number) => void) | undefined;
  readonly #notifyOrigin: string | undefined;
  readonly #queue: QueuedWrite[] = [];
  #running = 0;
  #isFlushScheduled = false;

  constructor(db: Kysely<Database>, dialect: DatabaseDialect, options: RunStoreOptions) {
    const {
      maxBatchSize = DEFAULT_MAX_BATCH_SIZE,
      maxConcurrentBatches = dialect === 'sqlite' ? 1 : 4,
      onBatch,
    } = options;
    for (const [name, value] of [
      ['maxBatchSize', maxBatchSize],
      ['maxConcurrentBatches', maxConcurrentBatches],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} ${value} is not a positive integer`);
    }
    this.#db = db;
    this.#dialect = dialect;
    this.#maxBatchSize = maxBatchSize;
    this.#maxConcurrentBatches = maxConcurrentBatches;
    this.#onBatch = onBatch;
    this.#notifyOrigin = options.notifyOrigin;
  }

  write(write: Write): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      this.#scheduleFlush();
    });
  }

  #scheduleFlush(): void {
    if (this.#isFlushScheduled || this.#queue.length === 0 || this.#running >= this.#maxConcurrentBatches) return;
    this.#isFlushScheduled = true;
    // setImmediate rather than a microtask: callers whose previous write just resolved get to queue their
    // next one first, so it joins this batch.
    setImmediate(() => {
      this.#isFlushScheduled = false;
      while (this.#queue.length > 0 && this.#running < this.#maxConcurrentBatches) {
        const batch = this.#queue.splice(0, this.#maxBatchSize);
        this.#running += 1;
        void this.#writeBatch(batch).finally(() => {
          this.#running -= 1;
          this.#scheduleFlush();
        });
      }
    });
  }

  async #writeBatch(batch: QueuedWrite[]): Promise<void> {
    const attempt = await this.#attempt(batch.map((queued) => queued.write));
    if (attempt.ok) {
      batch.forEach((queued, index) => queued.resolve(attempt.outcomes[index]));
      this.#onBatch?.(batch.length);
      return;
    }
    if (!attempt.isRolledBack || (batch.length === 1 && !isTransientError(attempt.error))) {
      for (const queued of batch) queued.reject(attempt.error);
      return;
    }
    // One write broke the transaction (say, a duplicate event id) and nothing was written: write each alone,
    // so only the faulty call fails.
    for (const queued of batch) await this.#writeAlone(queued);
  }

  async #writeAlone(queued: QueuedWrite): Promise<void> {
    for (let attempts = 1; ; attempts += 1) {
      const attempt = await this.#attempt([queued.write]);
      if (attempt.ok) {
        queued.resolve(attempt.outcomes[0]);
        this.#onBatch?.(1);
        return;
      }
      if (!attempt.isRolledBack || !isTransientError(attempt.error) || attempts >= MAX_TRANSIENT_ATTEMPTS) {
        queued.reject(attempt.error);
        return;
      }
    }
  }

  /**
   * Writes `writes` in one transaction. `isRolledBack` tells a failure inside the transaction (rolled back,
   * nothing written) from a failure to begin or commit it, whose outcome may be unknown.
   */
  async #attempt(
    writes: Write[],
  ): Promise<{ ok: true; outcomes: WriteOutcome[] } | { ok: false; error: unknown; isRolledBack: boolean }> {
    let bodyError: unknown;
    try {
      const outcomes = await this.#db.transaction().execute(async (trx) => {
        try {
          return await applyWrites(trx, this.#dialect, writes, this.#notifyOrigin);
        } catch (error) {
          bodyError = error;
          throw error;
        }
      });
      return { ok: true, outcomes };
    } catch (error) {
      return { ok: false, error, isRolledBack: bodyError !== undefined && error === bodyError };
    }
  }
}

/** Whether retrying a rolled-back transaction may succeed: a PostgreSQL deadlock or serialization failure. */
function isTransientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === '40P01' || error.code === '40001';
}

function checkCommit(commit: RunCommit): void {
  const { runId, expectedNextSequence } = commit;
  if (!Number.isInteger(expectedNextSequence) || expectedNextSequence < 0) {
    throw new RangeError(
      `commit to run "${runId}" expects sequence ${expectedNextSequence}, not a non-negative integer`,
    );
  }
}

/**
 * Applies `writes` in order inside `trx` and returns their outcomes, exactly as if each ran alone in that order.
 * Statements are shared where order cannot matter: runs, tags and events are inserted many per statement, and
 * consecutive commits that touch only their own, distinct runs share one conditional update per patch shape.
 */
async function applyWrites(
  trx: Kysely<Database>,
  dialect: DatabaseDialect,
  writes: Write[],
  notifyOrigin: string | undefined,
): Promise<WriteOutcome[]> {
  const batch = new WriteBatch(trx, dialect, notifyOrigin);
  const outcomes: WriteOutcome[] = [];
  let index = 0;
  while (index < writes.length) {
    const write = writes[index] as Write;
    if (write.kind === 'create') {
      batch.addRun(write.run, write.events);
      outcomes.push(undefined);
      index += 1;
      continue;
    }
    const end = endOfIndependentCommits(writes, index);
    if (end > index) {
      const group = writes.slice(index, end) as CommitWrite[];
      const applied = await batch.updateRuns(group.flatMap((commitWrite) => commitWrite.commits));
      for (const { commits } of group) {
        outcomes.push(
          commits.map((commit) =>
            applied.has(commit.runId)
              ? batch.addEvents(commit.runId, commit.expectedNextSequence, commit.events)
              : null,
          ),
        );
      }
      index = end;
      continue;
    }
    const results: Array<StoredEvent[] | null> = [];
    for (const commit of write.commits) results.push(await applyCommit(batch, commit));
    outcomes.push(results);
    index += 1;
  }
  await batch.flush();
  return outcomes;
}

type CommitWrite = Extract<Write, { kind: 'commit' }>;

/**
 * The end (exclusive) of the longest run of commit writes from `start` whose commits may apply in any order:
 * each touches only its own run (no `insertRuns`, no `wakeRuns`) and no two touch the same run. Returns
 * `start` when that run has fewer than two commits, which gain nothing from sharing a statement.
 */
function endOfIndependentCommits(writes: Write[], start: number): number {
  const runIds = new Set<string>();
  let end = start;
  for (; end < writes.length; end += 1) {
    const write = writes[end] as Write;
    if (write.kind !== 'commit') break;
    const isIndependent = write.commits.every(
      (commit) => !commit.insertRuns?.length && !commit.wakeRuns?.length && !runIds.has(commit.runId),
    );
    const distinct = new Set(write.commits.map((commit) => commit.runId));
    if (!isIndependent || distinct.size !== write.commits.length) break;
    for (const runId of distinct) runIds.add(runId);
  }
  return runIds.size >= 2 ? end : start;
}

async function applyCommit(batch: WriteBatch, commit: RunCommit): Promise<StoredEvent[] | null> {
  if (!(await batch.updateRun(commit))) return null;
  const committed = batch.addEvents(commit.runId, commit.expectedNextSequence, commit.events);
  for (const run of commit.insertRuns ?? []) batch.addRun(run, []);
  for (const { runId, wakeAt } of commit.wakeRuns ?? []) await batch.wakeRun(runId, wakeAt);
  return committed;
}

/** How each `RunPatch` field is written: its column, its PostgreSQL type and its SQL value. */
const PATCH_COLUMNS: ReadonlyArray<readonly [keyof RunPatch, string, string, (value: never) => unknown]> = [
  ['status', 'status', 'text', (value: RunStatus) => value],
  ['checkpoint', 'checkpoint', 'jsonb', (value: Record<string, unknown>) => JSON.stringify(value)],
  [
    'error',
    'error',
    'jsonb',
    (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value)),
  ],
  ['startedAt', 'started_at', 'text', (value: string | null) => value],
  ['completedAt', 'completed_at', 'text', (value: string | null) => value],
  ['wakeAt', 'wake_at', 'bigint', (value: number | null) => value],
  ['leaseOwner', 'lease_owner', 'text', (value: string | null) => value],
  ['leaseExpiresAt', 'lease_expires_at', 'bigint', (value: number | null) => value],
];

/** Which fields a patch sets, as a bit mask over `PATCH_COLUMNS`, and their SQL values in that order. */
function readPatch(patch: RunPatch): { mask: number; values: unknown[] } {
  let mask = 0;
  const values: unknown[] = [];
  PATCH_COLUMNS.forEach(([field, , , toSql], index) => {
    const value = patch[field];
    if (value === undefined) return;
    mask |= 1 << index;
    values.push(toSql(value as never));
  });
  return { mask, values };
}

function patchedColumns(mask: number): Array<(typeof PATCH_COLUMNS)[number]> {
  return PATCH_COLUMNS.filter((_, index) => (mask & (1 << index)) !== 0);
}

const RUN_COLUMNS = [
  'run_id',
  'tenant_id',
  'workflow_id',
  'workflow_revision',
  'status',
  'parent_run_id',
  'parent_node_id',
  'inputs',
  'options',
  'tags',
  'checkpoint',
  'error',
  'next_sequence',
  'engine_version',
  'is_test',
  'created_at',
  'started_at',
  'completed_at',
  'wake_at',
  'lease_owner',
  'lease_expires_at',
  'dedup_scope',
] as const;
const EVENT_COLUMNS = [
  'run_id',
  'sequence',
  'event_id',
  'type',
  'payload',
  'timestamp',
  'node_id',
  'schema_version',
  'engine_version',
  'causation_id',
] as const;
const TAG_COLUMNS = ['run_id', 'tag'] as const;
// Rows per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const MAX_ROWS_PER_STATEMENT = 500;

/**
 * The statements of one transaction's writes. Run, tag and event rows are queued and inserted many per
 * statement: runs before any update that might target them, tags and events (which nothing in the batch
 * reads) at the end.
 */
class WriteBatch {
  readonly #trx: Kysely<Database>;
  readonly #dialect: DatabaseDialect;
  readonly #notifyOrigin: string | undefined;
  #runs: unknown[][] = [];
  readonly #tags: unknown[][] = [];
  readonly #events: unknown[][] = [];
  /** (run id, sequence, event id, type, timestamp) of the appended events webhooks may receive. */
  readonly #outbox: unknown[][] = [];
  /** Per run, the last sequence this batch appends. */
  readonly #lastSequences = new Map<string, number>();

  constructor(trx: Kysely<Database>, dialect: DatabaseDialect, notifyOrigin: string | undefined) {
    this.#trx = trx;
    this.#dialect = dialect;
    this.#notifyOrigin = notifyOrigin;
  }

  /** Queues a new run with its tags and first events (numbered from 0). */
  addRun(run: NewRun, events: EventInput[]): void {
    this.#runs.push([
      run.runId,
      run.tenantId,
      run.workflowId,
      run.workflowRevision,
      run.status,
      run.parentRunId,
      run.parentNodeId,
      JSON.stringify(run.inputs),
      JSON.stringify(run.options),
      JSON.stringify(run.tags),
      JSON.stringify(run.checkpoint),
      run.error ? JSON.stringify(run.error) : null,
      events.length,
      run.engineVersion,
      // better-sqlite3 binds no booleans.
      this.#dialect === 'sqlite' ? Number(run.isTest) : run.isTest,
      run.createdAt,
      run.startedAt ?? null,
      run.completedAt ?? null,
      run.wakeAt,
      run.leaseOwner ?? null,
      run.leaseExpiresAt ?? null,
      run.dedupScope ?? null,
    ]);
    for (const tag of new Set(run.tags)) this.#tags.push([run.runId, tag]);
    this.addEvents(run.runId, 0, events);
  }

  /** Numbers `events` from `firstSequence`, queues their rows and returns them as stored. */
  addEvents(runId: string, firstSequence: number, events: EventInput[]): StoredEvent[] {
    if (events.length > 0) this.#lastSequences.set(runId, firstSequence + events.length - 1);
    return events.map((event, index) => {
      const sequence = firstSequence + index;
      // `undefined` has no JSON form; store it as null, which is what reading it back yields anyway.
      const payloadJson = JSON.stringify(event.payload ?? null);
      this.#events.push([
        runId,
        sequence,
        event.eventId,
        event.type,
        payloadJson,
        event.timestamp,
        event.nodeId ?? null,
        event.schemaVersion,
        event.engineVersion,
        event.causationId ?? null,
      ]);
      this.#outbox.push([runId, sequence, event.eventId, event.type, event.timestamp]);
      // A copy of what `readEvents` will return, not the caller's own (mutable) payload.
      return toStoredEvent(runId, sequence, event, JSON.parse(payloadJson));
    });
  }

  /** Applies `commit`'s patch and advances its run's sequence if it still expects it; whether it did. */
  async updateRun(commit: RunCommit): Promise<boolean> {
    await this.#insertQueuedRuns();
    const { runId, expectedNextSequence, expectedStatus, events, patch } = commit;
    const { mask, values } = readPatch(patch);
    const hasExpectedStatus = expectedStatus !== undefined;
    const text = cachedText(`update:${mask}:${hasExpectedStatus}`, () => {
      const assignments = patchedColumns(mask).map(([, column]) => `${column} = ?, `);
      const statusCheck = hasExpectedStatus ? ' and status = ?' : '';
      return `update runs set ${assignments.join('')}next_sequence = ? where run_id = ? and next_sequence = ?${statusCheck}`;
    });
    values.push(expectedNextSequence + events.length, runId, expectedNextSequence);
    if (hasExpectedStatus) values.push(expectedStatus);
    const { numAffectedRows } = await this.#execute(text, values);
    return numAffectedRows === 1n;
  }

  /**
   * Like {@link updateRun} for commits to distinct runs, one statement per patch shape; returns the ids of the
   * runs updated.
   */
  async updateRuns(commits: RunCommit[]): Promise<Set<string>> {
    await this.#insertQueuedRuns();
    const byMask = new Map<number, unknown[][]>();
    for (const { runId, expectedNextSequence, expectedStatus, events, patch } of commits) {
      const { mask, values } = readPatch(patch);
      const row = [
        runId,
        expectedNextSequence,
        expectedStatus ?? null,
        expectedNextSequence + events.length,
        ...values,
      ];
      const rows = byMask.get(mask);
      if (rows === undefined) byMask.set(mask, [row]);
      else rows.push(row);
    }
    const applied = new Set<string>();
    for (const [mask, rows] of byMask) {
      for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + MAX_ROWS_PER_STATEMENT);
        const text = cachedText(`updates:${this.#dialect}:${mask}:${chunk.length}`, () =>
          updateManyText(this.#dialect, mask, chunk.length),
        );
        const { rows: updated } = await this.#execute(text, chunk.flat());
        for (const row of updated as Array<{ run_id: string }>) applied.add(row.run_id);
      }
    }
    return applied;
  }

  /** Sets another run's `wakeAt`, touching nothing else of it. */
  async wakeRun(runId: string, wakeAt: number): Promise<void> {
    await this.#insertQueuedRuns();
    await this.#execute('update runs set wake_at = ? where run_id = ?', [wakeAt, runId]);
  }

  /** Inserts every queued row. */
  async flush(): Promise<void> {
    await this.#insertQueuedRuns();
    await this.#insert('run_tags', TAG_COLUMNS, this.#tags);
    await this.#insert('run_events', EVENT_COLUMNS, this.#events);
    await this.#insertOutbox();
    if (this.#notifyOrigin !== undefined && this.#lastSequences.size > 0) {
      for (const payload of formatRunCommitNotices(this.#notifyOrigin, this.#lastSequences)) {
        await this.#execute('select pg_notify(?, ?)', [RUN_EVENTS_CHANNEL, payload]);
      }
    }
  }

  /**
   * The webhook outbox: one delivery row per (appended event, matching subscription), written in this transaction
   * so committing an event and queueing its deliveries are one atomic step. A probe on the event types comes
   * first, so a batch nobody subscribed to costs one index lookup.
   */
  async #insertOutbox(): Promise<void> {
    if (this.#outbox.length === 0) return;
    const types = [...new Set(this.#outbox.map((row) => row[3] as string))];
    const probe = cachedText(
      `outbox-probe:${types.length}`,
      () => `select 1 from webhook_event_types where event_type in (${types.map(() => '?').join(', ')}) limit 1`,
    );
    const { rows } = await this.#execute(probe, types);
    if (rows.length === 0) return;
    for (let start = 0; start < this.#outbox.length; start += MAX_ROWS_PER_STATEMENT) {
      const chunk = this.#outbox.slice(start, start + MAX_ROWS_PER_STATEMENT);
      const text = cachedText(`outbox:${this.#dialect}:${chunk.length}`, () =>
        insertOutboxText(this.#dialect, chunk.length),
      );
      await this.#execute(text, chunk.flat());
    }
  }

  async #insertQueuedRuns(): Promise<void> {
    if (this.#runs.length === 0) return;
    const runs = this.#runs;
    this.#runs = [];
    await this.#insert('runs', RUN_COLUMNS, runs);
  }

  async #insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
    for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + MAX_ROWS_PER_STATEMENT);
      const text = cachedText(`insert:${table}:${chunk.length}`, () => {
        const row = `(${columns.map(() => '?').join(', ')})`;
        return `insert into ${table} (${columns.join(', ')}) values ${Array.from(chunk, () => row).join(', ')}`;
      });
      await this.#execute(text, chunk.flat());
    }
  }

  #execute(text: string, values: unknown[]): Promise<QueryResult<unknown>> {
    return this.#trx.executeQuery(compile(this.#dialect, text, values));
  }
}

/**
 * Which events of a forked run go to webhooks: none of a `replay` fork (it re-emits history), and of a `branch` fork
 * only those from its `fromSeq` on (the events below are fixed history). Read from the run's options (`fork`).
 */
function forkDeliversText(dialect: DatabaseDialect): string {
  return dialect === 'postgres'
    ? "coalesce(r.options #>> '{fork,mode}', '') <> 'replay' " +
        "and v.sequence >= coalesce((r.options #>> '{fork,fromSeq}')::integer, 0)"
    : "coalesce(json_extract(r.options, '$.fork.mode'), '') <> 'replay' " +
        "and v.sequence >= coalesce(json_extract(r.options, '$.fork.fromSeq'), 0)";
}

/**
 * Queues deliveries of `rowCount` events (a VALUES list of run id, sequence, event id, type, timestamp) to every
 * subscription of the run's tenant whose type filter and tag filter (any shared tag; no tags = every run) match.
 * The delivery id is stable: subscription id and event id.
 */
function insertOutboxText(dialect: DatabaseDialect, rowCount: number): string {
  const types = ['text', 'integer', 'text', 'text', 'text'];
  const row = `(${types.map((type) => (dialect === 'postgres' ? `?::${type}` : '?')).join(', ')})`;
  return (
    `with v (run_id, sequence, event_id, event_type, created_at) as (values ${Array.from({ length: rowCount }, () => row).join(', ')}) ` +
    'insert into webhook_deliveries (delivery_id, webhook_id, tenant_id, run_id, sequence, event_id, event_type, ' +
    'status, attempts, next_attempt_at, created_at) ' +
    "select w.webhook_id || '.' || v.event_id, w.webhook_id, r.tenant_id, v.run_id, v.sequence, v.event_id, " +
    "v.event_type, 'pending', 0, 0, v.created_at " +
    'from v join runs r on r.run_id = v.run_id ' +
    'join webhook_event_types t on t.tenant_id = r.tenant_id and t.event_type = v.event_type ' +
    'join webhooks w on w.webhook_id = t.webhook_id ' +
    "where w.state = 'active' and (not exists (select 1 from webhook_tags wt where wt.webhook_id = w.webhook_id) " +
    'or exists (select 1 from webhook_tags wt join run_tags rt on rt.tag = wt.tag ' +
    'where wt.webhook_id = w.webhook_id and rt.run_id = v.run_id)) ' +
    `and ${forkDeliversText(dialect)} ` +
    'order by v.run_id, v.sequence, w.webhook_id'
  );
}

/**
 * One conditional update of `rowCount` runs from a VALUES list of (run id, expected sequence, expected status or
 * null, next sequence, patched values…). PostgreSQL needs the types of the list's columns spelled out.
 */
function updateManyText(dialect: DatabaseDialect, mask: number, rowCount: number): string {
  const columns = patchedColumns(mask);
  const types = ['text', 'integer', 'text', 'integer', ...columns.map(([, , type]) => type)];
  const row = `(${types.map((type) => (dialect === 'postgres' ? `?::${type}` : '?')).join(', ')})`;
  const names = ['id', 'expected_sequence', 'expected_status', 'next_sequence', ...columns.map(([, column]) => column)];
  const assignments = [...columns.map(([, column]) => column), 'next_sequence'].map(
    (column) => `${column} = v.${column}`,
  );
  return (
    `with v (${names.join(', ')}) as (values ${Array.from({ length: rowCount }, () => row).join(', ')}) ` +
    `update runs set ${assignments.join(', ')} from v ` +
    'where runs.run_id = v.id and runs.next_sequence = v.expected_sequence ' +
    'and (v.expected_status is null or runs.status = v.expected_status) returning run_id'
  );
}

/** SQL texts by shape, built once: the hot path has few shapes, and building them costs more than running some. */
const sqlTexts = new Map<string, string>();

function cachedText(key: string, build: () => string): string {
  let text = sqlTexts.get(key);
  if (text === undefined) {
    text = build();
    sqlTexts.set(key, text);
  }
  return text;
}

/** PostgreSQL spellings (`$1`, `$2`, …) of SQL texts written with `?` placeholders. */
const postgresTexts = new Map<string, string>();

/** A query from SQL text with `?` placeholders, numbered for PostgreSQL. */
function compile(dialect: DatabaseDialect, text: string, values: unknown[]): CompiledQuery {
  if (dialect === 'sqlite') return CompiledQuery.raw(text, values);
  let postgresText = postgresTexts.get(text);
  if (postgresText === undefined) {
    let index = 0;
    postgresText = text.replace(/\?/g, () => `$${(index += 1)}`);
    postgresTexts.set(text, postgresText);
  }
  return CompiledQuery.raw(postgresText, values);
}

async function getRun(db: Kysely<Database>, dialect: DatabaseDialect, runId: string): Promise<StoredRun | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
  return row === undefined ? undefined : toStoredRun(row, dialect);
}

/** Sort key of a `list` item: newest `createdAt` first, then `runId` descending. */
interface ListKey {
  createdAt: string;
  runId: string;
}

async function listRuns(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  filter: RunListFilter,
): Promise<Page<StoredRun>> {
  const { tenantId, status, workflowId, tag, limit, cursor } = filter;
  checkPositiveInteger('list limit', limit);
  const after = cursor === undefined ? undefined : decodeListCursor(cursor);

  let query = db.selectFrom('runs').selectAll('runs').where('runs.tenant_id', '=', tenantId);
  if (status !== undefined) query = query.where('runs.status', '=', status);
  if (workflowId !== undefined) query = query.where('runs.workflow_id', '=', workflowId);
  if (tag !== undefined) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('run_tags')
          .select('run_tags.run_id')
          .whereRef('run_tags.run_id', '=', 'runs.run_id')
          .where('run_tags.tag', '=', tag),
      ),
    );
  }
  if (after !== undefined) {
    query = query.where((eb) =>
      eb(eb.refTuple('runs.created_at', 'runs.run_id'), '<', eb.tuple(after.createdAt, after.runId)),
    );
  }
  // One row more than asked tells whether another page follows.
  const rows = await query
    .orderBy('runs.created_at', 'desc')
    .orderBy('runs.run_id', 'desc')
    .limit(limit + 1)
    .execute();

  const items = rows.slice(0, limit).map((row) => toStoredRun(row, dialect));
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeListCursor(last) : null;
  return { items, nextCursor };
}

async function findActiveByDedupScope(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  tenantId: string,
  scope: string,
): Promise<StoredRun | undefined> {
  // The WHERE repeats the unique index's condition so SQLite can use that partial index.
  const row = await db
    .selectFrom('runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('dedup_scope', '=', scope)
    .where(
      sql<boolean>`dedup_scope is not null and status in ('pending', 'running', 'paused', 'waiting-approval', 'waiting-input', 'waiting-external', 'cancelling')`,
    )
    .executeTakeFirst();
  return row ? toStoredRun(row, dialect) : undefined;
}

async function listChildRuns(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  parentRunId: string,
): Promise<StoredRun[]> {
  const rows = await db
    .selectFrom('runs')
    .selectAll()
    .where('parent_run_id', '=', parentRunId)
    .orderBy('created_at')
    .orderBy('run_id')
    .execute();
  return rows.map((row) => toStoredRun(row, dialect));
}

async function readRunEvents(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  runId: string,
  afterSequence: number,
  limit: number,
): Promise<StoredEvent[]> {
  if (!Number.isInteger(afterSequence) || afterSequence < -1) {
    throw new RangeError(`afterSequence ${afterSequence} is not an integer of at least -1`);
  }
  checkPositiveInteger('readEvents limit', limit);
  const rows = await db
    .selectFrom('run_events')
    .selectAll()
    .where('run_id', '=', runId)
    .where('sequence', '>', afterSequence)
    .orderBy('sequence')
    .limit(limit)
    .execute();
  return rows.map((row) => eventFromRow(row, dialect));
}

// Literal, not bound: the partial indexes of migration 0002 repeat exactly these terms.
const IS_ACTIVE = sql<boolean>`status in ('pending', 'running', 'cancelling')`;
const IS_TERMINAL = sql<boolean>`status in ('completed', 'failed', 'cancelled')`;

async function claimRunnableRuns(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  owner: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<StoredRun[]> {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`claim limit ${limit} is not a non-negative integer`);
  if (limit === 0) return [];
  // SKIP LOCKED lets concurrent claimers on PostgreSQL pass over each other's rows instead of queueing;
  // SQLite has one writer at a time, so the statement alone is atomic.
  const lock = dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const claim = sql<RunRow>`
    update runs set lease_owner = ${owner}, lease_expires_at = ${now + leaseMs}
    where run_id in (
      select run_id from runs
      where ${IS_ACTIVE}
        and (lease_owner is null or lease_expires_at < ${now})
        and (wake_at is null or wake_at <= ${now})
      order by created_at, run_id
      limit ${limit}
      ${lock}
    )
    returning *`;
  // BEGIN IMMEDIATE on SQLite: take the write lock before reading, so claimers in other processes queue.
  const { rows } =
    dialect === 'sqlite' && !db.isTransaction
      ? await db.transaction().execute((trx) => claim.execute(trx))
      : await claim.execute(db);
  return rows.map((row) => toStoredRun(row, dialect)).sort(compareOldestFirst);
}

async function claimRun(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
  runId: string,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<StoredRun | undefined> {
  const { rows } = await sql<RunRow>`
    update runs set lease_owner = ${owner}, lease_expires_at = ${now + leaseMs}
    where run_id = ${runId}
      and not ${IS_TERMINAL}
      and (lease_owner is null or lease_expires_at < ${now} or lease_owner = ${owner})
    returning *`.execute(db);
  const row = rows[0];
  return row === undefined ? undefined : toStoredRun(row, dialect);
}

// Bound parameters per statement stay far below either dialect's limit.
const MAX_IDS_PER_RENEWAL = 1000;

/**
 * The lease stays `owner`'s, even past its expiry, until another claimer takes it; so renewing succeeds exactly
 * while `lease_owner` is still `owner`.
 */
async function renewRunLeases(
  db: Kysely<Database>,
  owner: string,
  runIds: string[],
  now: number,
  leaseMs: number,
): Promise<string[]> {
  const renewed: string[] = [];
  for (let start = 0; start < runIds.length; start += MAX_IDS_PER_RENEWAL) {
    const chunk = runIds.slice(start, start + MAX_IDS_PER_RENEWAL);
    const rows = await db
      .updateTable('runs')
      .set({ lease_expires_at: now + leaseMs })
      .where('lease_owner', '=', owner)
      .where('run_id', 'in', chunk)
      .returning('run_id')
      .execute();
    for (const row of rows) renewed.push(row.run_id);
  }
  return renewed;
}

async function findNextWakeAt(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('runs')
    .select(({ fn }) => fn.min('wake_at').as('wake_at'))
    .where(IS_ACTIVE)
    .where('wake_at', 'is not', null)
    .where('lease_owner', 'is', null)
    .executeTakeFirst();
  return toEpochMs(row?.wake_at ?? null);
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} ${value} is not a positive integer`);
}

function compareOldestFirst(a: StoredRun, b: StoredRun): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
}

function toStoredRun(row: RunRow, dialect: DatabaseDialect): StoredRun {
  return {
    runId: row.run_id,
    tenantId: row.tenant_id,
    workflowId: row.workflow_id,
    workflowRevision: row.workflow_revision,
    status: row.status as RunStatus,
    parentRunId: row.parent_run_id,
    parentNodeId: row.parent_node_id,
    inputs: readJson(row.inputs, dialect) as Record<string, unknown>,
    options: readJson(row.options, dialect) as Record<string, unknown>,
    tags: readJson(row.tags, dialect) as string[],
    checkpoint: readJson(row.checkpoint, dialect) as Record<string, unknown>,
    error: row.error === null ? null : (readJson(row.error, dialect) as Record<string, unknown>),
    nextSequence: row.next_sequence,
    engineVersion: row.engine_version,
    isTest: Boolean(row.is_test),
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    wakeAt: toEpochMs(row.wake_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: toEpochMs(row.lease_expires_at),
  };
}

/** The wire form of a stored event row. */
export function eventFromRow(row: EventRow, dialect: DatabaseDialect): StoredEvent {
  const input: EventInput = {
    eventId: row.event_id,
    type: row.type,
    payload: undefined,
    timestamp: row.timestamp,
    schemaVersion: row.schema_version,
    engineVersion: row.engine_version,
  };
  if (row.node_id !== null) input.nodeId = row.node_id;
  if (row.causation_id !== null) input.causationId = row.causation_id;
  return toStoredEvent(row.run_id, row.sequence, input, readJson(row.payload, dialect));
}

function toStoredEvent(runId: string, sequence: number, event: EventInput, payload: unknown): StoredEvent {
  const stored: StoredEvent = {
    eventId: event.eventId,
    runId,
    type: event.type,
    payload,
    timestamp: event.timestamp,
    sequence,
    schemaVersion: event.schemaVersion,
    engineVersion: event.engineVersion,
  };
  if (event.nodeId !== undefined) stored.nodeId = event.nodeId;
  if (event.causationId !== undefined) stored.causationId = event.causationId;
  return stored;
}

function encodeListCursor(key: ListKey): string {
  return encodeCursor(key.createdAt, key.runId);
}

function decodeListCursor(cursor: string): ListKey {
  const [createdAt, runId] = decodeCursor(cursor);
  return { createdAt, runId };
}
