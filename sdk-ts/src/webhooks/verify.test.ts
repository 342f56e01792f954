import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookSignatureError, WebhookTimestampError, WebhookVerificationError } from '../errors.js';
import { verifyWebhook } from './verify.js';

const SECRET = '9f2c4a1be0d3c5a7f6e8b9d0c1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4';
const NOW = 1_764_000_000_000;
const TIMESTAMP = String(NOW / 1000);
const event = {
  eventId: 'evt_1',
  runId: 'run_1',
  type: 'run.completed',
  payload: { outputs: {} },
  timestamp: '2025-11-24T16:00:00.000Z',
  sequence: 3,
  schemaVersion: 2,
  engineVersion: '1',
};
const BODY = JSON.stringify({ runId: 'run_1', workspaceId: 'acme', type: 'run.completed', event });

function sign(body: string, timestamp = TIMESTAMP, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function headersFor(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    'x-openwop-webhook-id': 'wh_1',
    'x-openwop-timestamp': TIMESTAMP,
    'x-openwop-signature': sign(BODY),
    'x-openwop-signature-algorithm': 'v1',
    'x-wopkit-delivery-id': 'wh_1.evt_1',
    ...overrides,
  };
}

async function failure(params: Parameters<typeof verifyWebhook>[0]): Promise<WebhookVerificationError> {
  const error = await verifyWebhook(params).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe('verifyWebhook', () => {
  it('returns the typed delivery, its event and the ids to de-duplicate on', async () => {
    const verified = await verifyWebhook({ rawBody: BODY, headers: headersFor(), secret: SECRET, now: NOW });
    expect(verified).toEqual({
      delivery: JSON.parse(BODY),
      event,
      webhookId: 'wh_1',
      deliveryId: 'wh_1.evt_1',
      timestamp: NOW / 1000,
    });
  });

  it.each([
    ['a string', BODY],
    ['bytes', new TextEncoder().encode(BODY)],
    ['an ArrayBuffer', new TextEncoder().encode(BODY).buffer],
  ])('accepts the raw body as %s', async (_name, rawBody) => {
    await expect(verifyWebhook({ rawBody, headers: headersFor(), secret: SECRET, now: NOW })).resolves.toBeDefined();
  });

  it('reads a fetch Headers object, case-insensitively, and treats a missing algorithm header as v1', async () => {
    const headers = new Headers({ 'X-openwop-Timestamp': TIMESTAMP, 'X-OPENWOP-SIGNATURE': sign(BODY) });
    await expect(verifyWebhook({ rawBody: BODY, headers, secret: SECRET, now: NOW })).resolves.toBeDefined();
  });

  it('accepts the previous-secret signature sent during a rotation, and any of several secrets', async () => {
    const headers = headersFor({
      'x-openwop-signature': sign(BODY, TIMESTAMP, 'new-secret'),
      'x-wopkit-signature-previous': sign(BODY),
    });
    await expect(verifyWebhook({ rawBody: BODY, headers, secret: SECRET, now: NOW })).resolves.toBeDefined();
    await expect(
      verifyWebhook({ rawBody: BODY, headers: headersFor(), secret: ['other', SECRET], now: NOW }),
    ).resolves.toBeDefined();
  });

  it.each([
    ['a tampered body', { rawBody: BODY.replace('run.completed', 'run.failed') }],
    ['a re-serialized body', { rawBody: JSON.stringify(JSON.parse(BODY), null, 2) }],
    ['a wrong secret', { secret: 'not-the-secret' }],
    ['a signature of another timestamp', { headers: headersFor({ 'x-openwop-signature': sign(BODY, '1') }) }],
    ['a signature without its prefix', { headers: headersFor({ 'x-openwop-signature': sign(BODY).slice(7) }) }],
    ['a truncated signature', { headers: headersFor({ 'x-openwop-signature': sign(BODY).slice(0, 40) }) }],
  ])('refuses %s as signature_mismatch', async (_name, change) => {
    const error = await failure({ rawBody: BODY, headers: headersFor(), secret: SECRET, now: NOW, ...change });
    expect(error).toBeInstanceOf(WebhookSignatureError);
    expect(error.reason).toBe('signature_mismatch');
  });

  it.each([
    ['stale', NOW + 301_000, 'timestamp_out_of_tolerance'],
    ['from the future', NOW - 301_000, 'timestamp_out_of_tolerance'],
  ])('refuses a timestamp %s', async (_name, now, reason) => {
    const error = await failure({ rawBody: BODY, headers: headersFor(), secret: SECRET, now });
    expect(error).toBeInstanceOf(WebhookTimestampError);
    expect(error.reason).toBe(reason);
  });

  it('honours toleranceSeconds', async () => {
    const params = { rawBody: BODY, headers: headersFor(), secret: SECRET, now: NOW + 20_000 };
    await expect(verifyWebhook(params)).resolves.toBeDefined();
    expect((await failure({ ...params, toleranceSeconds: 10 })).reason).toBe('timestamp_out_of_tolerance');
  });

  it.each([
    ['no timestamp', { 'x-openwop-timestamp': undefined }, WebhookTimestampError, 'missing_header'],
    ['a timestamp in ms', { 'x-openwop-timestamp': `${NOW}x` }, WebhookTimestampError, 'missing_header'],
    ['no signature', { 'x-openwop-signature': undefined }, WebhookSignatureError, 'missing_header'],
    ['an unknown algorithm', { 'x-openwop-signature-algorithm': 'v2' }, WebhookSignatureError, 'unsupported_algorithm'],
  ])('refuses %s', async (_name, overrides, errorClass, reason) => {
    const error = await failure({ rawBody: BODY, headers: headersFor(overrides), secret: SECRET, now: NOW });
    expect(error).toBeInstanceOf(errorClass);
    expect(error.reason).toBe(reason);
  });

  it('refuses a correctly signed body that is not a delivery', async () => {
    const rawBody = '{"hello":1}';
    const headers = headersFor({ 'x-openwop-signature': sign(rawBody) });
    expect((await failure({ rawBody, headers, secret: SECRET, now: NOW })).reason).toBe('malformed_body');
  });
});
