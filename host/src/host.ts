/** Wires storage, engine and HTTP into a runnable host. The only module that knows all three layers. */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';
import { systemClock, type Clock } from './engine/clock.js';
import { RunExecutor, type EngineLimits } from './engine/executor.js';
import type { IdSource } from './engine/ids.js';
import { builtinNodes } from './engine/nodes/builtin.js';
import type { NodeImplementation } from './engine/nodes/node-types.js';
import { InterruptService } from './engine/interrupt-service.js';
import { InterruptTokens } from './engine/interrupt-tokens.js';
import { RunEventHub } from './engine/run-events.js';
import { RunService } from './engine/run-service.js';
import { Scheduler } from './engine/scheduler.js';
import type { WebhookCircuitOptions, WebhookRetryOptions } from './engine/webhooks/delivery-policy.js';
import { DeliveryWorker } from './engine/webhooks/delivery-worker.js';
import { createSecretBox } from './engine/webhooks/secret-box.js';
import { WebhookService } from './engine/webhooks/webhook-service.js';
import { WorkflowService, type WorkflowDefinitionShape } from './engine/workflow-service.js';
import { createWebhookTransport } from './delivery/http-transport.js';
import type { HostResolver } from './delivery/ssrf-guard.js';
import { openApiDocument } from './generated/contract.gen.js';
import { ApiKeyRegistry, type ApiKeyConfig } from './http/api-keys.js';
import { createApp } from './http/app.js';
import { buildCapabilities, ENGINE_VERSION } from './http/capabilities.js';
import type { StreamingSettings } from './http/handler-context.js';
import { consoleLogger, type Logger } from './logger.js';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './storage/database.js';
import { createIdempotencyStore } from './storage/idempotency-store.js';
import { listenForRunCommits } from './storage/run-notifications.js';
import { loadOrCreateSecret } from './storage/host-secrets.js';
import { createRunStore } from './storage/run-store.js';
import { createSuspendedRunStore } from './storage/suspended-run-store.js';
import { createWebhookStore } from './storage/webhook-store.js';
import { createWorkflowStore } from './storage/workflow-store.js';

/** The package version, reported in discovery. */
export const HOST_VERSION = '0.1.0';

/** Default engine limits (advertised in discovery). */
export const DEFAULT_LIMITS: EngineLimits = { maxNodeExecutions: 100, maxRunDurationMs: 60 * 60 * 1000 };

const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Options of {@link createHost}. */
export interface CreateHostOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…`; default `sqlite:.wopkit/wopkit.db`. */
  databaseUrl?: string | undefined;
  databaseOptions?: OpenDatabaseOptions;
  apiKeys: ApiKeyConfig[];
  /** Custom node types by `typeId`, next to the built-in `core.*` ones. */
  nodes?: Record<string, NodeImplementation>;
  maxRequestBodyBytes?: number;
  limits?: Partial<EngineLimits>;
  /** Seed the conformance fixture workflows (shared by all tenants) and advertise them. Default `true`. */
  seedFixtures?: boolean;
  /** Serve the conformance test seams (test keys only). Default `false`. */
  testSeams?: boolean;
  /** Lease length of runs in ms (a crashed process's runs resume after this). Default 15 000. */
  leaseMs?: number;
  /** How often to look for runnable runs in ms. Default 250. */
  pollIntervalMs?: number;
  logger?: Logger;
  clock?: Clock;
  /** Check every response against the contract (tests). */
  validateResponses?: boolean;
  /** Settings of server-sent event streams (keep-alive interval, per-client send buffer, `retry:` advice). */
  streaming?: Partial<StreamingSettings>;
  /**
   * How often a streamed run's storage is re-read when no commit notice arrived, in ms (default 1000). Notices
   * arrive at once for this process's commits, and over PostgreSQL LISTEN/NOTIFY for other processes' commits.
   */
  followRecheckMs?: number;
  /** Webhook delivery: SSRF allowances, retry schedule, circuit breaker, timeouts. */
  webhooks?: WebhookOptions;
  /** Signed interrupt tokens (`/v1/interrupts/{token}`). */
  interrupts?: InterruptOptions;
}

/** Settings of signed interrupt tokens. */
export interface InterruptOptions {
  /**
   * HMAC secrets: the first signs, all verify (append the old one when rotating). Default: one secret generated
   * once and kept in the database, shared by every process on it.
   */
  tokenSecrets?: string[];
  /** How long a token works, in ms, never past the interrupt's own deadline. Default 30 minutes. */
  tokenLifetimeMs?: number;
}

/**
 * Settings of webhook delivery. Defaults: 5 s per attempt; retries after 5 s, doubling up to 1 h, 16 attempts
 * (about 6.5 h of backoff, longer while the circuit is open), then a dead letter; the circuit opens for 1 h after
 * 4 consecutive failures, and 100 failures in 7 days mark the subscription `failed`.
 */
export interface WebhookOptions {
  /**
   * Accept `http://` and loopback receivers (`WOPKIT_WEBHOOKS_ALLOW_LOOPBACK=1`), for local development and
   * tests; private, link-local and metadata addresses stay refused. Default `false`.
   */
  allowLoopback?: boolean;
  /** Resolves receiver host names (tests inject DNS answers); default the system resolver. */
  resolve?: HostResolver;
  retry?: Partial<WebhookRetryOptions>;
  circuit?: Partial<WebhookCircuitOptions>;
  /** Per-attempt timeout in ms. Default 5 000. */
  timeoutMs?: number;
  /** How often the outbox is polled, in ms. Default 200. */
  pollIntervalMs?: number;
  /** Lease on a subscription being served, in ms. Default 30 000. */
  leaseMs?: number;
  /**
   * Key that seals signing secrets at rest (AES-256-GCM; `WOPKIT_WEBHOOK_SECRET_KEY`). Without it secrets are
   * stored in plain text. Secrets stored before a key was set keep working.
   */
  secretKey?: string;
  /** How long delivered and dead deliveries stay listable before they are purged, in days. Default 30. */
  retentionDays?: number;
}

