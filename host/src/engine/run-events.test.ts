import { describe, expect, it } from 'vitest';
import type { StoredEvent } from './ports.js';
import { RunEventHub } from './run-events.js';

const event = (sequence: number): StoredEvent => ({
  eventId: `evt_${sequence}`,
  runId: 'run_1',
  type: 'node.completed',
  payload: {},
  timestamp: new Date(0).toISOString(),
  sequence,
  schemaVersion: 1,
  engineVersion: '1',
});

describe('RunEventHub.watch', () => {
  it('does not miss a commit published between checking storage and waiting', async () => {
    const hub = new RunEventHub();
    const watch = hub.watch('run_1');
    // The reader checked storage (nothing new), then this commit lands before it waits.
    hub.publish('run_1', [event(0)]);
    const started = Date.now();
    await watch.next(60_000);
    expect(Date.now() - started).toBeLessThan(1000);
    watch.close();
  });

  it('waits for the next update, or the timeout', async () => {
    const hub = new RunEventHub();
    const watch = hub.watch('run_1');
    let woken = false;
    const waiting = watch.next(60_000).then(() => (woken = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(woken).toBe(false);
    hub.announce('run_1', 3);
    await waiting;
    // Nothing new since: only the timeout ends this wait.
    const started = Date.now();
    await watch.next(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    watch.close();
  });
});
