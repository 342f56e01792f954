import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleContract, ContractBundleError } from './bundle.ts';

const fixture = path.join(import.meta.dirname, '../test/fixture/openapi.yaml');

describe('bundleContract', () => {
  it('inlines registered external schemas under their component names', () => {
    const bundled = bundleContract(fixture) as { components: { schemas: Record<string, Record<string, unknown>> } };
    expect(bundled.components.schemas.Thing).toMatchObject({
      type: 'object',
      properties: {
        status: { $ref: '#/components/schemas/ThingStatus' },
        owner: { $ref: '#/components/schemas/Owner' },
      },
    });
    expect(bundled.components.schemas.Owner?.properties).toEqual({
      name: { type: 'string' },
      status: { $ref: '#/components/schemas/ThingStatus' },
    });
  });

  it('drops $schema, $defs and titles of inlined files', () => {
    const bundled = bundleContract(fixture) as { components: { schemas: Record<string, Record<string, unknown>> } };
    expect(bundled.components.schemas.Thing).not.toHaveProperty('$schema');
    expect(bundled.components.schemas.Thing).not.toHaveProperty('title');
    expect(JSON.stringify(bundled)).not.toContain('$defs');
  });

  it('refuses a reference to a schema file that is not registered under components.schemas', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
    writeFileSync(path.join(dir, 'loose.yaml'), 'type: string\n');
    writeFileSync(
      path.join(dir, 'openapi.yaml'),
      "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: { $ref: './loose.yaml' }\n",
    );
    expect(() => bundleContract(path.join(dir, 'openapi.yaml'))).toThrow(ContractBundleError);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(bundleContract(fixture))).toBe(JSON.stringify(bundleContract(fixture)));
  });
});
