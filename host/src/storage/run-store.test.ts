import { beforeEach, describe, expect, it } from 'vitest';
import type { NewRun, RunCommit, RunStatus, RunStore, StoredEvent, StoredRun } from '../engine/ports.js';
import { runTogether } from '../../test/support/child-processes.js';
import { DIALECTS, useTestDatabase } from '../../test/support/databases.js';
import { InvalidCursorError } from '../engine/errors.js';
import { createRunStore } from './run-store.js';

type EventInput = RunCommit['events'][number];

/** The ISO time `minutes` minutes after a fixed origin. */
function at(minutes: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString();
}

/** A pending run of workflow `invoice` for tenant `t1`, created at minute 0 unless overridden. */
function newRun(runId: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    runId,
    tenantId: 't1',
    workflowId: 'invoice',
    workflowRevision: 1,
    status: 'pending',
    parentRunId: null,
    parentNodeId: null,
    inputs: { amount: 42 },
    options: { configurable: {}, tags: [], metadata: {} },
    tags: [],
    checkpoint: { cursor: 0 },
    engineVersion: '0.1.0',
    isTest: false,
    createdAt: at(0),
    wakeAt: null,
    ...overrides,
  };
}

/** An event of type `node.completed`, unless overridden. */
function event(eventId: string, overrides: Partial<EventInput> = {}): EventInput {
  return {
    eventId,
    type: 'node.completed',
    payload: { eventId },
    timestamp: at(1),
    schemaVersion: 1,
    engineVersion: '0.1.0',
    ...overrides,
  };
}

/** A commit to `runId` appending events `${runId}-${first}`… (as many as `count`) with an empty patch. */
function commitTo(
  runId: string,
  expectedNextSequence: number,
  count = 1,
  overrides: Partial<RunCommit> = {},
): RunCommit {
  return {
    runId,
    expectedNextSequence,
    events: Array.from({ length: count }, (_, index) => event(`${runId}-${expectedNextSequence + index}`)),
    patch: {},
    ...overrides,
  };
}

