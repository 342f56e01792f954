/** Starts a real host on a free loopback port over a fresh database, with every response checked against the contract. */
import { afterAll, beforeAll } from 'vitest';
import { createHost, type CreateHostOptions, type Host } from '../../src/host.js';
import type { ApiKeyConfig } from '../../src/http/api-keys.js';
import { consoleLogger, silentLogger } from '../../src/logger.js';
import type { DatabaseDialect } from '../../src/storage/schema.js';
import { createEmptyTestDatabase } from './databases.js';

/** Keys every test host accepts. */
export const TEST_KEYS = {
  /** Every scope on tenant `acme`. */
  admin: 'test-admin-key-acme',
  /** Every scope on tenant `globex`. */
  otherTenant: 'test-admin-key-globex',
  /** Only `runs:read` on tenant `acme`. */
  readOnly: 'test-runs-read-key',
} as const;

const API_KEYS: ApiKeyConfig[] = [
  { key: TEST_KEYS.admin, tenant: 'acme', scopes: ['*'], test: true },
  { key: TEST_KEYS.otherTenant, tenant: 'globex', scopes: ['*'], test: true },
  { key: TEST_KEYS.readOnly, tenant: 'acme', scopes: ['runs:read'] },
];

/** A host listening on loopback. */
export interface TestHost {
  url: string;
  host: Host;
  /** `fetch` against the host with the admin key unless `key` is given (`null` sends no Authorization). */
  request(path: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
}

/** Starts one host for the enclosing `describe` on `dialect` and stops it afterwards. */
export function useTestHost(
  dialect: DatabaseDialect = 'sqlite',
  options: Pick<CreateHostOptions, 'maxRequestBodyBytes' | 'streaming' | 'nodes' | 'webhooks'> = {},
): () => TestHost {
  let current: TestHost | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createEmptyTestDatabase(dialect);
    drop = database.drop;
    const host = await createHost({
      databaseUrl: database.url,
      apiKeys: API_KEYS,
      logger: process.env.DEBUG_HOST ? consoleLogger : silentLogger,
      validateResponses: true,
      ...options,
    });
    const { url } = await host.listen();
    current = {
      url,
      host,
      request(path, init = {}) {
        const { key = TEST_KEYS.admin, ...rest } = init;
        const headers = new Headers(rest.headers);
        if (key !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
        return fetch(`${url}${path}`, { ...rest, headers });
      },
    };
  });
  afterAll(async () => {
    await current?.host.close();
    await drop?.();
  });
  return () => {
    if (!current) throw new Error('the test host exists only while the suite runs');
    return current;
  };
}

/** Asserts the OpenWOP error envelope: exactly `error`, `message` and optional object `details`. */
export function expectProblemShape(
  body: unknown,
): asserts body is { error: string; message: string; details?: Record<string, unknown> } {
  if (typeof body !== 'object' || body === null)
    throw new Error(`expected a Problem object, got ${JSON.stringify(body)}`);
  const keys = Object.keys(body).sort();
  const allowed = ['details', 'error', 'message'];
  const extra = keys.filter((key) => !allowed.includes(key));
  const record = body as Record<string, unknown>;
  if (
    extra.length > 0 ||
    typeof record.error !== 'string' ||
    typeof record.message !== 'string' ||
    record.message === ''
  ) {
    throw new Error(`not a Problem envelope: ${JSON.stringify(body)}`);
  }
  if (
    'details' in record &&
    (typeof record.details !== 'object' || record.details === null || Array.isArray(record.details))
  ) {
    throw new Error(`Problem.details must be an object: ${JSON.stringify(body)}`);
  }
}

/** A minimal valid workflow definition. */
export function sampleWorkflow(id = 'sample-flow', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: 'Sample flow',
    version: '1.0.0',
    nodes: [
      { id: 'start', typeId: 'core.noop', name: 'Start', position: { x: 0, y: 0 }, config: {}, inputs: {} },
      {
        id: 'echo',
        typeId: 'core.identity',
        name: 'Echo',
        position: { x: 200, y: 0 },
        config: {},
        inputs: { value: { type: 'connection', nodeId: 'start', outputKey: 'output' } },
      },
    ],
    edges: [{ id: 'e1', sourceNodeId: 'start', targetNodeId: 'echo' }],
    triggers: [{ id: 'manual', type: 'manual' }],
    variables: [],
    metadata: {},
    settings: {},
    ...overrides,
  };
}
