/** The run lifecycle as the HTTP layer sees it: create, read, list, cancel, pause, resume, and read the event log. */
import type { ValidateFunction } from 'ajv';
import { createAjv } from './json-schema.js';
import type { Clock } from './clock.js';
import {
  EngineValidationError,
  ForbiddenRequestError,
  RunConflictError,
  RunNotFoundError,
  UnprocessableRequestError,
  UnsupportedRequestError,
  type ValidationIssue,
} from './errors.js';
import type { EngineLimits, RunExecutor } from './executor.js';
import type { IdSource } from './ids.js';
import type {
  NewRun,
  Page,
  RunStatus,
  RunStore,
  StoredEvent,
  StoredRun,
  StoredWorkflow,
  WorkflowStore,
} from './ports.js';
import type { RunEventHub } from './run-events.js';
import type { ForkOrigin } from './replay.js';
import { followRun, TERMINAL_EVENT_TYPES } from './run-follower.js';
import { isTerminal, projectSnapshot, readCheckpoint, workflowOwner } from './run-state.js';
import type { Scheduler } from './scheduler.js';

/** Who asks: the tenant the API key is bound to, and whether it is a test key. */
export interface Caller {
  tenant: string;
  isTest: boolean;
  /** A safe identifier of the key (for `cancelledBy`). */
  keyId: string;
}

/** Parameters of {@link RunService.fork}. */
export interface ForkRunParams {
  mode: 'replay' | 'branch';
  fromSeq?: number | undefined;
  overlay?: { configurable?: Record<string, unknown>; tags?: string[]; metadata?: Record<string, unknown> } | undefined;
}

/** Whether a run options overlay changes nothing. */
function isEmptyOverlay(overlay: NonNullable<ForkRunParams['overlay']>): boolean {
  return Object.values(overlay).every(
    (value) =>
      value === undefined ||
      (Array.isArray(value)
        ? value.length === 0
        : typeof value === 'object' && value !== null && Object.keys(value).length === 0),
  );
}

/** Parameters of {@link RunService.create}. */
export interface CreateRunParams {
  workflowId: string;
  inputs?: Record<string, unknown>;
  configurable?: Record<string, unknown>;
  tags?: string[];
  metadata?: Record<string, unknown>;
  scopeId?: string;
  callbackUrl?: string;
  /** `X-Force-Engine-Version` (test keys only). */
  forceEngineVersion?: number;
  /** `X-Dedup: enforce`: refuse the run while another active run of the caller has the same `scopeId`. */
  dedup?: boolean;
}

/** Engine-version settings. */
export interface EngineVersionInfo {
  current: number;
  /** Range test keys may force with `X-Force-Engine-Version`; `undefined` = the seam is off. */
  forceRange?: { min: number; max: number };
}

/** Dependencies of {@link RunService}. */
export interface RunServiceOptions {
  runs: RunStore;
  workflows: WorkflowStore;
  /** Resolves a workflow id for a tenant (own or shared). */
  resolveWorkflow: (tenantId: string, workflowId: string) => Promise<StoredWorkflow | undefined>;
  executor: RunExecutor;
  scheduler: Scheduler;
  events: RunEventHub;
  clock: Clock;
  ids: IdSource;
  limits: EngineLimits;
  engineVersion: EngineVersionInfo;
  /** How often a followed run's storage is re-read without a notification (ms); see `FollowOptions.recheckMs`. */
  followRecheckMs?: number;
}

const MAX_METADATA_BYTES = 8192;
const MAX_METADATA_DEPTH = 4;
const POLL_BATCH = 1000;
/** Built-in node types that finish at once without side effects, so a run's first step may run before it is stored. */
const INLINE_NODE_TYPES: ReadonlySet<string> = new Set([
  'core.noop',
  'core.identity',
  'core.fail',
  'core.channelWrite',
  'core.delay',
]);

/** A snapshot read shared by concurrent callers (see {@link RunService.snapshot}). */
interface SharedSnapshot {
  minSequence: number;
  read: Promise<{ tenantId: string; snapshot: Record<string, unknown>; sequence: number } | undefined>;
}

