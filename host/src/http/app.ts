/** The Koa application: one error path, contract routing and validation, auth, then the operation's handler. */
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import type { Capabilities } from '../generated/types/types.gen.js';
import { operations, type OperationId } from '../generated/routes.gen.js';
import type { Logger } from '../logger.js';
import type { ApiKeyRegistry, Principal } from './api-keys.js';
import { ContractRouter, type RouterRequest } from './contract-router.js';
import {
  DEFAULT_STREAMING,
  type HandlerContext,
  type HostServices,
  type StreamingSettings,
} from './handler-context.js';
import type { HandlerInput, StreamingResult } from './handler-types.js';
import { handlers } from './handlers/index.js';
import { ProblemError, toProblemError } from './problem.js';
import { withIdempotency } from './idempotency.js';
import { readJsonBody } from './read-body.js';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Options of {@link createApp}. */
export interface AppOptions {
  services: HostServices;
  apiKeys: ApiKeyRegistry;
  capabilities: Capabilities;
  contract: object;
  maxRequestBodyBytes: number;
  logger: Logger;
  /** Check every response against the contract and fail loudly on a mismatch (tests). */
  validateResponses?: boolean;
  /** Serve the conformance test seams. */
  testSeams?: boolean;
  /** Settings of server-sent event streams; defaults to `DEFAULT_STREAMING`. */
  streaming?: Partial<StreamingSettings>;
}

type AnyHandler = (
  input: HandlerInput<unknown>,
  context: HandlerContext,
) => Promise<{ status: number; body: unknown; headers?: Record<string, string> } | StreamingResult>;

/** Builds the Koa app serving the whole contract. */
export async function createApp(options: AppOptions): Promise<Koa> {
  const router = await ContractRouter.create();
  const streaming: StreamingSettings = { ...DEFAULT_STREAMING, ...options.streaming };
  const app = new Koa();
  app.proxy = false;
  // Koa's own error listener prints stacks; ours logs once, below.
  app.silent = true;

  app.use(async (ctx, next) => {
    const requestId = randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('x-request-id', requestId);
    try {
      await next();
    } catch (error) {
      const { problem, unexpected } = toProblemError(error, requestId);
      if (unexpected) {
        options.logger.error('request failed', {
          requestId,
          method: ctx.method,
          path: ctx.path,
          error:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack, cause: String(error.cause ?? '') }
              : String(error),
        });
      }
      ctx.status = problem.status;
      for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
      ctx.body = problem.toProblem();
      if (options.validateResponses)
        assertErrorMatchesContract(router, ctx.state.operationId as OperationId | undefined, problem.status, ctx.body);
    }
  });

  app.use(async (ctx) => {
    const request: RouterRequest = {
      method: ctx.method,
      path: ctx.path,
      query: ctx.query as Record<string, string | string[]>,
      headers: ctx.headers,
    };
    if (!ctx.path.startsWith('/v1/') && !ctx.path.startsWith('/.well-known/')) {
      throw new ProblemError(
        400,
        'validation_error',
        `path "${ctx.path}" is not versioned: OpenWOP paths start with /v1/`,
        {
          supportedVersions: ['v1'],
        },
      );
    }
    const match = router.match(request);
    if (!match) throw new ProblemError(404, 'not_found', `no operation is served at ${ctx.path}`);
    if ('allowed' in match) {
      throw new ProblemError(
        405,
        'method_not_allowed',
        `${ctx.method} is not allowed on ${ctx.path}`,
        { allowed: match.allowed },
        {
          allow: match.allowed.join(', '),
        },
      );
    }
    const operationId = match.operation.operationId as OperationId;
    ctx.state.operationId = operationId;
    const principal = authorize(options.apiKeys, operations[operationId].scopes, ctx.get('authorization'));
    const { body } = await readJsonBody(ctx.req, options.maxRequestBodyBytes);
    const routed = router.validate({ ...request, body }, match.operation);
    const disconnected = new AbortController();
    ctx.req.once('close', () => {
      if (!ctx.res.writableEnded) disconnected.abort();
    });
    const context: HandlerContext = {
      principal,
      services: options.services,
      capabilities: options.capabilities,
      contract: options.contract,
      requestId: ctx.state.requestId as string,
      baseUrl: `${ctx.protocol}://${ctx.host}`,
      signal: disconnected.signal,
      testSeams: options.testSeams ?? false,
      accept: ctx.get('accept'),
      streaming,
    };
    const handler = handlers[operationId] as unknown as AnyHandler;
    const invoke = () =>
      handler(
        { path: routed.path, query: routed.query, headers: routed.headers, body: routed.body } as HandlerInput<unknown>,
        context,
      );
    const idempotencyKey = ctx.get('idempotency-key');
    const result =
      idempotencyKey && principal && MUTATING_METHODS.has(ctx.method)
        ? await withIdempotency(
            options.services.idempotency,
            {
              tenantId: principal.tenant,
              operation: operationId,
              key: idempotencyKey,
              request: { path: routed.path, query: routed.query, body: routed.body ?? null },
              nowMs: () => Date.now(),
            },
            async () => {
              const answer = await invoke();
              if ('stream' in answer) throw new Error(`${operationId} streamed an answer to a mutating request`);
              return answer;
            },
          )
        : await invoke();
    if ('stream' in result) {
      // Koa steps aside: the handler owns the response from here until the stream ends.
      ctx.respond = false;
      ctx.res.writeHead(result.status, result.headers);
      await result.stream(ctx.res);
      return;
    }
    if (options.validateResponses) {
      const problems = router.checkResponse(operationId, result.status, result.body);
      if (problems.length > 0) {
        throw new Error(
          `${operationId} answered ${result.status} with a body the contract rejects: ${problems.join('; ')} (${JSON.stringify(result.body).slice(0, 300)})`,
        );
      }
    }
    ctx.status = result.status;
    for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
    ctx.body = result.status === 204 ? null : result.body;
  });

  return app;
}

/**
 * Test-mode check that an error answer is declared by the operation (or is at least a Problem envelope when no
 * operation matched). A mismatch is a bug in the host, so it fails loudly.
 */
function assertErrorMatchesContract(
  router: ContractRouter,
  operationId: OperationId | undefined,
  status: number,
  body: unknown,
): void {
  const problems = operationId ? router.checkResponse(operationId, status, body) : router.checkProblem(body);
  if (problems.length > 0) {
    throw new Error(
      `${operationId ?? 'unrouted request'} answered ${status} with a body the contract rejects: ${problems.join('; ')}`,
    );
  }
}

/**
 * Checks the bearer key for an operation needing `scopes` (`null` = public).
 * @throws ProblemError 401 `unauthenticated` or 403 `forbidden` (with `details.scopeRequired`).
 */
function authorize(registry: ApiKeyRegistry, scopes: readonly string[] | null, header: string): Principal | undefined {
  if (scopes === null) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const principal = match ? registry.authenticate(match[1]!) : undefined;
  if (!principal) {
    throw new ProblemError(
      401,
      'unauthenticated',
      match ? 'the API key is not recognised' : 'a valid API key is required (Authorization: Bearer <key>)',
      undefined,
      { 'www-authenticate': 'Bearer' },
    );
  }
  const missing = scopes.find((scope) => !principal.scopes.has(scope));
  if (missing !== undefined) {
    throw new ProblemError(403, 'forbidden', `the API key lacks scope "${missing}"`, {
      scopeRequired: missing,
      scopesRequired: [...scopes],
    });
  }
  return principal;
}
