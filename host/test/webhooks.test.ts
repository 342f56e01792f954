/**
 * Webhooks end to end on both databases: registration and its validation, signed durable delivery to a real
 * receiver through failures, retries, dead letters and redelivery, secret rotation and tenant isolation.
 */
import { createHmac } from 'node:crypto';
import { NotFoundError, verifyWebhook, WebhookSignatureError, WebhookTimestampError, Wopkit } from '@wopkit/sdk';
import { describe, expect, it } from 'vitest';
import type { RunEventDoc } from '../src/generated/types/types.gen.js';
import { DIALECTS } from './support/databases.js';
import { readLog, send, startRun, uniqueId, waitForTerminal } from './support/runs.js';
import { TEST_KEYS, expectProblemShape, useTestHost, type TestHost } from './support/test-host.js';
import { useWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from './support/webhook-receiver.js';

const FAST_WEBHOOKS = {
  allowLoopback: true,
  secretKey: 'test key sealing webhook secrets',
  pollIntervalMs: 20,
  retry: { initialDelayMs: 20, multiplier: 2, maxDelayMs: 100, maxAttempts: 4 },
  circuit: { failureThreshold: 50, openMs: 200 },
  timeoutMs: 2_000,
};

function sign(secret: string, timestamp: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

async function register(
  host: TestHost,
  body: Record<string, unknown>,
  key: string = TEST_KEYS.admin,
): Promise<{ webhookId: string; secret: string; secretFingerprint: string }> {
  const answer = await send<{ webhookId: string; secret: string; secretFingerprint: string }>(
    host,
    'POST',
    '/v1/webhooks',
    body,
    { key },
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

function ofRun(receiver: WebhookReceiver, runId: string, accepted = true): ReceivedRequest[] {
  return (accepted ? receiver.accepted() : receiver.requests).filter((request) => request.body?.runId === runId);
}

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  const host = useTestHost(dialect, { webhooks: FAST_WEBHOOKS });
  const receiver = useWebhookReceiver();

  describe('registerWebhook', () => {
    it('answers 201 with a 64-hex secret, its fingerprint and the algorithm', async () => {
      const created = await register(host(), { url: receiver().url, events: ['run.completed'] });
      expect(created).toMatchObject({
        webhookId: expect.stringMatching(/^wh_/),
        secret: expect.stringMatching(/^[0-9a-f]{64}$/),
        secretFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/),
        signatureAlgorithm: 'v1',
      });
      // Stored sealed, never in plain text.
      const row = await host()
        .host.database.db.selectFrom('webhooks')
        .select('secret')
        .where('webhook_id', '=', created.webhookId)
        .executeTakeFirstOrThrow();
      expect(row.secret).toMatch(/^enc1:/);
      expect(row.secret).not.toContain(created.secret);
      await send(host(), 'DELETE', `/v1/webhooks/${created.webhookId}`);
    });

    it.each([
      ['a caller-chosen secret', { secret: 'a'.repeat(64) }],
      ['an empty event list', { events: [] }],
      ['a URL that is not one', { url: 'not a url' }],
      ['no URL', { url: undefined }],
    ])('refuses %s with 400 validation_error', async (_name, change) => {
      const answer = await send(host(), 'POST', '/v1/webhooks', {
        url: receiver().url,
        events: ['run.completed'],
        ...change,
      });
      expect(answer.status).toBe(400);
      expectProblemShape(answer.body);
      expect(answer.body.error).toBe('validation_error');
    });

    it('refuses to register in a workspace the key is not bound to', async () => {
      const answer = await send(host(), 'POST', '/v1/webhooks', {
        url: receiver().url,
        events: ['run.completed'],
        tenantId: 'globex',
      });
      expect(answer.status).toBe(403);
    });
  });

  describe('unregisterWebhook', () => {
    it('answers 404 subscription_not_found for an unknown id', async () => {
      const answer = await send(host(), 'DELETE', '/v1/webhooks/wh-does-not-exist');
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ error: 'subscription_not_found' });
    });

    it("keeps each tenant's subscriptions invisible to the others", async () => {
      const created = await register(host(), { url: receiver().url, events: ['run.completed'] });
      const path = `/v1/webhooks/${created.webhookId}`;
      expect((await send(host(), 'DELETE', path, undefined, { key: TEST_KEYS.otherTenant })).status).toBe(404);
      expect((await send(host(), 'DELETE', `${path}?tenantId=globex`)).status).toBe(403);
      const listed = await send<{ items: Array<{ webhookId: string }> }>(host(), 'GET', '/v1/webhooks', undefined, {
        key: TEST_KEYS.otherTenant,
      });
      expect(listed.body.items.map((item) => item.webhookId)).not.toContain(created.webhookId);
      const rotated = await send(host(), 'POST', `${path}/rotate-secret`, {}, { key: TEST_KEYS.otherTenant });
      expect(rotated.status).toBe(404);
      const deliveries = await send(host(), 'GET', `${path}/deliveries`, undefined, { key: TEST_KEYS.otherTenant });
      expect(deliveries.status).toBe(404);
      expect((await send(host(), 'DELETE', path)).status).toBe(204);
    });
  });

  describe('delivery', () => {
    it('delivers every subscribed event once, signed, through failing attempts, in order', async () => {
      const tag = uniqueId('deliver');
      const { webhookId, secret } = await register(host(), {
        url: receiver().url,
        events: ['run.started', 'node.completed', 'run.completed'],
        tags: [tag],
      });
      // Each delivery fails twice (a 500, then a redirect, which is not followed) before it is accepted.
      receiver().respond = ({ attempt }) => (attempt === 1 ? 500 : attempt === 2 ? 302 : 204);
      try {
        const runId = await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] });
        await waitForTerminal(host(), runId);
        const log = await readLog(host(), runId);
        const wanted = log.filter((event) => ['run.started', 'node.completed', 'run.completed'].includes(event.type));
        await receiver().waitFor((r) => ofRun(r, runId).length >= wanted.length, 10_000);

        const accepted = ofRun(receiver(), runId);
        expect(accepted.map((request) => request.body.event.sequence)).toEqual(wanted.map((event) => event.sequence));
        const deliveryIds = accepted.map((request) => request.headers['x-wopkit-delivery-id']);
        expect(new Set(deliveryIds).size).toBe(accepted.length);
        for (const [index, request] of accepted.entries()) {
          const event = wanted[index] as RunEventDoc;
          const timestamp = request.headers['x-openwop-timestamp'] as string;
          expect(timestamp).toMatch(/^\d+$/);
          expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
          expect(request.headers['x-openwop-signature']).toBe(sign(secret, timestamp, request.rawBody));
          expect(request.headers['x-openwop-signature-algorithm']).toBe('v1');
          expect(request.headers['x-openwop-webhook-id']).toBe(webhookId);
          expect(request.headers['x-openwop-event-type']).toBe(event.type);
          expect(request.headers['x-wopkit-delivery-attempt']).toBe('3');
          expect(request.headers['content-type']).toBe('application/json');
          expect(request.headers['user-agent']).toMatch(/^openwop-webhook-dispatcher\//);
          for (const name of ['webhook-id', 'event-type', 'timestamp', 'signature', 'signature-algorithm']) {
            expect(request.headers[`openwop-${name}`]).toBe(request.headers[`x-openwop-${name}`]);
          }
          expect(request.body).toEqual({ runId, workspaceId: 'acme', type: event.type, event });
        }
        // Failed attempts carried the same delivery id as the one that succeeded.
        const all = ofRun(receiver(), runId, false);
        expect(all).toHaveLength(wanted.length * 3);
        expect(new Set(all.map((request) => request.headers['x-wopkit-delivery-id']))).toEqual(new Set(deliveryIds));

        const listed = await send<{ items: Array<{ status: string; attempts: number }> }>(
          host(),
          'GET',
          `/v1/webhooks/${webhookId}/deliveries?status=delivered`,
        );
        expect(listed.body.items).toHaveLength(wanted.length);
        expect(listed.body.items.every((item) => item.attempts === 3)).toBe(true);
      } finally {
        receiver().respond = () => 204;
        await send(host(), 'DELETE', `/v1/webhooks/${webhookId}`);
      }
    });

    it("never delivers another tenant's runs, nor events outside the type and tag filters", async () => {
      const tag = uniqueId('isolation');
      const mine = await register(host(), { url: receiver().url, events: ['run.completed'], tags: [tag] });
      const theirs = await register(
        host(),
        { url: receiver().url, events: ['run.completed', 'run.started'], tags: [tag] },
        TEST_KEYS.otherTenant,
      );
      const untagged = await register(host(), { url: receiver().url, events: ['run.completed'], tags: ['other'] });
      try {
        const runId = await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] });
        await waitForTerminal(host(), runId);
        await receiver().waitFor((r) => ofRun(r, runId).length >= 1);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const got = ofRun(receiver(), runId);
        expect(got.map((request) => [request.headers['x-openwop-webhook-id'], request.body.type])).toEqual([
          [mine.webhookId, 'run.completed'],
        ]);
        expect(theirs.webhookId).not.toBe(untagged.webhookId);
      } finally {
        await send(host(), 'DELETE', `/v1/webhooks/${mine.webhookId}`);
        await send(host(), 'DELETE', `/v1/webhooks/${theirs.webhookId}`, undefined, { key: TEST_KEYS.otherTenant });
        await send(host(), 'DELETE', `/v1/webhooks/${untagged.webhookId}`);
      }
    });

    it('dead-letters a delivery after the retry budget, then redelivers it on request with the same id', async () => {
      const tag = uniqueId('dead');
      const { webhookId, secret } = await register(host(), {
        url: receiver().url,
        events: ['run.completed'],
        tags: [tag],
      });
      receiver().respond = () => 503;
      try {
        const runId = await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] });
        await waitForTerminal(host(), runId);
        const deadPath = `/v1/webhooks/${webhookId}/deliveries?status=dead`;
        type Deliveries = { items: Array<Record<string, unknown>>; nextCursor: string | null };
        let dead = await send<Deliveries>(host(), 'GET', deadPath);
        for (let waited = 0; dead.body.items.length === 0 && waited < 10_000; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          dead = await send<Deliveries>(host(), 'GET', deadPath);
        }
        expect(dead.body.items).toHaveLength(1);
        const letter = dead.body.items[0]!;
        expect(letter).toMatchObject({
          webhookId,
          runId,
          eventType: 'run.completed',
          status: 'dead',
          attempts: FAST_WEBHOOKS.retry.maxAttempts,
          lastStatusCode: 503,
          lastError: 'receiver answered 503',
        });
        expect(ofRun(receiver(), runId, false)).toHaveLength(FAST_WEBHOOKS.retry.maxAttempts);

        receiver().respond = () => 200;
        const deliveryId = letter.deliveryId as string;
        const queued = await send(
          host(),
          'POST',
          `/v1/webhooks/${webhookId}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
        );
        expect(queued.status).toBe(202);
        expect(queued.body).toMatchObject({ deliveryId, status: 'pending', attempts: 0 });
        await receiver().waitFor((r) => ofRun(r, runId).length === 1);
        const [accepted] = ofRun(receiver(), runId);
        expect(accepted!.headers['x-wopkit-delivery-id']).toBe(deliveryId);
        const timestamp = accepted!.headers['x-openwop-timestamp'] as string;
        expect(accepted!.headers['x-openwop-signature']).toBe(sign(secret, timestamp, accepted!.rawBody));
        const delivered = await send<Deliveries>(host(), 'GET', `/v1/webhooks/${webhookId}/deliveries`);
        expect(delivered.body.items).toEqual([
          expect.objectContaining({ deliveryId, status: 'delivered', attempts: 1 }),
        ]);

        const unknown = await send(host(), 'POST', `/v1/webhooks/${webhookId}/deliveries/nope/redeliver`);
        expect(unknown.status).toBe(404);
      } finally {
        receiver().respond = () => 204;
        await send(host(), 'DELETE', `/v1/webhooks/${webhookId}`);
      }
    });

    it('signs with the new secret after a rotation and with the previous one too during the overlap', async () => {
      const tag = uniqueId('rotate');
      const first = await register(host(), { url: receiver().url, events: ['run.completed'], tags: [tag] });
      try {
        const rotated = await send<{ secret: string; secretFingerprint: string; previousSecretExpiresAt: string }>(
          host(),
          'POST',
          `/v1/webhooks/${first.webhookId}/rotate-secret`,
          { overlapSeconds: 60 },
        );
        expect(rotated.status).toBe(200);
        expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
        expect(rotated.body.secret).not.toBe(first.secret);
        expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(50_000);
        const listed = await send<{ items: Array<Record<string, unknown>> }>(host(), 'GET', '/v1/webhooks');
        const item = listed.body.items.find((entry) => entry.webhookId === first.webhookId);
        expect(item).toMatchObject({
          secretFingerprint: rotated.body.secretFingerprint,
          previousSecretExpiresAt: rotated.body.previousSecretExpiresAt,
          state: 'active',
          tags: [tag],
        });
        expect(JSON.stringify(listed.body)).not.toContain(rotated.body.secret);

        const runId = await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] });
        await receiver().waitFor((r) => ofRun(r, runId).length === 1);
        const [request] = ofRun(receiver(), runId);
        const timestamp = request!.headers['x-openwop-timestamp'] as string;
        expect(request!.headers['x-openwop-signature']).toBe(sign(rotated.body.secret, timestamp, request!.rawBody));
        expect(request!.headers['x-wopkit-signature-previous']).toBe(sign(first.secret, timestamp, request!.rawBody));
      } finally {
        await send(host(), 'DELETE', `/v1/webhooks/${first.webhookId}`);
      }
    });
  });

  describe('through the SDK', () => {
    it('manages subscriptions and verifies real deliveries with verifyWebhook', async () => {
      const wopkit = new Wopkit({ baseUrl: host().url, apiKey: TEST_KEYS.admin, maxRetries: 0 });
      const tag = uniqueId('sdk');
      const created = await wopkit.webhooks.register({ url: receiver().url, events: ['run.completed'], tags: [tag] });
      const listed = [];
      for await (const webhook of wopkit.webhooks.list({ limit: 1 })) listed.push(webhook.webhookId);
      expect(listed).toContain(created.webhookId);

      const runId = await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] });
      await receiver().waitFor((r) => ofRun(r, runId).length === 1);
      const [request] = ofRun(receiver(), runId);
      const verified = await verifyWebhook({
        rawBody: request!.rawBody,
        headers: request!.headers,
        secret: created.secret,
      });
      const log = await readLog(host(), runId);
      expect(verified.event).toEqual(log.find((event) => event.type === 'run.completed'));
      expect(verified.webhookId).toBe(created.webhookId);
      const [delivery] = (await wopkit.webhooks.listDeliveries(created.webhookId, { status: 'delivered' })).items;
      expect(verified.deliveryId).toBe(delivery!.deliveryId);

      const tampered = Buffer.from(request!.rawBody.toString('utf8').replace('"acme"', '"globex"'));
      await expect(
        verifyWebhook({ rawBody: tampered, headers: request!.headers, secret: created.secret }),
      ).rejects.toBeInstanceOf(WebhookSignatureError);
      await expect(
        verifyWebhook({ rawBody: request!.rawBody, headers: request!.headers, secret: 'f'.repeat(64) }),
      ).rejects.toBeInstanceOf(WebhookSignatureError);
      await expect(
        verifyWebhook({
          rawBody: request!.rawBody,
          headers: request!.headers,
          secret: created.secret,
          now: Date.now() + 10 * 60 * 1000,
        }),
      ).rejects.toBeInstanceOf(WebhookTimestampError);

      const rotated = await wopkit.webhooks.rotateSecret(created.webhookId, { overlapSeconds: 0 });
      expect(rotated.secret).not.toBe(created.secret);
      await wopkit.webhooks.delete(created.webhookId);
      await expect(wopkit.webhooks.delete(created.webhookId)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
