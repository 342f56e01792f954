/**
 * Kills the host with SIGKILL at several points while runs are in flight (delays, fan-out, sub-workflows, a burst of
 * creates), restarts it on the same database, and checks that every run ends correctly with a gapless log in which
 * no node completed twice — on SQLite and on PostgreSQL.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, DIALECTS } from './support/databases.js';
import { kill, useChildHosts, type ChildHost } from './support/child-hosts.js';
import { CRASH_TEST_KEY, crashWorkflows } from './support/crash-workflows.js';

const startHostProcess = useChildHosts();

function startHost(databaseUrl: string, effectLog: string): Promise<ChildHost> {
  return startHostProcess({
    WOPKIT_DATABASE_URL: databaseUrl,
    EFFECT_LOG: effectLog,
    WOPKIT_LEASE_MS: '1000',
    WOPKIT_POLL_MS: '50',
  });
}

// Responses are read loosely: the assertions below name every field they rely on.
interface ApiBody {
  runId: string;
  status: string;
  events: Array<{ sequence: number; type: string; nodeId?: string }>;
}

async function api(url: string, pathname: string, init: RequestInit = {}): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${url}${pathname}`, {
    ...init,
    headers: {
      authorization: `Bearer ${CRASH_TEST_KEY}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

describe.each(DIALECTS)('crash recovery on %s', (dialect) => {
  it('finishes every run exactly once after repeated SIGKILLs', { timeout: 120_000 }, async () => {
    const database = await createEmptyTestDatabase(dialect);
    const effectLog = path.join(mkdtempSync(path.join(tmpdir(), 'wopkit-crash-')), 'effects.log');
    let { url, child } = await startHost(database.url, effectLog);
    for (const workflow of crashWorkflows) {
      expect((await api(url, '/v1/workflows', { method: 'POST', body: JSON.stringify(workflow) })).status).toBeLessThan(
        300,
      );
    }

    // A burst of creates, killed while it is still committing.
    const created: Array<{ runId: string; workflowId: string }> = [];
    const burst = Array.from({ length: 45 }, (_, i) => crashWorkflows[i % crashWorkflows.length]!.id).map(
      async (workflowId) => {
        const response = await api(url, '/v1/runs', { method: 'POST', body: JSON.stringify({ workflowId }) }).catch(
          () => undefined,
        );
        if (response?.status === 201) created.push({ runId: response.body.runId, workflowId });
      },
    );
    // Kill once some creates have been answered and while the rest of the burst is still being committed.
    for (let waited = 0; created.length < 10 && waited < 15_000; waited += 10) await sleep(10);
    await kill(child);
    await Promise.all(burst);

    // Restart, let some runs progress into timers and children, kill again; twice.
    for (const pause of [250, 500]) {
      ({ url, child } = await startHost(database.url, effectLog));
      await sleep(pause);
      await kill(child);
    }
    ({ url, child } = await startHost(database.url, effectLog));

    expect(created.length, 'no create of the burst was answered before the kill').toBeGreaterThan(0);
    const readLog = async (runId: string) => (await api(url, `/v1/runs/${runId}/events/poll?timeout=1`)).body.events;
    // Everything a failure message needs to explain a run: its workflow, its status and its log.
    const describeRun = (run: { runId: string; workflowId: string }, status: string, events: ApiBody['events']) => {
      const types = events.map((event) => `${event.sequence}:${event.type}${event.nodeId ? `(${event.nodeId})` : ''}`);
      return `run ${run.runId} of ${run.workflowId} is ${status}; events: ${types.join(' ') || 'none'}`;
    };
    const deadline = Date.now() + 60_000;
    for (const run of created) {
      const { runId } = run;
      for (;;) {
        const { body } = await api(url, `/v1/runs/${runId}`);
        if (['completed', 'failed', 'cancelled'].includes(body.status)) {
          if (body.status !== 'completed')
            expect.fail(`did not complete: ${describeRun(run, body.status, await readLog(runId))}`);
          break;
        }
        if (Date.now() > deadline)
          throw new Error(`not finished after 60 s: ${describeRun(run, body.status, await readLog(runId))}`);
        await sleep(100);
      }
    }

    for (const run of created) {
      const events = await readLog(run.runId);
      const described = describeRun(run, 'completed', events);
      expect(
        events.map((event) => event.sequence),
        described,
      ).toEqual(events.map((_, index) => index));
      expect(
        events.filter((event) => event.type === 'run.started'),
        described,
      ).toHaveLength(1);
      expect(
        events.filter((event) => event.type === 'run.completed'),
        described,
      ).toHaveLength(1);
      const completedNodes = events.filter((event) => event.type === 'node.completed').map((event) => event.nodeId);
      expect(new Set(completedNodes).size, `completed a node twice: ${described}`).toBe(completedNodes.length);
    }

    // A side effect runs again only when a crash hit while its step was in flight, so an effect key runs at most once
    // per host incarnation (four here: the first host, two killed restarts, the last one).
    const effects = existsSync(effectLog) ? readFileSync(effectLog, 'utf8').trim().split('\n') : [];
    // Within one incarnation an effect key never runs twice.
    const byKey = new Map<string, string[]>();
    for (const line of effects) {
      const [key = '', pid = ''] = line.split(' ');
      byKey.set(key, [...(byKey.get(key) ?? []), pid]);
    }
    for (const [key, pids] of byKey) {
      expect(pids.length, `${key} ran in processes ${pids.join(', ')}`).toBeLessThanOrEqual(4);
      expect(new Set(pids).size, `${key} ran twice in one process`).toBe(pids.length);
    }

    await kill(child);
    await database.drop();
  });
});
