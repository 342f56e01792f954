// Steer a run through its lifecycle: start, pause, resume, cancel, list, read its events.
// Run with: npx tsx examples/run-lifecycle.ts
import { randomUUID } from 'node:crypto';
import { Wopkit } from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

const tag = 'example:run-lifecycle';

// `conformance-cancellable` is one durable `core.delay`; a minute is long enough to steer it by hand.
// Sending the same Idempotency-Key again returns this run instead of starting a second one.
const { runId } = await wopkit.runs.create(
  { workflowId: 'conformance-cancellable', inputs: { delayMs: 60_000 }, tags: [tag] },
  { idempotencyKey: randomUUID() },
);
console.log(`started ${runId}`);

const paused = await wopkit.runs.pause(runId, { reason: 'maintenance window' });
console.log(`${paused.status} at ${paused.pausedAt}`);

const resumed = await wopkit.runs.resume(runId, { reason: 'maintenance over' });
console.log(`${resumed.status} at ${resumed.resumedAt}`);

const cancel = await wopkit.runs.cancel(runId, { reason: 'no longer needed' });
console.log(`cancel answered ${cancel.status}`);
const run = await wopkit.runs.wait(runId, { timeoutMs: 10_000 });
console.log(`${runId} is ${run.status}`);

// The newest runs carrying our tag, from every time this script ran.
const page = await wopkit.runs.list({ tag, limit: 5 });
for (const item of page.items) console.log(`- ${item.runId} ${item.status}`);

// Without `lastSequence` the poll returns the log from the start; a finished run answers at once.
const { events, isComplete } = await wopkit.runs.pollEvents(runId, { timeout: 1 });
for (const event of events) {
  console.log(`  #${event.sequence} ${event.type}${event.nodeId === undefined ? '' : ` (${event.nodeId})`}`);
}
console.log(isComplete ? 'the log is complete' : 'more events may follow');
