import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { Wopkit, type WopkitOptions } from '../client.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  WopkitError,
} from '../errors.js';
import type { NodeCompletedPayload, RunEventDoc, RunStatus } from '../generated/types.gen.js';
import { mockOperation, mockOperations, mockRun, type MockRunEventInit } from '../mocks/index.js';
import { computeReconnectDelayMs, RunStream, type RunStreamConfig, type RunStreamItem } from './run-stream.js';

const baseUrl = 'http://wopkit.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function createWopkit(options: Partial<WopkitOptions> = {}): Wopkit {
  return new Wopkit({ baseUrl, apiKey: 'test-key', ...options });
}

async function collect(stream: RunStream): Promise<RunStreamItem[]> {
  const items: RunStreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/** `sequence type` of each item, with the real type of unknown events. */
function describeItems(items: RunStreamItem[]): string[] {
  return items.map((item) => `${item.sequence} ${item.type === 'unknown' ? `unknown:${item.event.type}` : item.type}`);
}

function event(sequence: number, type: string, payload: unknown = {}): RunEventDoc {
  return { eventId: `evt_${sequence}`, runId: 'run_1', type, payload, timestamp: '2026-11-24T10:00:00.000Z', sequence };
}

function frame(id: number | undefined, name: string | undefined, data: unknown): string {
  const lines = [id === undefined ? '' : `id: ${id}\n`, name === undefined ? '' : `event: ${name}\n`];
  return `${lines.join('')}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Answers stream requests with each of `bodies` in turn (SSE text, the last one repeating), recording each request. */
function serveStreamBodies(bodies: string[], status: RunStatus = 'running'): Request[] {
  const requests: Request[] = [];
  server.use(
    mockOperation('streamRunEvents', ({ request }) => {
      requests.push(request);
      return { body: bodies[Math.min(requests.length, bodies.length) - 1] };
    }),
    mockOperation('getRun', { body: { ...mockOperations.getRun.body, status } }),
  );
  return requests;
}

/** Answers the first `count` stream requests with `response`, then lets them through to the next handler. */
function failFirstStreams(count: number, response: () => Response): { calls: number } {
  const state = { calls: 0 };
  server.use(
    http.get(/\/v1\/runs\/[^/]+\/events$/, () => {
      state.calls += 1;
      return state.calls <= count ? response() : undefined;
    }),
  );
  return state;
}

const chunkEvents: MockRunEventInit[] = [
  { type: 'run.started', payload: { workflowId: 'chat' } },
  { type: 'node.started', payload: { nodeId: 'reply', typeId: 'core.ai.callPrompt' } },
  { type: 'output.chunk', payload: { nodeId: 'reply', chunk: 'Hel' } },
  { type: 'output.chunk', payload: { nodeId: 'reply', chunk: 'lo' } },
  { type: 'output.chunk', payload: { nodeId: 'reply', chunk: '!', isLast: true, meta: { finishReason: 'stop' } } },
  { type: 'node.completed', payload: { nodeId: 'reply', outputs: { text: 'Hello!' } } },
];

describe('runs.stream', () => {
  it('streams the updates of a run to its terminal event with the client config', async () => {
    const run = mockRun();
    server.use(...run.handlers);

    const items = await collect(createWopkit().runs.stream(run.runId));

    expect(describeItems(items)).toEqual(['0 run.started', '2 node.completed', '4 node.completed', '5 run.completed']);
    expect(items).toEqual([0, 2, 4, 5].map((sequence) => run.events[sequence]));
    expect(run.connections).toHaveLength(1);
    const [connection] = run.connections;
    expect(connection?.state).toBe('ended');
    expect(connection?.streamMode).toBe('updates');
    expect(connection?.lastEventId).toBeUndefined();
    expect(connection?.headers.get('accept')).toBe('text/event-stream');
    expect(connection?.headers.get('authorization')).toBe('Bearer test-key');
    expect(connection?.headers.get('x-wopkit-sdk')).toMatch(/^openwop-sdk\//);
  });

  it('sends streamMode, bufferMs and per-call headers, with the stream headers winning', async () => {
    const requests = serveStreamBodies([frame(0, 'run.completed', event(0, 'run.completed'))]);
    await collect(
      createWopkit({ defaultHeaders: { 'X-Tenant': 'acme' } }).runs.stream('run 1', {
        streamMode: ['updates', 'messages'],
        bufferMs: 250,
        headers: { 'X-Trace-Id': 'trace-1', Accept: 'application/json' },
      }),
    );
    const request = requests[0]!;
    const url = new URL(request.url);
    expect(url.pathname).toBe('/v1/runs/run%201/events');
    expect(Object.fromEntries(url.searchParams)).toEqual({ streamMode: 'updates,messages', bufferMs: '250' });
    expect(request.headers.get('x-trace-id')).toBe('trace-1');
    expect(request.headers.get('x-tenant')).toBe('acme');
    expect(request.headers.get('accept')).toBe('text/event-stream');
  });

  it('types each core event by its type', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    for await (const item of createWopkit().runs.stream(run.runId)) {
      if (item.type === 'node.completed') {
        expectTypeOf(item.payload).toEqualTypeOf<NodeCompletedPayload>();
        expect(item.payload.nodeId).toMatch(/^(intake|archive)$/);
      }
      if (item.type === 'state.snapshot') expectTypeOf(item.snapshot.status).toBeString();
    }
  });

  it.each([
    {
      mode: 'debug',
      status: 'completed',
      expected: [
        '0 run.started',
        '1 node.started',
        '2 node.completed',
        '3 node.started',
        '4 node.completed',
        '5 run.completed',
      ],
    },
    {
      mode: 'updates',
      status: 'failed',
      expected: ['0 run.started', '2 node.completed', '4 node.failed', '5 run.failed'],
    },
    {
      mode: 'updates',
      status: 'cancelled',
      expected: ['0 run.started', '2 node.completed', '4 node.cancelled', '5 run.cancelled'],
    },
    {
      mode: 'values',
      status: 'completed',
      expected: [0, 1, 2, 3, 4, 5].map((sequence) => `${sequence} state.snapshot`),
    },
  ] as const)('streams mode $mode of a run that ends $status', async ({ mode, status, expected }) => {
    const run = mockRun({ status });
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: mode }));
    expect(describeItems(items)).toEqual(expected);
    expect(run.connections.map((connection) => connection.state)).toEqual(['ended']);
  });

  it('yields values-mode snapshots of the run as it progresses, ending on a terminal status', async () => {
    const run = mockRun({ status: 'failed' });
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'values' }));
    const statuses = items.map((item) => (item.type === 'state.snapshot' ? item.snapshot.status : item.type));
    expect(statuses).toEqual(['running', 'running', 'running', 'running', 'running', 'failed']);
    expect(items.at(-1)).toMatchObject({ snapshot: { error: { code: 'node_failed' } } });
  });

  it('streams messages-mode chunks and ends when the host closes the stream', async () => {
    const run = mockRun({ events: chunkEvents, paceMs: 5, dropAfter: 1, retryMs: 0 });
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'messages' }));
    expect(items).toEqual([
      {
        type: 'ai.message.chunk',
        sequence: 2,
        chunk: { nodeId: 'reply', runId: run.runId, chunk: 'Hel', isLast: false },
      },
      {
        type: 'ai.message.chunk',
        sequence: 3,
        chunk: { nodeId: 'reply', runId: run.runId, chunk: 'lo', isLast: false },
      },
      {
        type: 'ai.message.chunk',
        sequence: 4,
        chunk: { nodeId: 'reply', runId: run.runId, chunk: '!', isLast: true, meta: { finishReason: 'stop' } },
      },
    ]);
    expect(run.connections.map((connection) => [connection.lastEventId, connection.state])).toEqual([
      [undefined, 'dropped'],
      ['2', 'ended'],
    ]);
  });

  it('recognises frames by shape in a mixed-mode stream whose event names are the modes', async () => {
    const run = mockRun({ events: chunkEvents });
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: ['updates', 'messages'] }));
    expect(describeItems(items)).toEqual([
      '0 run.started',
      '2 ai.message.chunk',
      '3 ai.message.chunk',
      '4 ai.message.chunk',
      '5 node.completed',
      '6 run.completed',
    ]);
  });

  it('recognises batches, chunks and snapshots by shape whatever the event name', async () => {
    const snapshot = { runId: 'run_1', workflowId: 'chat', status: 'completed' };
    serveStreamBodies([
      frame(0, 'updates', event(0, 'run.started')) +
        frame(1, 'messages', { nodeId: 'reply', runId: 'run_1', chunk: 'Hi' }) +
        frame(3, 'updates', [event(2, 'node.completed'), event(3, 'node.suspended')]) +
        frame(4, undefined, snapshot),
    ]);
    const items = await collect(createWopkit().runs.stream('run_1', { streamMode: ['updates', 'messages'] }));
    expect(items).toEqual([
      event(0, 'run.started'),
      { type: 'ai.message.chunk', sequence: 1, chunk: { nodeId: 'reply', runId: 'run_1', chunk: 'Hi' } },
      event(2, 'node.completed'),
      event(3, 'node.suspended'),
      { type: 'state.snapshot', sequence: 4, snapshot },
    ]);
  });

  it('flattens batch frames into single events', async () => {
    const run = mockRun({ paceMs: 15, status: 'cancelled' });
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'debug', bufferMs: 40 }));
    expect(items).toEqual(run.events);
    const [connection] = run.connections;
    expect(connection?.bufferMs).toBe(40);
    // Fewer frames than events, and the last frame ends with the terminal event.
    expect(connection?.sentIds.length).toBeLessThan(run.events.length);
    expect(connection?.sentIds.at(-1)).toBe(5);
  });

  it('flushes a whole log in one batch frame when every event is already there', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'debug', bufferMs: 1000 }));
    expect(items).toEqual(run.events);
    expect(run.connections[0]?.sentIds).toEqual([5]);
  });

  it.each(['error', 'close'] as const)(
    'resumes connections dropped by %s from the last sequence, without duplicates or gaps',
    async (dropWith) => {
      const run = mockRun({ paceMs: 5, dropAfter: [2, 1, 2], dropWith, retryMs: 1 });
      server.use(...run.handlers);

      const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'debug' }));

      expect(items).toEqual(run.events);
      expect(run.connections.map((connection) => [connection.lastEventId, connection.state])).toEqual([
        [undefined, 'dropped'],
        ['1', 'dropped'],
        ['2', 'dropped'],
        ['4', 'ended'],
      ]);
    },
  );

  it('resumes a values-mode stream from a fresh baseline snapshot', async () => {
    const run = mockRun({ paceMs: 5, dropAfter: 2, retryMs: 1 });
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'values' }));
    const sequences = items.map((item) => item.sequence ?? -1);
    expect(sequences.slice(0, 2)).toEqual([0, 1]);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(items.at(-1)).toMatchObject({ type: 'state.snapshot', sequence: 5, snapshot: { status: 'completed' } });
    expect(run.connections[1]?.lastEventId).toBe('1');
  });

  it('skips events a host sends again after a reconnect', async () => {
    const requests = serveStreamBodies([
      frame(0, 'run.started', event(0, 'run.started')) + frame(1, 'node.completed', event(1, 'node.completed')),
      // This host ignores Last-Event-ID and replays the log from the start.
      frame(0, 'run.started', event(0, 'run.started')) +
        frame(1, 'node.completed', event(1, 'node.completed')) +
        'retry: 1\n\n' +
        frame(2, 'node.completed', event(2, 'node.completed')) +
        frame(3, 'run.completed', event(3, 'run.completed')),
    ]);
    const items = await collect(createWopkit().runs.stream('run_1', { retryDelayMs: 1 }));
    expect(describeItems(items)).toEqual(['0 run.started', '1 node.completed', '2 node.completed', '3 run.completed']);
    expect(requests.map((request) => request.headers.get('last-event-id'))).toEqual([null, '1']);
  });

  it('starts after lastEventId and yields nothing up to it', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const items = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'debug', lastEventId: 2 }));
    expect(describeItems(items)).toEqual(['3 node.started', '4 node.completed', '5 run.completed']);
    expect(run.connections[0]?.lastEventId).toBe('2');
  });

  it('wraps log events of types outside the core set and skips frames it does not recognise', async () => {
    serveStreamBodies([
      frame(0, 'run.started', event(0, 'run.started')) +
        frame(1, 'lease.acquired', event(1, 'lease.acquired', { leaseId: 'l_1' })) +
        frame(undefined, 'run.annotated', { annotationId: 'a_1', note: 'looks good' }) +
        ':keepalive\n\n' +
        frame(2, 'run.completed', event(2, 'run.completed')),
    ]);
    const items = await collect(createWopkit().runs.stream('run_1', { streamMode: 'debug' }));
    expect(items).toEqual([
      event(0, 'run.started'),
      { type: 'unknown', sequence: 1, event: event(1, 'lease.acquired', { leaseId: 'l_1' }) },
      event(2, 'run.completed'),
    ]);
  });

  it.each([
    {
      name: '404 as NotFoundError',
      status: 404,
      body: { error: 'not_found', message: 'run "run_1" was not found' },
      errorClass: NotFoundError,
    },
    {
      name: '403 as PermissionDeniedError',
      status: 403,
      body: {
        error: 'forbidden',
        message: 'the API key lacks scope "runs:read"',
        details: { scopeRequired: 'runs:read' },
      },
      errorClass: PermissionDeniedError,
    },
    {
      name: '400 as BadRequestError',
      status: 400,
      body: { error: 'validation_error', message: 'bufferMs must be an integer' },
      errorClass: BadRequestError,
    },
    {
      name: '501 as InternalServerError',
      status: 501,
      body: { error: 'not_implemented', message: 'streamRunEvents is not implemented by this host yet' },
      errorClass: InternalServerError,
    },
  ])('throws $name without reconnecting', async ({ status, body, errorClass }) => {
    let requests = 0;
    server.use(
      mockOperation('streamRunEvents', () => {
        requests += 1;
        return { status, body };
      }),
    );
    const error = await collect(createWopkit().runs.stream('run_1', { retryDelayMs: 1 })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ status, code: body.error, message: body.message });
    expect(requests).toBe(1);
  });

  it('throws AuthenticationError for a wrong API key', async () => {
    const run = mockRun({ apiKey: 'right-key' });
    server.use(...run.handlers);
    const error = await collect(createWopkit({ apiKey: 'wrong-key' }).runs.stream(run.runId)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(run.connections).toEqual([]);
  });

  it('throws BadRequestError with the supported modes for a mode the host does not serve', async () => {
    const run = mockRun({ streamModes: ['updates', 'debug'] });
    server.use(...run.handlers);
    const error = await collect(createWopkit().runs.stream(run.runId, { streamMode: 'values' })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'unsupported_stream_mode',
      details: { supported: ['updates', 'debug'] },
    });
  });

  it('reconnects after a 5xx and after a failed connection', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const failures = failFirstStreams(2, () => HttpResponse.json({ error: 'internal' }, { status: 500 }));
    const networkFailures = failFirstStreams(1, () => HttpResponse.error());

    const items = await collect(createWopkit({ maxRetries: 0 }).runs.stream(run.runId, { retryDelayMs: 1 }));

    expect(items).toHaveLength(4);
    expect(networkFailures.calls).toBe(4);
    expect(failures.calls).toBe(3);
    expect(run.connections).toHaveLength(1);
  });

  it('backs off exponentially while reconnects fail, then throws the last error after maxRetries', async () => {
    const failures = failFirstStreams(Infinity, () => HttpResponse.json({ error: 'internal' }, { status: 502 }));
    const startedAt = Date.now();
    const error = await collect(
      createWopkit({ maxRetries: 0 }).runs.stream('run_1', { maxRetries: 3, retryDelayMs: 40, maxRetryDelayMs: 100 }),
    ).catch((caught: unknown) => caught);
    const elapsedMs = Date.now() - startedAt;

    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502 });
    expect(failures.calls).toBe(4);
    // 40 + 80 + 100 (capped), each less up to 25 % jitter.
    expect(elapsedMs).toBeGreaterThanOrEqual(165);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it("honours the host's retry: delay between reconnects", async () => {
    const run = mockRun({ dropAfter: [1, 1], dropWith: 'close', retryMs: 150 });
    server.use(...run.handlers);
    const startedAt = Date.now();
    // Without the host's advice each reconnect would wait 10 s, and the test would time out.
    const items = await collect(createWopkit().runs.stream(run.runId, { retryDelayMs: 10_000 }));
    const elapsedMs = Date.now() - startedAt;
    expect(items).toHaveLength(4);
    expect(run.connections).toHaveLength(3);
    expect(elapsedMs).toBeGreaterThanOrEqual(2 * 150 * 0.75);
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('gives up with APIConnectionError when connections keep ending early without delivering anything', async () => {
    const requests = serveStreamBodies(['']);
    const error = await collect(createWopkit().runs.stream('run_1', { maxRetries: 2, retryDelayMs: 1 })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/ended before the run's terminal event/);
    expect(requests).toHaveLength(3);
  });

  it('ends without error when an empty stream closes and the run is over (resuming at its end)', async () => {
    const requests = serveStreamBodies(['retry: 1\n\n'], 'completed');
    expect(await collect(createWopkit().runs.stream('run_1', { lastEventId: 9, maxRetries: 2 }))).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.get('last-event-id')).toBe('9');
  });

  it('counts a connection that brings only retry: and keep-alives before it ends as failed', async () => {
    const requests = serveStreamBodies(['retry: 1\n\n:keepalive\n\n']);
    const error = await collect(createWopkit().runs.stream('run_1', { maxRetries: 2 })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(requests).toHaveLength(3);
  });

  it('reconnects a connection that stays silent past idleTimeoutMs', async () => {
    const run = mockRun({ status: 'running', keepAliveMs: 60_000 });
    server.use(...run.handlers);
    const items: RunStreamItem[] = [];
    const error = await (async () => {
      for await (const item of createWopkit().runs.stream(run.runId, {
        idleTimeoutMs: 50,
        maxRetries: 1,
        retryDelayMs: 1,
      })) {
        items.push(item);
      }
    })().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(describeItems(items)).toEqual(['0 run.started', '2 node.completed']);
    expect(run.connections.map((connection) => [connection.lastEventId, connection.state])).toEqual([
      [undefined, 'aborted'],
      ['2', 'aborted'],
    ]);
  });

  it('throws APIUserAbortError when the signal fires, and closes the connection', async () => {
    const run = mockRun({ status: 'running' });
    server.use(...run.handlers);
    const controller = new AbortController();
    const items: RunStreamItem[] = [];
    const error = await (async () => {
      for await (const item of createWopkit().runs.stream(run.runId, { signal: controller.signal })) {
        items.push(item);
        if (items.length === 2) setTimeout(() => controller.abort(new Error('user left')), 10);
      }
    })().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toEqual(new Error('user left'));
    expect(items).toHaveLength(2);
    await vi.waitFor(() => expect(run.connections[0]?.state).toBe('aborted'));
  });

  it('sends nothing when the signal has already fired', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const error = await collect(createWopkit().runs.stream(run.runId, { signal: AbortSignal.abort() })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(run.connections).toEqual([]);
  });

  it('stops waiting to reconnect when the signal fires', async () => {
    const requests = serveStreamBodies(['']);
    const startedAt = Date.now();
    const error = await collect(
      createWopkit().runs.stream('run_1', { retryDelayMs: 10_000, signal: AbortSignal.timeout(30) }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(1);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it('closes the connection when the loop is left early', async () => {
    const run = mockRun({ paceMs: 20 });
    server.use(...run.handlers);
    for await (const item of createWopkit().runs.stream(run.runId)) {
      expect(item.type).toBe('run.started');
      break;
    }
    await vi.waitFor(() => expect(run.connections[0]?.state).toBe('aborted'));
    expect(run.connections).toHaveLength(1);
  });

  it('rejects a response that is not an event stream', async () => {
    server.use(mockOperation('streamRunEvents', { body: { events: [] } }));
    const error = await collect(createWopkit().runs.stream('run_1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WopkitError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(/Content-Type application\/json/);
  });

  it('rejects a frame whose data is not JSON', async () => {
    serveStreamBodies([frame(0, 'run.started', 'not json')]);
    const error = await collect(createWopkit().runs.stream('run_1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WopkitError);
    expect((error as Error).message).toMatch(/"run.started" frame whose data is not JSON/);
  });

  it('can be iterated only once', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const stream = createWopkit().runs.stream(run.runId);
    await collect(stream);
    await expect(collect(stream)).rejects.toThrow(/already being read/);
  });

  it.each([
    { name: 'maxRetries -1', options: { maxRetries: -1 } },
    { name: 'maxRetries 1.5', options: { maxRetries: 1.5 } },
    { name: 'retryDelayMs NaN', options: { retryDelayMs: NaN } },
    { name: 'maxRetryDelayMs -1', options: { maxRetryDelayMs: -1 } },
    { name: 'idleTimeoutMs 0', options: { idleTimeoutMs: 0 } },
    { name: 'an empty streamMode list', options: { streamMode: [] } },
  ])('rejects $name when called', ({ options }) => {
    expect(() => createWopkit().runs.stream('run_1', options)).toThrow(WopkitError);
  });

  it('rejects an empty runId when called', () => {
    expect(() => createWopkit().runs.stream('')).toThrow(/runId must be a non-empty string/);
  });
});

describe('RunStream', () => {
  /** A connection that stays open for `openMs`, sends `text`, then ends cleanly. */
  function eventStream(text: string, openMs: number): Response {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        setTimeout(() => {
          controller.enqueue(new TextEncoder().encode(text));
          controller.close();
        }, openMs);
      },
    });
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
  }

  function createStream(
    openMs: number,
    config: Partial<RunStreamConfig> = {},
  ): { stream: RunStream; connects: number } {
    const state = { connects: 0 };
    const stream = new RunStream({
      runId: 'run_1',
      connect: async () => {
        state.connects += 1;
        // Three empty connections, then the terminal event.
        const text = state.connects > 3 ? frame(0, 'run.completed', event(0, 'run.completed')) : ':keepalive\n\n';
        return eventStream(text, state.connects > 3 ? 0 : openMs);
      },
      signal: undefined,
      lastEventId: undefined,
      endsOnClose: false,
      maxRetries: 1,
      retryDelayMs: 1,
      maxRetryDelayMs: 10,
      idleTimeoutMs: Infinity,
      healthyConnectionMs: 30,
      ...config,
    });
    return {
      stream,
      get connects() {
        return state.connects;
      },
    };
  }

  it('keeps reconnecting while empty connections stay open long enough to look healthy', async () => {
    const subject = createStream(40);
    await expect(collect(subject.stream)).resolves.toEqual([event(0, 'run.completed')]);
    expect(subject.connects).toBe(4);
  });

  it('gives up on empty connections that end at once', async () => {
    const subject = createStream(0);
    await expect(collect(subject.stream)).rejects.toBeInstanceOf(APIConnectionError);
    expect(subject.connects).toBe(2);
  });
});

describe('computeReconnectDelayMs', () => {
  it.each([
    { attempt: 1, retryMs: 1_000, maxDelayMs: 30_000, random: 0, expected: 1_000 },
    { attempt: 2, retryMs: 1_000, maxDelayMs: 30_000, random: 0, expected: 2_000 },
    { attempt: 6, retryMs: 1_000, maxDelayMs: 30_000, random: 0, expected: 30_000 },
    { attempt: 1, retryMs: 60_000, maxDelayMs: 30_000, random: 0, expected: 60_000 },
    { attempt: 3, retryMs: 100, maxDelayMs: 30_000, random: 1, expected: 300 },
    { attempt: 1, retryMs: 0, maxDelayMs: 30_000, random: 0, expected: 0 },
  ])(
    'waits $expected ms before attempt $attempt with retry $retryMs ms and jitter $random',
    ({ attempt, retryMs, maxDelayMs, random, expected }) => {
      expect(computeReconnectDelayMs(attempt, retryMs, maxDelayMs, () => random)).toBe(expected);
    },
  );
});
