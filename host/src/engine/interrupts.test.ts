import { describe, expect, it } from 'vitest';
import { EngineValidationError, UnprocessableRequestError } from './errors.js';
import { interpretResume, normalizeInterruptRequest, requestEvents, timeoutEvents } from './interrupts.js';
import { NodeFailure } from './nodes/node-types.js';
import type { InterruptRecord } from './run-state.js';

const context = { runId: 'run_1', nodeId: 'gate', resolvedBy: 'key:k1', now: '2026-12-06T10:00:00.000Z' };

function record(kind: InterruptRecord['kind'], data: Record<string, unknown>): InterruptRecord {
  return { interruptId: 'int_1', kind, key: 'run_1:gate:0', data, requestedAt: context.now, status: 'pending' };
}

const approval = (actions: string[], extra: Record<string, unknown> = {}) =>
  record('approval', { artifactId: 'a', artifactType: 't', title: 'T', artifactData: {}, actions, ...extra });

describe('normalizeInterruptRequest', () => {
  it('maps the legacy suspend names onto the current ones', () => {
    expect(
      normalizeInterruptRequest({
        reason: 'custom',
        resumeKey: 'k',
        answerSchema: { type: 'string' },
        data: { customKind: 'x' },
        timeoutMs: 5,
      }),
    ).toEqual({ kind: 'custom', key: 'k', resumeSchema: { type: 'string' }, data: { customKind: 'x' }, timeoutMs: 5 });
  });

  it.each([
    ['an unknown kind', { kind: 'conversation.start', data: {} }],
    ['approval data without actions', { kind: 'approval', data: { artifactId: 'a', artifactType: 't', title: 'T' } }],
    ['clarification without questions', { kind: 'clarification', data: { questions: [] } }],
    ['external-event without correlation', { kind: 'external-event', data: { eventType: 'x' } }],
    ['a negative timeout', { kind: 'custom', data: { customKind: 'x' }, timeoutMs: -1 }],
  ])('refuses %s with invalid_interrupt', (_what, request) => {
    expect(() => normalizeInterruptRequest(request as never)).toThrow(NodeFailure);
  });
});

