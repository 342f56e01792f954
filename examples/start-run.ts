// Start a run and wait until it finishes. Run with: npx tsx examples/start-run.ts [workflowId]
import { randomUUID } from 'node:crypto';
import { RunWaitTimeoutError, Wopkit } from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

// `conformance-delay` is seeded on every wopkit host: one durable timer of `delayMs`.
const workflowId = process.argv[2] ?? 'conformance-delay';

// With an idempotency key the SDK may safely retry the create after a dropped connection: the host starts one run.
const accepted = await wopkit.runs.create(
  { workflowId, inputs: { delayMs: 1500 }, tags: ['example:start-run'] },
  { idempotencyKey: randomUUID() },
);
console.log(`started ${accepted.runId} (${accepted.status})`);

// `wait` streams the run's events until it ends, then reads the final snapshot.
try {
  const run = await wopkit.runs.wait(accepted.runId, { timeoutMs: 60_000 });
  console.log(`${run.runId} finished as ${run.status}`);
  if (run.error !== undefined) console.log(`  ${run.error.code}: ${run.error.message}`);
} catch (error) {
  if (!(error instanceof RunWaitTimeoutError)) throw error;
  console.log(`${error.runId} is still going after ${error.timeoutMs} ms`);
}
