/**
 * Executes one super-step of a run: every activated node runs concurrently, their writes merge through the channel
 * reducers, and the result — events plus the next checkpoint — is returned as one atomic commit.
 */
import type { Clock } from './clock.js';
import { forkOriginOf, type ForkOrigin, type ReplaySource } from './replay.js';
import { evaluateCondition, evaluateExpression } from './edge-conditions.js';
import { analyzeGraph, joinReady } from './graph.js';
import type { IdSource } from './ids.js';
import { normalizeInterruptRequest, requestEvents, timeoutEvents } from './interrupts.js';
import {
  InterruptCancelledError,
  InterruptTimeoutError,
  NodeFailure,
  readSuspension,
  suspension,
  type ChannelWriteOptions,
  type InterruptRequest,
  type NodeContext,
  type NodeImplementation,
  type NodeResume,
} from './nodes/node-types.js';
import type { NewRun, RunCommit, RunStatus, StoredEvent, StoredRun, StoredWorkflow } from './ports.js';
import { applyWrite, type ChannelDeclarationLike } from './reducers.js';
import {
  initialCheckpoint,
  pendingInterrupt,
  projectVariables,
  readCheckpoint,
  WAITING_STATUSES,
  waitingStatusOf,
  type InterruptRecord,
  type NodeRuntimeState,
  type RunCheckpoint,
  type RunErrorShape,
} from './run-state.js';
import type { Logger } from '../logger.js';

/** Hard limits the engine enforces (advertised in discovery). */
export interface EngineLimits {
  /** Ceiling and default of `configurable.recursionLimit`. */
  maxNodeExecutions: number;
  /** Ceiling of `configurable.runTimeoutMs`. */
  maxRunDurationMs: number;
}

/** Dependencies of the executor. */
export interface ExecutorOptions {
  nodes: Readonly<Record<string, NodeImplementation>>;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  limits: EngineLimits;
}

type EventDraft = Omit<StoredEvent, 'sequence' | 'runId'>;

interface WorkflowShape {
  nodes: Array<{
    id: string;
    typeId: string;
    config?: Record<string, unknown>;
    inputs?: Record<string, PortValue>;
    disabled?: boolean;
  }>;
  edges: Array<{ id: string; sourceNodeId: string; targetNodeId: string; condition?: unknown; triggerRule?: string }>;
  channels?: Record<string, ChannelDeclarationLike>;
  variables?: Array<{ name: string; defaultValue?: unknown }>;
  settings?: { maxLoopbackIterations?: number };
}

type PortValue =
  | { type: 'static'; value: unknown }
  | { type: 'expression'; expression: string }
  | { type: 'connection'; nodeId: string; outputKey: string; optional?: boolean }
  | { type: 'variable'; variableName: string; optional?: boolean };

/** Everything a step changed, ready to commit, plus what the caller must do afterwards. */
export interface StepResult {
  commit: RunCommit;
  /** The run reached a terminal status with this commit. */
  terminal: boolean;
  /** The run now waits (timer, child) and should be released; `wakeAt` is when to look again, if known. */
  waiting: boolean;
  /** Child runs this commit creates (start them once it is committed). */
  startedChildren: string[];
}

/** Reads other runs and workflows during a step (child runs of `core.subWorkflow`). */
export interface StepLookup {
  loadRun(runId: string): Promise<StoredRun | undefined>;
  /** The latest revision of a workflow of the run's tenant. */
  loadWorkflow(tenantId: string, workflowId: string): Promise<StoredWorkflow | undefined>;
  /** The recorded executions a fork reuses; required to execute forked runs. */
  replaySource?(origin: ForkOrigin): Promise<ReplaySource>;
}

