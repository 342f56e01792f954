import { readFileSync } from 'node:fs';
import { delay, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { APIPromise } from './api-promise.js';
import { Wopkit } from './client.js';
import { CursorPage } from './cursor-page.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  GoneError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  WopkitError,
} from './errors.js';
import type {
  Capabilities,
  RunAccepted,
  RunSnapshot,
  WorkflowDefinition,
  WorkflowSummary,
} from './generated/types.gen.js';
import { createMockHandlers, handlers, mockOperation, mockOperations, type MockOperationId } from './mocks/index.js';
import { VERSION } from './version.js';

const baseUrl = 'http://wopkit.test';
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function createWopkit(options: Partial<ConstructorParameters<typeof Wopkit>[0]> = {}): Wopkit {
  return new Wopkit({ baseUrl, apiKey: 'test-key', ...options });
}

interface RecordedRequest {
  operationId: MockOperationId;
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** Replaces every handler with one that records the request and then answers with the contract example. */
function recordRequests(): RecordedRequest[] {
  const recorded: RecordedRequest[] = [];
  const overrides = Object.fromEntries(
    (Object.keys(mockOperations) as MockOperationId[]).map((operationId) => [
      operationId,
      async ({ request }: { request: Request }) => {
        const text = await request.text();
        recorded.push({
          operationId,
          method: request.method,
          url: new URL(request.url),
          headers: request.headers,
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
        });
        return {};
      },
    ]),
  );
  server.use(...createMockHandlers({ overrides }));
  return recorded;
}

function run(runId: string, status: RunSnapshot['status'] = 'completed'): RunSnapshot {
  return { runId, workflowId: 'ticket-triage', status };
}

const problem = (error: string, message: string, details?: Record<string, unknown>) =>
  details === undefined ? { error, message } : { error, message, details };

describe('Wopkit', () => {
  it('requires a baseUrl', () => {
    expect(() => new Wopkit({ baseUrl: '' })).toThrow(WopkitError);
    expect(() => new Wopkit(undefined as never)).toThrow(/baseUrl is required/);
  });

  it('strips trailing slashes from baseUrl', async () => {
    const recorded = recordRequests();
    await createWopkit({ baseUrl: `${baseUrl}//` }).runs.get('run_1');
    expect(recorded[0]?.url.href).toBe(`${baseUrl}/v1/runs/run_1`);
  });

  it('keeps VERSION equal to the package version', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(manifest.version);
  });
});

