import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../engine/ports.js';
import { EventStreamWriter, modeAdmits, parseStreamModes, type EventStreamOptions } from './event-stream.js';
import { ProblemError } from './problem.js';

/** A response that records what is written and lets a test decide how much stays unsent. */
class FakeResponse extends EventEmitter {
  text = '';
  writableLength = 0;
  destroyed = false;
  ended = false;
  socket = { setNoDelay: () => undefined };
  /** Whether writes stay in the send buffer (a client that does not read). */
  isStalled = false;

  write(chunk: string): boolean {
    this.text += chunk;
    if (this.isStalled) this.writableLength += chunk.length;
    return !this.isStalled;
  }
  end(): void {
    this.ended = true;
  }
  flushHeaders(): void {}
  destroy(): void {
    this.destroyed = true;
  }
}

function event(sequence: number, type: string, payload: unknown = {}): StoredEvent {
  return {
    eventId: `evt_${sequence}`,
    runId: 'run_1',
    type,
    payload,
    timestamp: '2026-12-06T00:00:00.000Z',
    sequence,
    schemaVersion: 1,
    engineVersion: '1',
  };
}

const OPTIONS: EventStreamOptions = {
  modes: ['debug'],
  bufferMs: 0,
  keepAliveMs: 1000,
  maxPendingBytes: 1024,
  retryMs: 1000,
};

function writer(options: Partial<EventStreamOptions> = {}) {
  const res = new FakeResponse();
  const stream = new EventStreamWriter(res as unknown as ServerResponse, { ...OPTIONS, ...options });
  return { res, stream };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('parseStreamModes', () => {
  it('defaults to updates and accepts distinct comma lists', () => {
    expect(parseStreamModes(undefined)).toEqual(['updates']);
    expect(parseStreamModes('debug,messages')).toEqual(['debug', 'messages']);
  });

  it.each(['', 'bogus', 'values,updates', 'updates,updates', 'updates,', 'Updates'])('refuses "%s"', (raw) => {
    expect(() => parseStreamModes(raw)).toThrow(ProblemError);
    try {
      parseStreamModes(raw);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: 'unsupported_stream_mode' });
    }
  });
});

describe('modeAdmits', () => {
  it.each([
    ['updates', 'node.completed', true],
    ['updates', 'node.started', false],
    ['updates', 'log.appended', false],
    ['updates', 'node.cancelled', true],
    ['values', 'node.started', true],
    ['messages', 'output.chunk', true],
    ['messages', 'run.completed', false],
    ['debug', 'vendor.thing', true],
  ] as const)('%s admits %s: %s', (mode, type, admitted) => {
    expect(modeAdmits(mode, type)).toBe(admitted);
  });
});

describe('EventStreamWriter', () => {
  it('opens with a retry advice and frames each admitted event with its sequence and type', () => {
    const { res, stream } = writer({ modes: ['updates'] });
    stream.send([event(0, 'run.started'), event(1, 'node.started'), event(2, 'node.completed')]);
    stream.close();
    expect(res.text).toBe(
      'retry: 1000\n\n' +
        `id: 0\nevent: run.started\ndata: ${JSON.stringify(event(0, 'run.started'))}\n\n` +
        `id: 2\nevent: node.completed\ndata: ${JSON.stringify(event(2, 'node.completed'))}\n\n`,
    );
    expect(res.ended).toBe(true);
  });

  it('turns output.chunk into ai.message.chunk frames in messages mode', () => {
    const { res, stream } = writer({ modes: ['messages'] });
    stream.send([
      event(3, 'output.chunk', { nodeId: 'llm', chunk: 'Hi', isLast: true, meta: { finishReason: 'stop' } }),
    ]);
    expect(res.text).toContain(
      'id: 3\nevent: ai.message.chunk\ndata: {"nodeId":"llm","runId":"run_1","chunk":"Hi","isLast":true,"meta":{"finishReason":"stop"}}\n\n',
    );
  });

  it('batches within bufferMs and flushes at once on a terminal event', () => {
    vi.useFakeTimers();
    const { res, stream } = writer({ bufferMs: 200 });
    stream.send([event(0, 'run.started'), event(1, 'node.started')]);
    expect(res.text).toBe('retry: 1000\n\n');
    vi.advanceTimersByTime(200);
    expect(res.text).toContain('id: 1\nevent: batch\ndata: [');
    stream.send([event(2, 'node.completed'), event(3, 'run.completed')]);
    expect(res.text.match(/event: batch/g)).toHaveLength(2);
    expect(res.text).toContain('id: 3\nevent: batch\n');
    stream.close();
  });

  it('writes keep-alive comments on its interval until closed', () => {
    vi.useFakeTimers();
    const { res, stream } = writer({ keepAliveMs: 100 });
    vi.advanceTimersByTime(250);
    expect(res.text.match(/:keepalive\n\n/g)).toHaveLength(2);
    stream.close();
    vi.advanceTimersByTime(500);
    expect(res.text.match(/:keepalive\n\n/g)).toHaveLength(2);
  });

  it('cuts off a client whose unsent bytes pass the limit, and writes nothing more', () => {
    // Room for two frames, not three.
    const frameBytes =
      JSON.stringify(event(0, 'node.completed')).length + 'id: 0\nevent: node.completed\ndata: \n\n'.length;
    const { res, stream } = writer({ maxPendingBytes: Math.floor(frameBytes * 2.5) });
    res.isStalled = true;
    stream.send([event(0, 'run.started'), event(1, 'node.started')]);
    expect(res.destroyed).toBe(false);
    stream.send([event(2, 'node.completed')]);
    expect(res.destroyed).toBe(true);
    expect(stream.closed).toBe(true);
    const written = res.text;
    stream.send([event(3, 'run.completed')]);
    stream.close();
    expect(res.text).toBe(written);
    expect(res.ended).toBe(false);
  });
});
