/**
 * Idempotency-Key on createRun (and its scoping per tenant and operation), and the X-Force-Engine-Version seam of
 * the version-fold scenario, over HTTP on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../src/host.js';
import { silentLogger } from '../src/logger.js';
import type { DatabaseDialect } from '../src/storage/schema.js';
import { DIALECTS, createEmptyTestDatabase } from './support/databases.js';
import {
  getSnapshot,
  pollEvents,
  postRun,
  send,
  sleep,
  startRun,
  uniqueId,
  waitForTerminal,
  type JsonAnswer,
} from './support/runs.js';
import { TEST_KEYS, expectProblemShape, useTestHost, type TestHost } from './support/test-host.js';

const REPLAY_HEADER = 'openwop-idempotent-replay';

/** An `Idempotency-Key` in the suite's format. */
const conformanceKey = (suffix: string) => uniqueId(`openwop-conformance-${suffix}`);

const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });

const runIdOf = (answer: JsonAnswer) => answer.body.runId as string | undefined;

async function runsTagged(host: TestHost, tag: string, key?: string): Promise<string[]> {
  const answer = await send<{ items: Array<{ runId: string }> }>(
    host,
    'GET',
    `/v1/runs?tag=${encodeURIComponent(tag)}&limit=100`,
    undefined,
    key === undefined ? {} : { key },
  );
  expect(answer.status).toBe(200);
  return answer.body.items.map((item) => item.runId);
}

