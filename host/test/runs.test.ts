/**
 * The run lifecycle over HTTP on both databases: the seeded conformance fixtures behave as the OpenWOP suite
 * asserts, and createRun, getRun, listRuns, cancelRun, bulkCancelRuns, pauseRun, resumeRun and pollRunEvents
 * keep the contract.
 */
import { describe, expect, it } from 'vitest';
import type { RunEventDoc } from '../src/generated/types/types.gen.js';
import { DIALECTS } from './support/databases.js';
import {
  TERMINAL_EVENT_TYPES,
  chainWorkflow,
  getSnapshot,
  payloadOf,
  pollEvents,
  postRun,
  readLog,
  send,
  sleep,
  startRun,
  uniqueId,
  waitForRun,
  waitForStatus,
  waitForTerminal,
  workflowDefinition,
  workflowNode,
} from './support/runs.js';
import { TEST_KEYS, expectProblemShape, useTestHost } from './support/test-host.js';

const ofType = (events: RunEventDoc[], type: string) => events.filter((event) => event.type === type);

/** A definition whose `subwf-call` node starts `conformance-cancellable` (30 s) as a child run. */
function cascadeParentWorkflow(id: string): Record<string, unknown> {
  return workflowDefinition(id, [
    workflowNode('subwf-call', 'core.control.subWorkflow', {
      workflowId: 'conformance-cancellable',
      waitForCompletion: true,
    }),
  ]);
}

