// Branch on the SDK's error classes. Run with: npx tsx examples/handle-errors.ts
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
  Wopkit,
} from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

/** Describes what went wrong, most specific class first (subclasses before `APIError`). */
function describe(error: unknown): string {
  if (error instanceof NotFoundError) return `not found: ${error.message}`;
  if (error instanceof BadRequestError) return `rejected (${error.code}): ${JSON.stringify(error.details ?? {})}`;
  if (error instanceof AuthenticationError) return 'the API key was refused: check WOPKIT_API_KEY';
  if (error instanceof RateLimitError) return `rate limited: retry in ${error.retryAfterMs ?? 1000} ms`;
  // APIConnectionError extends APIError, so it is checked before the catch-all below.
  if (error instanceof APIConnectionError) return `no answer from the host: ${error.message}`;
  if (error instanceof APIError)
    return `HTTP ${error.status} ${error.code ?? ''} (request ${error.requestId ?? 'n/a'})`;
  throw error;
}

try {
  await wopkit.runs.get('run_does_not_exist');
} catch (error) {
  console.log(describe(error));
}

try {
  await wopkit.runs.create({ workflowId: 'no-such-workflow' });
} catch (error) {
  console.log(describe(error));
}
