/**
 * Sends the webhook outbox: claims subscriptions with due deliveries under a lease, sends each one's deliveries
 * in commit order (a failed head waits for its retry and holds the rest back), signs every attempt, and records
 * outcomes through the retry schedule and circuit breaker of `delivery-policy.ts`.
 */
import type { Clock } from '../clock.js';
import type {
  PendingWebhookDelivery,
  StoredWebhook,
  WebhookHealth,
  WebhookResponse,
  WebhookStore,
  WebhookTransport,
} from '../ports.js';
import type { Logger } from '../../logger.js';
import {
  decideAttempt,
  DEFAULT_WEBHOOK_CIRCUIT,
  DEFAULT_WEBHOOK_RETRY,
  type WebhookCircuitOptions,
  type WebhookRetryOptions,
} from './delivery-policy.js';
import type { SecretBox } from './secret-box.js';
import { OPENWOP_HEADER_TWINS, SIGNATURE_ALGORITHM, signWebhookBody, WEBHOOK_HEADERS } from './signing.js';

/** Tuning of the {@link DeliveryWorker}; every field but the collaborators has a default. */
export interface DeliveryWorkerOptions {
  store: WebhookStore;
  transport: WebhookTransport;
  clock: Clock;
  logger: Logger;
  /** Identifies this host process in subscription leases. */
  owner: string;
  /** `User-Agent` of deliveries. */
  userAgent: string;
  /** Opens the stored secrets for signing. */
  secrets: SecretBox;
  retry?: Partial<WebhookRetryOptions>;
  circuit?: Partial<WebhookCircuitOptions>;
  /** Per-attempt timeout (ms). Default 5 000 (spec webhooks §7). */
  timeoutMs?: number;
  /** How often to look for due deliveries (ms). Default 250. */
  pollIntervalMs?: number;
  /** Lease on a subscription (ms); a crashed process's subscriptions are picked up after it. Default 30 000. */
  leaseMs?: number;
  /** Subscriptions served at once by this process. Default 16. */
  maxConcurrent?: number;
}

/** Deliveries read per round trip while working through one subscription's queue. */
const PENDING_PAGE = 20;

/** The webhook delivery loop of one host process. */
export class DeliveryWorker {
  readonly #store: WebhookStore;
  readonly #transport: WebhookTransport;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #owner: string;
  readonly #userAgent: string;
  readonly #secrets: SecretBox;
  readonly #retry: WebhookRetryOptions;
  readonly #circuit: WebhookCircuitOptions;
  readonly #timeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;
  readonly #maxConcurrent: number;
  readonly #active = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #pollAgain = false;
  #stopped = true;

  constructor(options: DeliveryWorkerOptions) {
    this.#store = options.store;
    this.#transport = options.transport;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#owner = options.owner;
    this.#userAgent = options.userAgent;
    this.#secrets = options.secrets;
    this.#retry = { ...DEFAULT_WEBHOOK_RETRY, ...options.retry };
    this.#circuit = { ...DEFAULT_WEBHOOK_CIRCUIT, ...options.circuit };
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#maxConcurrent = options.maxConcurrent ?? 16;
  }

  /** Starts polling the outbox. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#timer = setInterval(() => this.poke(), this.#pollIntervalMs);
    this.#timer.unref();
    this.poke();
  }

  /** Stops claiming; waits for attempts in flight (their outcomes are recorded). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#polling;
    await Promise.allSettled([...this.#active.values()]);
  }

  /** Looks for due deliveries now (coalesced with a poll in progress). */
  poke(): void {
    if (this.#stopped) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#polling = this.#poll()
      .catch((error: unknown) => this.#logger.error('webhook outbox poll failed', { error: String(error) }))
      .finally(() => {
        this.#polling = undefined;
        if (this.#pollAgain) {
          this.#pollAgain = false;
          this.poke();
        }
      });
  }

  async #poll(): Promise<void> {
    const capacity = this.#maxConcurrent - this.#active.size;
    if (capacity <= 0) return;
    const claimed = await this.#store.claimDue(this.#owner, this.#clock.now().getTime(), this.#leaseMs, capacity);
    for (const webhook of claimed) {
      if (this.#active.has(webhook.webhookId)) continue;
      const done = this.#serve(webhook)
        .catch((error: unknown) =>
          this.#logger.error('webhook delivery failed unexpectedly', {
            webhookId: webhook.webhookId,
            error: String(error),
          }),
        )
        .finally(() => {
          this.#active.delete(webhook.webhookId);
          // More may have become due meanwhile.
          this.poke();
        });
      this.#active.set(webhook.webhookId, done);
    }
  }

