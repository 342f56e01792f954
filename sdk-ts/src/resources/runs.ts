// The `runs` tag: starting, reading, steering and observing runs.

import type { APIPromise } from '../api-promise.js';
import { PagePromise } from '../cursor-page.js';
import { RunWaitTimeoutError, WopkitError } from '../errors.js';
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
import { DEFAULT_TIMEOUT_MS } from '../internal/transport.js';

/** Filters and paging of `runs.list` (`listRuns`). */
export type ListRunsParams = NonNullable<ListRunsData['query']>;

/** Query of `runs.pollEvents` (`pollRunEvents`). */
export type PollRunEventsParams = NonNullable<PollRunEventsData['query']>;

/** Per-call options of `runs.create`. */
export interface CreateRunOptions extends MutationOptions {
  /** `'enforce'` (sent as `X-Dedup`) rejects a second active run for the same `scopeId` with `409`. */
  dedup?: 'enforce' | undefined;
}

/** Options of `runs.wait`. */
export interface WaitForRunOptions extends RequestOptions {
  /**
   * Gives up after this many milliseconds with `RunWaitTimeoutError` (the run itself goes on). By default `runs.wait`
   * waits as long as the run takes; `Infinity` means the same.
   */
  timeoutMs?: number | undefined;
  /**
   * Seconds the host may hold each long-poll open, 1 to 60; defaults to 30. It is lowered where needed so that every
   * poll is answered within the client's `timeoutMs`, which would otherwise cut it off.
   */
  pollTimeoutSeconds?: number | undefined;
}

const DEFAULT_POLL_TIMEOUT_SECONDS = 30;
// The contract's bounds for `pollRunEvents`' `timeout` query parameter.
const MIN_POLL_TIMEOUT_SECONDS = 1;
const MAX_POLL_TIMEOUT_SECONDS = 60;
// A long-poll's headers arrive only when the host answers, which may be a little after `timeout`: the host re-checks
// the log on an interval, and the answer still has to travel. This much of the client's timeout is kept free for that.
const MAX_POLL_HEADROOM_MS = 5_000;
// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;

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
  readonly #requestTimeoutMs: number;

  /** @internal Created by `Wopkit`, with the client's per-attempt `timeoutMs`. */
  constructor(client: Client, requestTimeoutMs: number = DEFAULT_TIMEOUT_MS) {
    this.#client = client;
    this.#requestTimeoutMs = requestTimeoutMs;
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

  /**
   * Wait until a run ends and resolve with its final snapshot: status `completed`, `failed` or `cancelled`.
   * A failed or cancelled run resolves too, so check `status`. Long-polls the run's events (`pollRunEvents`) until the
   * host reports the log complete, then reads the run once (`getRun`). Rejects with `RunWaitTimeoutError` after
   * `timeoutMs` and with `APIUserAbortError` when `signal` fires; neither touches the run.
   *
   * @example
   * ```ts
   * import { Wopkit } from '@wopkit/sdk';
   *
   * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
   * const { runId } = await wopkit.runs.create({ workflowId: 'conformance-noop' });
   * const run = await wopkit.runs.wait(runId, { timeoutMs: 60_000 });
   * console.log(run.status, run.error?.message);
   * ```
   */
  async wait(runId: string, options: WaitForRunOptions = {}): Promise<RunSnapshot> {
    const { signal, headers } = options;
    const pollTimeoutSeconds = this.#pollTimeoutSeconds(options.pollTimeoutSeconds);
    const deadline = startDeadline(options.timeoutMs);
    const waitSignal =
      deadline === undefined
        ? signal
        : signal === undefined
          ? deadline.signal
          : AbortSignal.any([signal, deadline.signal]);
    const requestOptions: RequestOptions = { signal: waitSignal, headers };
    try {
      let lastSequence: number | undefined;
      for (;;) {
        // Near the deadline, ask for a shorter poll so the last one does not outlast the wait by much.
        const remainingSeconds = deadline === undefined ? Infinity : Math.ceil(deadline.remainingMs() / 1000);
        const timeout = Math.max(MIN_POLL_TIMEOUT_SECONDS, Math.min(pollTimeoutSeconds, remainingSeconds));
        const query: PollRunEventsParams = lastSequence === undefined ? { timeout } : { lastSequence, timeout };
        const page = await this.pollEvents(runId, query, requestOptions);
        lastSequence = page.events.at(-1)?.sequence ?? lastSequence;
        if (page.isComplete) return await this.get(runId, requestOptions);
      }
    } catch (error) {
      if (deadline?.hasExpired() && !signal?.aborted) {
        throw new RunWaitTimeoutError(runId, deadline.timeoutMs, { cause: error });
      }
      throw error;
    } finally {
      deadline?.clear();
    }
  }

  /** The `timeout` each long-poll of `wait` asks for: the caller's choice, lowered to fit the client's timeout. */
  #pollTimeoutSeconds(requested: number | undefined): number {
    if (
      requested !== undefined &&
      (!Number.isInteger(requested) || requested < MIN_POLL_TIMEOUT_SECONDS || requested > MAX_POLL_TIMEOUT_SECONDS)
    ) {
      throw new WopkitError(
        `pollTimeoutSeconds must be an integer from ${MIN_POLL_TIMEOUT_SECONDS} to ${MAX_POLL_TIMEOUT_SECONDS}, got ${requested}`,
      );
    }
    const headroomMs = Math.min(MAX_POLL_HEADROOM_MS, this.#requestTimeoutMs / 4);
    const fitting = Math.floor((this.#requestTimeoutMs - headroomMs) / 1000);
    if (fitting < MIN_POLL_TIMEOUT_SECONDS) {
      throw new WopkitError(
        `the client's timeoutMs of ${this.#requestTimeoutMs} ms is too short for runs.wait: ` +
          `it cuts off even a ${MIN_POLL_TIMEOUT_SECONDS} s long-poll`,
      );
    }
    return Math.min(requested ?? DEFAULT_POLL_TIMEOUT_SECONDS, fitting, MAX_POLL_TIMEOUT_SECONDS);
  }
}

interface Deadline {
  readonly timeoutMs: number;
  /** Aborts when the deadline passes. */
  readonly signal: AbortSignal;
  hasExpired(): boolean;
  remainingMs(): number;
  clear(): void;
}

// `undefined` and `Infinity` mean no deadline.
function startDeadline(timeoutMs: number | undefined): Deadline | undefined {
  if (timeoutMs === undefined || timeoutMs === Infinity) return undefined;
  if (!(timeoutMs > 0) || timeoutMs > MAX_TIMER_MS) {
    throw new WopkitError(
      `timeoutMs must be a positive number of at most ${MAX_TIMER_MS} or Infinity, got ${timeoutMs}`,
    );
  }
  const controller = new AbortController();
  const endsAt = Date.now() + timeoutMs;
  const timer = setTimeout(
    () => controller.abort(new DOMException(`waited ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  return {
    timeoutMs,
    signal: controller.signal,
    hasExpired: () => controller.signal.aborted,
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    clear: () => clearTimeout(timer),
  };
}
