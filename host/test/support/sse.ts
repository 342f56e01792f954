/** A small server-sent events reader for host tests: it keeps every frame and comment exactly as received. */
import { SseReader, type SseFrame } from './sse-reader.js';
import type { TestHost } from './test-host.js';

export type { SseFrame } from './sse-reader.js';

/** What a stream delivered. */
export interface SseResult {
  status: number;
  headers: Headers;
  frames: SseFrame[];
  comments: string[];
  /** `retry:` values seen. */
  retries: number[];
  /** `server` when the host ended the response, `client` when the reader stopped first. */
  closedBy: 'server' | 'client';
  /** The body of a non-2xx answer, parsed. */
  problem?: unknown;
}

/** Options of {@link readStream}. */
export interface ReadStreamOptions {
  key?: string | null;
  lastEventId?: string;
  accept?: string;
  /** Stop reading (close the connection) once this returns true for the frames so far. */
  until?: (frames: SseFrame[]) => boolean;
  /** Give up after this long (the reader closes the connection). */
  timeoutMs?: number;
}

/** Opens `GET /v1/runs/{runId}/events{query}` and reads it until the host closes it, `until` holds, or the timeout. */
export async function readStream(
  host: Pick<TestHost, 'request'>,
  runId: string,
  query = '',
  options: ReadStreamOptions = {},
): Promise<SseResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const headers: Record<string, string> = { accept: options.accept ?? 'text/event-stream' };
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  try {
    const response = await host.request(`/v1/runs/${encodeURIComponent(runId)}/events${query}`, {
      headers,
      signal: controller.signal,
      ...(options.key !== undefined ? { key: options.key } : {}),
    });
    const result: SseResult = {
      status: response.status,
      headers: response.headers,
      frames: [],
      comments: [],
      retries: [],
      closedBy: 'server',
    };
    if (!response.ok || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const text = await response.text();
      result.problem = text === '' ? undefined : JSON.parse(text);
      return result;
    }
    const parser = new SseReader();
    result.comments = parser.comments;
    result.retries = parser.retries;
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return result;
        result.frames.push(...parser.push(value));
        if (options.until?.(result.frames)) {
          result.closedBy = 'client';
          await reader.cancel();
          return result;
        }
      }
    } catch (error) {
      if (controller.signal.aborted) {
        result.closedBy = 'client';
        return result;
      }
      throw error;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The JSON of each frame's data. */
export function frameData<T = Record<string, unknown>>(frames: SseFrame[]): T[] {
  return frames.map((frame) => JSON.parse(frame.data) as T);
}
