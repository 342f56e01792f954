// Start a run and print its events as they happen. Run with: npx tsx examples/stream-run.ts [workflowId] [streamMode]
import { randomUUID } from 'node:crypto';
import { Wopkit, type RunStreamItem, type RunStreamMode } from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

// `conformance-delay` (one durable timer of `delayMs`) and `conformance-noop` are seeded on every wopkit host.
const workflowId = process.argv[2] ?? 'conformance-delay';
// `debug` shows every event of the log; try `updates` (transitions only) or `values` (a snapshot per transition).
const streamMode = (process.argv[3] ?? 'debug') as RunStreamMode;

const { runId } = await wopkit.runs.create(
  { workflowId, inputs: workflowId === 'conformance-delay' ? { delayMs: 500 } : {}, tags: ['example:stream-run'] },
  { idempotencyKey: randomUUID() },
);
console.log(`started ${runId}, streaming its ${streamMode} events`);

/** One line per item; `item.type` narrows each event to its payload type. */
function describeItem(item: RunStreamItem): string {
  switch (item.type) {
    case 'node.started':
      return `node ${item.payload.nodeId} (${item.payload.typeId}) started`;
    case 'node.completed':
      return `node ${item.payload.nodeId} completed in ${item.payload.durationMs ?? '?'} ms`;
    case 'node.failed':
      return `node ${item.payload.nodeId} failed: ${item.payload.error.message}`;
    case 'run.failed':
      return `run failed: ${item.payload.error.code}`;
    case 'state.snapshot':
      return `snapshot: ${item.snapshot.status}`;
    case 'ai.message.chunk':
      return `chunk from ${item.chunk.nodeId}: ${JSON.stringify(item.chunk.chunk)}`;
    case 'unknown':
      return `${item.event.type} (not a core event type)`;
    default:
      return item.type;
  }
}

// The loop ends after the run's terminal event; dropped connections resume where they left off. The signal stops an
// endless wait if the run never ends.
for await (const item of wopkit.runs.stream(runId, { streamMode, signal: AbortSignal.timeout(60_000) })) {
  console.log(`  #${item.sequence ?? '-'} ${describeItem(item)}`);
}

const run = await wopkit.runs.get(runId);
console.log(`${runId} is ${run.status}`);
