import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from '../errors.js';
import { computeBackoffMs, createTransport, isRetryableRequest } from './transport.js';

const url = 'https://host.test/v1/runs?cursor=abc';

interface RecordedCall {
  input: RequestInfo | URL;
  init: RequestInit | undefined;
  headers: Headers;
  signal: AbortSignal | undefined;
}

type Step = Response | Error | 'hang';

/** A fake fetch that answers each call with the next step and records what it was called with. */
function createFakeFetch(...steps: Step[]) {
  const calls: RecordedCall[] = [];
  const fakeFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ?? undefined;
    calls.push({ input, init, headers: new Headers(init?.headers), signal });
    const step = steps[calls.length - 1] ?? steps.at(-1);
    if (step === undefined) throw new Error('fake fetch has no steps');
    if (step === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    if (step instanceof Error) throw step;
    return step.clone();
  });
  return { fetch: fakeFetch as typeof fetch, calls };
}

/** A sleep that returns at once and records each wait. */
function createRecordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    waits.push(ms);
  };
  return { sleep, waits };
}

function respond(status: number, headers: Record<string, string> = {}, body = `status ${status}`): Response {
  return new Response(body, { status, headers });
}

describe('isRetryableRequest', () => {
  it.each([
    { method: 'GET', headers: {}, expected: true },
    { method: 'get', headers: {}, expected: true },
    { method: 'HEAD', headers: {}, expected: true },
    { method: 'OPTIONS', headers: {}, expected: true },
    { method: 'PUT', headers: {}, expected: true },
    { method: 'DELETE', headers: {}, expected: true },
    { method: 'POST', headers: {}, expected: false },
    { method: 'PATCH', headers: {}, expected: false },
    { method: 'POST', headers: { 'Idempotency-Key': 'k1' }, expected: true },
    { method: 'PATCH', headers: { 'idempotency-key': 'k1' }, expected: true },
  ])('returns $expected for $method with headers $headers', ({ method, headers, expected }) => {
    expect(isRetryableRequest(method, new Headers(headers))).toBe(expected);
  });
});

describe('computeBackoffMs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    { attempt: 1, retryAfter: null, random: 0, expected: 500 },
    { attempt: 2, retryAfter: null, random: 0, expected: 1000 },
    { attempt: 3, retryAfter: null, random: 0, expected: 2000 },
    { attempt: 5, retryAfter: null, random: 0, expected: 8000 },
    { attempt: 12, retryAfter: null, random: 0, expected: 8000 },
    { attempt: 1, retryAfter: null, random: 1, expected: 375 },
    { attempt: 2, retryAfter: null, random: 0.5, expected: 875 },
    { attempt: 1, retryAfter: '3', random: 0.9, expected: 3000 },
    { attempt: 1, retryAfter: '0', random: 0, expected: 0 },
    { attempt: 1, retryAfter: '120', random: 0, expected: 60_000 },
    { attempt: 2, retryAfter: 'later', random: 0, expected: 1000 },
  ])(
    'waits $expected ms for attempt $attempt with Retry-After $retryAfter and random $random',
    ({ attempt, retryAfter, random, expected }) => {
      expect(computeBackoffMs(attempt, retryAfter, () => random)).toBe(expected);
    },
  );

  it('waits until a Retry-After HTTP date', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });

    expect(computeBackoffMs(1, 'Thu, 01 Jan 2026 00:00:04 GMT', () => 0)).toBe(4000);
  });
});

