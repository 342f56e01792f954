/** Opens a SQLite database file (better-sqlite3) as a Kysely instance tuned for a durable, multi-process host. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import type { Database } from './schema.js';

/** Options for {@link openSqliteDatabase}. */
export interface SqliteOptions {
  /**
   * `FULL` (default) syncs the WAL on every commit, so a committed step survives power loss.
   * `NORMAL` is faster but may lose the last commits on power loss (never corrupts the file).
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a writer waits for another process's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
}

/** The path better-sqlite3 understands as a private in-memory database. */
export const SQLITE_MEMORY_PATH = ':memory:';

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Starts every transaction with `BEGIN IMMEDIATE`. A deferred transaction that reads and then writes
 * fails with SQLITE_BUSY when another process wrote in between, whatever `busy_timeout` says; taking
 * the write lock up front makes writers from several processes queue instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** {@link SqliteDialect} whose transactions begin immediately. */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

// Enough for every statement shape the repositories issue; the least recently used is dropped beyond it.
const STATEMENT_CACHE_SIZE = 256;

/**
 * `sqlite` whose `prepare` reuses the statement prepared earlier for the same SQL text. Kysely prepares every
 * query anew, which costs about as much as running a small one. Reuse is safe because Kysely runs one query at
 * a time on the connection and finishes each (`all`, `run`, or a stream that holds the connection) before the next.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (text) => {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      } else {
        // Map order is insertion order: move the statement to the most recently used end.
        statements.delete(text);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}

/**
 * Opens (creating it and its parent directory if needed) the SQLite database at `path`, or a private
 * in-memory one for `:memory:`, with WAL journaling and foreign keys on. Does not run migrations.
 * Open one instance per process: better-sqlite3 is synchronous, so two connections to the same
 * file inside one process would wait on each other's locks while blocking the event loop.
 */
export function openSqliteDatabase(path: string, options: SqliteOptions = {}): Kysely<Database> {
  const { synchronous = 'FULL', busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS } = options;
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new Error(`SQLite synchronous mode "${String(synchronous)}" is not FULL or NORMAL`);
  }
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new Error(`SQLite busy timeout ${busyTimeoutMs} is not a non-negative integer`);
  }
  if (path !== SQLITE_MEMORY_PATH) mkdirSync(dirname(path), { recursive: true });

  const sqlite = new BetterSqlite3(path);
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold.
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.pragma('foreign_keys = ON');
    // Fewer system calls: a larger page cache and memory-mapped reads (writes still go through the WAL and fsync).
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma(`mmap_size = ${256 * 1024 * 1024}`);
    sqlite.pragma('temp_store = MEMORY');
  } catch (error) {
    sqlite.close();
    throw new Error(`could not configure SQLite database "${path}"`, { cause: error });
  }
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}
