/**
 * `npm run bench`: completed runs per second and create→terminal latency with concurrent clients, for
 * `conformance-noop` and a 10-node fan-out/fan-in workflow, on SQLite (a file, synchronous=FULL) and on a real
 * PostgreSQL server (a throwaway one with fsync on, or WOPKIT_BENCH_POSTGRES_URL). The host runs in its own process;
 * clients create a run and long-poll its events until the terminal event. A second section streams one run to
 * BENCH_SSE_SUBSCRIBERS concurrent SSE subscribers (see measure-sse-fan-out.ts). Writes host/bench/RESULTS.md.
 *
 * Options (env): BENCH_SECONDS (default 10), BENCH_CLIENTS (default 16), BENCH_DIALECTS (default "sqlite,postgres"),
 * BENCH_SECTIONS (default "throughput,sse"), BENCH_SSE_SUBSCRIBERS (default 1000), BENCH_SSE_GATE_MS (default 2000),
 * BENCH_SSE_STEPS (default 95), BENCH_SSE_STEP_DELAY_MS (default 20).
 */
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { spawnHost, type ChildHost } from '../test/support/spawn-host.js';
import { startThrowawayPostgres } from '../test/support/throwaway-postgres.js';
import { BENCH_KEY } from './bench-host.js';
import {
  assertDescriptorLimit,
  formatSseFanOutReport,
  formatSseFanOutTable,
  measureSseFanOut,
  type SseFanOutOptions,
  type SseFanOutResult,
} from './measure-sse-fan-out.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const SECTIONS = (process.env.BENCH_SECTIONS ?? 'throughput,sse').split(',');
for (const section of SECTIONS) {
  if (section !== 'throughput' && section !== 'sse') throw new Error(`unknown BENCH_SECTIONS entry "${section}"`);
}
const SSE: SseFanOutOptions = {
  subscribers: Number(process.env.BENCH_SSE_SUBSCRIBERS ?? 1000),
  gateMs: Number(process.env.BENCH_SSE_GATE_MS ?? 2000),
  steps: Number(process.env.BENCH_SSE_STEPS ?? 95),
  stepDelayMs: Number(process.env.BENCH_SSE_STEP_DELAY_MS ?? 20),
  timeoutMs: 120_000,
};
if (SECTIONS.includes('sse')) assertDescriptorLimit(SSE.subscribers);

const fanOut = {
  id: 'bench-fan-out',
  name: 'fan-out/fan-in of 10 nodes',
  version: '1',
  nodes: [
    { id: 'start', typeId: 'core.noop', name: 'start', position: { x: 0, y: 0 }, config: {}, inputs: {} },
    ...Array.from({ length: 8 }, (_, i) => ({
      id: `b${i}`,
      typeId: 'core.noop',
      name: `b${i}`,
      position: { x: 0, y: 0 },
      config: {},
      inputs: {},
    })),
    { id: 'join', typeId: 'core.noop', name: 'join', position: { x: 0, y: 0 }, config: {}, inputs: {} },
  ],
  edges: [
    ...Array.from({ length: 8 }, (_, i) => ({ id: `o${i}`, sourceNodeId: 'start', targetNodeId: `b${i}` })),
    ...Array.from({ length: 8 }, (_, i) => ({ id: `i${i}`, sourceNodeId: `b${i}`, targetNodeId: 'join' })),
  ],
  triggers: [{ id: 'manual', type: 'manual' }],
  variables: [],
  metadata: {},
  settings: {},
};

interface Result {
  dialect: string;
  workflow: string;
  runs: number;
  runsPerSecond: number;
  p50: number;
  p99: number;
}