describe.each(DIALECTS)('Idempotency-Key on createRun on %s', (dialect) => {
  const host = useTestHost(dialect);

  it('replays the first 201 with the same runId and openwop-Idempotent-Replay: true, creating one run', async () => {
    const key = conformanceKey('replay');
    const tag = uniqueId('idem');
    const body = { workflowId: 'conformance-idempotent', inputs: { nonce: 'abc-123' }, tags: [tag] };
    const first = await postRun(host(), body, withKey(key));
    expect(first.status).toBe(201);
    expect(first.headers.get(REPLAY_HEADER)).toBeNull();

    const second = await postRun(host(), body, withKey(key));
    expect(second.status).toBe(201);
    expect(second.headers.get(REPLAY_HEADER)).toBe('true');
    expect(second.body).toEqual(first.body);

    expect(await runsTagged(host(), tag)).toEqual([runIdOf(first)]);
    expect((await waitForTerminal(host(), runIdOf(first)!)).status).toBe('completed');
  });

  it('treats a body with the same content in another key order as the same request', async () => {
    const key = conformanceKey('order');
    const tag = uniqueId('idem');
    const first = await postRun(
      host(),
      { workflowId: 'conformance-idempotent', inputs: { nonce: 'n' }, tags: [tag] },
      withKey(key),
    );
    const second = await postRun(
      host(),
      { tags: [tag], inputs: { nonce: 'n' }, workflowId: 'conformance-idempotent' },
      withKey(key),
    );
    expect(second.status).toBe(201);
    expect(runIdOf(second)).toBe(runIdOf(first));
    expect(second.headers.get(REPLAY_HEADER)).toBe('true');
  });

  it('refuses the same key with a different body with 409 idempotency_key_mismatch and no runId', async () => {
    const key = conformanceKey('conflict');
    const tag = uniqueId('idem');
    const first = await postRun(
      host(),
      { workflowId: 'conformance-idempotent', inputs: { nonce: 'first' }, tags: [tag] },
      withKey(key),
    );
    expect(first.status).toBe(201);
    const second = await postRun(
      host(),
      { workflowId: 'conformance-idempotent', inputs: { nonce: 'DIFFERENT' }, tags: [tag] },
      withKey(key),
    );
    expect(second.status).toBe(409);
    expectProblemShape(second.body);
    expect(second.body.error).toBe('idempotency_key_mismatch');
    expect(second.body).not.toHaveProperty('runId');
    expect(JSON.stringify(second.body)).not.toContain(runIdOf(first)!);
    expect(second.headers.get(REPLAY_HEADER)).toBeNull();
    expect(await runsTagged(host(), tag)).toEqual([runIdOf(first)]);
  });

  it('answers 10 parallel creates with one key with 201 or 409 idempotency_in_flight and exactly one runId', async () => {
    const key = conformanceKey('parallel-1');
    const tag = uniqueId('idem');
    const body = { workflowId: 'conformance-idempotent', inputs: { nonce: 'parallel-1' }, tags: [tag] };
    const answers = await Promise.all(Array.from({ length: 10 }, () => postRun(host(), body, withKey(key))));
    const successes = answers.filter((answer) => answer.status === 200 || answer.status === 201);
    const conflicts = answers.filter((answer) => answer.status === 409);
    expect(successes.length + conflicts.length).toBe(10);
    expect(successes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(successes.map(runIdOf)).size).toBe(1);
    for (const conflict of conflicts) {
      expectProblemShape(conflict.body);
      expect(conflict.body.error).toBe('idempotency_in_flight');
      const retryAfter = conflict.body.details?.retryAfter ?? Number(conflict.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
    }
    expect(successes.filter((answer) => answer.headers.get(REPLAY_HEADER) !== 'true')).toHaveLength(1);
    expect(await runsTagged(host(), tag)).toEqual([runIdOf(successes[0]!)]);
  });

  it('creates ten runs for ten parallel creates with distinct keys', async () => {
    const tag = uniqueId('idem');
    const body = { workflowId: 'conformance-idempotent', inputs: { nonce: 'parallel-2' }, tags: [tag] };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => postRun(host(), body, withKey(conformanceKey(`distinct-${index}`)))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 201));
    const runIds = answers.map(runIdOf);
    expect(new Set(runIds).size).toBe(10);
    expect((await runsTagged(host(), tag)).sort()).toEqual([...runIds].sort());
  });

  it('answers five sequential retries with one runId, only the first without the replay header', async () => {
    const key = conformanceKey('retry-storm');
    const body = { workflowId: 'conformance-idempotent', inputs: { nonce: 'retry-storm' } };
    const answers: JsonAnswer[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      answers.push(await postRun(host(), body, withKey(key)));
      await sleep(100);
    }
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map(runIdOf)).size).toBe(1);
    expect(answers.map((answer) => answer.headers.get(REPLAY_HEADER))).toEqual([null, 'true', 'true', 'true', 'true']);
  });

  it('scopes keys per tenant: the same key and body on two tenants creates two runs', async () => {
    const key = conformanceKey('tenants');
    const tag = uniqueId('idem');
    const body = { workflowId: 'conformance-idempotent', inputs: { nonce: 'tenants' }, tags: [tag] };
    const acme = await postRun(host(), body, withKey(key));
    const globex = await postRun(host(), body, { ...withKey(key), key: TEST_KEYS.otherTenant });
    expect(acme.status).toBe(201);
    expect(globex.status).toBe(201);
    expect(globex.headers.get(REPLAY_HEADER)).toBeNull();
    expect(runIdOf(globex)).not.toBe(runIdOf(acme));
    expect(await runsTagged(host(), tag)).toEqual([runIdOf(acme)]);
    expect(await runsTagged(host(), tag, TEST_KEYS.otherTenant)).toEqual([runIdOf(globex)]);
    // The other tenant's replay must not leak the first tenant's run.
    const replay = await postRun(host(), body, { ...withKey(key), key: TEST_KEYS.otherTenant });
    expect(runIdOf(replay)).toBe(runIdOf(globex));
  });

  it('scopes keys per operation: the key of a createRun may be reused to cancel the run it created', async () => {
    const key = conformanceKey('operations');
    const created = await postRun(
      host(),
      { workflowId: 'conformance-cancellable', inputs: { delayMs: 30_000 } },
      withKey(key),
    );
    expect(created.status).toBe(201);
    const runId = runIdOf(created)!;
    const cancelled = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'same key' }, withKey(key));
    expect(cancelled.status).toBe(200);
    expect(cancelled.headers.get(REPLAY_HEADER)).toBeNull();
    expect(cancelled.body).toMatchObject({ runId });

    const cancelReplay = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'same key' }, withKey(key));
    expect(cancelReplay.status).toBe(200);
    expect(cancelReplay.headers.get(REPLAY_HEADER)).toBe('true');
    expect(cancelReplay.body).toEqual(cancelled.body);
  });

  it('does not store a 400: the corrected request with the same key creates the run', async () => {
    const key = conformanceKey('fix-and-retry');
    const refused = await postRun(host(), { workflowId: 'conformance-idempotent', inputs: {} }, withKey(key));
    expect(refused.status).toBe(400);
    const again = await postRun(host(), { workflowId: 'conformance-idempotent', inputs: {} }, withKey(key));
    expect(again.status).toBe(400);
    expect(again.headers.get(REPLAY_HEADER)).toBeNull();
    const fixed = await postRun(
      host(),
      { workflowId: 'conformance-idempotent', inputs: { nonce: 'fixed' } },
      withKey(key),
    );
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get(REPLAY_HEADER)).toBeNull();
  });

  it('ignores Idempotency-Key on reads', async () => {
    const runId = await startRun(host(), { workflowId: 'conformance-noop' });
    const key = conformanceKey('read');
    const first = await send(host(), 'GET', `/v1/runs/${runId}`, undefined, withKey(key));
    const second = await send(host(), 'GET', `/v1/runs/${runId}`, undefined, withKey(key));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get(REPLAY_HEADER)).toBeNull();
  });

  it('advertises limits with an idempotencyAckTimeoutSec of at least 5 when present, without credentials', async () => {
    const response = await host().request('/.well-known/openwop', { key: null });
    expect(response.status).toBe(200);
    const { limits } = (await response.json()) as { limits?: Record<string, unknown> };
    expect(limits).toBeDefined();
    if (limits?.idempotencyAckTimeoutSec !== undefined) {
      expect(Number.isInteger(limits.idempotencyAckTimeoutSec)).toBe(true);
      expect(limits.idempotencyAckTimeoutSec as number).toBeGreaterThanOrEqual(5);
    }
  });
});

