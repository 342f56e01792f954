// The live event stream of one run: SSE frames read with fetch, typed, de-duplicated and resumed across reconnects.

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  InternalServerError,
  WopkitError,
} from '../errors.js';
import { coreRunEventTypes, type CoreRunEvent } from '../generated/events.gen.js';
import type { AiMessageChunk, RunEventDoc, RunSnapshot } from '../generated/types.gen.js';
import { SseParser, type SseRecord } from '../internal/sse-parser.js';

/**
 * A stream mode of `streamRunEvents`: `updates` (the default) sends run and node transitions, `debug` every log
 * event, `values` a full `RunSnapshot` after each transition, `messages` the chunks of streaming AI output.
 */
export type RunStreamMode = 'values' | 'updates' | 'messages' | 'debug';

/** A `state.snapshot` frame (`values` mode): the run's full state after a transition. */
export interface RunStreamSnapshot {
  type: 'state.snapshot';
  /** Sequence of the log event that produced the snapshot (the frame's `id:`); `undefined` if the host sent none. */
  sequence: number | undefined;
  /** The run as `runs.get` would return it at that point. */
  snapshot: RunSnapshot;
}

/** An `ai.message.chunk` frame (`messages` mode): one chunk of streamed AI output. */
export interface RunStreamMessageChunk {
  type: 'ai.message.chunk';
  /** Sequence of the `output.chunk` event the frame was derived from (the frame's `id:`); `undefined` if the host sent none. */
  sequence: number | undefined;
  /** The chunk: producing node, text, whether it is the last one, model metadata. */
  chunk: AiMessageChunk;
}

/**
 * A log event whose `type` is not one of {@link coreRunEventTypes}: a vendor event, an optional family
 * (`lease.*`, `budget.*`, …) or an event added to the protocol after this SDK was built. It is wrapped rather than
 * yielded as is so that narrowing the other items on `type` keeps their payload types.
 */
export interface RunStreamUnknownEvent {
  type: 'unknown';
  /** The event's `sequence`. */
  sequence: number;
  /** The event, exactly as the host sent it; `event.type` holds its real type. */
  event: RunEventDoc;
}

/**
 * One item of a {@link RunStream}, discriminated on `type`:
 * - a log event of a core type (`run.started`, `node.completed`, …), typed by its `type` (a `batch` frame's events
 *   arrive one by one);
 * - `state.snapshot` ({@link RunStreamSnapshot}) and `ai.message.chunk` ({@link RunStreamMessageChunk}), the frames
 *   the host synthesizes in `values` and `messages` mode;
 * - `unknown` ({@link RunStreamUnknownEvent}), a log event of any other type.
 *
 * Every item has a `sequence`, the log position it stands for. Frames the SDK does not recognise at all (an optional
 * `run.annotated`, say) are skipped.
 */
export type RunStreamItem = CoreRunEvent | RunStreamSnapshot | RunStreamMessageChunk | RunStreamUnknownEvent;

/**
 * What a {@link RunStream} needs from the client: how to open a connection and how to reconnect.
 *
 * @internal
 */
export interface RunStreamConfig {
  runId: string;
  /**
   * Opens one connection: `GET /v1/runs/{runId}/events` with `Last-Event-ID: lastEventId` when given. Resolves with
   * the 2xx response; rejects with the SDK's error for anything else.
   */
  connect: (lastEventId: string | undefined, signal: AbortSignal) => Promise<Response>;
  signal: AbortSignal | undefined;
  /** Resume point of the first connection. */
  lastEventId: string | undefined;
  /** Whether a clean end of the response ends the stream (modes that never deliver a terminal event). */
  endsOnClose: boolean;
  /**
   * Asked when a connection ended cleanly without anything new (a resume point at or after the terminal event):
   * whether the run is over, which ends the stream instead of reconnecting.
   */
  isRunOver?: (() => Promise<boolean>) | undefined;
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  idleTimeoutMs: number;
  /** A connection open at least this long counts as healthy even without new events; defaults to 10 s. */
  healthyConnectionMs?: number | undefined;
}

const TERMINAL_EVENT_TYPES: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled']);
const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
const CORE_EVENT_TYPES: ReadonlySet<string> = new Set(coreRunEventTypes);
// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;
// Long enough that a host closing every connection at once is not mistaken for a healthy one, short enough that
// proxies and platforms that cut idle or long responses (commonly after 30 to 60 s) do not use up the retries.
const HEALTHY_CONNECTION_MS = 10_000;