describe('createTransport', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a 503 and returns the later success', async () => {
    const fake = createFakeFetch(respond(503), respond(200));
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep, random: () => 0 });

    const response = await transport(url);

    expect(response.status).toBe(200);
    expect(fake.calls).toHaveLength(2);
    expect(waits).toEqual([500]);
  });

  it('backs off exponentially between retries', async () => {
    const fake = createFakeFetch(respond(503), respond(503), respond(503), respond(200));
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep, random: () => 0, maxRetries: 3 });

    await transport(url);

    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('waits the Retry-After seconds before retrying', async () => {
    const fake = createFakeFetch(respond(429, { 'Retry-After': '2' }), respond(200));
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep, random: () => 0.5 });

    const response = await transport(url);

    expect(response.status).toBe(200);
    expect(waits).toEqual([2000]);
  });

  it('waits until the Retry-After HTTP date before retrying', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const fake = createFakeFetch(respond(503, { 'Retry-After': 'Thu, 01 Jan 2026 00:00:09 GMT' }), respond(200));
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep, random: () => 0 });

    const response = await transport(url);

    expect(response.status).toBe(200);
    expect(waits).toEqual([9000]);
  });

  it('does not retry a POST without an Idempotency-Key', async () => {
    const fake = createFakeFetch(respond(503), respond(200));
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep });

    const response = await transport(url, { method: 'POST', body: '{}' });

    expect(response.status).toBe(503);
    expect(fake.calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not retry a POST without an Idempotency-Key after a connection error', async () => {
    const cause = new TypeError('fetch failed');
    const fake = createFakeFetch(cause, respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });

    await expect(transport(url, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(APIConnectionError);
    expect(fake.calls).toHaveLength(1);
  });

  it('retries a POST with an Idempotency-Key and replays its string body', async () => {
    const fake = createFakeFetch(respond(429), respond(201));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });

    const response = await transport(url, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'key-1', 'Content-Type': 'application/json' },
      body: '{"workflowId":"invoice"}',
    });

    expect(response.status).toBe(201);
    expect(fake.calls).toHaveLength(2);
    for (const call of fake.calls) {
      expect(call.init?.body).toBe('{"workflowId":"invoice"}');
      expect(call.headers.get('idempotency-key')).toBe('key-1');
      expect(call.headers.get('content-type')).toBe('application/json');
    }
  });

  it('does not retry a request whose body is a ReadableStream', async () => {
    const fake = createFakeFetch(respond(503), respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('chunk'));
        controller.close();
      },
    });

    const response = await transport(url, { method: 'PUT', body, headers: { 'Idempotency-Key': 'key-1' } });

    expect(response.status).toBe(503);
    expect(fake.calls).toHaveLength(1);
  });

  it('sends a fresh clone of a Request on every attempt', async () => {
    const fake = createFakeFetch(respond(503), respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });
    const request = new Request(url, { method: 'PUT', body: 'payload', headers: { 'X-Custom': 'yes' } });

    const response = await transport(request);

    expect(response.status).toBe(200);
    expect(fake.calls).toHaveLength(2);
    const inputs = fake.calls.map((call) => call.input);
    expect(inputs[0]).not.toBe(request);
    expect(inputs[0]).not.toBe(inputs[1]);
    for (const [index, call] of fake.calls.entries()) {
      expect(call.input).toBeInstanceOf(Request);
      expect(await (call.input as Request).text()).toBe('payload');
      expect(call.headers.get('x-custom')).toBe('yes');
      expect(call.headers.get('x-wopkit-retry-count')).toBe(index === 0 ? null : String(index));
    }
  });

  it('gives up after maxRetries and returns the last 429 response', async () => {
    const fake = createFakeFetch(
      respond(429, {}, 'first'),
      respond(429, {}, 'second'),
      respond(429, {}, 'third'),
      respond(200),
    );
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep, random: () => 0, maxRetries: 2 });

    const response = await transport(url);

    expect(response.status).toBe(429);
    expect(await response.text()).toBe('third');
    expect(fake.calls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it('makes a single attempt when maxRetries is 0', async () => {
    const fake = createFakeFetch(respond(503), respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep, maxRetries: 0 });

    expect((await transport(url)).status).toBe(503);
    expect(fake.calls).toHaveLength(1);
  });

  it.each([400, 404, 409, 500, 502, 504])('returns a %i response without retrying', async (status) => {
    const fake = createFakeFetch(respond(status), respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });

    expect((await transport(url)).status).toBe(status);
    expect(fake.calls).toHaveLength(1);
  });

  it('throws APIConnectionError with the last cause once retries are exhausted', async () => {
    const causes = [new TypeError('fetch failed 1'), new TypeError('fetch failed 2'), new TypeError('fetch failed 3')];
    const fake = createFakeFetch(...causes);
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep, random: () => 0 });

    const error: unknown = await transport(url).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    const connectionError = error as APIConnectionError;
    expect(connectionError.cause).toBe(causes[2]);
    expect(connectionError.status).toBeUndefined();
    expect(connectionError.message).toBe('GET https://host.test/v1/runs failed to connect (3 attempts)');
    expect(fake.calls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it('recovers when a connection error is followed by a response', async () => {
    const fake = createFakeFetch(new TypeError('fetch failed'), respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });

    expect((await transport(url)).status).toBe(200);
    expect(fake.calls).toHaveLength(2);
  });

  it('throws APIConnectionTimeoutError when every attempt times out', async () => {
    vi.useFakeTimers();
    const fake = createFakeFetch('hang');
    const transport = createTransport({
      fetch: fake.fetch,
      sleep: createRecordingSleep().sleep,
      timeoutMs: 1000,
      maxRetries: 1,
    });

    const result = transport(url).catch((thrown: unknown) => thrown);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await result;

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionTimeoutError).message).toBe(
      'GET https://host.test/v1/runs timed out after 1000 ms (2 attempts)',
    );
    expect(fake.calls).toHaveLength(2);
  });

  it('retries after a timeout and returns the later response', async () => {
    vi.useFakeTimers();
    const fake = createFakeFetch('hang', respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep, timeoutMs: 1000 });

    const result = transport(url);
    await vi.advanceTimersByTimeAsync(1000);

    expect((await result).status).toBe(200);
    expect(fake.calls).toHaveLength(2);
  });

  it('stops the timeout once response headers arrive', async () => {
    vi.useFakeTimers();
    const fake = createFakeFetch(respond(200));
    const transport = createTransport({ fetch: fake.fetch, timeoutMs: 1000 });

    await transport(url);
    await vi.advanceTimersByTimeAsync(5000);

    expect(fake.calls[0]?.signal?.aborted).toBe(false);
  });

  it('passes a later caller abort through to the response body', async () => {
    const fake = createFakeFetch(respond(200));
    const transport = createTransport({ fetch: fake.fetch });
    const controller = new AbortController();

    await transport(url, { signal: controller.signal });
    controller.abort();

    expect(fake.calls[0]?.signal?.aborted).toBe(true);
  });

  it('throws APIUserAbortError and makes no further attempt when the caller aborts during the backoff', async () => {
    const fake = createFakeFetch(respond(503), respond(200));
    const controller = new AbortController();
    const sleep = vi.fn(async (_ms: number, signal?: AbortSignal): Promise<void> => {
      controller.abort(new Error('user cancelled'));
      throw signal?.reason;
    });
    const transport = createTransport({ fetch: fake.fetch, sleep, random: () => 0 });

    const error: unknown = await transport(url, { signal: controller.signal }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).cause).toEqual(new Error('user cancelled'));
    expect(sleep).toHaveBeenCalledWith(500, controller.signal);
    expect(fake.calls).toHaveLength(1);
  });

  it('makes no further attempt when the caller aborts during a sleep that ignores the signal', async () => {
    const fake = createFakeFetch(respond(503), respond(200));
    const controller = new AbortController();
    const transport = createTransport({
      fetch: fake.fetch,
      sleep: async () => {
        controller.abort();
      },
    });

    await expect(transport(url, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(fake.calls).toHaveLength(1);
  });

  it('throws APIUserAbortError without retrying when the caller aborts an attempt in flight', async () => {
    const fake = createFakeFetch('hang', respond(200));
    const controller = new AbortController();
    const { sleep, waits } = createRecordingSleep();
    const transport = createTransport({ fetch: fake.fetch, sleep });

    const result = transport(url, { signal: controller.signal });
    controller.abort();

    await expect(result).rejects.toBeInstanceOf(APIUserAbortError);
    expect(fake.calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('uses the signal of a Request input', async () => {
    const fake = createFakeFetch('hang');
    const controller = new AbortController();
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });

    const result = transport(new Request(url, { signal: controller.signal }));
    controller.abort();

    await expect(result).rejects.toBeInstanceOf(APIUserAbortError);
    expect(fake.calls).toHaveLength(1);
  });

  it('does not call fetch when the caller signal is already aborted', async () => {
    const fake = createFakeFetch(respond(200));
    const transport = createTransport({ fetch: fake.fetch });

    await expect(transport(url, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(fake.calls).toHaveLength(0);
  });

  it('sets X-Wopkit-Retry-Count on retried attempts only', async () => {
    const fake = createFakeFetch(respond(503), new TypeError('fetch failed'), respond(200));
    const transport = createTransport({ fetch: fake.fetch, sleep: createRecordingSleep().sleep });

    await transport(url, { headers: { Authorization: 'Bearer k' } });

    expect(fake.calls.map((call) => call.headers.get('X-Wopkit-Retry-Count'))).toEqual([null, '1', '2']);
    expect(fake.calls.map((call) => call.headers.get('authorization'))).toEqual(['Bearer k', 'Bearer k', 'Bearer k']);
  });

  it.each([
    { option: 'maxRetries', value: -1 },
    { option: 'maxRetries', value: 1.5 },
    { option: 'timeoutMs', value: 0 },
    { option: 'timeoutMs', value: Number.NaN },
  ])('rejects $option = $value', ({ option, value }) => {
    expect(() => createTransport({ fetch: createFakeFetch(respond(200)).fetch, [option]: value })).toThrow(
      `${option} must be`,
    );
  });
});
