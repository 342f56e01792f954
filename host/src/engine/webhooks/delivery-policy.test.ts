import { describe, expect, it } from 'vitest';
import type { WebhookHealth } from '../ports.js';
import { decideAttempt, DEFAULT_WEBHOOK_CIRCUIT, DEFAULT_WEBHOOK_RETRY, retryDelayMs } from './delivery-policy.js';

const healthy: WebhookHealth = {
  state: 'active',
  nextAttemptAt: null,
  consecutiveFailures: 0,
  circuitOpenUntil: null,
  windowFailures: 0,
  windowStartedAt: null,
};
const failure = { ok: false as const, status: 500, error: 'receiver answered 500' };
const HOUR = 60 * 60 * 1000;

describe('retryDelayMs', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [5, 80_000],
    [10, 2_560_000],
    [11, HOUR],
    [15, HOUR],
  ])('waits the capped exponential delay after failure %i', (attempts, delay) => {
    expect(retryDelayMs(DEFAULT_WEBHOOK_RETRY, attempts)).toBe(delay);
  });

  it('keeps retrying for hours by default before a dead letter', () => {
    let total = 0;
    for (let attempts = 1; attempts < DEFAULT_WEBHOOK_RETRY.maxAttempts; attempts += 1) {
      total += retryDelayMs(DEFAULT_WEBHOOK_RETRY, attempts);
    }
    expect(total).toBeGreaterThan(6 * HOUR);
  });
});

describe('decideAttempt', () => {
  const decide = (health: WebhookHealth, attempts: number, outcome = failure as Parameters<typeof decideAttempt>[2]) =>
    decideAttempt(health, { attempts }, outcome, 1_000_000, DEFAULT_WEBHOOK_RETRY, DEFAULT_WEBHOOK_CIRCUIT);

  it('schedules a retry and holds the queue until then', () => {
    const decision = decide(healthy, 0);
    expect(decision.delivery).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: 1_005_000 });
    expect(decision.subscription).toMatchObject({ nextAttemptAt: 1_005_000, consecutiveFailures: 1 });
  });

  it('dead-letters the delivery on the last attempt and releases the queue', () => {
    const decision = decide(healthy, DEFAULT_WEBHOOK_RETRY.maxAttempts - 1);
    expect(decision.delivery.status).toBe('dead');
    expect(decision.subscription.nextAttemptAt).toBeNull();
  });

  it('opens the circuit for an hour on the fourth consecutive failure', () => {
    expect(decide({ ...healthy, consecutiveFailures: 2 }, 2).subscription.circuitOpenUntil).toBeNull();
    expect(decide({ ...healthy, consecutiveFailures: 3 }, 3).subscription.circuitOpenUntil).toBe(1_000_000 + HOUR);
  });

  it('re-opens the circuit when the half-open probe fails, and closes it when a probe succeeds', () => {
    const open = { ...healthy, consecutiveFailures: 4, circuitOpenUntil: 999_999 };
    expect(decide(open, 4).subscription.circuitOpenUntil).toBe(1_000_000 + HOUR);
    const closed = decide(open, 4, { ok: true, status: 204 });
    expect(closed.subscription).toMatchObject({ circuitOpenUntil: null, consecutiveFailures: 0, nextAttemptAt: null });
    expect(closed.delivery).toMatchObject({ status: 'delivered', deliveredAt: 1_000_000, lastStatusCode: 204 });
  });

  it('fails the subscription on the 100th failure within 7 days, and starts a new window after them', () => {
    const worn = { ...healthy, windowFailures: 99, windowStartedAt: 1_000_000 - 6 * 24 * HOUR };
    const failed = decide(worn, 0);
    expect(failed.isSubscriptionFailed).toBe(true);
    expect(failed.subscription.state).toBe('failed');
    expect(failed.delivery.status).toBe('dead');
    const stale = decide({ ...worn, windowStartedAt: 1_000_000 - 8 * 24 * HOUR }, 0);
    expect(stale.isSubscriptionFailed).toBe(false);
    expect(stale.subscription).toMatchObject({ windowFailures: 1, windowStartedAt: 1_000_000 });
  });
});
