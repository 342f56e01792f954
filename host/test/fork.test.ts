/**
 * `forkRun` on both databases: replay and branch forks, the fixed history below `fromSeq`, side-effecting nodes
 * that a replay never runs again (recorded outcome by execution ordinal, or `replay_source_missing`), and the
 * request's validation.
 */
import { describe, expect, it } from 'vitest';
import type { RunEventDoc } from '../src/generated/types/types.gen.js';
import { DIALECTS } from './support/databases.js';
import {
  TERMINAL_STATUSES,
  chainWorkflow,
  uniqueId,
  payloadOf,
  readLog,
  send,
  startRun,
  waitForRun,
  waitForTerminal,
  type JsonAnswer,
} from './support/runs.js';
import { TEST_KEYS, expectProblemShape, useTestHost, type TestHost } from './support/test-host.js';

function fork(host: TestHost, runId: string, body: unknown, key?: string): Promise<JsonAnswer> {
  return send(host, 'POST', `/v1/runs/${runId}:fork`, body, key === undefined ? {} : { key });
}

async function forkAndFinish(host: TestHost, runId: string, body: Record<string, unknown>) {
  const answer = await fork(host, runId, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const forkId = answer.body.runId as string;
  const snapshot = await waitForTerminal(host, forkId, { timeoutMs: 20_000 });
  return { answer, forkId, snapshot, log: await readLog(host, forkId) };
}

/** The parts of events a deterministic re-execution reproduces. */
const shape = (events: RunEventDoc[]) =>
  events.map((event) => ({ type: event.type, nodeId: event.nodeId, sequence: event.sequence }));
const ofNode = (events: RunEventDoc[], type: string, nodeId: string) =>
  events.filter((event) => event.type === type && event.nodeId === nodeId);

/** Executions of the test's side-effecting node, per effect key: what an external system would have received. */
const effects: string[] = [];

describe.each(DIALECTS)('forkRun on %s', (dialect) => {
  const testHost = useTestHost(dialect, {
    nodes: {
      'test.charge': {
        sideEffects: true,
        run(_input, ctx) {
          effects.push(ctx.effectKey);
          return { charged: true };
        },
      },
    },
  });

  it('never calls an external system again in a replay; a branch does', async () => {
    const host = testHost();
    const workflowId = uniqueId('charge');
    const registered = await send(
      host,
      'POST',
      '/v1/workflows',
      chainWorkflow(workflowId, 2, { typeId: 'test.charge' }),
    );
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const sourceId = await startRun(host, { workflowId });
    await waitForTerminal(host, sourceId);
    const before = effects.length;
    expect(effects.filter((key) => key.startsWith(sourceId))).toHaveLength(2);
    const replay = await forkAndFinish(host, sourceId, { mode: 'replay' });
    expect(replay.snapshot.status).toBe('completed');
    expect(effects).toHaveLength(before);
    const branch = await forkAndFinish(host, sourceId, { mode: 'branch', fromSeq: 0 });
    expect(branch.snapshot.status).toBe('completed');
    expect(effects.slice(before)).toEqual([`${branch.forkId}:n0:0`, `${branch.forkId}:n1:0`]);
  });

  it('replays a finished run into an independent run with the same history', async () => {
    const host = testHost();
    const sourceId = await startRun(host, { workflowId: 'conformance-multi-node' });
    await waitForTerminal(host, sourceId);
    const source = await readLog(host, sourceId);
    const { answer, forkId, snapshot, log } = await forkAndFinish(host, sourceId, { mode: 'replay' });
    expect(answer.body).toMatchObject({
      runId: expect.not.stringMatching(sourceId),
      sourceRunId: sourceId,
      fromSeq: 0,
      mode: 'replay',
      status: 'pending',
      eventsUrl: expect.stringMatching(new RegExp(`/v1/runs/${forkId}/events$`)),
    });
    expect(snapshot.status).toBe('completed');
    expect(shape(log)).toEqual(shape(source));
    expect(log.every((event) => event.runId === forkId)).toBe(true);
    // Two replays of the same point produce the same events, payloads included.
    const again = await forkAndFinish(host, sourceId, { mode: 'replay', fromSeq: 0 });
    const comparable = (events: RunEventDoc[]) =>
      events.map(({ type, nodeId, sequence, payload }) => ({ type, nodeId, sequence, payload }));
    expect(comparable(again.log).filter((event) => event.type !== 'run.started')).toEqual(
      comparable(log).filter((event) => event.type !== 'run.started'),
    );
  });

  it('branches from any point with an overlay, keeping the history below fromSeq as recorded', async () => {
    const host = testHost();
    const sourceId = await startRun(host, { workflowId: 'conformance-multi-node', tags: ['source'] });
    await waitForTerminal(host, sourceId);
    const source = await readLog(host, sourceId);
    const fromSeq = ofNode(source, 'node.completed', 'b')[0]!.sequence + 1;
    const { forkId, snapshot, log } = await forkAndFinish(host, sourceId, {
      mode: 'branch',
      fromSeq,
      runOptionsOverlay: { tags: ['what-if'], metadata: { reason: 'test' } },
    });
    expect(snapshot).toMatchObject({ status: 'completed', tags: ['what-if'], metadata: { reason: 'test' } });
    expect(shape(log)).toEqual(shape(source));
    // a and b were not executed again: their outputs are the recorded ones.
    for (const nodeId of ['a', 'b']) {
      expect(payloadOf(ofNode(log, 'node.completed', nodeId)[0]).outputs).toEqual(
        payloadOf(ofNode(source, 'node.completed', nodeId)[0]).outputs,
      );
    }
    expect(forkId).not.toBe(sourceId);
  });

  it('reuses the recorded outcome of a side-effecting node instead of running it again', async () => {
    const host = testHost();
    const sourceId = await startRun(host, { workflowId: 'conformance-replay-side-effect', inputs: { delayMs: 50 } });
    await waitForTerminal(host, sourceId);
    const source = await readLog(host, sourceId);
    const sourceEffect = payloadOf(ofNode(source, 'node.completed', 'effect')[0]).outputs as { effectKey: string };
    expect(sourceEffect.effectKey).toMatch(new RegExp(`^${sourceId}:effect:0$`));
    const { log, snapshot } = await forkAndFinish(host, sourceId, { mode: 'replay' });
    expect(snapshot.status).toBe('completed');
    // A live execution would carry the fork's own effect key.
    expect(payloadOf(ofNode(log, 'node.completed', 'effect')[0]).outputs).toEqual(sourceEffect);
    // A branch does run it again.
    const branch = await forkAndFinish(host, sourceId, { mode: 'branch', fromSeq: 0 });
    expect(
      (payloadOf(ofNode(branch.log, 'node.completed', 'effect')[0]).outputs as { effectKey: string }).effectKey,
    ).toBe(`${branch.forkId}:effect:0`);
  });

  it('fails a side-effecting node closed when the source never settled it', async () => {
    const host = testHost();
    const sourceId = await startRun(host, { workflowId: 'conformance-replay-side-effect', inputs: { delayMs: 400 } });
    expect((await send(host, 'POST', `/v1/runs/${sourceId}/cancel`, {})).status).toBe(200);
    await waitForRun(host, sourceId, (run) => TERMINAL_STATUSES.includes(run.status));
    expect(ofNode(await readLog(host, sourceId), 'node.completed', 'effect')).toEqual([]);
    const { log, snapshot } = await forkAndFinish(host, sourceId, { mode: 'replay' });
    expect(snapshot.status).toBe('failed');
    expect(ofNode(log, 'node.completed', 'effect')).toEqual([]);
    expect(payloadOf(ofNode(log, 'node.failed', 'effect')[0]).error).toMatchObject({ code: 'replay_source_missing' });
  });

  it('matches recorded outcomes by execution ordinal through a loop', async () => {
    const host = testHost();
    const sourceId = await startRun(host, { workflowId: 'conformance-replay-ordinal-loop', inputs: { delayMs: 600 } });
    // Cancel once the effect ran once and the hold is pending.
    let source: RunEventDoc[] = [];
    for (let attempt = 0; attempt < 100; attempt += 1) {
      source = await readLog(host, sourceId);
      if (ofNode(source, 'node.started', 'wait').length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await send(host, 'POST', `/v1/runs/${sourceId}/cancel`, {})).status).toBe(200);
    await waitForTerminal(host, sourceId);
    source = await readLog(host, sourceId);
    expect(ofNode(source, 'node.completed', 'effect')).toHaveLength(1);
    const fromSeq = ofNode(source, 'node.started', 'effect')[0]!.sequence;
    const { log } = await forkAndFinish(host, sourceId, { mode: 'replay', fromSeq });
    expect(ofNode(log, 'node.completed', 'effect')).toHaveLength(1);
    expect(payloadOf(ofNode(log, 'node.failed', 'effect')[0]).error).toMatchObject({ code: 'replay_source_missing' });
  });

  it('replays a recorded approval without asking again', async () => {
    const host = testHost();
    const sourceId = await startRun(host, { workflowId: 'conformance-approval' });
    await waitForRun(host, sourceId, (run) => run.status === 'waiting-approval');
    const resolved = await send(host, 'POST', `/v1/runs/${sourceId}/interrupts/gate`, {
      resumeValue: { action: 'accept' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect((await waitForTerminal(host, sourceId)).status).toBe('completed');
    const { log, snapshot } = await forkAndFinish(host, sourceId, { mode: 'replay' });
    expect(snapshot.status).toBe('completed');
    expect(log.filter((event) => event.type === 'interrupt.requested')).toEqual([]);
  });

  it('refuses bad requests with the spec codes', async () => {
    const host = testHost();
    const sourceId = await startRun(host, { workflowId: 'conformance-noop' });
    await waitForTerminal(host, sourceId);
    const lastSequence = (await readLog(host, sourceId)).at(-1)!.sequence;
    const cases: Array<[unknown, number, string]> = [
      [
        { mode: 'replay', fromSeq: 0, runOptionsOverlay: { configurable: { recursionLimit: 50 } } },
        400,
        'validation_error',
      ],
      [{ mode: 'branch' }, 400, 'validation_error'],
      [{ mode: 'replay', fromSeq: -1 }, 400, 'validation_error'],
      [{ mode: 'sideways' }, 400, 'validation_error'],
      [{ mode: 'replay', extra: true }, 400, 'validation_error'],
      [{ mode: 'replay', fromSeq: lastSequence + 1 }, 422, 'fork_point_invalid'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await fork(host, sourceId, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expectProblemShape(answer.body);
      expect(answer.body.error).toBe(code);
    }
    expect((await fork(host, sourceId, { mode: 'replay', fromSeq: lastSequence + 1 })).body).toMatchObject({
      details: { sourceRunId: sourceId, lastSequence },
    });
    expect((await fork(host, 'run_missing', { mode: 'replay' })).status).toBe(404);
    expect((await fork(host, sourceId, { mode: 'replay' }, TEST_KEYS.otherTenant)).status).toBe(404);
    // An empty overlay is no overlay.
    expect((await fork(host, sourceId, { mode: 'replay', runOptionsOverlay: {} })).status).toBe(201);
  });
});
