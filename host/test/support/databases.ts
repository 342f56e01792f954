/** Fresh, isolated databases for storage tests, one per test, on either dialect. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/storage/database.js';
import type { DatabaseDialect } from '../../src/storage/schema.js';

/** Both dialects, for `describe.each(DIALECTS)`. */
export const DIALECTS: readonly DatabaseDialect[] = ['sqlite', 'postgres'];

/** A new database that nothing has opened or migrated yet. */
export interface EmptyTestDatabase {
  dialect: DatabaseDialect;
  /** URL for `openDatabase`, also from another process. */
  url: string;
  /** Deletes the database; close every handle on it first (PostgreSQL connections are cut anyway). */
  drop(): Promise<void>;
}

/** A new, open and migrated database. */
export interface TestDatabase extends DatabaseHandle, Pick<EmptyTestDatabase, 'url'> {
  /** Closes this handle and deletes the database. */
  dispose(): Promise<void>;
}

/**
 * Creates an empty database of `dialect`: a file in a new temporary directory for SQLite, a database
 * with a random name on the `postgresUrl` server (see `test/global-setup.ts`) for PostgreSQL.
 */
export async function createEmptyTestDatabase(dialect: DatabaseDialect): Promise<EmptyTestDatabase> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'wopkit-sqlite-'));
    return {
      dialect,
      url: `sqlite:${join(dir, 'test.db')}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = inject('postgresUrl');
  const name = `wopkit_test_${randomBytes(8).toString('hex')}`;
  await runAsAdmin(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.href,
    drop: () => runAsAdmin(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

/** Creates an empty database of `dialect` and opens it with `openDatabase`, which migrates it. */
export async function createTestDatabase(dialect: DatabaseDialect): Promise<TestDatabase> {
  const empty = await createEmptyTestDatabase(dialect);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(empty.url);
  } catch (error) {
    await empty.drop();
    throw error;
  }
  return {
    ...handle,
    url: empty.url,
    dispose: async () => {
      try {
        await handle.close();
      } finally {
        await empty.drop();
      }
    },
  };
}

/**
 * Gives each test of the enclosing `describe` its own fresh database of `dialect`, disposed after
 * the test. Call the returned function inside a test or hook to get the current one.
 */
export function useTestDatabase(dialect: DatabaseDialect): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    const database = current;
    current = undefined;
    await database?.dispose();
  });
  return () => {
    if (current === undefined) throw new Error('the test database exists only while a test runs');
    return current;
  };
}

async function runAsAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