/** Follows `nextCursor` until the last page and returns the run ids of every page. */
async function collectPages(store: RunStore, filter: Parameters<RunStore['list']>[0]): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(cursor === undefined ? filter : { ...filter, cursor });
    pages.push(page.items.map((run) => run.runId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

/** Claims `limit` at a time as `owner` until nothing is left; returns the ids claimed. */
async function claimAll(store: RunStore, owner: string, limit: number): Promise<string[]> {
  const claimed: string[] = [];
  for (;;) {
    const runs = await store.claimRunnable(owner, 1_000, 60_000, limit);
    if (runs.length === 0) return claimed;
    claimed.push(...runs.map((run) => run.runId));
  }
}

const cursorOf = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const ids = (runs: StoredRun[]): string[] => runs.map((run) => run.runId);
const sequences = (events: StoredEvent[] | null | undefined): number[] | undefined =>
  events?.map((stored) => stored.sequence);

describe.each(DIALECTS)('createRunStore on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let store: RunStore;
  let batches: number[];
  beforeEach(() => {
    batches = [];
    store = createRunStore(database().db, dialect, { onBatch: (size) => batches.push(size) });
  });

  describe('create and get', () => {
    it('creates a run with its first events and gets it back', async () => {
      const run = newRun('r1', { tags: ['a', 'b'] });
      await store.create(run, [event('e0', { type: 'run.created' }), event('e1', { nodeId: 'n1', causationId: 'e0' })]);

      const expected: StoredRun = {
        ...run,
        error: null,
        nextSequence: 2,
        startedAt: null,
        completedAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      };
      expect(await store.get('r1')).toEqual(expected);
      expect(await store.readEvents('r1', -1, 10)).toEqual([
        { ...event('e0', { type: 'run.created' }), runId: 'r1', sequence: 0 },
        { ...event('e1', { nodeId: 'n1', causationId: 'e0' }), runId: 'r1', sequence: 1 },
      ]);
    });

    it('round-trips JSON, booleans, epoch milliseconds and nullable columns', async () => {
      const inputs = {
        name: 'Rechnung – 請求書 🧾',
        quote: 'say "hi"\n\\',
        numbers: [0, -1, 1.5, Number.MAX_SAFE_INTEGER],
        nested: { list: [[], {}, [1, { a: null }]] },
      };
      const run = newRun('r1', {
        inputs,
        options: { metadata: { team: 'billing' }, callbackUrl: 'https://example.com/hook' },
        checkpoint: { outputs: { n1: [true, false] } },
        parentRunId: 'parent',
        parentNodeId: 'sub',
        isTest: true,
        wakeAt: 1_767_225_600_123,
        leaseOwner: 'host-a',
        leaseExpiresAt: 1_767_225_700_456,
      });
      await store.create(run);

      expect(await store.get('r1')).toMatchObject({
        inputs,
        options: run.options,
        checkpoint: run.checkpoint,
        parentRunId: 'parent',
        parentNodeId: 'sub',
        isTest: true,
        wakeAt: 1_767_225_600_123,
        leaseOwner: 'host-a',
        leaseExpiresAt: 1_767_225_700_456,
        nextSequence: 0,
      });
    });

    it('returns undefined for an unknown run', async () => {
      await store.create(newRun('r1'));

      expect(await store.get('missing')).toBeUndefined();
    });

    it('rejects a run id that already exists and keeps the first run', async () => {
      await store.create(newRun('r1', { workflowId: 'first' }));

      await expect(store.create(newRun('r1', { workflowId: 'second' }))).rejects.toThrow();
      expect((await store.get('r1'))?.workflowId).toBe('first');
    });
  });

  describe('commit', () => {
    it('numbers events gapless from 0 across create and commits, and returns them', async () => {
      await store.create(newRun('r1'), [event('created')]);

      const [first] = await store.commit([commitTo('r1', 1, 3)]);
      const [second] = await store.commit([commitTo('r1', 4, 2)]);

      expect(first).toEqual([1, 2, 3].map((sequence) => ({ ...event(`r1-${sequence}`), runId: 'r1', sequence })));
      expect(sequences(second)).toEqual([4, 5]);
      const stored = await store.readEvents('r1', -1, 100);
      expect(sequences(stored)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(stored.slice(1)).toEqual([...(first ?? []), ...(second ?? [])]);
      expect((await store.get('r1'))?.nextSequence).toBe(6);
    });

    it('applies the patch and leaves the fields it does not name unchanged', async () => {
      await store.create(newRun('r1', { wakeAt: 5, leaseOwner: 'host-a', leaseExpiresAt: 9 }));

      await store.commit([
        commitTo('r1', 0, 1, {
          patch: {
            status: 'failed',
            checkpoint: { cursor: 3 },
            error: { code: 'boom', details: { attempt: 2 } },
            startedAt: at(1),
            completedAt: at(2),
          },
        }),
      ]);

      expect(await store.get('r1')).toMatchObject({
        status: 'failed',
        checkpoint: { cursor: 3 },
        error: { code: 'boom', details: { attempt: 2 } },
        startedAt: at(1),
        completedAt: at(2),
        wakeAt: 5,
        leaseOwner: 'host-a',
        leaseExpiresAt: 9,
        inputs: { amount: 42 },
        nextSequence: 1,
      });
    });

    it('sets patched fields back to null', async () => {
      await store.create(newRun('r1', { wakeAt: 5, leaseOwner: 'host-a', leaseExpiresAt: 9 }));
      await store.commit([commitTo('r1', 0, 1, { patch: { error: { code: 'x' }, startedAt: at(1) } })]);

      await store.commit([
        commitTo('r1', 1, 1, {
          patch: { error: null, startedAt: null, wakeAt: null, leaseOwner: null, leaseExpiresAt: null },
        }),
      ]);

      expect(await store.get('r1')).toMatchObject({
        error: null,
        startedAt: null,
        wakeAt: null,
        leaseOwner: null,
        leaseExpiresAt: null,
      });
    });

    it('returns null and writes nothing when expectedNextSequence is stale', async () => {
      await store.create(newRun('parent', { wakeAt: null }));
      await store.create(newRun('r1'));
      await store.commit([commitTo('r1', 0, 2)]);

      const [stale] = await store.commit([
        commitTo('r1', 1, 1, {
          patch: { status: 'completed', checkpoint: { stale: true } },
          insertRuns: [newRun('child', { parentRunId: 'r1' })],
          wakeRuns: [{ runId: 'parent', wakeAt: 77 }],
        }),
      ]);

      expect(stale).toBeNull();
      expect(await store.get('r1')).toMatchObject({ status: 'pending', checkpoint: { cursor: 0 }, nextSequence: 2 });
      expect(sequences(await store.readEvents('r1', -1, 10))).toEqual([0, 1]);
      expect(await store.get('child')).toBeUndefined();
      expect((await store.get('parent'))?.wakeAt).toBeNull();
    });

    it('returns null and writes nothing when expectedStatus no longer matches', async () => {
      await store.create(newRun('r1', { status: 'running' }));
      await store.commit([commitTo('r1', 0, 0, { patch: { status: 'cancelling' } })]);

      const [stale] = await store.commit([commitTo('r1', 0, 1, { expectedStatus: 'running' })]);
      const [current] = await store.commit([commitTo('r1', 0, 1, { expectedStatus: 'cancelling' })]);

      expect(stale).toBeNull();
      expect(sequences(current)).toEqual([0]);
      expect(await store.get('r1')).toMatchObject({ status: 'cancelling', nextSequence: 1 });
    });

    it('checks expectedStatus of each commit in a batch of commits to different runs', async () => {
      for (const runId of ['a', 'b', 'c']) await store.create(newRun(runId, { status: 'running' }));

      const results = await Promise.all([
        store.commit([commitTo('a', 0, 1, { expectedStatus: 'running' })]),
        store.commit([commitTo('b', 0, 1, { expectedStatus: 'paused' })]),
        store.commit([commitTo('c', 0, 1)]),
      ]);

      expect(results.map(([events]) => sequences(events))).toEqual([[0], undefined, [0]]);
      expect((await store.get('b'))?.nextSequence).toBe(0);
    });

    it('returns null for a run that does not exist', async () => {
      expect(await store.commit([commitTo('missing', 0)])).toEqual([null]);
      expect(await store.readEvents('missing', -1, 10)).toEqual([]);
    });

    it('applies the other commits of one call when one of them is stale', async () => {
      for (const runId of ['a', 'b', 'c']) await store.create(newRun(runId));

      const results = await store.commit([commitTo('a', 0), commitTo('b', 5), commitTo('c', 0, 2)]);

      expect(results.map(sequences)).toEqual([[0], undefined, [0, 1]]);
      expect(results[1]).toBeNull();
      expect((await store.get('b'))?.nextSequence).toBe(0);
      expect((await store.get('c'))?.nextSequence).toBe(2);
    });

    it('applies the commits of one call in order, so a later one may build on an earlier one', async () => {
      await store.create(newRun('r1'));

      const results = await store.commit([commitTo('r1', 0, 2), commitTo('r1', 2, 1), commitTo('r1', 0, 1)]);

      expect(results.map(sequences)).toEqual([[0, 1], [2], undefined]);
      expect((await store.get('r1'))?.nextSequence).toBe(3);
    });

    it('returns an empty array for no commits', async () => {
      expect(await store.commit([])).toEqual([]);
    });

    it('rejects an expectedNextSequence that is not a non-negative integer', async () => {
      await store.create(newRun('r1'));

      await expect(store.commit([commitTo('r1', -1)])).rejects.toBeInstanceOf(RangeError);
      await expect(store.commit([commitTo('r1', 0.5)])).rejects.toBeInstanceOf(RangeError);
      expect((await store.get('r1'))?.nextSequence).toBe(0);
    });

    it('coalesces 50 concurrent commits to different runs into one transaction', async () => {
      await Promise.all(Array.from({ length: 50 }, (_, index) => store.create(newRun(`r${index}`))));
      expect(batches).toEqual([50]);
      batches.length = 0;

      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) => store.commit([commitTo(`r${index}`, 0, 4)])),
      );

      expect(batches).toEqual([50]);
      expect(results.map(([events]) => sequences(events))).toEqual(Array.from({ length: 50 }, () => [0, 1, 2, 3]));
      for (let index = 0; index < 50; index += 1) {
        expect(sequences(await store.readEvents(`r${index}`, -1, 10))).toEqual([0, 1, 2, 3]);
      }
    });

    it('applies concurrent commits with different patches, skipping only the stale ones', async () => {
      for (const runId of ['a', 'b', 'c', 'd', 'e']) await store.create(newRun(runId));
      batches.length = 0;

      const results = await Promise.all([
        store.commit([commitTo('a', 0, 1, { patch: { status: 'running', startedAt: at(1) } })]),
        store.commit([commitTo('b', 0, 2, { patch: { status: 'completed', checkpoint: { b: 1 } } })]),
        store.commit([commitTo('c', 3, 1, { patch: { status: 'failed' } })]),
        store.commit([commitTo('d', 0, 1, { patch: { status: 'running', startedAt: at(2) } })]),
        store.commit([commitTo('e', 0, 0, { patch: { wakeAt: 9, leaseOwner: null } })]),
      ]);

      expect(batches).toEqual([5]);
      expect(results.map(([events]) => sequences(events))).toEqual([[0], [0, 1], undefined, [0], []]);
      expect(await store.get('a')).toMatchObject({ status: 'running', startedAt: at(1), nextSequence: 1 });
      expect(await store.get('b')).toMatchObject({ status: 'completed', checkpoint: { b: 1 }, nextSequence: 2 });
      expect(await store.get('c')).toMatchObject({ status: 'pending', nextSequence: 0 });
      expect(await store.get('d')).toMatchObject({ status: 'running', startedAt: at(2), nextSequence: 1 });
      expect(await store.get('e')).toMatchObject({ status: 'pending', wakeAt: 9, nextSequence: 0 });
    });

    it('applies the writes of one tick in the order they were made', async () => {
      await store.create(newRun('parent'));
      const child = newRun('child', { parentRunId: 'parent' });

      const [created, toNew, toParent, toChild] = await Promise.all([
        store.create(newRun('new'), [event('new-0')]),
        store.commit([commitTo('new', 1)]),
        store.commit([commitTo('parent', 0, 1, { insertRuns: [child] })]),
        store.commit([commitTo('child', 0)]),
      ]);

      expect(batches.at(-1)).toBe(4);
      expect(created).toBeUndefined();
      expect(sequences(toNew[0])).toEqual([1]);
      expect(sequences(toParent[0])).toEqual([0]);
      expect(sequences(toChild[0])).toEqual([0]);
      expect(sequences(await store.readEvents('new', -1, 10))).toEqual([0, 1]);
      expect(sequences(await store.readEvents('child', -1, 10))).toEqual([0]);
    });

    it('lets exactly one of 20 concurrent commits with the same expected sequence win', async () => {
      await store.create(newRun('r1'));

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          store.commit([
            {
              runId: 'r1',
              expectedNextSequence: 0,
              events: [event(`attempt-${index}-a`), event(`attempt-${index}-b`)],
              patch: { checkpoint: { winner: index } },
            },
          ]),
        ),
      );

      const winners = results.flatMap(([events], index) => (events === null ? [] : [index]));
      expect(winners).toHaveLength(1);
      const winner = winners[0];
      const stored = await store.readEvents('r1', -1, 100);
      expect(stored.map((stored) => stored.eventId)).toEqual([`attempt-${winner}-a`, `attempt-${winner}-b`]);
      expect(await store.get('r1')).toMatchObject({ nextSequence: 2, checkpoint: { winner } });
    });

    it('lets exactly one commit win when two stores (as two hosts would) race on the same run', async () => {
      const other = createRunStore(database().db, dialect);
      await store.create(newRun('r1'));

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          (index % 2 === 0 ? store : other).commit([commitTo('r1', 0, 1, { events: [event(`attempt-${index}`)] })]),
        ),
      );

      expect(results.filter(([events]) => events !== null)).toHaveLength(1);
      expect(await store.readEvents('r1', -1, 100)).toHaveLength(1);
    });

    it('inserts child runs with their tags in the same transaction as the commit', async () => {
      await store.create(newRun('parent'));
      const child = newRun('child', {
        parentRunId: 'parent',
        parentNodeId: 'sub',
        tags: ['child-tag'],
        leaseOwner: 'host-a',
        leaseExpiresAt: 50,
      });

      const [events] = await store.commit([commitTo('parent', 0, 1, { insertRuns: [child] })]);

      expect(sequences(events)).toEqual([0]);
      expect(await store.get('child')).toMatchObject({ parentRunId: 'parent', leaseOwner: 'host-a', nextSequence: 0 });
      expect(ids(await store.listChildren('parent'))).toEqual(['child']);
      expect(ids((await store.list({ tenantId: 't1', tag: 'child-tag', limit: 10 })).items)).toEqual(['child']);
    });

    it('wakes other runs by setting only their wakeAt', async () => {
      await store.create(newRun('parent', { status: 'running', leaseOwner: 'host-b', leaseExpiresAt: 99 }));
      await store.create(newRun('child', { parentRunId: 'parent' }));

      await store.commit([
        commitTo('child', 0, 1, { patch: { status: 'completed' }, wakeRuns: [{ runId: 'parent', wakeAt: 1_234 }] }),
      ]);

      expect(await store.get('parent')).toMatchObject({
        status: 'running',
        wakeAt: 1_234,
        leaseOwner: 'host-b',
        leaseExpiresAt: 99,
        nextSequence: 0,
      });
    });

    it('fails only the call whose write breaks the transaction, and writes none of it', async () => {
      for (const runId of ['a', 'b', 'c']) await store.create(newRun(runId));
      await store.create(newRun('taken'), [event('used-id')]);
      batches.length = 0;

      const [a, b, c, duplicate] = await Promise.allSettled([
        store.commit([commitTo('a', 0)]),
        store.commit([commitTo('b', 0), commitTo('b', 1, 1, { events: [event('used-id')] })]),
        store.commit([commitTo('c', 0)]),
        store.create(newRun('a')),
      ]);

      expect(a).toMatchObject({ status: 'fulfilled', value: [[{ sequence: 0 }]] });
      expect(b.status).toBe('rejected');
      expect(c).toMatchObject({ status: 'fulfilled', value: [[{ sequence: 0 }]] });
      expect(duplicate.status).toBe('rejected');
      expect((await store.get('b'))?.nextSequence).toBe(0);
      expect(await store.readEvents('b', -1, 10)).toEqual([]);
      expect((await store.get('a'))?.nextSequence).toBe(1);
      // The batch of four, rolled back, then each call on its own.
      expect(batches).toEqual([1, 1]);
    });
  });

  describe('list', () => {
    it('lists runs newest first and filters by status, workflow and tag', async () => {
      await store.create(newRun('r1', { createdAt: at(1), tags: ['red'] }));
      await store.create(newRun('r2', { createdAt: at(2), workflowId: 'refund', tags: ['red', 'blue', 'red'] }));
      await store.create(newRun('r3', { createdAt: at(3), status: 'running', tags: ['blue'] }));
      await store.create(newRun('r4', { createdAt: at(4), tenantId: 't2', tags: ['red'] }));

      const list = async (filter: Partial<Parameters<RunStore['list']>[0]>): Promise<string[]> =>
        ids((await store.list({ tenantId: 't1', limit: 10, ...filter })).items);

      expect(await list({})).toEqual(['r3', 'r2', 'r1']);
      expect(await list({ status: 'pending' })).toEqual(['r2', 'r1']);
      expect(await list({ workflowId: 'refund' })).toEqual(['r2']);
      expect(await list({ tag: 'red' })).toEqual(['r2', 'r1']);
      expect(await list({ tag: 'blue', status: 'pending' })).toEqual(['r2']);
      expect(await list({ tag: 'green' })).toEqual([]);
      expect(await list({ tenantId: 't2' })).toEqual(['r4']);
      expect((await store.get('r2'))?.tags).toEqual(['red', 'blue', 'red']);
    });

    it('pages through every run exactly once, ordering equal creation times by run id', async () => {
      const minutes = [3, 1, 2, 2, 5, 4, 2];
      for (const [index, minute] of minutes.entries())
        await store.create(newRun(`r${index}`, { createdAt: at(minute) }));

      const pages = await collectPages(store, { tenantId: 't1', limit: 3 });

      expect(pages).toEqual([['r4', 'r5', 'r0'], ['r6', 'r3', 'r2'], ['r1']]);
    });

    it('returns a null nextCursor when the last page is exactly full', async () => {
      for (const index of [1, 2, 3, 4]) await store.create(newRun(`r${index}`, { createdAt: at(index) }));

      const pages = await collectPages(store, { tenantId: 't1', limit: 2 });

      expect(pages).toEqual([
        ['r4', 'r3'],
        ['r2', 'r1'],
      ]);
    });

    it('pages through a filtered list', async () => {
      for (let index = 0; index < 7; index += 1) {
        await store.create(newRun(`r${index}`, { createdAt: at(index), tags: index % 2 === 0 ? ['even'] : [] }));
      }

      expect(await collectPages(store, { tenantId: 't1', tag: 'even', limit: 3 })).toEqual([
        ['r6', 'r4', 'r2'],
        ['r0'],
      ]);
    });

    it.each([
      ['an empty string', ''],
      ['text that is not base64url', 'not a cursor!'],
      ['base64url of text that is not JSON', Buffer.from('hello').toString('base64url')],
      ['a JSON object', cursorOf({ createdAt: '2026', runId: 'a' })],
      ['a key with one part', cursorOf(['2026-01-01T00:00:00.000Z'])],
      ['a key with a number', cursorOf(['2026-01-01T00:00:00.000Z', 7])],
      ['a valid key with extra characters', `${cursorOf(['2026-01-01T00:00:00.000Z', 'a'])}$$`],
    ])('rejects %s as a cursor with InvalidCursorError', async (_, cursor) => {
      await store.create(newRun('r1'));

      const listing = store.list({ tenantId: 't1', limit: 1, cursor });

      await expect(listing).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(listing).rejects.toMatchObject({ cursor });
    });

    it('rejects a limit that is not a positive integer', async () => {
      await expect(store.list({ tenantId: 't1', limit: 0 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.list({ tenantId: 't1', limit: 2.5 })).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('listChildren and readEvents', () => {
    it('lists the children of a run, oldest first', async () => {
      await store.create(newRun('parent'));
      await store.create(newRun('c2', { parentRunId: 'parent', createdAt: at(2) }));
      await store.create(newRun('c1', { parentRunId: 'parent', createdAt: at(1) }));
      await store.create(newRun('other', { parentRunId: 'someone-else' }));

      expect(ids(await store.listChildren('parent'))).toEqual(['c1', 'c2']);
      expect(await store.listChildren('c1')).toEqual([]);
    });

    it('reads events after a sequence, at most limit', async () => {
      await store.create(newRun('r1'), [event('e0'), event('e1'), event('e2'), event('e3'), event('e4')]);
      await store.create(newRun('r2'), [event('other')]);

      expect(sequences(await store.readEvents('r1', -1, 2))).toEqual([0, 1]);
      expect(sequences(await store.readEvents('r1', 1, 2))).toEqual([2, 3]);
      expect(sequences(await store.readEvents('r1', 3, 10))).toEqual([4]);
      expect(await store.readEvents('r1', 4, 10)).toEqual([]);
    });

    it.each([
      ['afterSequence', -2, 10],
      ['afterSequence', 0.5, 10],
      ['limit', -1, 0],
      ['limit', -1, 1.5],
    ])('rejects an invalid %s', async (_, afterSequence, limit) => {
      await expect(store.readEvents('r1', afterSequence, limit)).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('claimRunnable', () => {
    it.each<[RunStatus, boolean]>([
      ['pending', true],
      ['running', true],
      ['cancelling', true],
      ['paused', false],
      ['waiting-approval', false],
      ['waiting-input', false],
      ['waiting-external', false],
      ['completed', false],
      ['failed', false],
      ['cancelled', false],
    ])('treats a %s run as claimable: %s', async (status, isClaimable) => {
      await store.create(newRun('r1', { status }));

      const claimed = await store.claimRunnable('host-a', 1_000, 500, 10);

      expect(ids(claimed)).toEqual(isClaimable ? ['r1'] : []);
      expect((await store.get('r1'))?.leaseOwner).toBe(isClaimable ? 'host-a' : null);
    });

    it('sets the lease and returns the claimed runs oldest first, at most limit', async () => {
      for (const [runId, minute] of [
        ['r3', 3],
        ['r1', 1],
        ['r2', 2],
      ] as const) {
        await store.create(newRun(runId, { createdAt: at(minute) }));
      }

      const claimed = await store.claimRunnable('host-a', 1_000, 500, 2);

      expect(ids(claimed)).toEqual(['r1', 'r2']);
      expect(claimed.every((run) => run.leaseOwner === 'host-a' && run.leaseExpiresAt === 1_500)).toBe(true);
      expect(await store.get('r2')).toEqual(claimed[1]);
      expect((await store.get('r3'))?.leaseOwner).toBeNull();
    });

    it('returns nothing for a limit of 0 and rejects a negative limit', async () => {
      await store.create(newRun('r1'));

      expect(await store.claimRunnable('host-a', 1_000, 500, 0)).toEqual([]);
      await expect(store.claimRunnable('host-a', 1_000, 500, -1)).rejects.toBeInstanceOf(RangeError);
      expect((await store.get('r1'))?.leaseOwner).toBeNull();
    });

    it('skips runs with a live lease and claims them again once the lease has expired', async () => {
      await store.create(newRun('r1'));
      await store.claimRunnable('host-a', 1_000, 500, 10);

      expect(await store.claimRunnable('host-b', 1_499, 500, 10)).toEqual([]);
      expect(await store.claimRunnable('host-b', 1_500, 500, 10)).toEqual([]);
      const reclaimed = await store.claimRunnable('host-b', 1_501, 500, 10);

      expect(reclaimed).toMatchObject([{ runId: 'r1', leaseOwner: 'host-b', leaseExpiresAt: 2_001 }]);
    });

    it('claims a run waiting on a timer only once its wakeAt is due', async () => {
      await store.create(newRun('r1', { status: 'running', wakeAt: 2_000 }));

      expect(await store.claimRunnable('host-a', 1_999, 500, 10)).toEqual([]);
      expect(ids(await store.claimRunnable('host-a', 2_000, 500, 10))).toEqual(['r1']);
    });

    it('never hands one run to two concurrent claimers', async () => {
      for (let index = 0; index < 100; index += 1) {
        await store.create(newRun(`r${String(index).padStart(3, '0')}`, { createdAt: at(index % 7) }));
      }
      const other = createRunStore(database().db, dialect);
      // Open a pooled connection for each claimer first, so neither is done before the other starts.
      await Promise.all([store.get('r000'), other.get('r000')]);

      const [a, b] = await Promise.all([claimAll(store, 'host-a', 3), claimAll(other, 'host-b', 3)]);

      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      expect(a.filter((runId) => b.includes(runId))).toEqual([]);
      expect(new Set([...a, ...b]).size).toBe(100);
    });

    it('never hands one run to two processes', async () => {
      for (let index = 0; index < 150; index += 1) await store.create(newRun(`r${index}`));

      const claims = await runTogether<string[]>(
        'test/support/claim-runs.ts',
        ['p1', 'p2', 'p3'].map((owner) => [database().url, owner, '4']),
      );

      const all = claims.flat();
      expect(all).toHaveLength(150);
      expect(new Set(all).size).toBe(150);
      for (const [index, owner] of ['p1', 'p2', 'p3'].entries()) {
        for (const runId of claims[index] ?? []) expect((await store.get(runId))?.leaseOwner).toBe(owner);
      }
    });
  });

  describe('claim', () => {
    it.each<{ scenario: string; overrides: Partial<NewRun> }>([
      { scenario: 'an unleased run', overrides: {} },
      { scenario: 'a run whose lease has expired', overrides: { leaseOwner: 'host-b', leaseExpiresAt: 999 } },
      { scenario: 'a run the owner already holds', overrides: { leaseOwner: 'host-a', leaseExpiresAt: 5_000 } },
      { scenario: 'a paused run', overrides: { status: 'paused' } },
      { scenario: 'a run waiting for approval', overrides: { status: 'waiting-approval' } },
    ])('claims $scenario', async ({ overrides }) => {
      await store.create(newRun('r1', overrides));

      const claimed = await store.claim('r1', 'host-a', 1_000, 500);

      expect(claimed).toMatchObject({ runId: 'r1', leaseOwner: 'host-a', leaseExpiresAt: 1_500 });
      expect(await store.get('r1')).toEqual(claimed);
    });

    it.each<{ scenario: string; overrides: Partial<NewRun> }>([
      {
        scenario: 'a run with a live lease of another owner',
        overrides: { leaseOwner: 'host-b', leaseExpiresAt: 1_000 },
      },
      { scenario: 'a completed run', overrides: { status: 'completed' } },
      { scenario: 'a failed run', overrides: { status: 'failed' } },
      { scenario: 'a cancelled run', overrides: { status: 'cancelled' } },
    ])('does not claim $scenario', async ({ overrides }) => {
      await store.create(newRun('r1', overrides));

      expect(await store.claim('r1', 'host-a', 1_000, 500)).toBeUndefined();
      expect(await store.get('r1')).toMatchObject({
        leaseOwner: overrides.leaseOwner ?? null,
        leaseExpiresAt: overrides.leaseExpiresAt ?? null,
      });
    });

    it('returns undefined for an unknown run', async () => {
      expect(await store.claim('missing', 'host-a', 1_000, 500)).toBeUndefined();
    });
  });

  describe('renewLeases', () => {
    it('extends the leases the owner still holds and returns their ids', async () => {
      await store.create(newRun('mine', { leaseOwner: 'host-a', leaseExpiresAt: 1_100 }));
      await store.create(newRun('lapsed', { leaseOwner: 'host-a', leaseExpiresAt: 900 }));
      await store.create(newRun('taken', { leaseOwner: 'host-b', leaseExpiresAt: 1_100 }));
      await store.create(newRun('free'));

      const renewed = await store.renewLeases('host-a', ['mine', 'lapsed', 'taken', 'free', 'missing'], 1_000, 500);

      expect(renewed.sort()).toEqual(['lapsed', 'mine']);
      expect((await store.get('mine'))?.leaseExpiresAt).toBe(1_500);
      expect(await store.get('taken')).toMatchObject({ leaseOwner: 'host-b', leaseExpiresAt: 1_100 });
      expect((await store.get('free'))?.leaseOwner).toBeNull();
    });

    it('returns nothing for no run ids', async () => {
      expect(await store.renewLeases('host-a', [], 1_000, 500)).toEqual([]);
    });
  });

  describe('nextWakeAt', () => {
    it('returns the earliest wakeAt of unleased runs that a worker would claim', async () => {
      await store.create(newRun('later', { status: 'running', wakeAt: 3_000 }));
      await store.create(newRun('earliest', { status: 'pending', wakeAt: 2_000 }));
      await store.create(newRun('leased', { status: 'running', wakeAt: 1_000, leaseOwner: 'h', leaseExpiresAt: 1 }));
      await store.create(newRun('paused', { status: 'paused', wakeAt: 500 }));
      await store.create(newRun('done', { status: 'completed', wakeAt: 400 }));
      await store.create(newRun('no-timer', { status: 'running' }));

      expect(await store.nextWakeAt()).toBe(2_000);
    });

    it('returns null when no run waits on a timer', async () => {
      await store.create(newRun('r1'));

      expect(await store.nextWakeAt()).toBeNull();
    });
  });

  describe("in a caller's transaction", () => {
    it('writes at once and rolls back with the transaction', async () => {
      const { db } = database();
      const rollback = new Error('roll back');

      const transaction = db.transaction().execute(async (trx) => {
        const inner = createRunStore(trx, dialect);
        await inner.create(newRun('r1'), [event('e0')]);
        const [events] = await inner.commit([commitTo('r1', 1, 2)]);
        expect(sequences(events)).toEqual([1, 2]);
        expect((await inner.get('r1'))?.nextSequence).toBe(3);
        expect(ids(await inner.claimRunnable('host-a', 1_000, 500, 10))).toEqual(['r1']);
        throw rollback;
      });

      await expect(transaction).rejects.toBe(rollback);
      expect(await store.get('r1')).toBeUndefined();
      expect(await store.readEvents('r1', -1, 10)).toEqual([]);
    });
  });
});
