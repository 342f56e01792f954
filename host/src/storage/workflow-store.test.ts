import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredWorkflow, WorkflowStore } from '../engine/ports.js';
import { DIALECTS, useTestDatabase } from '../../test/support/databases.js';
import { InvalidCursorError } from '../engine/errors.js';
import { createWorkflowStore } from './workflow-store.js';

const hostDir = fileURLToPath(new URL('../..', import.meta.url));

type RegisterInput = Parameters<WorkflowStore['register']>[0];

/** A registration of `workflowId` for tenant `t1`, at a fixed time unless overridden. */
function registration(workflowId: string, overrides: Partial<RegisterInput> = {}): RegisterInput {
  return {
    tenantId: 't1',
    workflowId,
    version: '1.0.0',
    digest: `digest-of-${workflowId}`,
    definition: { id: workflowId, steps: [{ name: 'a' }] },
    registeredAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The ISO time `minutes` minutes after a fixed origin. */
function at(minutes: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString();
}

/** Follows `nextCursor` until the last page and returns every page. */
async function collectPages(store: WorkflowStore, tenantId: string, limit: number): Promise<StoredWorkflow[][]> {
  const pages: StoredWorkflow[][] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(tenantId, cursor === undefined ? { limit } : { limit, cursor });
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

interface ProcessRegistration {
  revision: number;
  created: boolean;
  digest: string;
}

/**
 * Runs `test/support/register-workflows.ts` once per label, each registering `count` definitions of
 * workflow `invoice` of tenant `t1`, released together once every process has opened the database.
 */
async function registerFromProcesses(url: string, labels: string[], count: number): Promise<ProcessRegistration[]> {
  const children = labels.map((label) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/register-workflows.ts', url, 't1', 'invoice', label, String(count)],
      { cwd: hostDir, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.startsWith('ready\n')) resolve();
      });
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<ProcessRegistration[]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(JSON.parse(stdout.slice('ready\n'.length)) as ProcessRegistration[]);
        else reject(new Error(`register process ${label} exited with ${code}: ${stderr}`));
      });
    });
    return { child, ready: Promise.race([ready, exited.then(() => undefined)]), exited };
  });
  await Promise.all(children.map(({ ready }) => ready));
  for (const { child } of children) child.stdin.end('go\n');
  const results = await Promise.all(children.map(({ exited }) => exited));
  return results.flat();
}

