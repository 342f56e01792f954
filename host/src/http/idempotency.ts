/**
 * Layer-1 idempotency (`Idempotency-Key`): a retried mutation with the same key and request gets the first answer
 * back (with `openwop-Idempotent-Replay: true`); the same key with a different request is `409
 * idempotency_key_mismatch`; a duplicate arriving while the first is still running waits for it, then gets
 * `409 idempotency_in_flight`.
 */
import { canonicalDigest } from '../engine/canonical-json.js';
import type { IdempotencyStore } from '../engine/ports.js';
import { ProblemError, toProblemError } from './problem.js';

/** How long keys are kept (advertised as `idempotency.layer1RetentionSeconds`). */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;

/** The response header marking a replayed answer. */
export const IDEMPOTENT_REPLAY_HEADER = 'openwop-Idempotent-Replay';

const IN_FLIGHT_WAIT_MS = 5_000;
const IN_FLIGHT_POLL_MS = 25;

/** An answer a handler produced. */
export interface CachedAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Statuses never stored: not real retries (400, 401, 403) or retryable outcomes (429, 5xx). */
function isCacheable(status: number): boolean {
  return status < 500 && ![400, 401, 403, 429].includes(status);
}

/**
 * Runs `execute` at most once per (tenant, operation, key) within the retention window and returns its answer,
 * or the stored answer of the first execution.
 */
export async function withIdempotency(
  store: IdempotencyStore,
  scope: { tenantId: string; operation: string; key: string; request: unknown; nowMs: () => number },
  execute: () => Promise<CachedAnswer>,
): Promise<CachedAnswer> {
  const requestDigest = canonicalDigest(scope.request);
  const started = scope.nowMs();
  for (;;) {
    const now = scope.nowMs();
    const begun = await store.begin({
      tenantId: scope.tenantId,
      operation: scope.operation,
      key: scope.key,
      requestDigest,
      createdAt: now,
      expiresAt: now + IDEMPOTENCY_RETENTION_SECONDS * 1000,
    });
    if (begun.inserted) break;
    const existing = begun.existing;
    if (existing.requestDigest !== requestDigest) {
      throw new ProblemError(
        409,
        'idempotency_key_mismatch',
        'this Idempotency-Key was already used with a different request',
        {
          idempotencyKey: scope.key,
        },
      );
    }
    if (existing.state === 'done' && existing.response) {
      return {
        status: existing.response.status,
        body: existing.response.body,
        headers: { ...existing.response.headers, [IDEMPOTENT_REPLAY_HEADER]: 'true' },
      };
    }
    if (now - started >= IN_FLIGHT_WAIT_MS) {
      throw new ProblemError(
        409,
        'idempotency_in_flight',
        'a request with this Idempotency-Key is still being processed',
        { retryAfter: 1 },
        { 'retry-after': '1' },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS));
  }

  let answer: CachedAnswer;
  try {
    answer = await execute();
  } catch (error) {
    // Final refusals (404, 409, 422 …) are answers too: a retry with the same key gets the same one.
    const { problem, unexpected } = toProblemError(error, '');
    if (!unexpected && isCacheable(problem.status)) {
      await store.complete(scope.tenantId, scope.operation, scope.key, {
        status: problem.status,
        headers: problem.headers,
        body: problem.toProblem(),
      });
    } else {
      await store.abandon(scope.tenantId, scope.operation, scope.key);
    }
    throw error;
  }
  if (isCacheable(answer.status)) {
    await store.complete(scope.tenantId, scope.operation, scope.key, {
      status: answer.status,
      headers: answer.headers ?? {},
      body: answer.body,
    });
  } else {
    await store.abandon(scope.tenantId, scope.operation, scope.key);
  }
  return answer;
}
