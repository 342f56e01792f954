/** Turns a database URL into an open, migrated Kysely instance for SQLite or PostgreSQL. */
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { migrateToLatest } from './migrations/index.js';
import { openPostgresDatabase, type PostgresOptions } from './postgres.js';
import type { Database, DatabaseDialect } from './schema.js';
import { openSqliteDatabase, SQLITE_MEMORY_PATH, type SqliteOptions } from './sqlite.js';

/** The database used when no URL is configured: a SQLite file under the working directory. */
export const DEFAULT_DATABASE_URL = 'sqlite:.wopkit/wopkit.db';

/** Where a database URL points: an absolute SQLite path (or `:memory:`), or a PostgreSQL URL. */
export type DatabaseLocation = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

/** Options for {@link openDatabase}; each dialect reads only its own. */
export interface OpenDatabaseOptions extends SqliteOptions, PostgresOptions {}

/** An open, migrated database. Call `close` once the host stops using it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  /** Closes the file or the connection pool; later calls return the same promise. */
  close(): Promise<void>;
}

const EXPECTED_FORMS =
  'expected sqlite:PATH (relative to the working directory, or absolute), sqlite::memory:, postgres://… or postgresql://…';

/**
 * Reads a database URL: `sqlite:PATH` (relative paths resolve against `cwd`), `sqlite::memory:`,
 * `postgres://…` or `postgresql://…`; `undefined` means {@link DEFAULT_DATABASE_URL}.
 * Throws an `Error` naming the value (password hidden) for anything else.
 */
export function parseDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): DatabaseLocation {
  const value = url ?? DEFAULT_DATABASE_URL;
  const sqlitePath = /^sqlite:(.*)$/is.exec(value)?.[1];
  if (sqlitePath !== undefined) {
    if (sqlitePath === SQLITE_MEMORY_PATH) return { dialect: 'sqlite', path: SQLITE_MEMORY_PATH };
    // `sqlite://x` reads like a host name; refuse it rather than guess between "/x" and "x".
    if (sqlitePath !== '' && !sqlitePath.startsWith('//')) {
      return { dialect: 'sqlite', path: resolve(cwd, sqlitePath) };
    }
  } else if (/^postgres(?:ql)?:\/\/./i.test(value)) {
    return { dialect: 'postgres', url: value };
  }
  throw new Error(`unsupported database URL "${redactPassword(value)}": ${EXPECTED_FORMS}`);
}

/**
 * Opens the database at `url` (see {@link parseDatabaseUrl}) and applies pending migrations before
 * returning. Throws, with the database closed again, if the URL is invalid or migrating fails.
 */
export async function openDatabase(
  url: string | undefined,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  const location = parseDatabaseUrl(url);
  const db =
    location.dialect === 'sqlite'
      ? openSqliteDatabase(location.path, options)
      : openPostgresDatabase(location.url, options);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= db.destroy());

  try {
    await migrateToLatest(db, location.dialect);
  } catch (error) {
    await close().catch(() => {
      // The migration error below is the one worth reporting; closing a broken database may fail too.
    });
    const where = location.dialect === 'sqlite' ? location.path : redactPassword(location.url);
    throw new Error(`could not open ${location.dialect} database "${where}"`, { cause: error });
  }
  return { db, dialect: location.dialect, close };
}

/** Hides the password of a `scheme://user:password@…` string so it can go into an error message. */
function redactPassword(value: string): string {
  // Up to the last "@", so unencoded "@" or "/" inside a password are hidden too.
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:).*@/is, '$1***@');
}
