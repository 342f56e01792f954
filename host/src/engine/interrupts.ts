/**
 * Interrupt rules shared by the executor (raising, timing out) and the interrupt service (resolving): how a request
 * is checked, which events a raise and a resolution emit, and how each kind's resume value is validated and
 * normalised (interrupts.md §2–§6).
 */
import type { ValidateFunction } from 'ajv';
import { canonicalJson } from './canonical-json.js';
import { EngineValidationError, UnprocessableRequestError } from './errors.js';
import { createAjv } from './json-schema.js';
import {
  NodeFailure,
  type InterruptKind,
  type InterruptRequest,
  type LegacySuspendRequest,
} from './nodes/node-types.js';
import type { InterruptRecord } from './run-state.js';

/** An event to append, before its envelope is filled in. */
export interface EventSketch {
  type: string;
  payload: Record<string, unknown>;
}

const KINDS: ReadonlySet<string> = new Set(['approval', 'clarification', 'external-event', 'custom']);
/** Resume actions a caller may send (`timeout` is minted by the host only). */
const RESUME_ACTIONS: ReadonlySet<string> = new Set(['accept', 'reject', 'refine', 'edit-accept', 'ask']);
const REFINE_SCOPES: ReadonlySet<string> = new Set(['whole', 'section', 'items']);
/** Approval actions as a gate lists them (`edit` is the request-side name of `edit-accept`). */
const REQUEST_ACTIONS: ReadonlySet<string> = new Set(['accept', 'reject', 'refine', 'edit', 'ask']);

/**
 * Checks what a node passed to `ctx.interrupt` (or `ctx.suspend`) and returns it in the current spelling.
 * @throws NodeFailure `invalid_interrupt` when the kind is unknown or `data` does not fit the kind.
 */
export function normalizeInterruptRequest(request: InterruptRequest | LegacySuspendRequest): InterruptRequest {
  const modern =
    'reason' in request && !('kind' in request)
      ? {
          kind: request.reason,
          data: request.data,
          ...(request.resumeKey !== undefined ? { key: request.resumeKey } : {}),
          ...(request.answerSchema !== undefined ? { resumeSchema: request.answerSchema } : {}),
          ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        }
      : (request as InterruptRequest);
  const fail = (message: string): never => {
    throw new NodeFailure('invalid_interrupt', message);
  };
  if (!KINDS.has(modern.kind)) fail(`interrupt kind "${String(modern.kind)}" is not supported by this host`);
  const data = modern.data;
  if (!isObject(data)) fail('interrupt data must be an object');
  if (modern.timeoutMs !== undefined && !(Number.isFinite(modern.timeoutMs) && modern.timeoutMs > 0))
    fail('interrupt timeoutMs must be a positive number');
  if (modern.key !== undefined && (typeof modern.key !== 'string' || modern.key === ''))
    fail('interrupt key must be a non-empty string');
  switch (modern.kind) {
    case 'approval': {
      const actions = data.actions;
      if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => REQUEST_ACTIONS.has(a as string)))
        fail('approval data.actions must list at least one of accept, reject, refine, edit, ask');
      for (const field of ['artifactId', 'artifactType', 'title'])
        if (typeof data[field] !== 'string') fail(`approval data.${field} must be a string`);
      break;
    }
    case 'clarification': {
      const questions = data.questions;
      if (
        !Array.isArray(questions) ||
        questions.length === 0 ||
        !questions.every((q) => isObject(q) && typeof q.id === 'string' && typeof q.question === 'string')
      )
        fail('clarification data.questions must be a non-empty list of { id, question }');
      break;
    }
    case 'external-event':
      if (typeof data.eventType !== 'string' || !isObject(data.correlation))
        fail('external-event data needs eventType (string) and correlation (object)');
      break;
    case 'custom':
      if (typeof data.customKind !== 'string') fail('custom data.customKind must be a string');
      break;
  }
  return modern;
}

