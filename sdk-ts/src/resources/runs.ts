// The `runs` tag: starting, reading, steering and observing runs.

import type { APIPromise } from '../api-promise.js';
import { PagePromise } from '../cursor-page.js';
import { InternalServerError, RunWaitTimeoutError, WopkitError } from '../errors.js';
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
  streamRunEvents,
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
  StreamRunEventsData,
} from '../generated/types.gen.js';
import { callOperation, type MutationOptions, type RequestOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';
import { DEFAULT_TIMEOUT_MS } from '../internal/transport.js';
import { RunStream, type RunStreamMode } from '../lib/run-stream.js';

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
 * Options of `runs.stream`.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const stream = wopkit.runs.stream('run_01JD7Y8Q2M', {
 *   streamMode: ['updates', 'messages'],
 *   lastEventId: 41, // the last sequence this page already rendered
 *   maxRetries: Infinity,
 *   signal: AbortSignal.timeout(60_000),
 * });
 * for await (const item of stream) console.log(item.sequence, item.type);
 * ```
 */
export interface StreamRunOptions extends RequestOptions {
  /**
   * The stream mode, or several (`['updates', 'messages']`); `values` cannot be combined with another. Without it the
   * host uses its default, `updates`.
   */
  streamMode?: RunStreamMode | readonly RunStreamMode[] | undefined;
  /** Lets the host batch events for up to this many milliseconds (0 to 5000); batched events are still yielded one by one. */
  bufferMs?: number | undefined;
  /**
   * Resume after this point: the `sequence` of the last event already handled (or its `eventId`). Nothing at or before
   * it is yielded.
   */
  lastEventId?: number | string | undefined;
  /**
   * How many reconnects in a row may fail before the stream throws the last error; defaults to 5. A reconnect fails
   * when no response arrives, the host answers 5xx, or the connection ends without new events and within 10 s (a
   * connection that stays open longer was cut by something in between, not refused). New events reset the count.
   * `0` never reconnects, `Infinity` never gives up.
   */
  maxRetries?: number | undefined;
  /**
   * Wait before the first reconnect, in milliseconds, doubled for each further failed one; defaults to 1000. The host's
   * `retry:` field replaces it.
   */
  retryDelayMs?: number | undefined;
  /** Longest wait between reconnects, in milliseconds; defaults to 30 000. */
  maxRetryDelayMs?: number | undefined;
  /**
   * Reconnect when the host has sent nothing, not even a keep-alive, for this many milliseconds; defaults to 90 000
   * (hosts send a keep-alive at least every 30 s). `Infinity` turns it off.
   */
  idleTimeoutMs?: number | undefined;
}

/** Options of `runs.wait`. */
export interface WaitForRunOptions extends RequestOptions {
  /**
   * Gives up after this many milliseconds with `RunWaitTimeoutError` (the run itself goes on). By default `runs.wait`
   * waits as long as the run takes; `Infinity` means the same.
   */
  timeoutMs?: number | undefined;
  /**
   * Seconds the host may hold each long-poll open, 1 to 60; defaults to 30. Used only with hosts that do not stream
   * (`streamRunEvents` answers `501`), where `runs.wait` long-polls instead. It is lowered where needed so that every
   * poll is answered within the client's `timeoutMs`, which would otherwise cut it off.
   */
  pollTimeoutSeconds?: number | undefined;
}

const DEFAULT_POLL_TIMEOUT_SECONDS = 30;
const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
// The contract's bounds for `pollRunEvents`' `timeout` query parameter.
const MIN_POLL_TIMEOUT_SECONDS = 1;
const MAX_POLL_TIMEOUT_SECONDS = 60;
// A long-poll's headers arrive only when the host answers, which may be a little after `timeout`: the host re-checks
// the log on an interval, and the answer still has to travel. This much of the client's timeout is kept free for that.
const MAX_POLL_HEADROOM_MS = 5_000;
// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;
const DEFAULT_STREAM_MAX_RETRIES = 5;
const DEFAULT_STREAM_RETRY_DELAY_MS = 1_000;
const DEFAULT_STREAM_MAX_RETRY_DELAY_MS = 30_000;
// Three times the longest keep-alive interval the protocol allows (30 s).
const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 90_000;

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
   * Stream a run's events over SSE. (`streamRunEvents`)
   * Returns an async iterable of typed items (log events, snapshots, message chunks) that ends after the run's terminal
   * event: `run.completed`, `run.failed` or `run.cancelled`, or in `values` mode a snapshot with one of those statuses.
   * In `messages` mode, which carries no terminal event, it ends when the host closes the stream cleanly.
   *
   * The stream is read with `fetch`, so it carries the API key and runs in browsers too. Nothing is sent until the
   * iteration starts. A lost connection, a `5xx`, or a stream that ends early is resumed with `Last-Event-ID` after a
   * backoff (the host's `retry:` is honoured), and no event is yielded twice. Other errors end the iteration at once:
   * `NotFoundError`, `AuthenticationError`, `PermissionDeniedError`, `BadRequestError` (an unsupported `streamMode` has
   * `code` `unsupported_stream_mode`), and `APIUserAbortError` when `signal` fires. Leaving the loop early closes the
   * connection.
   *
   * @example
   * ```ts
   * import { Wopkit } from '@wopkit/sdk';
   *
   * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
   * const { runId } = await wopkit.runs.create({ workflowId: 'conformance-noop' });
   * for await (const item of wopkit.runs.stream(runId, { streamMode: 'debug' })) {
   *   switch (item.type) {
   *     case 'node.completed':
   *       console.log(`#${item.sequence} ${item.payload.nodeId} finished in ${item.payload.durationMs ?? '?'} ms`);
   *       break;
   *     case 'run.failed':
   *       console.log(`failed: ${item.payload.error.message}`);
   *       break;
   *     case 'unknown':
   *       console.log(`#${item.sequence} ${item.event.type} (not a core event)`);
   *       break;
   *     default:
   *       console.log(`#${item.sequence} ${item.type}`);
   *   }
   * }
   * ```
   */
  stream(runId: string, options: StreamRunOptions = {}): RunStream {
    const path = pathParams({ runId });
    const { signal, headers, streamMode, bufferMs, lastEventId } = options;
    const modes =
      streamMode === undefined ? undefined : typeof streamMode === 'string' ? [streamMode] : [...streamMode];
    if (modes?.length === 0) throw new WopkitError('streamMode must name at least one mode');
    const query: NonNullable<StreamRunEventsData['query']> = {};
    if (modes !== undefined) query.streamMode = modes.join(',');
    if (bufferMs !== undefined) query.bufferMs = bufferMs;

    return new RunStream({
      runId,
      signal,
      lastEventId: lastEventId === undefined ? undefined : String(lastEventId),
      // Only `messages` carries no terminal event: its stream simply ends when the run does.
      endsOnClose: modes !== undefined && modes.every((mode) => mode === 'messages'),
      isRunOver: async () => TERMINAL_STATUSES.has((await this.get(runId, { signal, headers })).status),
      maxRetries: checkCount('maxRetries', options.maxRetries, DEFAULT_STREAM_MAX_RETRIES),
      retryDelayMs: checkDuration('retryDelayMs', options.retryDelayMs, DEFAULT_STREAM_RETRY_DELAY_MS),
      maxRetryDelayMs: checkDuration('maxRetryDelayMs', options.maxRetryDelayMs, DEFAULT_STREAM_MAX_RETRY_DELAY_MS),
      idleTimeoutMs: checkTimeout('idleTimeoutMs', options.idleTimeoutMs, DEFAULT_STREAM_IDLE_TIMEOUT_MS),
      connect: async (resumeId, connectionSignal) => {
        const connectionHeaders: Record<string, string> = { ...headers, Accept: 'text/event-stream' };
        if (resumeId !== undefined) connectionHeaders['Last-Event-ID'] = resumeId;
        const { response } = await callOperation(
          this.#client,
          { signal: connectionSignal, headers: connectionHeaders },
          // `parseAs: 'stream'` hands over the body unread; errors still go through the SDK's one error path.
          (init) => streamRunEvents({ ...init, path, query, parseAs: 'stream' }),
        ).withResponse();
        return response;
      },
    });
  }

  /**
   * Wait until a run ends and resolve with its final snapshot: status `completed`, `failed` or `cancelled`.
   * A failed or cancelled run resolves too, so check `status`. Streams the run's events (`streamRunEvents`, mode
   * `updates`, resuming dropped connections) until the terminal event, then reads the run once (`getRun`); with a host
   * that does not stream (`501`), it long-polls `pollRunEvents` instead. Rejects with `RunWaitTimeoutError` after
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
    checkPollTimeoutSeconds(options.pollTimeoutSeconds);
    const deadline = startDeadline(options.timeoutMs);
    const waitSignal =
      deadline === undefined
        ? signal
        : signal === undefined
          ? deadline.signal
          : AbortSignal.any([signal, deadline.signal]);
    const requestOptions: RequestOptions = { signal: waitSignal, headers };
    try {
      try {
        for await (const _item of this.stream(runId, { streamMode: 'updates', ...requestOptions })) {
          // Only the end of the stream matters: it comes right after the terminal event.
        }
      } catch (error) {
        if (!(error instanceof InternalServerError && error.status === 501)) throw error;
        await this.#pollUntilComplete(runId, options.pollTimeoutSeconds, deadline, requestOptions);
      }
      return await this.get(runId, requestOptions);
    } catch (error) {
      if (deadline?.hasExpired() && !signal?.aborted) {
        throw new RunWaitTimeoutError(runId, deadline.timeoutMs, { cause: error });
      }
      throw error;
    } finally {
      deadline?.clear();
    }
  }

  /** Long-polls the run's events until the host reports the log complete. */
  async #pollUntilComplete(
    runId: string,
    requestedPollTimeoutSeconds: number | undefined,
    deadline: Deadline | undefined,
    requestOptions: RequestOptions,
  ): Promise<void> {
    const pollTimeoutSeconds = this.#pollTimeoutSeconds(requestedPollTimeoutSeconds);
    let lastSequence: number | undefined;
    for (;;) {
      // Near the deadline, ask for a shorter poll so the last one does not outlast the wait by much.
      const remainingSeconds = deadline === undefined ? Infinity : Math.ceil(deadline.remainingMs() / 1000);
      const timeout = Math.max(MIN_POLL_TIMEOUT_SECONDS, Math.min(pollTimeoutSeconds, remainingSeconds));
      const query: PollRunEventsParams = lastSequence === undefined ? { timeout } : { lastSequence, timeout };
      const page = await this.pollEvents(runId, query, requestOptions);
      lastSequence = page.events.at(-1)?.sequence ?? lastSequence;
      if (page.isComplete) return;
    }
  }

  /** The `timeout` each long-poll of `wait` asks for: the caller's choice, lowered to fit the client's timeout. */
  #pollTimeoutSeconds(requested: number | undefined): number {
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

function checkPollTimeoutSeconds(requested: number | undefined): void {
  if (
    requested !== undefined &&
    (!Number.isInteger(requested) || requested < MIN_POLL_TIMEOUT_SECONDS || requested > MAX_POLL_TIMEOUT_SECONDS)
  ) {
    throw new WopkitError(
      `pollTimeoutSeconds must be an integer from ${MIN_POLL_TIMEOUT_SECONDS} to ${MAX_POLL_TIMEOUT_SECONDS}, got ${requested}`,
    );
  }
}

// A non-negative integer, or Infinity.
function checkCount(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value !== Infinity && !(Number.isInteger(value) && value >= 0)) {
    throw new WopkitError(`${name} must be a non-negative integer or Infinity, got ${value}`);
  }
  return value;
}

// A finite number of milliseconds, 0 or more.
function checkDuration(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new WopkitError(`${name} must be a non-negative number of milliseconds, got ${value}`);
  }
  return value;
}

// A positive number of milliseconds, or Infinity for none.
function checkTimeout(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0))
    throw new WopkitError(`${name} must be a positive number of milliseconds or Infinity, got ${value}`);
  return value;
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
