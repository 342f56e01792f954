// A fetch wrapper that adds per-attempt timeouts, safe retries with backoff, and maps transport failures to SDK errors.

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  WopkitError,
  parseRetryAfterMs,
} from '../errors.js';

/** Configuration for {@link createTransport}. */
export interface TransportOptions {
  /** The fetch implementation to call; defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Time allowed for each attempt to receive response headers, in milliseconds; defaults to 60 000. `Infinity` disables it. */
  timeoutMs?: number | undefined;
  /** How many times a failed, retryable request is tried again; defaults to 2. */
  maxRetries?: number | undefined;
  /** Waits between attempts; must reject (or return early) when `signal` aborts. Injected by tests. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Source of jitter in `[0, 1)`; defaults to `Math.random`. Injected by tests. */
  random?: (() => number) | undefined;
}

/** Header that tells the host which retry an attempt is; absent on the first attempt. */
const RETRY_COUNT_HEADER = 'X-Wopkit-Retry-Count';
/** Time allowed for each attempt when the client sets no `timeoutMs`. @internal */
export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;
// setTimeout fires immediately for delays above 2^31 - 1 ms, so longer timeouts are clamped.
const MAX_TIMER_MS = 2 ** 31 - 1;
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
// 429 and 503 are the statuses the OpenWOP host marks as "come back later" (with Retry-After); a same-key retry re-executes.
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Creates the fetch function the SDK client sends every request through. It times out each attempt,
 * retries safe or idempotent requests on connection errors, timeouts, 429 and 503, and throws
 * `APIConnectionError`, `APIConnectionTimeoutError` or `APIUserAbortError` when no response arrives.
 * Non-2xx responses are returned, not thrown.
 *
 * @internal
 */
export function createTransport(options: TransportOptions = {}): typeof fetch {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;

  if (typeof fetchImpl !== 'function') {
    throw new WopkitError('no fetch implementation found: pass `fetch` or run on Node 20+');
  }
  if (!(timeoutMs > 0)) {
    throw new WopkitError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new WopkitError(`maxRetries must be a non-negative integer, got ${maxRetries}`);
  }

  return async function transportFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    // As in fetch itself, `init.headers` replaces the headers of a Request input rather than merging with them.
    const headers = new Headers(init?.headers ?? request?.headers);
    const callerSignal = init?.signal ?? request?.signal ?? undefined;
    const target = describeTarget(method, input);
    const canRetry = maxRetries > 0 && isRetryableRequest(method, headers) && isReplayableBody(init?.body);

    for (let attempt = 0; ; attempt++) {
      if (callerSignal?.aborted) throw userAbort(target, callerSignal);

      const attemptHeaders = new Headers(headers);
      if (attempt > 0) attemptHeaders.set(RETRY_COUNT_HEADER, String(attempt));
      const attemptSignal = createAttemptSignal(callerSignal, timeoutMs);
      const attemptInput = request !== undefined && canRetry ? request.clone() : input;
      const hasRetriesLeft = canRetry && attempt < maxRetries;

      let waitMs: number;
      try {
        const response = await fetchImpl(attemptInput, {
          ...init,
          headers: attemptHeaders,
          signal: attemptSignal.signal,
        });
        // The timeout covers the wait for headers only, so a long body (an SSE stream) is not cut off;
        // the caller's signal still reaches the body through the attempt signal.
        attemptSignal.clearTimer();
        if (!hasRetriesLeft || !RETRYABLE_STATUSES.has(response.status)) return response;
        discardBody(response);
        waitMs = computeBackoffMs(attempt + 1, response.headers.get('retry-after'), random);
      } catch (error) {
        attemptSignal.clearTimer();
        if (callerSignal?.aborted) throw userAbort(target, callerSignal);
        if (!hasRetriesLeft) {
          const attempts = attempt + 1;
          if (attemptSignal.timedOut) {
            throw new APIConnectionTimeoutError(
              `${target} timed out after ${timeoutMs} ms (${plural(attempts, 'attempt')})`,
              { cause: error },
            );
          }
          throw new APIConnectionError(`${target} failed to connect (${plural(attempts, 'attempt')})`, {
            cause: error,
          });
        }
        waitMs = computeBackoffMs(attempt + 1, null, random);
      }

      try {
        await sleep(waitMs, callerSignal);
      } catch (error) {
        if (callerSignal?.aborted) throw userAbort(target, callerSignal);
        throw error;
      }
    }
  };
}

/**
 * Whether a request may be sent again without risk of applying it twice: safe or idempotent methods,
 * or any method carrying an `Idempotency-Key` header.
 *
 * @internal
 */
export function isRetryableRequest(method: string, headers: Headers): boolean {
  return SAFE_METHODS.has(method.toUpperCase()) || headers.has('idempotency-key');
}

/**
 * How long to wait before retry number `attempt` (1 for the first retry): the `Retry-After` value when the
 * response carried a valid one (capped at 60 s), otherwise capped exponential backoff reduced by up to 25 % jitter.
 *
 * @internal
 */
export function computeBackoffMs(
  attempt: number,
  retryAfterHeader: string | null | undefined,
  random: () => number,
): number {
  const retryAfterMs = parseRetryAfterMs(retryAfterHeader);
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const exponentialMs = Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  // Jitter spreads out clients that failed together so they do not retry in lockstep.
  return Math.round(exponentialMs * (1 - 0.25 * random()));
}

interface AttemptSignal {
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  clearTimer(): void;
}

// One signal per attempt that aborts on the timeout or on the caller's signal, whichever fires first.
// AbortSignal.any holds the caller's signal weakly, so a long-lived caller signal does not collect listeners.
function createAttemptSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const timeout = new AbortController();
  let timedOut = false;
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(
        () => {
          timedOut = true;
          timeout.abort(new DOMException(`attempt timed out after ${timeoutMs} ms`, 'TimeoutError'));
        },
        Math.min(timeoutMs, MAX_TIMER_MS),
      )
    : undefined;
  return {
    signal: callerSignal === undefined ? timeout.signal : AbortSignal.any([callerSignal, timeout.signal]),
    get timedOut() {
      return timedOut;
    },
    clearTimer: () => clearTimeout(timer),
  };
}

// Bodies that fetch can send again unchanged. A ReadableStream (or anything unknown) is consumed by the first attempt.
function isReplayableBody(body: BodyInit | null | undefined): boolean {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof FormData
  );
}

// Frees the connection of a response that is about to be retried.
function discardBody(response: Response): void {
  response.body?.cancel().catch(() => {
    // The response is thrown away; a failure to cancel it cannot affect the retry.
  });
}

function userAbort(target: string, signal: AbortSignal): APIUserAbortError {
  return new APIUserAbortError(`${target} was aborted by the caller`, { cause: signal.reason });
}

// Method and URL without the query string, which may carry values the caller would not want in logs.
function describeTarget(method: string, input: RequestInfo | URL): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const queryStart = url.search(/[?#]/);
  return `${method} ${queryStart === -1 ? url : url.slice(0, queryStart)}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
