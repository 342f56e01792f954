// Use the SDK against the contract's mocks, without a host. Run with: npx tsx examples/mock-server.ts
import { setupServer } from 'msw/node';
import { NotFoundError, Wopkit } from '@wopkit/sdk';
import { handlers, mockOperation } from '@wopkit/sdk/mocks';

const baseUrl = process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737';
const wopkit = new Wopkit({ baseUrl, apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key' });

// Every operation answers with its contract example; anything else is an error rather than a real request.
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });

try {
  const run = await wopkit.runs.get('run_01JD7Y8Q2M');
  console.log(`mocked run ${run.runId} is ${run.status}`);

  // Override one operation, as a test would for a single case.
  server.use(
    mockOperation('getRun', { status: 404, body: { error: 'not_found', message: 'run "run_gone" was not found' } }),
  );
  try {
    await wopkit.runs.get('run_gone');
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`override answered ${error.status} ${error.code}`);
  }

  // A resolver sees the request and its decoded path parameters.
  server.use(
    mockOperation('cancelRun', ({ params }) => ({
      body: { runId: params['runId'] ?? 'unknown', status: 'cancelling' },
    })),
  );
  const cancelled = await wopkit.runs.cancel('run_42');
  console.log(`cancel of ${cancelled.runId} is ${cancelled.status}`);
} finally {
  server.close();
}
