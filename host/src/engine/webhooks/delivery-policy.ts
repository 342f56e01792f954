/** Retry schedule and circuit breaker of webhook deliveries: pure decisions over a subscription's health. */
import type { StoredWebhookDelivery, WebhookHealth } from '../ports.js';

/** Capped exponential backoff between attempts of one delivery. */
export interface WebhookRetryOptions {
  /** Wait after the first failed attempt (ms). Default 5 000. */
  initialDelayMs: number;
  /** Growth of the wait per further failure. Default 2. */
  multiplier: number;
  /** Longest wait (ms). Default 3 600 000 (1 h). */
  maxDelayMs: number;
  /** Attempts before the delivery becomes a dead letter. Default 16 (about 6.5 h of backoff alone). */
  maxAttempts: number;
}

/** The per-subscription circuit breaker of the spec (webhooks §7); counters are stored, so restarts keep them. */
export interface WebhookCircuitOptions {
  /** Consecutive failures that open the circuit. Default 4. */
  failureThreshold: number;
  /** How long an open circuit holds deliveries back before a half-open probe (ms). Default 3 600 000 (1 h). */
  openMs: number;
  /** Failures within `failureWindowMs` that mark the subscription `failed`. Default 100. */
  maxWindowFailures: number;
  /** The failure window (ms). Default 7 days. */
  failureWindowMs: number;
}

/** Defaults: retries for hours, then a dead letter; the spec's breaker numbers. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryOptions = {
  initialDelayMs: 5_000,
  multiplier: 2,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 16,
};

/** The spec's breaker: 4 failures open it for 1 hour; 100 failures in 7 days fail the subscription. */
export const DEFAULT_WEBHOOK_CIRCUIT: WebhookCircuitOptions = {
  failureThreshold: 4,
  openMs: 60 * 60 * 1000,
  maxWindowFailures: 100,
  failureWindowMs: 7 * 24 * 60 * 60 * 1000,
};

/** The wait after the `attempts`-th failed attempt (1-based). */
export function retryDelayMs(retry: WebhookRetryOptions, attempts: number): number {
  const delay = retry.initialDelayMs * retry.multiplier ** Math.max(0, attempts - 1);
  return Math.min(retry.maxDelayMs, Math.round(delay));
}

/** What an attempt's outcome does to a delivery and its subscription. */
export interface AttemptDecision {
  delivery: Pick<
    StoredWebhookDelivery,
    'status' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt'
  >;
  subscription: WebhookHealth;
  isSubscriptionFailed: boolean;
}

/**
 * Decides the new state after an attempt at `now`: success resets the breaker; failure schedules a retry (the
 * subscription's queue waits for it, keeping order) or dead-letters the delivery once `maxAttempts` are spent,
 * and counts towards opening the circuit and failing the subscription.
 */
export function decideAttempt(
  health: WebhookHealth,
  delivery: Pick<StoredWebhookDelivery, 'attempts'>,
  outcome: { ok: true; status: number } | { ok: false; status: number | null; error: string },
  now: number,
  retry: WebhookRetryOptions,
  circuit: WebhookCircuitOptions,
): AttemptDecision {
  const attempts = delivery.attempts + 1;
  if (outcome.ok) {
    return {
      delivery: {
        status: 'delivered',
        attempts,
        nextAttemptAt: now,
        lastAttemptAt: now,
        lastStatusCode: outcome.status,
        lastError: null,
        deliveredAt: now,
      },
      subscription: {
        ...health,
        state: 'active',
        nextAttemptAt: null,
        consecutiveFailures: 0,
        circuitOpenUntil: null,
      },
      isSubscriptionFailed: false,
    };
  }
  const isWindowOver = health.windowStartedAt === null || now - health.windowStartedAt >= circuit.failureWindowMs;
  const windowFailures = isWindowOver ? 1 : health.windowFailures + 1;
  const windowStartedAt = isWindowOver ? now : health.windowStartedAt;
  const consecutiveFailures = health.consecutiveFailures + 1;
  const isSubscriptionFailed = windowFailures >= circuit.maxWindowFailures;
  const isDead = attempts >= retry.maxAttempts || isSubscriptionFailed;
  const retryAt = now + retryDelayMs(retry, attempts);
  return {
    delivery: {
      status: isDead ? 'dead' : 'pending',
      attempts,
      nextAttemptAt: isDead ? now : retryAt,
      lastAttemptAt: now,
      lastStatusCode: outcome.status,
      lastError: outcome.error,
      deliveredAt: null,
    },
    subscription: {
      state: isSubscriptionFailed ? 'failed' : 'active',
      // A dead letter no longer holds the queue; a pending retry does.
      nextAttemptAt: isDead ? null : retryAt,
      consecutiveFailures,
      circuitOpenUntil: consecutiveFailures >= circuit.failureThreshold ? now + circuit.openMs : null,
      windowFailures,
      windowStartedAt,
    },
    isSubscriptionFailed,
  };
}
