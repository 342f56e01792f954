// The error family of the wopkit SDK: every error it throws is a `WopkitError`, and HTTP failures map to one class per status.

/**
 * Base class of every error the SDK throws. Catch it to handle any SDK failure in one place.
 *
 * @example
 * ```ts
 * import { WopkitError } from '@wopkit/sdk';
 *
 * function describeFailure(error: unknown): string {
 *   return error instanceof WopkitError ? `wopkit: ${error.message}` : 'unexpected error';
 * }
 * ```
 */
export class WopkitError extends Error {
  override name = 'WopkitError';
}

/**
 * Thrown when the host answers with a non-2xx status, or (through {@link APIConnectionError}) when no answer arrived.
 * Every OpenWOP error body is the envelope `{ error, message, details? }`; its fields surface as `code`, `message` and `details`.
 *
 * @example
 * ```ts
 * import { APIError, NotFoundError, RateLimitError } from '@wopkit/sdk';
 *
 * function explain(error: unknown): string {
 *   if (error instanceof NotFoundError) return 'no such run';
 *   if (error instanceof RateLimitError) return `slow down for ${error.retryAfterMs ?? 1000} ms`;
 *   if (error instanceof APIError) return `${error.status ?? 'no status'} ${error.code ?? ''}: ${error.message}`;
 *   return 'unexpected error';
 * }
 * ```
 */
export class APIError extends WopkitError {
  override name = 'APIError';
  /** HTTP status of the response; `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** Headers of the response; `undefined` when no response arrived. */
  readonly headers: Headers | undefined;
  /** The host's id for this request, from the `x-request-id` header (or `details.correlationId` when the header is absent). */
  readonly requestId: string | undefined;
  /** The response body: parsed JSON when it was JSON, the raw text otherwise, `undefined` when empty. */
  readonly body: unknown;
  /** Machine-readable error code from the envelope's `error` field, e.g. `validation_error`. */
  readonly code: string | undefined;
  /** Structured context from the envelope's `details` field (field errors, retry hints, …). */
  readonly details: Record<string, unknown> | undefined;

  /**
   * Creates an error for a response. Prefer {@link APIError.fromResponse}, which picks the subclass for the status.
   * `message` overrides the envelope's message; `body` may be parsed JSON or the raw response text.
   */
  constructor(
    status: number | undefined,
    body: unknown,
    headers: Headers | undefined,
    message?: string,
    options?: ErrorOptions,
  ) {
    const parsedBody = normalizeBody(body);
    const envelope = readEnvelope(parsedBody);
    super(message ?? envelope.message ?? describeStatus(status, envelope.code), options);
    this.status = status;
    this.headers = headers;
    this.body = parsedBody;
    this.code = envelope.code;
    this.details = envelope.details;
    this.requestId = nonEmpty(headers?.get('x-request-id')) ?? nonEmpty(envelope.details?.['correlationId']);
  }

  /**
   * Builds the error for a non-2xx response, choosing the subclass that matches `status`
   * (`NotFoundError` for 404, `InternalServerError` for 5xx, plain `APIError` for statuses without a class).
   */
  static fromResponse(status: number, body: unknown, headers: Headers | undefined): APIError {
    const ErrorClass = errorClassForStatus(status);
    return new ErrorClass(status, body, headers);
  }
}

/** Thrown for `400 Bad Request`: the request was malformed or failed validation (`validation_error`). */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

/** Thrown for `401 Unauthorized`: the API key is missing, unknown or revoked. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}

/** Thrown for `403 Forbidden`: the API key lacks the scope the operation needs (see `details.scopeRequired`). */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}

/** Thrown for `404 Not Found`: the run, workflow or other resource does not exist or is not visible to the caller. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

/** Thrown for `409 Conflict`: the resource is in the wrong state, or an `Idempotency-Key` is in flight or reused with a different body. */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}

/** Thrown for `410 Gone`: the resource existed but has expired, e.g. an interrupt token. */
export class GoneError extends APIError {
  override name = 'GoneError';
}

/** Thrown for `413 Payload Too Large`: the request body exceeds the host's limit. */
export class PayloadTooLargeError extends APIError {
  override name = 'PayloadTooLargeError';
}

/** Thrown for `415 Unsupported Media Type`: the request body was not JSON. */
export class UnsupportedMediaTypeError extends APIError {
  override name = 'UnsupportedMediaTypeError';
}

/** Thrown for `422 Unprocessable Entity`: the request was well-formed but cannot be applied, e.g. a fork point outside the event log. */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}

/** Thrown for `429 Too Many Requests` once the SDK's retries are used up; `retryAfterMs` says when to try again. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** How long the host asked the caller to wait, from `Retry-After` (or `details.retryAfterMs`); `undefined` when it gave no hint. */
  readonly retryAfterMs: number | undefined;

  constructor(
    status: number | undefined,
    body: unknown,
    headers: Headers | undefined,
    message?: string,
    options?: ErrorOptions,
  ) {
    super(status, body, headers, message, options);
    const hintMs = this.details?.['retryAfterMs'];
    this.retryAfterMs =
      parseRetryAfterMs(headers?.get('retry-after')) ??
      (typeof hintMs === 'number' && Number.isFinite(hintMs) && hintMs >= 0 ? hintMs : undefined);
  }
}

