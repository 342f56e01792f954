/** Kysely table types of the wopkit database; SQL names are snake_case, repositories map them to camelCase. */
import type { ColumnType } from 'kysely';

/** The SQL dialects wopkit stores data in. */
export type DatabaseDialect = 'sqlite' | 'postgres';

/** One row per stored revision of a tenant's workflow definition. */
export interface WorkflowsTable {
  tenant_id: string;
  workflow_id: string;
  /** 1-based, increasing per (tenant_id, workflow_id). */
  revision: number;
  version: string;
  /** sha256 hex of the canonical JSON of the definition. */
  digest: string;
  /**
   * JSON text on SQLite, jsonb on PostgreSQL. Always written as JSON text; read back as that text on
   * SQLite and as the parsed value on PostgreSQL, which is why only repositories should touch it.
   */
  definition: ColumnType<unknown, string, string>;
  /** ISO 8601 time the revision was stored. */
  registered_at: string;
}

/** The whole database as Kysely sees it; pass it to `Kysely<Database>`. */
export interface Database {
  workflows: WorkflowsTable;
}
