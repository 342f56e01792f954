// The `webhooks` tag: signed webhook subscriptions.

import type { APIPromise } from '../api-promise.js';
import { PagePromise } from '../cursor-page.js';
import type { Client } from '../generated/client/index.gen.js';
import {
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhookDelivery,
  registerWebhook,
  rotateWebhookSecret,
  unregisterWebhook,
} from '../generated/sdk.gen.js';
import type {
  ListWebhookDeliveriesData,
  ListWebhooksData,
  RegisteredWebhook,
  RegisterWebhookParams,
  RotatedWebhookSecret,
  RotateWebhookSecretParams,
  UnregisterWebhookData,
  WebhookDeliveryRecord,
  WebhookSubscription,
} from '../generated/types.gen.js';
import { callOperation, type MutationOptions, type RequestOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';

/** Query of `webhooks.unregister` (`unregisterWebhook`). */
export type UnregisterWebhookParams = NonNullable<UnregisterWebhookData['query']>;

/** Paging of `webhooks.list` (`listWebhooks`). */
export type ListWebhooksParams = NonNullable<ListWebhooksData['query']>;

/** Filter and paging of `webhooks.listDeliveries` (`listWebhookDeliveries`). */
export type ListWebhookDeliveriesParams = NonNullable<ListWebhookDeliveriesData['query']>;

/**
 * Operations tagged `webhooks`; reach them as `wopkit.webhooks`.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const webhook = await wopkit.webhooks.register({
 *   url: 'https://hooks.example.com/openwop',
 *   events: ['run.completed', 'run.failed'],
 * });
 * console.log(webhook.webhookId, webhook.secretFingerprint); // store webhook.secret: it is shown only once
 * for await (const letter of wopkit.webhooks.listDeliveries(webhook.webhookId, { status: 'dead' })) {
 *   await wopkit.webhooks.redeliver(webhook.webhookId, letter.deliveryId);
 * }
 * await wopkit.webhooks.unregister(webhook.webhookId);
 * ```
 */
export class Webhooks {
  readonly #client: Client;

  /** @internal Created by `Wopkit`. */
  constructor(client: Client) {
    this.#client = client;
  }

  /** Register a webhook subscription. (`registerWebhook`) */
  register(body: RegisterWebhookParams, options?: MutationOptions): APIPromise<RegisteredWebhook> {
    return callOperation(this.#client, options, (init) => registerWebhook({ ...init, body }));
  }

  /** Remove a webhook subscription. (`unregisterWebhook`) Resolves with nothing: the host answers `204`. */
  unregister(webhookId: string, query?: UnregisterWebhookParams, options?: MutationOptions): APIPromise<void> {
    return callOperation(this.#client, options, async (init) => {
      const result = await unregisterWebhook({
        ...init,
        path: pathParams({ webhookId }),
        ...(query === undefined ? {} : { query }),
      });
      return { ...result, data: undefined };
    });
  }

  /** Remove a webhook subscription: the same call as {@link Webhooks.unregister}. (`unregisterWebhook`) */
  delete(webhookId: string, query?: UnregisterWebhookParams, options?: MutationOptions): APIPromise<void> {
    return this.unregister(webhookId, query, options);
  }

  /**
   * List the caller's webhook subscriptions (wopkit extension). (`listWebhooks`)
   * Await it for the first page, or iterate it with `for await` for every subscription across pages.
   */
  list(params: ListWebhooksParams = {}, options?: RequestOptions): PagePromise<WebhookSubscription> {
    const fetchPage = (query: ListWebhooksParams): PagePromise<WebhookSubscription> =>
      new PagePromise(
        callOperation(this.#client, options, (init) => listWebhooks({ ...init, query })).withResponse(),
        (cursor) => fetchPage({ ...query, cursor }),
      );
    return fetchPage(params);
  }

  /**
   * Rotate a webhook's signing secret (wopkit extension). (`rotateWebhookSecret`)
   * The new secret is shown only here; the previous one keeps signing (as `X-Wopkit-Signature-Previous`) until
   * `previousSecretExpiresAt`.
   */
  rotateSecret(
    webhookId: string,
    body: RotateWebhookSecretParams = {},
    options?: MutationOptions,
  ): APIPromise<RotatedWebhookSecret> {
    return callOperation(this.#client, options, (init) =>
      rotateWebhookSecret({ ...init, path: pathParams({ webhookId }), body }),
    );
  }

  /**
   * List a webhook's deliveries, e.g. its dead letters (wopkit extension). (`listWebhookDeliveries`)
   * Await it for the first page, or iterate it with `for await` for every delivery across pages.
   */
  listDeliveries(
    webhookId: string,
    params: ListWebhookDeliveriesParams = {},
    options?: RequestOptions,
  ): PagePromise<WebhookDeliveryRecord> {
    const fetchPage = (query: ListWebhookDeliveriesParams): PagePromise<WebhookDeliveryRecord> =>
      new PagePromise(
        callOperation(this.#client, options, (init) =>
          listWebhookDeliveries({ ...init, path: pathParams({ webhookId }), query }),
        ).withResponse(),
        (cursor) => fetchPage({ ...query, cursor }),
      );
    return fetchPage(params);
  }

  /** Queue a delivery again (wopkit extension). (`redeliverWebhookDelivery`) It keeps its delivery id. */
  redeliver(webhookId: string, deliveryId: string, options?: MutationOptions): APIPromise<WebhookDeliveryRecord> {
    return callOperation(this.#client, options, (init) =>
      redeliverWebhookDelivery({ ...init, path: pathParams({ webhookId, deliveryId }) }),
    );
  }
}
