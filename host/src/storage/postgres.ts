/** Opens a PostgreSQL database (pg Pool) as a Kysely instance. */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';

/** Options for {@link openPostgresDatabase}. */
export interface PostgresOptions {
  /** Most connections the pool opens at once. Default 10. */
  maxPoolSize?: number;
  /**
   * Called when an idle pooled connection fails (server restart, network drop). The pool has already
   * discarded that connection and opens a new one on demand. Default: ignore.
   */
  onIdleConnectionError?: (error: Error) => void;
}

const DEFAULT_MAX_POOL_SIZE = 10;

/**
 * Opens a connection pool to the PostgreSQL server at `url` (`postgres://` or `postgresql://`).
 * Connections are made lazily, so a wrong URL surfaces on the first query. Does not run migrations.
 */
export function openPostgresDatabase(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const { maxPoolSize = DEFAULT_MAX_POOL_SIZE, onIdleConnectionError } = options;
  if (!Number.isInteger(maxPoolSize) || maxPoolSize < 1) {
    throw new Error(`PostgreSQL pool size ${maxPoolSize} is not a positive integer`);
  }
  const pool = new pg.Pool({ connectionString: url, max: maxPoolSize });
  // Without a listener, an idle connection's error event would crash the process.
  pool.on('error', (error) => onIdleConnectionError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
