/** Resolving interrupts: validates a resume value against the pending interrupt and commits the answer. */
import type { Clock } from './clock.js';
import {
  EngineValidationError,
  ForbiddenRequestError,
  InterruptClosedError,
  InterruptNotFoundError,
  RunConflictError,
  RunNotFoundError,
} from './errors.js';
import type { InterruptTokenClaims, InterruptTokens } from './interrupt-tokens.js';
import type { IdSource } from './ids.js';
import { interpretResume, type EventSketch } from './interrupts.js';
import type { RunCommit, RunStatus, RunStore, StoredEvent, StoredRun } from './ports.js';
import type { RunEventHub } from './run-events.js';
import type { Caller } from './run-service.js';
import { isTerminal, readCheckpoint, WAITING_STATUSES, type InterruptRecord, type RunCheckpoint } from './run-state.js';
import type { Scheduler } from './scheduler.js';

/** Dependencies of {@link InterruptService}. */
export interface InterruptServiceOptions {
  runs: RunStore;
  scheduler: Scheduler;
  events: RunEventHub;
  clock: Clock;
  ids: IdSource;
  tokens: InterruptTokens;
  /** How long a minted token works (ms), capped at the interrupt's deadline; the spec's default is 30 minutes. */
  tokenLifetimeMs: number;
}

/** An interrupt as `inspectInterruptByToken` shows it. */
export interface InterruptView {
  runId: string;
  nodeId: string;
  interruptId: string;
  kind: InterruptRecord['kind'];
  key: string;
  data: Record<string, unknown>;
  requestedAt: string;
  expiresAt: string;
  canResolve: boolean;
}

/** The resolve surface: run-scoped with an API key, or a signed token; their answers after a cancel differ. */
type Surface = 'run' | 'token';

/** What a successful resolve answers. */
export interface ResolveInterruptOutcome {
  runId: string;
  nodeId: string;
  /** The run's status after the resolve (`running` once resolved; unchanged while a vote or `ask` keeps it waiting). */
  status: RunStatus;
}

// Each lost race re-reads the run; only a commit that changed the interrupt itself ends the loop with a conflict.
const MAX_ATTEMPTS = 20;

/** Resolves the interrupts of the caller's runs. */
export class InterruptService {
  readonly #o: InterruptServiceOptions;

  constructor(options: InterruptServiceOptions) {
    this.#o = options;
  }