/** Run operations scoped to the caller's tenant. */
export class RunService {
  readonly #o: RunServiceOptions;
  readonly #workflowCache = new Map<string, StoredWorkflow>();
  readonly #snapshots = new Map<string, SharedSnapshot>();
  readonly #schemaCache = new Map<string, ValidateFunction>();
  readonly #ajv = createAjv({ allErrors: true });

  constructor(options: RunServiceOptions) {
    this.#o = options;
  }

  /**
   * Starts a run of the caller's workflow. Returns the stored run (status `pending`), already handed to this
   * process's scheduler.
   * @throws EngineValidationError for an unknown workflow, bad inputs, configurable, tags or metadata.
   */
  async create(caller: Caller, params: CreateRunParams): Promise<StoredRun> {
    const { executor, scheduler, clock, ids } = this.#o;
    const workflow = await this.#o.resolveWorkflow(caller.tenant, params.workflowId);
    if (!workflow) {
      throw new EngineValidationError(`workflow "${params.workflowId}" does not exist`, [
        { path: '/workflowId', message: `workflow "${params.workflowId}" does not exist` },
      ]);
    }
    this.#workflowCache.set(cacheKey(workflow.tenantId, workflow.workflowId, workflow.revision), workflow);
    const inputs = params.inputs ?? {};
    const configurable = params.configurable ?? {};
    const issues = [
      ...checkInputs(workflow, inputs),
      ...this.#checkConfigurable(workflow, configurable),
      ...checkMetadata(params.metadata),
    ];
    if (issues.length > 0)
      throw new EngineValidationError(`the run options are invalid: ${issues[0]!.path} ${issues[0]!.message}`, issues);
    if (configurable.mockProvider !== undefined) {
      if (!caller.isTest)
        throw new ForbiddenRequestError('mock_provider_forbidden', 'mock providers need a test API key');
      throw new UnsupportedRequestError('unsupported_mock_provider', 'this host advertises no mock providers', {
        supported: [],
      });
    }
    const engineVersion = this.#engineVersionFor(caller, params.forceEngineVersion);
    if (params.dedup) {
      if (params.scopeId === undefined) {
        throw new EngineValidationError('X-Dedup: enforce needs a scopeId', [
          { path: '/scopeId', message: 'is required with X-Dedup: enforce' },
        ]);
      }
      await this.#refuseDuplicate(caller, params.scopeId);
    }
    const now = clock.now();
    const runId = ids.next('run');
    const tags = params.tags ?? [];
    const run: NewRun = {
      runId,
      tenantId: caller.tenant,
      workflowId: workflow.workflowId,
      workflowRevision: workflow.revision,
      status: 'pending',
      parentRunId: null,
      parentNodeId: null,
      inputs,
      options: {
        configurable,
        tags,
        metadata: params.metadata ?? {},
        ...(params.scopeId !== undefined ? { scopeId: params.scopeId } : {}),
        ...(params.callbackUrl !== undefined ? { callbackUrl: params.callbackUrl } : {}),
        workflowTenantId: workflow.tenantId,
      },
      tags,
      checkpoint: executor.initialCheckpoint(workflow, inputs) as unknown as Record<string, unknown>,
      engineVersion: String(engineVersion),
      isTest: caller.isTest,
      createdAt: now.toISOString(),
      wakeAt: null,
      leaseOwner: scheduler.owner,
      leaseExpiresAt: now.getTime() + scheduler.leaseMs,
      ...(params.dedup ? { dedupScope: params.scopeId ?? null } : {}),
    };
    try {
      return await this.#store(caller, run, workflow);
    } catch (error) {
      // A concurrent create of the same scope won the unique index: answer as if it had been seen first.
      if (params.dedup && params.scopeId !== undefined) await this.#refuseDuplicate(caller, params.scopeId);
      throw error;
    }
  }

