// Stream a mocked run whose connection drops, without a host. Run with: npx tsx examples/mock-stream.ts
import { setupServer } from 'msw/node';
import { Wopkit } from '@wopkit/sdk';
import { mockRun } from '@wopkit/sdk/mocks';

const baseUrl = process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737';
const wopkit = new Wopkit({ baseUrl, apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key' });

// The contract examples' two-node run: one event every 100 ms, the first connection cut after two frames, and the
// mock advising clients (with `retry:`) to come back after 200 ms.
const run = mockRun({ baseUrl, paceMs: 100, dropAfter: 2, retryMs: 200 });
const server = setupServer(...run.handlers);
server.listen({ onUnhandledRequest: 'error' });

try {
  for await (const item of wopkit.runs.stream(run.runId, { streamMode: 'debug' })) {
    const node = 'nodeId' in item && item.nodeId !== undefined ? ` (${item.nodeId})` : '';
    console.log(`#${item.sequence} ${item.type}${node}`);
  }

  // Each event arrived once, although it took two connections.
  for (const [index, connection] of run.connections.entries()) {
    const resumedFrom = connection.lastEventId === undefined ? 'the start' : `after #${connection.lastEventId}`;
    console.log(
      `connection ${index + 1} from ${resumedFrom}: sent ${connection.sentIds.join(', ')}, ${connection.state}`,
    );
  }

  // The same mock answers getRun with the run's final state.
  const final = await wopkit.runs.get(run.runId);
  console.log(`${final.runId} is ${final.status}`);
} finally {
  server.close();
}
