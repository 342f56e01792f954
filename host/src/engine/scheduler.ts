/**
 * Drives runs: claims runnable runs with a lease, executes their steps one commit at a time, renews leases while
 * working, releases runs that wait (timers, children, interrupts) and wakes them when they are due.
 */
import type { Clock } from './clock.js';
import { buildCancelCommit, type RunExecutor, type StepLookup } from './executor.js';
import type { IdSource } from './ids.js';
import type { RunStore, StoredEvent, StoredRun, StoredWorkflow, SuspendedRunStore, WorkflowStore } from './ports.js';
import { ReplaySources } from './replay.js';
import { isTerminal, readCheckpoint, WAITING_STATUSES, workflowOwner } from './run-state.js';
import type { Logger } from '../logger.js';

/** Tuning of the scheduler. */
export interface SchedulerOptions {
  /** Identifies this host process in run leases. */
  owner: string;
  runs: RunStore;
  workflows: WorkflowStore;
  /** Resolves a workflow id for a tenant (own or shared), for child runs. */
  resolveWorkflow: (tenantId: string, workflowId: string) => Promise<StoredWorkflow | undefined>;
  executor: RunExecutor;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** How long a lease lasts without renewal (default 15 s). A crashed process's runs are picked up after this. */
  leaseMs?: number;
  /** How often to look for runnable runs in the database (default 250 ms). */
  pollIntervalMs?: number;
  /** Most runs this process drives at once (default 256). */
  maxActiveRuns?: number;
  /** Called with the events of every successful commit (live subscribers). */
  onCommitted?: (runId: string, events: StoredEvent[]) => void;
  /** Suspended runs whose wake-up is due (interrupt deadlines); without it they are only woken by a resolve. */
  suspendedRuns?: SuspendedRunStore;
}

interface ActiveRun {
  abort: AbortController;
  done: Promise<void>;
}

/** The run driver of one host process. */
export class Scheduler {
  readonly #options: Required<Omit<SchedulerOptions, 'onCommitted' | 'suspendedRuns'>> &
    Pick<SchedulerOptions, 'onCommitted' | 'suspendedRuns'>;
  readonly #active = new Map<string, ActiveRun>();
  #pollTimer: NodeJS.Timeout | undefined;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #wakeTimer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  #polling: Promise<void> | undefined;
  #pollAgain = false;
  #stopped = true;
  readonly #lookup: StepLookup;
  readonly #revisions = new Map<string, StoredWorkflow>();

  constructor(options: SchedulerOptions) {
    this.#options = { leaseMs: 15_000, pollIntervalMs: 250, maxActiveRuns: 256, ...options };
    const replaySources = new ReplaySources(this.#options.runs);
    this.#lookup = {
      loadRun: (runId) => this.#options.runs.get(runId),
      loadWorkflow: (tenantId, workflowId) => this.#options.resolveWorkflow(tenantId, workflowId),
      replaySource: (origin) => replaySources.get(origin),
    };
  }

  /** This process's lease owner id. */
  get owner(): string {
    return this.#options.owner;
  }

  /** Lease length in ms. */
  get leaseMs(): number {
    return this.#options.leaseMs;
  }

