/**
 * The SSE section of `npm run bench`: one run's event stream (`streamMode=debug`) followed by many concurrent
 * subscribers over raw node:http. Measures delivery latency from each event's commit timestamp to its receipt, and
 * checks that every subscriber got the run's whole log exactly once, in order.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { DEFAULT_LIMITS } from '../src/host.js';
import { BENCH_KEY } from './bench-host.js';
import { SseReader, type SseFrame } from '../test/support/sse-reader.js';

/** Options of {@link measureSseFanOut}. */
export interface SseFanOutOptions {
  /** Concurrent subscribers of the one run. */
  subscribers: number;
  /** The first node's delay (ms): the subscribers connect and catch up while it sleeps. */
  gateMs: number;
  /** `core.delay` nodes chained after the gate; each adds two events (at most 99: the host's per-run cap). */
  steps: number;
  /** Delay of each of those nodes (ms). */
  stepDelayMs: number;
  /** Longest wait for every stream to end once the run was created (ms). */
  timeoutMs: number;
}

/** What {@link measureSseFanOut} measured. */
export interface SseFanOutResult {
  subscribers: number;
  /** Events in the run's log. */
  events: number;
  /** Events committed after every subscriber was following the run live; latency is measured on these. */
  measuredEvents: number;
  /** Measured (subscriber, event) deliveries: `subscribers × measuredEvents`. */
  deliveries: number;
  /** Delivery latency, event `timestamp` → receipt (ms). */
  p50: number;
  p99: number;
  max: number;
  /** Receipt of an event by a subscriber minus its first receipt by any subscriber (ms): the fan-out spread. */
  spreadP99: number;
  /** Measured deliveries per second across all subscribers, over the span of the measured events. */
  deliveriesPerSecond: number;
  /** From `createRun`'s answer until the last subscriber had its first event frame (ms). */
  allFollowingMs: number;
  /** From the first measured event's timestamp to the last receipt of the terminal event (ms). */
  liveSpanMs: number;
}

/** The workflow: a gate of `gateMs`, then `steps` short delays in a chain. */
export function sseWorkflow(options: Pick<SseFanOutOptions, 'gateMs' | 'steps' | 'stepDelayMs'>) {
  const delay = (id: string, delayMs: number) => ({
    id,
    typeId: 'core.delay',
    name: id,
    position: { x: 0, y: 0 },
    config: { delayMs },
    inputs: {},
  });
  const stepIds = Array.from({ length: options.steps }, (_, i) => `s${i}`);
  const chain = ['gate', ...stepIds];
  return {
    id: 'bench-sse-events',
    name: `gate of ${options.gateMs} ms, then ${options.steps} delays of ${options.stepDelayMs} ms`,
    version: '1',
    nodes: [delay('gate', options.gateMs), ...stepIds.map((id) => delay(id, options.stepDelayMs))],
    edges: chain.slice(1).map((id, i) => ({ id: `e${i}`, sourceNodeId: chain[i]!, targetNodeId: id })),
    triggers: [{ id: 'manual', type: 'manual' }],
    variables: [],
    metadata: {},
    settings: {},
  };
}

interface LogEvent {
  eventId: string;
  type: string;
  sequence: number;
  timestamp: string;
}

/** A frame with the wall-clock time (ms) its chunk arrived. */
interface ReceivedFrame extends SseFrame {
  receivedAt: number;
}

interface Subscriber {
  index: number;
  firstFrameAt: number | undefined;
  /** Whether `retry:` arrived before the first event frame. */
  hadRetryFirst: boolean;
  frames: ReceivedFrame[];
  status: number | undefined;
  contentType: string | undefined;
  ended: boolean;
  error: Error | undefined;
}

/** File descriptors each process needs beyond one per subscriber socket (database, log, listeners, spare). */
const SPARE_DESCRIPTORS = 256;
/** Subscribers named in an error message, at most. */
const REPORTED_PROBLEMS = 10;

/**
 * Registers the workflow, creates one run, opens `subscribers` SSE streams of it at once and follows them to the end.
 * @throws Error when a subscriber's stream fails, stalls, or does not carry the run's log exactly once in order.
 */
