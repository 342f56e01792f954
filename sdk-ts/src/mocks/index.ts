// @wopkit/sdk/mocks: MSW 2 handlers that answer every contract operation with its contract example.

import { http, HttpResponse, type HttpHandler } from 'msw';
import { mockOperations, type MockOperationId } from './operations.gen.js';
import { toUrlPattern } from './url-pattern.js';

export { mockOperations, type MockOperationId } from './operations.gen.js';
export {
  mockRun,
  type MockRun,
  type MockRunConnection,
  type MockRunEventInit,
  type MockRunOptions,
} from './mock-run.js';

/**
 * A canned answer for one operation. `status` defaults to the operation's success status. When `body` is
 * omitted, the contract example is sent if the status is the success status, and no body otherwise;
 * `body: null` always sends no body. Objects are sent as JSON; a string body of a `text/event-stream`
 * operation is sent as a server-sent event stream.
 */
export interface MockResponse {
  /** HTTP status; defaults to the operation's success status. */
  status?: number;
  /** Response body: a JSON value, `null` for none, or SSE text for streaming operations. */
  body?: unknown;
  /** Extra response headers, e.g. `{ 'Retry-After': '0' }`. */
  headers?: Record<string, string>;
}

/** What a {@link MockResolver} is called with. */
export interface MockRequestInfo {
  /** The operation the request matched. */
  operationId: MockOperationId;
  /** The intercepted request. */
  request: Request;
  /** Path parameters of the operation, percent-decoded (e.g. `{ runId: 'run_1' }`). */
  params: Record<string, string>;
}

/** Computes the answer to one request: a {@link MockResponse}, or a full `Response` for complete control. */
export type MockResolver = (info: MockRequestInfo) => MockResponse | Response | Promise<MockResponse | Response>;

/** A fixed answer or a resolver for one operation. */
export type MockOverride = MockResponse | MockResolver;

/** Options of {@link createMockHandlers} and {@link mockOperation}. */
export interface MockHandlerOptions {
  /** Only requests to this origin (and path prefix) match; by default any origin does. */
  baseUrl?: string | undefined;
}

/** Options of {@link createMockHandlers}. */
export interface CreateMockHandlersOptions extends MockHandlerOptions {
  /** Answers that replace the contract examples, per operation. */
  overrides?: Partial<Record<MockOperationId, MockOverride>> | undefined;
}

/**
 * Creates one MSW handler per contract operation, each answering with the operation's contract example
 * unless `overrides` says otherwise. Pass them to `setupServer` (Node) or `setupWorker` (browser).
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockHandlers } from '@wopkit/sdk/mocks';
 *
 * const server = setupServer(
 *   ...createMockHandlers({
 *     baseUrl: 'http://127.0.0.1:3737',
 *     overrides: { getRun: { body: { runId: 'run_1', workflowId: 'ticket-triage', status: 'running' } } },
 *   }),
 * );
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function createMockHandlers(options: CreateMockHandlersOptions = {}): HttpHandler[] {
  const operationIds = Object.keys(mockOperations) as MockOperationId[];
  return operationIds.map((operationId) =>
    createHandler(operationId, options.overrides?.[operationId], options.baseUrl),
  );
}

/**
 * Creates a handler for one operation, to replace its default answer in a single test with `server.use(...)`.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { handlers, mockOperation } from '@wopkit/sdk/mocks';
 *
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * server.use(mockOperation('getRun', { status: 404, body: { error: 'not_found', message: 'run "x" was not found' } }));
 * ```
 */
export function mockOperation(
  operationId: MockOperationId,
  response: MockOverride,
  options: MockHandlerOptions = {},
): HttpHandler {
  return createHandler(operationId, response, options.baseUrl);
}

/**
 * The default handlers: every operation answers with its contract example, on any origin.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { handlers } from '@wopkit/sdk/mocks';
 *
 * export const server = setupServer(...handlers);
 * ```
 */
export const handlers: HttpHandler[] = createMockHandlers();

function createHandler(
  operationId: MockOperationId,
  override: MockOverride | undefined,
  baseUrl: string | undefined,
): HttpHandler {
  const operation = mockOperations[operationId];
  return http[operation.method](toUrlPattern(operation.path, baseUrl), async ({ request, params }) => {
    const answer =
      typeof override === 'function'
        ? await override({ operationId, request, params: toStringParams(params) })
        : (override ?? {});
    return answer instanceof Response ? answer : toResponse(operationId, answer);
  });
}

function toResponse(operationId: MockOperationId, answer: MockResponse): Response {
  const operation = mockOperations[operationId];
  const status = answer.status ?? operation.status;
  const body = answer.body !== undefined ? answer.body : status === operation.status ? operation.body : null;
  const headers = new Headers(answer.headers);

  if (body === null || status === 204 || status === 205 || status === 304) {
    return new HttpResponse(null, { status, headers });
  }
  if (operation.contentType === 'text/event-stream' && typeof body === 'string' && status >= 200 && status < 300) {
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'text/event-stream');
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-cache');
    return new HttpResponse(toEventStream(body), { status, headers });
  }
  if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return new HttpResponse(JSON.stringify(body), { status, headers });
}

// A real stream with one chunk per SSE frame, so clients exercise their incremental parsing (TOOLCHAIN trap 8:
// MSW's `sse()` needs a global EventSource, which Node lacks).
function toEventStream(text: string): ReadableStream<Uint8Array> {
  const frames = text.split(/(?<=\n\n)/).filter((frame) => frame !== '');
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const frame of frames) controller.enqueue(encoder.encode(frame));
      controller.close();
    },
  });
}

function toStringParams(params: Record<string, string | readonly string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') result[name] = value;
    else if (value !== undefined) result[name] = value.join('/');
  }
  return result;
}