  /** Starts polling for runnable runs and renewing leases. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#pollTimer = setInterval(() => this.poke(), this.#options.pollIntervalMs);
    this.#pollTimer.unref();
    this.#heartbeatTimer = setInterval(() => void this.#renew(), Math.max(50, Math.floor(this.#options.leaseMs / 3)));
    this.#heartbeatTimer.unref();
    this.poke();
  }

  /** Stops claiming work, aborts active runs (their leases lapse and another process or restart resumes them). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#pollTimer);
    clearInterval(this.#heartbeatTimer);
    clearTimeout(this.#wakeTimer);
    for (const active of this.#active.values()) active.abort.abort(new Error('host shutting down'));
    await Promise.allSettled([...this.#active.values()].map((active) => active.done));
    await this.#polling;
  }

  /** Drives a run this process already holds the lease of (a run it just created). */
  submit(run: StoredRun): void {
    if (this.#stopped || this.#active.has(run.runId)) return;
    this.#spawn(run);
  }

  /** Makes sure this process looks for due runs at `wakeAt` (epoch ms) at the latest. */
  noteWake(wakeAt: number | null): void {
    this.#armWakeTimer(wakeAt);
  }

  /** Asks the active worker of `runId` (if it runs here) to stop its current step; resolves when it has. */
  async interrupt(runId: string): Promise<boolean> {
    const active = this.#active.get(runId);
    if (!active) return false;
    active.abort.abort(new Error('run interrupted'));
    await active.done;
    return true;
  }

  /** Whether this process is driving `runId` right now. */
  isActive(runId: string): boolean {
    return this.#active.has(runId);
  }

  /** Looks for runnable runs now (coalesced with a poll in progress). */
  poke(): void {
    if (this.#stopped) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#polling = this.#poll()
      .catch((error: unknown) => this.#options.logger.error('scheduler poll failed', { error: String(error) }))
      .finally(() => {
        this.#polling = undefined;
        if (this.#pollAgain) {
          this.#pollAgain = false;
          this.poke();
        }
      });
  }

  async #poll(): Promise<void> {
    const { runs, clock, owner, leaseMs, maxActiveRuns, suspendedRuns } = this.#options;
    const capacity = maxActiveRuns - this.#active.size;
    if (capacity > 0) {
      if (suspendedRuns) await this.#wakeSuspended(suspendedRuns, capacity);
      const claimed = await runs.claimRunnable(owner, clock.now().getTime(), leaseMs, capacity);
      for (const run of claimed) if (!this.#active.has(run.runId)) this.#spawn(run);
    }
    this.#armWakeTimer(await runs.nextWakeAt());
    if (suspendedRuns) this.#armWakeTimer(await suspendedRuns.nextWakeAt());
  }

  /**
   * Moves suspended runs whose wake-up is due back to `running`, so the claim that follows picks them up and the
   * executor records the timeout (or runs the due timer). The move is conditional on the run's sequence and status:
   * of several processes, or of a racing resolve, exactly one changes the run.
   */
  async #wakeSuspended(suspendedRuns: SuspendedRunStore, limit: number): Promise<void> {
    const { runs, clock } = this.#options;
    const now = clock.now().getTime();
    for (const runId of await suspendedRuns.listDue(now, limit)) {
      const run = await runs.get(runId);
      if (!run || !WAITING_STATUSES.has(run.status) || run.wakeAt === null || run.wakeAt > now) continue;
      await runs.commit([
        {
          runId,
          expectedNextSequence: run.nextSequence,
          expectedStatus: run.status,
          events: [],
          patch: { status: 'running' },
        },
      ]);
    }
  }

  /** Keeps one timer for the earliest known wake-up, so timers fire on time rather than on the next poll. */
  #armWakeTimer(wakeAt: number | null): void {
    if (wakeAt === null || this.#stopped) return;
    if (wakeAt >= this.#wakeAt && this.#wakeTimer) return;
    clearTimeout(this.#wakeTimer);
    this.#wakeAt = wakeAt;
    const delay = Math.max(0, wakeAt - this.#options.clock.now().getTime());
    this.#wakeTimer = setTimeout(() => {
      this.#wakeAt = Number.POSITIVE_INFINITY;
      this.#wakeTimer = undefined;
      this.poke();
    }, delay);
    this.#wakeTimer.unref();
  }

  async #renew(): Promise<void> {
    const ids = [...this.#active.keys()];
    if (ids.length === 0) return;
    const { runs, owner, clock, leaseMs } = this.#options;
    try {
      const held = new Set(await runs.renewLeases(owner, ids, clock.now().getTime(), leaseMs));
      for (const id of ids) {
        // Lost lease: another process took the run over; stop touching it.
        if (!held.has(id)) this.#active.get(id)?.abort.abort(new Error('lease lost'));
      }
    } catch (error) {
      this.#options.logger.warn('lease renewal failed', { error: String(error) });
    }
  }

  #spawn(run: StoredRun): void {
    const abort = new AbortController();
    const done = this.#drive(run, abort.signal)
      .catch((error: unknown) => {
        this.#options.logger.error('run worker failed', {
          runId: run.runId,
          error: error instanceof Error ? error.stack : String(error),
        });
      })
      .finally(() => {
        const wasFull = this.#active.size >= this.#options.maxActiveRuns;
        this.#active.delete(run.runId);
        // Runs may have waited for capacity: look again (otherwise the next regular poll finds new work).
        if (wasFull) this.poke();
      });
    this.#active.set(run.runId, { abort, done });
  }

