// A scripted run for tests and demos: `getRun`, `pollRunEvents` and `streamRunEvents` answered from one event list.

import { http, HttpResponse, type HttpHandler } from 'msw';
import { streamModeEventTypes } from '../generated/events.gen.js';
import type { RunEventDoc, RunSnapshot, RunStatus } from '../generated/types.gen.js';
import type { RunStreamMode } from '../lib/run-stream.js';
import { mockOperations } from './operations.gen.js';
import { toUrlPattern } from './url-pattern.js';

/** One scripted event: `type` and `payload`, the rest filled in (`sequence` always counts up from 0). */
export interface MockRunEventInit {
  /** Event type, e.g. `node.completed`. */
  type: string;
  /** Event payload; defaults to `{}`. */
  payload?: unknown;
  /** Node the event concerns; defaults to `payload.nodeId` when that is a string. */
  nodeId?: string;
  /** Defaults to `<runId>-evt-<sequence>`. */
  eventId?: string;
  /** Defaults to 100 ms after the previous event, from the contract example's `startedAt`. */
  timestamp?: string;
  /** Event id of the event that caused this one. */
  causationId?: string;
}

/** Options of {@link mockRun}. */
export interface MockRunOptions {
  /** Defaults to the contract example's `run_01JD7Y8Q2M`. */
  runId?: string;
  /** Defaults to the contract example's `ticket-triage`. */
  workflowId?: string;
  /**
   * The run's event log, in order. Defaults to the contract examples' two-node workflow run to the end `status` asks for
   * (`run.started`, `node.started`/`node.completed` per node, then `run.completed`, or a failing or cancelled last node).
   */
  events?: readonly MockRunEventInit[];
  /**
   * The status the run ends in; defaults to `completed`. For `completed`, `failed` and `cancelled` the log ends with the
   * matching terminal event (added when `events` does not end with one). Any other status leaves the run going: after
   * the last event, `getRun` reports this status and streams stay open, sending keep-alives.
   */
  status?: RunStatus;
  /** Milliseconds between two events being appended; `0` (the default) appends them all at once. */
  paceMs?: number;
  /**
   * Drops stream connections early: after this many frames on the first connection, or, given a list, after
   * `dropAfter[n]` frames on connection `n`. Later connections run to the end.
   */
  dropAfter?: number | readonly number[];
  /** How a dropped connection ends: `error` (the default) like a reset network connection, `close` like a clean end. */
  dropWith?: 'error' | 'close';
  /** Sent as `retry:` at the start of every stream, advising clients how long to wait before reconnecting. */
  retryMs?: number;
  /** Interval of `:keepalive` comments on open streams; defaults to 15 000 ms. */
  keepAliveMs?: number;
  /** The stream modes served; others answer `400 unsupported_stream_mode`. Defaults to all four. */
  streamModes?: readonly RunStreamMode[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>` or get `401`. */
  apiKey?: string;
  /** Only requests to this origin (and path prefix) match; by default any origin does. */
  baseUrl?: string;
  /**
   * Suspends the run at this node, as a human-in-the-loop gate would: events after the node's `node.suspended` are
   * appended only once `resolveInterruptByRun` (`wopkit.interrupts.resolve`) answers it, paced from that moment, and
   * the resume value is copied into the `interrupt.resolved` that follows. Without `events`, the log is an approval
   * at this node that completes the run once resolved.
   */
  interruptAt?: string;
}

/** One stream connection a {@link MockRun} served, as the test inspects it. */
export interface MockRunConnection {
  /** The `streamMode` query parameter, or `updates` when absent. */
  readonly streamMode: string;
  /** The `bufferMs` honoured (clamped to 5000); `0` when absent. */
  readonly bufferMs: number;
  /** The request's `Last-Event-ID` header. */
  readonly lastEventId: string | undefined;
  /** The request's headers. */
  readonly headers: Headers;
  /** The `id:` of each frame sent, in order. */
  readonly sentIds: readonly number[];
  /**
   * `open` while streaming, `ended` after the terminal event, `dropped` when {@link MockRunOptions.dropAfter} cut it,
   * `aborted` when the client went away.
   */
  readonly state: 'open' | 'ended' | 'dropped' | 'aborted';
}

/** A scripted run served by MSW handlers; see {@link mockRun}. */
export interface MockRun {
  /** The handlers to pass to `setupServer`, `setupWorker` or `server.use`. */
  readonly handlers: HttpHandler[];
  readonly runId: string;
  readonly workflowId: string;
  /** The whole event log, including events not appended yet. */
  readonly events: readonly RunEventDoc[];
  /** Every stream connection served so far, in order. */
  readonly connections: readonly MockRunConnection[];
  /** The events appended so far. */
  appendedEvents(): RunEventDoc[];
  /** The resume value `resolveInterruptByRun` answered the interrupt with; `undefined` while it is pending. */
  resumeValue(): unknown;
  /** What `getRun` answers now: the snapshot folded from the events appended so far. */
  snapshot(): RunSnapshot;
}

const TERMINAL_TYPE_BY_STATUS: Readonly<Record<string, string>> = {
  completed: 'run.completed',
  failed: 'run.failed',
  cancelled: 'run.cancelled',
};
const TERMINAL_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(TERMINAL_TYPE_BY_STATUS));
const STREAM_MODES: readonly RunStreamMode[] = ['values', 'updates', 'messages', 'debug'];
// A batch is flushed at once on these, so a client learns promptly that the run ended or waits.
const FLUSH_TYPES: ReadonlySet<string> = new Set([...TERMINAL_EVENT_TYPES, 'node.suspended']);
const MAX_BUFFER_MS = 5_000;
const DEFAULT_KEEP_ALIVE_MS = 15_000;
const EVENT_SPACING_MS = 100;
const example = mockOperations.getRun.body;
const exampleNodes = mockOperations.getWorkflow.body.nodes;

/**
 * Serves one scripted run from a single event list: `getRun` answers the snapshot folded from the events appended so
 * far, `pollRunEvents` the events after `lastSequence` (waiting up to `timeout` for new ones), and `streamRunEvents` a
 * real server-sent event stream that honours `streamMode` (`updates`, `debug`, `values`, `messages`, comma lists),
 * `bufferMs` batching and `Last-Event-ID` resume, ends after the terminal event, and can drop its first connections
 * ({@link MockRunOptions.dropAfter}) so that clients must resume.
 *
 * The run starts when the mock first receives a request for it; event `n` is appended `n × paceMs` later. Pacing runs
 * on real timers and stops when the client goes away. Requests for other run ids fall through to the next handler, so
 * several mocked runs can be served side by side.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { Wopkit } from '@wopkit/sdk';
 * import { mockRun } from '@wopkit/sdk/mocks';
 *
 * const run = mockRun({ status: 'failed', paceMs: 20, dropAfter: 2, retryMs: 10 });
 * const server = setupServer(...run.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * for await (const item of wopkit.runs.stream(run.runId)) console.log(item.sequence, item.type);
 * console.log(run.connections.map((connection) => connection.state)); // ['dropped', 'ended']
 * server.close();
 * ```
 */
export function mockRun(options: MockRunOptions = {}): MockRun {
  const runId = options.runId ?? example.runId;
  const workflowId = options.workflowId ?? example.workflowId;
  const status = options.status ?? 'completed';
  const paceMs = options.paceMs ?? 0;
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  if (!(paceMs >= 0 && Number.isFinite(paceMs))) throw new Error(`paceMs must be a non-negative number, got ${paceMs}`);
  if (!(keepAliveMs > 0)) throw new Error(`keepAliveMs must be a positive number, got ${keepAliveMs}`);

  const { interruptAt } = options;
  const scripted = options.events ?? (interruptAt === undefined ? undefined : approvalEvents(workflowId, interruptAt));
  const events = buildEvents(runId, workflowId, status, scripted);
  const connections: ConnectionRecord[] = [];
  let startedAt: number | undefined;
  // The interrupt: the run holds after `holdAt` until it is resolved at `releasedAt`.
  const holdAt =
    interruptAt === undefined
      ? undefined
      : events.findIndex((event) => event.type === 'node.suspended' && event.nodeId === interruptAt);
  if (holdAt === -1) throw new Error(`interruptAt: the events have no node.suspended for node "${interruptAt}"`);
  let releasedAt: number | undefined;
  let resumeValue: unknown;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));