/** The events of a raise, in the spec's order: `interrupt.requested`, `node.suspended`, then the kind's companion. */
export function requestEvents(runId: string, nodeId: string, record: InterruptRecord): EventSketch[] {
  const { interruptId, kind, key, data } = record;
  const events: EventSketch[] = [
    {
      type: 'interrupt.requested',
      payload: {
        runId,
        nodeId,
        interruptId,
        kind,
        key,
        data,
        ...(record.timeoutMs !== undefined ? { timeoutMs: record.timeoutMs } : {}),
        requestedAt: record.requestedAt,
      },
    },
    { type: 'node.suspended', payload: { nodeId, interruptId, kind, key } },
  ];
  if (kind === 'approval') {
    events.push({
      type: 'approval.requested',
      payload: {
        nodeId,
        interruptId,
        artifactId: data.artifactId,
        artifactType: data.artifactType,
        actions: data.actions,
        title: data.title,
        ...(Array.isArray(data.approversList) ? { approversList: data.approversList } : {}),
        ...(typeof data.requiredApprovals === 'number' ? { requiredApprovals: data.requiredApprovals } : {}),
      },
    });
  } else if (kind === 'clarification') {
    events.push({ type: 'clarification.requested', payload: { nodeId, interruptId, questions: data.questions } });
  }
  return events;
}

/** Who resolves and when (filled in by the host, never trusted from the body for `resolvedBy`). */
export interface ResolutionContext {
  runId: string;
  nodeId: string;
  /** The authenticated principal (`key:<id>`) or a system id. */
  resolvedBy: string;
  /** ISO 8601 server time. */
  now: string;
}

/** What a resolve request does to a pending interrupt. */
export type ResumeDecision =
  | {
      /** The interrupt is resolved with `value`; append `events`. */
      kind: 'resolve';
      value: unknown;
      events: EventSketch[];
    }
  | {
      /** The interrupt stays pending (an approval `ask`, or a quorum vote that decides nothing); append `events`. */
      kind: 'keep-pending';
      events: EventSketch[];
      /** Quorum votes after this one, when it was a vote. */
      votes?: InterruptRecord['votes'];
      /** An `ask` exchange to record on the `_askExchanges:<nodeId>` variable. */
      ask?: Record<string, unknown>;
    };

/**
 * Validates and normalises a resume value for `record` and decides what it does.
 * @throws EngineValidationError (400) for a value of the wrong shape; UnprocessableRequestError (422) for an external
 * event whose payload does not match the correlation.
 */
export function interpretResume(record: InterruptRecord, raw: unknown, context: ResolutionContext): ResumeDecision {
  if (record.resumeSchema) checkSchema(record.resumeSchema, raw, '/resumeValue');
  switch (record.kind) {
    case 'approval':
      return interpretApproval(record, raw, context);
    case 'clarification': {
      const answers = normalizeAnswers(record, raw);
      const value = { answers };
      return {
        kind: 'resolve',
        value,
        events: resolvedEvents(record, value, context, {}, [
          {
            type: 'clarification.resolved',
            payload: { nodeId: context.nodeId, answers, answeredBy: context.resolvedBy },
          },
        ]),
      };
    }
    case 'external-event': {
      if (!isObject(raw)) throw invalid('/resumeValue', 'must be an object (the event payload)');
      const payload = isObject(raw.eventPayload) ? raw.eventPayload : raw;
      const correlation = record.data.correlation as Record<string, unknown>;
      const mismatched = Object.keys(correlation).filter(
        (field) => !(field in payload) || canonicalJson(payload[field]) !== canonicalJson(correlation[field]),
      );
      if (mismatched.length > 0) {
        throw new UnprocessableRequestError(
          'correlation_mismatch',
          `the event does not match the interrupt's correlation (${mismatched.join(', ')})`,
          { mismatchedFields: mismatched },
        );
      }
      const value = { eventPayload: payload };
      return { kind: 'resolve', value, events: resolvedEvents(record, value, context, {}, []) };
    }
    case 'custom':
      return { kind: 'resolve', value: raw, events: resolvedEvents(record, raw, context, {}, []) };
  }
}

/** The events of a timeout: `interrupt.resolved` (a rejection for approvals; a timeout never approves). */
export function timeoutEvents(record: InterruptRecord, context: ResolutionContext): EventSketch[] {
  const { nodeId } = context;
  const base = {
    runId: context.runId,
    nodeId,
    interruptId: record.interruptId,
    kind: record.kind,
    resolvedAt: context.now,
    reason: 'timeout',
    outcome: record.kind === 'approval' ? 'rejected' : 'timed-out',
  };
  if (record.kind !== 'approval') return [{ type: 'interrupt.resolved', payload: base }];
  const resumeValue = { action: 'timeout', decidedAt: context.now };
  return [
    {
      type: 'interrupt.resolved',
      payload: { ...base, resumeValue, action: 'timeout', decision: 'rejected' },
    },
    { type: 'approval.received', payload: { nodeId, action: 'timeout', decidedAt: context.now } },
  ];
}