describe('namespaces', () => {
  const wopkit = createWopkit();

  const scenarios: Array<{
    name: string;
    operationId: MockOperationId;
    call: () => Promise<unknown>;
    method: string;
    path: string;
    query?: Record<string, string>;
    body?: unknown;
    /** The result, when it is not the operation's contract example. */
    expected?: unknown;
  }> = [
    {
      name: 'discovery.getCapabilities',
      operationId: 'getCapabilities',
      call: () => wopkit.discovery.getCapabilities(),
      method: 'GET',
      path: '/.well-known/openwop',
    },
    {
      name: 'discovery.getOpenApiSpec',
      operationId: 'getOpenApiSpec',
      call: () => wopkit.discovery.getOpenApiSpec(),
      method: 'GET',
      path: '/v1/openapi.json',
    },
    {
      name: 'workflows.register',
      operationId: 'registerWorkflow',
      call: () => wopkit.workflows.register(mockOperations.getWorkflow.body as unknown as WorkflowDefinition),
      method: 'POST',
      path: '/v1/workflows',
      body: mockOperations.getWorkflow.body,
    },
    {
      name: 'workflows.get',
      operationId: 'getWorkflow',
      call: () => wopkit.workflows.get('ticket-triage'),
      method: 'GET',
      path: '/v1/workflows/ticket-triage',
    },
    {
      name: 'workflows.list',
      operationId: 'listWorkflows',
      call: async () => ({ ...(await wopkit.workflows.list({ limit: 5 })) }),
      method: 'GET',
      path: '/v1/workflows',
      query: { limit: '5' },
    },
    {
      name: 'runs.create',
      operationId: 'createRun',
      call: () => wopkit.runs.create({ workflowId: 'ticket-triage', inputs: { ticketId: 'T-1' } }),
      method: 'POST',
      path: '/v1/runs',
      body: { workflowId: 'ticket-triage', inputs: { ticketId: 'T-1' } },
    },
    {
      name: 'runs.get',
      operationId: 'getRun',
      call: () => wopkit.runs.get('run_1'),
      method: 'GET',
      path: '/v1/runs/run_1',
    },
    {
      name: 'runs.list',
      operationId: 'listRuns',
      call: async () => ({ ...(await wopkit.runs.list({ status: 'running', tag: 'env:prod' })) }),
      method: 'GET',
      path: '/v1/runs',
      query: { status: 'running', tag: 'env:prod' },
    },
    {
      name: 'runs.cancel',
      operationId: 'cancelRun',
      call: () => wopkit.runs.cancel('run_1', { reason: 'stop' }),
      method: 'POST',
      path: '/v1/runs/run_1/cancel',
      body: { reason: 'stop' },
    },
    {
      name: 'runs.cancel without a body',
      operationId: 'cancelRun',
      call: () => wopkit.runs.cancel('run_1'),
      method: 'POST',
      path: '/v1/runs/run_1/cancel',
    },
    {
      name: 'runs.bulkCancel',
      operationId: 'bulkCancelRuns',
      call: () => wopkit.runs.bulkCancel({ runIds: ['run_1', 'run_2'] }),
      method: 'POST',
      path: '/v1/runs:bulk-cancel',
      body: { runIds: ['run_1', 'run_2'] },
    },
    {
      name: 'runs.pause',
      operationId: 'pauseRun',
      call: () => wopkit.runs.pause('run_1', { drainPolicy: 'immediate' }),
      method: 'POST',
      path: '/v1/runs/run_1:pause',
      body: { drainPolicy: 'immediate' },
    },
    {
      name: 'runs.resume',
      operationId: 'resumeRun',
      call: () => wopkit.runs.resume('run_1'),
      method: 'POST',
      path: '/v1/runs/run_1:resume',
    },
    {
      name: 'runs.fork',
      operationId: 'forkRun',
      call: () => wopkit.runs.fork('run_1', { mode: 'branch', fromSeq: 3 }),
      method: 'POST',
      path: '/v1/runs/run_1:fork',
      body: { mode: 'branch', fromSeq: 3 },
    },
    {
      name: 'runs.pollEvents',
      operationId: 'pollRunEvents',
      call: () => wopkit.runs.pollEvents('run_1', { lastSequence: 4, timeout: 10 }),
      method: 'GET',
      path: '/v1/runs/run_1/events/poll',
      query: { lastSequence: '4', timeout: '10' },
    },
    {
      name: 'runs.stream',
      operationId: 'streamRunEvents',
      call: async () => {
        for await (const item of wopkit.runs.stream('run_1', { streamMode: 'debug', bufferMs: 0 })) return item;
        return undefined;
      },
      method: 'GET',
      path: '/v1/runs/run_1/events',
      query: { streamMode: 'debug', bufferMs: '0' },
      // The first event of the contract's example stream.
      expected: JSON.parse(/^data: (.*)$/m.exec(mockOperations.streamRunEvents.body)![1]!) as unknown,
    },
    {
      name: 'interrupts.resolve',
      operationId: 'resolveInterruptByRun',
      call: () => wopkit.interrupts.resolve('run_1', 'review', { action: 'accept' }),
      method: 'POST',
      path: '/v1/runs/run_1/interrupts/review',
      body: { resumeValue: { action: 'accept' } },
    },
    {
      name: 'interrupts.inspectByToken',
      operationId: 'inspectInterruptByToken',
      call: () => wopkit.interrupts.inspectByToken('tok_1'),
      method: 'GET',
      path: '/v1/interrupts/tok_1',
    },
    {
      name: 'interrupts.resolveByToken',
      operationId: 'resolveInterruptByToken',
      call: () => wopkit.interrupts.resolveByToken('tok_1', 'yes'),
      method: 'POST',
      path: '/v1/interrupts/tok_1',
      body: { resumeValue: 'yes' },
    },
    {
      name: 'artifacts.get',
      operationId: 'getArtifact',
      call: () => wopkit.artifacts.get('run_1', 'art_1'),
      method: 'GET',
      path: '/v1/runs/run_1/artifacts/art_1',
    },
    {
      name: 'testing.readRunEvents',
      operationId: 'readTestRunEvents',
      call: () => wopkit.testing.readRunEvents('run_1', { type: 'node.completed' }),
      method: 'GET',
      path: '/v1/host/sample/test/runs/run_1/events',
      query: { type: 'node.completed' },
    },
    {
      name: 'webhooks.register',
      operationId: 'registerWebhook',
      call: () => wopkit.webhooks.register({ url: 'https://hooks.example.com/h', events: ['run.failed'] }),
      method: 'POST',
      path: '/v1/webhooks',
      body: { url: 'https://hooks.example.com/h', events: ['run.failed'] },
    },
    {
      name: 'webhooks.unregister',
      operationId: 'unregisterWebhook',
      call: () => wopkit.webhooks.unregister('wh_1', { tenantId: 'acme' }),
      method: 'DELETE',
      path: '/v1/webhooks/wh_1',
      query: { tenantId: 'acme' },
    },
    {
      name: 'webhooks.list',
      operationId: 'listWebhooks',
      call: async () => ({ ...(await wopkit.webhooks.list({ limit: 5 })) }),
      method: 'GET',
      path: '/v1/webhooks',
      query: { limit: '5' },
    },
    {
      name: 'webhooks.rotateSecret',
      operationId: 'rotateWebhookSecret',
      call: () => wopkit.webhooks.rotateSecret('wh_1', { overlapSeconds: 60 }),
      method: 'POST',
      path: '/v1/webhooks/wh_1/rotate-secret',
      body: { overlapSeconds: 60 },
    },
    {
      name: 'webhooks.listDeliveries',
      operationId: 'listWebhookDeliveries',
      call: async () => ({ ...(await wopkit.webhooks.listDeliveries('wh_1', { status: 'dead' })) }),
      method: 'GET',
      path: '/v1/webhooks/wh_1/deliveries',
      query: { status: 'dead' },
    },
    {
      name: 'webhooks.redeliver',
      operationId: 'redeliverWebhookDelivery',
      call: () => wopkit.webhooks.redeliver('wh_1', 'wh_1.evt 1'),
      method: 'POST',
      path: '/v1/webhooks/wh_1/deliveries/wh_1.evt%201/redeliver',
    },
  ];

  it.each(scenarios)('$name calls $operationId and returns its data', async (scenario) => {
    const recorded = recordRequests();
    const result = await scenario.call();

    expect(recorded).toHaveLength(1);
    const request = recorded[0]!;
    expect(request.operationId).toBe(scenario.operationId);
    expect(request.method).toBe(scenario.method);
    expect(request.url.pathname).toBe(scenario.path);
    expect(Object.fromEntries(request.url.searchParams)).toEqual(scenario.query ?? {});
    expect(request.body).toEqual(scenario.body);
    if (scenario.body !== undefined) expect(request.headers.get('content-type')).toBe('application/json');

    const example: unknown = scenario.expected ?? mockOperations[scenario.operationId].body;
    if (example === null) expect(result).toBeUndefined();
    else expect(result).toMatchObject(example as Record<string, unknown>);
  });

  it('covers every operation', () => {
    const covered = new Set(scenarios.map((scenario) => scenario.operationId));
    const missing = Object.keys(mockOperations).filter((id) => !covered.has(id as MockOperationId));
    expect(missing).toEqual([]);
  });

  it('types each result after its contract schema', async () => {
    const capabilities = await wopkit.discovery.getCapabilities();
    const accepted = await wopkit.runs.create({ workflowId: 'ticket-triage' });
    const snapshot = await wopkit.runs.get(accepted.runId);
    const page = await wopkit.workflows.list();
    expectTypeOf(capabilities).toEqualTypeOf<Capabilities>();
    expectTypeOf(accepted).toEqualTypeOf<RunAccepted>();
    expectTypeOf(snapshot).toEqualTypeOf<RunSnapshot>();
    expectTypeOf(page).toEqualTypeOf<CursorPage<WorkflowSummary>>();
    expectTypeOf(wopkit.webhooks.unregister('wh_1')).toEqualTypeOf<APIPromise<void>>();
    expect(snapshot.status).toBe('completed');
  });

  it('gives the HTTP response next to the data with withResponse()', async () => {
    server.use(mockOperation('getRun', { headers: { 'X-Request-Id': 'req_1' } }));
    const promise = createWopkit().runs.get('run_1');
    expect(promise).toBeInstanceOf(APIPromise);
    expect(promise).toBeInstanceOf(Promise);
    const { data, response } = await promise.withResponse();
    expect(data).toEqual(mockOperations.getRun.body);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    await expect(promise).resolves.toEqual(data);
  });
});