/**
 * The events of one run as they happen, returned by `runs.stream`. Iterate it once with `for await`; the loop ends
 * after the run's terminal event. Dropped connections are resumed from the last event seen, and no event is yielded
 * twice. Leaving the loop early (`break`, `return`, a thrown error) closes the connection.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const stream = wopkit.runs.stream('run_01JD7Y8Q2M');
 * for await (const item of stream) {
 *   if (item.type === 'node.completed') console.log(`${item.payload.nodeId} done`);
 *   else console.log(item.type);
 * }
 * ```
 */
export class RunStream implements AsyncIterable<RunStreamItem> {
  readonly #config: RunStreamConfig;
  #isIterated = false;

  /** @internal Created by `runs.stream`. */
  constructor(config: RunStreamConfig) {
    this.#config = config;
  }

  /** Opens the stream. A `RunStream` can be iterated once; call `runs.stream` again for another subscription. */
  [Symbol.asyncIterator](): AsyncGenerator<RunStreamItem, void, undefined> {
    if (this.#isIterated) {
      throw new WopkitError(
        `the stream of run "${this.#config.runId}" is already being read; call runs.stream again to subscribe twice`,
      );
    }
    this.#isIterated = true;
    return iterate(this.#config);
  }
}

/** How one connection ended; `endedCleanly` when the host closed the response rather than the connection failing. */
type ConnectionOutcome = { kind: 'finished' } | { kind: 'lost'; error: WopkitError; endedCleanly?: boolean };

/** What survives from one connection to the next. */
interface StreamState {
  cursor: Cursor;
  /** The reconnection delay: `retryDelayMs` until the host sends `retry:`. */
  retryMs: number;
  /** When the current connection's response arrived; `undefined` until it does. */
  openedAt: number | undefined;
}

async function* iterate(config: RunStreamConfig): AsyncGenerator<RunStreamItem, void, undefined> {
  const state: StreamState = {
    cursor: new Cursor(config.lastEventId),
    retryMs: config.retryDelayMs,
    openedAt: undefined,
  };
  const healthyConnectionMs = config.healthyConnectionMs ?? HEALTHY_CONNECTION_MS;
  let failures = 0;
  for (;;) {
    if (config.signal?.aborted) throw userAbort(config.runId, config.signal);
    const resumedFrom = state.cursor.highest;
    const outcome = yield* readConnection(config, state);
    if (outcome.kind === 'finished') return;
    // A host closes a stream at once, empty, when the resume point is already the end of a finished run's log.
    if (outcome.endedCleanly && state.cursor.highest === resumedFrom && (await isRunOver(config))) return;

    // A connection that brought new events, or stayed open a good while (cut by a proxy, say), shows the host is
    // fine: the backoff starts over. One that failed or ended at once counts against `maxRetries`.
    const wasHealthy =
      state.cursor.highest > resumedFrom ||
      (state.openedAt !== undefined && Date.now() - state.openedAt >= healthyConnectionMs);
    failures = wasHealthy ? 1 : failures + 1;
    if (failures > config.maxRetries) throw outcome.error;
    await sleep(computeReconnectDelayMs(failures, state.retryMs, config.maxRetryDelayMs), config);
  }
}

async function* readConnection(
  config: RunStreamConfig,
  state: StreamState,
): AsyncGenerator<RunStreamItem, ConnectionOutcome, undefined> {
  state.openedAt = undefined;
  // Aborted when this connection is left for any reason, so the request and its body are always released.
  const connection = new AbortController();
  const signal = config.signal === undefined ? connection.signal : AbortSignal.any([config.signal, connection.signal]);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  // Cancelling the reader ends a pending read at once, also where aborting the fetch does not reach the body.
  const cancelReader = (): void => void reader?.cancel(signal.reason).catch(ignoreCancelFailure);
  signal.addEventListener('abort', cancelReader, { once: true });
  const idleTimer = new IdleTimer(config.idleTimeoutMs, () => connection.abort(new Error('idle')));

  try {
    let response: Response;
    try {
      response = await config.connect(state.cursor.resumeId, signal);
    } catch (error) {
      if (config.signal?.aborted) throw userAbort(config.runId, config.signal, error);
      if (isRetryableConnectError(error)) return { kind: 'lost', error };
      throw error;
    }
    const contentType = response.headers.get('content-type');
    if (contentType !== null && !/^\s*text\/event-stream\s*(;|$)/i.test(contentType)) {
      void response.body?.cancel().catch(ignoreCancelFailure);
      throw new WopkitError(
        `the event stream of run "${config.runId}" answered with Content-Type ${contentType}, not text/event-stream`,
      );
    }
    state.openedAt = Date.now();
    if (response.body === null) return lostOrFinished(config);

    reader = response.body.getReader();
    if (signal.aborted) cancelReader();
    const parser = new SseParser();
    idleTimer.start();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (config.signal?.aborted) throw userAbort(config.runId, config.signal, error);
        if (idleTimer.hasFired) return idle(config);
        return {
          kind: 'lost',
          error: new APIConnectionError(
            `the event stream of run "${config.runId}" was interrupted: ${describeCause(error)}`,
            { cause: error },
          ),
        };
      }
      if (config.signal?.aborted) throw userAbort(config.runId, config.signal);
      if (idleTimer.hasFired) return idle(config);
      if (chunk.done) return lostOrFinished(config);
      idleTimer.start();

      for (const record of parser.push(chunk.value)) {
        if (record.kind === 'retry') state.retryMs = record.ms;
        if (record.kind !== 'event') continue;
        for (const item of decodeFrame(record, state.cursor, config.runId)) {
          yield item;
          if (isTerminal(item)) return { kind: 'finished' };
        }
      }
    }
  } finally {
    idleTimer.stop();
    signal.removeEventListener('abort', cancelReader);
    connection.abort();
    // Not awaited: a body teed by a proxy or a test mock settles its cancel only once every branch is cancelled.
    void reader?.cancel().catch(ignoreCancelFailure);
  }
}