const cursorOf = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(DIALECTS)('createWorkflowStore on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  let store: WorkflowStore;
  beforeEach(() => {
    store = createWorkflowStore(database().db, dialect);
  });

  it('registers a first revision and gets it back', async () => {
    const input = registration('invoice');
    const result = await store.register(input);

    const expected: StoredWorkflow = {
      tenantId: 't1',
      workflowId: 'invoice',
      revision: 1,
      version: '1.0.0',
      digest: 'digest-of-invoice',
      definition: { id: 'invoice', steps: [{ name: 'a' }] },
      registeredAt: '2026-01-01T00:00:00.000Z',
    };
    expect(result).toEqual({ workflow: expected, created: true });
    expect(await store.get('t1', 'invoice')).toEqual(expected);
    expect(await store.get('t1', 'invoice', 1)).toEqual(expected);
  });

  it('round-trips nested JSON definitions unchanged', async () => {
    const definition = {
      name: 'Rechnung – 請求書 🧾',
      quote: 'say "hi"\n\\',
      numbers: [0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER],
      flags: { on: true, off: false, none: null },
      nested: { deeper: { list: [[], {}, [1, { a: 'b' }]] } },
    };
    await store.register(registration('invoice', { definition }));

    expect((await store.get('t1', 'invoice'))?.definition).toEqual(definition);
  });

  it('returns undefined for an unknown workflow or revision', async () => {
    await store.register(registration('invoice'));

    expect(await store.get('t1', 'missing')).toBeUndefined();
    expect(await store.get('t1', 'invoice', 2)).toBeUndefined();
    expect(await store.get('t1', 'invoice', 0)).toBeUndefined();
  });

  it('returns the latest revision with created false when the digest is identical', async () => {
    const first = await store.register(registration('invoice'));
    const again = await store.register(
      registration('invoice', { version: 'ignored', registeredAt: at(5), definition: { ignored: true } }),
    );

    expect(again).toEqual({ workflow: first.workflow, created: false });
    expect(await store.get('t1', 'invoice', 2)).toBeUndefined();
  });

  it('stores a new revision when the digest differs and keeps the old one', async () => {
    await store.register(registration('invoice'));
    const second = await store.register(
      registration('invoice', { version: '2.0.0', digest: 'd2', definition: { v: 2 }, registeredAt: at(1) }),
    );

    expect(second.created).toBe(true);
    expect(second.workflow).toMatchObject({ revision: 2, version: '2.0.0', digest: 'd2', definition: { v: 2 } });
    expect(await store.get('t1', 'invoice')).toEqual(second.workflow);
    expect((await store.get('t1', 'invoice', 1))?.digest).toBe('digest-of-invoice');
  });

  it('stores a new revision when an older digest comes back', async () => {
    await store.register(registration('invoice', { digest: 'a' }));
    await store.register(registration('invoice', { digest: 'b' }));
    const third = await store.register(registration('invoice', { digest: 'a' }));

    expect(third).toMatchObject({ workflow: { revision: 3, digest: 'a' }, created: true });
  });

  it('keeps tenants apart', async () => {
    await store.register(registration('invoice', { tenantId: 't1', digest: 'one' }));
    const other = await store.register(registration('invoice', { tenantId: 't2', digest: 'two' }));
    await store.register(registration('only-t2', { tenantId: 't2' }));

    expect(other.workflow.revision).toBe(1);
    expect((await store.get('t1', 'invoice'))?.digest).toBe('one');
    expect((await store.get('t2', 'invoice'))?.digest).toBe('two');
    expect(await store.get('t1', 'only-t2')).toBeUndefined();
    const t1 = await store.list('t1', { limit: 10 });
    expect(t1.items.map((workflow) => workflow.workflowId)).toEqual(['invoice']);
  });

  it('lists only the latest revision of each workflow, newest registration first', async () => {
    await store.register(registration('a', { digest: 'a1', registeredAt: at(1) }));
    await store.register(registration('b', { digest: 'b1', registeredAt: at(2) }));
    await store.register(registration('c', { digest: 'c1', registeredAt: at(3) }));
    await store.register(registration('a', { digest: 'a2', registeredAt: at(4) }));

    const page = await store.list('t1', { limit: 10 });

    expect(page.items.map(({ workflowId, revision }) => [workflowId, revision])).toEqual([
      ['a', 2],
      ['c', 1],
      ['b', 1],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('orders workflows registered at the same time by workflow id', async () => {
    for (const workflowId of ['b', 'a-z', 'B', 'a', 'aa']) {
      await store.register(registration(workflowId, { registeredAt: at(1) }));
    }

    const page = await store.list('t1', { limit: 10 });

    // Byte order on both dialects: upper case before lower case, "-" before letters.
    expect(page.items.map((workflow) => workflow.workflowId)).toEqual(['B', 'a', 'a-z', 'aa', 'b']);
  });

  it('pages through every workflow exactly once until nextCursor is null', async () => {
    const times = [3, 1, 2, 2, 5, 4, 2];
    for (const [index, minute] of times.entries()) {
      await store.register(registration(`w${index}`, { registeredAt: at(minute) }));
    }

    const pages = await collectPages(store, 't1', 3);
    const whole = await store.list('t1', { limit: 100 });

    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(whole.items);
    expect(whole.items.map((workflow) => workflow.workflowId)).toEqual(['w4', 'w5', 'w0', 'w2', 'w3', 'w6', 'w1']);
  });

  it('returns a null nextCursor when the last page is exactly full', async () => {
    for (const index of [1, 2, 3, 4]) {
      await store.register(registration(`w${index}`, { registeredAt: at(index) }));
    }

    const first = await store.list('t1', { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await store.list('t1', { limit: 2, cursor: first.nextCursor ?? '' });

    expect(second.items.map((workflow) => workflow.workflowId)).toEqual(['w2', 'w1']);
    expect(second.nextCursor).toBeNull();
  });

  it('returns an empty last page for a tenant without workflows', async () => {
    await store.register(registration('invoice'));

    expect(await store.list('nobody', { limit: 5 })).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['an empty string', ''],
    ['text that is not base64url', 'not a cursor!'],
    ['base64url of text that is not JSON', Buffer.from('hello').toString('base64url')],
    ['a JSON object', cursorOf({ registeredAt: '2026', workflowId: 'a' })],
    ['a key with one part', cursorOf(['2026-01-01T00:00:00.000Z'])],
    ['a key with a number', cursorOf(['2026-01-01T00:00:00.000Z', 7])],
    ['a valid key with extra characters', `${cursorOf(['2026-01-01T00:00:00.000Z', 'a'])}$$`],
  ])('rejects %s as a cursor with InvalidCursorError', async (_, cursor) => {
    await store.register(registration('invoice'));

    const listing = store.list('t1', { limit: 1, cursor });

    await expect(listing).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listing).rejects.toMatchObject({ name: 'InvalidCursorError', cursor });
  });

  it('rejects a limit that is not a positive integer', async () => {
    await expect(store.list('t1', { limit: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.list('t1', { limit: 1.5 })).rejects.toBeInstanceOf(RangeError);
  });

  it('gives consecutive revisions to 10 concurrent registrations of different definitions', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        store.register(registration('invoice', { digest: `d${index}`, definition: { index } })),
      ),
    );

    expect(results.every((result) => result.created)).toBe(true);
    expect(results.map((result) => result.workflow.revision).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    const latest = await store.get('t1', 'invoice');
    expect(latest?.revision).toBe(10);
  });

  it('creates one revision when 10 concurrent registrations are identical', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => store.register(registration('invoice'))));

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.workflow.revision))).toEqual(new Set([1]));
    expect(await store.get('t1', 'invoice', 2)).toBeUndefined();
  });

  it('gives consecutive revisions when several processes register the same workflow at once', async () => {
    const results = await registerFromProcesses(database().url, ['p1', 'p2', 'p3', 'p4'], 20);

    expect(results).toHaveLength(80);
    expect(results.every((result) => result.created)).toBe(true);
    expect(results.map((result) => result.revision).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 80 }, (_, index) => index + 1),
    );
    for (const result of results) {
      expect((await store.get('t1', 'invoice', result.revision))?.digest).toBe(result.digest);
    }
  });

  it("registers inside a caller's transaction and rolls back with it", async () => {
    const { db } = database();
    const rollback = new Error('roll back');

    const transaction = db.transaction().execute(async (trx) => {
      const inner = createWorkflowStore(trx, dialect);
      await inner.register(registration('invoice'));
      const second = await inner.register(registration('invoice', { digest: 'd2' }));
      expect(second.workflow.revision).toBe(2);
      expect((await inner.get('t1', 'invoice'))?.revision).toBe(2);
      throw rollback;
    });

    await expect(transaction).rejects.toBe(rollback);
    expect(await store.get('t1', 'invoice')).toBeUndefined();
  });

  it("keeps registrations made inside a caller's committed transaction", async () => {
    const { db } = database();

    await db.transaction().execute(async (trx) => {
      await createWorkflowStore(trx, dialect).register(registration('invoice'));
    });

    expect((await store.get('t1', 'invoice'))?.revision).toBe(1);
  });
});