describe('headers', () => {
  it('sends the API key as a bearer token to operations that require one', async () => {
    const recorded = recordRequests();
    await createWopkit().runs.get('run_1');
    expect(recorded[0]?.headers.get('authorization')).toBe('Bearer test-key');
  });

  it('sends no API key to public operations', async () => {
    const recorded = recordRequests();
    const wopkit = createWopkit();
    await wopkit.discovery.getCapabilities();
    await wopkit.interrupts.inspectByToken('tok_1');
    await wopkit.interrupts.resolveByToken('tok_1', { action: 'accept' });
    expect(recorded.map((request) => request.headers.get('authorization'))).toEqual([null, null, null]);
  });

  it('sends no Authorization header without an API key', async () => {
    const recorded = recordRequests();
    await new Wopkit({ baseUrl }).runs.get('run_1');
    expect(recorded[0]?.headers.has('authorization')).toBe(false);
  });

  it('identifies the SDK in User-Agent and X-Wopkit-Sdk', async () => {
    const recorded = recordRequests();
    await createWopkit().discovery.getCapabilities();
    expect(recorded[0]?.headers.get('x-wopkit-sdk')).toBe(`openwop-sdk/${VERSION}`);
    expect(recorded[0]?.headers.get('user-agent')).toBe(`openwop-sdk/${VERSION}`);
  });

  it('applies defaultHeaders, then per-call headers over them', async () => {
    const recorded = recordRequests();
    const wopkit = createWopkit({ defaultHeaders: { 'X-Team': 'billing', 'X-Trace': 'default' } });
    await wopkit.runs.get('run_1', { headers: { 'X-Trace': 'call' } });
    expect(recorded[0]?.headers.get('x-team')).toBe('billing');
    expect(recorded[0]?.headers.get('x-trace')).toBe('call');
  });

  it('sends idempotencyKey as Idempotency-Key and dedup as X-Dedup', async () => {
    const recorded = recordRequests();
    const wopkit = createWopkit();
    await wopkit.runs.create(
      { workflowId: 'ticket-triage', scopeId: 'ticket-9' },
      { idempotencyKey: 'key-1', dedup: 'enforce' },
    );
    await wopkit.webhooks.unregister('wh_1', undefined, { idempotencyKey: 'key-2' });
    expect(recorded.map((request) => request.headers.get('idempotency-key'))).toEqual(['key-1', 'key-2']);
    expect(recorded[0]?.headers.get('x-dedup')).toBe('enforce');
  });

  it('does not invent an Idempotency-Key', async () => {
    const recorded = recordRequests();
    await createWopkit().runs.create({ workflowId: 'ticket-triage' });
    expect(recorded[0]?.headers.has('idempotency-key')).toBe(false);
  });
});