function interpretApproval(record: InterruptRecord, raw: unknown, context: ResolutionContext): ResumeDecision {
  if (!isObject(raw)) throw invalid('/resumeValue', 'must be an object with an action');
  const value: Record<string, unknown> = { ...raw };
  const allowed = (record.data.actions as string[]).map((a) => (a === 'edit' ? 'edit-accept' : a));
  // Legacy clients send `decision` instead of `action` (interrupts.md §2); a rejection with feedback is a refine
  // where the gate offers one, else a reject that keeps the feedback.
  if (value.action === undefined && value.decision !== undefined) {
    const feedback = typeof value.feedback === 'string' ? value.feedback.trim() : '';
    if (value.decision === 'approved') value.action = 'accept';
    else if (value.decision === 'rejected' && feedback !== '' && allowed.includes('refine')) {
      value.action = 'refine';
      value.refineFeedback ??= { scope: 'whole', text: feedback };
    } else if (value.decision === 'rejected') value.action = 'reject';
    else throw invalid('/resumeValue/decision', 'must be approved or rejected');
    delete value.decision;
  }
  const action = value.action;
  if (action === 'timeout') throw invalid('/resumeValue/action', 'timeout is recorded by the host, never sent');
  if (typeof action !== 'string' || !RESUME_ACTIONS.has(action))
    throw invalid('/resumeValue/action', 'must be one of accept, reject, refine, edit-accept, ask');
  if (!allowed.includes(action))
    throw invalid('/resumeValue/action', `is not allowed by this gate (allowed: ${allowed.join(', ')})`);
  if (action === 'refine') {
    const feedback = value.refineFeedback;
    if (!isObject(feedback) || typeof feedback.scope !== 'string' || !REFINE_SCOPES.has(feedback.scope))
      throw invalid('/resumeValue/refineFeedback', 'is required for refine, with scope whole, section or items');
  }
  if (action === 'edit-accept' && value.editedArtifactData === undefined)
    throw invalid('/resumeValue/editedArtifactData', 'is required for edit-accept');
  if (value.decidedBy !== undefined && typeof value.decidedBy !== 'string')
    throw invalid('/resumeValue/decidedBy', 'must be a string');
  if (
    value.decidedAt !== undefined &&
    (typeof value.decidedAt !== 'string' || Number.isNaN(Date.parse(value.decidedAt)))
  )
    throw invalid('/resumeValue/decidedAt', 'must be a date-time');
  const decidedBy = (value.decidedBy as string | undefined) ?? context.resolvedBy;
  const decidedAt = (value.decidedAt as string | undefined) ?? context.now;
  if (action === 'ask') {
    return {
      kind: 'keep-pending',
      events: [],
      ask: { question: value.question ?? value.feedback ?? null, askedBy: decidedBy, askedAt: decidedAt },
    };
  }
  const resumeValue = pick({ ...value, decidedBy, decidedAt }, [
    'action',
    'decidedBy',
    'decidedAt',
    'feedback',
    'comment',
    'refineFeedback',
    'editedArtifactData',
    'voter',
  ]);
  const required = typeof record.data.requiredApprovals === 'number' ? record.data.requiredApprovals : 1;
  if (required > 1 && (action === 'accept' || action === 'reject')) {
    return tallyVote(record, resumeValue, required, context);
  }
  return approvalResolution(record, resumeValue, context);
}

/** Quorum: one vote per distinct voter (last vote wins); majority reject when rejects reach floor(n/2)+1. */
function tallyVote(
  record: InterruptRecord,
  resumeValue: Record<string, unknown>,
  required: number,
  context: ResolutionContext,
): ResumeDecision {
  const voter = typeof resumeValue.voter === 'string' ? resumeValue.voter : String(resumeValue.decidedBy);
  const votes = (record.votes ?? []).filter((vote) => vote.voter !== voter);
  votes.push({ voter, action: String(resumeValue.action), decidedAt: String(resumeValue.decidedAt) });
  const accepts = votes.filter((vote) => vote.action === 'accept').length;
  const rejects = votes.length - accepts;
  const vetoAt = record.data.rejectionPolicy === 'majority' ? Math.floor(required / 2) + 1 : 1;
  if (accepts >= required || rejects >= vetoAt) {
    const decided: Record<string, unknown> = { ...resumeValue, decidedBy: voter, votes };
    if (rejects >= vetoAt) decided.action = 'reject';
    return approvalResolution(record, decided, context);
  }
  return { kind: 'keep-pending', events: [], votes };
}

