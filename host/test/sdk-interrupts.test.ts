/** `interrupts.resolve` of the real SDK against the real host: a run that suspends, is seen waiting and is approved. */
import { BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError, Wopkit } from '@wopkit/sdk';
import { describe, expect, it } from 'vitest';
import { TEST_KEYS, useTestHost } from './support/test-host.js';

const host = useTestHost();
const client = () => new Wopkit({ baseUrl: host().url, apiKey: TEST_KEYS.admin, maxRetries: 0 });

describe('interrupts through the SDK', () => {
  it('streams a run to its interrupt, resolves it with interrupts.resolve, and streams it to the end', async () => {
    const wopkit = client();
    const { runId } = await wopkit.runs.create({ workflowId: 'conformance-approval' });
    const seen: string[] = [];
    for await (const item of wopkit.runs.stream(runId, { streamMode: 'updates' })) {
      seen.push(item.type);
      if (item.type === 'approval.requested') {
        const result = await wopkit.interrupts.resolve(runId, item.payload.nodeId, { action: 'accept' });
        expect(result).toEqual({ runId, nodeId: 'gate', status: 'running' });
      }
    }
    expect(seen).toEqual(
      expect.arrayContaining(['interrupt.requested', 'approval.requested', 'interrupt.resolved', 'run.completed']),
    );
    expect((await wopkit.runs.get(runId)).status).toBe('completed');
  });

  it('surfaces the interrupt errors as typed errors with their codes', async () => {
    const wopkit = client();
    const { runId } = await wopkit.runs.create({ workflowId: 'conformance-approval' });
    for await (const item of wopkit.runs.stream(runId)) if (item.type === 'node.suspended') break;

    const invalid = await wopkit.interrupts.resolve(runId, 'gate', { action: 'maybe' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(BadRequestError);
    expect((invalid as BadRequestError).code).toBe('validation_error');

    const missing = await wopkit.interrupts.resolve(runId, 'nope', { action: 'accept' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).code).toBe('interrupt_not_found');

    await wopkit.interrupts.resolve(runId, 'gate', { action: 'accept' });
    const again = await wopkit.interrupts.resolve(runId, 'gate', { action: 'accept' }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).code).toBe('interrupt_already_resolved');
  });

  it('inspects and resolves an external event through its signed token, without an API key', async () => {
    const wopkit = client();
    const { runId } = await wopkit.runs.create({ workflowId: 'conformance-interrupt-external-event' });
    for await (const item of wopkit.runs.stream(runId)) if (item.type === 'node.suspended') break;
    const snapshot = (await wopkit.runs.get(runId)) as { interrupt?: { interruptToken?: string } };
    const token = snapshot.interrupt!.interruptToken!;

    const anonymous = new Wopkit({ baseUrl: host().url, maxRetries: 0 });
    const view = await anonymous.interrupts.inspectByToken(token);
    expect(view).toMatchObject({ runId, nodeId: 'wait-for-external', kind: 'external-event', canResolve: true });
    const mismatch = await anonymous.interrupts
      .resolveByToken(token, { orderId: 'other', status: 'completed' })
      .catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(UnprocessableEntityError);
    expect((mismatch as UnprocessableEntityError).code).toBe('correlation_mismatch');
    const result = await anonymous.interrupts.resolveByToken(token, {
      orderId: 'fixture-order-1',
      status: 'completed',
    });
    expect(result).toEqual({ runId, nodeId: 'wait-for-external', status: 'running' });
    expect((await wopkit.runs.wait(runId)).status).toBe('completed');
  });
});