  const appendTime = (sequence: number): number => {
    const start = startedAt ?? Date.now();
    if (holdAt === undefined || sequence <= holdAt) return start + sequence * paceMs;
    if (releasedAt === undefined) return Infinity;
    return Math.max(releasedAt, start + holdAt * paceMs) + (sequence - holdAt) * paceMs;
  };
  const timeline: Timeline = {
    events,
    start: () => {
      startedAt ??= Date.now();
    },
    appendedCount: () => {
      if (startedAt === undefined) return 0;
      const now = Date.now();
      let count = 0;
      while (count < events.length && appendTime(count) <= now) count += 1;
      return count;
    },
    appendTime,
    async waitFor(sequence, signal, deadline = Infinity) {
      const at = appendTime(sequence);
      if (at !== Infinity || deadline !== Infinity) {
        if (at !== Infinity || releasedAt !== undefined) return sleepUntil(Math.min(at, deadline), signal);
        // Held: wake at the deadline or when the interrupt is resolved, whichever is first.
        await Promise.race([sleepUntil(deadline, signal), released]);
        return;
      }
      await Promise.race([released, aborted(signal)]);
      return this.waitFor(sequence, signal, deadline);
    },
  };
  const snapshotAt = (count: number): RunSnapshot =>
    foldSnapshot(runId, workflowId, events.slice(0, count), count === events.length ? status : undefined);