function approvalResolution(
  record: InterruptRecord,
  resumeValue: Record<string, unknown>,
  context: ResolutionContext,
): ResumeDecision {
  const action = resumeValue.action as string;
  const decision =
    action === 'accept' || action === 'edit-accept' ? 'granted' : action === 'reject' ? 'rejected' : undefined;
  const details = pick(resumeValue, ['feedback', 'comment', 'refineFeedback', 'editedArtifactData']);
  return {
    kind: 'resolve',
    value: resumeValue,
    events: resolvedEvents(record, resumeValue, context, { action, ...(decision ? { decision } : {}), ...details }, [
      {
        type: 'approval.received',
        payload: {
          nodeId: context.nodeId,
          action,
          decidedBy: resumeValue.decidedBy,
          decidedAt: resumeValue.decidedAt,
          ...details,
        },
      },
    ]),
  };
}

function resolvedEvents(
  record: InterruptRecord,
  value: unknown,
  context: ResolutionContext,
  extra: Record<string, unknown>,
  companions: EventSketch[],
): EventSketch[] {
  return [
    {
      type: 'interrupt.resolved',
      payload: {
        runId: context.runId,
        nodeId: context.nodeId,
        interruptId: record.interruptId,
        kind: record.kind,
        resumeValue: value,
        resolvedAt: context.now,
        resolvedBy: context.resolvedBy,
        ...extra,
      },
    },
    ...companions,
  ];
}

/** Clarification answers as a map keyed by question id, from `{answers: map}`, `{answers: [{id, answer}]}` or a bare map. */
function normalizeAnswers(record: InterruptRecord, raw: unknown): Record<string, unknown> {
  if (!isObject(raw)) throw invalid('/resumeValue', 'must be an object with answers');
  const given = 'answers' in raw ? raw.answers : raw;
  let answers: Record<string, unknown>;
  if (Array.isArray(given)) {
    answers = {};
    for (const [index, item] of given.entries()) {
      if (!isObject(item) || typeof item.id !== 'string' || !('answer' in item))
        throw invalid(`/resumeValue/answers/${index}`, 'must be { id, answer }');
      answers[item.id] = item.answer;
    }
  } else if (isObject(given)) answers = { ...given };
  else throw invalid('/resumeValue/answers', 'must be a map of question id to answer, or a list of { id, answer }');
  const questions = record.data.questions as Array<{ id: string; schema?: Record<string, unknown> }>;
  const known = new Set(questions.map((question) => question.id));
  for (const id of Object.keys(answers))
    if (!known.has(id)) throw invalid(`/resumeValue/answers/${id}`, 'answers no question of this interrupt');
  for (const question of questions) {
    if (answers[question.id] === undefined) throw invalid(`/resumeValue/answers/${question.id}`, 'is required');
    if (question.schema) checkSchema(question.schema, answers[question.id], `/resumeValue/answers/${question.id}`);
  }
  return answers;
}

const validators = new Map<string, ValidateFunction>();
const ajv = createAjv({ allErrors: true });

function checkSchema(schema: Record<string, unknown>, value: unknown, path: string): void {
  const key = canonicalJson(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (validators.size >= 500) validators.delete(validators.keys().next().value!);
    validators.set(key, validate);
  }
  if (validate(value)) return;
  const issues = (validate.errors ?? []).map((error) => ({
    path: `${path}${error.instancePath}`,
    message: error.message ?? 'is invalid',
  }));
  throw new EngineValidationError(`the resume value is invalid: ${issues[0]?.path} ${issues[0]?.message}`, issues);
}

function invalid(path: string, message: string): EngineValidationError {
  return new EngineValidationError(`the resume value is invalid: ${path} ${message}`, [{ path, message }]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}

/** Whether `kind` is one this host can raise. */
export function isInterruptKind(kind: unknown): kind is InterruptKind {
  return typeof kind === 'string' && KINDS.has(kind);
}
