/** Handlers of the `runs` tag. */
import type { RunStatus, StoredEvent } from '../../engine/ports.js';
import { isTerminal } from '../../engine/run-state.js';
import { endsRun, EventStreamWriter, MAX_BUFFER_MS, modeAdmits, parseStreamModes } from '../event-stream.js';
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
  | 'createRun'
  | 'getRun'
  | 'listRuns'
  | 'cancelRun'
  | 'bulkCancelRuns'
  | 'pauseRun'
  | 'resumeRun'
  | 'pollRunEvents'
  | 'streamRunEvents'
  | 'forkRun'
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
    const snapshot = await context.services.runs.get(caller(context), input.path.runId);
    // A suspended run shows the signed tokens of its interrupt (the external-event scenarios read them here).
    return { status: 200, body: context.services.interrupts.withTokens(snapshot, context.baseUrl) as RunSnapshot };
  },
  async listRuns(input, context) {
    const page = await context.services.runs.list(caller(context), {
      limit: input.query.limit ?? DEFAULT_PAGE_SIZE,
      ...(input.query.cursor !== undefined ? { cursor: input.query.cursor } : {}),
      ...(input.query.status !== undefined ? { status: input.query.status as RunStatus } : {}),
      ...(input.query.workflowId !== undefined ? { workflowId: input.query.workflowId } : {}),
      ...(input.query.tag !== undefined ? { tag: input.query.tag } : {}),
    });
    const items = page.items.map((item) => context.services.interrupts.withTokens(item, context.baseUrl));
    return { status: 200, body: { items: items as RunSnapshot[], nextCursor: page.nextCursor } };
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
  async forkRun(input, context) {
    const { mode, fromSeq, runOptionsOverlay } = input.body;
    const { run, fromSeq: resolved } = await context.services.runs.fork(caller(context), input.path.runId, {
      mode,
      fromSeq,
      overlay: runOptionsOverlay,
    });
    return {
      status: 201,
      body: {
        runId: run.runId,
        sourceRunId: input.path.runId,
        fromSeq: resolved,
        mode,
        status: 'pending',
        eventsUrl: `${context.baseUrl}/v1/runs/${encodeURIComponent(run.runId)}/events`,
      },
    };
  },
  async streamRunEvents(input, context) {
    const modes = parseStreamModes(input.query.streamMode);
    const bufferMs = Math.min(input.query.bufferMs ?? 0, MAX_BUFFER_MS);
    const { runId } = input.path;
    const runs = context.services.runs;
    const lastEventId = input.headers['Last-Event-ID'];
    const after =
      lastEventId === undefined || lastEventId.trim() === ''
        ? -1
        : await runs.resolveResumePoint(caller(context), runId, lastEventId);
    if (!wantsEventStream(context.accept)) {
      return { status: 200, body: { events: (await runs.readLog(caller(context), runId, after)) as RunEventDoc[] } };
    }
    // `values` starts from a fresh snapshot and follows the log from the sequence that snapshot reflects.
    const baseline = modes[0] === 'values' ? await runs.snapshot(caller(context), runId) : undefined;
    // Snapshots of a suspended run carry the signed tokens of its interrupt, as getRun's do.
    const withTokens = (snapshot: Record<string, unknown>) =>
      context.services.interrupts.withTokens(snapshot, context.baseUrl);
    const stop = new AbortController();
    const signal = AbortSignal.any([context.signal, stop.signal]);
    // Outside `values` mode, live events are written as they are published (the writer never waits).
    let writeLive: ((events: StoredEvent[]) => void) | undefined;
    const follow = await runs.follow(
      caller(context),
      runId,
      Math.max(after, baseline?.sequence ?? -1),
      signal,
      baseline ? undefined : (events) => writeLive?.(events),
    );
    return {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
      async stream(res) {
        const writer = new EventStreamWriter(res, { modes, bufferMs, ...context.streaming });
        writeLive = (events) => writer.send(events);
        res.once('close', () => stop.abort());
        try {
          if (baseline) {
            writer.sendSnapshot(baseline.sequence, withTokens(baseline.snapshot));
            if (isTerminal(baseline.snapshot.status as RunStatus)) return;
          }
          for await (const events of follow) {
            if (writer.closed) return;
            if (baseline) {
              if (!events.some((event) => modeAdmits('values', event.type))) continue;
              const latest = await runs.snapshot(caller(context), runId, events[events.length - 1]!.sequence);
              writer.sendSnapshot(events[events.length - 1]!.sequence, withTokens(latest.snapshot));
              if (isTerminal(latest.snapshot.status as RunStatus)) return;
            } else {
              writer.send(events);
            }
            if (endsRun(events)) return;
          }
        } finally {
          stop.abort();
          writer.close();
        }
      },
    };
  },
};

/** Whether the client asked for server-sent events rather than the JSON log (`application/json` only). */
function wantsEventStream(accept: string): boolean {
  if (accept === '' || accept.includes('text/event-stream')) return true;
  return !accept.includes('application/json');
}

function caller(context: HandlerContext) {
  const principal = requirePrincipal(context);
  return { tenant: principal.tenant, isTest: principal.isTest, keyId: principal.keyId };
}
