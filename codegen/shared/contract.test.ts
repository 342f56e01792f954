import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleContract } from '../bundle/bundle.ts';
import { listOperations } from './contract.ts';

const contract = bundleContract(path.join(import.meta.dirname, '../test/fixture/openapi.yaml'));

describe('listOperations', () => {
  it('lists operations sorted by operationId with scopes and success responses', () => {
    expect(listOperations(contract)).toEqual([
      {
        operationId: 'getThing',
        method: 'get',
        path: '/v1/things/{thingId}',
        tags: ['things'],
        summary: 'Read a thing.',
        scopes: ['things:read'],
        successes: [
          {
            status: 200,
            contentType: 'application/json',
            example: { id: 't1', status: 'ready', owner: { name: 'ada' } },
          },
        ],
      },
      {
        operationId: 'pokeThing',
        method: 'post',
        path: '/v1/things/{thingId}:poke',
        tags: ['things'],
        summary: 'Poke a thing.',
        scopes: null,
        successes: [{ status: 204, contentType: null, example: undefined }],
      },
    ]);
  });
});