  /** Refuses a create while an active dedup run of `scopeId` exists. @throws RunConflictError run_already_active */
  async #refuseDuplicate(caller: Caller, scopeId: string): Promise<void> {
    const active = await this.#o.runs.findActiveByDedupScope(caller.tenant, scopeId);
    if (active) {
      throw new RunConflictError('run_already_active', `run "${active.runId}" of scope "${scopeId}" is still active`, {
        activeRunId: active.runId,
        activeHost: 'cloud',
        retryAfter: 1,
      });
    }
  }

  /**
   * Stores a new run (with its first step when that can run inline, and `canRunInline`) and hands it to the
   * scheduler. Forks never run inline: their steps need the scheduler's replay sources.
   */
  async #store(caller: Caller, run: NewRun, workflow: StoredWorkflow, canRunInline = true): Promise<StoredRun> {
    const { runs, scheduler } = this.#o;
    const runId = run.runId;
    this.#o.events.track(runId, caller.tenant);
    const pending: StoredRun = {
      ...run,
      nextSequence: 0,
      error: null,
      startedAt: null,
      completedAt: null,
      leaseOwner: scheduler.owner,
      leaseExpiresAt: run.leaseExpiresAt ?? null,
    };
    const first = canRunInline ? await this.#firstStepInline(pending, workflow) : undefined;
    if (!first) {
      await runs.create(run);
      scheduler.submit(pending);
      return pending;
    }
    // The run is stored together with its first step: one commit instead of two, and nothing to wait for when the
    // step already ended the run.
    const patch = first.commit.patch;
    const released = first.terminal || first.waiting;
    const created: StoredRun = {
      ...pending,
      ...(patch as Partial<StoredRun>),
      nextSequence: first.commit.events.length,
      leaseOwner: released ? null : scheduler.owner,
      leaseExpiresAt: released ? null : pending.leaseExpiresAt,
    };
    await runs.create(
      {
        ...run,
        status: created.status,
        checkpoint: created.checkpoint,
        wakeAt: created.wakeAt,
        error: created.error,
        startedAt: created.startedAt,
        completedAt: created.completedAt,
        leaseOwner: created.leaseOwner,
        leaseExpiresAt: created.leaseExpiresAt,
      },
      first.commit.events,
    );
    this.#o.events.publish(
      runId,
      first.commit.events.map((event, sequence) => ({ ...event, runId, sequence })),
    );
    if (first.waiting) scheduler.noteWake(created.wakeAt);
    else if (!first.terminal) scheduler.submit(created);
    return created;
  }

  /**
   * Runs the first step of a new run before it is stored, when that step only involves built-in node types (which
   * finish at once and have no side effects) and starts no child run. `undefined` means: store the run pending and
   * let the scheduler execute it.
   */
  async #firstStepInline(run: StoredRun, workflow: StoredWorkflow) {
    const definition = workflow.definition as { nodes: Array<{ id: string; typeId: string }> };
    const entries = this.#o.executor.entryNodes(workflow);
    const byId = new Map(definition.nodes.map((node) => [node.id, node.typeId]));
    if (!entries.every((nodeId) => INLINE_NODE_TYPES.has(byId.get(nodeId) ?? ''))) return undefined;
    const step = await this.#o.executor.executeStep(run, workflow, new AbortController().signal, {
      loadRun: (runId) => this.#o.runs.get(runId),
      loadWorkflow: (tenantId, workflowId) => this.#o.resolveWorkflow(tenantId, workflowId),
    });
    return step.commit.insertRuns?.length || step.commit.wakeRuns?.length ? undefined : step;
  }

  /** The run snapshot. @throws RunNotFoundError */
  async get(caller: Caller, runId: string): Promise<Record<string, unknown>> {
    const run = await this.#visibleRun(caller, runId);
    return projectSnapshot(run, await this.#workflowOf(run));
  }

  /**
   * A run's snapshot with the sequence of the last event it reflects, which is at least `minSequence` (a sequence
   * the caller knows to be committed). Concurrent callers share one read, so a thousand `values` streams of one run
   * cost one read per change. @throws RunNotFoundError
   */
  async snapshot(
    caller: Caller,
    runId: string,
    minSequence = -1,
  ): Promise<{ snapshot: Record<string, unknown>; sequence: number }> {
    let entry = this.#snapshots.get(runId);
    // A read that began once `minSequence` was known committed reflects it too.
    if (entry === undefined || entry.minSequence < minSequence) {
      const read = this.#o.runs.get(runId).then(async (run) =>
        run === undefined
          ? undefined
          : {
              tenantId: run.tenantId,
              snapshot: projectSnapshot(run, await this.#workflowOf(run)),
              sequence: run.nextSequence - 1,
            },
      );
      const created = { minSequence, read };
      entry = created;
      this.#snapshots.set(runId, created);
      // Shared while the read is in flight: the readers woken by one commit ask together.
      const drop = () => {
        if (this.#snapshots.get(runId) === created) this.#snapshots.delete(runId);
      };
      read.then(drop, drop);
    }
    const shared = await entry.read;
    if (shared === undefined || shared.tenantId !== caller.tenant) throw new RunNotFoundError(runId);
    return { snapshot: shared.snapshot, sequence: shared.sequence };
  }

  /** A page of the caller's runs, newest first. */
  async list(
    caller: Caller,
    filter: { status?: RunStatus; workflowId?: string; tag?: string; limit: number; cursor?: string },
  ): Promise<Page<Record<string, unknown>>> {
    const page = await this.#o.runs.list({ tenantId: caller.tenant, ...filter });
    const items = await Promise.all(page.items.map(async (run) => projectSnapshot(run, await this.#workflowOf(run))));
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * Cancels a run (and, by cascade, its children). Already cancelled or cancelling runs answer their status.
   * @throws RunNotFoundError, RunConflictError `run_terminal` for completed or failed runs.
   */
  async cancel(
    caller: Caller,
    runId: string,
    reason: string | undefined,
  ): Promise<{ runId: string; status: 'cancelled' | 'cancelling' }> {
    const run = await this.#visibleRun(caller, runId);
    if (run.status === 'completed' || run.status === 'failed') {
      throw new RunConflictError('run_terminal', `run "${runId}" already ${run.status}`, {
        runId,
        runStatus: run.status,
      });
    }
    if (run.status === 'cancelled') return { runId, status: 'cancelled' };
    const after = await this.#o.scheduler.requestCancel(runId, {
      reason: reason ?? 'cancelled by request',
      cancelledBy: `key:${caller.keyId}`,
    });
    this.#publishNew(runId, run.nextSequence);
    // The run may have finished before the cancel took hold: then it was never cancelled.
    if (after?.status === 'completed' || after?.status === 'failed') {
      throw new RunConflictError('run_terminal', `run "${runId}" already ${after.status}`, {
        runId,
        runStatus: after.status,
      });
    }
    return { runId, status: after?.status === 'cancelled' ? 'cancelled' : 'cancelling' };
  }

  /** Cancels each run independently; every id gets a result entry in request order. */
  async bulkCancel(
    caller: Caller,
    runIds: string[],
    reason: string | undefined,
  ): Promise<
    Array<{
      runId: string;
      ok: boolean;
      status?: 'cancelled' | 'cancelling';
      error?: { error: string; code: string; message: string };
    }>
  > {
    const results = [];
    for (const runId of runIds) {
      try {
        const { status } = await this.cancel(caller, runId, reason);
        results.push({ runId, ok: true, status });
      } catch (error) {
        if (error instanceof RunNotFoundError)
          results.push({ runId, ok: false, error: { error: 'not_found', code: 'not_found', message: error.message } });
        else if (error instanceof RunConflictError)
          results.push({ runId, ok: false, error: { error: error.code, code: error.code, message: error.message } });
        else throw error;
      }
    }
    return results;
  }

  /** Operator pause. @throws RunConflictError (409, `details.runStatus`) unless the run is running or waiting. */
  async pause(
    caller: Caller,
    runId: string,
    body: { reason?: string; drainPolicy?: 'immediate' | 'drain-current-node' },
  ): Promise<{ runId: string; status: 'paused'; pausedAt: string }> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const run = await this.#visibleRun(caller, runId);
      if (this.#o.scheduler.isActive(runId)) {
        // Our worker commits step after step and the conditional commit below would keep losing to it: stop it (its
        // unfinished step re-runs on resume with the same effect keys), then read the run again.
        await this.#o.scheduler.interrupt(runId);
        continue;
      }
      if (run.status === 'paused') {
        const pausedAt = (readCheckpoint(run) as { pausedAt?: string }).pausedAt;
        throw new RunConflictError('run_not_pausable', `run "${runId}" is already paused`, {
          runId,
          runStatus: run.status,
          ...(pausedAt ? { pausedAt } : {}),
        });
      }
      if (!['pending', 'running', 'waiting-approval', 'waiting-input', 'waiting-external'].includes(run.status)) {
        throw new RunConflictError('run_not_pausable', `run "${runId}" is ${run.status} and cannot be paused`, {
          runId,
          runStatus: run.status,
        });
      }
      const pausedAt = this.#o.clock.now().toISOString();
      const drainPolicy = body.drainPolicy ?? 'drain-current-node';
      const checkpoint = { ...run.checkpoint, pausedFrom: run.status, pausedAt };
      const [events] = await this.#o.runs.commit([
        {
          runId,
          expectedNextSequence: run.nextSequence,
          expectedStatus: run.status,
          events: [this.#event(run, 'run.paused', { reason: body.reason ?? 'paused by request', drainPolicy })],
          // Paused runs hold no lease, so that a resume is picked up at once.
          patch: { status: 'paused', checkpoint, leaseOwner: null, leaseExpiresAt: null },
        },
      ]);
      if (!events) continue;
      this.#o.events.publish(runId, events);
      return { runId, status: 'paused', pausedAt };
    }
    throw new RunConflictError('run_busy', `run "${runId}" kept changing; try again`, { runId });
  }

  /** Resumes an operator-paused run. @throws RunConflictError when the run is not paused. */
  async resume(
    caller: Caller,
    runId: string,
    body: { reason?: string },
  ): Promise<{ runId: string; status: 'running'; resumedAt: string }> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const run = await this.#visibleRun(caller, runId);
      if (run.status !== 'paused')
        throw new RunConflictError('run_not_paused', `run "${runId}" is ${run.status}, not paused`, {
          runId,
          runStatus: run.status,
        });
      const stored = readCheckpoint(run) as { pausedFrom?: RunStatus };
      const resumedAt = this.#o.clock.now().toISOString();
      const { pausedFrom, pausedAt, ...checkpoint } = run.checkpoint as { pausedFrom?: RunStatus; pausedAt?: string };
      void pausedAt;
      const [events] = await this.#o.runs.commit([
        {
          runId,
          expectedNextSequence: run.nextSequence,
          expectedStatus: 'paused',
          events: [this.#event(run, 'run.resumed', { reason: body.reason ?? 'resumed by request' })],
          // A run paused while suspended resumes as `running`: its next step finds the interrupt still pending and
          // sets the waiting status and the interrupt's deadline again (`wakeAt: null` here would lose the deadline).
          patch: { status: resumedStatus(pausedFrom ?? stored.pausedFrom), checkpoint, wakeAt: null },
        },
      ]);
      if (!events) continue;
      this.#o.events.publish(runId, events);
      this.#o.scheduler.poke();
      return { runId, status: 'running', resumedAt };
    }
    throw new RunConflictError('run_busy', `run "${runId}" kept changing; try again`, { runId });
  }

  /**
   * Events after `lastSequence` (all when undefined), waiting up to `timeoutMs` for new ones.
   * `isComplete` is true once the run is terminal and the caller has its last event.
   */
  async poll(
    caller: Caller,
    runId: string,
    lastSequence: number | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<{ events: StoredEvent[]; isComplete: boolean }> {
    const after = lastSequence ?? -1;
    const recent = this.#o.events.recent(runId, caller.tenant, after);
    if (recent) return recent;
    const deadline = this.#o.clock.now().getTime() + timeoutMs;
    // Watched before storage is read, so a commit landing between the read and the wait still wakes the poll.
    const watch = this.#o.events.watch(runId);
    try {
      for (;;) {
        const run = await this.#visibleRun(caller, runId);
        const events = await this.#o.runs.readEvents(runId, after, POLL_BATCH);
        const lastKnown = events.length > 0 ? events[events.length - 1]!.sequence : after;
        // The run may end between reading it and reading its log, so a batch carrying the terminal event completes too.
        const isComplete =
          events.some((event) => TERMINAL_EVENT_TYPES.has(event.type)) ||
          (isTerminal(run.status) && lastKnown >= run.nextSequence - 1);
        const remaining = deadline - this.#o.clock.now().getTime();
        if (events.length > 0 || isComplete || remaining <= 0 || signal?.aborted) return { events, isComplete };
        // Wake on a commit at once (other processes' too, on PostgreSQL); re-read storage twice a second regardless.
        await watch.next(Math.min(remaining, 500), signal);
      }
    } finally {
      watch.close();
    }
  }

  /**
   * Follows a run's log after `afterSequence` (`-1` for all): batches of events in order, each once, ending after the
   * terminal event or when `signal` aborts. With `onLive`, batches published while the reader waits go to it
   * synchronously instead (see `FollowOptions.onLive`). Visibility is checked before this resolves.
   * @throws RunNotFoundError
   */
  async follow(
    caller: Caller,
    runId: string,
    afterSequence: number,
    signal: AbortSignal,
    onLive?: (events: StoredEvent[]) => void,
  ): Promise<AsyncGenerator<StoredEvent[], void, undefined>> {
    await this.#visibleRun(caller, runId);
    return followRun({ runs: this.#o.runs, events: this.#o.events, tenantId: caller.tenant }, runId, {
      afterSequence,
      signal,
      onLive,
      ...(this.#o.followRecheckMs !== undefined ? { recheckMs: this.#o.followRecheckMs } : {}),
    });
  }

  /**
   * The sequence a resume point names: a decimal sequence, or the `eventId` of one of the run's events.
   * @throws RunNotFoundError, EngineValidationError when it names neither
   */
  async resolveResumePoint(caller: Caller, runId: string, lastEventId: string): Promise<number> {
    await this.#visibleRun(caller, runId);
    const trimmed = lastEventId.trim();
    if (/^\d{1,15}$/.test(trimmed)) return Number(trimmed);
    const sequence = await this.#o.runs.findEventSequence(runId, trimmed);
    if (sequence === undefined) {
      throw new EngineValidationError(
        `Last-Event-ID "${lastEventId}" is neither an event sequence nor the id of an event of run "${runId}"`,
        [
          {
            location: 'header',
            path: '/Last-Event-ID',
            message: 'must be a sequence number or an event id of the run',
          },
        ],
      );
    }
    return sequence;
  }

  /** A run's event log after `afterSequence` (the whole log by default), in order. @throws RunNotFoundError */
  async readLog(caller: Caller, runId: string, afterSequence = -1): Promise<StoredEvent[]> {
    await this.#visibleRun(caller, runId);
    const events: StoredEvent[] = [];
    for (let cursor = afterSequence; ;) {
      const batch = await this.#o.runs.readEvents(runId, cursor, POLL_BATCH);
      events.push(...batch);
      if (batch.length < POLL_BATCH) return events;
      cursor = batch[batch.length - 1]!.sequence;
    }
  }

  /**
   * Forks a run: a new run of the source's workflow revision, inputs and options (with `overlay` applied, `branch`
   * only) that executes from the start and reuses the source's recorded outcomes as `ReplaySource` decides: fixed
   * history below `fromSeq`, and in `replay` mode never a second run of a side-effecting node.
   * @throws RunNotFoundError, EngineValidationError, UnprocessableRequestError `fork_point_invalid`
   */
  async fork(caller: Caller, sourceRunId: string, params: ForkRunParams): Promise<{ run: StoredRun; fromSeq: number }> {
    const { scheduler, clock, ids, executor } = this.#o;
    const source = await this.#visibleRun(caller, sourceRunId);
    const overlay = params.overlay ?? {};
    if (params.mode === 'replay' && !isEmptyOverlay(overlay)) {
      throw new EngineValidationError(
        'a replay fork re-executes the source as it was: runOptionsOverlay must be empty',
        [{ path: '/runOptionsOverlay', message: 'must be absent or empty when mode is replay' }],
      );
    }
    if (params.mode === 'branch' && params.fromSeq === undefined) {
      throw new EngineValidationError('a branch fork needs fromSeq', [
        { path: '/fromSeq', message: 'is required when mode is branch' },
      ]);
    }
    const fromSeq = params.fromSeq ?? 0;
    const lastSequence = source.nextSequence - 1;
    if (fromSeq > lastSequence) {
      throw new UnprocessableRequestError(
        'fork_point_invalid',
        `run "${sourceRunId}" has no event ${fromSeq}; its log ends at ${lastSequence}`,
        { sourceRunId, fromSeq, lastSequence },
      );
    }
    const workflow = await this.#workflowOf(source);
    if (!workflow) throw new RunNotFoundError(sourceRunId);
    const sourceOptions = source.options as {
      configurable?: Record<string, unknown>;
      metadata?: Record<string, unknown>;
      workflowTenantId?: string;
    };
    const configurable = { ...sourceOptions.configurable, ...overlay.configurable };
    const issues = [...this.#checkConfigurable(workflow, configurable), ...checkMetadata(overlay.metadata)];
    if (issues.length > 0) {
      throw new EngineValidationError(
        `the run options overlay is invalid: ${issues[0]!.path} ${issues[0]!.message}`,
        issues,
      );
    }
    const now = clock.now();
    const tags = overlay.tags ?? source.tags;
    const run: NewRun = {
      runId: ids.next('run'),
      tenantId: source.tenantId,
      workflowId: source.workflowId,
      workflowRevision: source.workflowRevision,
      status: 'pending',
      parentRunId: null,
      parentNodeId: null,
      inputs: source.inputs,
      options: {
        configurable,
        tags,
        metadata: overlay.metadata ?? sourceOptions.metadata ?? {},
        ...(sourceOptions.workflowTenantId !== undefined ? { workflowTenantId: sourceOptions.workflowTenantId } : {}),
        fork: { sourceRunId, fromSeq, mode: params.mode } satisfies ForkOrigin,
      },
      tags,
      checkpoint: executor.initialCheckpoint(workflow, source.inputs) as unknown as Record<string, unknown>,
      engineVersion: source.engineVersion,
      isTest: source.isTest,
      createdAt: now.toISOString(),
      wakeAt: null,
      leaseOwner: scheduler.owner,
      leaseExpiresAt: now.getTime() + scheduler.leaseMs,
    };
    return { run: await this.#store(caller, run, workflow, false), fromSeq };
  }

  async #visibleRun(caller: Caller, runId: string): Promise<StoredRun> {
    const run = await this.#o.runs.get(runId);
    if (!run || run.tenantId !== caller.tenant) throw new RunNotFoundError(runId);
    return run;
  }

  async #workflowOf(run: StoredRun): Promise<StoredWorkflow | undefined> {
    const owner = workflowOwner(run);
    const key = cacheKey(owner, run.workflowId, run.workflowRevision);
    let workflow = this.#workflowCache.get(key);
    if (!workflow) {
      workflow = await this.#o.workflows.get(owner, run.workflowId, run.workflowRevision);
      if (workflow) this.#workflowCache.set(key, workflow);
    }
    return workflow;
  }

  #checkConfigurable(workflow: StoredWorkflow, configurable: Record<string, unknown>): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const schema = (workflow.definition as { configurableSchema?: Record<string, unknown> }).configurableSchema;
    if (schema) {
      const key = `${workflow.tenantId}\u0000${workflow.workflowId}\u0000${workflow.revision}`;
      let validate = this.#schemaCache.get(key);
      if (!validate) {
        validate = this.#ajv.compile(schema);
        this.#schemaCache.set(key, validate);
      }
      if (!validate(configurable)) {
        for (const error of validate.errors ?? []) {
          const extra =
            (error.params as { additionalProperty?: string; missingProperty?: string }).additionalProperty ??
            (error.params as { missingProperty?: string }).missingProperty;
          issues.push({
            path: `/configurable${error.instancePath}${extra ? `/${extra}` : ''}`,
            message: error.message ?? 'is invalid',
          });
        }
      }
    }
    const { recursionLimit, runTimeoutMs, temperature } = configurable;
    if (
      recursionLimit !== undefined &&
      (typeof recursionLimit !== 'number' || !Number.isInteger(recursionLimit) || recursionLimit < 1)
    ) {
      issues.push({ path: '/configurable/recursionLimit', message: 'must be an integer of at least 1' });
    }
    if (
      runTimeoutMs !== undefined &&
      (typeof runTimeoutMs !== 'number' || runTimeoutMs <= 0 || runTimeoutMs > this.#o.limits.maxRunDurationMs)
    ) {
      issues.push({
        path: '/configurable/runTimeoutMs',
        message: `must be a number between 1 and ${this.#o.limits.maxRunDurationMs}`,
      });
    }
    if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2)) {
      issues.push({ path: '/configurable/temperature', message: 'must be a number between 0 and 2' });
    }
    return issues;
  }

  #engineVersionFor(caller: Caller, forced: number | undefined): number {
    const { current, forceRange } = this.#o.engineVersion;
    if (forced === undefined) return current;
    if (!caller.isTest)
      throw new ForbiddenRequestError('force_engine_version_forbidden', 'X-Force-Engine-Version needs a test API key');
    if (!forceRange || forced < forceRange.min || forced > forceRange.max) {
      throw new UnsupportedRequestError(
        'unsupported_force_engine_version',
        `engine version ${forced} cannot be forced on this host`,
        {
          ...(forceRange ? { supported: forceRange } : {}),
        },
      );
    }
    return forced;
  }

  #event(run: StoredRun, type: string, payload: unknown): Omit<StoredEvent, 'sequence' | 'runId'> {
    const last = (run.checkpoint as { lastEventId?: string }).lastEventId;
    return {
      eventId: this.#o.ids.next('evt'),
      type,
      payload,
      timestamp: this.#o.clock.now().toISOString(),
      schemaVersion: 1,
      engineVersion: run.engineVersion,
      ...(last ? { causationId: last } : {}),
    };
  }

  /** Publishes events committed by the scheduler on another path (cancel) that local readers may wait for. */
  #publishNew(runId: string, fromSequence: number): void {
    void this.#o.runs.readEvents(runId, fromSequence - 1, POLL_BATCH).then(
      (events) => this.#o.events.publish(runId, events),
      () => undefined,
    );
  }
}

