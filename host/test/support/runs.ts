/** HTTP helpers for run-lifecycle tests: create, read, wait for and read the log of runs, as the conformance suite does. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { RunEventDoc, RunSnapshot } from '../../src/generated/types/types.gen.js';
import type { TestHost } from './test-host.js';

/** A decoded answer: status, headers and parsed JSON body (`undefined` when empty). */
export interface JsonAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Options of {@link send}. */
export interface SendOptions {
  /** API key (admin by default). */
  key?: string;
  headers?: Record<string, string>;
}

/** Statuses after which a run never changes again. */
export const TERMINAL_STATUSES: readonly string[] = ['completed', 'failed', 'cancelled'];

/** Types of the events that end a run's log. */
export const TERMINAL_EVENT_TYPES: readonly string[] = ['run.completed', 'run.failed', 'run.cancelled'];

/** How often and how long tests poll a run's snapshot. */
const POLL_EVERY_MS = 50;
const DEFAULT_WAIT_MS = 10_000;

/** A string unique to this test run, for tags and idempotency keys. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Sends a request with an optional JSON body and decodes the JSON answer. */
export async function send<T = Record<string, unknown>>(
  host: TestHost,
  method: string,
  path: string,
  body?: unknown,
  options: SendOptions = {},
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await host.request(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(options.key !== undefined ? { key: options.key } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/** `POST /v1/runs`. */
export function postRun(host: TestHost, body: unknown, options: SendOptions = {}): Promise<JsonAnswer> {
  return send(host, 'POST', '/v1/runs', body, options);
}

/** Creates a run and asserts the `201` `RunAccepted` answer; resolves with the run id. */
export async function startRun(
  host: TestHost,
  body: Record<string, unknown>,
  options: SendOptions = {},
): Promise<string> {
  const answer = await postRun(host, body, options);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  expect(answer.body).toMatchObject({ runId: expect.any(String), status: expect.any(String) });
  return answer.body.runId as string;
}

/** `GET /v1/runs/{runId}`, asserting `200`. */
export async function getSnapshot(host: TestHost, runId: string, options: SendOptions = {}): Promise<RunSnapshot> {
  const answer = await send<RunSnapshot>(host, 'GET', `/v1/runs/${encodeURIComponent(runId)}`, undefined, options);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** Reads the snapshot every 50 ms until `predicate` holds; fails after `timeoutMs` naming the last status. */
export async function waitForRun(
  host: TestHost,
  runId: string,
  predicate: (snapshot: RunSnapshot) => boolean,
  options: SendOptions & { timeoutMs?: number; what?: string } = {},
): Promise<RunSnapshot> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
  let last: RunSnapshot | undefined;
  for (;;) {
    last = await getSnapshot(host, runId, options);
    if (predicate(last)) return last;
    if (Date.now() >= deadline) {
      throw new Error(
        `run ${runId} did not reach ${options.what ?? 'the expected state'}; last status "${last.status}"`,
      );
    }
    await sleep(POLL_EVERY_MS);
  }
}

/** Waits until the run's status is exactly `status`. */
export function waitForStatus(
  host: TestHost,
  runId: string,
  status: string,
  options: SendOptions & { timeoutMs?: number } = {},
): Promise<RunSnapshot> {
  return waitForRun(host, runId, (snapshot) => snapshot.status === status, { ...options, what: `status "${status}"` });
}

/** Waits until the run is `completed`, `failed` or `cancelled`. */
export function waitForTerminal(
  host: TestHost,
  runId: string,
  options: SendOptions & { timeoutMs?: number } = {},
): Promise<RunSnapshot> {
  return waitForRun(host, runId, (snapshot) => TERMINAL_STATUSES.includes(snapshot.status), {
    ...options,
    what: 'a terminal status',
  });
}

/** `GET /v1/runs/{runId}/events/poll` with `query`, asserting `200`. */
export async function pollEvents(
  host: TestHost,
  runId: string,
  query = '',
  options: SendOptions = {},
): Promise<{ events: RunEventDoc[]; isComplete: boolean }> {
  const answer = await send<{ events: RunEventDoc[]; isComplete: boolean }>(
    host,
    'GET',
    `/v1/runs/${encodeURIComponent(runId)}/events/poll${query}`,
    undefined,
    options,
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** The whole event log of a run (poll without a cursor). */
export async function readLog(host: TestHost, runId: string, options: SendOptions = {}): Promise<RunEventDoc[]> {
  return (await pollEvents(host, runId, '?timeout=1', options)).events;
}

/** The payload of an event as a record. */
export function payloadOf(event: RunEventDoc | undefined): Record<string, unknown> {
  return (event?.payload ?? {}) as Record<string, unknown>;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A node of a test workflow definition. */
export function workflowNode(id: string, typeId: string, config: Record<string, unknown> = {}) {
  return { id, typeId, name: id, position: { x: 0, y: 0 }, config, inputs: {} };
}

/** A test workflow definition with a manual trigger and no variables. */
export function workflowDefinition(id: string, nodes: unknown[], edges: unknown[] = []): Record<string, unknown> {
  return {
    id,
    name: id,
    version: '1',
    nodes,
    edges,
    triggers: [{ id: 'manual', type: 'manual' }],
    variables: [],
    metadata: {},
    settings: {},
  };
}

/**
 * A definition of `length` chained nodes `n0 → n1 → …`, each of `typeId` with `config` (`core.noop` by default): a run
 * that commits one step after another.
 */
export function chainWorkflow(
  id: string,
  length: number,
  node: { typeId: string; config?: Record<string, unknown> } = { typeId: 'core.noop' },
): Record<string, unknown> {
  const nodes = Array.from({ length }, (_, index) => workflowNode(`n${index}`, node.typeId, node.config));
  const edges = nodes
    .slice(1)
    .map((next, index) => ({ id: `e${index}`, sourceNodeId: `n${index}`, targetNodeId: next.id }));
  return workflowDefinition(id, nodes, edges);
}
