/**
 * A parent run waiting for several child runs at once, on both databases: a child that ends while the parent is busy
 * with a step (resuming another child) must still wake it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../src/host.js';
import { silentLogger } from '../src/logger.js';
import { createEmptyTestDatabase, DIALECTS } from './support/databases.js';
import { workflowDefinition as workflow, workflowNode as node } from './support/runs.js';

const KEY = 'child-runs-test-key-0001';

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(DIALECTS)('child runs on %s', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('wakes the parent when a child ends while the parent is resuming another child', async () => {
    const database = await createEmptyTestDatabase(dialect);
    cleanups.push(database.drop);
    const slowChildMayEnd = gate();
    const parentResuming = gate();
    const parentMayCommit = gate();
    const host: Host = await createHost({
      databaseUrl: database.url,
      apiKeys: [{ key: KEY, tenant: 'acme', scopes: ['*'], test: true }],
      logger: silentLogger,
      leaseMs: 1000,
      pollIntervalMs: 50,
      nodes: {
        'test.waitForGate': {
          async run() {
            await slowChildMayEnd.opened;
            return {};
          },
        },
        // Starts a child run; when resumed with its result, holds the parent's step until the test lets it commit.
        'test.holdOnResume': {
          async run(_input, ctx) {
            if (ctx.resume?.kind !== 'child') {
              return ctx.startChildRun({ workflowId: String(ctx.config.workflowId), inputs: {} });
            }
            parentResuming.open();
            await parentMayCommit.opened;
            return {};
          },
        },
      },
    });
    cleanups.push(() => host.close());
    // A failed test must not leave a step waiting on a gate: closing the host waits for its steps.
    cleanups.push(async () => {
      slowChildMayEnd.open();
      parentMayCommit.open();
    });
    const { url } = await host.listen(0);
    const api = async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBeLessThan(300);
      return JSON.parse(text) as T;
    };
    await api('/v1/workflows', workflow('fast-child', [node('only', 'core.noop')]));
    await api('/v1/workflows', workflow('slow-child', [node('only', 'test.waitForGate')]));
    await api(
      '/v1/workflows',
      workflow(
        'two-children',
        [
          node('callFast', 'test.holdOnResume', { workflowId: 'fast-child' }),
          node('callSlow', 'core.subWorkflow', { workflowId: 'slow-child' }),
          node('join', 'core.noop'),
        ],
        [
          { id: 'fast-join', sourceNodeId: 'callFast', targetNodeId: 'join' },
          { id: 'slow-join', sourceNodeId: 'callSlow', targetNodeId: 'join' },
        ],
      ),
    );

    const { runId } = await api<{ runId: string }>('/v1/runs', { workflowId: 'two-children' });
    // The fast child has ended and woken the parent, whose step is now resuming `callFast`; that step read the slow
    // child while it was still running.
    await parentResuming.opened;
    slowChildMayEnd.open();
    for (;;) {
      const { items } = await api<{ items: Array<{ status: string }> }>('/v1/runs?workflowId=slow-child');
      if (items[0]?.status === 'completed') break;
      await sleep(20);
    }
    // The slow child's end woke the parent before the parent commits its step.
    parentMayCommit.open();

    const deadline = Date.now() + 10_000;
    let status: string;
    do {
      await sleep(50);
      ({ status } = await api<{ status: string }>(`/v1/runs/${runId}`));
    } while (status !== 'completed' && Date.now() < deadline);
    const { events } = await api<{ events: Array<{ type: string; nodeId?: string }> }>(
      `/v1/runs/${runId}/events/poll?timeout=1`,
    );
    const log = events.map((event) => (event.nodeId ? `${event.type}(${event.nodeId})` : event.type)).join(' ');
    expect(status, `the parent is ${status} after 10 s; its log: ${log}`).toBe('completed');
  });
});
