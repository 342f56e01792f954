/** Handlers of the `runs` tag (streaming arrives with its own issue). */
import type { RunStatus } from '../../engine/ports.js';
import type { HandlerMap } from '../../generated/routes.gen.js';
import type { RunEventDoc, RunSnapshot } from '../../generated/types/types.gen.js';
import { requirePrincipal, type HandlerContext } from '../handler-context.js';
import { ProblemError } from '../problem.js';

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_POLL_TIMEOUT_S = 30;
const MAX_BULK_CANCEL = 100;

/** Run lifecycle operations. */
export const runHandlers: Pick<
  HandlerMap<HandlerContext>,
  'createRun' | 'getRun' | 'listRuns' | 'cancelRun' | 'bulkCancelRuns' | 'pauseRun' | 'resumeRun' | 'pollRunEvents'
> = {
  async createRun(input, context) {
    const principal = requirePrincipal(context);
    const body = input.body;
    if (body.tenantId !== undefined && body.tenantId !== principal.tenant) {
      throw new ProblemError(403, 'forbidden', `the API key is not bound to tenant "${body.tenantId}"`, {
        tenantId: body.tenantId,
      });
    }
    const forced = input.headers['X-Force-Engine-Version'];
    const run = await context.services.runs.create(caller(context), {
      workflowId: body.workflowId,
      ...(body.inputs !== undefined ? { inputs: body.inputs } : {}),
      ...(body.configurable !== undefined ? { configurable: body.configurable } : {}),
      ...(body.tags !== undefined ? { tags: body.tags } : {}),
      ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
      ...(body.scopeId !== undefined ? { scopeId: body.scopeId } : {}),
      ...(body.callbackUrl !== undefined ? { callbackUrl: body.callbackUrl } : {}),
      ...(forced !== undefined ? { forceEngineVersion: Number(forced) } : {}),
      ...(input.headers['X-Dedup'] === 'enforce' ? { dedup: true } : {}),
    });
    return {
      status: 201,
      body: {
        runId: run.runId,
        status: 'pending',
        eventsUrl: `${context.baseUrl}/v1/runs/${encodeURIComponent(run.runId)}/events`,
        statusUrl: `${context.baseUrl}/v1/runs/${encodeURIComponent(run.runId)}`,
      },
    };
  },
  async getRun(input, context) {
    return { status: 200, body: (await context.services.runs.get(caller(context), input.path.runId)) as RunSnapshot };
  },
  async listRuns(input, context) {
    const page = await context.services.runs.list(caller(context), {
      limit: input.query.limit ?? DEFAULT_PAGE_SIZE,
      ...(input.query.cursor !== undefined ? { cursor: input.query.cursor } : {}),
      ...(input.query.status !== undefined ? { status: input.query.status as RunStatus } : {}),
      ...(input.query.workflowId !== undefined ? { workflowId: input.query.workflowId } : {}),
      ...(input.query.tag !== undefined ? { tag: input.query.tag } : {}),
    });
    return { status: 200, body: { items: page.items as RunSnapshot[], nextCursor: page.nextCursor } };
  },
  async cancelRun(input, context) {
    return {
      status: 200,
      body: await context.services.runs.cancel(caller(context), input.path.runId, input.body?.reason),
    };
  },
  async bulkCancelRuns(input, context) {
    if (input.body.runIds.length > MAX_BULK_CANCEL) {
      throw new ProblemError(400, 'validation_error', `at most ${MAX_BULK_CANCEL} runs can be cancelled at once`, {
        maxRunIds: MAX_BULK_CANCEL,
        fields: [{ location: 'body', path: '/runIds', message: `must have at most ${MAX_BULK_CANCEL} items` }],
      });
    }
    return {
      status: 200,
      body: { results: await context.services.runs.bulkCancel(caller(context), input.body.runIds, input.body.reason) },
    };
  },
  async pauseRun(input, context) {
    const body = input.body ?? {};
    return {
      status: 202,
      body: await context.services.runs.pause(caller(context), input.path.runId, {
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        ...(body.drainPolicy !== undefined ? { drainPolicy: body.drainPolicy } : {}),
      }),
    };
  },
  async resumeRun(input, context) {
    const body = input.body ?? {};
    return {
      status: 202,
      body: await context.services.runs.resume(
        caller(context),
        input.path.runId,
        body.reason !== undefined ? { reason: body.reason } : {},
      ),
    };
  },
  async pollRunEvents(input, context) {
    const timeoutMs = (input.query.timeout ?? DEFAULT_POLL_TIMEOUT_S) * 1000;
    const result = await context.services.runs.poll(
      caller(context),
      input.path.runId,
      input.query.lastSequence,
      timeoutMs,
      context.signal,
    );
    return { status: 200, body: { events: result.events as RunEventDoc[], isComplete: result.isComplete } };
  },
};

function caller(context: HandlerContext) {
  const principal = requirePrincipal(context);
  return { tenant: principal.tenant, isTest: principal.isTest, keyId: principal.keyId };
}
