import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundleContract } from '../../../codegen/bundle/bundle.ts';
import { openapiPath } from '../../../codegen/shared/paths.ts';
import { Wopkit } from '../client.js';
import { APIError, NotFoundError } from '../errors.js';
import {
  createMockHandlers,
  handlers,
  mockOperation,
  mockOperations,
  type MockOperationId,
  type MockRequestInfo,
} from './index.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as a namespace property.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const baseUrl = 'http://wopkit.test';
const server = setupServer(...handlers);
const wopkit = new Wopkit({ baseUrl, apiKey: 'test-key', maxRetries: 0 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
}

/** Every operation of the contract, read from the YAML itself rather than from anything generated. */
function readContractOperations(): ContractOperation[] {
  const document = parse(readFileSync(openapiPath, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const operations: ContractOperation[] = [];
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const { operationId } = operation as { operationId: string };
      operations.push({ operationId, method, path });
    }
  }
  return operations;
}

const contractOperations = readContractOperations();
const mockedIds = Object.keys(mockOperations) as MockOperationId[];

async function readStream(response: Response): Promise<{ text: string; chunks: number }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, chunks };
    text += value;
    chunks += 1;
  }
}

/** The data of the first frame of SSE text, parsed. */
function parseFirstFrame(text: string): unknown {
  const data = /^data: (.*)$/m.exec(text)?.[1];
  return data === undefined ? undefined : JSON.parse(data);
}

/** One call per mocked operation, through the real client where it has a method. */
const callOperation: Record<MockOperationId, () => Promise<unknown>> = {
  getCapabilities: () => wopkit.discovery.getCapabilities(),
  getOpenApiSpec: () => wopkit.discovery.getOpenApiSpec(),
  registerWorkflow: () => wopkit.workflows.register(mockOperations.getWorkflow.body as never),
  listWorkflows: async () => {
    const page = await wopkit.workflows.list();
    return { items: page.items, nextCursor: page.nextCursor };
  },
  getWorkflow: () => wopkit.workflows.get('ticket-triage'),
  readTestRunEvents: () => wopkit.testing.readRunEvents('run_01JD7Y8Q2M', { type: 'run.started' }),
  createRun: () => wopkit.runs.create({ workflowId: 'ticket-triage', inputs: { ticketId: 'T-1009' } }),
  listRuns: async () => {
    const page = await wopkit.runs.list();
    return { items: page.items, nextCursor: page.nextCursor };
  },
  bulkCancelRuns: () => wopkit.runs.bulkCancel({ runIds: ['run_01JD7Y8Q2M', 'run_missing'], reason: 'cleanup' }),
  getRun: () => wopkit.runs.get('run_01JD7Y8Q2M'),
  cancelRun: () => wopkit.runs.cancel('run_01JD7Y8Q2M', { reason: 'no longer needed' }),
  pauseRun: () => wopkit.runs.pause('run_01JD7Y8Q2M'),
  resumeRun: () => wopkit.runs.resume('run_01JD7Y8Q2M'),
  forkRun: () => wopkit.runs.fork('run_01JD7Y8Q2M', { mode: 'branch', fromSeq: 7 }),
  // The example stream holds one event and no terminal one, so the first item is all there is to read.
  streamRunEvents: async () => {
    for await (const item of wopkit.runs.stream('run_01JD7Y8Q2M')) return item;
    return undefined;
  },
  pollRunEvents: () => wopkit.runs.pollEvents('run_01JD7Y8Q2M', { lastSequence: 0 }),
  resolveInterruptByRun: () => wopkit.interrupts.resolve('run_01JD7Y8Q2M', 'review', { action: 'accept' }),
  inspectInterruptByToken: () => wopkit.interrupts.inspectByToken('tok_1'),
  resolveInterruptByToken: () => wopkit.interrupts.resolveByToken('tok_1', { action: 'accept' }),
  getArtifact: () => wopkit.artifacts.get('run_01JD7Y8Q2M', 'art_01JD7Y9A1B'),
  registerWebhook: () =>
    wopkit.webhooks.register({ url: 'https://hooks.example.com/openwop', events: ['run.completed'] }),
  unregisterWebhook: () => wopkit.webhooks.unregister('wh_01JD7YB7ZC'),
  listWebhooks: async () => {
    const page = await wopkit.webhooks.list();
    return { items: page.items, nextCursor: page.nextCursor };
  },
  rotateWebhookSecret: () => wopkit.webhooks.rotateSecret('wh_01JD7YB7ZC', { overlapSeconds: 86400 }),
  listWebhookDeliveries: async () => {
    const page = await wopkit.webhooks.listDeliveries('wh_01JD7YB7ZC', { status: 'dead' });
    return { items: page.items, nextCursor: page.nextCursor };
  },
  redeliverWebhookDelivery: () => wopkit.webhooks.redeliver('wh_01JD7YB7ZC', 'wh_01JD7YB7ZC.evt_01JD7YC2QH'),
};