describe('path parameters', () => {
  it.each([
    { value: 'run/1', encoded: 'run%2F1' },
    { value: 'run 1?x=#y', encoded: 'run%201%3Fx%3D%23y' },
    { value: 'run:fork', encoded: 'run%3Afork' },
    { value: '100%', encoded: '100%25' },
    { value: 'rün', encoded: 'r%C3%BCn' },
  ])('encodes $value as $encoded', async ({ value, encoded }) => {
    let seen: { pathname: string; runId: string | undefined } | undefined;
    server.use(
      mockOperation('getRun', ({ request, params }) => {
        seen = { pathname: new URL(request.url).pathname, runId: params['runId'] };
        return {};
      }),
    );
    await createWopkit().runs.get(value);
    expect(seen).toEqual({ pathname: `/v1/runs/${encoded}`, runId: value });
  });

  it('encodes each parameter of a two-parameter path', async () => {
    const recorded = recordRequests();
    await createWopkit().interrupts.resolve('run/1', 'node:a', true);
    expect(recorded[0]?.url.pathname).toBe('/v1/runs/run%2F1/interrupts/node%3Aa');
  });

  it.each(['', '.', '..'])('rejects %j before sending anything', async (value) => {
    const recorded = recordRequests();
    const error = await createWopkit()
      .runs.cancel(value)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WopkitError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(/^runId must be a non-empty string/);
    expect(recorded).toHaveLength(0);
  });
});

