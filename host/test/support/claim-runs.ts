/**
 * Child-process script for concurrency tests. Opens the database, prints `ready`, waits for a line on
 * stdin (so that every process starts claiming at the same moment), then claims runnable runs LIMIT at a time
 * as OWNER until none is left and prints the ids it claimed as one JSON line.
 * Usage: node --import tsx test/support/claim-runs.ts URL OWNER LIMIT
 */
import { once } from 'node:events';
import { openDatabase } from '../../src/storage/database.js';
import { createRunStore } from '../../src/storage/run-store.js';

const [url, owner, limitText] = process.argv.slice(2);
if (url === undefined || owner === undefined) throw new Error('usage: claim-runs.ts URL OWNER LIMIT');
const limit = Number(limitText);
// Long enough that no lease claimed during the test expires before it ends.
const LEASE_MS = 10 * 60_000;

const handle = await openDatabase(url);
try {
  const store = createRunStore(handle.db, handle.dialect);
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  process.stdin.pause();
  const claimed: string[] = [];
  for (;;) {
    const runs = await store.claimRunnable(owner, Date.now(), LEASE_MS, limit);
    if (runs.length === 0) break;
    claimed.push(...runs.map((run) => run.runId));
  }
  process.stdout.write(`${JSON.stringify(claimed)}\n`);
} finally {
  await handle.close();
}
