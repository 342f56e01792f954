/**
 * Two host processes on one PostgreSQL database: a client streaming a run from either process receives every event,
 * whichever process committed it. Storage re-reads are slowed to once a minute, so the streams can only finish in
 * time if commit notices (LISTEN/NOTIFY) reach the other process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEventDoc } from '../src/generated/types/types.gen.js';
import { useChildHosts, type ChildHost } from './support/child-hosts.js';
import { CRASH_TEST_KEY } from './support/crash-workflows.js';
import { createEmptyTestDatabase, type EmptyTestDatabase } from './support/databases.js';
import { chainWorkflow } from './support/runs.js';
import { frameData, readStream } from './support/sse.js';
import type { TestHost } from './support/test-host.js';

const startHostProcess = useChildHosts();

function client(host: ChildHost): Pick<TestHost, 'request'> {
  return {
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${CRASH_TEST_KEY}`);
      return fetch(`${host.url}${path}`, { ...init, headers });
    },
  };
}

async function json(response: Promise<Response>): Promise<Record<string, unknown>> {
  const answer = await response;
  const body = (await answer.json()) as Record<string, unknown>;
  expect(answer.ok, JSON.stringify(body)).toBe(true);
  return body;
}

describe('streams across host processes on postgres', () => {
  let database: EmptyTestDatabase;
  let hosts: ChildHost[];

  beforeAll(async () => {
    database = await createEmptyTestDatabase('postgres');
    const env = { WOPKIT_DATABASE_URL: database.url, WOPKIT_POLL_MS: '20', WOPKIT_FOLLOW_RECHECK_MS: '60000' };
    // The first process migrates the database; the second starts on the migrated one.
    hosts = [await startHostProcess(env)];
    hosts.push(await startHostProcess(env));
  }, 60_000);
  afterAll(async () => {
    for (const host of hosts ?? []) host.child.kill('SIGKILL');
    await database?.drop();
  });

  it('delivers events committed by either process to subscribers of both', { timeout: 30_000 }, async () => {
    const [first, second] = hosts.map(client) as [Pick<TestHost, 'request'>, Pick<TestHost, 'request'>];
    const workflowId = `processes-${Date.now().toString(36)}`;
    await json(
      first.request('/v1/workflows', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chainWorkflow(workflowId, 8, { typeId: 'core.delay', config: { delayMs: 40 } })),
      }),
    );
    // Runs are claimed by whichever process polls first, so across several runs both processes commit.
    const runIds = await Promise.all(
      Array.from({ length: 4 }, async (_, index) => {
        const host = index % 2 === 0 ? first : second;
        const body = await json(
          host.request('/v1/runs', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ workflowId }),
          }),
        );
        return body.runId as string;
      }),
    );
    const streams = await Promise.all(
      runIds.flatMap((runId) =>
        [first, second].map((host) => readStream(host, runId, '?streamMode=debug', { timeoutMs: 20_000 })),
      ),
    );
    for (const [index, stream] of streams.entries()) {
      const runId = runIds[Math.floor(index / 2)]!;
      const log = (await json(first.request(`/v1/runs/${runId}/events/poll`))).events as RunEventDoc[];
      expect(log.at(-1)!.type).toBe('run.completed');
      expect(stream.closedBy, `stream ${index} of run ${runId}`).toBe('server');
      expect(frameData<RunEventDoc>(stream.frames)).toEqual(log);
    }
  });
});