describe('errors', () => {
  const wopkit = createWopkit({ maxRetries: 0 });

  it.each([
    { status: 400, errorClass: BadRequestError, code: 'validation_error' },
    { status: 401, errorClass: AuthenticationError, code: 'unauthenticated' },
    { status: 403, errorClass: PermissionDeniedError, code: 'forbidden' },
    { status: 404, errorClass: NotFoundError, code: 'not_found' },
    { status: 409, errorClass: ConflictError, code: 'run_terminal' },
    { status: 410, errorClass: GoneError, code: 'interrupt_expired' },
    { status: 413, errorClass: PayloadTooLargeError, code: 'payload_too_large' },
    { status: 422, errorClass: UnprocessableEntityError, code: 'fork_point_invalid' },
    { status: 429, errorClass: RateLimitError, code: 'rate_limited' },
    { status: 500, errorClass: InternalServerError, code: 'internal' },
    { status: 501, errorClass: InternalServerError, code: 'not_implemented' },
    { status: 503, errorClass: InternalServerError, code: 'unavailable' },
  ])('turns $status into $errorClass.name with the envelope fields', async ({ status, errorClass, code }) => {
    const details = { field: 'runId', correlationId: 'corr_1' };
    server.use(
      mockOperation('cancelRun', {
        status,
        body: problem(code, `failed with ${status}`, details),
        headers: { 'X-Request-Id': `req_${status}` },
      }),
    );
    const error = await wopkit.runs.cancel('run_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(APIError);
    const apiError = error as APIError;
    expect(apiError).toMatchObject({
      status,
      code,
      details,
      message: `failed with ${status}`,
      requestId: `req_${status}`,
    });
    expect(apiError.headers?.get('x-request-id')).toBe(`req_${status}`);
    expect(apiError.body).toEqual(problem(code, `failed with ${status}`, details));
  });

  it('reads retryAfterMs of a RateLimitError from Retry-After', async () => {
    server.use(
      mockOperation('getRun', {
        status: 429,
        body: problem('rate_limited', 'slow down'),
        headers: { 'Retry-After': '2' },
      }),
    );
    const error = await wopkit.runs.get('run_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(2000);
  });

  it('keeps a non-JSON error body as text', async () => {
    server.use(
      mockOperation(
        'getRun',
        () => new HttpResponse('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
      ),
    );
    const error = await wopkit.runs.get('run_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, body: '<html>bad gateway</html>', code: undefined });
  });

  it('tolerates statuses and fields added to the protocol after the SDK was built', async () => {
    const future = { runId: 'run_1', workflowId: 'ticket-triage', status: 'hibernating', futureField: { x: 1 } };
    server.use(mockOperation('getRun', { body: future }));
    await expect(wopkit.runs.get('run_1')).resolves.toEqual(future);
  });

  it('rejects a success body that is not JSON with a WopkitError that is not an APIError', async () => {
    server.use(
      mockOperation(
        'getRun',
        () => new Response('not json', { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    );
    const error = await wopkit.runs.get('run_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WopkitError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toContain(`GET ${baseUrl}/v1/runs/run_1`);
    expect((error as Error).cause).toBeDefined();
  });

  it('throws APIConnectionError when no response arrives', async () => {
    const failing = createWopkit({
      maxRetries: 0,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const error = await failing.runs.get('run_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('throws APIConnectionTimeoutError when the host is too slow', async () => {
    server.use(
      mockOperation('getRun', async () => {
        await delay(1_000);
        return {};
      }),
    );
    const error = await createWopkit({ maxRetries: 0, timeoutMs: 30 })
      .runs.get('run_1')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });
});

describe('retries', () => {
  /** Answers `statuses` in turn (the success status once they run out) and counts the attempts. */
  function failThenSucceed(operationId: MockOperationId, ...statuses: number[]) {
    const attempts: Request[] = [];
    server.use(
      mockOperation(operationId, ({ request }) => {
        attempts.push(request);
        const status = statuses[attempts.length - 1];
        return status === undefined
          ? {}
          : { status, body: problem('unavailable', 'try again'), headers: { 'Retry-After': '0' } };
      }),
    );
    return attempts;
  }

  it('retries a GET after a 503 and returns the later success', async () => {
    const attempts = failThenSucceed('getRun', 503);
    await expect(createWopkit().runs.get('run_1')).resolves.toEqual(mockOperations.getRun.body);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.headers.get('x-wopkit-retry-count')).toBe('1');
  });

  it('does not retry a POST without an idempotency key', async () => {
    const attempts = failThenSucceed('createRun', 503);
    const error = await createWopkit()
      .runs.create({ workflowId: 'ticket-triage' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503 });
    expect(attempts).toHaveLength(1);
  });

  it('retries a POST that carries an idempotency key, with the same key', async () => {
    const attempts = failThenSucceed('createRun', 503, 429);
    await expect(
      createWopkit().runs.create({ workflowId: 'ticket-triage' }, { idempotencyKey: 'key-1' }),
    ).resolves.toEqual(mockOperations.createRun.body);
    expect(attempts.map((request) => request.headers.get('idempotency-key'))).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('stops after maxRetries and throws the last error', async () => {
    const attempts = failThenSucceed('getRun', 503, 503, 503);
    await expect(createWopkit({ maxRetries: 1 }).runs.get('run_1')).rejects.toBeInstanceOf(InternalServerError);
    expect(attempts).toHaveLength(2);
  });
});

describe('AbortSignal', () => {
  it('aborts a call in flight with APIUserAbortError', async () => {
    let started = false;
    server.use(
      mockOperation('getRun', async () => {
        started = true;
        await delay(5_000);
        return {};
      }),
    );
    const controller = new AbortController();
    const promise = createWopkit().runs.get('run_1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await promise.catch((caught: unknown) => caught);
    expect(started).toBe(true);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('sends nothing when the signal has already fired', async () => {
    const recorded = recordRequests();
    const error = await createWopkit()
      .runs.create({ workflowId: 'ticket-triage' }, { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(recorded).toHaveLength(0);
  });
});

describe('pagination', () => {
  const pages: Record<string, { items: RunSnapshot[]; nextCursor: string | null }> = {
    first: { items: [run('run_1'), run('run_2')], nextCursor: 'c2' },
    c2: { items: [run('run_3')], nextCursor: 'c3' },
    c3: { items: [], nextCursor: null },
  };

  /** Serves `pages` by cursor and records the query of every request. */
  function servePages() {
    const queries: Array<Record<string, string>> = [];
    server.use(
      mockOperation('listRuns', ({ request }) => {
        const query = Object.fromEntries(new URL(request.url).searchParams);
        queries.push(query);
        return { body: pages[query['cursor'] ?? 'first'] };
      }),
    );
    return queries;
  }

  it('iterates every item across pages with for await, keeping the filters', async () => {
    const queries = servePages();
    const ids: string[] = [];
    for await (const snapshot of createWopkit().runs.list({ status: 'completed', limit: 2 })) ids.push(snapshot.runId);
    expect(ids).toEqual(['run_1', 'run_2', 'run_3']);
    expect(queries).toEqual([
      { status: 'completed', limit: '2' },
      { status: 'completed', limit: '2', cursor: 'c2' },
      { status: 'completed', limit: '2', cursor: 'c3' },
    ]);
  });

  it('awaits to the first page, which fetches the next ones on request', async () => {
    servePages();
    const first = await createWopkit().runs.list();
    expect(first).toBeInstanceOf(CursorPage);
    expect(first.items.map((snapshot) => snapshot.runId)).toEqual(['run_1', 'run_2']);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.items.map((snapshot) => snapshot.runId)).toEqual(['run_3']);
    const sizes: number[] = [];
    for await (const page of first.iterPages()) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 1, 0]);
  });

  it('throws from getNextPage on the last page', async () => {
    const page = await createWopkit().workflows.list();
    expect(page.nextCursor).toBeNull();
    expect(page.hasNextPage()).toBe(false);
    expect(() => page.getNextPage()).toThrow(WopkitError);
  });

  it('iterates workflows across pages', async () => {
    const summary = mockOperations.listWorkflows.body.items[0];
    server.use(
      mockOperation('listWorkflows', ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return cursor === null
          ? { body: { items: [summary], nextCursor: 'next' } }
          : { body: { items: [{ ...summary, workflowId: 'invoice' }], nextCursor: null } };
      }),
    );
    const ids: string[] = [];
    for await (const workflow of createWopkit().workflows.list()) ids.push(workflow.workflowId);
    expect(ids).toEqual(['ticket-triage', 'invoice']);
  });

  it('rejects the iteration with the error of a failing page', async () => {
    server.use(
      mockOperation('listRuns', ({ request }) =>
        new URL(request.url).searchParams.has('cursor')
          ? { status: 403, body: problem('forbidden', 'no access') }
          : { body: pages['first'] },
      ),
    );
    const ids: string[] = [];
    const iterate = async () => {
      for await (const snapshot of createWopkit().runs.list()) ids.push(snapshot.runId);
    };
    await expect(iterate()).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(ids).toEqual(['run_1', 'run_2']);
  });

  it('gives the first page together with its response through withResponse()', async () => {
    servePages();
    const { data, response } = await createWopkit().runs.list().withResponse();
    expect(data.items).toHaveLength(2);
    expect(data.response).toBe(response);
  });
});
