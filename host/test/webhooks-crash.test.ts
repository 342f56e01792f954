/**
 * Webhook deliveries survive SIGKILL: runs commit their events (and, in the same transaction, their outbox rows)
 * while the receiver is down; the host is killed, restarted, killed again while deliveries flow, and restarted.
 * Every subscribed event reaches the receiver with a valid signature — on SQLite and on PostgreSQL.
 */
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { kill, useChildHosts, type ChildHost } from './support/child-hosts.js';
import { CRASH_TEST_KEY } from './support/crash-workflows.js';
import { createEmptyTestDatabase, DIALECTS } from './support/databases.js';
import { useWebhookReceiver } from './support/webhook-receiver.js';

const startHostProcess = useChildHosts();

function startHost(databaseUrl: string): Promise<ChildHost> {
  return startHostProcess({
    WOPKIT_DATABASE_URL: databaseUrl,
    WOPKIT_LEASE_MS: '1000',
    WOPKIT_POLL_MS: '50',
    WOPKIT_WEBHOOKS_ALLOW_LOOPBACK: '1',
    WOPKIT_WEBHOOK_RETRY_MS: '50',
    WOPKIT_WEBHOOK_LEASE_MS: '1000',
  });
}

async function api<T>(url: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${CRASH_TEST_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe.each(DIALECTS)('webhook delivery across crashes on %s', (dialect) => {
  const receiver = useWebhookReceiver();

  it('delivers every event committed before or between kills', { timeout: 90_000 }, async () => {
    const database = await createEmptyTestDatabase(dialect);
    let { url, child } = await startHost(database.url);
    const registered = await api<{ webhookId: string; secret: string }>(url, '/v1/webhooks', {
      url: receiver().url,
      events: ['run.started', 'run.completed'],
    });
    expect(registered.status).toBe(201);
    const { webhookId, secret } = registered.body;

    // The receiver is down while the runs commit their events.
    receiver().respond = () => 503;
    const runIds: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const created = await api<{ runId: string }>(url, '/v1/runs', { workflowId: 'conformance-noop' });
        expect(created.status).toBe(201);
        runIds.push(created.body.runId);
      }),
    );
    await Promise.all(
      runIds.map(async (runId) => {
        for (let waited = 0; waited < 15_000; waited += 50) {
          if ((await api<{ status: string }>(url, `/v1/runs/${runId}`)).body.status === 'completed') return;
          await sleep(50);
        }
        throw new Error(`run ${runId} did not complete`);
      }),
    );
    await receiver().waitFor((r) => r.requests.length > 0, 5_000, 'a first failing attempt');
    await kill(child);

    // Back up, slowly: the host is killed again while deliveries are flowing.
    receiver().respond = () => 204;
    ({ url, child } = await startHost(database.url));
    await receiver().waitFor((r) => r.accepted().length >= 5, 15_000, 'some deliveries after the restart');
    await kill(child);
    ({ url, child } = await startHost(database.url));

    const expected = runIds.length * 2;
    const deliveredIds = () =>
      new Set(
        receiver()
          .accepted()
          .map((request) => request.headers['x-wopkit-delivery-id']),
      );
    await receiver().waitFor(() => deliveredIds().size >= expected, 30_000, 'every delivery');

    const accepted = receiver().accepted();
    const delivered = new Map<string, string>();
    for (const request of accepted) {
      const timestamp = request.headers['x-openwop-timestamp'] as string;
      const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(request.rawBody).digest('hex')}`;
      expect(request.headers['x-openwop-signature']).toBe(signature);
      expect(request.headers['x-openwop-webhook-id']).toBe(webhookId);
      delivered.set(`${request.body.runId}/${request.body.type}`, request.headers['x-wopkit-delivery-id'] as string);
    }
    for (const runId of runIds) {
      expect(delivered.has(`${runId}/run.started`), `run.started of ${runId}`).toBe(true);
      expect(delivered.has(`${runId}/run.completed`), `run.completed of ${runId}`).toBe(true);
    }
    // At least once: only an attempt in flight at a kill may have reached the receiver twice.
    expect(accepted.length - deliveredIds().size).toBeLessThanOrEqual(1);
    const pending = await api<{ items: unknown[] }>(url, `/v1/webhooks/${webhookId}/deliveries?status=pending`);
    expect(pending.body.items).toEqual([]);
    await kill(child);
    await database.drop();
  });

  it('lets two processes share the outbox without sending a delivery twice', { timeout: 60_000 }, async () => {
    const database = await createEmptyTestDatabase(dialect);
    const first = await startHost(database.url);
    const second = await startHost(database.url);
    receiver().requests.length = 0;
    receiver().respond = () => 204;
    const registered = await api<{ webhookId: string }>(first.url, '/v1/webhooks', {
      url: receiver().url,
      events: ['run.started', 'run.completed'],
    });
    expect(registered.status).toBe(201);
    const runIds = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        const url = index % 2 === 0 ? first.url : second.url;
        const created = await api<{ runId: string }>(url, '/v1/runs', { workflowId: 'conformance-noop' });
        expect(created.status).toBe(201);
        return created.body.runId;
      }),
    );
    await receiver().waitFor((r) => r.accepted().length >= runIds.length * 2, 30_000, 'every delivery');
    await sleep(500);
    const ids = receiver()
      .accepted()
      .map((request) => request.headers['x-wopkit-delivery-id']);
    expect(ids).toHaveLength(runIds.length * 2);
    expect(new Set(ids).size).toBe(ids.length);
    await kill(first.child);
    await kill(second.child);
    await database.drop();
  });
});
