/**
 * Interrupts end to end on both databases: suspending at approval, clarification and external-event gates,
 * resolving through `resolveInterruptByRun` (payload rules, conflicts, concurrency), timeouts, cancellation, and the
 * events each step emits.
 */
import { describe, expect, it } from 'vitest';
import type { RunEventDoc } from '../src/generated/types/types.gen.js';
import type { NodeImplementation } from '../src/engine/nodes/node-types.js';
import { DIALECTS } from './support/databases.js';
import {
  payloadOf,
  readLog,
  send,
  startRun,
  waitForRun,
  waitForStatus,
  waitForTerminal,
  type JsonAnswer,
  workflowDefinition as workflow,
  workflowNode as node,
} from './support/runs.js';
import { readStream } from './support/sse.js';
import { TEST_KEYS, expectProblemShape, useTestHost, type TestHost } from './support/test-host.js';

/** A node that asks twice in a row: the second interrupt is raised only after the first was answered. */
const twoQuestions: NodeImplementation = {
  async run(_input, ctx) {
    const first = await ctx.interrupt<{ answers: Record<string, unknown> }>({
      kind: 'clarification',
      data: { questions: [{ id: 'name', question: 'Name?' }] },
    });
    const second = await ctx.suspend<{ answers: Record<string, unknown> }>({
      reason: 'clarification',
      data: { questions: [{ id: 'age', question: 'Age?', schema: { type: 'integer' } }] },
    });
    return { name: first.answers.name, age: second.answers.age };
  },
};

/** A node that tries to catch its own suspension: it cannot, the interrupt still suspends it. */
const swallowing: NodeImplementation = {
  async run(_input, ctx) {
    try {
      const value = await ctx.interrupt({ kind: 'custom', data: { customKind: 'test.swallow' } });
      return { value };
    } catch {
      return { swallowed: true };
    }
  },
};

let keyCalls = 0;
/** A node whose interrupt key changes between invocations: a replay that would not be deterministic. */
const shiftingKey: NodeImplementation = {
  async run(_input, ctx) {
    keyCalls += 1;
    const value = await ctx.interrupt({ kind: 'custom', key: `key-${keyCalls}`, data: { customKind: 'test.key' } });
    return { value };
  },
};

const EXTERNAL = {
  kind: 'external-event',
  data: { eventType: 'order.completed', correlation: { orderId: 'order-1', status: 'completed' } },
};

const WORKFLOWS = [
  workflow('ask-twice', [node('ask', 'test.twoQuestions')]),
  workflow('external', [node('wait-for-external', 'core.interrupt', EXTERNAL)]),
  workflow('external-timeout', [node('wait-for-external', 'core.interrupt', { ...EXTERNAL, timeoutMs: 300 })]),
  workflow('clarify-timeout', [
    node('ask', 'core.clarificationGate', { questions: [{ id: 'q1', question: 'Color?' }], timeoutMs: 300 }),
  ]),
  workflow('approval-ask', [node('gate', 'core.approvalGate', { actions: ['accept', 'ask'] })]),
  workflow('custom', [node('hold', 'core.interrupt', { kind: 'custom', data: { customKind: 'acme.review' } })]),
  workflow('swallow', [node('hold', 'test.swallowing')]),
  workflow('shifting-key', [node('hold', 'test.shiftingKey')]),
  workflow('approval-parent', [
    node('spawn-child', 'core.subWorkflow', { workflowId: 'conformance-approval', propagateCancellation: true }),
  ]),
];

const types = (events: RunEventDoc[]) => events.map((event) => event.type);

function resolve(host: TestHost, runId: string, nodeId: string, resumeValue: unknown, key?: string) {
  return send(
    host,
    'POST',
    `/v1/runs/${encodeURIComponent(runId)}/interrupts/${encodeURIComponent(nodeId)}`,
    { resumeValue },
    key ? { key } : {},
  );
}

function expectProblem(answer: JsonAnswer, status: number, error: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expectProblemShape(answer.body);
  expect(answer.body.error).toBe(error);
}

