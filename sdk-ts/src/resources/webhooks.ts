// The `webhooks` tag: signed webhook subscriptions.

import type { APIPromise } from '../api-promise.js';
import type { Client } from '../generated/client/index.gen.js';
import { registerWebhook, unregisterWebhook } from '../generated/sdk.gen.js';
import type { RegisteredWebhook, RegisterWebhookParams, UnregisterWebhookData } from '../generated/types.gen.js';
import { callOperation, type MutationOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';

/** Query of `webhooks.unregister` (`unregisterWebhook`). */
export type UnregisterWebhookParams = NonNullable<UnregisterWebhookData['query']>;

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
}