export async function measureSseFanOut(url: string, options: SseFanOutOptions): Promise<SseFanOutResult> {
  // The gate and every step are node executions, which the host caps per run.
  if (options.steps + 1 > DEFAULT_LIMITS.maxNodeExecutions) {
    throw new Error(
      `BENCH_SSE_STEPS may be at most ${DEFAULT_LIMITS.maxNodeExecutions - 1} (the host's node executions per run)`,
    );
  }
  if (!Number.isInteger(options.subscribers) || options.subscribers < 1) {
    throw new Error(`BENCH_SSE_SUBSCRIBERS must be a positive integer, not ${options.subscribers}`);
  }
  const workflow = sseWorkflow(options);
  const registered = await request(`${url}/v1/workflows`, 'POST', workflow);
  if (registered.status >= 300)
    throw new Error(`registering the ${workflow.id} workflow failed: ${JSON.stringify(registered.body)}`);

  const created = await request(`${url}/v1/runs`, 'POST', { workflowId: workflow.id });
  if (created.status !== 201) throw new Error(`createRun answered ${created.status}: ${JSON.stringify(created.body)}`);
  const createdAt = Date.now();
  const { runId } = created.body as { runId: string };

  // One socket per subscriber; keepAlive as a real client would have (the streams are long-lived anyway).
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.subscribers });
  const subscribers: Subscriber[] = [];
  let following = 0;
  let allFollowingAt: number | undefined;
  let liveAfterSequence = -1;
  const onFirstFrame = (receivedAt: number) => {
    following += 1;
    if (following < options.subscribers) return;
    // Every subscriber is past its catch-up read and so subscribed to live commits: later events are live for all.
    allFollowingAt = receivedAt;
    for (const subscriber of subscribers) {
      const last = subscriber.frames.at(-1)?.id;
      if (last !== undefined) liveAfterSequence = Math.max(liveAfterSequence, Number(last));
    }
  };
  const streamUrl = `${url}/v1/runs/${encodeURIComponent(runId)}/events?streamMode=debug`;
  const streams = Array.from({ length: options.subscribers }, (_, index) => {
    const subscriber: Subscriber = {
      index,
      firstFrameAt: undefined,
      hadRetryFirst: false,
      frames: [],
      status: undefined,
      contentType: undefined,
      ended: false,
      error: undefined,
    };
    subscribers.push(subscriber);
    return subscribe(streamUrl, agent, subscriber, onFirstFrame);
  });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  const outcome = await Promise.race([Promise.all(streams), timedOut]);
  clearTimeout(timer);
  agent.destroy();
  if (outcome === 'timeout') {
    const open = subscribers.filter((subscriber) => !subscriber.ended && !subscriber.error);
    const lastIds = [...new Set(open.map((subscriber) => subscriber.frames.at(-1)?.id ?? 'none'))].slice(0, 10);
    throw new Error(
      `${open.length} of ${options.subscribers} SSE streams of run ${runId} were still open after ${options.timeoutMs} ms ` +
        `(last frame ids: ${lastIds.join(', ')})`,
    );
  }

  const log = await readLog(url, runId);
  verifyDelivery(runId, log, subscribers);
  if (allFollowingAt === undefined) throw new Error('not every subscriber received a frame');
  return summarise(log, subscribers, {
    createdAt,
    allFollowingAt,
    liveAfterSequence,
  });
}

/** Opens one stream and records its frames; resolves when it ends, cleanly or not. */
function subscribe(
  url: string,
  agent: http.Agent,
  subscriber: Subscriber,
  onFirstFrame: (receivedAt: number) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const fail = (error: Error) => {
      subscriber.error ??= error;
      resolve();
    };
    const outgoing = http.get(
      url,
      { agent, headers: { authorization: `Bearer ${BENCH_KEY}`, accept: 'text/event-stream' } },
      (response) => {
        subscriber.status = response.statusCode;
        subscriber.contentType = response.headers['content-type'];
        const reader = new SseReader();
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          // One clock reading per chunk: frames that arrived together were received together.
          const receivedAt = Date.now();
          const frames = reader.push(chunk);
          if (frames.length === 0) return;
          for (const frame of frames) subscriber.frames.push({ ...frame, receivedAt });
          if (subscriber.firstFrameAt === undefined) {
            subscriber.firstFrameAt = receivedAt;
            subscriber.hadRetryFirst = reader.retries.length > 0;
            onFirstFrame(receivedAt);
          }
        });
        response.on('end', () => {
          subscriber.ended = true;
          resolve();
        });
        response.on('error', fail);
        response.on('close', () => {
          if (!subscriber.ended) fail(new Error('the stream closed before its end (no final chunk)'));
        });
      },
    );
    outgoing.on('error', fail);
  });
}

