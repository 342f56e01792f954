import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import type { Clock } from './clock.js';
import { RunExecutor, type StepResult } from './executor.js';
import { builtinNodes } from './nodes/builtin.js';
import { NodeFailure, type NodeImplementation } from './nodes/node-types.js';
import type { StoredEvent, StoredRun, StoredWorkflow } from './ports.js';

/** A clock tests move by hand. */
function manualClock(start = Date.UTC(2026, 10, 24, 10, 0, 0)): Clock & { advanceTo(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advanceTo: (ms) => (now = Math.max(now, ms)) };
}

function counterIds() {
  let next = 0;
  return { next: (prefix: string) => `${prefix}_${(next += 1)}` };
}

type Node = { id: string; typeId: string; config?: Record<string, unknown>; inputs?: Record<string, unknown> };
type Edge = { id: string; sourceNodeId: string; targetNodeId: string; condition?: unknown; triggerRule?: string };

function workflow(nodes: Node[], edges: Edge[], extra: Record<string, unknown> = {}): StoredWorkflow {
  return {
    tenantId: 't',
    workflowId: 'wf',
    revision: 1,
    version: '1',
    digest: 'd',
    registeredAt: '2026-11-24T00:00:00.000Z',
    definition: {
      id: 'wf',
      name: 'wf',
      version: '1',
      nodes: nodes.map((node) => ({ name: node.id, position: { x: 0, y: 0 }, config: {}, inputs: {}, ...node })),
      edges,
      triggers: [{ id: 'manual', type: 'manual' }],
      variables: [],
      metadata: {},
      settings: {},
      ...extra,
    },
  };
}

/** Drives a run step by step in memory (moving the clock to each timer) until it ends. */
async function runToEnd(
  wf: StoredWorkflow,
  options: {
    inputs?: Record<string, unknown>;
    configurable?: Record<string, unknown>;
    nodes?: Record<string, NodeImplementation>;
    /** Other workflows by id, for `core.subWorkflow`. */
    others?: Record<string, StoredWorkflow>;
  } = {},
) {
  const workflowOf = (workflowId: string) => (workflowId === wf.workflowId ? wf : options.others?.[workflowId]);
  const clock = manualClock();
  const executor = new RunExecutor({
    nodes: { ...builtinNodes, ...options.nodes },
    clock,
    ids: counterIds(),
    logger: silentLogger,
    limits: { maxNodeExecutions: 100, maxRunDurationMs: 3_600_000 },
  });
  const runs = new Map<string, StoredRun>();
  const events = new Map<string, StoredEvent[]>();
  const newRun = (runId: string, inputs: Record<string, unknown>): StoredRun => ({
    runId,
    tenantId: 't',
    workflowId: wf.workflowId,
    workflowRevision: 1,
    status: 'pending',
    parentRunId: null,
    parentNodeId: null,
    inputs,
    options: { configurable: options.configurable ?? {} },
    tags: [],
    checkpoint: executor.initialCheckpoint(wf, inputs) as unknown as Record<string, unknown>,
    error: null,
    nextSequence: 0,
    engineVersion: '1',
    isTest: false,
    createdAt: clock.now().toISOString(),
    startedAt: null,
    completedAt: null,
    wakeAt: null,
    leaseOwner: null,
    leaseExpiresAt: null,
  });
  const apply = (run: StoredRun, step: StepResult): StoredRun => {
    const log = events.get(run.runId) ?? [];
    step.commit.events.forEach((event, index) =>
      log.push({ ...event, runId: run.runId, sequence: run.nextSequence + index }),
    );
    events.set(run.runId, log);
    const next = {
      ...run,
      ...(step.commit.patch as Partial<StoredRun>),
      nextSequence: run.nextSequence + step.commit.events.length,
    };
    runs.set(run.runId, next);
    for (const wake of step.commit.wakeRuns ?? []) {
      const target = runs.get(wake.runId);
      if (target) runs.set(wake.runId, { ...target, wakeAt: wake.wakeAt });
    }
    for (const child of step.commit.insertRuns ?? []) {
      runs.set(child.runId, {
        ...child,
        error: null,
        nextSequence: 0,
        startedAt: null,
        completedAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      });
    }
    return next;
  };
  const lookup = {
    loadRun: async (id: string) => runs.get(id),
    loadWorkflow: async (_tenant: string, workflowId: string) => workflowOf(workflowId),
  };
  let run = newRun('run_main', options.inputs ?? {});
  runs.set(run.runId, run);
  for (let guard = 0; guard < 200; guard += 1) {
    // Drive every runnable child first, like the scheduler would.
    for (const child of [...runs.values()].filter(
      (r) => r.runId !== 'run_main' && !['completed', 'failed', 'cancelled'].includes(r.status),
    )) {
      if (child.wakeAt === null || child.wakeAt <= clock.now().getTime()) {
        apply(
          child,
          await executor.executeStep(child, workflowOf(child.workflowId)!, new AbortController().signal, lookup),
        );
      }
    }
    run = runs.get('run_main')!;
    if (['completed', 'failed', 'cancelled'].includes(run.status)) break;
    if (run.wakeAt !== null) clock.advanceTo(run.wakeAt);
    run = apply(run, await executor.executeStep(run, wf, new AbortController().signal, lookup));
  }
  const log = events.get('run_main') ?? [];
  return {
    run: runs.get('run_main')!,
    log,
    types: log.map((event) => event.type + (event.nodeId ? `@${event.nodeId}` : '')),
    runs,
    events,
  };
}

