/**
 * Commit notices between host processes sharing one PostgreSQL database: every transaction that appends run events
 * also sends `NOTIFY wopkit_run_events` (delivered only if it commits), and each process LISTENs, so a stream served
 * by one process hears of events another process committed. Notices only wake readers; the events themselves are
 * always read from the database.
 */
import pg from 'pg';
import type { Logger } from '../logger.js';

/** The NOTIFY channel. */
export const RUN_EVENTS_CHANNEL = 'wopkit_run_events';

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more.
const MAX_PAYLOAD_BYTES = 7900;
const MAX_RECONNECT_DELAY_MS = 5000;

/**
 * Payloads announcing that `lastSequences` (run id → last committed sequence) were committed by `origin`:
 * `"<origin> <runId>:<sequence> …"`, split so each stays under PostgreSQL's payload limit.
 */
export function formatRunCommitNotices(origin: string, lastSequences: ReadonlyMap<string, number>): string[] {
  const payloads: string[] = [];
  let current = origin;
  for (const [runId, sequence] of lastSequences) {
    const entry = ` ${runId}:${sequence}`;
    if (current.length + entry.length > MAX_PAYLOAD_BYTES && current !== origin) {
      payloads.push(current);
      current = origin;
    }
    current += entry;
  }
  if (current !== origin) payloads.push(current);
  return payloads;
}

/** One announced commit. */
export interface RunCommitNotice {
  runId: string;
  lastSequence: number;
}

/** Reads a payload of {@link formatRunCommitNotices}; malformed entries are skipped. */
export function parseRunCommitNotices(payload: string): { origin: string; notices: RunCommitNotice[] } {
  const [origin = '', ...entries] = payload.split(' ');
  const notices: RunCommitNotice[] = [];
  for (const entry of entries) {
    const colon = entry.lastIndexOf(':');
    const lastSequence = Number(entry.slice(colon + 1));
    if (colon > 0 && Number.isInteger(lastSequence) && lastSequence >= 0) {
      notices.push({ runId: entry.slice(0, colon), lastSequence });
    }
  }
  return { origin, notices };
}

/** A LISTEN connection; `close` ends it. */
export interface RunCommitListener {
  close(): Promise<void>;
}

/**
 * Listens on a dedicated connection for commit notices of other origins than `ownOrigin` and calls `onNotice` for
 * each. A lost connection is re-established with capped backoff; notices sent meanwhile are missed, which readers
 * cover by re-reading storage on their own schedule.
 */
export async function listenForRunCommits(
  connectionString: string,
  ownOrigin: string,
  onNotice: (notice: RunCommitNotice) => void,
  logger: Logger,
): Promise<RunCommitListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel !== RUN_EVENTS_CHANNEL || message.payload === undefined) return;
      const { origin, notices } = parseRunCommitNotices(message.payload);
      if (origin === ownOrigin) return;
      for (const notice of notices) onNotice(notice);
    });
    next.on('error', (error) => {
      logger.warn('run commit listener lost its connection', { error: error.message });
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    failures = 0;
  };
  const scheduleReconnect = () => {
    client = undefined;
    if (closed || retryTimer) return;
    failures += 1;
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        connect().catch((error: unknown) => {
          logger.warn('run commit listener could not reconnect', { error: String(error) });
          scheduleReconnect();
        });
      },
      Math.min(MAX_RECONNECT_DELAY_MS, 100 * 2 ** failures),
    );
    retryTimer.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
    },
  };
}