describe('mockOperations', () => {
  it('has an entry for every operation of the contract, and no other', () => {
    const contractIds = contractOperations.map((operation) => operation.operationId).sort();
    expect(contractIds.length).toBeGreaterThan(0);
    expect([...mockedIds].sort()).toEqual(contractIds);
  });

  it.each(contractOperations)('mocks $operationId at $method $path', ({ operationId, method, path }) => {
    const mocked = mockOperations[operationId as MockOperationId];
    expect({ method: mocked.method, path: mocked.path }).toEqual({ method, path });
  });
});

describe('contract examples', () => {
  const bundled = bundleContract(openapiPath);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(bundled, 'contract');

  type ResponseObject = { content?: Record<string, { schema?: unknown }> };
  const paths = bundled.paths as Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  const pointerSegment = (segment: string): string =>
    encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

  /** The validator of an operation's success response schema, reached by JSON pointer into the bundled contract. */
  function compileResponseValidator(operationId: MockOperationId) {
    const mocked = mockOperations[operationId];
    const pointer = ['paths', mocked.path, mocked.method, 'responses', String(mocked.status)]
      .concat(['content', String(mocked.contentType), 'schema'])
      .map(pointerSegment)
      .join('/');
    return ajv.compile({ $ref: `contract#/${pointer}` });
  }

  it.each(mockedIds)('%s serves an example that validates against its response schema', (operationId) => {
    const mocked = mockOperations[operationId];
    const response = paths[mocked.path]?.[mocked.method]?.responses[String(mocked.status)];
    expect(response, `${operationId} has no ${mocked.status} response in the contract`).toBeDefined();

    if (mocked.contentType === null) {
      expect(response?.content).toBeUndefined();
      expect(mocked.body).toBeNull();
      return;
    }
    expect(response?.content?.[mocked.contentType]?.schema).toBeDefined();
    const validate = compileResponseValidator(operationId);
    const isValid = validate(mocked.body);
    expect(validate.errors ?? [], `${operationId} example: ${ajv.errorsText(validate.errors)}`).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('rejects a body that breaks its schema, so the check above can fail', () => {
    const validate = compileResponseValidator('getRun');
    expect(validate({ ...mockOperations.getRun.body, status: 'exploded' })).toBe(false);
    expect(validate({ workflowId: 'ticket-triage', status: 'completed' })).toBe(false);
  });
});

describe('handlers', () => {
  it('has one handler per mocked operation', () => {
    expect(handlers).toHaveLength(mockedIds.length);
  });

  it.each(mockedIds)('%s answers its contract example through the real client', async (operationId) => {
    const result = await callOperation[operationId]();
    const { body } = mockOperations[operationId];
    // runs.stream yields the events of the example stream rather than its text.
    const expected = operationId === 'streamRunEvents' ? parseFirstFrame(String(body)) : body;
    expect(result).toEqual(expected === null ? undefined : expected);
  });

  it('streams server-sent events as a real stream with one chunk per frame', async () => {
    const frames = 'id: 0\nevent: run.started\ndata: {"n":0}\n\nid: 1\nevent: run.completed\ndata: {"n":1}\n\n';
    server.use(mockOperation('streamRunEvents', { body: frames }));
    const response = await fetch(`${baseUrl}/v1/runs/run_1/events`, { headers: { Accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await readStream(response)).toEqual({ text: frames, chunks: 2 });
  });

  it('answers 204 with no body and no content type', async () => {
    const response = await fetch(`${baseUrl}/v1/webhooks/wh_1`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
    expect(await response.text()).toBe('');
  });

  it('routes /v1/runs/{runId}:fork to forkRun, not to getRun or cancelRun', async () => {
    const seen: string[] = [];
    const record = ({ operationId }: MockRequestInfo) => {
      seen.push(operationId);
      return {};
    };
    server.use(
      ...createMockHandlers({
        overrides: { getRun: record, cancelRun: record, forkRun: record, pauseRun: record, resumeRun: record },
      }),
    );
    const fork = await wopkit.runs.fork('run_42', { mode: 'replay' });
    await wopkit.runs.pause('run_42');
    await wopkit.runs.resume('run_42');
    expect(fork).toEqual(mockOperations.forkRun.body);
    expect(seen).toEqual(['forkRun', 'pauseRun', 'resumeRun']);
  });

  it('routes /v1/runs:bulk-cancel to bulkCancelRuns, not to createRun', async () => {
    server.use(mockOperation('createRun', { status: 500, body: { error: 'internal', message: 'wrong handler' } }));
    await expect(wopkit.runs.bulkCancel({ runIds: ['run_1'] })).resolves.toEqual(mockOperations.bulkCancelRuns.body);
  });

  it('passes percent-decoded path parameters and the request to a resolver', async () => {
    let received: { params: Record<string, string>; method: string } | undefined;
    server.use(
      mockOperation('getArtifact', ({ params, request }) => {
        received = { params, method: request.method };
        return {};
      }),
    );
    await wopkit.artifacts.get('run 1', 'art/1');
    expect(received).toEqual({ params: { runId: 'run 1', artifactId: 'art/1' }, method: 'GET' });
  });

  it('serves a Response returned by a resolver as is', async () => {
    server.use(
      mockOperation('getCapabilities', () => new Response('{"error":"unavailable","message":"down"}', { status: 503 })),
    );
    await expect(wopkit.discovery.getCapabilities()).rejects.toMatchObject({ status: 503, code: 'unavailable' });
  });

  it('sends no body for an error status given without one', async () => {
    server.use(mockOperation('getRun', { status: 500 }));
    const error = await wopkit.runs.get('run_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 500, code: undefined });
  });

  it('matches only the given baseUrl, including its path prefix', async () => {
    const prefixed = createMockHandlers({
      baseUrl: 'http://other.test/api/',
      overrides: { getCapabilities: { body: { ...mockOperations.getCapabilities.body, protocolVersion: '9.9' } } },
    });
    server.use(...prefixed);
    const other = new Wopkit({ baseUrl: 'http://other.test/api', maxRetries: 0 });
    await expect(other.discovery.getCapabilities()).resolves.toMatchObject({ protocolVersion: '9.9' });
    // Another origin falls through to the default handlers behind the prefixed ones.
    await expect(wopkit.discovery.getCapabilities()).resolves.toMatchObject({ protocolVersion: '1.0' });
    const unprefixed = new Wopkit({ baseUrl: 'http://other.test', maxRetries: 0 });
    await expect(unprefixed.discovery.getCapabilities()).resolves.toMatchObject({ protocolVersion: '1.0' });
  });
});

describe('mockOperation', () => {
  it('overrides one operation for a test: getRun answering 404 makes runs.get throw NotFoundError', async () => {
    server.use(
      mockOperation('getRun', { status: 404, body: { error: 'not_found', message: 'run "run_x" was not found' } }),
    );
    const error = await wopkit.runs.get('run_x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'run "run_x" was not found' });
  });

  it('stops applying after resetHandlers', async () => {
    await expect(wopkit.runs.get('run_x')).resolves.toEqual(mockOperations.getRun.body);
  });
});
