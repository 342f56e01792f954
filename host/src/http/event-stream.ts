/**
 * Server-sent event streams of a run (`streamRunEvents`): stream modes, the frames each mode sends, `bufferMs`
 * batching, keep-alives, and a bounded send buffer per client.
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { StoredEvent } from '../engine/ports.js';
import { streamModeEventTypes } from '../generated/events.gen.js';
import { TERMINAL_EVENT_TYPES } from '../engine/run-follower.js';
import { ProblemError } from './problem.js';

export const STREAM_MODES = ['values', 'updates', 'messages', 'debug'] as const;
export type StreamMode = (typeof STREAM_MODES)[number];

/** Longest `bufferMs` honoured; larger values are clamped. */
export const MAX_BUFFER_MS = 5000;

// Which core event types each mode sends comes from the contract (`x-stream-modes` in asyncapi.yaml).
const MODE_TYPES: Record<Exclude<StreamMode, 'debug'>, ReadonlySet<string>> = {
  updates: new Set(streamModeEventTypes.updates),
  values: new Set(streamModeEventTypes.values),
  messages: new Set(streamModeEventTypes.messages),
};
/** Events a batch is flushed on at once, so a client learns promptly that the run stopped or waits. */
const FLUSH_TYPES: ReadonlySet<string> = new Set([...TERMINAL_EVENT_TYPES, 'node.suspended']);

/**
 * Parses `streamMode`: one mode or a comma list of distinct modes, `values` alone.
 * @throws ProblemError 400 `unsupported_stream_mode` with `details.supported`
 */
export function parseStreamModes(raw: string | undefined): StreamMode[] {
  if (raw === undefined) return ['updates'];
  const modes = raw.split(',');
  const unsupported = (message: string) =>
    new ProblemError(400, 'unsupported_stream_mode', message, { supported: [...STREAM_MODES] });
  for (const mode of modes) {
    if (!(STREAM_MODES as readonly string[]).includes(mode)) {
      throw unsupported(`stream mode "${mode}" is not supported; use ${STREAM_MODES.join(', ')} or a comma list`);
    }
  }
  if (new Set(modes).size !== modes.length) throw unsupported(`stream mode list "${raw}" names a mode twice`);
  if (modes.length > 1 && modes.includes('values')) {
    throw unsupported('stream mode "values" cannot be combined with other modes');
  }
  return modes as StreamMode[];
}

/** Whether `mode` sends a frame for a log event of `type`. */
export function modeAdmits(mode: StreamMode, type: string): boolean {
  return mode === 'debug' || MODE_TYPES[mode].has(type);
}

/** One SSE record before encoding. `data` is JSON text. */
interface Frame {
  id: number;
  event: string;
  data: string;
}

// Live events are shared by every subscriber of a run, so each is serialised, and its frame encoded, once.
const serialised = new WeakMap<StoredEvent, string>();
function eventJson(event: StoredEvent): string {
  let json = serialised.get(event);
  if (json === undefined) {
    json = JSON.stringify(toEventDoc(event));
    serialised.set(event, json);
  }
  return json;
}

const encodedFrames = new WeakMap<StoredEvent, Buffer>();
/**
 * The frame of a log event, the same in every mode that sends it (`id:` sequence, `event:` type, the event), encoded
 * once as an HTTP/1.1 chunk ready for the socket.
 */
function eventFrame(event: StoredEvent): Buffer {
  let frame = encodedFrames.get(event);
  if (frame === undefined) {
    frame = toChunk(`id: ${event.sequence}\nevent: ${event.type}\ndata: ${eventJson(event)}\n\n`);
    encodedFrames.set(event, frame);
  }
  return frame;
}

/** `text` as one chunk of a chunked HTTP/1.1 body. */
function toChunk(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')]);
}

/** The wire envelope of a stored event: optional fields only when set. */
function toEventDoc(event: StoredEvent): Record<string, unknown> {
  return {
    eventId: event.eventId,
    runId: event.runId,
    ...(event.nodeId !== undefined ? { nodeId: event.nodeId } : {}),
    type: event.type,
    payload: event.payload,
    timestamp: event.timestamp,
    sequence: event.sequence,
    schemaVersion: event.schemaVersion,
    engineVersion: event.engineVersion,
    ...(event.causationId !== undefined ? { causationId: event.causationId } : {}),
  };
}

/** The `ai.message.chunk` frame data derived from a persisted `output.chunk` event. */
function messageChunk(event: StoredEvent): string {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  return JSON.stringify({
    nodeId: payload.nodeId ?? event.nodeId,
    runId: event.runId,
    chunk: payload.chunk,
    isLast: payload.isLast ?? false,
    ...(payload.meta !== undefined ? { meta: payload.meta } : {}),
  });
}