  const context: HandlerContext = { options, runId, timeline, snapshotAt, connections, keepAliveMs };
  const handlers = [
    http.get(toUrlPattern(mockOperations.getRun.path, options.baseUrl), ({ request, params }) => {
      if (params['runId'] !== runId) return undefined;
      const denied = checkAuthorization(request, options.apiKey);
      if (denied !== undefined) return denied;
      timeline.start();
      return HttpResponse.json(snapshotAt(timeline.appendedCount()));
    }),
    http.get(toUrlPattern(mockOperations.pollRunEvents.path, options.baseUrl), ({ request, params }) => {
      if (params['runId'] !== runId) return undefined;
      return answerPoll(request, context);
    }),
    http.get(toUrlPattern(mockOperations.streamRunEvents.path, options.baseUrl), ({ request, params }) => {
      if (params['runId'] !== runId) return undefined;
      return answerStream(request, context);
    }),
    http.post(toUrlPattern(mockOperations.resolveInterruptByRun.path, options.baseUrl), async ({ request, params }) => {
      if (params['runId'] !== runId || holdAt === undefined) return undefined;
      const denied = checkAuthorization(request, options.apiKey);
      if (denied !== undefined) return denied;
      if (params['nodeId'] !== interruptAt) {
        return problem(404, 'interrupt_not_found', `run "${runId}" has no interrupt at node "${params['nodeId']}"`);
      }
      timeline.start();
      if (releasedAt !== undefined) {
        return problem(409, 'interrupt_already_resolved', `the interrupt at node "${interruptAt}" was resolved`);
      }
      if (timeline.appendedCount() <= holdAt) {
        return problem(409, 'interrupt_not_pending', `the run has not reached node "${interruptAt}" yet`);
      }
      const body = (await request.json().catch(() => undefined)) as { resumeValue?: unknown } | undefined;
      if (!isRecord(body) || !isRecord(body.resumeValue)) {
        return problem(400, 'validation_error', 'the body must be { resumeValue: object }');
      }
      resumeValue = body.resumeValue;
      const resolved = events.slice(holdAt + 1).find((event) => event.type === 'interrupt.resolved');
      if (resolved && isRecord(resolved.payload)) resolved.payload = { ...resolved.payload, resumeValue };
      releasedAt = Date.now();
      release();
      return HttpResponse.json({ runId, nodeId: interruptAt, status: 'running' });
    }),
  ];