  async #drive(initial: StoredRun, signal: AbortSignal): Promise<void> {
    const { runs, executor, clock, ids, owner, leaseMs } = this.#options;
    let run = initial;
    const workflow = await this.#workflowRevision(run);
    for (;;) {
      if (signal.aborted) {
        // Interrupted (cancel, pause, shutdown or a lost lease): the new state is handled by whoever interrupted,
        // or on the next claim; a cancel asks us to finish it if we still hold the run.
        const fresh = await runs.get(run.runId);
        if (!fresh || fresh.leaseOwner !== owner || fresh.status !== 'cancelling' || this.#stopped) return;
        run = fresh;
      }
      if (isTerminal(run.status)) return;
      if (run.status === 'cancelling') {
        const [events] = await runs.commit([
          buildCancelCommit(run, clock, ids, cancelOf(run, { reason: 'cancelled', cancelledBy: 'system' })),
        ]);
        if (events) {
          this.#options.onCommitted?.(run.runId, events);
          await this.cancelChildren(run.runId, 'parent-cancelled');
          return;
        }
        run = (await runs.get(run.runId)) ?? run;
        continue;
      }
      if (run.status !== 'pending' && run.status !== 'running') {
        await this.#release(run);
        return;
      }
      if (!workflow) {
        this.#options.logger.error('run references a missing workflow revision', {
          runId: run.runId,
          workflowId: run.workflowId,
        });
        return;
      }
      const step = await executor.executeStep(run, workflow, signal, this.#lookup);
      if (signal.aborted && !isTerminal(step.commit.patch.status ?? '')) {
        // The step's work is discarded: it re-runs (with the same effect keys) when the run is driven again.
        run = (await runs.get(run.runId)) ?? run;
        continue;
      }
      const commit = step.commit;
      commit.expectedStatus = run.status;
      for (const child of commit.insertRuns ?? []) {
        child.leaseOwner = owner;
        child.leaseExpiresAt = clock.now().getTime() + leaseMs;
      }
      if (step.waiting || step.terminal) {
        // Waiting or finished runs hold no lease; releasing it in the same commit saves a write.
        commit.patch.leaseOwner = null;
        commit.patch.leaseExpiresAt = null;
      }
      const [events] = await runs.commit([commit]);
      if (!events) {
        // Someone else changed the run (cancel, pause, another worker): start again from what is stored.
        const fresh = await runs.get(run.runId);
        if (!fresh || (fresh.leaseOwner !== owner && fresh.leaseOwner !== null)) return;
        run = fresh;
        continue;
      }
      this.#options.onCommitted?.(run.runId, events);
      run = applyCommitted(run, commit, events.length);
      for (const childRunId of step.startedChildren) {
        const child = await runs.get(childRunId);
        if (child) this.submit(child);
      }
      if (step.terminal) {
        if (commit.wakeRuns?.length) this.poke();
        return;
      }
      if (step.waiting) {
        // A child that ended while this step ran woke the run (`wakeRuns`) before this commit set its wake time back
        // to the run's deadline: drive the run on now, or it would sleep until then.
        if (await this.#hasEndedChild(run, step.startedChildren)) {
          const claimed = await runs.claim(run.runId, owner, clock.now().getTime(), leaseMs);
          if (!claimed) return;
          run = claimed;
          continue;
        }
        this.#armWakeTimer(run.wakeAt);
        return;
      }
    }
  }

  /**
   * Whether a child run that `run` still waits for has already ended. Children started by the step just committed are
   * left out: if they have ended, they woke the run after that commit.
   */
  async #hasEndedChild(run: StoredRun, startedChildren: string[]): Promise<boolean> {
    for (const state of Object.values(readCheckpoint(run).nodes)) {
      if (state.status !== 'waiting-child' || !state.childRunId || startedChildren.includes(state.childRunId)) continue;
      const child = await this.#options.runs.get(state.childRunId);
      if (child && isTerminal(child.status)) return true;
    }
    return false;
  }

  /** The workflow revision a run is pinned to; revisions never change, so they are cached. */
  async #workflowRevision(run: StoredRun): Promise<StoredWorkflow | undefined> {
    const owner = workflowOwner(run);
    const key = `${owner}\u0000${run.workflowId}\u0000${run.workflowRevision}`;
    const cached = this.#revisions.get(key);
    if (cached) return cached;
    const workflow = await this.#options.workflows.get(owner, run.workflowId, run.workflowRevision);
    if (workflow) {
      if (this.#revisions.size >= 1000) this.#revisions.delete(this.#revisions.keys().next().value!);
      this.#revisions.set(key, workflow);
    }
    return workflow;
  }

  /** Cancels every non-terminal child run of `parentRunId` (cascade), recursively. */
  async cancelChildren(parentRunId: string, reason: string): Promise<void> {
    const { runs } = this.#options;
    for (const child of await runs.listChildren(parentRunId)) {
      if (isTerminal(child.status)) continue;
      await this.requestCancel(child.runId, { reason, cancelledBy: 'system', parentRunId });
    }
  }

  /**
   * Cancels a run: marks it `cancelling`, then finishes the cancel here if no other process holds the run, or
   * leaves it to the holder. Resolves with the status reached.
   */
  async requestCancel(
    runId: string,
    cancel: { reason: string; cancelledBy: string; parentRunId?: string },
  ): Promise<StoredRun | undefined> {
    const { runs, clock, ids, owner, leaseMs } = this.#options;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      // Stop our own worker first: it commits step after step, and the conditional commit below would keep losing to it.
      await this.interrupt(runId);
      const run = await runs.get(runId);
      if (!run || isTerminal(run.status)) return run;
      if (run.status !== 'cancelling') {
        const checkpoint = { ...(run.checkpoint as Record<string, unknown>), cancel };
        const [ok] = await runs.commit([
          {
            runId,
            expectedNextSequence: run.nextSequence,
            expectedStatus: run.status,
            events: [],
            patch: { status: 'cancelling', checkpoint, wakeAt: null },
          },
        ]);
        if (!ok) continue;
      }
      // A worker may have claimed the run since (it is active again once cancelling); stop it too.
      await this.interrupt(runId);
      const claimed = await runs.claim(runId, owner, clock.now().getTime(), leaseMs);
      if (!claimed) return runs.get(runId);
      if (isTerminal(claimed.status)) return claimed;
      const [events] = await runs.commit([buildCancelCommit(claimed, clock, ids, cancelOf(claimed, cancel))]);
      if (!events) continue;
      this.#options.onCommitted?.(runId, events);
      await this.cancelChildren(runId, 'parent-cancelled');
      return runs.get(runId);
    }
    return runs.get(runId);
  }

  async #release(run: StoredRun): Promise<void> {
    if (run.leaseOwner !== this.#options.owner) return;
    const [ok] = await this.#options.runs.commit([
      {
        runId: run.runId,
        expectedNextSequence: run.nextSequence,
        events: [],
        patch: { leaseOwner: null, leaseExpiresAt: null },
      },
    ]);
    void ok;
  }
}

function cancelOf(run: StoredRun, fallback: { reason: string; cancelledBy: string; parentRunId?: string }) {
  const stored = (run.checkpoint as { cancel?: typeof fallback }).cancel;
  return stored ?? fallback;
}

/** The run as it is after `commit` was applied (saves a read per step). */
function applyCommitted(run: StoredRun, commit: { patch: Record<string, unknown> }, appended: number): StoredRun {
  return { ...run, ...(commit.patch as Partial<StoredRun>), nextSequence: run.nextSequence + appended };
}