/** Whether the run is known to be over; a failure to find out counts as no, and the stream reconnects. */
async function isRunOver(config: RunStreamConfig): Promise<boolean> {
  try {
    return (await config.isRunOver?.()) ?? false;
  } catch (error) {
    if (config.signal?.aborted) throw userAbort(config.runId, config.signal, error);
    return false;
  }
}

function lostOrFinished(config: RunStreamConfig): ConnectionOutcome {
  if (config.endsOnClose) return { kind: 'finished' };
  return {
    kind: 'lost',
    error: new APIConnectionError(`the event stream of run "${config.runId}" ended before the run's terminal event`),
    endedCleanly: true,
  };
}

function idle(config: RunStreamConfig): ConnectionOutcome {
  return {
    kind: 'lost',
    error: new APIConnectionTimeoutError(
      `the event stream of run "${config.runId}" sent nothing, not even a keep-alive, for ${config.idleTimeoutMs} ms`,
    ),
  };
}

/**
 * The highest sequence seen (the resume point) and, per kind of item, the highest sequence yielded. Kinds are kept
 * apart because a host may send, say, an `output.chunk` event and its `ai.message.chunk` under the same `id:`.
 */
class Cursor {
  /** What to send as `Last-Event-ID`. */
  resumeId: string | undefined;
  #highest: number;

  /** The highest sequence seen; -1 before any (or when resuming from an `eventId`). */
  get highest(): number {
    return this.#highest;
  }
  /** The resume point the stream was opened with: nothing up to it is yielded. */
  readonly #start: number;
  readonly #yielded = new Map<RunStreamItem['type'] | 'event', number>();

  constructor(lastEventId: string | undefined) {
    this.resumeId = lastEventId;
    // An `eventId` given as the resume point means nothing to the de-duplication; the host resolves it.
    this.#start = parseSequence(lastEventId) ?? -1;
    this.#highest = this.#start;
  }

