import { describe, expect, it } from 'vitest';
import type { NewRun, NewWebhook, RunCommit, WebhookStore } from '../engine/ports.js';
import { DIALECTS, useTestDatabase } from '../../test/support/databases.js';
import { createRunStore } from './run-store.js';
import { createWebhookStore } from './webhook-store.js';

type EventInput = RunCommit['events'][number];

function newRun(runId: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    runId,
    tenantId: 't1',
    workflowId: 'invoice',
    workflowRevision: 1,
    status: 'pending',
    parentRunId: null,
    parentNodeId: null,
    inputs: {},
    options: { configurable: {}, tags: [], metadata: {} },
    tags: [],
    checkpoint: {},
    engineVersion: '1',
    isTest: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    wakeAt: null,
    ...overrides,
  };
}

function event(eventId: string, type: string): EventInput {
  return {
    eventId,
    type,
    payload: { eventId },
    timestamp: '2026-01-01T00:01:00.000Z',
    schemaVersion: 2,
    engineVersion: '1',
  };
}

function webhook(webhookId: string, overrides: Partial<NewWebhook> = {}): NewWebhook {
  return {
    webhookId,
    tenantId: 't1',
    url: 'https://hooks.example.com/',
    events: ['run.started', 'run.completed'],
    tags: [],
    secret: 's'.repeat(64),
    secretFingerprint: 'abcd0123',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** (webhook id, run id, sequence) of every pending delivery of `webhookIds`. */
async function queued(store: WebhookStore, ...webhookIds: string[]): Promise<string[]> {
  const rows: string[] = [];
  for (const webhookId of webhookIds) {
    for (const delivery of await store.nextPending(webhookId, 100)) {
      rows.push(`${webhookId} ${delivery.runId}#${delivery.sequence} ${delivery.event.type}`);
    }
  }
  return rows;
}

describe.each(DIALECTS)('webhook outbox on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const stores = () => ({
    runs: createRunStore(database().db, dialect),
    webhooks: createWebhookStore(database().db, dialect),
  });

  it('queues each appended event for the subscriptions whose tenant, type and tag filters match', async () => {
    const { runs, webhooks } = stores();
    await webhooks.create(webhook('wh_all'));
    await webhooks.create(webhook('wh_tagged', { tags: ['blue', 'green'] }));
    await webhooks.create(webhook('wh_other_tenant', { tenantId: 't2' }));
    await webhooks.create(webhook('wh_failures', { events: ['run.failed'] }));
    await runs.create(newRun('r1', { tags: ['green'] }), [event('e1', 'run.started'), event('e2', 'node.started')]);
    await runs.create(newRun('r2'), [event('e3', 'run.started')]);
    await runs.commit([
      { runId: 'r1', expectedNextSequence: 2, events: [event('e4', 'run.completed')], patch: { status: 'completed' } },
    ]);
    expect(await queued(webhooks, 'wh_all', 'wh_tagged', 'wh_other_tenant', 'wh_failures')).toEqual([
      'wh_all r1#0 run.started',
      'wh_all r2#0 run.started',
      'wh_all r1#2 run.completed',
      'wh_tagged r1#0 run.started',
      'wh_tagged r1#2 run.completed',
    ]);
    const [first] = await webhooks.nextPending('wh_all', 1);
    expect(first).toMatchObject({ deliveryId: 'wh_all.e1', status: 'pending', attempts: 0, tenantId: 't1' });
    expect(first!.event).toEqual((await runs.readEvents('r1', -1, 1))[0]);
  });

  it('writes nothing for a commit that did not apply, nothing of a replay fork, and no fixed history of a branch', async () => {
    const { runs, webhooks } = stores();
    await webhooks.create(webhook('wh_1'));
    await runs.create(newRun('r1'), [event('e1', 'run.started')]);
    expect(
      await runs.commit([{ runId: 'r1', expectedNextSequence: 0, events: [event('e2', 'run.completed')], patch: {} }]),
    ).toEqual([null]);
    const forkOf = (mode: 'replay' | 'branch', fromSeq: number) => ({
      options: { configurable: {}, tags: [], metadata: {}, fork: { sourceRunId: 'r1', fromSeq, mode } },
    });
    await runs.create(newRun('replay1', forkOf('replay', 0)), [event('f0', 'run.started')]);
    await runs.create(newRun('branch1', forkOf('branch', 1)), [event('g0', 'run.started')]);
    const later = (runId: string, eventId: string) =>
      runs.commit([{ runId, expectedNextSequence: 1, events: [event(eventId, 'run.completed')], patch: {} }]);
    await later('replay1', 'f1');
    await later('branch1', 'g1');
    expect(await queued(webhooks, 'wh_1')).toEqual(['wh_1 r1#0 run.started', 'wh_1 branch1#1 run.completed']);
  });

  it('claims a subscription for one owner at a time, only when a delivery is due and its circuit is closed', async () => {
    const { runs, webhooks } = stores();
    await webhooks.create(webhook('wh_1'));
    expect(await webhooks.claimDue('a', 1_000, 500, 10)).toEqual([]);
    await runs.create(newRun('r1'), [event('e1', 'run.started')]);
    expect((await webhooks.claimDue('a', 1_000, 500, 10)).map((w) => w.webhookId)).toEqual(['wh_1']);
    expect(await webhooks.claimDue('b', 1_200, 500, 10)).toEqual([]);
    const [delivery] = await webhooks.nextPending('wh_1', 1);
    const health = {
      state: 'active' as const,
      nextAttemptAt: 5_000,
      consecutiveFailures: 4,
      circuitOpenUntil: 9_000,
      windowFailures: 1,
      windowStartedAt: 1_000,
    };
    const failed = {
      webhookId: 'wh_1',
      deliveryId: delivery!.deliveryId,
      delivery: {
        status: 'pending' as const,
        attempts: 1,
        nextAttemptAt: 5_000,
        lastAttemptAt: 1_000,
        lastStatusCode: 500,
        lastError: 'receiver answered 500',
        deliveredAt: null,
      },
      subscription: health,
      isSubscriptionFailed: false,
    };
    expect(await webhooks.recordAttempt('b', failed)).toBe(false);
    expect(await webhooks.recordAttempt('a', failed)).toBe(true);
    await webhooks.releaseLease('a', 'wh_1');
    expect(await webhooks.claimDue('b', 6_000, 500, 10)).toEqual([]);
    expect((await webhooks.claimDue('b', 9_000, 500, 10)).map((w) => w.webhookId)).toEqual(['wh_1']);
    // A lapsed lease can be taken over; the old owner then loses it.
    expect((await webhooks.claimDue('c', 9_600, 500, 10)).map((w) => w.webhookId)).toEqual(['wh_1']);
    expect(await webhooks.renewLease('b', 'wh_1', 9_700, 500)).toBe(false);
    expect(await webhooks.recordAttempt('b', failed)).toBe(false);
  });

  it('fails the subscription with its queue, and a redelivery re-activates it', async () => {
    const { runs, webhooks } = stores();
    await webhooks.create(webhook('wh_1'));
    await runs.create(newRun('r1'), [event('e1', 'run.started'), event('e2', 'run.completed')]);
    await webhooks.claimDue('a', 1_000, 500, 10);
    expect(
      await webhooks.recordAttempt('a', {
        webhookId: 'wh_1',
        deliveryId: 'wh_1.e1',
        delivery: {
          status: 'dead',
          attempts: 1,
          nextAttemptAt: 1_000,
          lastAttemptAt: 1_000,
          lastStatusCode: null,
          lastError: 'refused',
          deliveredAt: null,
        },
        subscription: {
          state: 'failed',
          nextAttemptAt: null,
          consecutiveFailures: 100,
          circuitOpenUntil: 4_000,
          windowFailures: 100,
          windowStartedAt: 1,
        },
        isSubscriptionFailed: true,
      }),
    ).toBe(true);
    const dead = await webhooks.listDeliveries('t1', 'wh_1', { status: 'dead', limit: 10 });
    expect(dead.items.map((item) => item.deliveryId)).toEqual(['wh_1.e2', 'wh_1.e1']);
    await webhooks.releaseLease('a', 'wh_1');
    expect(await webhooks.claimDue('a', 5_000, 500, 10)).toEqual([]);
    // Another tenant cannot see or redeliver it.
    expect(await webhooks.redeliver('t2', 'wh_1', 'wh_1.e1', 5_000)).toBeUndefined();
    expect(await webhooks.listDeliveries('t2', 'wh_1', { limit: 10 })).toEqual({ items: [], nextCursor: null });
    expect(await webhooks.redeliver('t1', 'wh_1', 'wh_1.e1', 5_000)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await webhooks.get('t1', 'wh_1')).toMatchObject({ state: 'active', circuitOpenUntil: null });
    expect((await webhooks.claimDue('a', 5_000, 500, 10)).map((w) => w.webhookId)).toEqual(['wh_1']);
    const page = await webhooks.listDeliveries('t1', 'wh_1', { limit: 1 });
    expect(page.items).toHaveLength(1);
    expect((await webhooks.listDeliveries('t1', 'wh_1', { limit: 1, cursor: page.nextCursor! })).items).toHaveLength(1);
  });

  it('purges deliveries that ended before the retention cutoff, never pending ones', async () => {
    const { runs, webhooks } = stores();
    await webhooks.create(webhook('wh_1'));
    await runs.create(newRun('r1'), [event('e1', 'run.started'), event('e2', 'run.completed')]);
    await webhooks.claimDue('a', 1_000, 500, 10);
    const ended = {
      status: 'delivered' as const,
      attempts: 1,
      nextAttemptAt: 1_000,
      lastAttemptAt: 1_000,
      lastStatusCode: 204,
      lastError: null,
      deliveredAt: 1_000,
    };
    const health = {
      state: 'active' as const,
      nextAttemptAt: null,
      consecutiveFailures: 0,
      circuitOpenUntil: null,
      windowFailures: 0,
      windowStartedAt: null,
    };
    await webhooks.recordAttempt('a', {
      webhookId: 'wh_1',
      deliveryId: 'wh_1.e1',
      delivery: ended,
      subscription: health,
      isSubscriptionFailed: false,
    });
    expect(await webhooks.purgeEnded(1_000)).toBe(0);
    expect(await webhooks.purgeEnded(1_001)).toBe(1);
    expect((await webhooks.listDeliveries('t1', 'wh_1', { limit: 10 })).items.map((item) => item.deliveryId)).toEqual([
      'wh_1.e2',
    ]);
  });

  it('deletes a subscription with its filters and deliveries, in its own tenant only', async () => {
    const { runs, webhooks } = stores();
    await webhooks.create(webhook('wh_1', { tags: ['x'] }));
    await runs.create(newRun('r1', { tags: ['x'] }), [event('e1', 'run.started')]);
    expect(await webhooks.delete('t2', 'wh_1')).toBe(false);
    expect(await webhooks.delete('t1', 'wh_1')).toBe(true);
    expect(await webhooks.nextPending('wh_1', 10)).toEqual([]);
    await runs.create(newRun('r2', { tags: ['x'] }), [event('e2', 'run.started')]);
    expect(await webhooks.delete('t1', 'wh_1')).toBe(false);
  });
});