function startHost(databaseUrl: string): Promise<ChildHost> {
  return spawnHost(
    'bench/bench-host.ts',
    { WOPKIT_DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    process.env.BENCH_HOST_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  );
}

const headers = { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' };
// A keep-alive agent like any load generator's: one connection per client, no per-request setup.
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

/** One HTTP exchange over the keep-alive agent; resolves with the status and the parsed JSON body. */
function request(url: string, method: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function runOnce(url: string, workflowId: string): Promise<number> {
  const started = performance.now();
  const created = await request(`${url}/v1/runs`, 'POST', { workflowId });
  if (created.status !== 201) throw new Error(`createRun answered ${created.status}: ${JSON.stringify(created.body)}`);
  const { runId } = created.body as { runId: string };
  let last = -1;
  for (;;) {
    const query = last < 0 ? '?timeout=30' : `?lastSequence=${last}&timeout=30`;
    const response = await request(`${url}/v1/runs/${runId}/events/poll${query}`, 'GET');
    const page = response.body as { events: Array<{ sequence: number; type: string }>; isComplete: boolean };
    if (page.events.length > 0) last = page.events[page.events.length - 1]!.sequence;
    if (page.isComplete) {
      const terminal = page.events.at(-1)?.type;
      if (terminal && terminal !== 'run.completed') throw new Error(`run ${runId} ended with ${terminal}`);
      return performance.now() - started;
    }
  }
}

async function measure(
  url: string,
  workflowId: string,
  seconds: number,
): Promise<{ latencies: number[]; elapsed: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < stopAt) latencies.push(await runOnce(url, workflowId));
    }),
  );
  return { latencies, elapsed: (performance.now() - started) / 1000 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const results: Result[] = [];
const sseResults: Array<SseFanOutResult & { dialect: string }> = [];
for (const dialect of DIALECTS) {
  let stopPostgres: (() => void) | undefined;
  let databaseUrl: string;
  if (dialect === 'sqlite') {
    databaseUrl = `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'wopkit-bench-')), 'bench.db')}`;
  } else {
    const configured = process.env.WOPKIT_BENCH_POSTGRES_URL;
    if (configured) databaseUrl = configured;
    else {
      const server = await startThrowawayPostgres({ durable: true });
      stopPostgres = () => server.stop();
      databaseUrl = server.url;
    }
  }
  const { url, child } = await startHost(databaseUrl);
  try {
    const registered = await request(`${url}/v1/workflows`, 'POST', fanOut);
    if (registered.status >= 300)
      throw new Error(`registering the fan-out workflow failed: ${JSON.stringify(registered.body)}`);
    const workflowIds = SECTIONS.includes('throughput')
      ? (process.env.BENCH_WORKFLOWS ?? `conformance-noop,${fanOut.id}`).split(',')
      : [];
    for (const workflowId of workflowIds) {
      await measure(url, workflowId, Math.min(2, SECONDS)); // warm-up
      const { latencies, elapsed } = await measure(url, workflowId, SECONDS);
      const sorted = latencies.sort((a, b) => a - b);
      const result = {
        dialect,
        workflow: workflowId,
        runs: sorted.length,
        runsPerSecond: sorted.length / elapsed,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
      };
      results.push(result);
      console.log(
        `${dialect.padEnd(9)} ${workflowId.padEnd(18)} ${result.runsPerSecond.toFixed(0).padStart(6)} runs/s  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  (${result.runs} runs)`,
      );
    }
    if (SECTIONS.includes('sse')) {
      const result = { dialect, ...(await measureSseFanOut(url, SSE)) };
      sseResults.push(result);
      console.log(
        `${dialect.padEnd(9)} ${result.subscribers} SSE subscribers  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  ` +
          `${result.deliveriesPerSecond.toFixed(0)} events/s delivered  (${result.measuredEvents} of ${result.events} events measured, ` +
          `all following ${result.allFollowingMs} ms after createRun)`,
      );
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    stopPostgres?.();
  }
}

const table = [
  '| database | workflow | completed runs/s | create→terminal p50 (ms) | p99 (ms) | runs |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.dialect} | \`${r.workflow}\` | ${r.runsPerSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.runs} |`,
  ),
].join('\n');
// The command that reproduces this report: the benchmark's own options as they were set.
const command = [
  ...Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, value = '']) => `${name}=${/^[\w.,:/-]*$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`}`,
    ),
  'npm run bench',
].join(' ');
const throughputReport = `${CLIENTS} concurrent clients for ${SECONDS} s per row after a warm-up; each client creates a run and long-polls its
events until the terminal event (node:http with a keep-alive agent). The host runs in its own process with production settings: SQLite in WAL mode with
\`synchronous=FULL\` (every commit is fsynced), PostgreSQL with its defaults (fsync on). Latency is measured by the client,
from sending \`createRun\` to receiving the terminal event.

${table}
`;
const sseReport = formatSseFanOutReport(sseResults, SSE);
const report = `# Benchmark results

Produced by \`${command}\` (\`host/bench/run-throughput.ts\`) on ${new Date().toISOString().slice(0, 10)}:
${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
${results.length > 0 ? throughputReport : ''}${sseResults.length > 0 ? `\n${sseReport}` : ''}`;
writeFileSync(path.join(import.meta.dirname, 'RESULTS.md'), report);
console.log(
  `${results.length > 0 ? `\n${table}\n` : ''}${sseResults.length > 0 ? `\n${formatSseFanOutTable(sseResults)}\n` : ''}\nwritten to host/bench/RESULTS.md`,
);
process.exit(0);
