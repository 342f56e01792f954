/** Webhook subscription operations, scoped to the caller's tenant: register, list, unregister, rotate, dead letters. */
import type { Clock } from '../clock.js';
import { WebhookNotFoundError } from '../errors.js';
import type { IdSource } from '../ids.js';
import type {
  Page,
  StoredWebhook,
  StoredWebhookDelivery,
  WebhookDeliveryStatus,
  WebhookStore,
  WebhookTransport,
} from '../ports.js';
import type { Caller } from '../run-service.js';
import type { SecretBox } from './secret-box.js';
import { fingerprintSecret, mintWebhookSecret, SIGNATURE_ALGORITHM } from './signing.js';

/** Collaborators of the {@link WebhookService}. */
export interface WebhookServiceOptions {
  store: WebhookStore;
  /** Vets URLs at registration (the same guard re-checks them at delivery). */
  transport: WebhookTransport;
  clock: Clock;
  ids: IdSource;
  /** Seals secrets before they are stored. */
  secrets: SecretBox;
  /** Called when deliveries may have become due (a redelivery), to wake the worker. */
  onDue?: () => void;
}

/** Input of {@link WebhookService.register}. */
export interface RegisterWebhookInput {
  url: string;
  events: string[];
  tags?: string[];
}

/** A subscription as callers may see it: never its secrets. */
export interface WebhookView {
  webhookId: string;
  tenantId: string;
  url: string;
  events: string[];
  tags: string[];
  secretFingerprint: string;
  signatureAlgorithm: string;
  state: StoredWebhook['state'];
  createdAt: string;
  /** ISO 8601 end of an open circuit, when open. */
  circuitOpenUntil?: string;
  /** ISO 8601 end of the overlap of the previous secret, while it lasts. */
  previousSecretExpiresAt?: string;
}

/** The longest overlap of a rotated secret: 7 days. */
export const MAX_ROTATION_OVERLAP_SECONDS = 7 * 24 * 60 * 60;
/** Overlap of a rotated secret when none is asked for: 24 hours. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 60 * 60;

/** Subscription management for one host. */
export class WebhookService {
  readonly #o: WebhookServiceOptions;

  constructor(options: WebhookServiceOptions) {
    this.#o = options;
  }

  /**
   * Registers a subscription in the caller's tenant after the SSRF guard accepted its URL; returns it with the
   * secret, which is never shown again. @throws WebhookUrlRejectedError
   */
  async register(caller: Caller, input: RegisterWebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
    await this.#o.transport.checkUrl(input.url);
    const secret = mintWebhookSecret();
    const webhook = {
      webhookId: this.#o.ids.next('wh'),
      tenantId: caller.tenant,
      url: input.url,
      events: [...new Set(input.events)],
      tags: [...new Set(input.tags ?? [])],
      secret: this.#o.secrets.seal(secret),
      secretFingerprint: fingerprintSecret(secret),
      createdAt: this.#o.clock.now().toISOString(),
    };
    await this.#o.store.create(webhook);
    const stored = await this.#require(caller, webhook.webhookId);
    return { webhook: toView(stored, this.#now()), secret };
  }

  /** The caller's subscriptions, newest first. */
  async list(caller: Caller, options: { limit: number; cursor?: string }): Promise<Page<WebhookView>> {
    const page = await this.#o.store.list(caller.tenant, options);
    const now = this.#now();
    return { items: page.items.map((webhook) => toView(webhook, now)), nextCursor: page.nextCursor };
  }

  /** Deletes a subscription; its pending deliveries go with it. @throws WebhookNotFoundError */
  async unregister(caller: Caller, webhookId: string): Promise<void> {
    if (!(await this.#o.store.delete(caller.tenant, webhookId))) throw new WebhookNotFoundError(webhookId);
  }

  /**
   * Mints a new secret; deliveries carry a second signature made with the old one until the overlap ends.
   * @throws WebhookNotFoundError
   */
  async rotateSecret(
    caller: Caller,
    webhookId: string,
    overlapSeconds = DEFAULT_ROTATION_OVERLAP_SECONDS,
  ): Promise<{ webhook: WebhookView; secret: string }> {
    const secret = mintWebhookSecret();
    const rotated = await this.#o.store.rotateSecret(caller.tenant, webhookId, {
      secret: this.#o.secrets.seal(secret),
      secretFingerprint: fingerprintSecret(secret),
      previousSecretExpiresAt: this.#now() + overlapSeconds * 1000,
    });
    if (rotated === undefined) throw new WebhookNotFoundError(webhookId);
    return { webhook: toView(rotated, this.#now()), secret };
  }

  /** A subscription's deliveries, newest first, e.g. its dead letters. @throws WebhookNotFoundError */
  async listDeliveries(
    caller: Caller,
    webhookId: string,
    options: { status?: WebhookDeliveryStatus; limit: number; cursor?: string },
  ): Promise<Page<StoredWebhookDelivery>> {
    await this.#require(caller, webhookId);
    return this.#o.store.listDeliveries(caller.tenant, webhookId, options);
  }

  /**
   * Queues a delivery again with a fresh retry budget (same delivery id); re-activates a failed subscription.
   * @throws WebhookNotFoundError
   */
  async redeliver(caller: Caller, webhookId: string, deliveryId: string): Promise<StoredWebhookDelivery> {
    const delivery = await this.#o.store.redeliver(caller.tenant, webhookId, deliveryId, this.#now());
    if (delivery === undefined) {
      throw new WebhookNotFoundError(webhookId, `delivery "${deliveryId}" of webhook "${webhookId}"`);
    }
    this.#o.onDue?.();
    return delivery;
  }

  async #require(caller: Caller, webhookId: string): Promise<StoredWebhook> {
    const webhook = await this.#o.store.get(caller.tenant, webhookId);
    if (webhook === undefined) throw new WebhookNotFoundError(webhookId);
    return webhook;
  }

  #now(): number {
    return this.#o.clock.now().getTime();
  }
}

function toView(webhook: StoredWebhook, now: number): WebhookView {
  const view: WebhookView = {
    webhookId: webhook.webhookId,
    tenantId: webhook.tenantId,
    url: webhook.url,
    events: webhook.events,
    tags: webhook.tags,
    secretFingerprint: webhook.secretFingerprint,
    signatureAlgorithm: SIGNATURE_ALGORITHM,
    state: webhook.state,
    createdAt: webhook.createdAt,
  };
  if (webhook.circuitOpenUntil !== null && webhook.circuitOpenUntil > now) {
    view.circuitOpenUntil = new Date(webhook.circuitOpenUntil).toISOString();
  }
  if (webhook.previousSecretExpiresAt !== null && webhook.previousSecretExpiresAt > now) {
    view.previousSecretExpiresAt = new Date(webhook.previousSecretExpiresAt).toISOString();
  }
  return view;
}