describe.each(DIALECTS)('runs on %s', (dialect) => {
  const host = useTestHost(dialect);

  describe('seeded conformance fixtures', () => {
    it('advertises every fixture these tests run in discovery, without credentials', async () => {
      const discovery = await send<{ fixtures?: unknown }>(host(), 'GET', '/.well-known/openwop');
      const anonymous = await host().request('/.well-known/openwop', { key: null });
      expect(anonymous.status).toBe(200);
      const { fixtures } = (await anonymous.json()) as { fixtures: string[] };
      expect(discovery.body.fixtures).toEqual(fixtures);
      expect(fixtures).toEqual(
        expect.arrayContaining([
          'conformance-noop',
          'conformance-identity',
          'conformance-delay',
          'conformance-failure',
          'conformance-multi-node',
          'conformance-idempotent',
          'conformance-cancellable',
          'conformance-cap-breach',
          'conformance-run-duration-breach',
          'conformance-configurable-schema',
          'conformance-workflow-variable-format-advisory',
          'conformance-channel-ttl',
          'conformance-subworkflow-parent',
          'conformance-subworkflow-child',
          'conformance-version-fold',
        ]),
      );
    });

    it('conformance-noop: accepts with 201 and completes with run.started, node.started, node.completed, run.completed', async () => {
      const accepted = await postRun(host(), { workflowId: 'conformance-noop' });
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ runId: expect.any(String), status: expect.any(String) });
      const runId = accepted.body.runId as string;
      expect(accepted.body.eventsUrl).toBe(`${host().url}/v1/runs/${runId}/events`);
      expect(accepted.body.statusUrl).toBe(`${host().url}/v1/runs/${runId}`);

      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot).toMatchObject({ runId, workflowId: 'conformance-noop', status: 'completed' });

      const events = await readLog(host(), runId);
      expect(events.map((event) => event.type)).toEqual([
        'run.started',
        'node.started',
        'node.completed',
        'run.completed',
      ]);
      expect(events.map((event) => event.sequence)).toEqual([0, 1, 2, 3]);
      for (const event of events) {
        expect(event).toMatchObject({
          eventId: expect.any(String),
          runId,
          type: expect.any(String),
          timestamp: expect.any(String),
        });
        expect('payload' in event).toBe(true);
        expect(Number.isInteger(event.sequence) && event.sequence >= 0).toBe(true);
      }
      for (const event of events.filter((entry) => entry.type.startsWith('node.'))) {
        expect(event.nodeId).toBe('noop');
      }
      expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    });

    it('conformance-noop: the bare poll answers at once, twice the same, with exactly one terminal event last', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-noop' });
      await waitForTerminal(host(), runId);
      // No query string: the server default timeout is 30 s, so an answer must come without waiting.
      const started = Date.now();
      const first = await pollEvents(host(), runId);
      expect(Date.now() - started).toBeLessThan(5_000);
      const second = await pollEvents(host(), runId);
      expect(second.events.map((event) => event.sequence)).toEqual(first.events.map((event) => event.sequence));
      const sequences = first.events.map((event) => event.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      const terminals = first.events.filter((event) => TERMINAL_EVENT_TYPES.includes(event.type));
      expect(terminals).toHaveLength(1);
      expect(first.events.at(-1)?.type).toBe('run.completed');
      expect(first.isComplete).toBe(true);
    });

    it('conformance-identity: returns the payload input unchanged in variables.payload', async () => {
      const payload = {
        stringField: 'hello',
        intField: 42,
        boolField: true,
        arrayField: [1, 'two', { three: 3 }],
        nested: { deeper: { stillDeeper: { value: 'leaf' } } },
      };
      const runId = await startRun(host(), { workflowId: 'conformance-identity', inputs: { payload } });
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot.status).toBe('completed');
      expect(snapshot.variables?.payload).toStrictEqual(payload);
    });

    it('conformance-failure: accepts the run, then fails it with error {code: conformance_test_failure, message}', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-failure' });
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot.status).toBe('failed');
      expect(snapshot.error).toEqual(
        expect.objectContaining({ code: 'conformance_test_failure', message: expect.any(String) }),
      );
      const events = await readLog(host(), runId);
      expect(events.map((event) => event.type)).toEqual(['run.started', 'node.started', 'node.failed', 'run.failed']);
      expect(events[2]).toMatchObject({ nodeId: 'fail', payload: { error: { code: 'conformance_test_failure' } } });
      expect(payloadOf(events[3])).toMatchObject({ error: { code: 'conformance_test_failure' }, failedNodeId: 'fail' });
    });

    it('conformance-multi-node: completes a, b and c in sequence order', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-multi-node' });
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const { events } = await pollEvents(host(), runId, '?lastSequence=0&timeout=1');
      const completed = ofType(events, 'node.completed').sort((a, b) => a.sequence - b.sequence);
      expect(completed.map((event) => event.nodeId)).toEqual(['a', 'b', 'c']);
    });

    it('conformance-delay: reads running during the delay, then completed after it', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-delay', inputs: { delayMs: 2_000 } });
      const running = await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });
      expect(running.startedAt).toEqual(expect.any(String));
      const done = await waitForTerminal(host(), runId);
      expect(done.status).toBe('completed');
      expect(Date.parse(done.completedAt!) - Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(2_000);
    });

    it('conformance-cancellable: cancels a running run within 5 s and ends its log with run.cancelled', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-cancellable', inputs: { delayMs: 10_000 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });

      const cancelled = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {
        reason: 'conformance-cancellation-test',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.runId).toBe(runId);
      expect(['cancelled', 'cancelling']).toContain(cancelled.body.status);
      await waitForStatus(host(), runId, 'cancelled', { timeoutMs: 5_000 });

      const events = await readLog(host(), runId);
      expect(events.filter((event) => TERMINAL_EVENT_TYPES.includes(event.type))).toHaveLength(1);
      expect(events.at(-1)).toMatchObject({
        type: 'run.cancelled',
        payload: { reason: 'conformance-cancellation-test' },
      });
      expect(ofType(events, 'node.cancelled')).toEqual([expect.objectContaining({ nodeId: 'wait' })]);
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index));

      const again = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'twice' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ runId, status: 'cancelled' });
      expect(await readLog(host(), runId)).toHaveLength(events.length);
    });

    it('conformance-cap-breach: with recursionLimit 3 fails recursion_limit_exceeded after one cap.breached', async () => {
      const runId = await startRun(host(), {
        workflowId: 'conformance-cap-breach',
        configurable: { recursionLimit: 3 },
      });
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot.status).toBe('failed');
      expect(snapshot.error).toMatchObject({ code: 'recursion_limit_exceeded', message: expect.any(String) });

      const { events } = await pollEvents(host(), runId, '?lastSequence=0&timeout=1');
      const breaches = ofType(events, 'cap.breached');
      expect(breaches).toHaveLength(1);
      const breach = payloadOf(breaches[0]);
      expect(breach).toMatchObject({ kind: 'node-executions', limit: 3, nodeId: expect.any(String) });
      expect(breach.observed).toEqual(expect.any(Number));
      expect(breach.observed as number).toBeGreaterThan(3);
      const failed = ofType(events, 'run.failed');
      expect(failed).toHaveLength(1);
      expect(breaches[0]!.sequence).toBeLessThan(failed[0]!.sequence);
      const started = ofType(events, 'node.started');
      expect(started.length).toBeGreaterThanOrEqual(1);
      expect(started.length).toBeLessThanOrEqual(3);
      expect(started.map((event) => event.nodeId)).not.toContain(breach.nodeId);
    });

    it('conformance-cap-breach: completes all six nodes without the override', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-cap-breach' });
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(ofType(events, 'node.completed').map((event) => event.nodeId)).toEqual([
        'n1',
        'n2',
        'n3',
        'n4',
        'n5',
        'n6',
      ]);
      expect(ofType(events, 'cap.breached')).toEqual([]);
    });

    it('conformance-run-duration-breach: with runTimeoutMs 1000 fails run_timeout after cap.breached observed > limit', async () => {
      const runId = await startRun(host(), {
        workflowId: 'conformance-run-duration-breach',
        configurable: { runTimeoutMs: 1_000 },
      });
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot.status).toBe('failed');
      expect(snapshot.error).toMatchObject({ code: 'run_timeout', message: expect.any(String) });
      const { events } = await pollEvents(host(), runId, '?lastSequence=0&timeout=1');
      const breach = ofType(events, 'cap.breached').find((event) => payloadOf(event).kind === 'run-duration');
      expect(breach).toBeDefined();
      const { limit, observed } = payloadOf(breach);
      expect(limit).toBe(1_000);
      expect(observed).toEqual(expect.any(Number));
      expect(observed as number).toBeGreaterThan(limit as number);
      expect(events.at(-1)?.type).toBe('run.failed');
    });

    it('conformance-configurable-schema: refuses an off-schema configurable at create and runs a valid one', async () => {
      const definition = await send<{ configurableSchema?: { properties?: Record<string, unknown> } }>(
        host(),
        'GET',
        '/v1/workflows/conformance-configurable-schema',
      );
      expect(definition.status).toBe(200);
      expect(definition.body.configurableSchema).toEqual(expect.objectContaining({ type: 'object' }));

      const invalid = await postRun(host(), {
        workflowId: 'conformance-configurable-schema',
        configurable: { __conformance_invalid_key__: { unexpected: true } },
      });
      expect(invalid.status).toBe(400);
      expectProblemShape(invalid.body);
      expect(invalid.body.error).toBe('validation_error');
      const paths = (invalid.body.details?.fields as Array<{ path: string }>).map((field) => field.path);
      expect(paths.some((path) => path.startsWith('/configurable'))).toBe(true);

      const wrongType = await postRun(host(), {
        workflowId: 'conformance-configurable-schema',
        configurable: { recursionLimit: 'many' },
      });
      expect(wrongType.status).toBe(400);
      expectProblemShape(wrongType.body);
      expect(wrongType.body.details?.fields).toContainEqual(
        expect.objectContaining({ path: '/configurable/recursionLimit' }),
      );

      const runId = await startRun(host(), {
        workflowId: 'conformance-configurable-schema',
        configurable: { recursionLimit: 1 },
      });
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot.status).toBe('completed');
      expect(snapshot.configurable).toEqual({ recursionLimit: 1 });
    });

    it('conformance-workflow-variable-format-advisory: is readable at once and completes despite the off-format default', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-workflow-variable-format-advisory' });
      // The suite reads the run straight after create without retrying a 404.
      const first = await send(host(), 'GET', `/v1/runs/${runId}`);
      expect(first.status).toBe(200);
      const snapshot = await waitForTerminal(host(), runId, { timeoutMs: 4_000 });
      expect(snapshot.status).toBe('completed');
      expect(snapshot.variables?.contactEmail).toBe('definitely not an email');
    });

    it('conformance-channel-ttl: keeps only the d entry, with a numeric _ts, in variables.events', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-channel-ttl' });
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot.status).toBe('completed');
      const entries = snapshot.variables?.events as Array<{ value: unknown; _ts: unknown }>;
      expect(entries).toHaveLength(1);
      expect(entries[0]!.value).toBe('d');
      expect(entries[0]!._ts).toEqual(expect.any(Number));
      expect(entries[0]!._ts as number).toBeGreaterThan(0);
    });

    it('conformance-subworkflow-parent: runs the child to completion and maps its result into childOutcome', async () => {
      const parentId = await startRun(host(), { workflowId: 'conformance-subworkflow-parent' });
      const parent = await waitForTerminal(host(), parentId);
      expect(parent.status).toBe('completed');
      expect(parent.variables?.childOutcome).toBe('child-completed');

      const { events } = await pollEvents(host(), parentId, '?lastSequence=0&timeout=1');
      const call = ofType(events, 'node.completed').find((event) => event.nodeId === 'subwf-call');
      const outputs = payloadOf(call).outputs as Record<string, unknown>;
      expect(outputs).toMatchObject({ childRunId: expect.any(String), childStatus: 'completed' });

      const child = await getSnapshot(host(), outputs.childRunId as string);
      expect(child).toMatchObject({
        workflowId: 'conformance-subworkflow-child',
        status: 'completed',
        parentRunId: parentId,
        parentNodeId: 'subwf-call',
      });
      expect(ofType(events, 'node.completed').map((event) => event.nodeId)).toEqual([
        'parent-start',
        'subwf-call',
        'parent-end',
      ]);
    });
  });

  describe('cancelRun', () => {
    it('cancels a run that is busy committing one step after another', async () => {
      const workflowId = uniqueId('busy-chain');
      expect((await send(host(), 'POST', '/v1/workflows', chainWorkflow(workflowId, 80))).status).toBe(201);
      const runId = await startRun(host(), { workflowId });
      const cancelled = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'too busy' });
      expect(cancelled.status).toBe(200);
      expect(['cancelled', 'cancelling']).toContain(cancelled.body.status);
      expect((await waitForTerminal(host(), runId, { timeoutMs: 5_000 })).status).toBe('cancelled');
      const events = await readLog(host(), runId);
      expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', payload: { reason: 'too busy' } });
      expect(ofType(events, 'node.completed').length).toBeLessThan(80);
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index));
    });

    it('answers a cancel that loses the race to completion 409 run_terminal, never 200', async () => {
      const outcomes: string[] = [];
      for (let round = 0; round < 20; round += 1) {
        const runId = await startRun(host(), { workflowId: 'conformance-cap-breach' });
        await sleep(round % 5);
        const answer = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {});
        const final = await waitForTerminal(host(), runId, { timeoutMs: 5_000 });
        const last = (await readLog(host(), runId)).at(-1)?.type;
        outcomes.push(`${answer.status} ${String(answer.body.status ?? answer.body.error)} -> ${final.status} ${last}`);
      }
      for (const outcome of outcomes) {
        expect([
          '200 cancelled -> cancelled run.cancelled',
          '200 cancelling -> cancelled run.cancelled',
          '409 run_terminal -> completed run.completed',
        ]).toContain(outcome);
      }
    });

    it.each([
      ['completed', 'conformance-noop'],
      ['failed', 'conformance-failure'],
    ])('refuses to cancel a %s run with 409 run_terminal', async (status, workflowId) => {
      const runId = await startRun(host(), { workflowId });
      expect((await waitForTerminal(host(), runId)).status).toBe(status);
      const answer = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {});
      expect(answer.status).toBe(409);
      expectProblemShape(answer.body);
      expect(answer.body).toMatchObject({ error: 'run_terminal', details: { runStatus: status } });
      expect((await getSnapshot(host(), runId)).status).toBe(status);
    });

    it('cancelling a parent cancels its running child within 5 s with reason parent-cancelled', async () => {
      const workflowId = uniqueId('cascade-parent');
      const registered = await send(host(), 'POST', '/v1/workflows', cascadeParentWorkflow(workflowId));
      expect(registered.status).toBe(201);
      const parentId = await startRun(host(), { workflowId });
      const waiting = await waitForRun(
        host(),
        parentId,
        (snapshot) => typeof (snapshot.nodeStates?.['subwf-call'] as { childRunId?: unknown })?.childRunId === 'string',
        { what: 'a started child run' },
      );
      const childId = (waiting.nodeStates!['subwf-call'] as { childRunId: string }).childRunId;
      await waitForStatus(host(), childId, 'running', { timeoutMs: 5_000 });

      const cancelled = await send(host(), 'POST', `/v1/runs/${parentId}/cancel`, { reason: 'stop the family' });
      expect(cancelled.status).toBe(200);
      expect(['cancelled', 'cancelling']).toContain(cancelled.body.status);

      const child = await waitForStatus(host(), childId, 'cancelled', { timeoutMs: 5_000 });
      expect(child.parentRunId).toBe(parentId);
      expect((await waitForStatus(host(), parentId, 'cancelled', { timeoutMs: 5_000 })).status).toBe('cancelled');
      const childEvents = await readLog(host(), childId);
      expect(childEvents.at(-1)).toMatchObject({
        type: 'run.cancelled',
        payload: { reason: 'parent-cancelled', parentRunId: parentId },
      });
      const parentEvents = await readLog(host(), parentId);
      expect(parentEvents.at(-1)).toMatchObject({ type: 'run.cancelled', payload: { reason: 'stop the family' } });
    });
  });

  describe('createRun', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown workflowId', { workflowId: 'no-such-workflow' }, '/workflowId'],
      ['a missing required input', { workflowId: 'conformance-identity', inputs: {} }, '/inputs/payload'],
      ['an input of the wrong type', { workflowId: 'conformance-idempotent', inputs: { nonce: 7 } }, '/inputs/nonce'],
      ['an unknown top-level key', { workflowId: 'conformance-noop', recursionLimit: 3 }, '/recursionLimit'],
      [
        'runTimeoutMs of 0',
        { workflowId: 'conformance-noop', configurable: { runTimeoutMs: 0 } },
        '/configurable/runTimeoutMs',
      ],
      [
        'runTimeoutMs above limits.maxRunDurationMs',
        { workflowId: 'conformance-noop', configurable: { runTimeoutMs: 60 * 60 * 1000 + 1 } },
        '/configurable/runTimeoutMs',
      ],
      [
        'a recursionLimit below 1',
        { workflowId: 'conformance-noop', configurable: { recursionLimit: 0 } },
        '/configurable/recursionLimit',
      ],
      [
        '101 tags',
        { workflowId: 'conformance-noop', tags: Array.from({ length: 101 }, (_, index) => `t${index}`) },
        '/tags',
      ],
      ['a tag over 256 characters', { workflowId: 'conformance-noop', tags: ['x'.repeat(257)] }, '/tags/0'],
      [
        'metadata nested five levels deep',
        { workflowId: 'conformance-noop', metadata: { a: { b: { c: { d: { e: 'too deep' } } } } } },
        '/metadata',
      ],
      [
        'metadata over 8192 bytes',
        { workflowId: 'conformance-noop', metadata: { blob: 'x'.repeat(8200) } },
        '/metadata',
      ],
    ])('refuses %s with 400 validation_error naming the field', async (_name, body, path) => {
      const tag = uniqueId('refused');
      const withTag = body.tags === undefined ? { ...body, tags: [tag] } : body;
      const answer = await postRun(host(), withTag);
      expect(answer.status).toBe(400);
      expectProblemShape(answer.body);
      expect(answer.body.error).toBe('validation_error');
      expect(answer.body.details?.fields).toContainEqual(expect.objectContaining({ location: 'body', path }));
      expect(answer.body).not.toHaveProperty('runId');
      const list = await send<{ items: unknown[] }>(host(), 'GET', `/v1/runs?tag=${tag}`);
      expect(list.body.items).toEqual([]);
    });

    it('accepts 100 tags, metadata four levels deep and persists them on the snapshot', async () => {
      const tags = Array.from({ length: 100 }, (_, index) => `tag:${index}`);
      const metadata = { a: { b: { c: { d: 'leaf' } } } };
      const runId = await startRun(host(), { workflowId: 'conformance-noop', tags, metadata });
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot).toMatchObject({ status: 'completed', tags, metadata });
      const started = (await readLog(host(), runId))[0];
      expect(started).toMatchObject({
        type: 'run.started',
        payload: { workflowId: 'conformance-noop', tags, metadata },
      });
    });

    it('accepts an undeclared input next to the declared ones (bulk-cancel sends delaySeconds)', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-noop', inputs: { delaySeconds: 30 } });
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
    });

    it("accepts the caller's own tenantId and refuses another tenant's with 403", async () => {
      const own = await postRun(host(), { workflowId: 'conformance-noop', tenantId: 'acme' });
      expect(own.status).toBe(201);
      const other = await postRun(host(), { workflowId: 'conformance-noop', tenantId: 'globex' });
      expect(other.status).toBe(403);
      expectProblemShape(other.body);
      expect(other.body.error).toBe('forbidden');
    });

    it("does not run another tenant's own workflow", async () => {
      const workflowId = uniqueId('private-parent');
      expect((await send(host(), 'POST', '/v1/workflows', cascadeParentWorkflow(workflowId))).status).toBe(201);
      const answer = await postRun(host(), { workflowId }, { key: TEST_KEYS.otherTenant });
      expect(answer.status).toBe(400);
      expectProblemShape(answer.body);
      expect(answer.body.error).toBe('validation_error');
    });

    it('needs the runs:create scope', async () => {
      const answer = await postRun(host(), { workflowId: 'conformance-noop' }, { key: TEST_KEYS.readOnly });
      expect(answer.status).toBe(403);
      expectProblemShape(answer.body);
      expect(answer.body).toMatchObject({ error: 'forbidden', details: { scopeRequired: 'runs:create' } });
    });
  });

  describe('tenant isolation', () => {
    it("answers 404 for another tenant's run on getRun, cancelRun, pollRunEvents, pauseRun and resumeRun", async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-cancellable', inputs: { delayMs: 10_000 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });
      const key = TEST_KEYS.otherTenant;
      const answers = [
        await send(host(), 'GET', `/v1/runs/${runId}`, undefined, { key }),
        await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {}, { key }),
        await send(host(), 'GET', `/v1/runs/${runId}/events/poll?timeout=1`, undefined, { key }),
        await send(host(), 'POST', `/v1/runs/${runId}:pause`, {}, { key }),
        await send(host(), 'POST', `/v1/runs/${runId}:resume`, {}, { key }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expectProblemShape(answer.body);
        expect(answer.body.error).toBe('not_found');
      }
      const bulk = await send(host(), 'POST', '/v1/runs:bulk-cancel', { runIds: [runId] }, { key });
      expect(bulk.status).toBe(200);
      expect(bulk.body.results).toEqual([
        expect.objectContaining({ runId, ok: false, error: expect.objectContaining({ code: 'not_found' }) }),
      ]);
      const foreignList = await send<{ items: Array<{ runId: string }> }>(
        host(),
        'GET',
        '/v1/runs?limit=100',
        undefined,
        {
          key,
        },
      );
      expect(foreignList.body.items.map((item) => item.runId)).not.toContain(runId);

      expect((await getSnapshot(host(), runId)).status).toBe('running');
      expect((await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {})).status).toBe(200);
    });

    it.each([
      ['getRun', 'GET', '/v1/runs/openwop-conformance-this-run-id-does-not-exist'],
      ['cancelRun', 'POST', '/v1/runs/openwop-conformance-no-such-run/cancel'],
      ['pollRunEvents', 'GET', '/v1/runs/openwop-conformance-no-such-run/events/poll?timeout=1'],
      ['pauseRun', 'POST', '/v1/runs/openwop-conformance-no-such-run:pause'],
      ['resumeRun', 'POST', '/v1/runs/openwop-conformance-no-such-run:resume'],
    ])('%s of an unknown run is 404 not_found', async (_operation, method, path) => {
      const answer = await send(host(), method, path, method === 'POST' ? {} : undefined);
      expect(answer.status).toBe(404);
      expectProblemShape(answer.body);
      expect(answer.body.error).toBe('not_found');
    });
  });

  describe('pollRunEvents', () => {
    it('returns every event without lastSequence, strictly later ones with it, and none past the end', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-multi-node' });
      await waitForTerminal(host(), runId);
      const all = await pollEvents(host(), runId, '?timeout=1');
      const count = all.events.length;
      expect(all.events.map((event) => event.sequence)).toEqual(Array.from({ length: count }, (_, index) => index));
      expect(all.events[0]?.type).toBe('run.started');
      expect(all.isComplete).toBe(true);

      const fromZero = await pollEvents(host(), runId, '?lastSequence=0&timeout=1');
      expect(fromZero.events.map((event) => event.sequence)).toEqual(
        all.events.slice(1).map((event) => event.sequence),
      );
      const fromThree = await pollEvents(host(), runId, '?lastSequence=3&timeout=1');
      expect(fromThree.events.map((event) => event.sequence)).toEqual(
        all.events.slice(4).map((event) => event.sequence),
      );
      expect(fromThree.events[0]).toEqual(all.events[4]);

      const beforeLast = await pollEvents(host(), runId, `?lastSequence=${count - 2}&timeout=1`);
      expect(beforeLast.events.map((event) => event.type)).toEqual(['run.completed']);
      expect(beforeLast.isComplete).toBe(true);

      const started = Date.now();
      const past = await pollEvents(host(), runId, '?lastSequence=99999&timeout=1');
      expect(past.events).toEqual([]);
      expect(past.isComplete).toBe(true);
      const atEnd = await pollEvents(host(), runId, `?lastSequence=${count - 1}&timeout=5`);
      expect(atEnd).toEqual({ events: [], isComplete: true });
      // A finished run has nothing more to wait for.
      expect(Date.now() - started).toBeLessThan(4_000);
    });

    it('reports isComplete only once the terminal event has been delivered', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-delay', inputs: { delayMs: 1_500 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });
      const early = await pollEvents(host(), runId, '?timeout=1');
      expect(early.events.length).toBeGreaterThan(0);
      expect(early.events.some((event) => TERMINAL_EVENT_TYPES.includes(event.type))).toBe(false);
      expect(early.isComplete).toBe(false);

      await waitForTerminal(host(), runId);
      const log = await pollEvents(host(), runId, '?timeout=1');
      expect(log.events.at(-1)?.type).toBe('run.completed');
      expect(log.isComplete).toBe(true);
      const notYetDelivered = await pollEvents(host(), runId, `?lastSequence=${log.events.length - 3}&timeout=1`);
      expect(notYetDelivered.events.at(-1)?.type).toBe('run.completed');
      expect(notYetDelivered.isComplete).toBe(true);
    });

    it('says isComplete on every page that delivers the terminal event, even when the run ends mid-poll', async () => {
      // Polling runs as they execute makes the run finish between the poll's reads of the run and of its log.
      const offenders: string[] = [];
      for (let round = 0; round < 20; round += 1) {
        const runId = await startRun(host(), { workflowId: 'conformance-cap-breach' });
        let cursor = '';
        for (let page = 0; page < 100; page += 1) {
          const { events, isComplete } = await pollEvents(host(), runId, `?timeout=5${cursor}`);
          const delivered = events.some((event) => TERMINAL_EVENT_TYPES.includes(event.type));
          if (delivered !== isComplete) offenders.push(`${runId}: terminal ${delivered}, isComplete ${isComplete}`);
          if (delivered || isComplete) break;
          if (events.length > 0) cursor = `&lastSequence=${events.at(-1)!.sequence}`;
        }
      }
      expect(offenders).toEqual([]);
    });

    it('holds a long-poll until new events are committed and answers well before its timeout', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-delay', inputs: { delayMs: 1_500 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });
      const { events } = await pollEvents(host(), runId, '?timeout=1');
      const last = events.at(-1)!;
      expect(last.type).toBe('node.started');

      const started = Date.now();
      const next = await pollEvents(host(), runId, `?lastSequence=${last.sequence}&timeout=5`);
      const elapsed = Date.now() - started;
      expect(next.events.length).toBeGreaterThan(0);
      expect(next.events[0]!.sequence).toBe(last.sequence + 1);
      expect(next.events.map((event) => event.type)).toContain('node.completed');
      // The delay ends ~1.5 s after it began; a poll that waited for its own 5 s timeout would be too late.
      expect(elapsed).toBeLessThan(4_000);
    });

    it('answers an empty page after the timeout when nothing happens', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-cancellable', inputs: { delayMs: 30_000 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });
      const { events } = await pollEvents(host(), runId, '?timeout=1');
      const started = Date.now();
      const idle = await pollEvents(host(), runId, `?lastSequence=${events.at(-1)!.sequence}&timeout=1`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(idle).toEqual({ events: [], isComplete: false });
      expect((await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {})).status).toBe(200);
    });

    it.each(['?lastSequence=-1', '?timeout=0', '?timeout=61', '?lastSequence=abc'])(
      'refuses %s with 400 validation_error',
      async (query) => {
        const runId = await startRun(host(), { workflowId: 'conformance-noop' });
        const answer = await send(host(), 'GET', `/v1/runs/${runId}/events/poll${query}`);
        expect(answer.status).toBe(400);
        expectProblemShape(answer.body);
        expect(answer.body.error).toBe('validation_error');
      },
    );
  });

  describe('listRuns', () => {
    it('filters by status, workflowId and tag', async () => {
      const tag = uniqueId('list');
      const noop = await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] });
      const failure = await startRun(host(), { workflowId: 'conformance-failure', tags: [tag] });
      const untagged = await startRun(host(), { workflowId: 'conformance-noop' });
      await Promise.all([noop, failure, untagged].map((runId) => waitForTerminal(host(), runId)));

      type List = { items: Array<{ runId: string; status: string; workflowId: string; tags?: string[] }> };
      const byTag = await send<List>(host(), 'GET', `/v1/runs?tag=${tag}`);
      expect(byTag.status).toBe(200);
      expect(byTag.body.items.map((item) => item.runId).sort()).toEqual([noop, failure].sort());
      for (const item of byTag.body.items) expect(item.tags).toContain(tag);

      const failed = await send<List>(host(), 'GET', `/v1/runs?tag=${tag}&status=failed`);
      expect(failed.body.items.map((item) => item.runId)).toEqual([failure]);

      const noops = await send<List>(host(), 'GET', `/v1/runs?tag=${tag}&workflowId=conformance-noop`);
      expect(noops.body.items.map((item) => item.runId)).toEqual([noop]);

      const byWorkflow = await send<List>(
        host(),
        'GET',
        '/v1/runs?workflowId=conformance-noop&status=completed&limit=100',
      );
      expect(byWorkflow.body.items.map((item) => item.runId)).toEqual(expect.arrayContaining([noop, untagged]));
      for (const item of byWorkflow.body.items)
        expect(item).toMatchObject({ workflowId: 'conformance-noop', status: 'completed' });
    });

    it('pages newest first with nextCursor until null, without repeats', async () => {
      const tag = uniqueId('page');
      const created: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        created.push(await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] }));
        // Runs created in the same millisecond have no defined order between them.
        await sleep(2);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?tag=${tag}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: { body: { items: Array<{ runId: string }>; nextCursor: string | null } } = await send(
          host(),
          'GET',
          `/v1/runs${query}`,
        );
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item) => item.runId));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([...created].reverse());
    });

    it('refuses a malformed cursor with 400 naming /cursor', async () => {
      for (const cursor of ['garbage', Buffer.from('{"createdAt":1}').toString('base64url')]) {
        const answer = await send(host(), 'GET', `/v1/runs?cursor=${encodeURIComponent(cursor)}`);
        expect(answer.status).toBe(400);
        expectProblemShape(answer.body);
        expect(answer.body.error).toBe('validation_error');
        expect(answer.body.details?.fields).toContainEqual(
          expect.objectContaining({ location: 'query', path: '/cursor' }),
        );
      }
    });

    it('refuses an unknown status filter with 400', async () => {
      const answer = await send(host(), 'GET', '/v1/runs?status=sleeping');
      expect(answer.status).toBe(400);
      expectProblemShape(answer.body);
      expect(answer.body.details?.fields).toContainEqual(
        expect.objectContaining({ location: 'query', path: '/status' }),
      );
    });
  });

  describe('pauseRun and resumeRun', () => {
    it('pauses a delay run, refuses a second pause, resumes it and lets it complete', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-delay', inputs: { delayMs: 1_500 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });

      const paused = await send(host(), 'POST', `/v1/runs/${runId}:pause`, { reason: 'maintenance' });
      expect(paused.status).toBe(202);
      expect(paused.body).toMatchObject({ runId, status: 'paused' });
      expect((await getSnapshot(host(), runId)).status).toBe('paused');
      const afterPause = await readLog(host(), runId);
      expect(afterPause.at(-1)).toMatchObject({ type: 'run.paused', payload: { reason: 'maintenance' } });

      const again = await send(host(), 'POST', `/v1/runs/${runId}:pause`, {});
      expect(again.status).toBe(409);
      expectProblemShape(again.body);
      expect(again.body.details).toMatchObject({ runStatus: 'paused' });

      // Past the delay's original deadline the run must still be paused: a pause holds timers too.
      await sleep(1_800);
      expect((await getSnapshot(host(), runId)).status).toBe('paused');

      const resumed = await send(host(), 'POST', `/v1/runs/${runId}:resume`, { reason: 'done' });
      expect(resumed.status).toBe(202);
      expect(resumed.body).toMatchObject({ runId, status: 'running' });
      const done = await waitForTerminal(host(), runId);
      expect(done.status).toBe('completed');

      const events = await readLog(host(), runId);
      const types = events.map((event) => event.type);
      expect(types.indexOf('run.paused')).toBeLessThan(types.indexOf('run.resumed'));
      expect(types.indexOf('run.resumed')).toBeLessThan(types.indexOf('run.completed'));
      expect(types.at(-1)).toBe('run.completed');
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index));
    });

    it('pauses a run that is busy committing one step after another, and resumes it where it stopped', async () => {
      const workflowId = uniqueId('busy-chain');
      expect((await send(host(), 'POST', '/v1/workflows', chainWorkflow(workflowId, 80))).status).toBe(201);
      const runId = await startRun(host(), { workflowId });
      const paused = await send(host(), 'POST', `/v1/runs/${runId}:pause`, { drainPolicy: 'immediate' });
      expect(paused.status).toBe(202);
      expect(paused.body).toMatchObject({ runId, status: 'paused' });
      const atPause = await readLog(host(), runId);
      expect(atPause.at(-1)?.type).toBe('run.paused');
      await sleep(200);
      expect((await getSnapshot(host(), runId)).status).toBe('paused');
      expect(await readLog(host(), runId)).toHaveLength(atPause.length);

      expect((await send(host(), 'POST', `/v1/runs/${runId}:resume`, {})).status).toBe(202);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      const completed = ofType(events, 'node.completed').map((event) => event.nodeId);
      expect(completed).toEqual(Array.from({ length: 80 }, (_, index) => `n${index}`));
      expect(events.map((event) => event.sequence)).toEqual(events.map((_, index) => index));
    });

    it('refuses to resume a run that is not paused with 409 and details.runStatus', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-cancellable', inputs: { delayMs: 30_000 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });
      const running = await send(host(), 'POST', `/v1/runs/${runId}:resume`, {});
      expect(running.status).toBe(409);
      expectProblemShape(running.body);
      expect(running.body.details).toMatchObject({ runStatus: 'running' });

      expect((await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {})).status).toBe(200);
      await waitForStatus(host(), runId, 'cancelled', { timeoutMs: 5_000 });
      const cancelled = await send(host(), 'POST', `/v1/runs/${runId}:resume`, {});
      expect(cancelled.status).toBe(409);
      expectProblemShape(cancelled.body);
      expect(cancelled.body.details).toMatchObject({ runStatus: 'cancelled' });
    });

    it('refuses to pause a finished run with 409 and details.runStatus', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-noop' });
      await waitForTerminal(host(), runId);
      const answer = await send(host(), 'POST', `/v1/runs/${runId}:pause`, {});
      expect(answer.status).toBe(409);
      expectProblemShape(answer.body);
      expect(answer.body.details).toMatchObject({ runStatus: 'completed' });
    });

    it('cancels a paused run', async () => {
      const runId = await startRun(host(), { workflowId: 'conformance-cancellable', inputs: { delayMs: 30_000 } });
      await waitForStatus(host(), runId, 'running', { timeoutMs: 5_000 });
      expect((await send(host(), 'POST', `/v1/runs/${runId}:pause`, {})).status).toBe(202);
      const cancelled = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, {});
      expect(cancelled.status).toBe(200);
      await waitForStatus(host(), runId, 'cancelled', { timeoutMs: 5_000 });
      expect((await readLog(host(), runId)).at(-1)?.type).toBe('run.cancelled');
    });
  });

  describe('bulkCancelRuns', () => {
    it('answers one result per id in request order, cancelling a run that may still be pending', async () => {
      const first = await startRun(host(), { workflowId: 'conformance-cancellable', inputs: { delaySeconds: 30 } });
      const answer = await send(host(), 'POST', '/v1/runs:bulk-cancel', {
        runIds: [first, 'run-does-not-exist-xxxxxxxx'],
        reason: 'conformance bulk-cancel test',
      });
      expect(answer.status).toBe(200);
      const results = answer.body.results as Array<Record<string, unknown>>;
      expect(results).toHaveLength(2);
      expect(results[0]).toMatchObject({ runId: first, ok: true });
      expect(['cancelled', 'cancelling']).toContain(results[0]!.status);
      expect(results[1]).toMatchObject({
        runId: 'run-does-not-exist-xxxxxxxx',
        ok: false,
        error: { code: 'not_found', error: 'not_found', message: expect.any(String) },
      });
      const snapshot = await waitForStatus(host(), first, 'cancelled', { timeoutMs: 5_000 });
      expect(snapshot.status).toBe('cancelled');
      expect((await readLog(host(), first)).at(-1)).toMatchObject({
        type: 'run.cancelled',
        payload: { reason: 'conformance bulk-cancel test' },
      });
    });

    it('reports already cancelled runs as ok and finished runs as run_terminal, in order', async () => {
      const cancellable = await startRun(host(), {
        workflowId: 'conformance-cancellable',
        inputs: { delaySeconds: 30 },
      });
      const completed = await startRun(host(), { workflowId: 'conformance-noop' });
      await waitForTerminal(host(), completed);

      const firstRound = await send(host(), 'POST', '/v1/runs:bulk-cancel', { runIds: [cancellable] });
      expect(firstRound.status).toBe(200);
      expect(firstRound.body.results).toEqual([expect.objectContaining({ runId: cancellable, ok: true })]);
      await waitForStatus(host(), cancellable, 'cancelled', { timeoutMs: 5_000 });

      const secondRound = await send(host(), 'POST', '/v1/runs:bulk-cancel', {
        runIds: [completed, cancellable, 'nope'],
      });
      expect(secondRound.status).toBe(200);
      expect(secondRound.body.results).toEqual([
        {
          runId: completed,
          ok: false,
          error: expect.objectContaining({ code: 'run_terminal', error: 'run_terminal' }),
        },
        { runId: cancellable, ok: true, status: 'cancelled' },
        { runId: 'nope', ok: false, error: expect.objectContaining({ code: 'not_found' }) },
      ]);
    });

    it('refuses an empty list with 400 validation_error', async () => {
      const answer = await send(host(), 'POST', '/v1/runs:bulk-cancel', { runIds: [] });
      expect(answer.status).toBe(400);
      expectProblemShape(answer.body);
      expect(answer.body.error).toBe('validation_error');
    });

    it('refuses 101 ids with 400 validation_error and a numeric details.maxRunIds', async () => {
      const runIds = Array.from({ length: 101 }, (_, index) => `run-overflow-${index}`);
      const answer = await send(host(), 'POST', '/v1/runs:bulk-cancel', { runIds });
      expect(answer.status).toBe(400);
      expectProblemShape(answer.body);
      expect(answer.body.error).toBe('validation_error');
      expect(answer.body.details?.maxRunIds).toEqual(expect.any(Number));
      expect(answer.body.details?.maxRunIds as number).toBeGreaterThanOrEqual(1);

      const hundred = await send(host(), 'POST', '/v1/runs:bulk-cancel', { runIds: runIds.slice(0, 100) });
      expect(hundred.status).toBe(200);
      expect(hundred.body.results).toHaveLength(100);
    });
  });
});