/** Options of {@link EventStreamWriter}. */
export interface EventStreamOptions {
  modes: StreamMode[];
  /** Batching window; `0` sends each frame at once. */
  bufferMs: number;
  /** Interval of `:keepalive` comments. */
  keepAliveMs: number;
  /** A client whose unsent bytes exceed this is disconnected; it resumes with `Last-Event-ID`. */
  maxPendingBytes: number;
  /** Reconnection delay advised to clients (`retry:`). */
  retryMs: number;
}

/**
 * Writes a run's frames to one HTTP response. Log events go through {@link send}; `values` snapshots through
 * {@link sendSnapshot}. It never waits for the client: a client that stops reading is cut off once its pending
 * bytes pass `maxPendingBytes`, which keeps memory per subscriber bounded.
 */
export class EventStreamWriter {
  readonly #res: ServerResponse;
  readonly #options: EventStreamOptions;
  readonly #keepAlive: NodeJS.Timeout;
  readonly #socket: Socket | undefined;
  #pending: StoredEvent[] = [];
  #flushTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(res: ServerResponse, options: EventStreamOptions) {
    this.#res = res;
    this.#options = options;
    res.socket?.setNoDelay(true);
    // Frames go straight to the socket as ready-made chunks: one write each, without the response's per-write
    // bookkeeping, which matters when one commit fans out to a thousand subscribers. The headers go first.
    res.flushHeaders();
    this.#socket = res.chunkedEncoding && res.socket ? res.socket : undefined;
    this.#write(`retry: ${options.retryMs}\n\n`);
    this.#keepAlive = setInterval(() => this.#write(':keepalive\n\n'), options.keepAliveMs);
    this.#keepAlive.unref();
  }

  /** Whether the connection is gone (closed here, by the client, or cut off for being slow). */
  get closed(): boolean {
    return this.#closed || this.#res.destroyed;
  }

  /** Sends the frames the stream's modes make of committed log events. */
  send(events: StoredEvent[]): void {
    // Each event goes out once, as the first of the stream's modes that admits it frames it. `event:` names the event
    // type in mixed streams too (not the mode, as the spec's prose suggests): clients and the conformance suite find
    // the terminal frame by that name.
    for (const event of events) {
      const mode = this.#options.modes.find((candidate) => modeAdmits(candidate, event.type));
      if (mode === undefined) continue;
      if (mode === 'messages') {
        this.#flushPending();
        this.#frame({ id: event.sequence, event: 'ai.message.chunk', data: messageChunk(event) });
      } else if (this.#options.bufferMs > 0) {
        this.#pending.push(event);
        if (FLUSH_TYPES.has(event.type)) this.#flushPending();
        else this.#flushTimer ??= setTimeout(() => this.#flushPending(), this.#options.bufferMs);
      } else {
        this.#writeChunk(eventFrame(event));
      }
    }
  }

  /** Sends a `state.snapshot` frame (`values` mode) tagged with the sequence it reflects. */
  sendSnapshot(sequence: number, snapshot: unknown): void {
    this.#frame({ id: sequence, event: 'state.snapshot', data: JSON.stringify(snapshot) });
  }

  /** Flushes any batch and ends the response. */
  close(): void {
    if (this.#closed) return;
    this.#flushPending();
    this.#closed = true;
    clearInterval(this.#keepAlive);
    if (!this.#res.destroyed) this.#res.end();
  }

  #flushPending(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#frame({
      id: events[events.length - 1]!.sequence,
      event: 'batch',
      data: `[${events.map(eventJson).join(',')}]`,
    });
  }

  #frame(frame: Frame): void {
    this.#write(`id: ${frame.id}\nevent: ${frame.event}\ndata: ${frame.data}\n\n`);
  }

  /** Writes SSE text. */
  #write(text: string): void {
    this.#send(this.#socket ? toChunk(text) : text);
  }

  /** Writes a ready-made chunk of {@link eventFrame}. */
  #writeChunk(chunk: Buffer): void {
    this.#send(this.#socket ? chunk : unchunk(chunk));
  }

  /** Sends bytes to the socket (as a chunk) or through the response, cutting off a client too far behind. */
  #send(data: string | Buffer): void {
    if (this.closed) return;
    const sink = this.#socket ?? this.#res;
    sink.write(data);
    if (sink.writableLength > this.#options.maxPendingBytes) {
      this.#closed = true;
      clearInterval(this.#keepAlive);
      clearTimeout(this.#flushTimer);
      this.#res.destroy();
    }
  }
}

/** The payload of a chunk made by {@link toChunk}. */
function unchunk(chunk: Buffer): Buffer {
  const start = chunk.indexOf('\r\n') + 2;
  return chunk.subarray(start, chunk.length - 2);
}

/** Whether a batch of log events holds the run's terminal event. */
export function endsRun(events: StoredEvent[]): boolean {
  return events.some((event) => TERMINAL_EVENT_TYPES.has(event.type));
}
