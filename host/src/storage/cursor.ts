/** Opaque list cursors: a (sort time, id) pair as canonical base64url JSON. */
import { InvalidCursorError } from '../engine/errors.js';

/** Encodes the sort key of the last item of a page. */
export function encodeCursor(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id]), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor `encodeCursor` produced.
 * @throws InvalidCursorError for anything else (Node's base64url decoder skips stray characters, so the cursor must
 * re-encode to exactly the same text).
 */
export function decodeCursor(cursor: string): [time: string, id: string] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidCursorError(cursor, { cause: error });
  }
  if (
    Array.isArray(decoded) &&
    decoded.length === 2 &&
    typeof decoded[0] === 'string' &&
    typeof decoded[1] === 'string'
  ) {
    if (encodeCursor(decoded[0], decoded[1]) === cursor) return [decoded[0], decoded[1]];
  }
  throw new InvalidCursorError(cursor);
}