  /**
   * Delivers `resumeValue` to the interrupt pending at `nodeId`. Exactly one of several concurrent resolves wins:
   * each commits conditionally on the run's sequence and status, and a loser that finds the interrupt closed when it
   * reads the run again gets `interrupt_already_resolved`.
   * @throws RunNotFoundError, InterruptNotFoundError (404), InterruptClosedError (409/410/422),
   * EngineValidationError (400), UnprocessableRequestError (422)
   */
  resolveByRun(caller: Caller, runId: string, nodeId: string, resumeValue: unknown): Promise<ResolveInterruptOutcome> {
    return this.#resolve(runId, nodeId, resumeValue, {
      surface: 'run',
      resolvedBy: `key:${caller.keyId}`,
      tenant: caller.tenant,
    });
  }

  /**
   * The pending interrupt a signed token names, as `inspectInterruptByToken` shows it.
   * @throws InterruptNotFoundError (404) for a token that does not parse, verify or name an interrupt;
   * InterruptClosedError `interrupt_expired` (410) or `interrupt_already_resolved` (409)
   */
  async inspectByToken(token: string): Promise<InterruptView> {
    const claims = this.#verify(token);
    const run = await this.#o.runs.get(claims.runId);
    const record = this.#tokenRecord(run, claims);
    checkOpen(run!, readCheckpoint(run!), claims.nodeId, record, this.#o.clock.now().getTime(), 'token');
    return {
      runId: claims.runId,
      nodeId: claims.nodeId,
      interruptId: record.interruptId,
      kind: record.kind,
      key: record.key,
      data: record.data,
      requestedAt: record.requestedAt,
      expiresAt: new Date(claims.expiresAt).toISOString(),
      canResolve: claims.intent === 'resolve',
    };
  }

  /**
   * Resolves the interrupt a signed token names. The token is checked before the body: a bad token answers 404
   * whatever was sent. An inspect-only token, or an interrupt that requires an authenticated resolve, is refused.
   * @throws as {@link InterruptService.inspectByToken}, plus ForbiddenRequestError (403), EngineValidationError (400)
   * for a body without `resumeValue`, and the errors of {@link InterruptService.resolveByRun}
   */
  async resolveByToken(token: string, body: unknown): Promise<ResolveInterruptOutcome> {
    const claims = this.#verify(token);
    const run = await this.#o.runs.get(claims.runId);
    const record = this.#tokenRecord(run, claims);
    if (claims.intent !== 'resolve') throw new ForbiddenRequestError('forbidden', 'this token may only inspect');
    if (record.data.profile === 'openwop-interrupt-auth-required')
      throw new ForbiddenRequestError(
        'auth_elevation_required',
        'this interrupt must be resolved with an API key (POST /v1/runs/{runId}/interrupts/{nodeId})',
      );
    if (typeof body !== 'object' || body === null || !('resumeValue' in body))
      throw new EngineValidationError('the request body needs resumeValue', [
        { path: '/resumeValue', message: 'is required' },
      ]);
    const extra = Object.keys(body).find((key) => key !== 'resumeValue');
    if (extra !== undefined)
      throw new EngineValidationError(`the request body has an unknown property "${extra}"`, [
        { path: `/${extra}`, message: 'is not allowed' },
      ]);
    return this.#resolve(claims.runId, claims.nodeId, (body as { resumeValue: unknown }).resumeValue, {
      surface: 'token',
      resolvedBy: 'signed-token',
      interruptId: claims.interruptId,
    });
  }

  /**
   * The snapshot with signed tokens for its pending interrupt (`interrupt.interruptToken`, `inspectToken` and
   * `callbackUrl`); `baseUrl` makes the callback URL absolute. Tokens expire after the token lifetime, and never
   * after the interrupt's own deadline.
   */
  withTokens(snapshot: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
    const interrupt = snapshot.interrupt as { nodeId: string; interruptId: string; expiresAt?: string } | undefined;
    if (!interrupt) return snapshot;
    const deadline = interrupt.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(interrupt.expiresAt);
    const expiresAt = Math.min(this.#o.clock.now().getTime() + this.#o.tokenLifetimeMs, deadline);
    const claims = { runId: snapshot.runId as string, nodeId: interrupt.nodeId, interruptId: interrupt.interruptId };
    const interruptToken = this.#o.tokens.mint({ ...claims, intent: 'resolve', expiresAt });
    return {
      ...snapshot,
      interrupt: {
        ...interrupt,
        interruptToken,
        inspectToken: this.#o.tokens.mint({ ...claims, intent: 'inspect', expiresAt }),
        callbackUrl: `${baseUrl}/v1/interrupts/${interruptToken}`,
        tokenExpiresAt: new Date(expiresAt).toISOString(),
      },
    };
  }

  #verify(token: string): InterruptTokenClaims {
    const claims = this.#o.tokens.verify(token, this.#o.clock.now().getTime());
    if (claims === 'malformed') throw new InterruptNotFoundError(undefined, undefined, 'no interrupt has this token');
    if (claims === 'expired') throw new InterruptClosedError('interrupt_expired', 'the interrupt token expired', {});
    return claims;
  }

  #tokenRecord(run: StoredRun | undefined, claims: InterruptTokenClaims): InterruptRecord {
    const record = run
      ? readCheckpoint(run).nodes[claims.nodeId]?.interrupts?.find((r) => r.interruptId === claims.interruptId)
      : undefined;
    if (!run || !record) throw new InterruptNotFoundError(claims.runId, claims.nodeId, 'no interrupt has this token');
    return record;
  }

  async #resolve(
    runId: string,
    nodeId: string,
    resumeValue: unknown,
    via: { surface: Surface; resolvedBy: string; tenant?: string; interruptId?: string },
  ): Promise<ResolveInterruptOutcome> {
    const { runs, clock } = this.#o;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const run = await runs.get(runId);
      if (!run || (via.tenant !== undefined && run.tenantId !== via.tenant)) throw new RunNotFoundError(runId);
      const checkpoint = readCheckpoint(run);
      const record = checkpoint.nodes[nodeId]?.interrupts?.at(-1);
      if (!record) throw new InterruptNotFoundError(runId, nodeId);
      const now = clock.now();
      // A token names one interrupt: once the node raised another, that token is spent.
      if (via.interruptId !== undefined && record.interruptId !== via.interruptId)
        throw new InterruptClosedError('interrupt_already_resolved', 'the interrupt of this token is resolved', {
          runId,
          nodeId,
        });
      checkOpen(run, checkpoint, nodeId, record, now.getTime(), via.surface);
      const decision = interpretResume(record, resumeValue, {
        runId,
        nodeId,
        resolvedBy: via.resolvedBy,
        now: now.toISOString(),
      });
      const next = structuredClone(checkpoint);
      const nextRecord = next.nodes[nodeId]!.interrupts!.at(-1)!;
      const sketches: EventSketch[] = [...decision.events];
      let status = run.status;
      if (decision.kind === 'resolve') {
        nextRecord.status = 'resolved';
        nextRecord.resumeValue = decision.value;
        nextRecord.resolvedAt = now.toISOString();
        nextRecord.resolvedBy = via.resolvedBy;
        sketches.push({
          type: 'node.resumed',
          payload: { nodeId, interruptId: record.interruptId, resumeValue: decision.value },
        });
        // A paused run stays paused: its resume continues the node.
        if (WAITING_STATUSES.has(run.status)) status = 'running';
      } else {
        if (decision.votes) nextRecord.votes = decision.votes;
        if (decision.ask) {
          const name = `_askExchanges:${nodeId}`;
          const previous = next.inputs[name];
          next.inputs[name] = [...(Array.isArray(previous) ? previous : []), decision.ask];
          sketches.push({ type: 'variable.changed', payload: { name, previous, next: next.inputs[name], nodeId } });
        }
      }
      const commit: RunCommit = {
        runId,
        expectedNextSequence: run.nextSequence,
        expectedStatus: run.status,
        events: this.#draft(run, next, nodeId, sketches, now.toISOString()),
        patch: {
          checkpoint: next as unknown as Record<string, unknown>,
          ...(status !== run.status ? { status, wakeAt: null } : {}),
        },
        // The parent mirrors this run's waiting status: wake it to show `running` again.
        ...(status !== run.status && run.parentRunId
          ? { wakeRuns: [{ runId: run.parentRunId, wakeAt: now.getTime() }] }
          : {}),
      };
      const [committed] = await runs.commit([commit]);
      if (!committed) continue;
      this.#o.events.publish(runId, committed);
      if (status === 'running') this.#o.scheduler.poke();
      return { runId, nodeId, status };
    }
    throw new RunConflictError('run_busy', `run "${runId}" kept changing; try again`, { runId });
  }

  /** Fills in the envelope of each event, chaining causation from the run's last event. */
  #draft(
    run: StoredRun,
    checkpoint: RunCheckpoint,
    nodeId: string,
    sketches: EventSketch[],
    timestamp: string,
  ): Array<Omit<StoredEvent, 'sequence' | 'runId'>> {
    return sketches.map((sketch) => {
      const eventId = this.#o.ids.next('evt');
      const causationId = checkpoint.lastEventId;
      checkpoint.lastEventId = eventId;
      return {
        eventId,
        type: sketch.type,
        payload: sketch.payload,
        timestamp,
        schemaVersion: 1,
        engineVersion: run.engineVersion,
        nodeId,
        ...(causationId !== undefined ? { causationId } : {}),
      };
    });
  }
}