/**
 * One JSON exchange on a connection of its own. Not the throughput clients' keep-alive agent: its socket sits idle
 * through the streaming phase, longer than the host's 5 s keep-alive timeout, and a request sent on a socket the host
 * is closing fails with ECONNRESET or "socket hang up".
 */
function request(url: string, method: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`${method} ${url} failed: ${error.message}`, { cause: error }));
    const headers = { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' };
    const outgoing = http.request(url, { method, agent: false, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
      response.on('error', fail);
    });
    outgoing.on('error', fail);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The run's whole log through `pollRunEvents`, the reference each subscriber's stream is checked against. */
async function readLog(url: string, runId: string): Promise<LogEvent[]> {
  const log: LogEvent[] = [];
  for (;;) {
    const query = log.length === 0 ? '?timeout=1' : `?lastSequence=${log.at(-1)!.sequence}&timeout=1`;
    const response = await request(`${url}/v1/runs/${encodeURIComponent(runId)}/events/poll${query}`, 'GET');
    if (response.status !== 200)
      throw new Error(`pollRunEvents answered ${response.status}: ${JSON.stringify(response.body)}`);
    const page = response.body as { events: LogEvent[]; isComplete: boolean };
    log.push(...page.events);
    if (page.isComplete) break;
    if (page.events.length === 0) throw new Error(`run ${runId} has no terminal event after its streams ended`);
  }
  const terminal = log.at(-1);
  if (terminal?.type !== 'run.completed') throw new Error(`run ${runId} ended with ${terminal?.type ?? 'no event'}`);
  log.forEach((event, i) => {
    if (event.sequence !== log[0]!.sequence + i) throw new Error(`the log of run ${runId} has a gap at index ${i}`);
  });
  return log;
}

/**
 * Checks every subscriber's stream against the log: status, media type, `retry:` first, a clean end, and each event
 * exactly once in sequence order (frame id, event name and envelope all matching).
 * @throws Error naming the subscribers that differ and how
 */
function verifyDelivery(runId: string, log: LogEvent[], subscribers: Subscriber[]): void {
  const problems: string[] = [];
  for (const subscriber of subscribers) {
    const problem = describeProblem(log, subscriber);
    if (problem !== undefined) problems.push(`subscriber ${subscriber.index}: ${problem}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `${problems.length} of ${subscribers.length} subscribers of run ${runId} did not receive its ${log.length} ` +
        `events exactly once in order:\n  ${problems.slice(0, REPORTED_PROBLEMS).join('\n  ')}`,
    );
  }
}

function describeProblem(log: LogEvent[], subscriber: Subscriber): string | undefined {
  if (subscriber.error) return `stream failed after ${subscriber.frames.length} frames: ${subscriber.error.message}`;
  if (subscriber.status !== 200) return `status ${subscriber.status}`;
  if (!subscriber.contentType?.startsWith('text/event-stream')) return `content-type ${subscriber.contentType}`;
  if (!subscriber.hadRetryFirst) return 'no retry: line before the first event';
  const received = subscriber.frames.map((frame) => Number(frame.id));
  const first = log[0]!.sequence;
  const last = log.at(-1)!.sequence;
  const counts = new Map<number, number>();
  for (const sequence of received) counts.set(sequence, (counts.get(sequence) ?? 0) + 1);
  const missing = log.filter((event) => !counts.has(event.sequence)).map((event) => event.sequence);
  const repeated = [...counts]
    .filter(([, count]) => count > 1)
    .map(([sequence]) => sequence)
    .sort((a, b) => a - b);
  const unknown = received.filter((sequence) => !Number.isInteger(sequence) || sequence < first || sequence > last);
  const disorder = received.findIndex((sequence, i) => i > 0 && sequence <= received[i - 1]!);
  const issues = [
    missing.length > 0 ? `missing sequences ${compactRanges(missing)}` : '',
    repeated.length > 0 ? `repeated sequences ${compactRanges(repeated)}` : '',
    unknown.length > 0 ? `frames whose id is no sequence of the log: ${unknown.slice(0, 5).join(', ')}` : '',
    disorder > 0 ? `out of order at frame ${disorder} (${received[disorder - 1]} then ${received[disorder]})` : '',
  ].filter(Boolean);
  if (issues.length > 0) return `${issues.join('; ')} (${received.length} frames)`;
  for (const [i, frame] of subscriber.frames.entries()) {
    const expected = log[i]!;
    const data = JSON.parse(frame.data) as Partial<LogEvent>;
    if (
      frame.event !== expected.type ||
      data.sequence !== expected.sequence ||
      data.eventId !== expected.eventId ||
      data.type !== expected.type ||
      data.timestamp !== expected.timestamp
    ) {
      return `frame ${i} (id ${frame.id}, event ${frame.event}) differs from log event ${JSON.stringify(expected)}: ${frame.data}`;
    }
  }
  return undefined;
}

/** `1,2,3,7` → `1-3, 7`. */
function compactRanges(sorted: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

function summarise(
  log: LogEvent[],
  subscribers: Subscriber[],
  moments: { createdAt: number; allFollowingAt: number; liveAfterSequence: number },
): SseFanOutResult {
  const committedAt = new Map(log.map((event) => [event.sequence, Date.parse(event.timestamp)]));
  // Live for every subscriber: past what any subscriber held when the last one started following, and stamped after
  // that moment (the timestamp is taken when the step starts, before its commit).
  const measured = new Set(
    log
      .filter((event) => event.sequence > moments.liveAfterSequence)
      .filter((event) => committedAt.get(event.sequence)! >= moments.allFollowingAt)
      .map((event) => event.sequence),
  );
  if (measured.size === 0) {
    throw new Error(
      'no event was committed after every subscriber was following the run; raise BENCH_SSE_GATE_MS ' +
        `(all were following ${moments.allFollowingAt - moments.createdAt} ms after createRun)`,
    );
  }
  const firstReceipt = new Map<number, number>();
  for (const subscriber of subscribers) {
    for (const frame of subscriber.frames) {
      const sequence = Number(frame.id);
      if (!measured.has(sequence)) continue;
      firstReceipt.set(sequence, Math.min(firstReceipt.get(sequence) ?? Infinity, frame.receivedAt));
    }
  }
  const latencies: number[] = [];
  const spreads: number[] = [];
  let lastReceipt = 0;
  for (const subscriber of subscribers) {
    for (const frame of subscriber.frames) {
      const sequence = Number(frame.id);
      if (!measured.has(sequence)) continue;
      latencies.push(frame.receivedAt - committedAt.get(sequence)!);
      spreads.push(frame.receivedAt - firstReceipt.get(sequence)!);
      lastReceipt = Math.max(lastReceipt, frame.receivedAt);
    }
  }
  latencies.sort((a, b) => a - b);
  spreads.sort((a, b) => a - b);
  const firstMeasured = Math.min(...[...measured].map((sequence) => committedAt.get(sequence)!));
  const liveSpanMs = lastReceipt - firstMeasured;
  return {
    subscribers: subscribers.length,
    events: log.length,
    measuredEvents: measured.size,
    deliveries: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    spreadP99: percentile(spreads, 99),
    deliveriesPerSecond: (latencies.length / Math.max(1, liveSpanMs)) * 1000,
    allFollowingMs: moments.allFollowingAt - moments.createdAt,
    liveSpanMs,
  };
}

/** The SSE results as a Markdown table, one row per database. */
export function formatSseFanOutTable(results: Array<SseFanOutResult & { dialect: string }>): string {
  return [
    '| database | subscribers | events measured / in log | latency p50 (ms) | p99 (ms) | max (ms) | fan-out spread p99 (ms) | events delivered/s | live part (s) | all following after createRun (ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.dialect} | ${r.subscribers} | ${r.measuredEvents} / ${r.events} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ` +
        `${r.max.toFixed(0)} | ${r.spreadP99.toFixed(0)} | ${r.deliveriesPerSecond.toFixed(0)} | ${(r.liveSpanMs / 1000).toFixed(1)} | ` +
        `${r.allFollowingMs.toFixed(0)} |`,
    ),
  ].join('\n');
}

/** The SSE section of RESULTS.md: how it was measured, what biases the numbers, the target, and the table. */
export function formatSseFanOutReport(
  results: Array<SseFanOutResult & { dialect: string }>,
  options: SseFanOutOptions,
): string {
  const sqlite = results.find((result) => result.dialect === 'sqlite');
  const verdict =
    sqlite === undefined
      ? 'SQLite was not measured in this run.'
      : `${sqlite.p99 < 50 ? 'Met' : 'Not met'} in this run: p99 ${sqlite.p99.toFixed(0)} ms on SQLite.`;
  const nominalSeconds = ((options.steps * options.stepDelayMs) / 1000).toFixed(1);
  return `## ${options.subscribers.toLocaleString('en-US')} concurrent SSE subscribers of one run

Each row creates one run of \`bench-sse-events\` (a \`core.delay\` gate of ${options.gateMs} ms, then ${options.steps} chained
\`core.delay\` nodes of ${options.stepDelayMs} ms, each adding a \`node.started\` and a \`node.completed\`, one event per
commit) and at once opens ${options.subscribers} \`GET /v1/runs/{runId}/events?streamMode=debug\` streams to it from the
bench process (raw node:http, one keep-alive socket each). The host is the same production-settings process as for the
throughput rows (SQLite WAL with \`synchronous=FULL\`, PostgreSQL with fsync on). The subscribers catch up from the log
during the gate, then follow live. Latency counts only events committed after the last subscriber received its first
event frame (a sequence above any that a subscriber held at that moment, and a \`timestamp\` after it), for every
subscriber: the time the chunk carrying the frame reached the bench process (\`Date.now()\`) minus the event's
\`timestamp\`. Every stream is checked against the run's log read through \`pollRunEvents\`: each event exactly once,
in sequence order, no gaps, the same envelope, a \`retry:\` first and a clean end; any difference fails the benchmark.

Bias: the host stamps \`timestamp\` from its clock when the engine step that emits the event starts, before the node
runs and before the commit (an fsync on SQLite, during which better-sqlite3 holds the event loop), so latency includes
the step and its commit, not only delivery. Both sides read the same machine clock, in whole milliseconds (±1 ms). The
fan-out spread (a subscriber's receipt minus the first receipt of the same event by any subscriber) has no such bias:
it is the time to write one event to every socket plus the bench process's reading. Events delivered/s is measured
deliveries over the live part (first measured \`timestamp\` to last receipt), which follows the workflow's pace (about
${nominalSeconds} s of delays), so it is not a saturation rate; a live part much longer than that means the fan-out
held the run back.

Target: p99 latency under 50 ms on SQLite. ${verdict}

${formatSseFanOutTable(results)}
`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Throws when this process (and so the host it spawns, which inherits the limit) may not open a socket per subscriber;
 * call it before starting anything. Node raises its soft limit to the hard one at start-up, so the soft limit read
 * here is what applies.
 */
export function assertDescriptorLimit(subscribers: number): void {
  let limits: string;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return; // Not Linux: nothing to read the limit from; EMFILE errors would name the problem.
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  if (soft === undefined || soft === 'unlimited') return;
  const needed = subscribers + SPARE_DESCRIPTORS;
  if (Number(soft) < needed) {
    throw new Error(
      `${subscribers} SSE subscribers need about ${needed} open files per process, but the limit is ${soft}: ` +
        `raise it (ulimit -n ${needed}, which needs a hard limit at least that high) or lower BENCH_SSE_SUBSCRIBERS`,
    );
  }
}
