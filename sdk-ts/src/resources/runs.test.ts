import { delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Wopkit, type WopkitOptions } from '../client.js';
import { APIError, APIUserAbortError, NotFoundError, RunWaitTimeoutError, WopkitError } from '../errors.js';
import type { RunEventDoc, RunEventPage, RunSnapshot } from '../generated/types.gen.js';
import { handlers, mockOperation } from '../mocks/index.js';

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
  operationId: 'pollRunEvents' | 'getRun';
  query: Record<string, string>;
}

/**
 * Answers successive long-polls with `pages` (the last page repeats, after `pollDelayMs`) and `getRun` with `run`;
 * returns the log of both, in order.
 */
function serveRun(pages: RunEventPage[], run: RunSnapshot, pollDelayMs = 0): Exchange[] {
  const exchanges: Exchange[] = [];
  let served = 0;
  server.use(
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
    'resolves with the final snapshot of a run that ended %s',
    async (status) => {
      const final = { ...snapshot(status), outputs: { done: true } };
      const exchanges = serveRun(
        [{ events: [event(0, 'run.started'), event(1, `run.${status}`)], isComplete: true }],
        final,
      );

      await expect(createWopkit().runs.wait('run_1')).resolves.toEqual(final);
      expect(exchanges).toEqual([
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
      expect(exchanges[0]?.query['timeout']).toBe(expected);
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
    expect(exchanges.map((exchange) => exchange.operationId)).toEqual(['pollRunEvents']);
  });

  it('sends nothing when the signal has already fired', async () => {
    const exchanges = serveRun([{ events: [], isComplete: true }], snapshot('completed'));
    const error = await createWopkit()
      .runs.wait('run_1', { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(exchanges).toEqual([]);
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
    expect(exchanges).toEqual([{ operationId: 'pollRunEvents', query: { timeout: '1' } }]);
  });

  it('rejects with RunWaitTimeoutError when polls keep answering but the run does not end', async () => {
    const exchanges = serveRun([{ events: [], isComplete: false }], snapshot('completed'), 10);
    const error = await createWopkit()
      .runs.wait('run_1', { timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunWaitTimeoutError);
    expect(exchanges.length).toBeGreaterThan(1);
    expect(exchanges.every((exchange) => exchange.operationId === 'pollRunEvents')).toBe(true);
  });

  it('reports the signal, not the deadline, when the caller aborts first', async () => {
    serveRun([{ events: [], isComplete: false }], snapshot('completed'), 5_000);
    const error = await createWopkit()
      .runs.wait('run_1', { signal: AbortSignal.timeout(20), timeoutMs: 10_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('passes the host errors through', async () => {
    server.use(mockOperation('pollRunEvents', { status: 404, body: { error: 'not_found', message: 'no run' } }));
    await expect(createWopkit().runs.wait('run_missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    { name: 'pollTimeoutSeconds 0', client: {}, options: { pollTimeoutSeconds: 0 }, message: /pollTimeoutSeconds/ },
    { name: 'pollTimeoutSeconds 61', client: {}, options: { pollTimeoutSeconds: 61 }, message: /pollTimeoutSeconds/ },
    { name: 'pollTimeoutSeconds 1.5', client: {}, options: { pollTimeoutSeconds: 1.5 }, message: /pollTimeoutSeconds/ },
    { name: 'timeoutMs 0', client: {}, options: { timeoutMs: 0 }, message: /timeoutMs must be/ },
    { name: 'timeoutMs NaN', client: {}, options: { timeoutMs: NaN }, message: /timeoutMs must be/ },
    { name: 'a client timeoutMs of 1 s', client: { timeoutMs: 1_000 }, options: {}, message: /too short/ },
  ])('rejects $name before sending anything', async ({ client, options, message }) => {
    const exchanges = serveRun([{ events: [], isComplete: true }], snapshot('completed'));
    const error = await createWopkit(client)
      .runs.wait('run_1', options)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WopkitError);
    expect((error as Error).message).toMatch(message);
    expect(exchanges).toEqual([]);
  });
});