  /** Works through one subscription's queue until it is empty, waits for a retry, or the lease is lost. */
  async #serve(webhook: StoredWebhook): Promise<void> {
    let health: WebhookHealth = webhook;
    let isHeld = true;
    try {
      for (;;) {
        const pending = await this.#store.nextPending(webhook.webhookId, PENDING_PAGE);
        if (pending.length === 0) return;
        for (const delivery of pending) {
          const now = this.#clock.now().getTime();
          if (this.#stopped || delivery.nextAttemptAt > now) return;
          // Renewing doubles as the check that the subscription still exists: deletion stops deliveries at once.
          isHeld = await this.#store.renewLease(this.#owner, webhook.webhookId, now, this.#leaseMs);
          if (!isHeld) return;
          const outcome = await this.#attempt(webhook, delivery, now);
          const decision = decideAttempt(
            health,
            delivery,
            outcome,
            this.#clock.now().getTime(),
            this.#retry,
            this.#circuit,
          );
          isHeld = await this.#store.recordAttempt(this.#owner, {
            webhookId: webhook.webhookId,
            deliveryId: delivery.deliveryId,
            ...decision,
          });
          if (!isHeld) return;
          health = decision.subscription;
          if (!outcome.ok) {
            this.#logger.warn('webhook delivery attempt failed', {
              webhookId: webhook.webhookId,
              secretFingerprint: webhook.secretFingerprint,
              deliveryId: delivery.deliveryId,
              attempt: decision.delivery.attempts,
              status: decision.delivery.status,
              error: outcome.error,
            });
          }
          const stillDue =
            decision.delivery.status !== 'pending' &&
            health.state === 'active' &&
            (health.circuitOpenUntil === null || health.circuitOpenUntil <= this.#clock.now().getTime());
          if (!stillDue) return;
        }
      }
    } finally {
      if (isHeld) await this.#store.releaseLease(this.#owner, webhook.webhookId);
    }
  }

  async #attempt(
    webhook: StoredWebhook,
    delivery: PendingWebhookDelivery,
    now: number,
  ): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
    const body = Buffer.from(
      JSON.stringify({
        runId: delivery.runId,
        workspaceId: delivery.tenantId,
        // v1 bodies mirror the event type at top level (spec webhooks §4.1).
        type: delivery.event.type,
        event: delivery.event,
      }),
      'utf8',
    );
    const timestamp = Math.floor(now / 1000);
    const signed: Record<string, string> = {
      [WEBHOOK_HEADERS.webhookId]: webhook.webhookId,
      [WEBHOOK_HEADERS.eventType]: delivery.event.type,
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.signature]: signWebhookBody(this.#secrets.open(webhook.secret), timestamp, body),
      [WEBHOOK_HEADERS.signatureAlgorithm]: SIGNATURE_ALGORITHM,
    };
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': this.#userAgent,
      ...signed,
      [WEBHOOK_HEADERS.deliveryId]: delivery.deliveryId,
      [WEBHOOK_HEADERS.deliveryAttempt]: String(delivery.attempts + 1),
    };
    for (const [name, twin] of Object.entries(OPENWOP_HEADER_TWINS)) headers[twin] = signed[name] as string;
    if (
      webhook.previousSecret !== null &&
      webhook.previousSecretExpiresAt !== null &&
      webhook.previousSecretExpiresAt > now
    ) {
      headers[WEBHOOK_HEADERS.previousSignature] = signWebhookBody(
        this.#secrets.open(webhook.previousSecret),
        timestamp,
        body,
      );
    }
    let response: WebhookResponse;
    try {
      response = await this.#transport.send({ url: webhook.url, headers, body, timeoutMs: this.#timeoutMs });
    } catch (error) {
      response = { error: error instanceof Error ? error.message : String(error) };
    }
    if ('error' in response) return { ok: false, status: null, error: response.error };
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `receiver answered ${response.status}` };
  }
}
