/** Migration 0001: the `workflows` table. Never edit after merge; add a new numbered migration instead. */
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '../schema.js';

/** Creates `workflows` and the index that lists each tenant's workflows newest first. */
export async function up(db: Kysely<unknown>, dialect: DatabaseDialect): Promise<void> {
  const isPostgres = dialect === 'postgres';
  // Byte-wise collation on PostgreSQL so keys sort exactly as SQLite's BINARY collation does,
  // whatever locale the server was created with; list ordering and cursors rely on it.
  const keyText = isPostgres ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('workflows')
    .addColumn('tenant_id', keyText, (column) => column.notNull())
    .addColumn('workflow_id', keyText, (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull().check(sql`revision >= 1`))
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('digest', 'text', (column) => column.notNull())
    .addColumn('definition', isPostgres ? 'jsonb' : 'text', (column) => column.notNull())
    .addColumn('registered_at', keyText, (column) => column.notNull())
    .addPrimaryKeyConstraint('workflows_pkey', ['tenant_id', 'workflow_id', 'revision'])
    // STRICT makes SQLite enforce the declared column types, as PostgreSQL does.
    .$call((builder) => (isPostgres ? builder : builder.modifyEnd(sql`strict`)))
    .execute();

  await db.schema
    .createIndex('workflows_tenant_registered_at_idx')
    .on('workflows')
    .columns(['tenant_id', 'registered_at desc', 'workflow_id'])
    .execute();
}