describe('interpretResume', () => {
  it.each([
    ['accept', { action: 'accept' }, { action: 'accept', decidedBy: 'key:k1', decidedAt: context.now }],
    ['a legacy approved decision', { decision: 'approved' }, { action: 'accept' }],
    ['a legacy rejection without feedback', { decision: 'rejected' }, { action: 'reject' }],
    [
      'a legacy rejection with feedback',
      { decision: 'rejected', feedback: 'shorter' },
      { action: 'refine', refineFeedback: { scope: 'whole', text: 'shorter' } },
    ],
    ['a decidedBy of the caller', { action: 'accept', decidedBy: 'alice' }, { decidedBy: 'alice' }],
  ])('resolves an approval with %s', (_what, value, expected) => {
    const decision = interpretResume(approval(['accept', 'reject', 'refine']), value, context);
    expect(decision.kind).toBe('resolve');
    expect(decision.kind === 'resolve' && decision.value).toMatchObject(expected);
  });

  it('reads a legacy rejection with feedback as a reject on a gate without refine', () => {
    const decision = interpretResume(approval(['accept', 'reject']), { decision: 'rejected', feedback: 'no' }, context);
    expect(decision.kind === 'resolve' && decision.value).toMatchObject({ action: 'reject', feedback: 'no' });
  });

  it('admits edit-accept on a gate that lists edit', () => {
    const decision = interpretResume(approval(['edit']), { action: 'edit-accept', editedArtifactData: 1 }, context);
    expect(decision.events.map((event) => event.type)).toEqual(['interrupt.resolved', 'approval.received']);
    expect(decision.events[0]!.payload).toMatchObject({ action: 'edit-accept', decision: 'granted' });
  });

  it.each([
    ['maybe', { action: 'maybe' }],
    ['timeout', { action: 'timeout' }],
    ['a refine without feedback', { action: 'refine' }],
    ['an unlisted action', { action: 'edit-accept', editedArtifactData: 1 }],
    ['a bad decidedAt', { action: 'accept', decidedAt: 'yesterday' }],
  ])('refuses %s', (_what, value) => {
    expect(() => interpretResume(approval(['accept', 'refine']), value, context)).toThrow(EngineValidationError);
  });

  it('keeps an approval pending on ask and describes the exchange', () => {
    const decision = interpretResume(approval(['accept', 'ask']), { action: 'ask', question: 'why?' }, context);
    expect(decision).toEqual({
      kind: 'keep-pending',
      events: [],
      ask: { question: 'why?', askedBy: 'key:k1', askedAt: context.now },
    });
  });

  it('decides a majority quorum only at floor(n/2)+1 rejects, counting each voter once', () => {
    let gate = approval(['accept', 'reject'], { requiredApprovals: 3, rejectionPolicy: 'majority' });
    const vote = (action: string, voter: string) => {
      const decision = interpretResume(gate, { action, voter }, context);
      if (decision.kind === 'keep-pending') gate = { ...gate, votes: decision.votes! };
      return decision;
    };
    expect(vote('reject', 'v1').kind).toBe('keep-pending');
    expect(vote('reject', 'v1').kind).toBe('keep-pending');
    const closing = vote('reject', 'v2');
    expect(closing.kind).toBe('resolve');
    expect(closing.events[0]!.payload).toMatchObject({ action: 'reject', decision: 'rejected' });
  });

  it('normalises clarification answers and checks them against their schema', () => {
    const ask = record('clarification', { questions: [{ id: 'age', question: 'Age?', schema: { type: 'integer' } }] });
    const decision = interpretResume(ask, { answers: [{ id: 'age', answer: 3 }] }, context);
    expect(decision.kind === 'resolve' && decision.value).toEqual({ answers: { age: 3 } });
    expect(() => interpretResume(ask, { answers: { age: 'x' } }, context)).toThrow(EngineValidationError);
  });

  it('matches an external event on every correlation key and allows extra keys', () => {
    const wait = record('external-event', { eventType: 'e', correlation: { id: 1, tags: ['a'] } });
    expect(interpretResume(wait, { id: 1, tags: ['a'], more: true }, context).kind).toBe('resolve');
    expect(interpretResume(wait, { eventPayload: { id: 1, tags: ['a'] } }, context).kind).toBe('resolve');
    expect(() => interpretResume(wait, { id: 1, tags: ['b'] }, context)).toThrow(UnprocessableRequestError);
    expect(() => interpretResume(wait, { tags: ['a'] }, context)).toThrow(UnprocessableRequestError);
  });

  it('applies a resumeSchema before the kind rules', () => {
    const custom = { ...record('custom', { customKind: 'x' }), resumeSchema: { type: 'string' } };
    expect(interpretResume(custom, 'ok', context).kind).toBe('resolve');
    expect(() => interpretResume(custom, 1, context)).toThrow(EngineValidationError);
  });
});

describe('events', () => {
  it('raise in the spec order with the approval companion', () => {
    expect(requestEvents('run_1', 'gate', approval(['accept'])).map((event) => event.type)).toEqual([
      'interrupt.requested',
      'node.suspended',
      'approval.requested',
    ]);
  });

  it('record an approval timeout as a rejection, never an approval', () => {
    const events = timeoutEvents(approval(['accept']), { ...context, resolvedBy: 'system' });
    expect(events.map((event) => event.type)).toEqual(['interrupt.resolved', 'approval.received']);
    expect(events[0]!.payload).toMatchObject({
      action: 'timeout',
      decision: 'rejected',
      outcome: 'rejected',
      reason: 'timeout',
    });
    expect(events[0]!.payload).not.toHaveProperty('resolvedBy');
  });
});
