import { describe, expect, it } from 'vitest';
import type { StoredEvent } from './ports.js';
import { forkOriginOf, ReplaySource, type ForkOrigin } from './replay.js';

let sequence = 0;
function event(type: string, nodeId: string | undefined, payload: Record<string, unknown> = {}): StoredEvent {
  return {
    eventId: `evt_${sequence}`,
    runId: 'run_source',
    type,
    payload: nodeId === undefined ? payload : { nodeId, ...payload },
    timestamp: '2026-12-06T00:00:00.000Z',
    sequence: sequence++,
    schemaVersion: 1,
    engineVersion: '1',
    ...(nodeId === undefined ? {} : { nodeId }),
  };
}

// start → effect (runs, writes a channel) → wait → effect again (cancelled before it settles)
sequence = 0;
const log = [
  event('run.started', undefined),
  event('node.started', 'start'),
  event('node.completed', 'start', { outputs: { ok: true } }),
  event('node.started', 'effect'),
  event('node.completed', 'effect', { outputs: { sent: 1 } }),
  event('channel.written', 'effect', { channel: 'log', value: 'sent' }),
  event('variable.changed', 'effect', { name: 'count', previous: 0, next: 1 }),
  event('node.started', 'wait'),
  event('node.failed', 'wait', { error: { code: 'boom', message: 'boom' } }),
  event('node.started', 'effect'),
  event('run.cancelled', undefined),
];

function source(origin: Partial<ForkOrigin>): ReplaySource {
  return ReplaySource.fromLog({ sourceRunId: 'run_source', fromSeq: 0, mode: 'replay', ...origin }, log);
}

describe('ReplaySource', () => {
  it('serves fixed history below fromSeq for every node, side-effecting or not', () => {
    const fork = source({ fromSeq: 7, mode: 'branch' });
    expect(fork.decide('start', 0, false)).toEqual({
      use: 'record',
      record: { outcome: { kind: 'completed', outputs: { ok: true } }, sequence: 2, writes: [], sets: [] },
    });
    expect(fork.decide('effect', 0, true)).toMatchObject({
      use: 'record',
      record: { sequence: 4, writes: [{ channel: 'log', value: 'sent' }], sets: [{ name: 'count', value: 1 }] },
    });
    // Settled at 8, at or after fromSeq: a branch runs it again.
    expect(fork.decide('wait', 0, false)).toEqual({ use: 'live' });
  });

  it('never runs a side-effecting node again in replay mode, failing closed where nothing was recorded', () => {
    const fork = source({ fromSeq: 0, mode: 'replay' });
    expect(fork.decide('effect', 0, true)).toMatchObject({ use: 'record', record: { sequence: 4 } });
    expect(fork.decide('effect', 1, true)).toEqual({ use: 'missing' });
    expect(fork.decide('start', 0, false)).toEqual({ use: 'live' });
    expect(fork.decide('wait', 0, false)).toEqual({ use: 'live' });
  });

  it('keeps recorded failures', () => {
    expect(source({ fromSeq: 9 }).decide('wait', 0, false)).toMatchObject({
      use: 'record',
      record: { outcome: { kind: 'failed', error: { code: 'boom' } } },
    });
  });

  it('reads the fork origin from run options', () => {
    const fork = { sourceRunId: 'run_source', fromSeq: 3, mode: 'replay' };
    expect(forkOriginOf({ options: { fork } })).toEqual(fork);
    expect(forkOriginOf({ options: {} })).toBeUndefined();
  });

  it('replays a recorded human decision instead of asking again; a branch asks again', () => {
    sequence = 0;
    const approval = [
      event('run.started', undefined),
      event('node.started', 'gate'),
      event('interrupt.requested', 'gate', { kind: 'approval' }),
      event('node.suspended', 'gate'),
      event('interrupt.resolved', 'gate', { resumeValue: { action: 'accept' } }),
      event('node.completed', 'gate', { outputs: { approved: true } }),
      event('run.completed', undefined),
    ];
    const replay = ReplaySource.fromLog({ sourceRunId: 'run_source', fromSeq: 0, mode: 'replay' }, approval);
    expect(replay.decide('gate', 0, false)).toMatchObject({
      use: 'record',
      record: { interrupted: true, outcome: { kind: 'completed', outputs: { approved: true } } },
    });
    const branch = ReplaySource.fromLog({ sourceRunId: 'run_source', fromSeq: 0, mode: 'branch' }, approval);
    expect(branch.decide('gate', 0, false)).toEqual({ use: 'live' });
  });
});
