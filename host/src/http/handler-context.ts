/** What every handler receives besides its validated input. */
import type { IdempotencyStore } from '../engine/ports.js';
import type { RunService } from '../engine/run-service.js';
import type { WorkflowService } from '../engine/workflow-service.js';
import type { Capabilities } from '../generated/types/types.gen.js';
import type { Principal } from './api-keys.js';

/** The engine services the HTTP layer calls. */
export interface HostServices {
  workflows: WorkflowService;
  runs: RunService;
  idempotency: IdempotencyStore;
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
}

/** The caller of an authenticated operation. */
export function requirePrincipal(context: HandlerContext): Principal {
  if (!context.principal) throw new Error('handler of an authenticated operation ran without a principal');
  return context.principal;
}