describe.each(DIALECTS)('interrupts on %s', (dialect) => {
  const host = useTestHost(dialect, {
    nodes: { 'test.twoQuestions': twoQuestions, 'test.swallowing': swallowing, 'test.shiftingKey': shiftingKey },
  });

  /** Registers the test workflows once per host. */
  let registered: Promise<void> | undefined;
  const ready = () =>
    (registered ??= (async () => {
      for (const definition of WORKFLOWS) {
        const answer = await send(host(), 'POST', '/v1/workflows', definition);
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
      }
    })());

  async function suspended(workflowId: string, status: string): Promise<string> {
    await ready();
    const runId = await startRun(host(), { workflowId });
    await waitForStatus(host(), runId, status);
    return runId;
  }

  describe('approval', () => {
    it('suspends at the gate, then an accept completes the run with the spec events in order', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      const snapshot = await waitForStatus(host(), runId, 'waiting-approval');
      expect(snapshot.currentNodeId).toBe('gate');
      expect(snapshot).toMatchObject({ interrupt: { nodeId: 'gate', kind: 'approval' } });

      const answer = await resolve(host(), runId, 'gate', { action: 'accept' });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toEqual({ runId, nodeId: 'gate', status: 'running' });
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');

      const events = await readLog(host(), runId);
      expect(types(events)).toEqual([
        'run.started',
        'node.started',
        'interrupt.requested',
        'node.suspended',
        'approval.requested',
        'interrupt.resolved',
        'approval.received',
        'node.resumed',
        'node.completed',
        'run.completed',
      ]);
      const requested = payloadOf(events[2]);
      expect(requested).toMatchObject({
        runId,
        nodeId: 'gate',
        kind: 'approval',
        key: `${runId}:gate:0`,
        data: { title: 'Conformance approval', actions: ['accept', 'reject'] },
      });
      expect(payloadOf(events[3])).toEqual({
        nodeId: 'gate',
        interruptId: requested.interruptId,
        kind: 'approval',
        key: requested.key,
      });
      expect(payloadOf(events[4])).toMatchObject({ nodeId: 'gate', actions: ['accept', 'reject'] });
      expect(payloadOf(events[5])).toMatchObject({
        interruptId: requested.interruptId,
        action: 'accept',
        decision: 'granted',
        resolvedBy: expect.stringMatching(/^key:/),
        resumeValue: { action: 'accept', decidedBy: expect.any(String), decidedAt: expect.any(String) },
      });
      expect(payloadOf(events[6])).toMatchObject({
        nodeId: 'gate',
        action: 'accept',
        decidedBy: expect.any(String),
        decidedAt: expect.any(String),
      });
      expect(payloadOf(events[8])).toMatchObject({ outputs: { approved: true, action: 'accept' } });
    });

    it('fails the gate and the run with approval_rejected on reject', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      expect((await resolve(host(), runId, 'gate', { action: 'reject', feedback: 'no' })).status).toBe(200);
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot.status).toBe('failed');
      expect(snapshot.error).toMatchObject({ code: 'approval_rejected' });
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'interrupt.resolved'))).toMatchObject({
        action: 'reject',
        decision: 'rejected',
        feedback: 'no',
      });
      expect(payloadOf(events.find((e) => e.type === 'node.failed'))).toMatchObject({
        nodeId: 'gate',
        error: { code: 'approval_rejected', retryable: false },
      });
      expect(payloadOf(events.find((e) => e.type === 'run.failed'))).toMatchObject({
        error: { code: 'approval_rejected' },
        failedNodeId: 'gate',
      });
    });

    it('routes a rejection over an any_failed edge and completes the run', async () => {
      const runId = await suspended('conformance-approval-reject-routed', 'waiting-approval');
      expect((await resolve(host(), runId, 'gate', { action: 'reject' })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(events.some((e) => e.type === 'node.completed' && e.nodeId === 'on-reject')).toBe(true);
      expect(events.some((e) => e.type === 'node.started' && e.nodeId === 'on-accept')).toBe(false);
    });

    it('asks again with a new key when a rejection loops back to the gate', async () => {
      await ready();
      const runId = await startRun(host(), {
        workflowId: 'conformance-approval-reject-loopback',
        configurable: { recursionLimit: 20 },
      });
      await waitForStatus(host(), runId, 'waiting-approval');
      expect((await resolve(host(), runId, 'gate', { action: 'reject' })).status).toBe(200);
      const again = await waitForRun(
        host(),
        runId,
        (s) => (s as { interrupt?: { key?: string } }).interrupt?.key === `${runId}:gate:1`,
      );
      expect(again).toMatchObject({ status: 'waiting-approval', currentNodeId: 'gate' });
      const events = await readLog(host(), runId);
      const keys = events.filter((e) => e.type === 'interrupt.requested').map((e) => payloadOf(e).key);
      expect(keys).toEqual([`${runId}:gate:0`, `${runId}:gate:1`]);
      expect(types(events).filter((type) => type === 'interrupt.resolved')).toHaveLength(1);
      expect(events.some((e) => e.type === 'node.completed' && e.nodeId === 'revise')).toBe(true);
      expect((await resolve(host(), runId, 'gate', { action: 'accept' })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
    });

    it('accepts a refine with refineFeedback and echoes it on the resolved events', async () => {
      const runId = await suspended('conformance-approval-refine', 'waiting-approval');
      const refineFeedback = { scope: 'whole', text: 'please tighten the summary' };
      expect((await resolve(host(), runId, 'gate', { action: 'refine', refineFeedback })).status).toBe(200);
      await waitForTerminal(host(), runId);
      const events = await readLog(host(), runId);
      for (const type of ['interrupt.resolved', 'approval.received'])
        expect(payloadOf(events.find((e) => e.type === type))).toMatchObject({ action: 'refine', refineFeedback });
    });

    it('accepts an edit-accept with editedArtifactData and outputs the edited artifact', async () => {
      const runId = await suspended('conformance-approval-edit-accept', 'waiting-approval');
      const editedArtifactData = { summary: 'shorter' };
      expect((await resolve(host(), runId, 'gate', { action: 'edit-accept', editedArtifactData })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'interrupt.resolved'))).toMatchObject({
        action: 'edit-accept',
        decision: 'granted',
        editedArtifactData,
      });
      expect(payloadOf(events.find((e) => e.type === 'node.completed'))).toMatchObject({
        outputs: { approved: true, artifactData: editedArtifactData },
      });
    });

    it('normalises a legacy decision: approved is an accept', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      expect((await resolve(host(), runId, 'gate', { decision: 'approved' })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
    });

    it('keeps the interrupt pending on ask and records the exchange', async () => {
      const runId = await suspended('approval-ask', 'waiting-approval');
      const answer = await resolve(host(), runId, 'gate', { action: 'ask', question: 'Which version?' });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ status: 'waiting-approval' });
      const snapshot = await waitForStatus(host(), runId, 'waiting-approval');
      expect(snapshot.variables).toMatchObject({ '_askExchanges:gate': [{ question: 'Which version?' }] });
      const events = await readLog(host(), runId);
      expect(types(events)).not.toContain('interrupt.resolved');
      expect(types(events)).not.toContain('approval.received');
      expect((await resolve(host(), runId, 'gate', { action: 'accept' })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
    });

    it.each([
      ['an unknown action', { action: 'maybe' }],
      ['a host-only timeout action', { action: 'timeout' }],
      ['an action the gate does not list', { action: 'refine', refineFeedback: { scope: 'whole' } }],
      ['a refine without refineFeedback', { action: 'refine' }, 'conformance-approval-refine'],
      [
        'a refine with a bad scope',
        { action: 'refine', refineFeedback: { scope: 'all' } },
        'conformance-approval-refine',
      ],
      ['an edit-accept without editedArtifactData', { action: 'edit-accept' }, 'conformance-approval-edit-accept'],
      ['a value that is not an object', 'accept'],
      ['a non-string decidedBy', { action: 'accept', decidedBy: 7 }],
    ])(
      'refuses %s with 400 and leaves the run waiting',
      async (_what, resumeValue, workflowId = 'conformance-approval') => {
        const runId = await suspended(workflowId, 'waiting-approval');
        expectProblem(await resolve(host(), runId, 'gate', resumeValue), 400, 'validation_error');
        expect((await waitForStatus(host(), runId, 'waiting-approval')).currentNodeId).toBe('gate');
        await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
      },
    );

    it('answers 404 interrupt_not_found for a node without an interrupt, and for another tenant', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      expectProblem(await resolve(host(), runId, 'no-such-node', { action: 'accept' }), 404, 'interrupt_not_found');
      expectProblem(
        await resolve(host(), runId, 'gate', { action: 'accept' }, TEST_KEYS.otherTenant),
        404,
        'not_found',
      );
      expectProblem(await resolve(host(), 'run_missing', 'gate', { action: 'accept' }), 404, 'not_found');
      await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
    });

    it('needs the approvals:respond scope', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      expectProblem(await resolve(host(), runId, 'gate', { action: 'accept' }, TEST_KEYS.readOnly), 403, 'forbidden');
      await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
    });

    it('refuses a body other than { resumeValue }', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      const answer = await send(host(), 'POST', `/v1/runs/${runId}/interrupts/gate`, { action: 'accept' });
      expectProblem(answer, 400, 'validation_error');
      await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
    });

    it('lets exactly one of 20 concurrent resolves win; the others get 409 interrupt_already_resolved', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => resolve(host(), runId, 'gate', { action: 'accept' })),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      for (const answer of answers.filter((a) => a.status !== 200))
        expectProblem(answer, 409, 'interrupt_already_resolved');
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(types(events).filter((type) => type === 'interrupt.resolved')).toHaveLength(1);
      expectProblem(await resolve(host(), runId, 'gate', { action: 'accept' }), 409, 'interrupt_already_resolved');
    });

    it('counts quorum votes per voter and resolves once three accept', async () => {
      const runId = await suspended('conformance-interrupt-quorum', 'waiting-approval');
      for (const voter of ['approver-1', 'approver-2', 'approver-2']) {
        const answer = await resolve(host(), runId, 'gate', { action: 'accept', voter });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(answer.body).toMatchObject({ status: 'waiting-approval' });
      }
      expect(types(await readLog(host(), runId))).not.toContain('interrupt.resolved');
      expect((await resolve(host(), runId, 'gate', { action: 'accept', voter: 'approver-3' })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const resolved = (await readLog(host(), runId)).filter((e) => e.type === 'interrupt.resolved');
      expect(resolved).toHaveLength(1);
      expect(payloadOf(resolved[0])).toMatchObject({ action: 'accept', decision: 'granted' });
    });

    it('fails a quorum gate once a majority rejects', async () => {
      const runId = await suspended('conformance-interrupt-quorum', 'waiting-approval');
      expect((await resolve(host(), runId, 'gate', { action: 'reject', voter: 'approver-1' })).status).toBe(200);
      expect(await getStatus(host(), runId)).toBe('waiting-approval');
      expect((await resolve(host(), runId, 'gate', { action: 'reject', voter: 'approver-2' })).status).toBe(200);
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot).toMatchObject({ status: 'failed', error: { code: 'approval_rejected' } });
    });
  });

  describe('timeouts', () => {
    it.each(['conformance-approval-timeout', 'conformance-approval-timeout-approve'])(
      '%s: an unanswered approval times out as a rejection and the run fails',
      async (workflowId) => {
        await ready();
        const runId = await startRun(host(), { workflowId });
        const snapshot = await waitForTerminal(host(), runId, { timeoutMs: 20_000 });
        expect(snapshot).toMatchObject({ status: 'failed', error: { code: 'approval_rejected' } });
        const events = await readLog(host(), runId);
        const resolved = events.filter((e) => e.type === 'interrupt.resolved');
        expect(resolved).toHaveLength(1);
        expect(payloadOf(resolved[0])).toMatchObject({
          action: 'timeout',
          decision: 'rejected',
          outcome: 'rejected',
          reason: 'timeout',
        });
        expect(payloadOf(resolved[0])).not.toHaveProperty('resolvedBy');
        expect(payloadOf(events.find((e) => e.type === 'approval.received'))).toMatchObject({ action: 'timeout' });
        expect(payloadOf(events.find((e) => e.type === 'run.failed'))).toMatchObject({
          error: { code: 'approval_rejected' },
          failedNodeId: 'gate',
        });
        expectProblem(await resolve(host(), runId, 'gate', { action: 'accept' }), 409, 'interrupt_already_resolved');
      },
    );

    it.each([
      ['clarify-timeout', 'ask'],
      ['external-timeout', 'wait-for-external'],
    ])('%s: an unanswered interrupt fails the node with interrupt_timeout', async (workflowId, nodeId) => {
      await ready();
      const runId = await startRun(host(), { workflowId });
      const snapshot = await waitForTerminal(host(), runId, { timeoutMs: 20_000 });
      expect(snapshot).toMatchObject({ status: 'failed', error: { code: 'interrupt_timeout' } });
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'interrupt.resolved'))).toMatchObject({
        nodeId,
        reason: 'timeout',
        outcome: 'timed-out',
      });
    });
  });

  describe('pause', () => {
    it('pauses a suspended run; after the resume it waits again and its timeout still fires', async () => {
      await ready();
      const runId = await startRun(host(), { workflowId: 'conformance-approval-timeout' });
      await waitForStatus(host(), runId, 'waiting-approval');
      expect((await send(host(), 'POST', `/v1/runs/${runId}:pause`, {})).status).toBe(202);
      expect((await send(host(), 'POST', `/v1/runs/${runId}:resume`, {})).status).toBe(202);
      const snapshot = await waitForTerminal(host(), runId, { timeoutMs: 20_000 });
      expect(snapshot).toMatchObject({ status: 'failed', error: { code: 'approval_rejected' } });
    });

    it('takes a resolve while paused and continues the node on resume', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      expect((await send(host(), 'POST', `/v1/runs/${runId}:pause`, {})).status).toBe(202);
      const answer = await resolve(host(), runId, 'gate', { action: 'accept' });
      expect(answer.body).toMatchObject({ status: 'paused' });
      expect(await getStatus(host(), runId)).toBe('paused');
      expect((await send(host(), 'POST', `/v1/runs/${runId}:resume`, {})).status).toBe(202);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
    });
  });

  describe('clarification', () => {
    it.each([
      ['a map', { answers: { q1: 'blue' } }],
      ['a list of { id, answer }', { answers: [{ id: 'q1', answer: 'blue' }] }],
      ['a bare map', { q1: 'blue' }],
    ])('takes answers as %s, normalised to a map', async (_shape, resumeValue) => {
      const runId = await suspended('conformance-clarification', 'waiting-input');
      expect((await getSnapshot(host(), runId)).currentNodeId).toBe('ask');
      expect((await resolve(host(), runId, 'ask', resumeValue)).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'clarification.requested'))).toMatchObject({
        nodeId: 'ask',
        questions: [{ id: 'q1', question: 'What is your favorite color?' }],
      });
      expect(payloadOf(events.find((e) => e.type === 'clarification.resolved'))).toMatchObject({
        nodeId: 'ask',
        answers: { q1: 'blue' },
        answeredBy: expect.any(String),
      });
      expect(payloadOf(events.find((e) => e.type === 'node.completed'))).toMatchObject({
        outputs: { answers: { q1: 'blue' } },
      });
    });

    it.each([
      ['a missing answer', { answers: {} }],
      ['an answer to an unknown question', { answers: { q1: 'blue', q9: 'x' } }],
      ['answers that are neither a map nor a list', { answers: 'blue' }],
    ])('refuses %s with 400', async (_what, resumeValue) => {
      const runId = await suspended('conformance-clarification', 'waiting-input');
      expectProblem(await resolve(host(), runId, 'ask', resumeValue), 400, 'validation_error');
      await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
    });

    it('replays earlier answers when a node asks twice, and checks each answer against its schema', async () => {
      const runId = await suspended('ask-twice', 'waiting-input');
      expect((await resolve(host(), runId, 'ask', { answers: { name: 'Ada' } })).status).toBe(200);
      const second = await waitForRun(
        host(),
        runId,
        (s) =>
          s.status === 'waiting-input' && (s as { interrupt?: { key?: string } }).interrupt?.key === `${runId}:ask:1`,
      );
      expect(second.currentNodeId).toBe('ask');
      expectProblem(await resolve(host(), runId, 'ask', { answers: { age: 'old' } }), 400, 'validation_error');
      expect((await resolve(host(), runId, 'ask', { answers: { age: 36 } })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(types(events).filter((type) => type === 'interrupt.requested')).toHaveLength(2);
      expect(payloadOf(events.find((e) => e.type === 'node.completed'))).toMatchObject({
        outputs: { name: 'Ada', age: 36 },
      });
    });
  });

  describe('external event', () => {
    it('waits in waiting-external, refuses a payload that does not match the correlation, takes one that does', async () => {
      const runId = await suspended('external', 'waiting-external');
      const mismatch = await resolve(host(), runId, 'wait-for-external', { orderId: 'other', status: 'completed' });
      expectProblem(mismatch, 422, 'correlation_mismatch');
      expect((await getSnapshot(host(), runId)).status).toBe('waiting-external');
      const event = { orderId: 'order-1', status: 'completed', externalReference: 'ref-123' };
      expect((await resolve(host(), runId, 'wait-for-external', event)).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'node.completed'))).toMatchObject({
        outputs: { eventPayload: event },
      });
    });

    it('also takes the event wrapped as { eventPayload }', async () => {
      const runId = await suspended('external', 'waiting-external');
      const eventPayload = { orderId: 'order-1', status: 'completed' };
      expect((await resolve(host(), runId, 'wait-for-external', { eventPayload })).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
    });
  });

  describe('custom', () => {
    it('waits in waiting-input and resumes with any value', async () => {
      const runId = await suspended('custom', 'waiting-input');
      expect((await resolve(host(), runId, 'hold', [1, 2, 3])).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'node.completed'))).toMatchObject({
        outputs: { resumeValue: [1, 2, 3] },
      });
    });
  });

  describe('node code', () => {
    it('suspends even when the node wraps the interrupt in try/catch, and returns the answer on resume', async () => {
      const runId = await suspended('swallow', 'waiting-input');
      expect((await resolve(host(), runId, 'hold', 'answer')).status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('completed');
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'node.completed'))).toMatchObject({
        outputs: { value: 'answer' },
      });
    });

    it('fails a node whose replayed interrupt carries a different key', async () => {
      const runId = await suspended('shifting-key', 'waiting-input');
      expect((await resolve(host(), runId, 'hold', 1)).status).toBe(200);
      const snapshot = await waitForTerminal(host(), runId);
      expect(snapshot).toMatchObject({ status: 'failed', error: { code: 'nondeterministic_interrupt' } });
    });
  });

  describe('cancellation', () => {
    it('cancels a suspended run; a later resolve answers 422 interrupt_cancelled', async () => {
      const runId = await suspended('conformance-approval', 'waiting-approval');
      const cancel = await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'changed my mind' });
      expect(cancel.status).toBe(200);
      expect((await waitForTerminal(host(), runId)).status).toBe('cancelled');
      const events = await readLog(host(), runId);
      expect(payloadOf(events.find((e) => e.type === 'node.cancelled'))).toMatchObject({ nodeId: 'gate' });
      expectProblem(await resolve(host(), runId, 'gate', { action: 'accept' }), 422, 'interrupt_cancelled');
    });

    it('shows a waiting child on its parent, and cascades the parent cancel to the child', async () => {
      await ready();
      const parentId = await startRun(host(), { workflowId: 'conformance-interrupt-parent-child-cancel' });
      const parent = await waitForStatus(host(), parentId, 'waiting-approval', { timeoutMs: 15_000 });
      const childId = (parent as { childRuns?: Array<{ runId: string }> }).childRuns?.[0]?.runId;
      expect(childId).toEqual(expect.any(String));
      expect(
        (await send(host(), 'POST', `/v1/runs/${parentId}/cancel`, { reason: 'conformance-test-cascade' })).status,
      ).toBe(200);
      expect((await waitForTerminal(host(), parentId)).status).toBe('cancelled');
      expect((await waitForTerminal(host(), childId!)).status).toBe('cancelled');
      expectProblem(await resolve(host(), childId!, 'child-gate', { action: 'accept' }), 410, 'interrupt_gone');
    });

    it('shows the parent running again once the child interrupt is resolved, and completes both', async () => {
      await ready();
      const parentId = await startRun(host(), { workflowId: 'conformance-interrupt-parent-child-cancel' });
      const parent = await waitForStatus(host(), parentId, 'waiting-approval', { timeoutMs: 15_000 });
      const childId = (parent as { childRuns?: Array<{ runId: string }> }).childRuns![0]!.runId;
      expect((await resolve(host(), childId, 'child-gate', { action: 'accept' })).status).toBe(200);
      expect((await waitForTerminal(host(), childId)).status).toBe('completed');
      expect((await waitForTerminal(host(), parentId)).status).toBe('completed');
    });

    it('cancels a suspended child with its parent; the child interrupt is gone (410)', async () => {
      await ready();
      const parentId = await startRun(host(), { workflowId: 'approval-parent' });
      const parent = await waitForRun(host(), parentId, (s) =>
        Object.values((s.nodeStates ?? {}) as Record<string, { childRunId?: string }>).some((n) => n.childRunId),
      );
      const childId = Object.values(parent.nodeStates as Record<string, { childRunId?: string }>).find(
        (n) => n.childRunId,
      )!.childRunId!;
      await waitForStatus(host(), childId, 'waiting-approval');
      expect((await send(host(), 'POST', `/v1/runs/${parentId}/cancel`, { reason: 'stop' })).status).toBe(200);
      expect((await waitForTerminal(host(), parentId)).status).toBe('cancelled');
      expect((await waitForTerminal(host(), childId)).status).toBe('cancelled');
      const cancelled = (await readLog(host(), childId)).find((e) => e.type === 'run.cancelled');
      expect(payloadOf(cancelled)).toMatchObject({ reason: 'parent-cancelled', parentRunId: parentId });
      expectProblem(await resolve(host(), childId, 'gate', { action: 'accept' }), 410, 'interrupt_gone');
    });
  });

  it('streams the interrupt events in updates mode', async () => {
    const runId = await suspended('conformance-approval', 'waiting-approval');
    const streamed = readStream(host(), runId, '?streamMode=updates', { timeoutMs: 15_000 });
    expect((await resolve(host(), runId, 'gate', { action: 'accept' })).status).toBe(200);
    const result = await streamed;
    const seen = result.frames.map((frame) => frame.event);
    for (const type of [
      'interrupt.requested',
      'node.suspended',
      'approval.requested',
      'interrupt.resolved',
      'approval.received',
      'run.completed',
    ])
      expect(seen).toContain(type);
  });
});

async function getSnapshot(host: TestHost, runId: string) {
  const answer = await send<{ status: string; currentNodeId?: string }>(host, 'GET', `/v1/runs/${runId}`);
  return answer.body;
}

async function getStatus(host: TestHost, runId: string): Promise<string> {
  return (await getSnapshot(host, runId)).status;
}