/** The status a paused run resumes with: `running` unless it was still pending. */
function resumedStatus(pausedFrom: RunStatus | undefined): RunStatus {
  return pausedFrom === 'pending' ? 'pending' : 'running';
}

function cacheKey(tenantId: string, workflowId: string, revision: number): string {
  return `${tenantId}\u0000${workflowId}\u0000${revision}`;
}

const JSON_TYPES: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  boolean: (value) => typeof value === 'boolean',
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  array: (value) => Array.isArray(value),
};

/** Required inputs are present and inputs match their declared JSON type (`format` is advisory and never checked). */
function checkInputs(workflow: StoredWorkflow, inputs: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const variables =
    (
      workflow.definition as {
        variables?: Array<{ name: string; type: string; required?: boolean; defaultValue?: unknown }>;
      }
    ).variables ?? [];
  for (const variable of variables) {
    const value = inputs[variable.name];
    if (value === undefined) {
      if (variable.required && variable.defaultValue === undefined)
        issues.push({ path: `/inputs/${variable.name}`, message: 'is required' });
      continue;
    }
    const check = JSON_TYPES[variable.type];
    if (check && !check(value)) issues.push({ path: `/inputs/${variable.name}`, message: `must be ${variable.type}` });
  }
  return issues;
}

function checkMetadata(metadata: Record<string, unknown> | undefined): ValidationIssue[] {
  if (metadata === undefined) return [];
  if (Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES)
    return [{ path: '/metadata', message: `must serialize to at most ${MAX_METADATA_BYTES} bytes` }];
  const depth = (value: unknown): number =>
    value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0;
  return depth(metadata) > MAX_METADATA_DEPTH
    ? [{ path: '/metadata', message: `must nest at most ${MAX_METADATA_DEPTH} levels` }]
    : [];
}
