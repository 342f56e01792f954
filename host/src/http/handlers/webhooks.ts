/** Handlers of the `webhooks` tag: subscriptions, secret rotation, deliveries and dead letters. */
import type { StoredWebhookDelivery } from '../../engine/ports.js';
import type { Caller } from '../../engine/run-service.js';
import type { WebhookView } from '../../engine/webhooks/webhook-service.js';
import type { HandlerMap } from '../../generated/routes.gen.js';
import type { WebhookDeliveryRecord, WebhookSubscription } from '../../generated/types/types.gen.js';
import { requirePrincipal, type HandlerContext } from '../handler-context.js';
import { ProblemError } from '../problem.js';

const DEFAULT_PAGE_SIZE = 20;

/** Webhook operations; all of them see only the caller's tenant. */
export const webhookHandlers: Pick<
  HandlerMap<HandlerContext>,
  | 'registerWebhook'
  | 'unregisterWebhook'
  | 'listWebhooks'
  | 'rotateWebhookSecret'
  | 'listWebhookDeliveries'
  | 'redeliverWebhookDelivery'
> = {
  async registerWebhook(input, context) {
    const body = input.body;
    const who = caller(context, body.tenantId);
    const { webhook, secret } = await context.services.webhooks.register(who, {
      url: body.url,
      events: body.events,
      ...(body.tags !== undefined ? { tags: body.tags } : {}),
    });
    return {
      status: 201,
      body: {
        webhookId: webhook.webhookId,
        secret,
        secretFingerprint: webhook.secretFingerprint,
        signatureAlgorithm: webhook.signatureAlgorithm,
      },
    };
  },
  async unregisterWebhook(input, context) {
    await context.services.webhooks.unregister(caller(context, input.query?.tenantId), input.path.webhookId);
    return { status: 204, body: undefined };
  },
  async listWebhooks(input, context) {
    const page = await context.services.webhooks.list(caller(context), {
      limit: input.query?.limit ?? DEFAULT_PAGE_SIZE,
      ...(input.query?.cursor !== undefined ? { cursor: input.query.cursor } : {}),
    });
    return { status: 200, body: { items: page.items.map(toSubscription), nextCursor: page.nextCursor } };
  },
  async rotateWebhookSecret(input, context) {
    const overlap = input.body?.overlapSeconds;
    const { webhook, secret } = await context.services.webhooks.rotateSecret(
      caller(context),
      input.path.webhookId,
      overlap,
    );
    return {
      status: 200,
      body: {
        webhookId: webhook.webhookId,
        secret,
        secretFingerprint: webhook.secretFingerprint,
        signatureAlgorithm: webhook.signatureAlgorithm,
        ...(webhook.previousSecretExpiresAt !== undefined
          ? { previousSecretExpiresAt: webhook.previousSecretExpiresAt }
          : {}),
      },
    };
  },
  async listWebhookDeliveries(input, context) {
    const query = input.query ?? {};
    const page = await context.services.webhooks.listDeliveries(caller(context), input.path.webhookId, {
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
    });
    return { status: 200, body: { items: page.items.map(toDeliveryRecord), nextCursor: page.nextCursor } };
  },
  async redeliverWebhookDelivery(input, context) {
    const delivery = await context.services.webhooks.redeliver(
      caller(context),
      input.path.webhookId,
      input.path.deliveryId,
    );
    return { status: 202, body: toDeliveryRecord(delivery) };
  },
};

/**
 * The caller, in the workspace it names (`tenantId`), which must be the one its API key is bound to: registering
 * in, or deleting from, another workspace is `403` (spec webhooks §2.1, §2.3).
 */
function caller(context: HandlerContext, tenantId?: string): Caller {
  const principal = requirePrincipal(context);
  if (tenantId !== undefined && tenantId !== principal.tenant) {
    throw new ProblemError(403, 'forbidden', `the API key is not a member of workspace "${tenantId}"`, { tenantId });
  }
  return { tenant: principal.tenant, isTest: principal.isTest, keyId: principal.keyId };
}

function toSubscription(webhook: WebhookView): WebhookSubscription {
  return { ...webhook };
}

function toDeliveryRecord(delivery: StoredWebhookDelivery): WebhookDeliveryRecord {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    deliveryId: delivery.deliveryId,
    webhookId: delivery.webhookId,
    runId: delivery.runId,
    sequence: delivery.sequence,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    ...(delivery.status === 'pending' ? { nextAttemptAt: iso(delivery.nextAttemptAt) } : {}),
    ...(delivery.lastAttemptAt !== null ? { lastAttemptAt: iso(delivery.lastAttemptAt) } : {}),
    ...(delivery.lastStatusCode !== null ? { lastStatusCode: delivery.lastStatusCode } : {}),
    ...(delivery.lastError !== null ? { lastError: delivery.lastError } : {}),
    ...(delivery.deliveredAt !== null ? { deliveredAt: iso(delivery.deliveredAt) } : {}),
    createdAt: delivery.createdAt,
  };
}