/** Thrown for any `5xx` status: the host failed; `requestId` identifies the failure in the host's logs. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** Thrown when no response arrived (DNS failure, refused or reset connection) after the SDK's retries; `cause` holds the underlying error. */
export class APIConnectionError extends APIError {
  override name = 'APIConnectionError';

  constructor(message = 'connection error', options?: ErrorOptions) {
    super(undefined, undefined, undefined, message, options);
  }
}

/** Thrown when the request did not receive a response within the configured `timeoutMs` after the SDK's retries. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';

  constructor(message = 'request timed out', options?: ErrorOptions) {
    super(message, options);
  }
}

/** Thrown when the caller's `AbortSignal` fired; the SDK never retries after it. `cause` holds the signal's reason. */
export class APIUserAbortError extends WopkitError {
  override name = 'APIUserAbortError';

  constructor(message = 'request was aborted', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Thrown by `runs.wait` when the run has not ended within the `timeoutMs` given to it. The run itself goes on;
 * `cause` holds the error of the request that was cut short, if one was in flight.
 *
 * @example
 * ```ts
 * import { RunWaitTimeoutError, Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * try {
 *   await wopkit.runs.wait('run_01JD7Y8Q2M', { timeoutMs: 10_000 });
 * } catch (error) {
 *   if (error instanceof RunWaitTimeoutError) await wopkit.runs.cancel(error.runId);
 *   else throw error;
 * }
 * ```
 */
export class RunWaitTimeoutError extends WopkitError {
  override name = 'RunWaitTimeoutError';
  /** The run that was still going. */
  readonly runId: string;
  /** How long `runs.wait` waited, in milliseconds. */
  readonly timeoutMs: number;

  constructor(runId: string, timeoutMs: number, options?: ErrorOptions) {
    super(`run "${runId}" did not finish within ${timeoutMs} ms`, options);
    this.runId = runId;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Parses a `Retry-After` header value (delta-seconds or an HTTP date) into milliseconds from now.
 * Returns `undefined` for a missing or unparseable value; dates in the past give `0`.
 *
 * @internal
 */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with a day name; this keeps `Date.parse`
  // from reading values such as "-5" as years.
  if (!/^[A-Za-z]/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type APIErrorClass = new (status: number, body: unknown, headers: Headers | undefined) => APIError;

const errorClassByStatus: ReadonlyMap<number, APIErrorClass> = new Map<number, APIErrorClass>([
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [410, GoneError],
  [413, PayloadTooLargeError],
  [415, UnsupportedMediaTypeError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
]);

function errorClassForStatus(status: number): APIErrorClass {
  if (status >= 500) return InternalServerError;
  return errorClassByStatus.get(status) ?? APIError;
}

interface Envelope {
  code: string | undefined;
  message: string | undefined;
  details: Record<string, unknown> | undefined;
}

// Callers may hand over the raw response text; JSON text is parsed so the envelope can be read from it.
function normalizeBody(body: unknown): unknown {
  if (typeof body !== 'string') return body ?? undefined;
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // Not JSON (e.g. an HTML page from a proxy): keep the text as the body.
    return body;
  }
}

function readEnvelope(body: unknown): Envelope {
  if (!isRecord(body)) return { code: undefined, message: undefined, details: undefined };
  return {
    code: nonEmpty(body['error']),
    message: nonEmpty(body['message']),
    details: isRecord(body['details']) ? body['details'] : undefined,
  };
}

function describeStatus(status: number | undefined, code: string | undefined): string {
  const base = status === undefined ? 'request failed' : `request failed with status ${status}`;
  return code === undefined ? base : `${base} (${code})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Why {@link WebhookVerificationError} refused a delivery. */
export type WebhookVerificationFailure =
  'missing_header' | 'unsupported_algorithm' | 'timestamp_out_of_tolerance' | 'signature_mismatch' | 'malformed_body';

/**
 * Thrown by `verifyWebhook` when a request is not a genuine, fresh delivery. Answer it with a `4xx` and do not act on
 * the body. Subclasses tell a bad signature ({@link WebhookSignatureError}) from a stale or missing timestamp
 * ({@link WebhookTimestampError}); `reason` names the exact failure.
 *
 * @example
 * ```ts
 * import { verifyWebhook, WebhookVerificationError } from '@wopkit/sdk';
 *
 * async function handle(rawBody: string, headers: Headers, secret: string): Promise<number> {
 *   try {
 *     const { event } = await verifyWebhook({ rawBody, headers, secret });
 *     console.log(event.type);
 *     return 204;
 *   } catch (error) {
 *     if (error instanceof WebhookVerificationError) return 400;
 *     throw error;
 *   }
 * }
 * ```
 */
export class WebhookVerificationError extends WopkitError {
  override name = 'WebhookVerificationError';
  readonly reason: WebhookVerificationFailure;

  constructor(reason: WebhookVerificationFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/** Thrown when a delivery's signature is missing, of an unknown algorithm, or made with another secret or body. */
export class WebhookSignatureError extends WebhookVerificationError {
  override name = 'WebhookSignatureError';
}

/** Thrown when a delivery's `X-openwop-Timestamp` is missing or further from now than the tolerance (a replay). */
export class WebhookTimestampError extends WebhookVerificationError {
  override name = 'WebhookTimestampError';
}
