/** What every handler receives besides its validated input. */
import type { InterruptService } from '../engine/interrupt-service.js';
import type { IdempotencyStore } from '../engine/ports.js';
import type { RunService } from '../engine/run-service.js';
import type { WebhookService } from '../engine/webhooks/webhook-service.js';
import type { WorkflowService } from '../engine/workflow-service.js';
import type { Capabilities } from '../generated/types/types.gen.js';
import type { Principal } from './api-keys.js';

/** The engine services the HTTP layer calls. */
export interface HostServices {
  workflows: WorkflowService;
  runs: RunService;
  interrupts: InterruptService;
  idempotency: IdempotencyStore;
  webhooks: WebhookService;
}

/** Per-request context passed to handlers. */
export interface HandlerContext {
  /** The authenticated caller; `undefined` only on public operations. */
  principal: Principal | undefined;
  services: HostServices;
  capabilities: Capabilities;
  /** The bundled contract, served by `getOpenApiSpec`. */
  contract: object;
  requestId: string;
  /** Origin the client used (`http://host:port`), for absolute URLs in responses. */
  baseUrl: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /** Whether the conformance test seams are enabled. */
  testSeams: boolean;
  /** The request's `Accept` header ('' when absent), for operations that answer in more than one media type. */
  accept: string;
  /** Settings of server-sent event streams. */
  streaming: StreamingSettings;
}

/** Settings of server-sent event streams (`streamRunEvents`). */
export interface StreamingSettings {
  /** Interval of keep-alive comments (ms). */
  keepAliveMs: number;
  /** A subscriber whose unsent bytes exceed this is disconnected (it resumes with `Last-Event-ID`). */
  maxPendingBytes: number;
  /** Reconnection delay advised to clients with `retry:` (ms). */
  retryMs: number;
}

/** Stream settings used unless the host is told otherwise. */
export const DEFAULT_STREAMING: StreamingSettings = {
  keepAliveMs: 15_000,
  maxPendingBytes: 1024 * 1024,
  retryMs: 1000,
};

/** The caller of an authenticated operation. */
export function requirePrincipal(context: HandlerContext): Principal {
  if (!context.principal) throw new Error('handler of an authenticated operation ran without a principal');
  return context.principal;
}