  return {
    handlers,
    runId,
    workflowId,
    events,
    connections,
    appendedEvents: () => events.slice(0, timeline.appendedCount()),
    resumeValue: () => resumeValue,
    snapshot: () => snapshotAt(timeline.appendedCount()),
  };
}

interface Timeline {
  readonly events: readonly RunEventDoc[];
  /** Starts the run's clock (once). */
  start(): void;
  /** How many events have been appended by now. */
  appendedCount(): number;
  /** When the event with this sequence is (or was) appended, in epoch milliseconds; `Infinity` while held. */
  appendTime(sequence: number): number;
  /** Resolves once the event with this sequence is appended, or at `deadline`; rejects when `signal` aborts. */
  waitFor(sequence: number, signal: AbortSignal, deadline?: number): Promise<void>;
}

interface HandlerContext {
  readonly options: MockRunOptions;
  readonly runId: string;
  readonly timeline: Timeline;
  readonly snapshotAt: (count: number) => RunSnapshot;
  readonly connections: ConnectionRecord[];
  readonly keepAliveMs: number;
}

interface ConnectionRecord {
  streamMode: string;
  bufferMs: number;
  lastEventId: string | undefined;
  headers: Headers;
  sentIds: number[];
  state: MockRunConnection['state'];
}

async function answerPoll(request: Request, context: HandlerContext): Promise<Response> {
  const denied = checkAuthorization(request, context.options.apiKey);
  if (denied !== undefined) return denied;
  const query = new URL(request.url).searchParams;
  const lastSequence = parseInteger(query.get('lastSequence'), -1, 0, Number.MAX_SAFE_INTEGER);
  const timeoutSeconds = parseInteger(query.get('timeout'), 30, 1, 60);
  if (lastSequence === undefined || timeoutSeconds === undefined) {
    return problem(400, 'validation_error', 'lastSequence must be an integer ≥ 0 and timeout one from 1 to 60');
  }

  const { timeline } = context;
  const { events } = timeline;
  timeline.start();
  const last = events.at(-1);
  const endsWithTerminal = last !== undefined && TERMINAL_EVENT_TYPES.has(last.type);
  const deadline = Date.now() + timeoutSeconds * 1000;
  let count = timeline.appendedCount();
  // Hold the poll until an event after the cursor is appended, the timeout passes or the client goes away; a finished
  // run answers at once.
  while (count - 1 <= lastSequence && !(endsWithTerminal && count === events.length) && Date.now() < deadline) {
    try {
      if (count < events.length) await timeline.waitFor(count, request.signal, deadline);
      else await sleepUntil(deadline, request.signal);
    } catch {
      // The client went away; nobody reads this answer.
      break;
    }
    count = timeline.appendedCount();
  }
  const page = events.slice(lastSequence + 1, count);
  const isComplete =
    endsWithTerminal && count === events.length && (page.at(-1)?.sequence ?? lastSequence) >= last.sequence;
  return HttpResponse.json({ events: page, isComplete });
}