/** Throws when the interrupt can no longer be resolved, with the answer interrupts.md §4.3 and §10 give. */
function checkOpen(
  run: StoredRun,
  checkpoint: RunCheckpoint,
  nodeId: string,
  record: InterruptRecord,
  nowMs: number,
  surface: Surface,
): void {
  const details = { runId: run.runId, nodeId, interruptId: record.interruptId };
  // A token is invalidated by the cancel like by a resolve (RFC 0093): 409 on that surface.
  if (surface === 'token' && (run.status === 'cancelled' || run.status === 'cancelling'))
    throw new InterruptClosedError('interrupt_already_resolved', `run "${run.runId}" was cancelled`, details);
  if (run.status === 'cancelled' || run.status === 'cancelling') {
    const cancel = (checkpoint as { cancel?: { parentRunId?: string } }).cancel;
    if (cancel?.parentRunId) {
      throw new InterruptClosedError(
        'interrupt_gone',
        `the interrupt at "${nodeId}" was invalidated when parent run "${cancel.parentRunId}" was cancelled`,
        { ...details, parentRunId: cancel.parentRunId },
      );
    }
    throw new InterruptClosedError('interrupt_cancelled', `run "${run.runId}" was cancelled`, details);
  }
  const timedOut = record.status === 'timed-out' || (record.deadline !== undefined && record.deadline <= nowMs);
  if (timedOut) {
    throw new InterruptClosedError('interrupt_already_resolved', `the interrupt at "${nodeId}" timed out`, {
      ...details,
      reason: 'timeout',
    });
  }
  if (record.status !== 'pending' || checkpoint.nodes[nodeId]?.status !== 'waiting-interrupt' || isTerminal(run.status))
    throw new InterruptClosedError(
      'interrupt_already_resolved',
      `the interrupt at "${nodeId}" is already resolved`,
      details,
    );
}
