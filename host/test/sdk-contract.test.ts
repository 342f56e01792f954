/** The real host called through the real SDK: every implemented operation, and the typed errors users branch on. */
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  Wopkit,
  type WorkflowDefinition,
} from '@wopkit/sdk';
import { describe, expect, it } from 'vitest';
import { TEST_KEYS, sampleWorkflow, useTestHost } from './support/test-host.js';

const host = useTestHost();
const client = (apiKey: string = TEST_KEYS.admin) => new Wopkit({ baseUrl: host().url, apiKey, maxRetries: 0 });

describe('host through the SDK', () => {
  it('getCapabilities and getOpenApiSpec answer without a key', async () => {
    const anonymous = new Wopkit({ baseUrl: host().url });
    const capabilities = await anonymous.discovery.getCapabilities();
    expect(capabilities.protocolVersion).toBe('1.0');
    const spec = await anonymous.discovery.getOpenApiSpec();
    expect(spec.openapi).toBe('3.1.0');
  });

  it('registerWorkflow, getWorkflow and listWorkflows round-trip a definition', async () => {
    const wopkit = client();
    const definition = sampleWorkflow('sdk-flow') as unknown as WorkflowDefinition;
    const registered = await wopkit.workflows.register(definition);
    expect(registered).toMatchObject({ workflowId: 'sdk-flow', revision: 1 });
    const { data, response } = await wopkit.workflows.get('sdk-flow').withResponse();
    expect(data).toEqual(definition);
    expect(response.headers.get('x-request-id')).toBeTruthy();

    for (const id of ['sdk-page-1', 'sdk-page-2', 'sdk-page-3'])
      await wopkit.workflows.register(sampleWorkflow(id) as unknown as WorkflowDefinition);
    const ids: string[] = [];
    for await (const workflow of wopkit.workflows.list({ limit: 1 })) ids.push(workflow.workflowId);
    expect(ids).toEqual(expect.arrayContaining(['sdk-flow', 'sdk-page-1', 'sdk-page-2', 'sdk-page-3']));
  });

  it.each([
    ['an unknown workflow', () => client().workflows.get('missing-flow'), NotFoundError, 'not_found'],
    ['an unknown key', () => client('no-such-key-000').workflows.get('x'), AuthenticationError, 'unauthenticated'],
    ['a missing scope', () => client(TEST_KEYS.readOnly).workflows.get('x'), PermissionDeniedError, 'forbidden'],
    [
      'an invalid definition',
      () => client().workflows.register({ ...sampleWorkflow('bad-flow'), nodes: [] } as unknown as WorkflowDefinition),
      BadRequestError,
      'validation_error',
    ],
    [
      'an operation not built yet',
      () => client().artifacts.get('run_1', 'art_1'),
      InternalServerError,
      'not_implemented',
    ],
    ['an unknown run', () => client().runs.get('run_missing'), NotFoundError, 'not_found'],
  ])('maps %s to a typed error', async (_name, call, errorClass, code) => {
    const error = await call().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ code });
    expect((error as { headers?: Headers }).headers?.get('content-type')).toMatch(/^application\/json/);
  });
});
