/**
 * The signed-token surface (`inspectInterruptByToken`, `resolveInterruptByToken`) on both databases, as the
 * external-event correlation and token-matrix conformance scenarios drive it.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.js';
import { readLog, send, startRun, waitForStatus, waitForTerminal, type JsonAnswer } from './support/runs.js';
import { frameData, readStream } from './support/sse.js';
import { expectProblemShape, useTestHost, type TestHost } from './support/test-host.js';

interface SnapshotInterrupt {
  nodeId: string;
  interruptId: string;
  kind: string;
  interruptToken: string;
  inspectToken: string;
  callbackUrl: string;
}

const MATCHING = { orderId: 'fixture-order-1', status: 'completed', externalReference: 'conformance-test-123' };

function expectProblem(answer: JsonAnswer, status: number, error: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expectProblemShape(answer.body);
  expect(answer.body.error).toBe(error);
}

/** Token requests send no API key: the token is the credential. */
const byToken = (host: TestHost, method: 'GET' | 'POST', token: string, body?: unknown) =>
  send(host, method, `/v1/interrupts/${encodeURIComponent(token)}`, body, { key: '' });

describe.each(DIALECTS)('signed interrupt tokens on %s', (dialect) => {
  const host = useTestHost(dialect);

  async function suspendedExternal(): Promise<{ runId: string; interrupt: SnapshotInterrupt }> {
    const runId = await startRun(host(), { workflowId: 'conformance-interrupt-external-event' });
    const snapshot = await waitForStatus(host(), runId, 'waiting-external');
    return { runId, interrupt: (snapshot as unknown as { interrupt: SnapshotInterrupt }).interrupt };
  }

  it('shows working tokens on listed runs and values-mode snapshots too', async () => {
    const { runId } = await suspendedExternal();
    const listed = await send<{ items: Array<{ runId: string; interrupt?: SnapshotInterrupt }> }>(
      host(),
      'GET',
      '/v1/runs?status=waiting-external&limit=100',
    );
    const item = listed.body.items.find((run) => run.runId === runId);
    expect(item?.interrupt?.interruptToken).toEqual(expect.any(String));
    const stream = await readStream(host(), runId, '?streamMode=values', { until: (frames) => frames.length >= 1 });
    const [snapshot] = frameData<{ interrupt?: SnapshotInterrupt }>(stream.frames);
    expect((await byToken(host(), 'GET', snapshot!.interrupt!.inspectToken)).status).toBe(200);
    expect((await byToken(host(), 'POST', item!.interrupt!.interruptToken, { resumeValue: MATCHING })).status).toBe(
      200,
    );
  });

  it('shows the token on the snapshot, refuses a mismatched event and completes on a matching one, once', async () => {
    const { runId, interrupt } = await suspendedExternal();
    expect(interrupt).toMatchObject({ nodeId: 'wait-for-external', kind: 'external-event' });
    expect(interrupt.callbackUrl).toBe(`${host().url}/v1/interrupts/${interrupt.interruptToken}`);

    const view = await byToken(host(), 'GET', interrupt.interruptToken);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body).toMatchObject({
      runId,
      nodeId: 'wait-for-external',
      kind: 'external-event',
      canResolve: true,
      data: { correlation: { orderId: 'fixture-order-1', status: 'completed' } },
    });

    const mismatch = await byToken(host(), 'POST', interrupt.interruptToken, {
      resumeValue: { orderId: 'different-order', status: 'completed' },
    });
    expectProblem(mismatch, 422, 'correlation_mismatch');
    expect((await waitForStatus(host(), runId, 'waiting-external')).status).toBe('waiting-external');

    const resolved = await byToken(host(), 'POST', interrupt.interruptToken, { resumeValue: MATCHING });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toEqual({ runId, nodeId: 'wait-for-external', status: 'running' });
    expect((await waitForTerminal(host(), runId)).status).toBe('completed');
    const events = await readLog(host(), runId);
    expect(events.find((e) => e.type === 'interrupt.resolved')?.payload).toMatchObject({
      resolvedBy: 'signed-token',
      resumeValue: { eventPayload: MATCHING },
    });

    expectProblem(
      await byToken(host(), 'POST', interrupt.interruptToken, { resumeValue: MATCHING }),
      409,
      'interrupt_already_resolved',
    );
    expectProblem(await byToken(host(), 'GET', interrupt.interruptToken), 409, 'interrupt_already_resolved');
  });

  it.each([
    ['GET', 'a malformed token', '!!!not-a-valid-token!!!', undefined],
    ['GET', 'an unknown token', `tok_${randomBytes(32).toString('base64url')}`, undefined],
    [
      'POST',
      'an unknown token, before looking at the body',
      `tok_${randomBytes(32).toString('base64url')}`,
      {
        correlation: { orderId: 'noop', status: 'whatever' },
      },
    ],
  ] as const)('%s answers 404 interrupt_not_found for %s', async (method, _what, token, body) => {
    expectProblem(await byToken(host(), method, token, body), 404, 'interrupt_not_found');
  });

  it('answers 404 for a token of this host whose signature was altered', async () => {
    const { runId, interrupt } = await suspendedExternal();
    const [payload] = interrupt.interruptToken.split('.');
    expectProblem(await byToken(host(), 'GET', `${payload}.${'A'.repeat(43)}`), 404, 'interrupt_not_found');
    await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
  });

  it('lets an inspect token inspect but not resolve', async () => {
    const { runId, interrupt } = await suspendedExternal();
    const view = await byToken(host(), 'GET', interrupt.inspectToken);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ canResolve: false });
    expectProblem(await byToken(host(), 'POST', interrupt.inspectToken, { resumeValue: MATCHING }), 403, 'forbidden');
    await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
  });

  it('refuses a body without resumeValue, or with more, once the token is valid', async () => {
    const { runId, interrupt } = await suspendedExternal();
    expectProblem(
      await byToken(host(), 'POST', interrupt.interruptToken, { correlation: {} }),
      400,
      'validation_error',
    );
    expectProblem(
      await byToken(host(), 'POST', interrupt.interruptToken, { resumeValue: MATCHING, extra: 1 }),
      400,
      'validation_error',
    );
    await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'cleanup' });
  });

  it('invalidates the token when the run is cancelled (409)', async () => {
    const { runId, interrupt } = await suspendedExternal();
    expect((await send(host(), 'POST', `/v1/runs/${runId}/cancel`, { reason: 'stop' })).status).toBe(200);
    await waitForTerminal(host(), runId);
    expectProblem(
      await byToken(host(), 'POST', interrupt.interruptToken, { resumeValue: MATCHING }),
      409,
      'interrupt_already_resolved',
    );
  });

  it('refuses a token resolve of an interrupt that requires an authenticated resolve', async () => {
    const runId = await startRun(host(), { workflowId: 'conformance-interrupt-auth-required' });
    const snapshot = await waitForStatus(host(), runId, 'waiting-approval');
    const { interruptToken } = (snapshot as unknown as { interrupt: SnapshotInterrupt }).interrupt;
    expectProblem(
      await byToken(host(), 'POST', interruptToken, { resumeValue: { action: 'accept' } }),
      403,
      'auth_elevation_required',
    );
    expect(
      (await send(host(), 'POST', `/v1/runs/${runId}/interrupts/gate`, { resumeValue: { action: 'accept' } })).status,
    ).toBe(200);
    expect((await waitForTerminal(host(), runId)).status).toBe('completed');
  });
});
