/**
 * Suspended runs across SIGKILLs, on SQLite and PostgreSQL: runs waiting on approvals and clarifications survive a
 * killed host and are resolvable exactly once afterwards; interrupt deadlines that pass while no host runs fire once
 * after the restart; a host killed right after accepting resolves still finishes those runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, DIALECTS } from './support/databases.js';
import { kill, useChildHosts, type ChildHost } from './support/child-hosts.js';
import { CRASH_TEST_KEY } from './support/crash-workflows.js';
import { workflowDefinition, workflowNode } from './support/runs.js';

const startHostProcess = useChildHosts();

function startHost(databaseUrl: string): Promise<ChildHost> {
  return startHostProcess({ WOPKIT_DATABASE_URL: databaseUrl, WOPKIT_LEASE_MS: '1000', WOPKIT_POLL_MS: '50' });
}

// Responses are read loosely: the assertions below name every field they rely on.
interface ApiBody {
  runId: string;
  status: string;
  error?: { code: string };
  events: Array<{ sequence: number; type: string; nodeId?: string }>;
}

async function api(url: string, pathname: string, body?: unknown): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${url}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${CRASH_TEST_KEY}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

/** An approval gate that times out after 2 s. */
const TIMEOUT_WORKFLOW_ID = 'approval-timeout-2s';
const TIMEOUT_WORKFLOW = workflowDefinition(TIMEOUT_WORKFLOW_ID, [
  workflowNode('gate', 'core.approvalGate', { actions: ['accept', 'reject'], timeoutMs: 2000 }),
]);

async function waitFor(url: string, runId: string, accept: (status: string) => boolean, what: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await api(url, `/v1/runs/${runId}`);
    if (accept(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not reach ${what}; it is ${body.status}`);
    await sleep(100);
  }
}

const isTerminal = (status: string) => ['completed', 'failed', 'cancelled'].includes(status);

describe.each(DIALECTS)('interrupts across crashes on %s', (dialect) => {
  it(
    'resolves each surviving interrupt exactly once and fires each due timeout once',
    { timeout: 120_000 },
    async () => {
      const database = await createEmptyTestDatabase(dialect);
      let { url, child } = await startHost(database.url);
      expect((await api(url, '/v1/workflows', TIMEOUT_WORKFLOW)).status).toBeLessThan(300);

      const create = async (workflowId: string) => {
        const { status, body } = await api(url, '/v1/runs', { workflowId });
        expect(status).toBe(201);
        return body.runId;
      };
      const approvals = await Promise.all(Array.from({ length: 4 }, () => create('conformance-approval')));
      const clarifications = await Promise.all(Array.from({ length: 3 }, () => create('conformance-clarification')));
      const timeouts = await Promise.all(Array.from({ length: 3 }, () => create(TIMEOUT_WORKFLOW_ID)));
      for (const runId of [...approvals, ...timeouts])
        await waitFor(url, runId, (s) => s === 'waiting-approval', 'waiting-approval');
      for (const runId of clarifications) await waitFor(url, runId, (s) => s === 'waiting-input', 'waiting-input');

      // Killed while every run is suspended; the timeouts fall due while no host is running.
      await kill(child);
      await sleep(2500);
      ({ url, child } = await startHost(database.url));

      for (const runId of timeouts) {
        const run = await waitFor(url, runId, isTerminal, 'a terminal status');
        expect(run).toMatchObject({ status: 'failed', error: { code: 'approval_rejected' } });
      }

      // Resolve two approvals, then kill at once: the accepted answers are durable, the runs finish after a restart.
      const early = approvals.slice(0, 2);
      for (const runId of early)
        expect(
          (await api(url, `/v1/runs/${runId}/interrupts/gate`, { resumeValue: { action: 'accept' } })).status,
        ).toBe(200);
      await kill(child);
      ({ url, child } = await startHost(database.url));

      // Every other interrupt: five concurrent resolves, exactly one winner.
      const rest = [
        ...approvals.slice(2).map((runId) => ({ runId, nodeId: 'gate', resumeValue: { action: 'accept' } })),
        ...clarifications.map((runId) => ({ runId, nodeId: 'ask', resumeValue: { answers: { q1: 'blue' } } })),
      ];
      for (const { runId, nodeId, resumeValue } of rest) {
        const answers = await Promise.all(
          Array.from({ length: 5 }, () => api(url, `/v1/runs/${runId}/interrupts/${nodeId}`, { resumeValue })),
        );
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
      }
      for (const runId of [...approvals, ...clarifications]) {
        const run = await waitFor(url, runId, isTerminal, 'a terminal status');
        expect(run.status).toBe('completed');
      }
      for (const runId of early)
        expect(
          (await api(url, `/v1/runs/${runId}/interrupts/gate`, { resumeValue: { action: 'accept' } })).status,
        ).toBe(409);

      for (const runId of [...approvals, ...clarifications, ...timeouts]) {
        const { events } = (await api(url, `/v1/runs/${runId}/events/poll?timeout=1`)).body;
        const count = (type: string) => events.filter((event) => event.type === type).length;
        expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index));
        expect(count('interrupt.requested'), runId).toBe(1);
        expect(count('interrupt.resolved'), runId).toBe(1);
        expect(count('node.resumed'), runId).toBe(1);
        expect(count('run.completed') + count('run.failed'), runId).toBe(1);
      }
      await kill(child);
      await database.drop();
    },
  );
});
