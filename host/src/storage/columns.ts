/** Reading column values that the two dialects hand back differently. */
import type { DatabaseDialect } from './schema.js';

/** A JSON column's value: SQLite hands back JSON text, pg has already parsed jsonb. */
export function readJson(value: unknown, dialect: DatabaseDialect): unknown {
  return dialect === 'sqlite' && typeof value === 'string' ? JSON.parse(value) : value;
}

/** An epoch-milliseconds `bigint` column: pg reads it as a decimal string; the values fit a double exactly. */
export function toEpochMs(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
