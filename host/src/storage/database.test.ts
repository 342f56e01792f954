import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, createTestDatabase, DIALECTS } from '../../test/support/databases.js';
import { DEFAULT_DATABASE_URL, openDatabase, parseDatabaseUrl, type DatabaseLocation } from './database.js';
import { migrateToLatest, migrations } from './migrations/index.js';
import { openPostgresDatabase } from './postgres.js';
import type { Database } from './schema.js';
import { openSqliteDatabase } from './sqlite.js';

describe('parseDatabaseUrl', () => {
  const cwd = '/srv/app';

  it.each<[string | undefined, DatabaseLocation]>([
    [undefined, { dialect: 'sqlite', path: '/srv/app/.wopkit/wopkit.db' }],
    [DEFAULT_DATABASE_URL, { dialect: 'sqlite', path: '/srv/app/.wopkit/wopkit.db' }],
    ['sqlite:data/host.db', { dialect: 'sqlite', path: '/srv/app/data/host.db' }],
    ['sqlite:../shared/host.db', { dialect: 'sqlite', path: '/srv/shared/host.db' }],
    ['sqlite:/var/lib/wopkit/host.db', { dialect: 'sqlite', path: '/var/lib/wopkit/host.db' }],
    ['SQLite:host.db', { dialect: 'sqlite', path: '/srv/app/host.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['postgres://u:p@db:5432/wopkit', { dialect: 'postgres', url: 'postgres://u:p@db:5432/wopkit' }],
    ['postgresql://db/wopkit?sslmode=require', { dialect: 'postgres', url: 'postgresql://db/wopkit?sslmode=require' }],
  ])('reads %j', (url, location) => {
    expect(parseDatabaseUrl(url, cwd)).toEqual(location);
  });

  it('resolves relative SQLite paths against the working directory by default', () => {
    expect(parseDatabaseUrl('sqlite:x.db')).toEqual({ dialect: 'sqlite', path: resolve(process.cwd(), 'x.db') });
  });

  it.each([
    '',
    'host.db',
    'sqlite:',
    'sqlite://host/db',
    'postgres:db',
    'postgres://',
    'mysql://db/wopkit',
    'file:host.db',
  ])('rejects %j naming the value', (url) => {
    expect(() => parseDatabaseUrl(url, cwd)).toThrow(`unsupported database URL "${url}"`);
  });

  it('hides the password of a rejected URL', () => {
    expect(() => parseDatabaseUrl('mysql://admin:s3cr@t/x@db/wopkit', cwd)).toThrow(
      'unsupported database URL "mysql://admin:***@db/wopkit"',
    );
  });
});

describe('openDatabase on sqlite files', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function pragma(db: Kysely<Database>, name: string): Promise<unknown> {
    const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db);
    return Object.values(rows[0] ?? {})[0];
  }

  it('creates missing parent directories and configures WAL, FULL sync, busy timeout and foreign keys', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wopkit-db-'));
    const path = join(dir, 'nested', 'deeper', 'host.db');
    const handle = await openDatabase(`sqlite:${path}`);
    try {
      expect(handle.dialect).toBe('sqlite');
      expect((await stat(path)).isFile()).toBe(true);
      expect(await pragma(handle.db, 'journal_mode')).toBe('wal');
      expect(await pragma(handle.db, 'synchronous')).toBe(2);
      expect(await pragma(handle.db, 'busy_timeout')).toBe(5000);
      expect(await pragma(handle.db, 'foreign_keys')).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('applies the synchronous and busy timeout options', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wopkit-db-'));
    const handle = await openDatabase(`sqlite:${join(dir, 'host.db')}`, { synchronous: 'NORMAL', busyTimeoutMs: 250 });
    try {
      expect(await pragma(handle.db, 'synchronous')).toBe(1);
      expect(await pragma(handle.db, 'busy_timeout')).toBe(250);
    } finally {
      await handle.close();
    }
  });

  it('opens a migrated in-memory database for sqlite::memory:', async () => {
    const handle = await openDatabase('sqlite::memory:');
    try {
      expect(handle.dialect).toBe('sqlite');
      expect(await handle.db.selectFrom('workflows').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});

describe('openSqliteDatabase', () => {
  it('answers repeated and evicted prepared statements correctly beyond its statement cache', async () => {
    const db = openSqliteDatabase(':memory:');
    try {
      const select = (value: number) => sql.raw<{ value: number }>(`select ${value} as value`).execute(db);
      for (let round = 0; round < 2; round += 1) {
        // More distinct texts than the cache holds, so the second round re-prepares evicted ones.
        for (let value = 0; value < 300; value += 1) expect((await select(value)).rows).toEqual([{ value }]);
      }
      const bound = (value: number) => sql<{ value: number }>`select ${value} as value`.execute(db);
      expect((await bound(1)).rows).toEqual([{ value: 1 }]);
      expect((await bound(2)).rows).toEqual([{ value: 2 }]);
    } finally {
      await db.destroy();
    }
  });

  it('rejects a negative busy timeout', () => {
    expect(() => openSqliteDatabase(':memory:', { busyTimeoutMs: -1 })).toThrow('busy timeout -1');
  });
});

describe('openPostgresDatabase', () => {
  it('rejects a pool size below one', () => {
    expect(() => openPostgresDatabase('postgres://db/x', { maxPoolSize: 0 })).toThrow('pool size 0');
  });
});

describe.each(DIALECTS)('openDatabase on %s', (dialect) => {
  it('migrates once and opens an already migrated database again without changes', async () => {
    const first = await createTestDatabase(dialect);
    try {
      await first.db
        .insertInto('workflows')
        .values({
          tenant_id: 't1',
          workflow_id: 'invoice',
          revision: 1,
          version: '1',
          digest: 'd',
          definition: '{}',
          registered_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();

      const second = await openDatabase(first.url);
      try {
        expect(second.dialect).toBe(dialect);
        expect(await migrateToLatest(second.db, dialect)).toEqual([]);
        const applied = await sql<{ name: string }>`select name from wopkit_migration order by name`.execute(second.db);
        expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
        expect(await second.db.selectFrom('workflows').select('workflow_id').execute()).toEqual([
          { workflow_id: 'invoice' },
        ]);
      } finally {
        await second.close();
      }
    } finally {
      await first.dispose();
    }
  });

  it('applies every migration, in order, to an empty database', async () => {
    const empty = await createEmptyTestDatabase(dialect);
    try {
      const location = parseDatabaseUrl(empty.url);
      const db = location.dialect === 'sqlite' ? openSqliteDatabase(location.path) : openPostgresDatabase(location.url);
      try {
        expect(await migrateToLatest(db, dialect)).toEqual(Object.keys(migrations));
        expect(await migrateToLatest(db, dialect)).toEqual([]);
      } finally {
        await db.destroy();
      }
    } finally {
      await empty.drop();
    }
  });

  it('fails naming the migration that could not run, and closes the database', async () => {
    const empty = await createEmptyTestDatabase(dialect);
    try {
      const location = parseDatabaseUrl(empty.url);
      const db = location.dialect === 'sqlite' ? openSqliteDatabase(location.path) : openPostgresDatabase(location.url);
      // A table the first migration will collide with.
      await sql`create table workflows (id integer)`.execute(db);
      await db.destroy();

      const opening = openDatabase(empty.url);

      await expect(opening).rejects.toThrow(`could not open ${dialect} database`);
      await expect(opening).rejects.toMatchObject({
        cause: { message: `database migration "0001_initial" failed on ${dialect}` },
      });
    } finally {
      await empty.drop();
    }
  });

  it('closes idempotently', async () => {
    const database = await createTestDatabase(dialect);
    try {
      await database.close();

      await expect(database.close()).resolves.toBeUndefined();
      await expect(database.db.selectFrom('workflows').selectAll().execute()).rejects.toThrow();
    } finally {
      await database.dispose();
    }
  });
});

describe('migrations', () => {
  it('are named NNNN_snake_case and listed in order', () => {
    const names = Object.keys(migrations);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
    expect(names).toEqual([...names].sort());
  });
});