/** Error of a failed run or node. */
function toRunError(error: unknown): RunErrorShape {
  if (error instanceof NodeFailure) {
    return {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      retryable: error.retryable,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'node_failed', message: message || 'the node failed', retryable: false };
}

/** Runs the steps of runs. Holds no state between calls: everything lives in the run's checkpoint. */
export class RunExecutor {
  readonly #options: ExecutorOptions;

  constructor(options: ExecutorOptions) {
    this.#options = options;
  }

  /** The checkpoint a new run starts with (inputs with variable defaults, channel defaults). */
  initialCheckpoint(workflow: StoredWorkflow, inputs: Record<string, unknown>): RunCheckpoint {
    const definition = workflow.definition as unknown as WorkflowShape;
    const withDefaults: Record<string, unknown> = {};
    for (const variable of definition.variables ?? []) {
      if (variable.defaultValue !== undefined) withDefaults[variable.name] = variable.defaultValue;
    }
    Object.assign(withDefaults, inputs);
    const channels: Record<string, unknown> = {};
    for (const [name, declaration] of Object.entries(definition.channels ?? {})) {
      channels[name] = declaration.default ?? emptyChannelValue(declaration.reducer);
    }
    return initialCheckpoint(withDefaults, channels);
  }

  /** The nodes a run of `workflow` starts with. */
  entryNodes(workflow: StoredWorkflow): string[] {
    return graphOf(workflow).entryNodes;
  }

  /**
   * Executes the next step of `run` (status `pending` or `running`). `loadRun` reads child runs.
   * The returned commit is conditional on the run's current `nextSequence`.
   */
  async executeStep(
    run: StoredRun,
    workflow: StoredWorkflow,
    signal: AbortSignal,
    lookup: StepLookup,
  ): Promise<StepResult> {
    const loadRun = lookup.loadRun;
    const { clock, ids } = this.#options;
    const fork = forkOriginOf(run);
    if (fork && !lookup.replaySource) throw new Error(`run "${run.runId}" is a fork, but no replay source was given`);
    const replay = fork ? await lookup.replaySource!(fork) : undefined;
    const definition = workflow.definition as unknown as WorkflowShape;
    const graph = graphOf(workflow);
    const checkpoint = structuredClone(readCheckpoint(run));
    const nowMs = clock.now().getTime();
    const nowIso = new Date(nowMs).toISOString();
    const events: EventDraft[] = [];
    const emit = (type: string, payload: unknown, extra: { nodeId?: string; causationId?: string } = {}): string =>
      (checkpoint.lastEventId = draftEvent(events, ids, run, nowIso, type, payload, extra));
    const options = run.options as { configurable?: Record<string, unknown> };
    const configurable = options.configurable ?? {};
    const patch: RunCommit['patch'] = {};
    const insertRuns: NewRun[] = [];
    const startedChildren: string[] = [];
    const nodesById = new Map(definition.nodes.map((node) => [node.id, node]));

    // Start of the run.
    if (run.status === 'pending') {
      const startedId = emit('run.started', {
        workflowId: run.workflowId,
        inputs: run.inputs,
        transport: 'rest',
        engineVersion: run.engineVersion,
        owner: { tenant: run.tenantId },
        tags: run.tags,
        metadata: (run.options as { metadata?: unknown }).metadata ?? {},
        ...(run.parentRunId ? { parentRunId: run.parentRunId } : {}),
      });
      patch.status = 'running';
      patch.startedAt = nowIso;
      checkpoint.startedAtMs = nowMs;
      checkpoint.ready = graph.entryNodes.map((nodeId) => ({ nodeId, causationId: startedId }));
    }
    const startedAtMs = checkpoint.startedAtMs ?? nowMs;

    const fail = (
      error: RunErrorShape,
      failedNodeId: string | undefined,
      causationId: string | undefined,
    ): StepResult => {
      emit(
        'run.failed',
        {
          error,
          ...(failedNodeId ? { failedNodeId } : {}),
          durationMs: replay ? replay.durationMs(nowMs - startedAtMs) : nowMs - startedAtMs,
        },
        causationId ? { causationId } : {},
      );
      return this.#finish(
        run,
        checkpoint,
        events,
        { ...patch, status: 'failed', error: error as never, completedAt: nowIso, wakeAt: null },
        insertRuns,
        startedChildren,
      );
    };

    // Run-duration limit.
    const timeoutMs = effectiveTimeout(configurable, this.#options.limits);
    if (nowMs - startedAtMs > timeoutMs) {
      const breachId = emit('cap.breached', { kind: 'run-duration', limit: timeoutMs, observed: nowMs - startedAtMs });
      for (const [nodeId, state] of Object.entries(checkpoint.nodes)) {
        if (isWaiting(state) || state.status === 'running') {
          cancelNodeState(state);
          emit('node.cancelled', { nodeId, reason: 'run_timeout' }, { nodeId, causationId: breachId });
        }
      }
      return fail(
        { code: 'run_timeout', message: `the run exceeded its ${timeoutMs} ms time limit` },
        undefined,
        breachId,
      );
    }

    // What runs this step: fresh activations, due timers, finished children.
    interface Job {
      nodeId: string;
      resume: NodeResume | undefined;
      causationId: string | undefined;
      fresh: boolean;
    }
    const jobs: Job[] = [];
    const childStatuses = new Map<string, RunStatus>();
    for (const [nodeId, state] of Object.entries(checkpoint.nodes)) {
      if (state.status === 'sleeping' && state.wakeAt !== undefined && state.wakeAt <= nowMs) {
        jobs.push({ nodeId, resume: { kind: 'timer' }, causationId: state.startedEventId, fresh: false });
      } else if (state.status === 'waiting-interrupt') {
        const record = state.interrupts?.at(-1);
        if (!record) continue;
        let cause = state.startedEventId;
        if (record.status === 'pending') {
          if (record.deadline === undefined || record.deadline > nowMs) continue;
          // The deadline passed unanswered: record the timeout durably in this step's commit, then re-invoke.
          record.status = 'timed-out';
          record.resolvedAt = nowIso;
          for (const event of timeoutEvents(record, { runId: run.runId, nodeId, resolvedBy: 'system', now: nowIso }))
            cause = emit(event.type, event.payload, { nodeId, ...(cause ? { causationId: cause } : {}) });
          cause = emit(
            'node.resumed',
            { nodeId, interruptId: record.interruptId },
            { nodeId, ...(cause ? { causationId: cause } : {}) },
          );
        } else if (record.status === 'cancelled') continue;
        jobs.push({
          nodeId,
          resume: {
            kind: 'interrupt',
            interruptId: record.interruptId,
            outcome: record.status === 'resolved' ? 'resolved' : 'timed-out',
            value: record.resumeValue,
          },
          causationId: cause,
          fresh: false,
        });
      } else if (state.status === 'waiting-child' && state.childRunId) {
        const child = await loadRun(state.childRunId);
        if (child) childStatuses.set(nodeId, child.status);
        if (child && ['completed', 'failed', 'cancelled'].includes(child.status)) {
          jobs.push({
            nodeId,
            resume: {
              kind: 'child',
              childRunId: child.runId,
              status: child.status,
              outputs: readCheckpoint(child).outputs ?? {},
              variables: projectVariables(readCheckpoint(child)),
              error: child.error,
            },
            causationId: state.startedEventId,
            fresh: false,
          });
        }
      }
    }
    const limit = recursionLimit(configurable, this.#options.limits);
    for (const activation of checkpoint.ready) {
      if (checkpoint.nodeExecutions + 1 > limit) {
        const breachId = emit(
          'cap.breached',
          { kind: 'node-executions', limit, observed: checkpoint.nodeExecutions + 1, nodeId: activation.nodeId },
          { nodeId: activation.nodeId, causationId: activation.causationId },
        );
        checkpoint.ready = [];
        return fail(
          { code: 'recursion_limit_exceeded', message: `the run exceeded its limit of ${limit} node executions` },
          activation.nodeId,
          breachId,
        );
      }
      checkpoint.nodeExecutions += 1;
      jobs.push({ nodeId: activation.nodeId, resume: undefined, causationId: activation.causationId, fresh: true });
    }
    checkpoint.ready = [];

    // Execute concurrently; record results in activation order so the log is deterministic.
    const variablesView = projectVariables(checkpoint);
    const channelWrites: Array<{
      nodeId: string;
      channel: string;
      value: unknown;
      options: ChannelWriteOptions | undefined;
    }> = [];
    const variableWrites: Array<{ nodeId: string; name: string; value: unknown }> = [];
    const results = await Promise.all(
      jobs.map(async (job) => {
        const node = nodesById.get(job.nodeId)!;
        const state: NodeRuntimeState = checkpoint.nodes[job.nodeId] ?? { status: 'running', executions: 0 };
        const ordinal = job.fresh ? state.executions : Math.max(0, state.executions - 1);
        const input = job.fresh ? this.#resolveInputs(node, checkpoint) : (state.input ?? {});
        const implementation = this.#options.nodes[node.typeId];
        const writes: Array<{ channel: string; value: unknown; options: ChannelWriteOptions | undefined }> = [];
        const sets: Array<{ name: string; value: unknown }> = [];
        // Interrupts answer in call order: the n-th call of this execution replays the n-th recorded interrupt.
        const history: InterruptRecord[] = job.fresh ? [] : (state.interrupts ?? []);
        let interruptCalls = 0;
        let raised: InterruptRequest | undefined;
        let signalRaised!: () => void;
        const raisedSignal = new Promise<undefined>((resolve) => (signalRaised = () => resolve(undefined)));
        const interrupt = async <T>(request: Parameters<NodeContext['suspend']>[0] | InterruptRequest): Promise<T> => {
          const index = interruptCalls++;
          const normalized = normalizeInterruptRequest(request);
          const recorded = history[index];
          if (recorded && recorded.status !== 'pending') {
            if (normalized.key !== undefined && normalized.key !== recorded.key)
              throw new NodeFailure(
                'nondeterministic_interrupt',
                `interrupt ${index} of node "${node.id}" has key "${normalized.key}", but "${recorded.key}" was recorded`,
              );
            if (recorded.status === 'resolved') return recorded.resumeValue as T;
            if (recorded.status === 'timed-out') throw new InterruptTimeoutError(recorded.interruptId);
            throw new InterruptCancelledError(recorded.interruptId);
          }
          raised ??= normalized;
          signalRaised();
          // Never settles: the node is suspended and runs again from the top once the interrupt is answered.
          return new Promise<T>(() => undefined);
        };
        const ctx: NodeContext = {
          runId: run.runId,
          nodeId: node.id,
          typeId: node.typeId,
          config: node.config ?? {},
          configurable,
          variables: variablesView,
          effectKey: `${run.runId}:${node.id}:${ordinal}`,
          signal,
          logger: this.#options.logger,
          now: () => clock.now(),
          resume: job.resume,
          readChannel: (name) => checkpoint.channels[name],
          writeChannel: (channel, value, options) => {
            writes.push({ channel, value, options });
          },
          setVariable: (name, value) => {
            sets.push({ name, value });
          },
          sleepUntil: (epochMs) => suspension({ kind: 'timer', wakeAt: epochMs }),
          startChildRun: (request) => suspension({ kind: 'child', request }),
          interrupt: (request) => interrupt(request),
          suspend: (request) => interrupt(request),
        };
        const started = clock.now().getTime();
        const interrupted = () => ({ kind: 'interrupted' as const, request: raised!, replayed: history.length });
        const settle = async () => {
          try {
            if (node.disabled) return { kind: 'completed' as const, outputs: {} };
            if (!implementation)
              throw new NodeFailure(
                'capability_not_provided',
                `node type "${node.typeId}" is not registered on this host`,
              );
            // A fork reuses what its source recorded instead of running the node (see replay.ts).
            const replayed = replay?.decide(node.id, ordinal, implementation.sideEffects === true);
            if (replayed?.use === 'missing') {
              throw new NodeFailure(
                'replay_source_missing',
                `the source run recorded no outcome for execution ${ordinal + 1} of node "${node.id}", and a replay never runs a side-effecting node again`,
                { details: { sourceRunId: replay!.origin.sourceRunId, nodeId: node.id, execution: ordinal + 1 } },
              );
            }
            if (replayed?.use === 'record') {
              const { outcome } = replayed.record;
              for (const write of replayed.record.writes) writes.push({ ...write, options: undefined });
              for (const set of replayed.record.sets) sets.push(set);
              return outcome.kind === 'completed'
                ? { kind: 'completed' as const, outputs: outcome.outputs }
                : { kind: 'failed' as const, error: outcome.error };
            }
            const value = await Promise.race([implementation.run(input, ctx), raisedSignal]);
            if (raised) return interrupted();
            const suspended = readSuspension(value);
            if (suspended) return { kind: 'suspended' as const, suspended };
            const outputs = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
            return { kind: 'completed' as const, outputs };
          } catch (error) {
            if (raised) return interrupted();
            return { kind: 'failed' as const, error: toRunError(error) };
          }
        };
        return { job, input, writes, sets, outcome: await settle(), started };
      }),
    );

    const settled: Array<{ nodeId: string; eventId: string; failed: boolean; outputs: Record<string, unknown> }> = [];
    for (const { job, input, writes, sets, outcome, started } of results) {
      const node = nodesById.get(job.nodeId)!;
      const state: NodeRuntimeState = checkpoint.nodes[job.nodeId] ?? { status: 'running', executions: 0 };
      checkpoint.nodes[job.nodeId] = state;
      let cause = job.causationId;
      if (job.fresh) {
        cause = emit(
          'node.started',
          { nodeId: node.id, typeId: node.typeId, attempt: 0 },
          { nodeId: node.id, ...(cause ? { causationId: cause } : {}) },
        );
        state.executions += 1;
        state.startedEventId = cause;
        state.startedAtMs = started;
        delete state.error;
        delete state.outputs;
        delete state.interrupts;
      }
      if (outcome.kind === 'interrupted') {
        // Writes of a suspended execution are dropped: the node runs again from the top when it resumes.
        const request = outcome.request;
        const ordinal = state.interruptCount ?? 0;
        state.interruptCount = ordinal + 1;
        state.status = 'waiting-interrupt';
        state.input = input;
        delete state.wakeAt;
        const record: InterruptRecord = {
          interruptId: ids.next('int'),
          kind: request.kind,
          key: request.key ?? `${run.runId}:${node.id}:${ordinal}`,
          data: request.data,
          ...(request.resumeSchema !== undefined ? { resumeSchema: request.resumeSchema } : {}),
          ...(request.timeoutMs !== undefined
            ? { timeoutMs: request.timeoutMs, deadline: nowMs + Math.ceil(request.timeoutMs) }
            : {}),
          requestedAt: nowIso,
          status: 'pending',
        };
        state.interrupts = [...(state.interrupts ?? []).slice(0, outcome.replayed), record];
        for (const event of requestEvents(run.runId, node.id, record))
          cause = emit(event.type, event.payload, { nodeId: node.id, ...(cause ? { causationId: cause } : {}) });
        continue;
      }
      if (outcome.kind === 'suspended') {
        state.input = input;
        if (outcome.suspended.kind === 'timer') {
          state.status = 'sleeping';
          state.wakeAt = outcome.suspended.wakeAt;
        } else {
          const request = outcome.suspended.request;
          const childWorkflow = await lookup.loadWorkflow(run.tenantId, request.workflowId);
          if (!childWorkflow) {
            state.status = 'failed';
            state.error = {
              code: 'not_found',
              message: `sub-workflow "${request.workflowId}" was not found`,
              retryable: false,
            };
            const eventId = emit(
              'node.failed',
              { nodeId: node.id, error: state.error, attempts: 1 },
              { nodeId: node.id, ...(cause ? { causationId: cause } : {}) },
            );
            settled.push({ nodeId: node.id, eventId, failed: true, outputs: {} });
            continue;
          }
          const childRunId = ids.next('run');
          state.status = 'waiting-child';
          state.childRunId = childRunId;
          insertRuns.push(this.#childRun(run, childRunId, node.id, childWorkflow, request.inputs));
          startedChildren.push(childRunId);
        }
        continue;
      }
      delete state.wakeAt;
      delete state.input;
      for (const write of writes) channelWrites.push({ nodeId: node.id, ...write });
      for (const set of sets) variableWrites.push({ nodeId: node.id, ...set });
      const measuredMs = Math.max(0, nowMs - (state.startedAtMs ?? nowMs));
      const durationMs = replay ? replay.durationMs(measuredMs, node.id, state.executions - 1) : measuredMs;
      if (outcome.kind === 'completed') {
        state.status = 'completed';
        state.outputs = outcome.outputs;
        const eventId = emit(
          'node.completed',
          { nodeId: node.id, outputs: maskOutputs(node, outcome.outputs), durationMs },
          { nodeId: node.id, ...(cause ? { causationId: cause } : {}) },
        );
        settled.push({ nodeId: node.id, eventId, failed: false, outputs: outcome.outputs });
      } else {
        state.status = 'failed';
        state.error = outcome.error;
        const eventId = emit(
          'node.failed',
          { nodeId: node.id, error: outcome.error, attempts: 1 },
          { nodeId: node.id, ...(cause ? { causationId: cause } : {}) },
        );
        settled.push({ nodeId: node.id, eventId, failed: true, outputs: {} });
      }
    }

    // Channel writes merge through their reducers at the end of the step.
    for (const write of variableWrites) {
      const previous = checkpoint.inputs[write.name];
      checkpoint.inputs[write.name] = write.value;
      emit(
        'variable.changed',
        { name: write.name, previous, next: write.value, nodeId: write.nodeId },
        { nodeId: write.nodeId },
      );
    }
    for (const write of channelWrites) {
      const declaration: ChannelDeclarationLike = definition.channels?.[write.channel] ?? {
        reducer: write.options?.reducer ?? 'replace',
        ...(write.options?.ttlMs !== undefined ? { ttlMs: write.options.ttlMs } : {}),
        ...(write.options?.maxSize !== undefined ? { maxSize: write.options.maxSize } : {}),
      };
      try {
        checkpoint.channels[write.channel] = applyWrite(
          declaration,
          checkpoint.channels[write.channel],
          write.value,
          nowMs,
        );
      } catch (error) {
        const nodeState = checkpoint.nodes[write.nodeId]!;
        nodeState.status = 'failed';
        nodeState.error = { code: 'validation_error', message: (error as Error).message };
        emit('node.failed', { nodeId: write.nodeId, error: nodeState.error, attempts: 1 }, { nodeId: write.nodeId });
        return fail(nodeState.error, write.nodeId, checkpoint.lastEventId);
      }
      emit(
        'channel.written',
        {
          channel: write.channel,
          value: write.value,
          reducer: declaration.reducer,
          nodeId: write.nodeId,
          writtenAt: nowIso,
          schemaVersion: (declaration as { schemaVersion?: number }).schemaVersion ?? 1,
        },
        { nodeId: write.nodeId },
      );
    }

    // Route: evaluate outgoing edges of settled nodes and activate or skip their targets.
    const maxLoop = definition.settings?.maxLoopbackIterations ?? 5;
    const unconsumedFailures: Array<{ nodeId: string; eventId: string }> = [];
    const queue = [...settled];
    // Computed only when a condition needs it (most edges have none).
    let variables: Record<string, unknown> | undefined;
    while (queue.length > 0) {
      const source = queue.shift()!;
      const outgoing = (graph.outgoing.get(source.nodeId) ?? []).map(
        (info) => info.edge as WorkflowShape['edges'][number],
      );
      let failureConsumed = false;
      for (const edge of outgoing) {
        const sourceState = checkpoint.nodes[source.nodeId]!;
        if (sourceState.status === 'failed') checkpoint.edges[edge.id] = 'failed';
        else if (sourceState.status === 'skipped') checkpoint.edges[edge.id] = 'not-fired';
        else {
          const holds =
            edge.condition === undefined ||
            evaluateCondition(edge.condition as never, {
              output: source.outputs,
              variables: (variables ??= projectVariables(checkpoint)),
            });
          checkpoint.edges[edge.id] = holds ? 'fired' : 'not-fired';
        }
      }
      for (const targetId of [...new Set(outgoing.map((edge) => edge.targetNodeId))]) {
        const target = nodesById.get(targetId)!;
        const incoming = (graph.incoming.get(targetId) ?? []).map(
          (info) => info.edge as WorkflowShape['edges'][number],
        );
        const viaBackEdge = incoming.some(
          (edge) => graph.backEdges.has(edge.id) && edge.sourceNodeId === source.nodeId,
        );
        const considered = viaBackEdge
          ? incoming.filter((edge) => edge.sourceNodeId === source.nodeId)
          : incoming.filter((edge) => !graph.backEdges.has(edge.id));
        const rule = incoming[0]?.triggerRule ?? 'all_success';
        const decision = joinReady(
          rule as never,
          considered.map((edge) => checkpoint.edges[edge.id] ?? 'pending'),
        );
        if (decision === 'wait') continue;
        if (rule === 'any_failed' || rule === 'all_complete') failureConsumed = true;
        for (const edge of incoming) delete checkpoint.edges[edge.id];
        const targetState = checkpoint.nodes[targetId];
        if (decision === 'run') {
          if (targetState && targetState.executions >= maxLoop && targetState.executions > 0 && viaBackEdge) {
            emit(
              'workflow.loopback-limit',
              { nodeId: targetId, iterations: targetState.executions, limit: maxLoop },
              { nodeId: targetId, causationId: source.eventId },
            );
            continue;
          }
          if (!checkpoint.ready.some((activation) => activation.nodeId === targetId)) {
            checkpoint.ready.push({ nodeId: targetId, causationId: source.eventId });
          }
        } else if (!targetState || (targetState.status !== 'skipped' && targetState.status !== 'running')) {
          const skipId = emit(
            'node.skipped',
            { nodeId: targetId, reason: 'upstream_condition' },
            { nodeId: targetId, causationId: source.eventId },
          );
          checkpoint.nodes[targetId] = { ...(targetState ?? { executions: 0 }), status: 'skipped' };
          queue.push({ nodeId: target.id, eventId: skipId, failed: false, outputs: {} });
        }
      }
      if (source.failed && !failureConsumed)
        unconsumedFailures.push({ nodeId: source.nodeId, eventId: source.eventId });
    }

    // A failure nothing routes around fails the run.
    const firstFailure = unconsumedFailures[0];
    if (firstFailure) {
      for (const [nodeId, state] of Object.entries(checkpoint.nodes)) {
        if (isWaiting(state)) {
          cancelNodeState(state);
          emit('node.cancelled', { nodeId, reason: 'run_failed' }, { nodeId, causationId: firstFailure.eventId });
        }
      }
      checkpoint.ready = [];
      return fail(checkpoint.nodes[firstFailure.nodeId]!.error!, firstFailure.nodeId, firstFailure.eventId);
    }

    const waitingNodes = Object.values(checkpoint.nodes).filter(isWaiting);
    if (checkpoint.ready.length > 0) {
      return this.#result(
        run,
        checkpoint,
        events,
        { ...patch, wakeAt: null },
        insertRuns,
        startedChildren,
        false,
        false,
      );
    }
    if (waitingNodes.length > 0) {
      const timers = waitingNodes.filter((state) => state.status === 'sleeping').map((state) => state.wakeAt!);
      // Suspended on an interrupt: the run shows the first such node's waiting status and wakes at its deadline.
      const interrupts = definition.nodes
        .map((node) => pendingInterrupt(checkpoint.nodes[node.id]))
        .filter((record) => record !== undefined);
      for (const record of interrupts) if (record.deadline !== undefined) timers.push(record.deadline);
      if (interrupts[0]) patch.status = waitingStatusOf(interrupts[0].kind);
      else {
        // Waiting on a child that waits on an interrupt: show the child's waiting status (the child wakes this run
        // whenever it enters or leaves one).
        const mirrored = definition.nodes
          .map((node) => childStatuses.get(node.id))
          .find((status) => status !== undefined && WAITING_STATUSES.has(status));
        if (mirrored) patch.status = mirrored;
      }
      // One millisecond past the deadline, so a breach is always observed strictly above the limit.
      const wakeAt = Math.min(...timers, startedAtMs + timeoutMs + 1);
      return this.#result(
        run,
        checkpoint,
        events,
        { ...patch, wakeAt: timers.length > 0 || Number.isFinite(timeoutMs) ? wakeAt : null },
        insertRuns,
        startedChildren,
        false,
        true,
      );
    }

    // Nothing left to run: the run completed.
    const outputs = sinkOutputs(definition, checkpoint);
    checkpoint.outputs = outputs;
    emit(
      'run.completed',
      { outputs, durationMs: replay ? replay.durationMs(nowMs - startedAtMs) : nowMs - startedAtMs },
      checkpoint.lastEventId ? { causationId: checkpoint.lastEventId } : {},
    );
    return this.#finish(
      run,
      checkpoint,
      events,
      { ...patch, status: 'completed', completedAt: nowIso, wakeAt: null },
      insertRuns,
      startedChildren,
    );
  }

  /** Resolves a node's input ports from static values, variables, upstream outputs and expressions. */
  #resolveInputs(node: WorkflowShape['nodes'][number], checkpoint: RunCheckpoint): Record<string, unknown> {
    const input: Record<string, unknown> = {};
    const variables = projectVariables(checkpoint);
    for (const [port, value] of Object.entries(node.inputs ?? {})) {
      switch (value.type) {
        case 'static':
          input[port] = value.value;
          break;
        case 'variable':
          input[port] = variables[value.variableName];
          break;
        case 'connection': {
          const outputs = checkpoint.nodes[value.nodeId]?.outputs;
          input[port] = outputs?.[value.outputKey];
          break;
        }
        case 'expression':
          input[port] = evaluateExpression(value.expression, { variables, ...variables });
          break;
      }
    }
    return input;
  }

  #childRun(
    parent: StoredRun,
    childRunId: string,
    parentNodeId: string,
    workflow: StoredWorkflow,
    inputs: Record<string, unknown>,
  ): NewRun {
    return {
      runId: childRunId,
      tenantId: parent.tenantId,
      workflowId: workflow.workflowId,
      workflowRevision: workflow.revision,
      status: 'pending',
      parentRunId: parent.runId,
      parentNodeId,
      inputs,
      options: {
        configurable: (parent.options as { configurable?: unknown }).configurable ?? {},
        tags: [],
        metadata: {},
        workflowTenantId: workflow.tenantId,
      },
      tags: [],
      checkpoint: this.initialCheckpoint(workflow, inputs) as unknown as Record<string, unknown>,
      engineVersion: parent.engineVersion,
      isTest: parent.isTest,
      createdAt: this.#options.clock.now().toISOString(),
      wakeAt: null,
    };
  }

  #finish(
    run: StoredRun,
    checkpoint: RunCheckpoint,
    events: EventDraft[],
    patch: RunCommit['patch'],
    insertRuns: NewRun[],
    startedChildren: string[],
  ): StepResult {
    const commit = this.#result(run, checkpoint, events, patch, insertRuns, startedChildren, true, false);
    if (run.parentRunId)
      commit.commit.wakeRuns = [{ runId: run.parentRunId, wakeAt: this.#options.clock.now().getTime() }];
    return commit;
  }

  #result(
    run: StoredRun,
    checkpoint: RunCheckpoint,
    events: EventDraft[],
    patch: RunCommit['patch'],
    insertRuns: NewRun[],
    startedChildren: string[],
    terminal: boolean,
    waiting: boolean,
  ): StepResult {
    // A parent mirrors a child's waiting status: wake it when this child enters or leaves one.
    const after = patch.status ?? run.status;
    const mirrorChanged =
      run.parentRunId !== null &&
      after !== run.status &&
      (WAITING_STATUSES.has(after) || WAITING_STATUSES.has(run.status));
    return {
      commit: {
        runId: run.runId,
        expectedNextSequence: run.nextSequence,
        events,
        patch: { ...patch, checkpoint: checkpoint as unknown as Record<string, unknown> },
        ...(insertRuns.length > 0 ? { insertRuns } : {}),
        ...(mirrorChanged
          ? { wakeRuns: [{ runId: run.parentRunId!, wakeAt: this.#options.clock.now().getTime() }] }
          : {}),
      },
      terminal,
      waiting,
      startedChildren,
    };
  }
}

const graphs = new WeakMap<object, ReturnType<typeof analyzeGraph>>();

/** The analysed graph of a workflow revision (definitions are immutable, so it is computed once). */
function graphOf(workflow: StoredWorkflow): ReturnType<typeof analyzeGraph> {
  let graph = graphs.get(workflow.definition);
  if (!graph) {
    graph = analyzeGraph(workflow.definition as never);
    graphs.set(workflow.definition, graph);
  }
  return graph;
}

/** The effective `recursionLimit` of a run. */
export function recursionLimit(configurable: Record<string, unknown>, limits: EngineLimits): number {
  const requested = configurable.recursionLimit;
  return typeof requested === 'number' && requested >= 1
    ? Math.min(Math.floor(requested), limits.maxNodeExecutions)
    : limits.maxNodeExecutions;
}

/** The effective `runTimeoutMs` of a run. */
export function effectiveTimeout(configurable: Record<string, unknown>, limits: EngineLimits): number {
  const requested = configurable.runTimeoutMs;
  return typeof requested === 'number' && requested > 0
    ? Math.min(requested, limits.maxRunDurationMs)
    : limits.maxRunDurationMs;
}

function emptyChannelValue(reducer: string): unknown {
  if (['append', 'votes', 'feedback', 'message'].includes(reducer)) return [];
  if (reducer === 'merge') return {};
  if (reducer === 'counter') return 0;
  return null;
}

function maskOutputs(
  node: { outputSensitivity?: Record<string, boolean> } & object,
  outputs: Record<string, unknown>,
): Record<string, unknown> {
  const sensitivity = (node as { outputSensitivity?: Record<string, boolean> }).outputSensitivity;
  if (!sensitivity) return outputs;
  const masked: Record<string, unknown> = {};
  for (const [port, value] of Object.entries(outputs)) masked[port] = sensitivity[port] ? '***' : value;
  return masked;
}

/** Outputs of a finished run: the merged outputs of its completed sink nodes (nodes with no outgoing edges). */
function sinkOutputs(definition: WorkflowShape, checkpoint: RunCheckpoint): Record<string, unknown> {
  const sources = new Set(definition.edges.map((edge) => edge.sourceNodeId));
  const outputs: Record<string, unknown> = {};
  for (const node of definition.nodes) {
    const state = checkpoint.nodes[node.id];
    if (!sources.has(node.id) && state?.status === 'completed') Object.assign(outputs, state.outputs);
  }
  return outputs;
}

/** Whether a node is suspended (timer, child run or interrupt). */
function isWaiting(state: NodeRuntimeState): boolean {
  return state.status === 'sleeping' || state.status === 'waiting-child' || state.status === 'waiting-interrupt';
}

/** Marks a node cancelled; a pending interrupt of it can no longer be resolved. */
function cancelNodeState(state: NodeRuntimeState): void {
  const record = pendingInterrupt(state);
  if (record) record.status = 'cancelled';
  state.status = 'cancelled';
}

/** Appends one event draft (envelope fields filled in) to `events` and returns its new `eventId`. */
function draftEvent(
  events: EventDraft[],
  ids: IdSource,
  run: StoredRun,
  timestamp: string,
  type: string,
  payload: unknown,
  extra: { nodeId?: string; causationId?: string },
): string {
  const eventId = ids.next('evt');
  events.push({
    eventId,
    type,
    payload,
    timestamp,
    schemaVersion: 1,
    engineVersion: run.engineVersion,
    ...(extra.nodeId !== undefined ? { nodeId: extra.nodeId } : {}),
    ...(extra.causationId !== undefined ? { causationId: extra.causationId } : {}),
  });
  return eventId;
}

/** The commit that ends a cancelling run: in-flight nodes cancelled, then `run.cancelled`. */
export function buildCancelCommit(
  run: StoredRun,
  clock: Clock,
  ids: IdSource,
  cancel: { reason: string; cancelledBy: string; parentRunId?: string },
): RunCommit {
  const checkpoint = structuredClone(readCheckpoint(run));
  const nowMs = clock.now().getTime();
  const nowIso = new Date(nowMs).toISOString();
  const events: EventDraft[] = [];
  let last = checkpoint.lastEventId;
  const emit = (type: string, payload: unknown, nodeId?: string) => {
    last = draftEvent(events, ids, run, nowIso, type, payload, {
      ...(nodeId !== undefined ? { nodeId } : {}),
      ...(last !== undefined ? { causationId: last } : {}),
    });
  };
  for (const [nodeId, state] of Object.entries(checkpoint.nodes ?? {})) {
    if (state.status === 'running' || isWaiting(state)) {
      cancelNodeState(state);
      emit('node.cancelled', { nodeId, reason: cancel.reason }, nodeId);
    }
  }
  checkpoint.ready = [];
  emit('run.cancelled', {
    reason: cancel.reason,
    cancelledBy: cancel.cancelledBy,
    durationMs: checkpoint.startedAtMs === undefined ? 0 : nowMs - checkpoint.startedAtMs,
    ...(cancel.parentRunId ? { parentRunId: cancel.parentRunId } : {}),
  });
  if (last !== undefined) checkpoint.lastEventId = last;
  return {
    runId: run.runId,
    expectedNextSequence: run.nextSequence,
    expectedStatus: run.status,
    events,
    patch: {
      status: 'cancelled',
      checkpoint: checkpoint as unknown as Record<string, unknown>,
      completedAt: nowIso,
      wakeAt: null,
      leaseOwner: null,
      leaseExpiresAt: null,
    },
    ...(run.parentRunId ? { wakeRuns: [{ runId: run.parentRunId, wakeAt: nowMs }] } : {}),
  };
}
