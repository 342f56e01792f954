import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleContract } from '../../../codegen/bundle/bundle.ts';
import { openapiPath } from '../../../codegen/shared/paths.ts';
import { Wopkit } from '../client.js';
import { AuthenticationError } from '../errors.js';
import type { RunEventPage } from '../generated/types.gen.js';
import { handlers, mockOperations, mockRun, type MockRunEventInit } from './index.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as a namespace property.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const baseUrl = 'http://wopkit.test';
const server = setupServer();
const wopkit = new Wopkit({ baseUrl, apiKey: 'test-key', maxRetries: 0 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(bundleContract(openapiPath), 'contract');
const validateSchema = (name: string, value: unknown): string[] => {
  const validate = ajv.getSchema(`contract#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`no schema ${name}`);
  return validate(value) ? [] : [`${name}: ${ajv.errorsText(validate.errors)}`];
};
// `node.completed` → `NodeCompletedPayload`.
const payloadSchemaName = (type: string): string =>
  `${type
    .split(/[.-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}Payload`;

/** Reads a stream request's whole body as text. */
async function readStream(path: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Accept: 'text/event-stream', ...headers } });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  return response.text();
}

/** `id event` of each frame in SSE text. */
function frameNames(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('id: '))
    .map((frame) => {
      const [id, event] = frame.split('\n');
      return `${id?.slice('id: '.length)} ${event?.slice('event: '.length)}`;
    });
}

const chunkEvents: MockRunEventInit[] = [
  { type: 'run.started', payload: { workflowId: 'chat' } },
  { type: 'output.chunk', payload: { nodeId: 'reply', chunk: 'Hi', isLast: true } },
  { type: 'log.appended', payload: { level: 'info', message: 'replied' } },
];

describe('mockRun', () => {
  it.each(['completed', 'failed', 'cancelled', 'running'] as const)(
    'scripts a contract-valid run that ends %s, with gapless sequences from 0',
    (status) => {
      const run = mockRun({ status });
      expect(run.runId).toBe(mockOperations.getRun.body.runId);
      expect(run.workflowId).toBe(mockOperations.getRun.body.workflowId);
      expect(run.events.map((event) => event.sequence)).toEqual([...run.events.keys()]);
      const problems = run.events.flatMap((event) => [
        ...validateSchema('RunEventDoc', event),
        ...validateSchema(payloadSchemaName(event.type), event.payload),
      ]);
      expect(problems).toEqual([]);
      const terminal = { completed: 'run.completed', failed: 'run.failed', cancelled: 'run.cancelled' } as const;
      const lastType = run.events.at(-1)?.type;
      if (status === 'running') expect(lastType).toBe('node.started');
      else expect(lastType).toBe(terminal[status]);
    },
  );

  it('ends scripted events with the terminal event of its status unless they end with one', () => {
    const events: MockRunEventInit[] = [{ type: 'run.started', payload: { workflowId: 'w' } }];
    expect(mockRun({ events, status: 'cancelled' }).events.map((event) => event.type)).toEqual([
      'run.started',
      'run.cancelled',
    ]);
    const ended = [...events, { type: 'run.failed', payload: { error: { code: 'x', message: 'y' } } }];
    expect(mockRun({ events: ended }).events.map((event) => event.type)).toEqual(['run.started', 'run.failed']);
    expect(mockRun({ events: chunkEvents, runId: 'run_chat' }).events[1]).toMatchObject({
      eventId: 'run_chat-evt-1',
      runId: 'run_chat',
      nodeId: 'reply',
      sequence: 1,
    });
  });

  it('answers getRun with a contract-valid snapshot of the events appended so far', async () => {
    const run = mockRun({ paceMs: 30, status: 'failed' });
    server.use(...run.handlers);

    const first = await wopkit.runs.get(run.runId);
    expect(first).toMatchObject({ runId: run.runId, status: 'running', startedAt: run.events[0]?.timestamp });
    expect(run.appendedEvents().length).toBeLessThan(run.events.length);

    await vi.waitFor(() => expect(run.appendedEvents()).toHaveLength(run.events.length), { timeout: 2_000 });
    const last = await wopkit.runs.get(run.runId);
    expect(last).toEqual(run.snapshot());
    expect(last).toMatchObject({
      status: 'failed',
      error: { code: 'node_failed' },
      completedAt: run.events.at(-1)?.timestamp,
      nodeStates: { intake: { status: 'completed' }, archive: { status: 'failed' } },
      variables: mockOperations.getRun.body.variables,
    });
    expect([...validateSchema('RunSnapshot', first), ...validateSchema('RunSnapshot', last)]).toEqual([]);
  });

  it('reports a scripted non-terminal status once every event is appended', async () => {
    const run = mockRun({ status: 'waiting-approval' });
    server.use(...run.handlers);
    await expect(wopkit.runs.get(run.runId)).resolves.toMatchObject({ status: 'waiting-approval' });
  });

  it('answers pollRunEvents with the events after lastSequence, completing with the terminal event', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    await expect(wopkit.runs.pollEvents(run.runId)).resolves.toEqual({ events: run.events, isComplete: true });
    await expect(wopkit.runs.pollEvents(run.runId, { lastSequence: 3 })).resolves.toEqual({
      events: run.events.slice(4),
      isComplete: true,
    });
    await expect(wopkit.runs.pollEvents(run.runId, { lastSequence: 5 })).resolves.toEqual({
      events: [],
      isComplete: true,
    });
  });

  it('holds a poll until the next event is appended', async () => {
    const run = mockRun({ paceMs: 60 });
    server.use(...run.handlers);
    const first: RunEventPage = await wopkit.runs.pollEvents(run.runId, { timeout: 5 });
    expect(first).toEqual({ events: [run.events[0]], isComplete: false });

    const startedAt = Date.now();
    const second = await wopkit.runs.pollEvents(run.runId, { lastSequence: 0, timeout: 5 });
    expect(second.events.map((event) => event.sequence)).toEqual([1]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(30);
  });

  it('answers a poll with no events after its timeout when the run goes nowhere', async () => {
    const run = mockRun({ status: 'running' });
    server.use(...run.handlers);
    const startedAt = Date.now();
    await expect(wopkit.runs.pollEvents(run.runId, { lastSequence: 3, timeout: 1 })).resolves.toEqual({
      events: [],
      isComplete: false,
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
  });

  it.each([
    {
      streamMode: 'updates',
      expected: ['0 run.started', '2 node.completed', '4 node.completed', '5 run.completed'],
    },
    {
      streamMode: 'debug',
      expected: [
        '0 run.started',
        '1 node.started',
        '2 node.completed',
        '3 node.started',
        '4 node.completed',
        '5 run.completed',
      ],
    },
    { streamMode: 'values', expected: [0, 1, 2, 3, 4, 5].map((id) => `${id} state.snapshot`) },
  ])('streams mode $streamMode with the event type in each event: line', async ({ streamMode, expected }) => {
    const run = mockRun();
    server.use(...run.handlers);
    const text = await readStream(`/v1/runs/${run.runId}/events?streamMode=${streamMode}`);
    expect(frameNames(text)).toEqual(expected);
    expect(run.connections).toMatchObject([{ streamMode, state: 'ended', sentIds: expected.map((name) => +name[0]!) }]);
  });

  it('streams messages chunks, names the event in mixed streams, and serves every event in debug', async () => {
    const run = mockRun({ events: chunkEvents });
    server.use(...run.handlers);
    const path = `/v1/runs/${run.runId}/events`;
    expect(frameNames(await readStream(`${path}?streamMode=messages`))).toEqual(['1 ai.message.chunk']);
    expect(frameNames(await readStream(`${path}?streamMode=messages,updates`))).toEqual([
      '0 run.started',
      '1 ai.message.chunk',
      '3 run.completed',
    ]);
    expect(frameNames(await readStream(`${path}?streamMode=debug`))).toEqual([
      '0 run.started',
      '1 output.chunk',
      '2 log.appended',
      '3 run.completed',
    ]);
    const messages = await readStream(`${path}?streamMode=messages`);
    expect(messages).toContain(`data: {"nodeId":"reply","runId":"${run.runId}","chunk":"Hi","isLast":true}`);
  });

  it('resumes after Last-Event-ID, given as a sequence or an event id', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const path = `/v1/runs/${run.runId}/events?streamMode=debug`;
    expect(frameNames(await readStream(path, { 'Last-Event-ID': '3' }))).toEqual([
      '4 node.completed',
      '5 run.completed',
    ]);
    const eventId = run.events[4]!.eventId;
    expect(frameNames(await readStream(path, { 'Last-Event-ID': eventId }))).toEqual(['5 run.completed']);
    // A resume from the terminal event answers 200 with nothing newer.
    expect(frameNames(await readStream(path, { 'Last-Event-ID': '5' }))).toEqual([]);
  });

  it('batches events with bufferMs, flushing at once on the terminal event', async () => {
    const run = mockRun();
    server.use(...run.handlers);
    const text = await readStream(`/v1/runs/${run.runId}/events?streamMode=updates&bufferMs=9000`);
    expect(frameNames(text)).toEqual(['5 batch']);
    expect(run.connections[0]?.bufferMs).toBe(5_000);
    const data = text.split('\n').find((line) => line.startsWith('data: '))!;
    expect((JSON.parse(data.slice('data: '.length)) as { sequence: number }[]).map((event) => event.sequence)).toEqual([
      0, 2, 4, 5,
    ]);
  });

  it.each([
    { query: 'streamMode=chat', supported: undefined },
    { query: 'streamMode=values,updates', supported: undefined },
    { query: 'streamMode=messages', supported: ['updates', 'debug'] as const },
  ])('answers $query with 400 unsupported_stream_mode', async ({ query, supported }) => {
    const run = mockRun(supported === undefined ? {} : { streamModes: supported });
    server.use(...run.handlers);
    const response = await fetch(`${baseUrl}/v1/runs/${run.runId}/events?${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'unsupported_stream_mode',
      details: { supported: supported ?? ['values', 'updates', 'messages', 'debug'] },
    });
    expect(run.connections).toEqual([]);
  });

  it('drops the first connections after the given number of frames', async () => {
    const run = mockRun({ dropAfter: [2, 1], dropWith: 'close', retryMs: 25 });
    server.use(...run.handlers);
    const path = `/v1/runs/${run.runId}/events`;
    const first = await readStream(path);
    expect(first.startsWith('retry: 25\n\n')).toBe(true);
    expect(frameNames(first)).toEqual(['0 run.started', '2 node.completed']);
    expect(frameNames(await readStream(path, { 'Last-Event-ID': '2' }))).toEqual(['4 node.completed']);
    expect(frameNames(await readStream(path, { 'Last-Event-ID': '4' }))).toEqual(['5 run.completed']);
    expect(run.connections.map((connection) => connection.state)).toEqual(['dropped', 'dropped', 'ended']);
  });

  it('fails a connection dropped by error like a reset network connection', async () => {
    const run = mockRun({ dropAfter: 1 });
    server.use(...run.handlers);
    const response = await fetch(`${baseUrl}/v1/runs/${run.runId}/events`);
    await expect(response.text()).rejects.toThrow(/dropped the connection/);
  });

  it('keeps the stream of an unfinished run open with keep-alives, and stops pacing when the client leaves', async () => {
    const run = mockRun({ status: 'running', paceMs: 40, keepAliveMs: 15 });
    server.use(...run.handlers);
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/v1/runs/${run.runId}/events?streamMode=debug`, {
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(':keepalive')) text += (await reader.read()).value ?? '';
    controller.abort();
    await vi.waitFor(() => expect(run.connections[0]?.state).toBe('aborted'));
    const sent = run.connections[0]!.sentIds.length;
    expect(sent).toBeLessThan(run.events.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run.connections[0]!.sentIds).toHaveLength(sent);
  });

  it('requires the API key when given one', async () => {
    const run = mockRun({ apiKey: 'secret' });
    server.use(...run.handlers);
    await expect(wopkit.runs.get(run.runId)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(wopkit.runs.pollEvents(run.runId)).rejects.toBeInstanceOf(AuthenticationError);
    const authorized = new Wopkit({ baseUrl, apiKey: 'secret' });
    await expect(authorized.runs.get(run.runId)).resolves.toMatchObject({ status: 'completed' });
  });

  it('lets requests for other runs fall through to the next handler', async () => {
    const first = mockRun({ runId: 'run_a' });
    const second = mockRun({ runId: 'run_b', status: 'cancelled' });
    server.use(...first.handlers, ...second.handlers, ...handlers);
    await expect(wopkit.runs.get('run_a')).resolves.toMatchObject({ runId: 'run_a', status: 'completed' });
    await expect(wopkit.runs.get('run_b')).resolves.toMatchObject({ runId: 'run_b', status: 'cancelled' });
    await expect(wopkit.runs.get('run_other')).resolves.toEqual(mockOperations.getRun.body);
  });
});

describe('mockRun with an interrupt', () => {
  it('suspends at the gate until the UI resolves it, then streams the rest', async () => {
    const run = mockRun({ interruptAt: 'gate', paceMs: 5 });
    server.use(...run.handlers);
    const problems = run.events.flatMap((event) => [
      ...validateSchema('RunEventDoc', event),
      ...validateSchema(payloadSchemaName(event.type), event.payload),
    ]);
    expect(problems).toEqual([]);

    const seen: string[] = [];
    const streaming = (async () => {
      for await (const item of wopkit.runs.stream(run.runId, { streamMode: 'debug' })) seen.push(item.type);
    })();
    await vi.waitFor(async () => expect((await wopkit.runs.get(run.runId)).status).toBe('waiting-approval'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.at(-1)).toBe('node.suspended');
    expect(run.resumeValue()).toBeUndefined();

    await expect(wopkit.interrupts.resolve(run.runId, 'other', { action: 'accept' })).rejects.toMatchObject({
      status: 404,
      code: 'interrupt_not_found',
    });
    expect(await wopkit.interrupts.resolve(run.runId, 'gate', { action: 'accept' })).toMatchObject({
      nodeId: 'gate',
      status: 'running',
    });
    await streaming;
    expect(seen.slice(-4)).toEqual(['interrupt.resolved', 'node.resumed', 'node.completed', 'run.completed']);
    expect(run.resumeValue()).toEqual({ action: 'accept' });
    const resolved = run.events.find((event) => event.type === 'interrupt.resolved');
    expect(resolved?.payload).toMatchObject({ resumeValue: { action: 'accept' } });
    expect((await wopkit.runs.get(run.runId)).status).toBe('completed');
    await expect(wopkit.interrupts.resolve(run.runId, 'gate', { action: 'reject' })).rejects.toMatchObject({
      status: 409,
      code: 'interrupt_already_resolved',
    });
  });

  it('holds long-polls until the interrupt is resolved', async () => {
    const run = mockRun({ interruptAt: 'gate' });
    server.use(...run.handlers);
    const first = await wopkit.runs.pollEvents(run.runId, { timeout: 1 });
    expect(first.events.at(-1)?.type).toBe('node.suspended');
    const waiting = wopkit.runs.pollEvents(run.runId, { lastSequence: first.events.at(-1)!.sequence, timeout: 30 });
    setTimeout(() => void wopkit.interrupts.resolve(run.runId, 'gate', { action: 'accept' }), 20);
    const next = await waiting;
    expect(next.events[0]?.type).toBe('interrupt.resolved');
  });
});
