import { delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { Wopkit, type WopkitOptions } from '../client.js';
import { APIError, APIUserAbortError, NotFoundError, RunWaitTimeoutError, WopkitError } from '../errors.js';
import type { RunEventDoc, RunEventPage, RunSnapshot } from '../generated/types.gen.js';
import { handlers, mockOperation, mockRun } from '../mocks/index.js';

const baseUrl = 'http://wopkit.test';
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function createWopkit(options: Partial<WopkitOptions> = {}): Wopkit {
  return new Wopkit({ baseUrl, apiKey: 'test-key', ...options });
}

function event(sequence: number, type = 'node.completed'): RunEventDoc {
  return {
    eventId: `evt_${sequence}`,
    runId: 'run_1',
    type,
    payload: {},
    timestamp: '2026-11-24T10:00:00.000Z',
    sequence,
  };
}

function snapshot(status: RunSnapshot['status']): RunSnapshot {
  return { runId: 'run_1', workflowId: 'ticket-triage', status };
}

interface Exchange {
  operationId: 'streamRunEvents' | 'pollRunEvents' | 'getRun';
  query: Record<string, string>;
}

/** Records `METHOD /path?query` of every request the mock server receives, in order. */
function recordRequests(): string[] {
  const seen: string[] = [];
  const record = ({ request }: { request: Request }): void => {
    const url = new URL(request.url);
    seen.push(`${request.method} ${url.pathname}${url.search}`);
  };
  server.events.on('request:start', record);
  onTestFinished(() => server.events.removeListener('request:start', record));
  return seen;
}

/**
 * A host without streaming: `streamRunEvents` answers 501, successive long-polls get `pages` (the last page repeats,
 * after `pollDelayMs`) and `getRun` gets `run`; returns the log of all three, in order.
 */
function serveRun(pages: RunEventPage[], run: RunSnapshot, pollDelayMs = 0): Exchange[] {
  const exchanges: Exchange[] = [];
  let served = 0;
  server.use(
    mockOperation('streamRunEvents', ({ request }) => {
      exchanges.push({ operationId: 'streamRunEvents', query: Object.fromEntries(new URL(request.url).searchParams) });
      return { status: 501, body: { error: 'not_implemented', message: 'streamRunEvents is not implemented' } };
    }),
    mockOperation('pollRunEvents', async ({ request }) => {
      exchanges.push({ operationId: 'pollRunEvents', query: Object.fromEntries(new URL(request.url).searchParams) });
      const page = pages[Math.min(served, pages.length - 1)];
      served += 1;
      if (pollDelayMs > 0) await delay(pollDelayMs);
      return { body: page };
    }),
    mockOperation('getRun', ({ request }) => {
      exchanges.push({ operationId: 'getRun', query: Object.fromEntries(new URL(request.url).searchParams) });
      return { body: run };
    }),
  );
  return exchanges;
}

describe('runs.wait', () => {
  it.each(['completed', 'failed', 'cancelled'] as const)(
    'streams the updates of a run that ends %s, then reads its final snapshot once',
    async (status) => {
      const run = mockRun({ status, paceMs: 5 });
      server.use(...run.handlers);
      const requests = recordRequests();

      const final = await createWopkit().runs.wait(run.runId);

      expect(final).toEqual(run.snapshot());
      expect(final.status).toBe(status);
      expect(requests).toEqual([`GET /v1/runs/${run.runId}/events?streamMode=updates`, `GET /v1/runs/${run.runId}`]);
      expect(run.connections.map((connection) => connection.state)).toEqual(['ended']);
    },
  );

  it('resumes a dropped stream from the last event seen', async () => {
    const run = mockRun({ paceMs: 5, dropAfter: [1, 1], retryMs: 1 });
    server.use(...run.handlers);
    await expect(createWopkit().runs.wait(run.runId)).resolves.toMatchObject({ status: 'completed' });
    expect(run.connections.map((connection) => connection.lastEventId)).toEqual([undefined, '0', '2']);
  });

  it('rejects with RunWaitTimeoutError when the run does not end within timeoutMs, and closes the stream', async () => {
    const run = mockRun({ status: 'running' });
    server.use(...run.handlers);
    const startedAt = Date.now();

    const error = await createWopkit()
      .runs.wait(run.runId, { timeoutMs: 50 })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RunWaitTimeoutError);
    expect(error).toMatchObject({ runId: run.runId, timeoutMs: 50 });
    expect((error as Error).cause).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    await vi.waitFor(() => expect(run.connections[0]?.state).toBe('aborted'));
  });

  it('rejects with APIUserAbortError when the signal fires while streaming', async () => {
    const run = mockRun({ status: 'running' });
    server.use(...run.handlers);
    const controller = new AbortController();
    const waiting = createWopkit().runs.wait(run.runId, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);

    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toEqual(new Error('user gave up'));
  });

  it('sends nothing when the signal has already fired', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const requests = recordRequests();
    const error = await createWopkit()
      .runs.wait(run.runId, { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toEqual([]);
  });

  it('reports the signal, not the deadline, when the caller aborts first', async () => {
    const run = mockRun({ status: 'running' });
    server.use(...run.handlers);
    const error = await createWopkit()
      .runs.wait(run.runId, { signal: AbortSignal.timeout(20), timeoutMs: 10_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('passes the host errors through', async () => {
    server.use(mockOperation('streamRunEvents', { status: 404, body: { error: 'not_found', message: 'no run' } }));
    await expect(createWopkit().runs.wait('run_missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    { name: 'pollTimeoutSeconds 0', options: { pollTimeoutSeconds: 0 }, message: /pollTimeoutSeconds/ },
    { name: 'pollTimeoutSeconds 61', options: { pollTimeoutSeconds: 61 }, message: /pollTimeoutSeconds/ },
    { name: 'pollTimeoutSeconds 1.5', options: { pollTimeoutSeconds: 1.5 }, message: /pollTimeoutSeconds/ },
    { name: 'timeoutMs 0', options: { timeoutMs: 0 }, message: /timeoutMs must be/ },
    { name: 'timeoutMs NaN', options: { timeoutMs: NaN }, message: /timeoutMs must be/ },
  ])('rejects $name before sending anything', async ({ options, message }) => {
    const requests = recordRequests();
    const error = await createWopkit()
      .runs.wait('run_1', options)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WopkitError);
    expect((error as Error).message).toMatch(message);
    expect(requests).toEqual([]);
  });

  it('streams even when the client timeoutMs is too short for long-polls', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    await expect(createWopkit({ timeoutMs: 1_000 }).runs.wait(run.runId)).resolves.toMatchObject({
      status: 'completed',
    });
  });
});

describe('runs.wait on a host that does not stream', () => {
  it.each(['completed', 'failed', 'cancelled'] as const)(
    'resolves with the final snapshot of a run that ended %s',
    async (status) => {
      const final = { ...snapshot(status), outputs: { done: true } };
      const exchanges = serveRun(
        [{ events: [event(0, 'run.started'), event(1, `run.${status}`)], isComplete: true }],
        final,
      );

      await expect(createWopkit().runs.wait('run_1')).resolves.toEqual(final);
      expect(exchanges).toEqual([
        { operationId: 'streamRunEvents', query: { streamMode: 'updates' } },
        { operationId: 'pollRunEvents', query: { timeout: '30' } },
        { operationId: 'getRun', query: {} },
      ]);
    },
  );

  it('follows the event cursor across polls until the log is complete, then reads the run once', async () => {
    const exchanges = serveRun(
      [
        { events: [event(0, 'run.started'), event(1)], isComplete: false },
        // A poll that timed out on the host with nothing new keeps the cursor where it was.
        { events: [], isComplete: false },
        { events: [event(2), event(3)], isComplete: false },
        { events: [event(4, 'run.completed')], isComplete: true },
      ],
      snapshot('completed'),
    );

    await expect(createWopkit().runs.wait('run_1')).resolves.toEqual(snapshot('completed'));
    expect(exchanges).toEqual([
      { operationId: 'streamRunEvents', query: { streamMode: 'updates' } },
      { operationId: 'pollRunEvents', query: { timeout: '30' } },
      { operationId: 'pollRunEvents', query: { lastSequence: '1', timeout: '30' } },
      { operationId: 'pollRunEvents', query: { lastSequence: '1', timeout: '30' } },
      { operationId: 'pollRunEvents', query: { lastSequence: '3', timeout: '30' } },
      { operationId: 'getRun', query: {} },
    ]);
  });

  it.each([
    { clientTimeoutMs: undefined, pollTimeoutSeconds: undefined, expected: '30' },
    { clientTimeoutMs: undefined, pollTimeoutSeconds: 10, expected: '10' },
    { clientTimeoutMs: undefined, pollTimeoutSeconds: 60, expected: '55' },
    { clientTimeoutMs: 10_000, pollTimeoutSeconds: undefined, expected: '7' },
    { clientTimeoutMs: 2_000, pollTimeoutSeconds: 30, expected: '1' },
    { clientTimeoutMs: Infinity, pollTimeoutSeconds: 60, expected: '60' },
  ])(
    'asks for $expected s polls with client timeoutMs $clientTimeoutMs and pollTimeoutSeconds $pollTimeoutSeconds',
    async ({ clientTimeoutMs, pollTimeoutSeconds, expected }) => {
      const exchanges = serveRun([{ events: [event(0)], isComplete: true }], snapshot('completed'));
      await createWopkit({ timeoutMs: clientTimeoutMs }).runs.wait('run_1', { pollTimeoutSeconds });
      expect(exchanges[1]?.query['timeout']).toBe(expected);
    },
  );

  it('rejects with APIUserAbortError when the signal fires during a poll', async () => {
    const exchanges = serveRun([{ events: [], isComplete: false }], snapshot('completed'), 5_000);
    const controller = new AbortController();
    const waiting = createWopkit().runs.wait('run_1', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);

    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toEqual(new Error('user gave up'));
    expect(exchanges.map((exchange) => exchange.operationId)).toEqual(['streamRunEvents', 'pollRunEvents']);
  });

  it('rejects with RunWaitTimeoutError when a poll outlasts timeoutMs', async () => {
    const exchanges = serveRun([{ events: [], isComplete: false }], snapshot('completed'), 5_000);
    const startedAt = Date.now();

    const error = await createWopkit()
      .runs.wait('run_1', { timeoutMs: 50 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunWaitTimeoutError);
    expect(error).toBeInstanceOf(WopkitError);
    expect(error).not.toBeInstanceOf(APIError);
    expect(error).toMatchObject({ runId: 'run_1', timeoutMs: 50, message: 'run "run_1" did not finish within 50 ms' });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    // The poll asks for no more than the time left, rounded up to the protocol's one-second minimum.
    expect(exchanges).toEqual([
      { operationId: 'streamRunEvents', query: { streamMode: 'updates' } },
      { operationId: 'pollRunEvents', query: { timeout: '1' } },
    ]);
  });

  it('rejects with RunWaitTimeoutError when polls keep answering but the run does not end', async () => {
    const exchanges = serveRun([{ events: [], isComplete: false }], snapshot('completed'), 10);
    const error = await createWopkit()
      .runs.wait('run_1', { timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunWaitTimeoutError);
    expect(exchanges.length).toBeGreaterThan(2);
    expect(exchanges.slice(1).every((exchange) => exchange.operationId === 'pollRunEvents')).toBe(true);
  });

  it('passes the host errors of long-polls through', async () => {
    serveRun([], snapshot('completed'));
    server.use(mockOperation('pollRunEvents', { status: 404, body: { error: 'not_found', message: 'no run' } }));
    await expect(createWopkit().runs.wait('run_missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a client timeoutMs too short for even a 1 s long-poll once it has to poll', async () => {
    const exchanges = serveRun([{ events: [], isComplete: true }], snapshot('completed'));
    const error = await createWopkit({ timeoutMs: 1_000 })
      .runs.wait('run_1')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WopkitError);
    expect((error as Error).message).toMatch(/too short/);
    expect(exchanges.map((exchange) => exchange.operationId)).toEqual(['streamRunEvents']);
  });

  it('does not fall back to polling for other stream errors', async () => {
    const exchanges = serveRun([{ events: [], isComplete: true }], snapshot('completed'));
    server.use(mockOperation('streamRunEvents', { status: 500, body: { error: 'internal', message: 'boom' } }));
    const error = await createWopkit({ maxRetries: 0 })
      .runs.wait('run_1', { timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    // The stream keeps reconnecting after a 500 until the deadline; it never long-polls.
    expect(error).toBeInstanceOf(RunWaitTimeoutError);
    expect(exchanges).toEqual([]);
  });
});
