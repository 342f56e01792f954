/** getCapabilities and getOpenApiSpec: public, valid, and honest. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/generated/contract.gen.js';
import { operations } from '../src/generated/routes.gen.js';
import { useTestHost } from './support/test-host.js';

const host = useTestHost();

describe('getCapabilities', () => {
  it('is public, cacheable and validates against the Capabilities schema', async () => {
    const response = await host().request('/.well-known/openwop', { key: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await response.json()) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(openApiDocument.components.schemas.Capabilities);
    expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('satisfies the openwop-core profile predicate', async () => {
    const body = (await (await host().request('/.well-known/openwop', { key: null })).json()) as {
      protocolVersion: string;
      supportedEnvelopes: unknown;
      schemaVersions: Record<string, unknown>;
      limits: Record<string, unknown>;
    };
    expect(body.protocolVersion).toMatch(/^1\.\d+$/);
    expect(Array.isArray(body.supportedEnvelopes)).toBe(true);
    expect(Object.values(body.schemaVersions).every((value) => Number.isInteger(value) && (value as number) >= 0)).toBe(
      true,
    );
    for (const key of ['clarificationRounds', 'schemaRounds', 'envelopesPerTurn']) {
      expect(Number.isInteger(body.limits[key]) && (body.limits[key] as number) >= 0, key).toBe(true);
    }
  });

  it('advertises no capability whose operations still answer 501', async () => {
    const body = (await (await host().request('/.well-known/openwop', { key: null })).json()) as Record<
      string,
      unknown
    >;
    expect(body).not.toHaveProperty('testing');
    expect(body.idempotency).toMatchObject({ supported: true, layer1RetentionSeconds: 86400 });
  });

  it('advertises durable webhooks signed with v1', async () => {
    const body = (await (await host().request('/.well-known/openwop', { key: null })).json()) as Record<
      string,
      unknown
    >;
    expect(body.webhooks).toEqual({ supported: true, durable: true, signatureAlgorithms: ['v1'] });
  });

  it('advertises exactly the seeded fixtures, each readable with any key', async () => {
    const body = (await (await host().request('/.well-known/openwop', { key: null })).json()) as { fixtures: string[] };
    expect(body.fixtures).toContain('conformance-noop');
    for (const id of body.fixtures) {
      const response = await host().request(`/v1/workflows/${id}`);
      expect(response.status, id).toBe(200);
      expect(((await response.json()) as { id: string }).id).toBe(id);
    }
  });
});

describe('getOpenApiSpec', () => {
  it('serves the bundled OpenAPI 3.1 contract without authentication', async () => {
    const response = await host().request('/v1/openapi.json', { key: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(body.openapi).toBe('3.1.0');
    const served = Object.values(body.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(served.sort()).toEqual(Object.keys(operations).sort());
  });
});