/** Keys of the version-fold hosts: a test key and a production key, both allowed to create runs. */
const FOLD_KEYS = { test: 'fold-test-key-acme', production: 'fold-production-key-acme' } as const;

/** A host with both fold keys, with or without the test seams that let test keys force an engine version. */
function useFoldHost(dialect: DatabaseDialect, options: { testSeams: boolean }): () => TestHost {
  let current: TestHost | undefined;
  let drop: (() => Promise<void>) | undefined;
  let running: Host | undefined;
  beforeAll(async () => {
    const database = await createEmptyTestDatabase(dialect);
    drop = database.drop;
    running = await createHost({
      databaseUrl: database.url,
      apiKeys: [
        { key: FOLD_KEYS.test, tenant: 'acme', scopes: ['*'], test: true },
        { key: FOLD_KEYS.production, tenant: 'acme', scopes: ['*'] },
      ],
      logger: silentLogger,
      validateResponses: true,
      testSeams: options.testSeams,
    });
    const { url } = await running.listen();
    const host = running;
    current = {
      url,
      host,
      request(path, init = {}) {
        const { key = FOLD_KEYS.test, ...rest } = init;
        const headers = new Headers(rest.headers);
        if (key !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
        return fetch(`${url}${path}`, { ...rest, headers });
      },
    };
  });
  afterAll(async () => {
    await running?.close();
    await drop?.();
  });
  return () => {
    if (!current) throw new Error('the fold host exists only while the suite runs');
    return current;
  };
}

describe.each(DIALECTS)('X-Force-Engine-Version (conformance-version-fold) with test seams on %s', (dialect) => {
  const host = useFoldHost(dialect, { testSeams: true });

  async function forceRange(): Promise<{ min: number; max: number; current: number }> {
    const discovery = await send<{
      engineVersion?: number;
      testing?: { forceEngineVersionRange?: { min: number; max: number } };
    }>(host(), 'GET', '/.well-known/openwop');
    const range = discovery.body.testing?.forceEngineVersionRange;
    expect(range).toEqual({ min: expect.any(Number), max: expect.any(Number) });
    expect(Number.isInteger(range!.min) && Number.isInteger(range!.max)).toBe(true);
    return { ...range!, current: discovery.body.engineVersion ?? range!.max };
  }

  it('runs conformance-version-fold to completion under every forced version in the advertised range', async () => {
    const { min, max, current } = await forceRange();
    const versions = [...new Set([min, current, max])].filter((version) => version >= min && version <= max);
    for (const version of versions) {
      const runId = await startRun(
        host(),
        { workflowId: 'conformance-version-fold' },
        { headers: { 'x-force-engine-version': String(version) } },
      );
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot).toMatchObject({ runId, status: 'completed', engineVersion: String(version) });
      const readBack = await getSnapshot(host(), runId);
      expect(readBack).toMatchObject({ runId: expect.any(String), status: expect.any(String) });
      const { events } = await pollEvents(host(), runId, '?lastSequence=0&timeout=1');
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) expect(event.engineVersion).toBe(String(version));
    }
  });

  it('refuses a version above the range with 400 unsupported_force_engine_version', async () => {
    const { max } = await forceRange();
    const answer = await postRun(
      host(),
      { workflowId: 'conformance-version-fold' },
      { headers: { 'x-force-engine-version': String(max + 1) } },
    );
    expect(answer.status).toBe(400);
    expectProblemShape(answer.body);
    expect(answer.body.error).toBe('unsupported_force_engine_version');
  });

  it('refuses a production key with 403 force_engine_version_forbidden, even for an in-range version', async () => {
    const { min } = await forceRange();
    const answer = await postRun(
      host(),
      { workflowId: 'conformance-version-fold' },
      { key: FOLD_KEYS.production, headers: { 'x-force-engine-version': String(min) } },
    );
    expect(answer.status).toBe(403);
    expectProblemShape(answer.body);
    expect(answer.body.error).toBe('force_engine_version_forbidden');

    const unforced = await postRun(host(), { workflowId: 'conformance-version-fold' }, { key: FOLD_KEYS.production });
    expect(unforced.status).toBe(201);
  });
});

