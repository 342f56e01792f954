// Start a run and poll it until it finishes. Run with: npx tsx examples/start-run.ts [workflowId]
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Wopkit, type RunStatus } from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['completed', 'failed', 'cancelled']);
const workflowId = process.argv[2] ?? 'ticket-triage';

// With an idempotency key the SDK may safely retry the create after a dropped connection: the host starts one run.
const accepted = await wopkit.runs.create(
  { workflowId, inputs: { ticketId: 'T-1009' }, tags: ['example:start-run'] },
  { idempotencyKey: randomUUID() },
);
console.log(`started ${accepted.runId} (${accepted.status})`);

let run = await wopkit.runs.get(accepted.runId);
while (!TERMINAL_STATUSES.has(run.status)) {
  await sleep(500);
  const next = await wopkit.runs.get(accepted.runId);
  if (next.status !== run.status) console.log(`  ${run.status} -> ${next.status}`);
  run = next;
}

console.log(`${run.runId} finished as ${run.status}`);
if (run.error !== undefined) console.log(`  ${run.error.code}: ${run.error.message}`);
