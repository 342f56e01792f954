// Calls one generated operation function and turns its `{ data, error, response }` result into data or a typed SDK error.

import { APIPromise, type APIResponse } from '../api-promise.js';
import { APIError, APIUserAbortError, WopkitError } from '../errors.js';
import type { Client } from '../generated/client/index.gen.js';

/**
 * Per-call options; every SDK method takes them as its last argument.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const run = await wopkit.runs.get('run_01JD7Y8Q2M', {
 *   signal: AbortSignal.timeout(5_000),
 *   headers: { 'X-Trace-Id': 'checkout-42' },
 * });
 * ```
 */
export interface RequestOptions {
  /** Aborts the request; the call then rejects with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Extra headers for this request only; they override the client's `defaultHeaders`. */
  headers?: Record<string, string> | undefined;
}

/**
 * Per-call options of mutations (`POST`, `DELETE`), which may carry an idempotency key.
 *
 * @example
 * ```ts
 * import { randomUUID } from 'node:crypto';
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * // Safe to retry: the host starts at most one run for this key.
 * await wopkit.runs.create({ workflowId: 'ticket-triage' }, { idempotencyKey: randomUUID() });
 * ```
 */
export interface MutationOptions extends RequestOptions {
  /**
   * Sent as `Idempotency-Key`: the host applies the mutation at most once per key, and the SDK retries the
   * request on connection errors, timeouts, `429` and `503`. Without a key a `POST` is sent exactly once,
   * because the SDK does not invent keys (a host without idempotency support would run a retried request twice).
   */
  idempotencyKey?: string | undefined;
}

/** The options an SDK method hands to a generated operation function. */
export interface OperationInit {
  client: Client;
  throwOnError: false;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/** What a generated operation function resolves to when called with `throwOnError: false`. */
export interface OperationResult<T> {
  data?: T | undefined;
  error?: unknown;
  request?: Request | undefined;
  response?: Response | undefined;
}

/**
 * Sends one operation through `send` (a call of a generated sdk function with the given init) and returns an
 * {@link APIPromise} of its data. Non-2xx responses reject with the `APIError` subclass for their status;
 * transport failures reject with the transport's error; anything else rejects with a `WopkitError`.
 *
 * @internal
 */
export function callOperation<T>(
  client: Client,
  options: MutationOptions | undefined,
  send: (init: OperationInit) => Promise<OperationResult<T>>,
): APIPromise<T> {
  return new APIPromise(settle(client, options, send));
}

async function settle<T>(
  client: Client,
  options: MutationOptions | undefined,
  send: (init: OperationInit) => Promise<OperationResult<T>>,
): Promise<APIResponse<T>> {
  const signal = options?.signal;
  const headers: Record<string, string> = { ...options?.headers };
  if (options?.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  const init: OperationInit = { client, throwOnError: false, headers };
  if (signal !== undefined) init.signal = signal;

  const result = await send(init);
  const { error, request, response } = result;
  // The generated client sets `error` on every failure (an empty error body becomes `{}`), never on success.
  if (error === undefined && response !== undefined) return { data: result.data as T, response };

  const target = describeTarget(request);
  if (signal?.aborted) {
    throw new APIUserAbortError(`${target} was aborted by the caller`, { cause: signal.reason });
  }
  if (response !== undefined && !response.ok) {
    throw APIError.fromResponse(response.status, error, response.headers);
  }
  if (error instanceof WopkitError) throw error;
  if (response !== undefined) {
    throw new WopkitError(
      `${target} answered ${response.status} with a body that could not be read: ${describeCause(error)}`,
      { cause: error },
    );
  }
  throw new WopkitError(`${target} could not be sent: ${describeCause(error)}`, { cause: error });
}

// Method and URL without the query string, which may carry values the caller would not want in logs.
function describeTarget(request: Request | undefined): string {
  if (request === undefined) return 'request';
  const queryStart = request.url.search(/[?#]/);
  return `${request.method} ${queryStart === -1 ? request.url : request.url.slice(0, queryStart)}`;
}

function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