/** A running-or-ready host. */
export interface Host {
  app: Koa;
  database: DatabaseHandle;
  /** Starts the scheduler and listening; resolves with the bound address. */
  listen(port?: number, hostname?: string): Promise<{ url: string; server: Server }>;
  /** Stops the server and the scheduler (runs in flight resume on the next start) and closes the database. */
  close(): Promise<void>;
}

const RANDOM_POOL_BYTES = 4096;
let randomPool = randomBytes(RANDOM_POOL_BYTES);
let randomOffset = 0;

/** Random, time-ordered ids: `<prefix>_<ms base36><80 random bits base64url>` (random bytes drawn from a pool). */
export const randomIds: IdSource = {
  next(prefix) {
    if (randomOffset + 10 > RANDOM_POOL_BYTES) {
      randomPool = randomBytes(RANDOM_POOL_BYTES);
      randomOffset = 0;
    }
    const random = randomPool.subarray(randomOffset, randomOffset + 10).toString('base64url');
    randomOffset += 10;
    return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${random}`;
  },
};

/** The conformance fixture definitions shipped with the host. */
export function loadFixtures(): WorkflowDefinitionShape[] {
  return readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(`${FIXTURES_DIR}${file}`, 'utf8')) as WorkflowDefinitionShape);
}

/**
 * Creates a host: opens and migrates the database, builds the engine and the HTTP app, seeds the fixtures.
 * @example
 * const host = await createHost({
 *   apiKeys: [{ key: 'k_123456789', tenant: 'acme', scopes: ['*'] }],
 *   nodes: { 'acme.sendEmail': { async run(input, ctx) { return { sent: true, key: ctx.effectKey }; } } },
 * });
 * const { url } = await host.listen(3737);
 */
export async function createHost(options: CreateHostOptions): Promise<Host> {
  const logger = options.logger ?? consoleLogger;
  const clock = options.clock ?? systemClock;
  const maxRequestBodyBytes = options.maxRequestBodyBytes ?? 1024 * 1024;
  const limits: EngineLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const nodes = { ...builtinNodes, ...options.nodes };
  const database = await openDatabase(options.databaseUrl, options.databaseOptions);
  const workflowStore = createWorkflowStore(database.db, database.dialect);
  const processId = randomIds.next('host');
  const runStore = createRunStore(database.db, database.dialect, { notifyOrigin: processId });
  const idempotency = createIdempotencyStore(database.db, database.dialect);
  const workflows = new WorkflowService({ store: workflowStore, clock, nodeTypes: nodes });
  const events = new RunEventHub();
  const executor = new RunExecutor({ nodes, clock, ids: randomIds, logger, limits });
  const scheduler = new Scheduler({
    owner: processId,
    runs: runStore,
    workflows: workflowStore,
    resolveWorkflow: (tenantId, workflowId) => workflows.resolve(tenantId, workflowId),
    executor,
    clock,
    ids: randomIds,
    logger,
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    onCommitted: (runId, committed) => events.publish(runId, committed),
    suspendedRuns: createSuspendedRunStore(database.db),
  });
  const interrupts = new InterruptService({
    runs: runStore,
    scheduler,
    events,
    clock,
    ids: randomIds,
    tokens: new InterruptTokens(
      options.interrupts?.tokenSecrets ?? [await loadOrCreateSecret(database.db, 'interrupt-token', clock.now())],
    ),
    tokenLifetimeMs: options.interrupts?.tokenLifetimeMs ?? 30 * 60 * 1000,
  });
  const runs = new RunService({
    runs: runStore,
    workflows: workflowStore,
    resolveWorkflow: (tenantId, workflowId) => workflows.resolve(tenantId, workflowId),
    executor,
    scheduler,
    events,
    clock,
    ids: randomIds,
    limits,
    ...(options.followRecheckMs !== undefined ? { followRecheckMs: options.followRecheckMs } : {}),
    engineVersion: {
      current: ENGINE_VERSION,
      ...(options.testSeams ? { forceRange: { min: ENGINE_VERSION, max: ENGINE_VERSION } } : {}),
    },
  });
  const webhookOptions = options.webhooks ?? {};
  const webhookStore = createWebhookStore(database.db, database.dialect);
  const secretBox = createSecretBox(webhookOptions.secretKey);
  const webhookTransport = createWebhookTransport({
    ...(webhookOptions.allowLoopback !== undefined ? { allowLoopback: webhookOptions.allowLoopback } : {}),
    ...(webhookOptions.resolve !== undefined ? { resolve: webhookOptions.resolve } : {}),
  });
  const deliveryWorker = new DeliveryWorker({
    store: webhookStore,
    transport: webhookTransport,
    clock,
    logger,
    owner: processId,
    userAgent: `openwop-webhook-dispatcher/${HOST_VERSION}`,
    secrets: secretBox,
    pollIntervalMs: webhookOptions.pollIntervalMs ?? 200,
    ...(webhookOptions.retry !== undefined ? { retry: webhookOptions.retry } : {}),
    ...(webhookOptions.circuit !== undefined ? { circuit: webhookOptions.circuit } : {}),
    ...(webhookOptions.timeoutMs !== undefined ? { timeoutMs: webhookOptions.timeoutMs } : {}),
    ...(webhookOptions.leaseMs !== undefined ? { leaseMs: webhookOptions.leaseMs } : {}),
  });
  const webhooks = new WebhookService({
    store: webhookStore,
    transport: webhookTransport,
    clock,
    ids: randomIds,
    secrets: secretBox,
    onDue: () => deliveryWorker.poke(),
  });
  const fixtures = options.seedFixtures === false ? [] : loadFixtures();
  await workflows.seedShared(fixtures);
  const app = await createApp({
    services: { workflows, runs, interrupts, idempotency, webhooks },
    apiKeys: new ApiKeyRegistry(options.apiKeys),
    capabilities: buildCapabilities({
      implementationVersion: HOST_VERSION,
      maxRequestBodyBytes,
      limits,
      fixtures: fixtures.map((fixture) => fixture.id),
      ...(options.testSeams
        ? { testing: { forceEngineVersionRange: { min: ENGINE_VERSION, max: ENGINE_VERSION } } }
        : {}),
    }),
    contract: openApiDocument,
    maxRequestBodyBytes,
    logger,
    validateResponses: options.validateResponses ?? false,
    testSeams: options.testSeams ?? false,
    ...(options.streaming ? { streaming: options.streaming } : {}),
  });
  const purgeTimer = setInterval(
    () => {
      idempotency
        .purgeExpired(clock.now().getTime())
        .catch((error: unknown) => logger.warn('idempotency purge failed', { error: String(error) }));
      webhookStore
        .purgeEnded(clock.now().getTime() - (webhookOptions.retentionDays ?? 30) * 24 * 60 * 60 * 1000)
        .catch((error: unknown) => logger.warn('webhook delivery purge failed', { error: String(error) }));
    },
    60 * 60 * 1000,
  );
  purgeTimer.unref();
  // Several processes may share one PostgreSQL database: hear of the events the others commit.
  const commitListener =
    database.dialect === 'postgres' && options.databaseUrl
      ? await listenForRunCommits(
          options.databaseUrl,
          processId,
          ({ runId, lastSequence }) => events.announce(runId, lastSequence),
          logger,
        )
      : undefined;
  let server: Server | undefined;
  return {
    app,
    database,
    async listen(port = 0, hostname = '127.0.0.1') {
      scheduler.start();
      deliveryWorker.start();
      server = app.listen(port, hostname);
      await once(server, 'listening');
      const address = server.address() as AddressInfo;
      return { url: `http://${hostname}:${address.port}`, server };
    },
    async close() {
      clearInterval(purgeTimer);
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await scheduler.stop();
      await deliveryWorker.stop();
      await commitListener?.close();
      await database.close();
    },
  };
}