function answerStream(request: Request, context: HandlerContext): Response {
  const denied = checkAuthorization(request, context.options.apiKey);
  if (denied !== undefined) return denied;
  const query = new URL(request.url).searchParams;
  const supported = context.options.streamModes ?? STREAM_MODES;
  const rawModes = query.get('streamMode') ?? 'updates';
  const modes = rawModes.split(',');
  for (const mode of modes) {
    if (!(supported as readonly string[]).includes(mode)) {
      return problem(400, 'unsupported_stream_mode', `stream mode "${mode}" is not supported`, { supported });
    }
  }
  if (modes.length > 1 && modes.includes('values')) {
    return problem(400, 'unsupported_stream_mode', 'stream mode "values" cannot be combined with other modes', {
      supported,
    });
  }
  const bufferMs = parseInteger(query.get('bufferMs'), 0, 0, Number.MAX_SAFE_INTEGER);
  if (bufferMs === undefined) return problem(400, 'validation_error', 'bufferMs must be an integer ≥ 0');

  const { timeline } = context;
  timeline.start();
  const lastEventId = request.headers.get('last-event-id') ?? undefined;
  const record: ConnectionRecord = {
    streamMode: rawModes,
    bufferMs: Math.min(bufferMs, MAX_BUFFER_MS),
    lastEventId,
    headers: request.headers,
    sentIds: [],
    state: 'open',
  };
  const index = context.connections.push(record) - 1;
  const { dropAfter } = context.options;
  const dropLimit = typeof dropAfter === 'number' ? (index === 0 ? dropAfter : undefined) : dropAfter?.[index];

  const writer = new StreamWriter({
    record,
    modes: modes as RunStreamMode[],
    timeline,
    snapshotAt: context.snapshotAt,
    cursor: resolveCursor(lastEventId, timeline.events),
    dropLimit,
    dropWith: context.options.dropWith ?? 'error',
    retryMs: context.options.retryMs,
    keepAliveMs: context.keepAliveMs,
    signal: request.signal,
  });
  return new HttpResponse(writer.body, {
    headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' },
  });
}

interface StreamWriterOptions {
  record: ConnectionRecord;
  modes: RunStreamMode[];
  timeline: Timeline;
  snapshotAt: (count: number) => RunSnapshot;
  /** Sequence of the last event the client has; -1 for none. */
  cursor: number;
  dropLimit: number | undefined;
  dropWith: 'error' | 'close';
  retryMs: number | undefined;
  keepAliveMs: number;
  signal: AbortSignal;
}

interface Frame {
  id: number;
  event: string;
  data: unknown;
}

/** Writes one connection's frames into a `ReadableStream` body, one chunk per frame. */
class StreamWriter {
  readonly body: ReadableStream<Uint8Array>;
  readonly #options: StreamWriterOptions;
  readonly #stop = new AbortController();
  readonly #encoder = new TextEncoder();
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #batch: RunEventDoc[] = [];
  #batchFlushAt = 0;
  /**
   * A drop by error waits for the client's next read, since erroring a stream discards the frames still queued in it
   * (and in the branches MSW tees it into).
   */
  #isErrorPending = false;

