import { beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyRecord, IdempotencyStore } from '../engine/ports.js';
import { DIALECTS, useTestDatabase } from '../../test/support/databases.js';
import { createIdempotencyStore } from './idempotency-store.js';

type BeginInput = Parameters<IdempotencyStore['begin']>[0];

/** A record of key `k1` for `createRun` of tenant `t1`, created at 1,000 and expiring at 2,000. */
function beginInput(overrides: Partial<BeginInput> = {}): BeginInput {
  return {
    tenantId: 't1',
    operation: 'createRun',
    key: 'k1',
    requestDigest: 'digest-1',
    createdAt: 1_000,
    expiresAt: 2_000,
    ...overrides,
  };
}

const response = { status: 201, headers: { location: '/v1/runs/r1' }, body: { runId: 'r1', nested: [1, { a: null }] } };

describe.each(DIALECTS)('createIdempotencyStore on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let store: IdempotencyStore;
  beforeEach(() => {
    store = createIdempotencyStore(database().db, dialect);
  });

  /** The stored record of `input`'s key, as a later `begin` sees it. */
  async function storedRecord(input: Partial<BeginInput> = {}): Promise<IdempotencyRecord | undefined> {
    const result = await store.begin(beginInput({ requestDigest: 'probe', createdAt: 1_500, ...input }));
    return result.inserted ? undefined : result.existing;
  }

  describe('begin', () => {
    it('inserts an in-flight record and returns it to a later begin', async () => {
      expect(await store.begin(beginInput())).toEqual({ inserted: true });

      const again = await store.begin(beginInput({ requestDigest: 'other', createdAt: 1_500 }));

      expect(again).toEqual({
        inserted: false,
        existing: {
          tenantId: 't1',
          operation: 'createRun',
          key: 'k1',
          requestDigest: 'digest-1',
          state: 'in-flight',
          response: null,
          createdAt: 1_000,
          expiresAt: 2_000,
        },
      });
    });

    it('scopes keys by tenant and operation', async () => {
      await store.begin(beginInput());

      expect(await store.begin(beginInput({ tenantId: 't2' }))).toEqual({ inserted: true });
      expect(await store.begin(beginInput({ operation: 'cancelRun' }))).toEqual({ inserted: true });
      expect(await store.begin(beginInput({ key: 'k2' }))).toEqual({ inserted: true });
      expect(await store.begin(beginInput())).toMatchObject({ inserted: false });
    });

    it('inserts exactly one of 10 concurrent begins of the same key', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) => store.begin(beginInput({ requestDigest: `digest-${index}` }))),
      );

      const winners = results.flatMap((result, index) => (result.inserted ? [index] : []));
      expect(winners).toHaveLength(1);
      for (const result of results) {
        if (!result.inserted) expect(result.existing.requestDigest).toBe(`digest-${winners[0]}`);
      }
    });

    it('inserts exactly one of concurrent begins from two stores (as two hosts would)', async () => {
      const other = createIdempotencyStore(database().db, dialect);

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? store : other).begin(beginInput())),
      );

      expect(results.filter((result) => result.inserted)).toHaveLength(1);
    });

    it('replaces a record that expired at or before the new one was created', async () => {
      await store.begin(beginInput());
      await store.complete('t1', 'createRun', 'k1', response);

      const replaced = await store.begin(beginInput({ requestDigest: 'digest-2', createdAt: 2_000, expiresAt: 3_000 }));

      expect(replaced).toEqual({ inserted: true });
      expect(await storedRecord({ createdAt: 2_500 })).toMatchObject({
        requestDigest: 'digest-2',
        state: 'in-flight',
        response: null,
        createdAt: 2_000,
        expiresAt: 3_000,
      });
    });

    it('keeps a record that is still live', async () => {
      await store.begin(beginInput());

      const result = await store.begin(beginInput({ requestDigest: 'digest-2', createdAt: 1_999, expiresAt: 3_000 }));

      expect(result).toMatchObject({ inserted: false, existing: { requestDigest: 'digest-1', expiresAt: 2_000 } });
    });
  });

  describe('complete', () => {
    it('stores the response of an in-flight record', async () => {
      await store.begin(beginInput());

      await store.complete('t1', 'createRun', 'k1', response);

      expect(await storedRecord()).toMatchObject({ state: 'done', response, requestDigest: 'digest-1' });
    });

    it('keeps the first response of a record that is already done', async () => {
      await store.begin(beginInput());
      await store.complete('t1', 'createRun', 'k1', response);

      await store.complete('t1', 'createRun', 'k1', { status: 500, headers: {}, body: null });

      expect((await storedRecord())?.response).toEqual(response);
    });

    it('does nothing for a key that has no record', async () => {
      await store.complete('t1', 'createRun', 'missing', response);

      expect(await store.begin(beginInput({ key: 'missing' }))).toEqual({ inserted: true });
    });
  });

  describe('abandon', () => {
    it('removes an in-flight record so the key can begin again', async () => {
      await store.begin(beginInput());

      await store.abandon('t1', 'createRun', 'k1');

      expect(await store.begin(beginInput({ requestDigest: 'digest-2' }))).toEqual({ inserted: true });
      expect((await storedRecord())?.requestDigest).toBe('digest-2');
    });

    it('keeps a record that is done', async () => {
      await store.begin(beginInput());
      await store.complete('t1', 'createRun', 'k1', response);

      await store.abandon('t1', 'createRun', 'k1');

      expect(await storedRecord()).toMatchObject({ state: 'done', response });
    });
  });

  describe('purgeExpired', () => {
    it('deletes the records expired at or before now and returns how many', async () => {
      await store.begin(beginInput({ key: 'expired-earlier', expiresAt: 1_500 }));
      await store.begin(beginInput({ key: 'expires-now', expiresAt: 2_000 }));
      await store.begin(beginInput({ key: 'live', expiresAt: 2_001 }));
      await store.complete('t1', 'createRun', 'expired-earlier', response);

      expect(await store.purgeExpired(2_000)).toBe(2);

      expect(await store.purgeExpired(2_000)).toBe(0);
      expect(await storedRecord({ key: 'live', createdAt: 1_000 })).toMatchObject({ expiresAt: 2_001 });
      expect(await store.begin(beginInput({ key: 'expires-now', createdAt: 1_000 }))).toEqual({ inserted: true });
      expect(await store.begin(beginInput({ key: 'expired-earlier', createdAt: 1_000 }))).toEqual({ inserted: true });
    });
  });
});
