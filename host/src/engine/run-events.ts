/** In-process notification of committed events, so waiting readers (long-poll, streams) wake at once. */
import { EventEmitter } from 'node:events';
import type { StoredEvent } from './ports.js';

/** How many recently created runs keep their log in memory for readers. */
const TRACKED_RUNS = 4096;
/** Longest log kept in memory per run. */
const TRACKED_EVENTS = 512;
const TERMINAL_TYPES: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled']);

/**
 * What subscribers of a run hear after each commit: the committed events when they were made here, or only the last
 * committed sequence when another process made them.
 */
export interface RunEventUpdate {
  events: StoredEvent[];
  lastSequence: number;
}

interface TrackedLog {
  tenantId: string;
  events: StoredEvent[];
}

/**
 * Publishes committed events per run and lets readers wait for the next ones. It also keeps the logs of runs this
 * process created (from sequence 0, as long as every commit passed through here) so that readers of a fresh run are
 * served without a database read. A gap (a commit made by another process) drops the run from the cache; storage
 * stays the authority.
 */
export class RunEventHub {
  readonly #emitter = new EventEmitter();
  readonly #logs = new Map<string, TrackedLog>();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  /** Starts keeping the log of a run created by this process. */
  track(runId: string, tenantId: string): void {
    if (this.#logs.size >= TRACKED_RUNS) this.#logs.delete(this.#logs.keys().next().value!);
    this.#logs.set(runId, { tenantId, events: [] });
  }

  /** Announces events just committed for `runId` by this process. */
  publish(runId: string, events: StoredEvent[]): void {
    if (events.length === 0) return;
    const log = this.#logs.get(runId);
    if (log) {
      const next = log.events.length;
      if (events[0]!.sequence !== next || next + events.length > TRACKED_EVENTS) this.#logs.delete(runId);
      else log.events.push(...events);
    }
    const update: RunEventUpdate = { events, lastSequence: events[events.length - 1]!.sequence };
    this.#emitter.emit(runId, update);
  }

  /**
   * Announces that events of `runId` up to `lastSequence` were committed elsewhere (another host process): readers
   * fetch them from storage. Runs this process keeps in memory stop being served from memory.
   */
  announce(runId: string, lastSequence: number): void {
    const log = this.#logs.get(runId);
    if (log && log.events.length <= lastSequence) this.#logs.delete(runId);
    const update: RunEventUpdate = { events: [], lastSequence };
    this.#emitter.emit(runId, update);
  }

  /**
   * Events after `afterSequence` from the in-memory log of a tracked run of `tenantId`, with whether the last one ends
   * the run; `undefined` when the run is not tracked or nothing newer is known here.
   */
  recent(
    runId: string,
    tenantId: string,
    afterSequence: number,
  ): { events: StoredEvent[]; isComplete: boolean } | undefined {
    const log = this.#logs.get(runId);
    if (!log || log.tenantId !== tenantId || log.events.length <= afterSequence + 1) return undefined;
    const events = log.events.slice(afterSequence + 1);
    return { events, isComplete: TERMINAL_TYPES.has(events[events.length - 1]!.type) };
  }

  /** Subscribes to a run's commits; returns the unsubscribe function. */
  subscribe(runId: string, listener: (update: RunEventUpdate) => void): () => void {
    this.#emitter.on(runId, listener);
    return () => this.#emitter.off(runId, listener);
  }

  /**
   * Watches a run's commits from now on, so that a reader can check storage and then wait without missing a commit
   * that lands in between: `next` resolves at once if an update arrived since the watch began (or since the previous
   * `next`), else at the next update, after `timeoutMs`, or when `signal` aborts. Close the watch when done.
   */
  watch(runId: string): RunWatch {
    let hasUpdate = false;
    let wake: (() => void) | undefined;
    const unsubscribe = this.subscribe(runId, () => {
      hasUpdate = true;
      wake?.();
    });
    return {
      next: (timeoutMs, signal) =>
        new Promise<void>((resolve) => {
          const finish = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', finish);
            wake = undefined;
            hasUpdate = false;
            resolve();
          };
          const timer = setTimeout(finish, hasUpdate || signal?.aborted ? 0 : timeoutMs);
          wake = finish;
          signal?.addEventListener('abort', finish, { once: true });
        }),
      close: unsubscribe,
    };
  }
}

/** A watch on one run's commits; see {@link RunEventHub.watch}. */
export interface RunWatch {
  next(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): void;
}