  /** Records that a frame or event with this sequence was seen. */
  see(sequence: number | undefined): void {
    if (sequence === undefined || sequence <= this.#highest) return;
    this.#highest = sequence;
    this.resumeId = String(sequence);
  }

  /** Whether an item with this sequence is new; if it is, it counts as yielded. Items without a sequence always are. */
  admit(kind: RunStreamItem['type'] | 'event', sequence: number | undefined): boolean {
    if (sequence === undefined) return true;
    if (sequence <= (this.#yielded.get(kind) ?? this.#start)) return false;
    this.#yielded.set(kind, sequence);
    this.see(sequence);
    return true;
  }
}

/** Turns one SSE frame into the items it carries, leaving out those already yielded. */
function decodeFrame(record: Extract<SseRecord, { kind: 'event' }>, cursor: Cursor, runId: string): RunStreamItem[] {
  const frameSequence = parseSequence(record.id);
  let data: unknown;
  try {
    data = JSON.parse(record.data);
  } catch (error) {
    throw new WopkitError(
      `the event stream of run "${runId}" sent a "${record.event}" frame whose data is not JSON: ${describeCause(error)}`,
      { cause: error },
    );
  }

  const items: RunStreamItem[] = [];
  if (Array.isArray(data)) {
    for (const element of data) {
      const item = classify(element, undefined, undefined, cursor);
      if (item !== undefined) items.push(item);
    }
  } else {
    const item = classify(data, record.event, frameSequence, cursor);
    if (item !== undefined) items.push(item);
  }
  cursor.see(frameSequence);
  return items;
}

/**
 * Recognises one document: a log event by its `type` and `sequence`, a synthesized frame by its `event:` name or,
 * in mixed mode where `event:` names the mode, by its shape. Returns `undefined` for duplicates and for anything
 * unrecognised.
 */
function classify(
  value: unknown,
  frameName: string | undefined,
  frameSequence: number | undefined,
  cursor: Cursor,
): RunStreamItem | undefined {
  if (!isRecord(value)) return undefined;

  if (frameName !== 'state.snapshot' && frameName !== 'ai.message.chunk' && isLogEvent(value)) {
    if (!cursor.admit('event', value.sequence)) return undefined;
    if (CORE_EVENT_TYPES.has(value.type)) return value as CoreRunEvent;
    return { type: 'unknown', sequence: value.sequence, event: value };
  }
  if (frameName === 'ai.message.chunk' || (value['type'] === undefined && typeof value['chunk'] === 'string')) {
    if (!cursor.admit('ai.message.chunk', frameSequence)) return undefined;
    return { type: 'ai.message.chunk', sequence: frameSequence, chunk: value as AiMessageChunk };
  }
  if (
    frameName === 'state.snapshot' ||
    (value['type'] === undefined && typeof value['runId'] === 'string' && typeof value['status'] === 'string')
  ) {
    if (!cursor.admit('state.snapshot', frameSequence)) return undefined;
    return { type: 'state.snapshot', sequence: frameSequence, snapshot: value as RunSnapshot };
  }
  return undefined;
}

function isLogEvent(value: Record<string, unknown>): value is RunEventDoc & Record<string, unknown> {
  return typeof value['type'] === 'string' && isSequence(value['sequence']);
}

function isTerminal(item: RunStreamItem): boolean {
  if (item.type === 'state.snapshot') return TERMINAL_STATUSES.has(item.snapshot.status);
  return TERMINAL_EVENT_TYPES.has(item.type);
}

/**
 * Errors worth another connection: no response (after the transport's own retries) and 5xx answers other than
 * `501 Not Implemented`, which will not change. Every other status, including 4xx, is final.
 */
function isRetryableConnectError(error: unknown): error is WopkitError {
  if (error instanceof APIConnectionError) return true;
  return error instanceof InternalServerError && error.status !== 501;
}

/**
 * The wait before reconnect number `attempt` (1 for the first): the reconnection delay doubled per attempt, capped at
 * `maxDelayMs` (or at the host's `retry:` when that is larger), less up to 25 % jitter.
 *
 * @internal
 */
export function computeReconnectDelayMs(
  attempt: number,
  retryMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const capMs = Math.max(maxDelayMs, retryMs);
  const delayMs = Math.min(retryMs * 2 ** Math.max(0, attempt - 1), capMs, MAX_TIMER_MS);
  // Jitter spreads out clients that lost the same host at once, so they do not come back in lockstep.
  return Math.round(delayMs * (1 - 0.25 * random()));
}

function sleep(ms: number, config: RunStreamConfig): Promise<void> {
  const { signal } = config;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(userAbort(config.runId, signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(userAbort(config.runId, signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A restartable timer that notes when the connection has been silent for too long. */
class IdleTimer {
  readonly #timeoutMs: number;
  readonly #onFire: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #hasFired = false;

  constructor(timeoutMs: number, onFire: () => void) {
    this.#timeoutMs = timeoutMs;
    this.#onFire = onFire;
  }

  get hasFired(): boolean {
    return this.#hasFired;
  }

  start(): void {
    this.stop();
    if (!Number.isFinite(this.#timeoutMs)) return;
    this.#timer = setTimeout(
      () => {
        this.#hasFired = true;
        this.#onFire();
      },
      Math.min(this.#timeoutMs, MAX_TIMER_MS),
    );
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

function userAbort(runId: string, signal: AbortSignal, cause?: unknown): APIUserAbortError {
  // The transport already reports an abort during connect in its own words; keep that one.
  if (cause instanceof APIUserAbortError) return cause;
  return new APIUserAbortError(`the event stream of run "${runId}" was aborted by the caller`, {
    cause: signal.reason,
  });
}

function parseSequence(id: string | undefined): number | undefined {
  if (id === undefined || !/^\d+$/.test(id)) return undefined;
  const sequence = Number(id);
  return Number.isSafeInteger(sequence) ? sequence : undefined;
}

function isSequence(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ignoreCancelFailure(): void {
  // The body is being thrown away; a failure to cancel it (already closed or errored) changes nothing.
}
