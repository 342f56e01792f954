import { describe, expect, it } from 'vitest';
import type { RunStore, StoredEvent, StoredRun } from './ports.js';
import { RunEventHub } from './run-events.js';
import { followRun, type FollowSources } from './run-follower.js';

const RUN_ID = 'run_1';

function event(sequence: number, type = 'node.completed'): StoredEvent {
  return {
    eventId: `evt_${sequence}`,
    runId: RUN_ID,
    type,
    payload: {},
    timestamp: new Date(0).toISOString(),
    sequence,
    schemaVersion: 1,
    engineVersion: '1',
  };
}

/** A log in memory standing in for storage, with a count of reads. */
class FakeLog {
  readonly events: StoredEvent[] = [];
  status: StoredRun['status'] = 'running';
  reads = 0;
  /** Runs inside the next `readEvents` call, before it answers (to commit "during" the read). */
  duringRead: (() => void) | undefined;

  append(...types: string[]): StoredEvent[] {
    const added = types.map((type, index) => event(this.events.length + index, type));
    this.events.push(...added);
    if (types.some((type) => type.startsWith('run.c') || type === 'run.failed')) this.status = 'completed';
    return added;
  }

  readonly store: Pick<RunStore, 'get' | 'readEvents'> = {
    readEvents: async (_runId, after, limit) => {
      this.reads += 1;
      const during = this.duringRead;
      this.duringRead = undefined;
      const answer = this.events.filter((e) => e.sequence > after).slice(0, limit);
      during?.();
      return answer;
    },
    get: async () => ({ runId: RUN_ID, status: this.status, nextSequence: this.events.length }) as StoredRun,
  };
}

async function collect(generator: AsyncGenerator<StoredEvent[]>, onBatch?: (batch: StoredEvent[]) => void) {
  const seen: number[] = [];
  for await (const batch of generator) {
    seen.push(...batch.map((e) => e.sequence));
    onBatch?.(batch);
  }
  return seen;
}

function setup(recheckMs = 60_000, onLive?: (events: StoredEvent[]) => void) {
  const log = new FakeLog();
  const hub = new RunEventHub();
  const sources: FollowSources = { runs: log.store, events: hub, tenantId: 'acme' };
  const controller = new AbortController();
  const follow = (afterSequence: number) =>
    followRun(sources, RUN_ID, { afterSequence, signal: controller.signal, recheckMs, onLive });
  const commit = (...types: string[]) => hub.publish(RUN_ID, log.append(...types));
  return { log, hub, controller, follow, commit };
}

describe('followRun', () => {
  it('reads the stored log after the resume point and returns after the terminal event', async () => {
    const { log, follow } = setup();
    log.append('run.started', 'node.started', 'node.completed', 'run.completed');
    expect(await collect(follow(-1))).toEqual([0, 1, 2, 3]);
    expect(await collect(follow(1))).toEqual([2, 3]);
  });

  it('returns at once when the log already ended at the resume point', async () => {
    const { log, follow } = setup();
    log.append('run.started', 'run.completed');
    expect(await collect(follow(1))).toEqual([]);
  });

  it('loses nothing committed while storage is being read, and repeats nothing', async () => {
    const { log, follow, commit } = setup();
    log.append('run.started', 'node.started');
    // Committed after the read took its answer but before the follower looked at live events.
    log.duringRead = () => commit('node.completed');
    const following = collect(follow(-1), (batch) => {
      if (batch.at(-1)!.sequence === 2) setTimeout(() => commit('run.completed'), 5);
    });
    expect(await following).toEqual([0, 1, 2, 3]);
  });

  it('takes live events without reading storage when they continue the log', async () => {
    const { log, follow, commit } = setup();
    log.append('run.started');
    const following = collect(follow(-1), (batch) => {
      const last = batch.at(-1)!.sequence;
      if (last < 5) setTimeout(() => commit(last === 4 ? 'run.completed' : 'node.completed'), 1);
    });
    expect(await following).toEqual([0, 1, 2, 3, 4, 5]);
    // The first read, and the check that the run has not ended yet; nothing per live event.
    expect(log.reads).toBe(1);
  });

  it('reads storage for events announced by another process', async () => {
    const { log, hub, follow } = setup();
    log.append('run.started');
    const following = collect(follow(-1), (batch) => {
      if (batch.at(-1)!.sequence === 0) {
        setTimeout(() => {
          log.append('node.completed', 'run.completed');
          hub.announce(RUN_ID, 2);
        }, 5);
      }
    });
    expect(await following).toEqual([0, 1, 2]);
  });

  it('re-reads storage on its own when no notice arrives', async () => {
    const { log, follow } = setup(20);
    log.append('run.started');
    setTimeout(() => log.append('run.completed'), 30);
    expect(await collect(follow(-1))).toEqual([0, 1]);
  });

  it('fills a gap in live events from storage', async () => {
    const { log, hub, follow } = setup();
    log.append('run.started');
    const following = collect(follow(-1), (batch) => {
      if (batch.at(-1)!.sequence === 0) {
        setTimeout(() => {
          log.append('node.started'); // committed elsewhere, never published here
          hub.publish(RUN_ID, log.append('run.completed'));
        }, 5);
      }
    });
    expect(await following).toEqual([0, 1, 2]);
  });

  it('drops live events a slow reader has not taken and reads them back in order', async () => {
    const { log, follow, commit } = setup();
    log.append('run.started');
    const generator = follow(-1);
    expect((await generator.next()).value?.map((e) => e.sequence)).toEqual([0]);
    // The reader stalls while far more events are committed than the follower holds for it.
    for (let index = 0; index < 5000; index += 1) commit('node.completed');
    commit('run.completed');
    const rest = await collect(generator);
    expect(rest).toEqual(Array.from({ length: 5001 }, (_, index) => index + 1));
  });

  it('ends when the signal aborts', async () => {
    const { log, controller, follow } = setup();
    log.append('run.started');
    const following = collect(follow(-1), () => setTimeout(() => controller.abort(), 5));
    expect(await following).toEqual([0]);
  });

  it('hands live events to onLive while the reader waits, and still returns after the terminal event', async () => {
    const live: number[][] = [];
    const { log, follow, commit } = setup(60_000, (events) => live.push(events.map((e) => e.sequence)));
    log.append('run.started');
    const yielded: number[] = [];
    const following = collect(follow(-1), (batch) => yielded.push(...batch.map((e) => e.sequence)));
    setTimeout(() => {
      commit('node.started');
      commit('node.completed', 'run.completed');
    }, 5);
    await following;
    expect(yielded).toEqual([0]);
    expect(live).toEqual([[1], [2, 3]]);
  });

  it('yields rather than hands over live events that do not continue the cursor', async () => {
    const live: number[][] = [];
    const { log, hub, follow } = setup(60_000, (events) => live.push(events.map((e) => e.sequence)));
    log.append('run.started');
    const following = collect(follow(-1));
    setTimeout(() => {
      log.append('node.started'); // committed elsewhere
      hub.publish(RUN_ID, log.append('run.completed'));
    }, 5);
    expect(await following).toEqual([0, 1, 2]);
    expect(live).toEqual([]);
  });
});