describe('createWorkflowStore on postgres, when a writer bypasses the per-workflow lock', () => {
  const database = useTestDatabase('postgres');

  /** Resolves once some session of the current database waits for a row or transaction lock. */
  async function waitForLockWait(): Promise<void> {
    const { db } = database();
    for (let poll = 0; poll < 500; poll += 1) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if ((rows[0]?.waiting ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('register never waited for the concurrent insert');
  }

  it.each([
    {
      scenario: 'retries with the next revision',
      digest: 'mine',
      inCallerTransaction: false,
      revision: 2,
      created: true,
    },
    {
      scenario: 'returns the winner when it has the same digest',
      digest: 'theirs',
      inCallerTransaction: false,
      revision: 1,
      created: false,
    },
    {
      scenario: "retries inside a caller's transaction",
      digest: 'mine',
      inCallerTransaction: true,
      revision: 2,
      created: true,
    },
  ])('$scenario after a primary-key conflict', async ({ digest, inCallerTransaction, revision, created }) => {
    const { db } = database();
    const input = registration('invoice', { digest });
    // An uncommitted revision 1 that `register` cannot see yet but will collide with.
    const rival = await db.startTransaction().execute();
    await rival
      .insertInto('workflows')
      .values({
        tenant_id: 't1',
        workflow_id: 'invoice',
        revision: 1,
        version: '1.0.0',
        digest: 'theirs',
        definition: JSON.stringify({ rival: true }),
        registered_at: at(0),
      })
      .execute();

    const registering = inCallerTransaction
      ? db.transaction().execute((trx) => createWorkflowStore(trx, 'postgres').register(input))
      : createWorkflowStore(db, 'postgres').register(input);
    await waitForLockWait();
    await rival.commit().execute();
    const result = await registering;

    expect(result.created).toBe(created);
    expect(result.workflow).toMatchObject({ revision, digest });
    const latest = await createWorkflowStore(db, 'postgres').get('t1', 'invoice');
    expect(latest).toMatchObject({ revision, digest });
  });
});
