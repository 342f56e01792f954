// Verifying webhook deliveries: signature scheme `v1` (HMAC-SHA256 over `<timestamp>.<raw body>`) with Web Crypto.

import { WebhookSignatureError, WebhookTimestampError, WebhookVerificationError } from '../errors.js';
import type { RunEventDoc, WebhookDelivery } from '../generated/types.gen.js';

/** Headers as `fetch` gives them (`Headers`) or as Node's `http` does (lower-cased keys, maybe arrays). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** Input of {@link verifyWebhook}. */
export interface VerifyWebhookParams {
  /** The request body exactly as received: verify before any JSON parsing. */
  rawBody: string | Uint8Array | ArrayBuffer;
  headers: WebhookHeaders;
  /** The secret returned at registration; several while rotating (any one may match). */
  secret: string | readonly string[];
  /** Largest accepted distance between `X-openwop-Timestamp` and now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time in epoch milliseconds (tests). Default `Date.now()`. */
  now?: number;
}

/** A verified delivery: its body, typed, and the identifiers to de-duplicate on. */
export interface VerifiedWebhook {
  /** The whole delivery body: `{ runId, workspaceId, type, event }`. */
  delivery: WebhookDelivery;
  /** The run event it carries. */
  event: RunEventDoc;
  /** `X-openwop-Webhook-Id`: the subscription. */
  webhookId: string;
  /**
   * `X-Wopkit-Delivery-Id`: the same on every attempt and redelivery of this event to this subscription; remember
   * it to de-duplicate. Other hosts may not send it: fall back to `webhookId` + `event.runId` + `event.sequence`.
   */
  deliveryId: string | undefined;
  /** `X-openwop-Timestamp`: when this attempt was signed (Unix seconds). */
  timestamp: number;
}

/** Header names of signature scheme `v1`, as the OpenWOP spec spells them. */
export const WEBHOOK_SIGNATURE_HEADERS = {
  webhookId: 'X-openwop-Webhook-Id',
  timestamp: 'X-openwop-Timestamp',
  signature: 'X-openwop-Signature',
  signatureAlgorithm: 'X-openwop-Signature-Algorithm',
  deliveryId: 'X-Wopkit-Delivery-Id',
  previousSignature: 'X-Wopkit-Signature-Previous',
} as const;

const DEFAULT_TOLERANCE_SECONDS = 300;
const encoder = new TextEncoder();

/**
 * Checks that a request is a genuine, fresh webhook delivery and returns it typed: the algorithm is `v1` (a missing
 * header means `v1`), the timestamp lies within the tolerance, and the signature is the HMAC-SHA256 of
 * `<timestamp>.<raw body>` under the secret (compared in constant time). During a secret rotation a host also sends
 * the signature made with the previous secret; either one verifying is enough.
 *
 * @throws WebhookSignatureError, WebhookTimestampError, or WebhookVerificationError (`malformed_body`).
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { verifyWebhook } from '@wopkit/sdk';
 *
 * createServer((req, res) => {
 *   const chunks: Buffer[] = [];
 *   req.on('data', (chunk: Buffer) => chunks.push(chunk));
 *   req.on('end', async () => {
 *     try {
 *       const { event } = await verifyWebhook({ rawBody: Buffer.concat(chunks), headers: req.headers, secret: 'my-secret' });
 *       console.log(event.type, event.runId);
 *       res.writeHead(204).end();
 *     } catch {
 *       res.writeHead(400).end();
 *     }
 *   });
 * }).listen(8080);
 * ```
 */