const noop = (id: string): Node => ({ id, typeId: 'core.noop' });
const edge = (source: string, target: string, extra: Partial<Edge> = {}): Edge => ({
  id: `${source}-${target}`,
  sourceNodeId: source,
  targetNodeId: target,
  ...extra,
});
const emit = (value: unknown): NodeImplementation => ({ run: () => ({ value }) });
const failing: NodeImplementation = {
  run: () => {
    throw new NodeFailure('boom', 'went wrong');
  },
};

describe('RunExecutor', () => {
  it('runs a chain in order with gapless sequences and a causation chain', async () => {
    const { run, log, types } = await runToEnd(workflow([noop('a'), noop('b')], [edge('a', 'b')]));
    expect(run.status).toBe('completed');
    expect(types).toEqual([
      'run.started',
      'node.started@a',
      'node.completed@a',
      'node.started@b',
      'node.completed@b',
      'run.completed',
    ]);
    expect(log.map((event) => event.sequence)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [index, event] of log.entries()) if (index > 0) expect(event.causationId).toBe(log[index - 1]!.eventId);
  });

  it('fans out, runs the branches in one step, and joins once both finish', async () => {
    const { types } = await runToEnd(
      workflow(
        [noop('a'), noop('b'), noop('c'), noop('d')],
        [edge('a', 'b'), edge('a', 'c'), edge('b', 'd'), edge('c', 'd')],
      ),
    );
    expect(types).toEqual([
      'run.started',
      'node.started@a',
      'node.completed@a',
      'node.started@b',
      'node.completed@b',
      'node.started@c',
      'node.completed@c',
      'node.started@d',
      'node.completed@d',
      'run.completed',
    ]);
  });

  it.each([
    [
      'equals routes to the matching branch',
      { type: 'equals', left: 'output.value', right: 'x' },
      { type: 'equals', left: 'output.value', right: 'y' },
      'b',
      'c',
    ],
    [
      'truthy/falsy route on the output',
      { type: 'truthy', left: 'output.value' },
      { type: 'falsy', left: 'output.value' },
      'b',
      'c',
    ],
    [
      'expressions route on the output',
      { type: 'expression', expression: "output.value == 'x'" },
      { type: 'expression', expression: "output.value != 'x'" },
      'b',
      'c',
    ],
  ])('%s and skips the other', async (_name, toB, toC, taken, skipped) => {
    const { run, types } = await runToEnd(
      workflow(
        [{ id: 'a', typeId: 'test.emit' }, noop('b'), noop('c')],
        [edge('a', 'b', { condition: toB }), edge('a', 'c', { condition: toC })],
      ),
      { nodes: { 'test.emit': emit('x') } },
    );
    expect(run.status).toBe('completed');
    expect(types).toContain(`node.completed@${taken}`);
    expect(types).toContain(`node.skipped@${skipped}`);
    expect(types).not.toContain(`node.started@${skipped}`);
  });

  it.each([
    ['all_success', 'skipped'],
    ['any_success', 'ran'],
    ['none_failed', 'ran'],
    ['all_complete', 'ran'],
    ['any_failed', 'skipped'],
  ])('joins with %s when one branch was skipped: the join %s', async (rule, outcome) => {
    const { types } = await runToEnd(
      workflow(
        [{ id: 'a', typeId: 'test.emit' }, noop('b'), noop('c'), noop('d')],
        [
          edge('a', 'b', { condition: { type: 'equals', left: 'output.value', right: 'x' } }),
          edge('a', 'c', { condition: { type: 'equals', left: 'output.value', right: 'y' } }),
          edge('b', 'd', { triggerRule: rule }),
          edge('c', 'd', { triggerRule: rule }),
        ],
      ),
      { nodes: { 'test.emit': emit('x') } },
    );
    expect(types.includes('node.completed@d') ? 'ran' : 'skipped').toBe(outcome);
  });

  it('routes a failure over an any_failed edge and completes the run', async () => {
    const { run, types } = await runToEnd(
      workflow(
        [{ id: 'a', typeId: 'test.fail' }, noop('recover'), noop('happy')],
        [edge('a', 'recover', { triggerRule: 'any_failed' }), edge('a', 'happy')],
      ),
      { nodes: { 'test.fail': failing } },
    );
    expect(run.status).toBe('completed');
    expect(types).toContain('node.failed@a');
    expect(types).toContain('node.completed@recover');
    expect(types).toContain('node.skipped@happy');
  });

  it('fails the run when nothing routes around a failure', async () => {
    const { run, log } = await runToEnd(workflow([{ id: 'a', typeId: 'test.fail' }, noop('b')], [edge('a', 'b')]), {
      nodes: { 'test.fail': failing },
    });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'boom', message: 'went wrong' });
    expect(log.at(-1)).toMatchObject({ type: 'run.failed', payload: { failedNodeId: 'a', error: { code: 'boom' } } });
  });

  it('stops a bounded loop at maxLoopbackIterations with workflow.loopback-limit', async () => {
    const { run, types } = await runToEnd(
      workflow(
        [noop('a'), { id: 'b', typeId: 'test.emit' }],
        [edge('a', 'b'), edge('b', 'a', { condition: { type: 'truthy', left: 'output.value' } })],
        { settings: { maxLoopbackIterations: 3 } },
      ),
      { nodes: { 'test.emit': emit(true) } },
    );
    expect(run.status).toBe('completed');
    expect(types.filter((type) => type === 'node.started@a')).toHaveLength(3);
    expect(types).toContain('workflow.loopback-limit@a');
  });

  it('breaches recursionLimit with cap.breached observed above the limit', async () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map(noop);
    const { run, log } = await runToEnd(
      workflow(nodes, [edge('n1', 'n2'), edge('n2', 'n3'), edge('n3', 'n4'), edge('n4', 'n5'), edge('n5', 'n6')]),
      { configurable: { recursionLimit: 3 } },
    );
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'recursion_limit_exceeded' });
    expect(log.filter((event) => event.type === 'node.started')).toHaveLength(3);
    expect(log.find((event) => event.type === 'cap.breached')?.payload).toMatchObject({
      kind: 'node-executions',
      limit: 3,
      observed: 4,
    });
  });

  it('sleeps on core.delay without running anything until the timer is due', async () => {
    const { run, log } = await runToEnd(
      workflow(
        [{ id: 'wait', typeId: 'core.delay', config: { delayMs: 5000 } }, noop('after')],
        [edge('wait', 'after')],
      ),
    );
    expect(run.status).toBe('completed');
    const started = Date.parse(log.find((event) => event.type === 'node.started')!.timestamp);
    const completed = Date.parse(log.find((event) => event.type === 'node.completed')!.timestamp);
    expect(completed - started).toBe(5000);
  });

  it('fails a run past runTimeoutMs with run-duration observed strictly above the limit', async () => {
    const { run, log } = await runToEnd(
      workflow([{ id: 'wait', typeId: 'core.delay', config: { delayMs: 30000 } }], []),
      { configurable: { runTimeoutMs: 1000 } },
    );
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'run_timeout' });
    const breach = log.find((event) => event.type === 'cap.breached')!.payload as {
      kind: string;
      limit: number;
      observed: number;
    };
    expect(breach.kind).toBe('run-duration');
    expect(breach.observed).toBeGreaterThan(breach.limit);
  });

  it('gives a node a stable effect key per execution ordinal', async () => {
    const keys: string[] = [];
    const record: NodeImplementation = { run: (_input, ctx) => void keys.push(ctx.effectKey) };
    await runToEnd(
      workflow(
        [
          { id: 'a', typeId: 'test.record' },
          { id: 'b', typeId: 'test.emit' },
        ],
        [edge('a', 'b'), edge('b', 'a', { condition: { type: 'truthy', left: 'output.value' } })],
        { settings: { maxLoopbackIterations: 2 } },
      ),
      {
        nodes: { 'test.record': record, 'test.emit': emit(true) },
      },
    );
    expect(keys).toEqual(['run_main:a:0', 'run_main:a:1']);
  });

  it('merges channel writes through the reducer and records each write', async () => {
    const { run, log } = await runToEnd(
      workflow(
        [
          { id: 'w1', typeId: 'core.channelWrite', config: { channel: 'total', value: 2 } },
          { id: 'w2', typeId: 'core.channelWrite', config: { channel: 'total', value: 3 } },
        ],
        [edge('w1', 'w2')],
        { channels: { total: { reducer: 'counter' } } },
      ),
    );
    expect((run.checkpoint as { channels: Record<string, unknown> }).channels.total).toBe(5);
    expect(log.filter((event) => event.type === 'channel.written').map((event) => event.payload)).toMatchObject([
      { channel: 'total', value: 2, reducer: 'counter' },
      { channel: 'total', value: 3, reducer: 'counter' },
    ]);
  });

  it('resolves node inputs from variables, static values and upstream outputs', async () => {
    const seen: unknown[] = [];
    const capture: NodeImplementation = { run: (input) => void seen.push(input) };
    await runToEnd(
      workflow(
        [
          { id: 'a', typeId: 'test.emit' },
          {
            id: 'b',
            typeId: 'test.capture',
            inputs: {
              fromVar: { type: 'variable', variableName: 'name' },
              fixed: { type: 'static', value: 7 },
              upstream: { type: 'connection', nodeId: 'a', outputKey: 'value' },
            },
          },
        ],
        [edge('a', 'b')],
      ),
      { inputs: { name: 'ada' }, nodes: { 'test.emit': emit('x'), 'test.capture': capture } },
    );
    expect(seen).toEqual([{ fromVar: 'ada', fixed: 7, upstream: 'x' }]);
  });

  it('runs a child workflow and resumes the parent node with its outputs and mapped variables', async () => {
    const child = {
      ...workflow(
        [{ id: 'echo', typeId: 'core.identity', inputs: { greeting: { type: 'variable', variableName: 'greeting' } } }],
        [],
        {
          variables: [
            { name: 'greeting', type: 'string' },
            { name: 'result', type: 'string', defaultValue: 'done' },
          ],
        },
      ),
      workflowId: 'child',
    };
    const { run, runs, types } = await runToEnd(
      workflow(
        [
          {
            id: 'call',
            typeId: 'core.subWorkflow',
            config: { workflowId: 'child', inputs: { greeting: 'hi' }, outputMapping: { outcome: 'result' } },
          },
          noop('after'),
        ],
        [edge('call', 'after')],
      ),
      { others: { child } },
    );
    expect(run.status).toBe('completed');
    const childRun = [...runs.values()].find((candidate) => candidate.parentRunId === 'run_main')!;
    expect(childRun).toMatchObject({ status: 'completed', parentNodeId: 'call', workflowId: 'child' });
    const checkpoint = run.checkpoint as {
      inputs: Record<string, unknown>;
      nodes: Record<string, { outputs?: unknown }>;
    };
    expect(checkpoint.nodes.call?.outputs).toEqual({
      greeting: 'hi',
      childRunId: childRun.runId,
      childStatus: 'completed',
    });
    expect(checkpoint.inputs.outcome).toBe('done');
    expect(types).toEqual([
      'run.started',
      'node.started@call',
      'node.completed@call',
      'variable.changed@call',
      'node.started@after',
      'node.completed@after',
      'run.completed',
    ]);
  });

  it('fails the parent node when its child run fails', async () => {
    const child = { ...workflow([{ id: 'boom', typeId: 'core.fail' }], []), workflowId: 'child' };
    const { run } = await runToEnd(
      workflow([{ id: 'call', typeId: 'core.subWorkflow', config: { workflowId: 'child' } }], []),
      { others: { child } },
    );
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'child_run_failed' });
  });
});
