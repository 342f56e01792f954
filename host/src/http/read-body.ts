/** Reads and parses a JSON request body with a size limit. */
import type { IncomingMessage } from 'node:http';
import { ProblemError } from './problem.js';

/** The parsed body (`undefined` when the request has none) and the raw bytes. */
export interface ReadBody {
  body: unknown;
  raw: Buffer | undefined;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * Reads the body of `req`. An empty body is `undefined`; a body over `limitBytes` is `413 payload_too_large`;
 * a non-JSON content type is `415 unsupported_media_type`; malformed JSON is `400 validation_error`.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<ReadBody> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  if (size === 0) return { body: undefined, raw: undefined };
  const raw = Buffer.concat(chunks);
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  if (!JSON_TYPE.test(contentType)) {
    throw new ProblemError(
      415,
      'unsupported_media_type',
      `request bodies must be application/json, not "${contentType || 'unspecified'}"`,
    );
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), raw };
  } catch (cause) {
    throw new ProblemError(400, 'validation_error', `the request body is not valid JSON: ${(cause as Error).message}`, {
      fields: [{ location: 'body', path: '', message: 'is not valid JSON' }],
    });
  }
}

function tooLarge(limitBytes: number): ProblemError {
  return new ProblemError(413, 'payload_too_large', `the request body exceeds ${limitBytes} bytes`, {
    maxRequestBodyBytes: limitBytes,
  });
}
