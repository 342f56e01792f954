/** Secrets every process of a host deployment shares, created once in the database by whichever process asks first. */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The secret stored under `name`, created (32 random bytes, base64url) if there is none yet. Safe when several
 * processes ask at once: the first insert wins and everyone reads it back.
 */
export async function loadOrCreateSecret(db: Kysely<Database>, name: string, now: Date): Promise<string> {
  const candidate = randomBytes(32).toString('base64url');
  await sql`insert into host_secrets (name, value, created_at) values (${name}, ${candidate}, ${now.toISOString()})
    on conflict (name) do nothing`.execute(db);
  const { rows } = await sql<{ value: string }>`select value from host_secrets where name = ${name}`.execute(db);
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`host secret "${name}" could not be stored`);
  return value;
}