export async function verifyWebhook(params: VerifyWebhookParams): Promise<VerifiedWebhook> {
  const read = headerReader(params.headers);
  const algorithm = read(WEBHOOK_SIGNATURE_HEADERS.signatureAlgorithm) ?? read('OpenWOP-Signature-Algorithm') ?? 'v1';
  if (algorithm !== 'v1') {
    throw new WebhookSignatureError('unsupported_algorithm', `signature algorithm "${algorithm}" is not supported`);
  }
  const rawTimestamp = read(WEBHOOK_SIGNATURE_HEADERS.timestamp) ?? read('OpenWOP-Timestamp');
  if (rawTimestamp === undefined) {
    throw new WebhookTimestampError('missing_header', `the ${WEBHOOK_SIGNATURE_HEADERS.timestamp} header is missing`);
  }
  if (!/^\d{1,15}$/.test(rawTimestamp)) {
    throw new WebhookTimestampError('missing_header', `the timestamp "${rawTimestamp}" is not Unix seconds`);
  }
  const timestamp = Number(rawTimestamp);
  const tolerance = params.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const skew = Math.abs((params.now ?? Date.now()) / 1000 - timestamp);
  if (skew > tolerance) {
    throw new WebhookTimestampError(
      'timestamp_out_of_tolerance',
      `the delivery was signed ${Math.round(skew)} s away from now (tolerance ${tolerance} s)`,
    );
  }
  const signatures = [
    read(WEBHOOK_SIGNATURE_HEADERS.signature) ?? read('OpenWOP-Signature'),
    read(WEBHOOK_SIGNATURE_HEADERS.previousSignature),
  ].filter((value): value is string => value !== undefined);
  if (signatures.length === 0) {
    throw new WebhookSignatureError('missing_header', `the ${WEBHOOK_SIGNATURE_HEADERS.signature} header is missing`);
  }
  const body = toBytes(params.rawBody);
  const signed = concat(encoder.encode(`${rawTimestamp}.`), body);
  const secrets = typeof params.secret === 'string' ? [params.secret] : params.secret;
  if (!(await matchesAny(signatures, secrets, signed))) {
    throw new WebhookSignatureError('signature_mismatch', 'the signature does not match the body and secret');
  }

  let delivery: WebhookDelivery;
  try {
    delivery = JSON.parse(new TextDecoder().decode(body)) as WebhookDelivery;
  } catch (cause) {
    throw new WebhookVerificationError('malformed_body', 'the signed body is not JSON', { cause });
  }
  if (typeof delivery !== 'object' || delivery === null || typeof delivery.event !== 'object' || !delivery.event) {
    throw new WebhookVerificationError('malformed_body', 'the signed body carries no event');
  }
  return {
    delivery,
    event: delivery.event,
    webhookId: read(WEBHOOK_SIGNATURE_HEADERS.webhookId) ?? read('OpenWOP-Webhook-Id') ?? '',
    deliveryId: read(WEBHOOK_SIGNATURE_HEADERS.deliveryId),
    timestamp,
  };
}

function headerReader(headers: WebhookHeaders): (name: string) => string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (name) => (headers as Headers).get(name) ?? undefined;
  }
  const lowered = new Map<string, string | string[] | undefined>();
  for (const [name, value] of Object.entries(headers)) lowered.set(name.toLowerCase(), value);
  return (name) => {
    const value = lowered.get(name.toLowerCase());
    return Array.isArray(value) ? value[0] : value;
  };
}

function toBytes(raw: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof raw === 'string') return encoder.encode(raw);
  return raw instanceof Uint8Array ? raw : new Uint8Array(raw);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/** Whether any `sha256=<hex>` signature verifies under any secret; `subtle.verify` compares in constant time. */
async function matchesAny(signatures: string[], secrets: readonly string[], signed: Uint8Array<ArrayBuffer>) {
  for (const secret of secrets) {
    const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]);
    for (const signature of signatures) {
      const mac = fromHex(signature.startsWith('sha256=') ? signature.slice('sha256='.length) : '');
      if (mac !== undefined && (await crypto.subtle.verify('HMAC', key, mac, signed))) return true;
    }
  }
  return false;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length !== 64 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  const bytes = new Uint8Array(32);
  for (let index = 0; index < 32; index += 1) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}
