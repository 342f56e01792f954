// Time travel: replay a finished run, then branch a "what if" from its midpoint. Run with: npx tsx examples/fork-run.ts
import { randomUUID } from 'node:crypto';
import { Wopkit } from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

// `conformance-replay-side-effect` holds for `delayMs`, then calls an "external system" (a side-effecting node).
const { runId } = await wopkit.runs.create(
  { workflowId: 'conformance-replay-side-effect', inputs: { delayMs: 200 } },
  { idempotencyKey: randomUUID() },
);
await wopkit.runs.wait(runId, { timeoutMs: 30_000 });
const { events } = await wopkit.runs.pollEvents(runId, { timeout: 1 });
console.log(`source ${runId}: ${events.map((event) => event.type).join(', ')}`);

/** The effect key the side-effecting node reported: whose execution it was. */
async function effectKeyOf(forkId: string): Promise<unknown> {
  await wopkit.runs.wait(forkId, { timeoutMs: 30_000 });
  const log = await wopkit.runs.pollEvents(forkId, { timeout: 1 });
  const effect = log.events.find((event) => event.type === 'node.completed' && event.nodeId === 'effect');
  return (effect?.payload as { outputs?: { effectKey?: string } } | undefined)?.outputs?.effectKey;
}

// A replay re-executes the run, but never calls the external system again: it reuses the recorded outcome.
const replay = await wopkit.runs.fork(runId, { mode: 'replay' });
console.log(`replay ${replay.runId}: effect key ${String(await effectKeyOf(replay.runId))} (the source's)`);

// A branch from the midpoint keeps the history before `fromSeq` and runs the rest again, with an overlay.
const midpoint = events.find((event) => event.type === 'node.started' && event.nodeId === 'effect')!.sequence;
const branch = await wopkit.runs.fork(runId, {
  mode: 'branch',
  fromSeq: midpoint,
  runOptionsOverlay: { tags: ['what-if'], metadata: { question: 'what if the effect ran again?' } },
});
console.log(
  `branch ${branch.runId} from #${midpoint}: effect key ${String(await effectKeyOf(branch.runId))} (its own)`,
);
