/** Signature scheme `v1` of webhook deliveries and the header names, spelled once (spec webhooks §4, §6). */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Header names of a delivery, exactly as the spec spells them, plus wopkit's own. */
export const WEBHOOK_HEADERS = {
  webhookId: 'X-openwop-Webhook-Id',
  eventType: 'X-openwop-Event-Type',
  timestamp: 'X-openwop-Timestamp',
  signature: 'X-openwop-Signature',
  signatureAlgorithm: 'X-openwop-Signature-Algorithm',
  /** Stable per (subscription, event): receivers de-duplicate on it. wopkit extension. */
  deliveryId: 'X-Wopkit-Delivery-Id',
  /** 1 on the first attempt. wopkit extension. */
  deliveryAttempt: 'X-Wopkit-Delivery-Attempt',
  /** During a secret rotation's overlap: the signature made with the previous secret. wopkit extension. */
  previousSignature: 'X-Wopkit-Signature-Previous',
} as const;

/** The RFC 0165 `OpenWOP-*` twins of the `X-openwop-*` headers, sent with identical values. */
export const OPENWOP_HEADER_TWINS = {
  [WEBHOOK_HEADERS.webhookId]: 'OpenWOP-Webhook-Id',
  [WEBHOOK_HEADERS.eventType]: 'OpenWOP-Event-Type',
  [WEBHOOK_HEADERS.timestamp]: 'OpenWOP-Timestamp',
  [WEBHOOK_HEADERS.signature]: 'OpenWOP-Signature',
  [WEBHOOK_HEADERS.signatureAlgorithm]: 'OpenWOP-Signature-Algorithm',
} as const;

/** The one signature scheme served. */
export const SIGNATURE_ALGORITHM = 'v1';

/** A new signing secret: 32 random bytes as 64 lowercase hex characters. */
export function mintWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

/** First 8 hex characters of sha256(secret): names a secret in logs and lists without revealing it. */
export function fingerprintSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
}

/**
 * `sha256=<hex>`: HMAC-SHA256 keyed with the secret's UTF-8 bytes over the decimal timestamp, `.`, and the exact
 * body bytes.
 */
export function signWebhookBody(secret: string, timestampSeconds: number, body: Uint8Array): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`, 'utf8').update(body).digest('hex');
  return `sha256=${mac}`;
}
