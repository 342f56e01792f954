/**
 * `runs.stream` and `runs.wait` of the real SDK against the real host, on both databases: every event exactly once
 * through connections cut mid-stream, typed errors that are not retried, and resuming at the end of a finished run.
 */
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  Wopkit,
  type RunStreamItem,
  type WorkflowDefinition,
} from '@wopkit/sdk';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.js';
import { chainWorkflow, readLog, uniqueId } from './support/runs.js';
import { TEST_KEYS, useTestHost } from './support/test-host.js';

/**
 * A fetch whose first `cuts` event-stream responses fail after `frames` event frames, as a flaky network would; it
 * counts the event-stream requests it made and the connections it cut.
 */
function flakyFetch(
  cuts: number,
  frames: number,
): { fetch: typeof fetch; streamRequests: () => number; cutsMade: () => number } {
  let streamRequests = 0;
  let cutsMade = 0;
  const flaky: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    streamRequests += 1;
    if (streamRequests > cuts || response.body === null) return response;
    const reader = response.body.getReader();
    let seen = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) return controller.close();
        controller.enqueue(value);
        seen += new TextDecoder().decode(value).match(/^id: /gm)?.length ?? 0;
        if (seen >= frames) {
          cutsMade += 1;
          await reader.cancel();
          controller.error(new TypeError('connection reset'));
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { fetch: flaky, streamRequests: () => streamRequests, cutsMade: () => cutsMade };
}

async function collect(stream: AsyncIterable<RunStreamItem>): Promise<RunStreamItem[]> {
  const items: RunStreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe.each(DIALECTS)('SDK streams on %s', (dialect) => {
  // A short `retry:` advice keeps reconnects quick.
  const host = useTestHost(dialect, { streaming: { retryMs: 20 } });
  const client = (options: { apiKey?: string; fetch?: typeof fetch } = {}) =>
    new Wopkit({ baseUrl: host().url, apiKey: options.apiKey ?? TEST_KEYS.admin, maxRetries: 0, ...options });

  async function startChain(wopkit: Wopkit, length: number, delayMs: number): Promise<string> {
    const workflowId = uniqueId('sdk-chain');
    const definition = chainWorkflow(workflowId, length, { typeId: 'core.delay', config: { delayMs } });
    await wopkit.workflows.register(definition as unknown as WorkflowDefinition);
    return (await wopkit.runs.create({ workflowId })).runId;
  }

  it('streams every event of a run once, typed, through connections cut mid-stream', async () => {
    const flaky = flakyFetch(3, 1);
    const wopkit = client({ fetch: flaky.fetch });
    const runId = await startChain(wopkit, 5, 100);
    const items = await collect(wopkit.runs.stream(runId, { streamMode: 'debug' }));
    expect(flaky.cutsMade()).toBe(3);
    expect(flaky.streamRequests()).toBe(4);
    expect(items).toEqual(await readLog(host(), runId));
    const completed = items.filter((item) => item.type === 'node.completed');
    expect(completed.map((item) => item.type === 'node.completed' && item.payload.nodeId)).toEqual([
      'n0',
      'n1',
      'n2',
      'n3',
      'n4',
    ]);
    expect(items.at(-1)?.type).toBe('run.completed');
  });

  it('streams values snapshots up to the terminal one, and updates by default', async () => {
    const wopkit = client();
    const runId = await startChain(wopkit, 2, 30);
    const snapshots = await collect(wopkit.runs.stream(runId, { streamMode: 'values' }));
    expect(snapshots.every((item) => item.type === 'state.snapshot')).toBe(true);
    const last = snapshots.at(-1);
    expect(last?.type === 'state.snapshot' && last.snapshot.status).toBe('completed');
    const updates = await collect(wopkit.runs.stream(runId));
    expect(updates.map((item) => item.type)).toEqual([
      'run.started',
      'node.completed',
      'node.completed',
      'run.completed',
    ]);
  });

  it('ends at once when resuming from the terminal event of a finished run', async () => {
    const wopkit = client();
    const runId = await startChain(wopkit, 1, 1);
    const run = await wopkit.runs.wait(runId, { timeoutMs: 10_000 });
    expect(run.status).toBe('completed');
    const log = await readLog(host(), runId);
    const items = await collect(wopkit.runs.stream(runId, { lastEventId: log.at(-1)!.sequence, maxRetries: 0 }));
    expect(items).toEqual([]);
  });

  it('throws typed errors without reconnecting', async () => {
    const flaky = flakyFetch(0, 0);
    const wopkit = client({ fetch: flaky.fetch });
    const runId = await startChain(wopkit, 1, 1);
    await expect(collect(wopkit.runs.stream('run_missing'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      collect(wopkit.runs.stream(runId, { streamMode: 'values,updates' as 'values' })),
    ).rejects.toMatchObject({
      constructor: BadRequestError,
      code: 'unsupported_stream_mode',
    });
    const stranger = client({ apiKey: 'not-a-key', fetch: flaky.fetch });
    await expect(collect(stranger.runs.stream(runId))).rejects.toBeInstanceOf(AuthenticationError);
    const otherTenant = client({ apiKey: TEST_KEYS.otherTenant });
    await expect(collect(otherTenant.runs.stream(runId))).rejects.toBeInstanceOf(NotFoundError);
    // Error answers are not event streams, so none of them was counted, let alone retried.
    expect(flaky.streamRequests()).toBe(0);
  });
});
