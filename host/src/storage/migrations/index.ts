/** The ordered list of schema migrations and the function that applies them. */
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Database, DatabaseDialect } from '../schema.js';
import * as initial from './0001_initial.js';
import * as runs from './0002_runs.js';
import * as dedupScope from './0003_run_dedup_scope.js';
import * as webhooks from './0004_webhooks.js';
import * as interrupts from './0005_interrupts.js';

/** A schema migration that may emit different DDL per dialect. */
export interface DialectMigration {
  /** Applies the migration; runs in a transaction on both dialects. */
  up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void>;
}

/**
 * Every migration by name, in the order they run. Names are `NNNN_snake_case`; append new
 * migrations at the end and never edit or reorder one that has been merged.
 */
export const migrations: Readonly<Record<string, DialectMigration>> = Object.freeze({
  '0001_initial': initial,
  '0002_runs': runs,
  '0003_run_dedup_scope': dedupScope,
  '0004_webhooks': webhooks,
  '0005_interrupts': interrupts,
});

// Prefixed so wopkit can share a PostgreSQL database with other Kysely users. Never change them.
const MIGRATION_TABLE = 'wopkit_migration';
const MIGRATION_LOCK_TABLE = 'wopkit_migration_lock';

/** Serves `migrations` from code, bound to one dialect, so migrating works from any working directory. */
class InCodeMigrationProvider implements MigrationProvider {
  readonly #dialect: DatabaseDialect;

  constructor(dialect: DatabaseDialect) {
    this.#dialect = dialect;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    const dialect = this.#dialect;
    return Object.fromEntries(
      Object.entries(migrations).map(([name, migration]) => [
        name,
        { up: (db: Kysely<unknown>) => migration.up(db, dialect) },
      ]),
    );
  }
}

/**
 * Applies every migration the database has not run yet and returns their names (empty when it was
 * already up to date). Safe to call from several processes at once. Throws naming the migration that failed.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: DatabaseDialect): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    const what = failed ? `database migration "${failed.migrationName}"` : 'database migration';
    throw new Error(`${what} failed on ${dialect}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