  constructor(options: StreamWriterOptions) {
    this.#options = options;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
          void this.#run();
        },
        pull: (controller) => {
          if (this.#isErrorPending) controller.error(new TypeError('mockRun dropped the connection'));
        },
        cancel: () => this.#finish('aborted'),
      },
      // Nothing is pulled ahead: `pull` runs only when the client waits for data, which is when a pending drop happens.
      { highWaterMark: 0 },
    );
    options.signal.addEventListener('abort', () => this.#finish('aborted'), { once: true });
  }

  async #run(): Promise<void> {
    const { modes, timeline, cursor, retryMs, keepAliveMs } = this.#options;
    const { events } = timeline;
    this.#keepAlive = setInterval(() => this.#write(':keepalive\n\n'), keepAliveMs);
    // An open stream must not keep a test process alive on its own (`unref` exists in Node only).
    (this.#keepAlive as { unref?: () => void }).unref?.();
    if (retryMs !== undefined) this.#write(`retry: ${retryMs}\n\n`);
    try {
      let next = cursor + 1;
      // On resume, `values` starts with a fresh baseline of the current state.
      if (modes[0] === 'values' && cursor >= 0) {
        const count = timeline.appendedCount();
        if (count > 0) {
          if (this.#send({ id: count - 1, event: 'state.snapshot', data: this.#options.snapshotAt(count) })) return;
          next = Math.max(next, count);
        }
      }
      for (let sequence = next; sequence < events.length; sequence++) {
        const appendAt = timeline.appendTime(sequence);
        if (this.#batch.length > 0 && this.#batchFlushAt < appendAt) {
          await sleepUntil(this.#batchFlushAt, this.#stop.signal);
          if (this.#flushBatch()) return;
        }
        await timeline.waitFor(sequence, this.#stop.signal);
        if (this.#emit(events[sequence]!)) return;
      }
      if (this.#batch.length > 0) {
        await sleepUntil(this.#batchFlushAt, this.#stop.signal);
        if (this.#flushBatch()) return;
      }
      const last = events.at(-1);
      if (last !== undefined && TERMINAL_EVENT_TYPES.has(last.type) && this.#options.record.state === 'open') {
        this.#finish('ended');
        this.#controller.close();
      }
      // Otherwise the run goes on: the stream stays open with keep-alives until the client leaves.
    } catch {
      // Stopped: the client went away or the connection was dropped; nothing more is written.
    }
  }

  /** Sends (or batches) the frame the stream's modes make of one event; returns true when the connection was dropped. */
  #emit(event: RunEventDoc): boolean {
    const { modes, snapshotAt } = this.#options;
    const mode = modes.find((candidate) => isAdmitted(candidate, event.type));
    if (mode === undefined) return false;
    // `event:` names the event type in mixed streams too, as wopkit hosts do (DECISIONS.md S1).
    if (mode === 'values') {
      return this.#send({ id: event.sequence, event: 'state.snapshot', data: snapshotAt(event.sequence + 1) });
    }
    if (mode === 'messages') {
      if (this.#flushBatch()) return true;
      return this.#send({
        id: event.sequence,
        event: 'ai.message.chunk',
        data: toMessageChunk(event),
      });
    }
    if (this.#options.record.bufferMs > 0) {
      if (this.#batch.length === 0) this.#batchFlushAt = Date.now() + this.#options.record.bufferMs;
      this.#batch.push(event);
      return FLUSH_TYPES.has(event.type) ? this.#flushBatch() : false;
    }
    return this.#send({ id: event.sequence, event: event.type, data: event });
  }

  #flushBatch(): boolean {
    if (this.#batch.length === 0) return false;
    const batch = this.#batch;
    this.#batch = [];
    return this.#send({ id: batch.at(-1)!.sequence, event: 'batch', data: batch });
  }

  /** Writes one frame; returns true when that frame used up the connection's `dropAfter`, which then ends it. */
  #send(frame: Frame): boolean {
    if (this.#options.record.state !== 'open') return true;
    this.#write(`id: ${frame.id}\nevent: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`);
    const { record, dropLimit, dropWith } = this.#options;
    record.sentIds.push(frame.id);
    if (dropLimit === undefined || record.sentIds.length < dropLimit) return false;
    this.#finish('dropped');
    if (dropWith === 'close') this.#controller.close();
    else this.#isErrorPending = true;
    return true;
  }

  #write(text: string): void {
    if (this.#options.record.state !== 'open') return;
    this.#controller.enqueue(this.#encoder.encode(text));
  }

  #finish(state: Exclude<MockRunConnection['state'], 'open'>): void {
    if (this.#options.record.state !== 'open') return;
    this.#options.record.state = state;
    clearInterval(this.#keepAlive);
    this.#stop.abort();
  }
}

// Which core event types each mode sends comes from the contract (`x-stream-modes`); `debug` sends them all.
function isAdmitted(mode: RunStreamMode, type: string): boolean {
  return mode === 'debug' || (streamModeEventTypes[mode] as readonly string[]).includes(type);
}

// The `ai.message.chunk` data of a persisted `output.chunk` event: its payload plus the run id.
function toMessageChunk(event: RunEventDoc): Record<string, unknown> {
  const payload = isRecord(event.payload) ? event.payload : {};
  return {
    nodeId: payload['nodeId'] ?? event.nodeId,
    runId: event.runId,
    chunk: payload['chunk'],
    isLast: payload['isLast'] ?? false,
    ...(payload['meta'] === undefined ? {} : { meta: payload['meta'] }),
  };
}

// `Last-Event-ID` is the decimal sequence of the last event received; an event id is looked up.
function resolveCursor(lastEventId: string | undefined, events: readonly RunEventDoc[]): number {
  if (lastEventId === undefined) return -1;
  if (/^\d+$/.test(lastEventId)) return Number(lastEventId);
  return events.find((event) => event.eventId === lastEventId)?.sequence ?? -1;
}

/** Folds a snapshot from the events appended so far; `finalStatus` applies once the whole log is appended. */
function foldSnapshot(
  runId: string,
  workflowId: string,
  events: readonly RunEventDoc[],
  finalStatus: RunStatus | undefined,
): RunSnapshot {
  const snapshot: RunSnapshot = {
    runId,
    workflowId,
    status: 'pending',
    owner: example.owner,
    engineVersion: example.engineVersion,
    eventLogSchemaVersion: example.eventLogSchemaVersion,
  };
  const nodeStates: Record<string, { status: string; outputs?: unknown }> = {};
  for (const event of events) {
    const payload = isRecord(event.payload) ? event.payload : {};
    const nodeId = event.nodeId ?? (typeof payload['nodeId'] === 'string' ? payload['nodeId'] : undefined);
    switch (event.type) {
      case 'run.started':
        snapshot.status = 'running';
        snapshot.startedAt = event.timestamp;
        if (isRecord(payload['inputs'])) snapshot.variables = payload['inputs'];
        break;
      case 'run.paused':
        snapshot.status = 'paused';
        break;
      case 'run.resumed':
      case 'node.resumed':
      case 'interrupt.resolved':
        snapshot.status = 'running';
        delete snapshot.currentNodeId;
        break;
      case 'node.suspended':
        snapshot.status =
          payload['kind'] === 'external-event'
            ? 'waiting-external'
            : payload['kind'] === 'clarification' || payload['kind'] === 'custom'
              ? 'waiting-input'
              : 'waiting-approval';
        if (nodeId !== undefined) snapshot.currentNodeId = nodeId;
        break;
      case 'run.completed':
      case 'run.failed':
      case 'run.cancelled':
        snapshot.status =
          event.type === 'run.completed' ? 'completed' : event.type === 'run.failed' ? 'failed' : 'cancelled';
        snapshot.completedAt = event.timestamp;
        if (event.type === 'run.failed' && isRecord(payload['error'])) {
          const { code, message, details } = payload['error'];
          snapshot.error = {
            code: String(code),
            message: String(message),
            ...(isRecord(details) ? { details } : {}),
          };
        }
        break;
    }
    if (nodeId !== undefined && event.type.startsWith('node.')) {
      const state = event.type.slice('node.'.length);
      nodeStates[nodeId] = {
        status: state === 'started' ? 'running' : state,
        ...(event.type === 'node.completed' && payload['outputs'] !== undefined ? { outputs: payload['outputs'] } : {}),
      };
    }
  }
  if (Object.keys(nodeStates).length > 0) snapshot.nodeStates = nodeStates;
  // A log without a terminal event leaves the run in the scripted status once it is all appended.
  const lastType = events.at(-1)?.type;
  if (finalStatus !== undefined && (lastType === undefined || !TERMINAL_EVENT_TYPES.has(lastType))) {
    snapshot.status = finalStatus;
  }
  return snapshot;
}

function buildEvents(
  runId: string,
  workflowId: string,
  status: RunStatus,
  scripted: readonly MockRunEventInit[] | undefined,
): RunEventDoc[] {
  const inits = [...(scripted ?? defaultEvents(workflowId, status))];
  const terminalType = TERMINAL_TYPE_BY_STATUS[status];
  const lastType = inits.at(-1)?.type;
  if (terminalType !== undefined && (lastType === undefined || !TERMINAL_EVENT_TYPES.has(lastType))) {
    inits.push(terminalEvent(terminalType, inits.length));
  }
  const startedAt = Date.parse(example.startedAt);
  return inits.map((init, sequence) => {
    const payload = init.payload ?? {};
    const payloadNodeId = isRecord(payload) && typeof payload['nodeId'] === 'string' ? payload['nodeId'] : undefined;
    const nodeId = init.nodeId ?? payloadNodeId;
    return {
      eventId: init.eventId ?? `${runId}-evt-${sequence}`,
      runId,
      type: init.type,
      payload,
      timestamp: init.timestamp ?? new Date(startedAt + sequence * EVENT_SPACING_MS).toISOString(),
      sequence,
      ...(nodeId === undefined ? {} : { nodeId }),
      schemaVersion: 1,
      engineVersion: example.engineVersion,
      ...(init.causationId === undefined ? {} : { causationId: init.causationId }),
    };
  });
}

// The contract examples' workflow (two nodes) run to `status`; the terminal event is added by `buildEvents`.
function defaultEvents(workflowId: string, status: RunStatus): MockRunEventInit[] {
  const events: MockRunEventInit[] = [
    {
      type: 'run.started',
      payload: {
        workflowId,
        inputs: example.variables,
        transport: 'rest',
        engineVersion: example.engineVersion,
        owner: example.owner,
        tags: example.tags,
        metadata: example.metadata,
      },
    },
  ];
  const lastIndex = exampleNodes.length - 1;
  exampleNodes.forEach((node, index) => {
    events.push({ type: 'node.started', payload: { nodeId: node.id, typeId: node.typeId, attempt: 0 } });
    const outputs = node.typeId === 'core.identity' ? example.variables : {};
    if (index < lastIndex || status === 'completed') {
      events.push({ type: 'node.completed', payload: { nodeId: node.id, outputs, durationMs: 40 } });
    } else if (status === 'failed') {
      const error = { code: 'node_failed', message: `node "${node.id}" failed` };
      events.push({ type: 'node.failed', payload: { nodeId: node.id, error, attempts: 1 } });
    } else if (status === 'cancelled') {
      events.push({ type: 'node.cancelled', payload: { nodeId: node.id, reason: 'run cancelled' } });
    }
    // Any other status: the last node is still running.
  });
  return events;
}

// An approval at `nodeId` that suspends the run and, once resolved, completes it.
function approvalEvents(workflowId: string, nodeId: string): MockRunEventInit[] {
  const interruptId = `int_${nodeId}`;
  const data = { title: `Approve ${nodeId}`, actions: ['accept', 'reject'] };
  return [
    { type: 'run.started', payload: { workflowId, inputs: example.variables, transport: 'rest' } },
    { type: 'node.started', payload: { nodeId, typeId: 'core.approvalGate', attempt: 0 } },
    { type: 'interrupt.requested', payload: { nodeId, interruptId, kind: 'approval', key: `${nodeId}:0`, data } },
    { type: 'node.suspended', payload: { nodeId, interruptId, kind: 'approval', key: `${nodeId}:0` } },
    { type: 'interrupt.resolved', payload: { nodeId, interruptId, kind: 'approval' } },
    { type: 'node.resumed', payload: { nodeId, interruptId } },
    { type: 'node.completed', payload: { nodeId, outputs: {}, durationMs: 40 } },
  ];
}

function terminalEvent(type: string, sequence: number): MockRunEventInit {
  const durationMs = sequence * EVENT_SPACING_MS;
  const lastNode = exampleNodes.at(-1)?.id;
  switch (type) {
    case 'run.failed':
      return {
        type,
        payload: {
          error: { code: 'node_failed', message: `node "${lastNode}" failed` },
          ...(lastNode === undefined ? {} : { failedNodeId: lastNode }),
          durationMs,
        },
      };
    case 'run.cancelled':
      return { type, payload: { reason: 'no longer needed', cancelledBy: 'system', durationMs } };
    default:
      return { type, payload: { outputs: example.variables, durationMs } };
  }
}

function checkAuthorization(request: Request, apiKey: string | undefined): Response | undefined {
  if (apiKey === undefined || request.headers.get('authorization') === `Bearer ${apiKey}`) return undefined;
  return problem(401, 'unauthorized', 'the API key is missing or unknown');
}

function problem(status: number, error: string, message: string, details?: Record<string, unknown>): Response {
  return HttpResponse.json({ error, message, ...(details === undefined ? {} : { details }) }, { status });
}

// An integer query parameter within bounds; `fallback` when absent, `undefined` when invalid.
function parseInteger(raw: string | null, fallback: number, min: number, max: number): number | undefined {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

/** Rejects when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function sleepUntil(time: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const delayMs = time - Date.now();
    if (delayMs <= 0) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
