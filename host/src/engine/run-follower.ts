/**
 * Follows a run's event log from a resume point: every later event, in order, each exactly once, until the terminal
 * event. Live commits of this process arrive through the `RunEventHub`; storage fills every gap (a resume point
 * before what was published, commits of other processes, a reader that fell behind), so nothing is lost and nothing
 * is repeated whatever the timing.
 */
import type { RunStore, StoredEvent } from './ports.js';
import type { RunEventHub, RunEventUpdate } from './run-events.js';
import { isTerminal } from './run-state.js';

/** The event types that end a run's log. */
export const TERMINAL_EVENT_TYPES: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled']);

const READ_BATCH = 500;
/** Live events held for a reader that has not taken them yet; beyond this they are dropped and re-read from storage. */
const MAX_QUEUED_EVENTS = 2048;
const DEFAULT_RECHECK_MS = 1000;

/** Options of {@link followRun}. */
export interface FollowOptions {
  /** Follow from the event after this sequence; `-1` for the whole log. */
  afterSequence: number;
  /** Ends the iteration (the generator returns) when aborted. */
  signal: AbortSignal;
  /**
   * How long to wait without any notification before re-reading storage, so a commit whose notification was lost
   * (another process, a dropped LISTEN connection) is still seen.
   */
  recheckMs?: number;
  /**
   * Takes live events synchronously, as they are published, while the reader is caught up and waiting: they are then
   * not yielded. Readers that handle a batch synchronously (an SSE writer) pass it to save a round through the
   * generator per commit; the generator still returns after the terminal event.
   */
  onLive?: ((events: StoredEvent[]) => void) | undefined;
}

/** What {@link followRun} reads from. */
export interface FollowSources {
  runs: Pick<RunStore, 'get' | 'readEvents'>;
  events: RunEventHub;
  /** The caller's tenant, for the in-memory log of recent runs. */
  tenantId: string;
}

/**
 * Yields the events of `runId` after `options.afterSequence` in batches, gapless and without duplicates, and returns
 * after the batch holding the terminal event (at once when the log already ended at or before the resume point).
 * The subscription to live commits is taken before storage is first read, so no commit falls between the two.
 */
export async function* followRun(
  sources: FollowSources,
  runId: string,
  options: FollowOptions,
): AsyncGenerator<StoredEvent[], void, undefined> {
  const { signal } = options;
  const recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
  let queued: StoredEvent[] = [];
  let queueOverflowed = false;
  let announced = -1;
  let cursor = options.afterSequence;
  let hasEnded = false;
  /** When events last reached the reader without waking it (see `onLive`). */
  let heardAt = 0;
  let wake: (() => void) | undefined;
  const { onLive } = options;
  const onUpdate = (update: RunEventUpdate) => {
    if (update.lastSequence > announced) announced = update.lastSequence;
    // A caught-up reader takes events that continue its cursor at once, without a round through the generator.
    if (onLive && wake && !hasEnded && queued.length === 0 && !queueOverflowed && continues(update.events, cursor)) {
      cursor = update.lastSequence;
      heardAt = Date.now();
      onLive(update.events);
      if (endsLog(update.events)) {
        hasEnded = true;
        wake();
      }
      return;
    }
    if (queued.length + update.events.length > MAX_QUEUED_EVENTS) {
      queued = [];
      queueOverflowed = true;
    } else if (!queueOverflowed) {
      for (const event of update.events) queued.push(event);
    }
    wake?.();
  };
  const onAbort = () => wake?.();
  const unsubscribe = sources.events.subscribe(runId, onUpdate);
  signal.addEventListener('abort', onAbort);
  try {
    let mustRead = true;
    while (!signal.aborted && !hasEnded) {
      // Live events that continue the cursor go out without a read; a gap means storage knows more.
      if (queued.length > 0) {
        const batch: StoredEvent[] = [];
        for (const event of queued) {
          if (event.sequence === cursor + 1) {
            batch.push(event);
            cursor = event.sequence;
          } else if (event.sequence > cursor + 1) {
            mustRead = true;
            break;
          }
        }
        queued = batch.length === queued.length ? [] : queued.filter((event) => event.sequence > cursor);
        if (batch.length > 0) {
          yield batch;
          if (endsLog(batch)) return;
          continue;
        }
      }
      if (queueOverflowed) {
        queueOverflowed = false;
        mustRead = true;
      }
      if (mustRead || announced > cursor) {
        mustRead = false;
        const read =
          sources.events.recent(runId, sources.tenantId, cursor)?.events.slice(0, READ_BATCH) ??
          (await sources.runs.readEvents(runId, cursor, READ_BATCH));
        if (read.length > 0) {
          cursor = read[read.length - 1]!.sequence;
          queued = queued.filter((event) => event.sequence > cursor);
          mustRead = read.length === READ_BATCH;
          yield read;
          if (endsLog(read)) return;
          continue;
        }
        const run = await sources.runs.get(runId);
        if (!run || (isTerminal(run.status) && run.nextSequence - 1 <= cursor)) return;
      }
      // Anything that arrived while reading is handled before sleeping.
      if (queued.length > 0 || queueOverflowed || announced > cursor || signal.aborted || hasEnded) continue;
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), recheckMs);
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      wake = undefined;
      // Storage is re-read only after `recheckMs` without any news, also news taken by `onLive`.
      if (timedOut && Date.now() - heardAt >= recheckMs) mustRead = true;
    }
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', onAbort);
  }
}

/** Whether `events` are gapless and start right after `cursor`. */
function continues(events: StoredEvent[], cursor: number): boolean {
  return events.length > 0 && events.every((event, index) => event.sequence === cursor + 1 + index);
}

function endsLog(events: StoredEvent[]): boolean {
  return events.some((event) => TERMINAL_EVENT_TYPES.has(event.type));
}
