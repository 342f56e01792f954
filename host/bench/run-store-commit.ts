/**
 * Benchmark of the RunStore write path: 10,000 runs, each created and then completed by one 4-event commit,
 * from 16 concurrent workers, on a SQLite file with synchronous=FULL and, when WOPKIT_BENCH_POSTGRES_URL is
 * set, on that PostgreSQL database (its runs are deleted afterwards). Prints runs/s and commits/s.
 * Usage: npx tsx host/bench/run-store-commit.ts [RUNS]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NewRun, RunCommit } from '../src/engine/ports.js';
import { openDatabase } from '../src/storage/database.js';
import { createRunStore } from '../src/storage/run-store.js';

const RUNS = Number(process.argv[2] ?? 10_000);
const WORKERS = 16;
const EVENTS_PER_COMMIT = 4;

/** A run as the engine creates it: pending, with small inputs, options and a checkpoint. */
function newRun(runId: string, index: number): NewRun {
  return {
    runId,
    tenantId: 'bench',
    workflowId: 'invoice',
    workflowRevision: 1,
    status: 'pending',
    parentRunId: null,
    parentNodeId: null,
    inputs: { invoiceId: `inv-${index}`, amount: index * 3 },
    options: { configurable: {}, tags: ['bench'], metadata: { source: 'bench' } },
    tags: ['bench'],
    checkpoint: { cursor: 0 },
    engineVersion: '0.1.0',
    isTest: false,
    createdAt: new Date().toISOString(),
    wakeAt: null,
  };
}

/** The commit that runs the run's only step and completes it. */
function completingCommit(runId: string): RunCommit {
  const timestamp = new Date().toISOString();
  const types = ['run.started', 'node.started', 'node.completed', 'run.completed'];
  return {
    runId,
    expectedNextSequence: 0,
    events: types.slice(0, EVENTS_PER_COMMIT).map((type, index) => ({
      eventId: `${runId}-e${index}`,
      type,
      payload: { nodeId: 'charge', output: { ok: true, chargedAt: timestamp } },
      timestamp,
      nodeId: 'charge',
      schemaVersion: 1,
      engineVersion: '0.1.0',
    })),
    patch: {
      status: 'completed',
      checkpoint: { cursor: 1, outputs: { charge: { ok: true } } },
      startedAt: timestamp,
      completedAt: timestamp,
    },
  };
}

async function bench(label: string, url: string): Promise<void> {
  const handle = await openDatabase(url);
  const prefix = `bench_${randomBytes(4).toString('hex')}_`;
  try {
    let transactions = 0;
    const store = createRunStore(handle.db, handle.dialect, { onBatch: () => (transactions += 1) });
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < RUNS; index = next++) {
        const runId = `${prefix}${index}`;
        await store.create(newRun(runId, index));
        const [events] = await store.commit([completingCommit(runId)]);
        if (events?.length !== EVENTS_PER_COMMIT) throw new Error(`commit to run "${runId}" did not apply`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const seconds = (performance.now() - started) / 1000;
    const perSecond = (count: number): string => Math.round(count / seconds).toLocaleString('en-US');
    console.log(
      `${label}: ${RUNS.toLocaleString('en-US')} runs in ${seconds.toFixed(2)} s: ${perSecond(RUNS)} runs/s, ` +
        `${perSecond(2 * RUNS)} commits/s (create + commit), ${perSecond(transactions)} transactions/s, ` +
        `${((2 * RUNS) / transactions).toFixed(1)} writes per transaction`,
    );
  } finally {
    if (handle.dialect === 'postgres') {
      await handle.db.deleteFrom('runs').where('run_id', 'like', `${prefix}%`).execute();
    }
    await handle.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'wopkit-bench-'));
try {
  await bench('sqlite (synchronous=FULL)', `sqlite:${join(dir, 'bench.db')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
const postgresUrl = process.env['WOPKIT_BENCH_POSTGRES_URL'];
if (postgresUrl !== undefined && postgresUrl !== '') await bench('postgres', postgresUrl);
