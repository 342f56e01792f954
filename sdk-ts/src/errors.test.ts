import { afterEach, describe, expect, it, vi } from 'vitest';
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
  UnsupportedMediaTypeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  WopkitError,
  parseRetryAfterMs,
} from './errors.js';

const envelope = { error: 'some_code', message: 'something went wrong' };

describe('APIError.fromResponse', () => {
  it.each([
    { status: 400, errorClass: BadRequestError },
    { status: 401, errorClass: AuthenticationError },
    { status: 403, errorClass: PermissionDeniedError },
    { status: 404, errorClass: NotFoundError },
    { status: 409, errorClass: ConflictError },
    { status: 410, errorClass: GoneError },
    { status: 413, errorClass: PayloadTooLargeError },
    { status: 415, errorClass: UnsupportedMediaTypeError },
    { status: 422, errorClass: UnprocessableEntityError },
    { status: 429, errorClass: RateLimitError },
    { status: 500, errorClass: InternalServerError },
    { status: 502, errorClass: InternalServerError },
    { status: 503, errorClass: InternalServerError },
    { status: 504, errorClass: InternalServerError },
    { status: 405, errorClass: APIError },
    { status: 418, errorClass: APIError },
    { status: 302, errorClass: APIError },
  ])('maps status $status to $errorClass.name', ({ status, errorClass }) => {
    const error = APIError.fromResponse(status, envelope, new Headers());

    expect(error.constructor).toBe(errorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(WopkitError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(errorClass.name);
    expect(error.status).toBe(status);
  });

  it.each([
    {
      scenario: 'a full envelope object',
      body: {
        error: 'validation_error',
        message: 'inputs.ticketId is required',
        details: { fields: ['inputs.ticketId'] },
      },
      expected: {
        body: {
          error: 'validation_error',
          message: 'inputs.ticketId is required',
          details: { fields: ['inputs.ticketId'] },
        },
        code: 'validation_error',
        message: 'inputs.ticketId is required',
        details: { fields: ['inputs.ticketId'] },
      },
    },
    {
      scenario: 'an envelope without details',
      body: { error: 'not_found', message: 'run "r_42" not found' },
      expected: {
        body: { error: 'not_found', message: 'run "r_42" not found' },
        code: 'not_found',
        message: 'run "r_42" not found',
        details: undefined,
      },
    },
    {
      scenario: 'envelope JSON given as text',
      body: '{"error":"conflict","message":"run \\"r_42\\" is already finished"}',
      expected: {
        body: { error: 'conflict', message: 'run "r_42" is already finished' },
        code: 'conflict',
        message: 'run "r_42" is already finished',
        details: undefined,
      },
    },
    {
      scenario: 'an envelope missing its message',
      body: { error: 'validation_error' },
      expected: {
        body: { error: 'validation_error' },
        code: 'validation_error',
        message: 'request failed with status 400 (validation_error)',
        details: undefined,
      },
    },
    {
      scenario: 'envelope fields of the wrong type',
      body: { error: 42, message: '', details: ['not', 'an', 'object'] },
      expected: {
        body: { error: 42, message: '', details: ['not', 'an', 'object'] },
        code: undefined,
        message: 'request failed with status 400',
        details: undefined,
      },
    },
    {
      scenario: 'a non-JSON text body',
      body: '<html>Bad Gateway</html>',
      expected: {
        body: '<html>Bad Gateway</html>',
        code: undefined,
        message: 'request failed with status 400',
        details: undefined,
      },
    },
    {
      scenario: 'JSON that is not an object',
      body: '["a"]',
      expected: { body: ['a'], code: undefined, message: 'request failed with status 400', details: undefined },
    },
    {
      scenario: 'an empty text body',
      body: '',
      expected: { body: undefined, code: undefined, message: 'request failed with status 400', details: undefined },
    },
    {
      scenario: 'a whitespace-only text body',
      body: ' \n',
      expected: { body: undefined, code: undefined, message: 'request failed with status 400', details: undefined },
    },
    {
      scenario: 'no body',
      body: undefined,
      expected: { body: undefined, code: undefined, message: 'request failed with status 400', details: undefined },
    },
    {
      scenario: 'a null body',
      body: null,
      expected: { body: undefined, code: undefined, message: 'request failed with status 400', details: undefined },
    },
  ])('reads $scenario', ({ body, expected }) => {
    const error = APIError.fromResponse(400, body, new Headers());

    expect({ body: error.body, code: error.code, message: error.message, details: error.details }).toEqual(expected);
  });

  it('takes requestId from the x-request-id header', () => {
    const error = APIError.fromResponse(500, envelope, new Headers({ 'X-Request-Id': 'req_123' }));

    expect(error.requestId).toBe('req_123');
  });

  it('falls back to details.correlationId for requestId when the header is absent', () => {
    const body = { ...envelope, details: { correlationId: 'corr_9' } };

    expect(APIError.fromResponse(500, body, new Headers()).requestId).toBe('corr_9');
  });

  it('leaves requestId undefined when neither header nor correlation id is present', () => {
    expect(APIError.fromResponse(500, envelope, new Headers()).requestId).toBeUndefined();
    expect(APIError.fromResponse(500, envelope, undefined).requestId).toBeUndefined();
  });

  it('keeps the response headers', () => {
    const headers = new Headers({ 'content-type': 'application/json' });

    expect(APIError.fromResponse(404, envelope, headers).headers).toBe(headers);
  });
});

describe('RateLimitError', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads retryAfterMs from Retry-After seconds', () => {
    const error = APIError.fromResponse(429, envelope, new Headers({ 'Retry-After': '7' }));

    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('reads retryAfterMs from a Retry-After HTTP date', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const headers = new Headers({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' });

    expect(new RateLimitError(429, envelope, headers).retryAfterMs).toBe(30_000);
  });

  it('falls back to details.retryAfterMs when Retry-After is absent', () => {
    const body = { error: 'rate_limited', message: 'slow down', details: { retryAfterMs: 1500 } };

    expect(new RateLimitError(429, body, new Headers()).retryAfterMs).toBe(1500);
  });

  it.each([
    { scenario: 'no hint at all', headers: new Headers() },
    { scenario: 'an unparseable Retry-After', headers: new Headers({ 'Retry-After': 'soon' }) },
    { scenario: 'no headers', headers: undefined },
  ])('leaves retryAfterMs undefined for $scenario', ({ headers }) => {
    expect(new RateLimitError(429, envelope, headers).retryAfterMs).toBeUndefined();
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it.each([
    { value: '0', expected: 0 },
    { value: '120', expected: 120_000 },
    { value: ' 3 ', expected: 3000 },
    { value: '1.5', expected: 1500 },
    { value: 'Thu, 01 Jan 2026 00:00:05 GMT', expected: 5000 },
    { value: 'Wed, 31 Dec 2025 23:59:00 GMT', expected: 0 },
    { value: '-5', expected: undefined },
    { value: 'soon', expected: undefined },
    { value: '', expected: undefined },
    { value: null, expected: undefined },
    { value: undefined, expected: undefined },
  ])('parses $value as $expected ms', ({ value, expected }) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });
});

describe('APIConnectionError', () => {
  it('has no status and carries the underlying cause', () => {
    const cause = new TypeError('fetch failed');
    const error = new APIConnectionError('GET https://host/v1/runs failed to connect', { cause });

    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBeUndefined();
    expect(error.headers).toBeUndefined();
    expect(error.body).toBeUndefined();
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('GET https://host/v1/runs failed to connect');
    expect(error.name).toBe('APIConnectionError');
  });
});

describe('APIConnectionTimeoutError', () => {
  it('is a connection error', () => {
    const error = new APIConnectionTimeoutError();

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.name).toBe('APIConnectionTimeoutError');
    expect(error.message).toBe('request timed out');
  });
});

describe('APIUserAbortError', () => {
  it('is a WopkitError but not an APIError', () => {
    const error = new APIUserAbortError();

    expect(error).toBeInstanceOf(WopkitError);
    expect(error).not.toBeInstanceOf(APIError);
    expect(error.name).toBe('APIUserAbortError');
  });
});
