/**
 * `streamRunEvents` over HTTP on both databases: every stream mode and combination, `bufferMs` batches, resume from
 * every position, keep-alives, closing after the terminal event, bad input, other tenants, and clients that connect
 * or drop while a run emits.
 */
import { describe, expect, it } from 'vitest';
import type { RunEventDoc, RunSnapshot } from '../src/generated/types/types.gen.js';
import { DIALECTS } from './support/databases.js';
import {
  TERMINAL_EVENT_TYPES,
  chainWorkflow,
  readLog,
  send,
  startRun,
  uniqueId,
  waitForTerminal,
} from './support/runs.js';
import { frameData, readStream, type SseFrame } from './support/sse.js';
import { TEST_KEYS, expectProblemShape, useTestHost, type TestHost } from './support/test-host.js';

const UPDATES_TYPES = ['run.started', 'node.completed', 'run.completed', 'run.failed', 'run.cancelled'];

async function registerChain(host: TestHost, length: number, delayMs: number): Promise<string> {
  const id = uniqueId('chain');
  const answer = await send(
    host,
    'POST',
    '/v1/workflows',
    chainWorkflow(id, length, { typeId: 'core.delay', config: { delayMs } }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return id;
}

/** Runs `workflowId` to its end and returns the run id with its whole log. */
async function finishedRun(host: TestHost, workflowId: string): Promise<{ runId: string; log: RunEventDoc[] }> {
  const runId = await startRun(host, { workflowId });
  await waitForTerminal(host, runId);
  return { runId, log: await readLog(host, runId) };
}

function sequencesOf(frames: SseFrame[]): number[] {
  return frameData<RunEventDoc>(frames).map((event) => event.sequence);
}

describe.each(DIALECTS)('streamRunEvents on %s', (dialect) => {
  const testHost = useTestHost(dialect, { streaming: { keepAliveMs: 100 } });

  it('sends the updates tier by default, one frame per event with its sequence and type, then closes', async () => {
    const host = testHost();
    const runId = await startRun(host, { workflowId: 'conformance-noop' });
    const stream = await readStream(host, runId);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.closedBy).toBe('server');
    const events = frameData<RunEventDoc>(stream.frames);
    expect(events.map((event) => event.type)).toEqual(['run.started', 'node.completed', 'run.completed']);
    for (const [index, frame] of stream.frames.entries()) {
      expect(frame.event).toBe(events[index]!.type);
      expect(Number(frame.id)).toBe(events[index]!.sequence);
    }
    const log = await readLog(host, runId);
    expect(events).toEqual(log.filter((event) => UPDATES_TYPES.includes(event.type)));
  });

  it('sends the whole log in debug mode, exactly as the poll endpoint reads it', async () => {
    const host = testHost();
    const { runId, log } = await finishedRun(host, 'conformance-multi-node');
    const stream = await readStream(host, runId, '?streamMode=debug');
    expect(frameData<RunEventDoc>(stream.frames)).toEqual(log);
    expect(log.some((event) => event.type === 'node.started')).toBe(true);
  });

  it('sends state.snapshot frames in values mode, from a baseline to the terminal snapshot', async () => {
    const host = testHost();
    const runId = await startRun(host, { workflowId: 'conformance-delay', inputs: { delayMs: 300 } });
    const stream = await readStream(host, runId, '?streamMode=values');
    expect(stream.closedBy).toBe('server');
    expect(stream.frames.length).toBeGreaterThanOrEqual(2);
    expect(stream.frames.every((frame) => frame.event === 'state.snapshot')).toBe(true);
    const snapshots = frameData<RunSnapshot>(stream.frames);
    expect(snapshots[0]!.runId).toBe(runId);
    expect(snapshots.at(-1)).toEqual(await waitForTerminal(host, runId));
    expect(snapshots.at(-1)!.status).toBe('completed');
    const ids = stream.frames.map((frame) => Number(frame.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('answers a values stream of a finished run with one snapshot and closes', async () => {
    const host = testHost();
    const { runId, log } = await finishedRun(host, 'conformance-noop');
    const stream = await readStream(host, runId, '?streamMode=values');
    expect(stream.frames).toHaveLength(1);
    expect(Number(stream.frames[0]!.id)).toBe(log.at(-1)!.sequence);
    expect(frameData<RunSnapshot>(stream.frames)[0]!.status).toBe('completed');
  });

  it('sends no frames in messages mode when no node streams output, and closes at the end of the run', async () => {
    const host = testHost();
    const runId = await startRun(host, { workflowId: 'conformance-noop' });
    const stream = await readStream(host, runId, '?streamMode=messages');
    expect(stream).toMatchObject({ status: 200, closedBy: 'server', frames: [] });
  });

  it('sends each event once in a mixed stream, named by its type', async () => {
    const host = testHost();
    const { runId, log } = await finishedRun(host, 'conformance-multi-node');
    for (const modes of ['updates,debug', 'debug,updates', 'updates,messages,debug']) {
      const stream = await readStream(host, runId, `?streamMode=${modes}`);
      const events = frameData<RunEventDoc>(stream.frames);
      expect(events, modes).toEqual(log);
      expect(stream.frames.map((frame) => frame.event)).toEqual(log.map((event) => event.type));
    }
    const updatesAndMessages = await readStream(host, runId, '?streamMode=updates,messages');
    expect(frameData<RunEventDoc>(updatesAndMessages.frames)).toEqual(
      log.filter((event) => UPDATES_TYPES.includes(event.type)),
    );
  });

  it('batches events into batch frames with bufferMs, the terminal one flushed at once', async () => {
    const host = testHost();
    // As the buffer scenario does: no inputs, so the fixture's default delay of 1000 ms applies.
    const runId = await startRun(host, { workflowId: 'conformance-delay' });
    const started = Date.now();
    const stream = await readStream(host, runId, '?streamMode=debug&bufferMs=5000');
    // Without the flush on the terminal event the last batch would wait out the 5 s window.
    expect(Date.now() - started).toBeLessThan(4500);
    expect((await waitForTerminal(host, runId)).variables).toMatchObject({ delayMs: 1000 });
    expect(stream.closedBy).toBe('server');
    expect(stream.frames.length).toBeGreaterThan(0);
    expect(stream.frames.every((frame) => frame.event === 'batch')).toBe(true);
    const batches = frameData<RunEventDoc[]>(stream.frames);
    for (const [index, batch] of batches.entries()) {
      expect(batch.length).toBeGreaterThan(0);
      expect(Number(stream.frames[index]!.id)).toBe(batch.at(-1)!.sequence);
    }
    expect(batches.flat()).toEqual(await readLog(host, runId));
    expect(TERMINAL_EVENT_TYPES).toContain(batches.at(-1)!.at(-1)!.type);
  });

  it('sends single frames when bufferMs is 0', async () => {
    const host = testHost();
    const { runId } = await finishedRun(host, 'conformance-noop');
    const stream = await readStream(host, runId, '?bufferMs=0');
    expect(stream.frames.map((frame) => frame.event)).toEqual(['run.started', 'node.completed', 'run.completed']);
  });

  it('resumes after every position of the log, by sequence and by event id, never repeating the resume point', async () => {
    const host = testHost();
    const { runId, log } = await finishedRun(host, 'conformance-multi-node');
    for (let position = -1; position < log.length; position += 1) {
      const lastEventId = position === -1 ? undefined : String(position);
      const stream = await readStream(host, runId, '?streamMode=debug', lastEventId ? { lastEventId } : {});
      expect(stream.status).toBe(200);
      expect(stream.closedBy).toBe('server');
      expect(sequencesOf(stream.frames), `Last-Event-ID ${lastEventId}`).toEqual(
        log.slice(position + 1).map((event) => event.sequence),
      );
    }
    const byEventId = await readStream(host, runId, '?streamMode=debug', { lastEventId: log[1]!.eventId });
    expect(sequencesOf(byEventId.frames)).toEqual(log.slice(2).map((event) => event.sequence));
  });

  it('lets a client cut off mid-run resume with Last-Event-ID and get the rest exactly once', async () => {
    const host = testHost();
    const workflowId = await registerChain(host, 4, 60);
    const runId = await startRun(host, { workflowId });
    const received: RunEventDoc[] = [];
    let lastEventId: string | undefined;
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const stream = await readStream(host, runId, '?streamMode=debug', {
        ...(lastEventId ? { lastEventId } : {}),
        until: (frames) => frames.length >= 2,
      });
      received.push(...frameData<RunEventDoc>(stream.frames));
      lastEventId = stream.frames.at(-1)?.id ?? lastEventId;
      if (stream.closedBy === 'server') break;
    }
    expect(received).toEqual(await readLog(host, runId));
  });

  it('gives every client connecting while a run emits the whole log, gapless and without duplicates', async () => {
    const host = testHost();
    const workflowId = await registerChain(host, 6, 25);
    const runId = await startRun(host, { workflowId });
    const streams = await Promise.all(
      Array.from({ length: 24 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 12));
        return readStream(host, runId, '?streamMode=debug');
      }),
    );
    const log = await readLog(host, runId);
    expect(log).toHaveLength(6 * 2 + 2);
    for (const stream of streams) expect(frameData<RunEventDoc>(stream.frames)).toEqual(log);
  });

  it('sends keep-alive comments while nothing happens, and advises a retry delay', async () => {
    const host = testHost();
    const runId = await startRun(host, { workflowId: 'conformance-delay', inputs: { delayMs: 500 } });
    const stream = await readStream(host, runId);
    expect(stream.comments.filter((comment) => comment === 'keepalive').length).toBeGreaterThanOrEqual(2);
    expect(stream.retries).toEqual([1000]);
  });

  it('closes at once, with nothing newer, when resuming from the terminal event', async () => {
    const host = testHost();
    const { runId, log } = await finishedRun(host, 'conformance-noop');
    const stream = await readStream(host, runId, '', { lastEventId: String(log.at(-1)!.sequence) });
    expect(stream).toMatchObject({ status: 200, closedBy: 'server', frames: [] });
  });

  it('answers the log as JSON when only application/json is accepted', async () => {
    const host = testHost();
    const { runId, log } = await finishedRun(host, 'conformance-noop');
    const answer = await send(host, 'GET', `/v1/runs/${runId}/events`, undefined, {
      headers: { 'last-event-id': '0' },
    });
    expect(answer).toMatchObject({ status: 200, body: { events: log.slice(1) } });
  });

  it('refuses unknown modes, values mixed with others, and bufferMs above 5000', async () => {
    const host = testHost();
    const { runId } = await finishedRun(host, 'conformance-noop');
    for (const mode of ['bogus', 'values,updates', 'updates,bogus', 'updates,updates', '']) {
      const stream = await readStream(host, runId, `?streamMode=${mode}`);
      expect(stream.status, mode).toBe(400);
      expectProblemShape(stream.problem);
      expect(stream.problem).toMatchObject({
        error: 'unsupported_stream_mode',
        details: { supported: ['values', 'updates', 'messages', 'debug'] },
      });
    }
    const tooLong = await readStream(host, runId, '?bufferMs=99999');
    expect(tooLong.status).toBe(400);
    expect(tooLong.problem).toMatchObject({ error: 'validation_error' });
    const badResumePoint = await readStream(host, runId, '', { lastEventId: 'evt_unknown' });
    expect(badResumePoint.status).toBe(400);
    expect(badResumePoint.problem).toMatchObject({
      error: 'validation_error',
      details: { fields: [{ location: 'header', path: '/Last-Event-ID' }] },
    });
  });

  it('answers 404 for unknown runs and runs of another tenant, 401 without a key', async () => {
    const host = testHost();
    const { runId } = await finishedRun(host, 'conformance-noop');
    expect((await readStream(host, 'run_unknown')).status).toBe(404);
    const foreign = await readStream(host, runId, '', { key: TEST_KEYS.otherTenant });
    expect(foreign.status).toBe(404);
    expect(foreign.problem).toMatchObject({ error: 'not_found' });
    expect((await readStream(host, runId, '', { key: null })).status).toBe(401);
    expect((await readStream(host, runId, '', { key: TEST_KEYS.readOnly })).status).toBe(200);
  });
});
