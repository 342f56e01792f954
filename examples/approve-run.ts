// A human in the loop: start a run that waits for approval, and approve it from a second terminal.
// Terminal 1: npx tsx examples/approve-run.ts            (starts the run, streams it until it ends)
// Terminal 2: npx tsx examples/approve-run.ts approve <runId> [accept|reject]
import { ConflictError, Wopkit } from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

const [command, runIdArgument, action = 'accept'] = process.argv.slice(2);

if (command === 'approve' && runIdArgument) {
  // The run is suspended at node `gate` of the seeded `conformance-approval` workflow.
  try {
    const result = await wopkit.interrupts.resolve(runIdArgument, 'gate', { action, comment: 'looked fine' });
    console.log(`resolved: ${result.runId} is ${result.status}`);
  } catch (error) {
    // Someone else answered first (or the run was cancelled): exactly one resolve wins.
    if (error instanceof ConflictError) console.log(`not resolved: ${error.code}`);
    else throw error;
  }
} else {
  const { runId } = await wopkit.runs.create({ workflowId: 'conformance-approval' });
  console.log(`started ${runId}; it holds no worker while it waits, and survives host restarts`);
  for await (const item of wopkit.runs.stream(runId, { streamMode: 'updates' })) {
    if (item.type === 'approval.requested') {
      console.log(`waiting for approval at "${item.payload.nodeId}" (actions: ${item.payload.actions.join(', ')})`);
      console.log(`approve with: npx tsx examples/approve-run.ts approve ${runId} accept`);
    } else if (item.type === 'approval.received') {
      console.log(`decision: ${item.payload.action} by ${item.payload.decidedBy ?? 'unknown'}`);
    } else {
      console.log(`  #${item.sequence ?? '-'} ${item.type}`);
    }
  }
  const run = await wopkit.runs.get(runId);
  console.log(`${runId} is ${run.status}${run.error ? ` (${run.error.code})` : ''}`);
}
