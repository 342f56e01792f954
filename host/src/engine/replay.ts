/**
 * What a forked run reuses from its source: the recorded outcome of every node execution in the source's log, keyed
 * by node and execution ordinal (the n-th `node.started` of that node). A fork re-executes its workflow from the start;
 * executions the source settled before `fromSeq` are fixed history and replay their recorded outcome, and in `replay`
 * mode a side-effecting node never runs again: it takes the recorded outcome of the same ordinal or, without one,
 * fails closed with `replay_source_missing`, and a node that waited on an interrupt replays its recorded decision.
 */
import type { RunStore, StoredEvent, StoredRun } from './ports.js';
import type { RunErrorShape } from './run-state.js';

const TERMINAL_TYPES: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled']);

/** Where a forked run comes from; stored in its options as `fork`. */
export interface ForkOrigin {
  sourceRunId: string;
  /** First sequence that is not fixed history. */
  fromSeq: number;
  mode: 'replay' | 'branch';
}

/** One settled execution of a node in the source run. */
export interface RecordedExecution {
  outcome: { kind: 'completed'; outputs: Record<string, unknown> } | { kind: 'failed'; error: RunErrorShape };
  /** Sequence of its `node.completed` or `node.failed`. */
  sequence: number;
  /** The `durationMs` it reported. */
  durationMs?: number | undefined;
  /** Whether it waited for a human or an external event (raised an interrupt) before it settled. */
  interrupted?: boolean;
  /** Its channel writes and variable changes, in log order. */
  writes: Array<{ channel: string; value: unknown }>;
  sets: Array<{ name: string; value: unknown }>;
}

/** How a fork executes one node execution. */
export type ReplayDecision =
  | { use: 'record'; record: RecordedExecution }
  | { use: 'live' }
  /** A side-effecting node in `replay` mode whose execution the source never settled. */
  | { use: 'missing' };

/** The fork origin of a run, if it is a fork. */
export function forkOriginOf(run: Pick<StoredRun, 'options'>): ForkOrigin | undefined {
  const fork = (run.options as { fork?: ForkOrigin }).fork;
  return fork && typeof fork.sourceRunId === 'string' ? fork : undefined;
}

/** The recorded executions of a source run, and the decision rules of a fork of it. */
export class ReplaySource {
  readonly origin: ForkOrigin;
  readonly #executions: Map<string, RecordedExecution[]>;
  readonly #runDurationMs: number | undefined;

  constructor(origin: ForkOrigin, executions: Map<string, RecordedExecution[]>, runDurationMs?: number) {
    this.origin = origin;
    this.#executions = executions;
    this.#runDurationMs = runDurationMs;
  }

  /**
   * The duration a replay fork reports for execution `ordinal` of `nodeId` (or, without a node, for the run): the
   * source's, so that replays of the same point log the same payloads; `computed` when not replaying or unrecorded.
   */
  durationMs(computed: number, nodeId?: string, ordinal = 0): number {
    if (this.origin.mode !== 'replay') return computed;
    const recorded = nodeId === undefined ? this.#runDurationMs : this.#executions.get(nodeId)?.[ordinal]?.durationMs;
    return recorded ?? computed;
  }

  /** Indexes the source's whole log (in sequence order). */
  static fromLog(origin: ForkOrigin, events: readonly StoredEvent[]): ReplaySource {
    const started = new Map<string, number>();
    // Nodes whose current execution raised an interrupt.
    const interrupted = new Set<string>();
    const executions = new Map<string, RecordedExecution[]>();
    let runDurationMs: number | undefined;
    const settle = (nodeId: string, record: Omit<RecordedExecution, 'writes' | 'sets'>) => {
      const ordinal = (started.get(nodeId) ?? 1) - 1;
      const list = executions.get(nodeId) ?? [];
      list[ordinal] = { ...record, writes: [], sets: [], ...(interrupted.has(nodeId) ? { interrupted: true } : {}) };
      executions.set(nodeId, list);
    };
    for (const event of events) {
      const payload = (event.payload ?? {}) as Record<string, unknown>;
      if (TERMINAL_TYPES.has(event.type) && typeof payload.durationMs === 'number') runDurationMs = payload.durationMs;
      const nodeId = event.nodeId ?? (typeof payload.nodeId === 'string' ? payload.nodeId : undefined);
      if (nodeId === undefined) continue;
      switch (event.type) {
        case 'node.started':
          started.set(nodeId, (started.get(nodeId) ?? 0) + 1);
          interrupted.delete(nodeId);
          break;
        case 'interrupt.requested':
          interrupted.add(nodeId);
          break;
        case 'node.completed':
          settle(nodeId, {
            outcome: { kind: 'completed', outputs: (payload.outputs ?? {}) as Record<string, unknown> },
            sequence: event.sequence,
            durationMs: typeof payload.durationMs === 'number' ? payload.durationMs : undefined,
          });
          break;
        case 'node.failed':
          settle(nodeId, {
            outcome: { kind: 'failed', error: payload.error as RunErrorShape },
            sequence: event.sequence,
          });
          break;
        // Writes are logged after the node settles, in the same step.
        case 'channel.written':
          lastOf(executions, nodeId)?.writes.push({ channel: String(payload.channel), value: payload.value });
          break;
        case 'variable.changed':
          lastOf(executions, nodeId)?.sets.push({ name: String(payload.name), value: payload.next });
          break;
      }
    }
    return new ReplaySource(origin, executions, runDurationMs);
  }

  /** How the fork runs execution `ordinal` (0-based) of `nodeId`. */
  decide(nodeId: string, ordinal: number, sideEffects: boolean): ReplayDecision {
    const record = this.#executions.get(nodeId)?.[ordinal];
    if (record !== undefined && record.sequence < this.origin.fromSeq) return { use: 'record', record };
    if (this.origin.mode === 'replay' && sideEffects) return record ? { use: 'record', record } : { use: 'missing' };
    // A human's recorded decision is replayed, never asked for again.
    if (this.origin.mode === 'replay' && record?.interrupted) return { use: 'record', record };
    return { use: 'live' };
  }
}

function lastOf(executions: Map<string, RecordedExecution[]>, nodeId: string): RecordedExecution | undefined {
  const list = executions.get(nodeId);
  return list?.[list.length - 1];
}

const READ_BATCH = 1000;
/** Source indexes kept for forks in flight (a source log is read once per fork origin, not once per step). */
const CACHED_SOURCES = 64;

/** Reads and indexes source logs for forks, keeping the most recent ones. */
export class ReplaySources {
  readonly #runs: Pick<RunStore, 'readEvents'>;
  readonly #cache = new Map<string, Promise<ReplaySource>>();

  constructor(runs: Pick<RunStore, 'readEvents'>) {
    this.#runs = runs;
  }

  /** The index of `origin.sourceRunId`'s whole log under `origin`'s rules. */
  get(origin: ForkOrigin): Promise<ReplaySource> {
    const key = `${origin.sourceRunId}\u0000${origin.fromSeq}\u0000${origin.mode}`;
    let source = this.#cache.get(key);
    if (source === undefined) {
      source = this.#load(origin);
      source.catch(() => this.#cache.delete(key));
      if (this.#cache.size >= CACHED_SOURCES) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(key, source);
    }
    return source;
  }

  async #load(origin: ForkOrigin): Promise<ReplaySource> {
    const events: StoredEvent[] = [];
    for (;;) {
      const batch = await this.#runs.readEvents(origin.sourceRunId, events.length - 1, READ_BATCH);
      events.push(...batch);
      if (batch.length < READ_BATCH) return ReplaySource.fromLog(origin, events);
    }
  }
}
