// The `runs` tag: starting, reading, steering and observing runs.

import type { APIPromise } from '../api-promise.js';
import { PagePromise } from '../cursor-page.js';
import type { Client } from '../generated/client/index.gen.js';
import {
  bulkCancelRuns,
  cancelRun,
  createRun,
  forkRun,
  getRun,
  listRuns,
  pauseRun,
  pollRunEvents,
  resumeRun,
} from '../generated/sdk.gen.js';
import type {
  BulkCancelParams,
  BulkCancelResults,
  CancelRunParams,
  CancelRunResult,
  CreateRunParams,
  ForkRunParams,
  ForkRunResult,
  ListRunsData,
  PauseRunParams,
  PauseRunResult,
  PollRunEventsData,
  ResumeRunParams,
  ResumeRunResult,
  RunAccepted,
  RunEventPage,
  RunSnapshot,
} from '../generated/types.gen.js';
import { callOperation, type MutationOptions, type RequestOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';

/** Filters and paging of `runs.list` (`listRuns`). */
export type ListRunsParams = NonNullable<ListRunsData['query']>;

/** Query of `runs.pollEvents` (`pollRunEvents`). */
export type PollRunEventsParams = NonNullable<PollRunEventsData['query']>;

/** Per-call options of `runs.create`. */
export interface CreateRunOptions extends MutationOptions {
  /** `'enforce'` (sent as `X-Dedup`) rejects a second active run for the same `scopeId` with `409`. */
  dedup?: 'enforce' | undefined;
}

/**
 * Operations tagged `runs`; reach them as `wopkit.runs`.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const accepted = await wopkit.runs.create({ workflowId: 'ticket-triage', inputs: { ticketId: 'T-1009' } });
 * const run = await wopkit.runs.get(accepted.runId);
 * console.log(run.status);
 * ```
 */
export class Runs {
  readonly #client: Client;

  /** @internal Created by `Wopkit`. */
  constructor(client: Client) {
    this.#client = client;
  }

  /**
   * Start a run of a workflow. (`createRun`)
   * Pass `idempotencyKey` to make the call safe to retry: without it the request is sent exactly once.
   */
  create(params: CreateRunParams, options?: CreateRunOptions): APIPromise<RunAccepted> {
    const dedup = options?.dedup;
    const withDedup: MutationOptions | undefined =
      dedup === undefined ? options : { ...options, headers: { 'X-Dedup': dedup, ...options?.headers } };
    return callOperation(this.#client, withDedup, (init) => createRun({ ...init, body: params }));
  }

  /** Read a run's current state. (`getRun`) */
  get(runId: string, options?: RequestOptions): APIPromise<RunSnapshot> {
    return callOperation(this.#client, options, (init) => getRun({ ...init, path: pathParams({ runId }) }));
  }

  /**
   * List runs visible to the caller (wopkit extension). (`listRuns`)
   * Await it for the first page, or iterate it with `for await` for every run across pages.
   */
  list(params: ListRunsParams = {}, options?: RequestOptions): PagePromise<RunSnapshot> {
    const fetchPage = (query: ListRunsParams): PagePromise<RunSnapshot> =>
      new PagePromise(
        callOperation(this.#client, options, (init) => listRuns({ ...init, query })).withResponse(),
        (cursor) => fetchPage({ ...query, cursor }),
      );
    return fetchPage(params);
  }

  /** Cancel a run. (`cancelRun`) */
  cancel(runId: string, body?: CancelRunParams, options?: MutationOptions): APIPromise<CancelRunResult> {
    return callOperation(this.#client, options, (init) =>
      cancelRun({ ...init, path: pathParams({ runId }), ...(body === undefined ? {} : { body }) }),
    );
  }

  /** Cancel up to 100 runs at once. (`bulkCancelRuns`) Each id gets its own result, even when every cancel failed. */
  bulkCancel(body: BulkCancelParams, options?: MutationOptions): APIPromise<BulkCancelResults> {
    return callOperation(this.#client, options, (init) => bulkCancelRuns({ ...init, body }));
  }

  /** Pause a run (operator pause). (`pauseRun`) */
  pause(runId: string, body?: PauseRunParams, options?: MutationOptions): APIPromise<PauseRunResult> {
    return callOperation(this.#client, options, (init) =>
      pauseRun({ ...init, path: pathParams({ runId }), ...(body === undefined ? {} : { body }) }),
    );
  }

  /** Resume a paused run. (`resumeRun`) */
  resume(runId: string, body?: ResumeRunParams, options?: MutationOptions): APIPromise<ResumeRunResult> {
    return callOperation(this.#client, options, (init) =>
      resumeRun({ ...init, path: pathParams({ runId }), ...(body === undefined ? {} : { body }) }),
    );
  }

  /** Fork a run by replay or branch from a sequence. (`forkRun`) */
  fork(runId: string, body: ForkRunParams, options?: MutationOptions): APIPromise<ForkRunResult> {
    return callOperation(this.#client, options, (init) => forkRun({ ...init, path: pathParams({ runId }), body }));
  }

  /**
   * Long-poll a run's events. (`pollRunEvents`)
   * The host waits up to `query.timeout` seconds (default 30) for new events; keep it below the client's `timeoutMs`.
   */
  pollEvents(runId: string, query?: PollRunEventsParams, options?: RequestOptions): APIPromise<RunEventPage> {
    return callOperation(this.#client, options, (init) =>
      pollRunEvents({ ...init, path: pathParams({ runId }), ...(query === undefined ? {} : { query }) }),
    );
  }
}
