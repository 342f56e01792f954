/** Bad requests of every kind get the error envelope with the right status, and never a 5xx. */
import { describe, expect, it } from 'vitest';
import { TEST_KEYS, expectProblemShape, sampleWorkflow, useTestHost } from './support/test-host.js';

const host = useTestHost('sqlite', { maxRequestBodyBytes: 4096 });

interface BadRequestCase {
  name: string;
  path: string;
  init?: RequestInit & { key?: string | null };
  status: number;
  error: string;
  field?: { location: string; path: string };
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const cases: BadRequestCase[] = [
  {
    name: 'malformed JSON',
    path: '/v1/workflows',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": ' },
    status: 400,
    error: 'validation_error',
    field: { location: 'body', path: '' },
  },
  {
    name: 'a body over the size limit',
    path: '/v1/workflows',
    init: json({ ...sampleWorkflow(), description: 'x'.repeat(8000) }),
    status: 413,
    error: 'payload_too_large',
  },
  {
    name: 'a non-JSON body',
    path: '/v1/workflows',
    init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' },
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'a missing required body',
    path: '/v1/workflows',
    init: { method: 'POST' },
    status: 400,
    error: 'validation_error',
    field: { location: 'body', path: '' },
  },
  {
    name: 'a body with a missing field',
    path: '/v1/workflows',
    init: json({ ...sampleWorkflow(), name: undefined }),
    status: 400,
    error: 'validation_error',
    field: { location: 'body', path: '/name' },
  },
  {
    name: 'a body with an unknown field',
    path: '/v1/workflows',
    init: json({ ...sampleWorkflow(), surprise: 1 }),
    status: 400,
    error: 'validation_error',
    field: { location: 'body', path: '/surprise' },
  },
  {
    name: 'a body of the wrong type',
    path: '/v1/workflows',
    init: json([1, 2]),
    status: 400,
    error: 'validation_error',
  },
  {
    name: 'a nested field breaking its pattern',
    path: '/v1/workflows',
    init: json(sampleWorkflow('Bad.Id')),
    status: 400,
    error: 'validation_error',
    field: { location: 'body', path: '/id' },
  },
  {
    name: 'a query parameter of the wrong type',
    path: '/v1/workflows?limit=many',
    status: 400,
    error: 'validation_error',
    field: { location: 'query', path: '/limit' },
  },
  {
    name: 'a query parameter out of range',
    path: '/v1/workflows?limit=1000',
    status: 400,
    error: 'validation_error',
    field: { location: 'query', path: '/limit' },
  },
  {
    name: 'a header parameter too long',
    path: '/v1/workflows',
    init: {
      ...json(sampleWorkflow()),
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k'.repeat(300) },
    },
    status: 400,
    error: 'validation_error',
    field: { location: 'header', path: '/idempotency-key' },
  },
  {
    name: 'a path parameter too long',
    path: `/v1/workflows/${'w'.repeat(200)}`,
    status: 400,
    error: 'validation_error',
    field: { location: 'path', path: '/workflowId' },
  },
  {
    name: 'a body on an operation that takes none',
    path: '/v1/workflows/sample-flow',
    init: { method: 'DELETE' },
    status: 405,
    error: 'method_not_allowed',
  },
  { name: 'an unknown path', path: '/v1/no-such-thing', status: 404, error: 'not_found' },
  {
    name: 'a wrong method',
    path: '/v1/workflows',
    init: { method: 'PATCH' },
    status: 405,
    error: 'method_not_allowed',
  },
  { name: 'an unversioned path', path: '/workflows', status: 400, error: 'validation_error' },
  {
    name: 'no Authorization header',
    path: '/v1/workflows',
    init: { key: null },
    status: 401,
    error: 'unauthenticated',
  },
  {
    name: 'a malformed Authorization header',
    path: '/v1/workflows',
    init: { key: null, headers: { authorization: 'Basic abc' } },
    status: 401,
    error: 'unauthenticated',
  },
  {
    name: 'an unknown API key',
    path: '/v1/workflows',
    init: { key: 'not-a-real-key-123' },
    status: 401,
    error: 'unauthenticated',
  },
  {
    name: 'a key without the needed scope',
    path: '/v1/workflows',
    init: { key: TEST_KEYS.readOnly },
    status: 403,
    error: 'forbidden',
  },
];

describe('error envelope', () => {
  it.each(cases)('answers $name with $status $error', async ({ path, init, status, error, field }) => {
    const response = await host().request(path, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body: unknown = await response.json();
    expectProblemShape(body);
    expect(body.error).toBe(error);
    if (field) expect(body.details?.fields).toContainEqual(expect.objectContaining(field));
  });

  it('sends Allow with 405 and WWW-Authenticate with 401', async () => {
    const wrongMethod = await host().request('/v1/workflows', { method: 'PATCH' });
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    const unauthenticated = await host().request('/v1/workflows', { key: null });
    expect(unauthenticated.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('names the missing scope in details.scopeRequired', async () => {
    const response = await host().request('/v1/workflows', { key: TEST_KEYS.readOnly });
    const body: unknown = await response.json();
    expectProblemShape(body);
    expect(body.details).toMatchObject({ scopeRequired: 'manifest:read' });
  });

  it('answers operations whose issue has not landed with 501 not_implemented', async () => {
    const response = await host().request('/v1/runs/run_1/artifacts/art_1');
    expect(response.status).toBe(501);
    const body: unknown = await response.json();
    expectProblemShape(body);
    expect(body).toMatchObject({ error: 'not_implemented', details: { operationId: 'getArtifact' } });
  });

  it('checks auth before validating input', async () => {
    const response = await host().request('/v1/workflows?limit=many', { key: null });
    expect(response.status).toBe(401);
  });

  it('never answers 5xx to random garbage', async () => {
    const garbage = ['{', '[]', 'null', '"x"', '{"id":{}}', '\u0000\u0001', '{"nodes":[{}]}'];
    for (const body of garbage) {
      const response = await host().request('/v1/workflows', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
      expectProblemShape(await response.json());
    }
  });
});