describe.each(DIALECTS)('X-Force-Engine-Version without test seams on %s', (dialect) => {
  const host = useFoldHost(dialect, { testSeams: false });

  it('refuses a production key with 403 force_engine_version_forbidden', async () => {
    const answer = await postRun(
      host(),
      { workflowId: 'conformance-version-fold' },
      { key: FOLD_KEYS.production, headers: { 'x-force-engine-version': '1' } },
    );
    expect(answer.status).toBe(403);
    expectProblemShape(answer.body);
    expect(answer.body.error).toBe('force_engine_version_forbidden');
  });

  it('refuses a test key with 400 unsupported_force_engine_version and advertises no range', async () => {
    const answer = await postRun(
      host(),
      { workflowId: 'conformance-version-fold' },
      { headers: { 'x-force-engine-version': '1' } },
    );
    expect(answer.status).toBe(400);
    expectProblemShape(answer.body);
    expect(answer.body.error).toBe('unsupported_force_engine_version');
    const discovery = await send<{ testing?: { forceEngineVersionRange?: unknown } }>(
      host(),
      'GET',
      '/.well-known/openwop',
    );
    expect(discovery.body.testing?.forceEngineVersionRange).toBeUndefined();
  });
});

describe.each(DIALECTS)('X-Dedup on %s', (dialect) => {
  const host = useTestHost(dialect);
  const create = (scopeId: string | undefined, dedup = true) =>
    host().request('/v1/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(dedup ? { 'x-dedup': 'enforce' } : {}) },
      body: JSON.stringify({
        workflowId: 'conformance-cancellable',
        inputs: { delayMs: 30000 },
        ...(scopeId ? { scopeId } : {}),
      }),
    });

  it('refuses a second active run of the same scope with 409 run_already_active and Retry-After', async () => {
    const first = await create('order-1');
    expect(first.status).toBe(201);
    const { runId } = (await first.json()) as { runId: string };
    const second = await create('order-1');
    expect(second.status).toBe(409);
    expect(second.headers.get('retry-after')).toBe('1');
    const body: unknown = await second.json();
    expectProblemShape(body);
    expect(body).toMatchObject({
      error: 'run_already_active',
      details: { activeRunId: runId, activeHost: 'cloud', retryAfter: 1 },
    });
    expect((await create('order-2')).status).toBe(201);
    expect((await create('order-1', false)).status).toBe(201);
  });

  it('admits the scope again once the active run ended', async () => {
    const first = await create('order-3');
    const { runId } = (await first.json()) as { runId: string };
    await host().request(`/v1/runs/${runId}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await create('order-3')).status).toBe(201);
  });

  it('lets exactly one of many concurrent creates of one scope through', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => create('order-race')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
  });

  it('needs a scopeId', async () => {
    expect((await create(undefined)).status).toBe(400);
  });
});
