/**
 * Signed interrupt tokens (interrupts.md §5): `<payload>.<mac>`, both base64url, where the payload is JSON
 * `{ v, kid, runId, nodeId, interruptId, intent, exp }` and the MAC is HMAC-SHA256 of the payload segment. Tokens are
 * opaque to clients; whether one still works is decided by the interrupt it names (single use) and its `exp`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a token lets its bearer do: `resolve` (inspect and resolve) or `inspect` only. */
export type TokenIntent = 'resolve' | 'inspect';

/** The claims of a verified token. */
export interface InterruptTokenClaims {
  runId: string;
  nodeId: string;
  interruptId: string;
  intent: TokenIntent;
  /** Epoch ms after which the token no longer works. */
  expiresAt: number;
}

/** Why a token was refused before its interrupt was looked at. */
export type TokenRefusal = 'malformed' | 'expired';

const VERSION = 1;
const MAX_TOKEN_LENGTH = 4096;

/**
 * Mints and verifies interrupt tokens with a list of secrets: the first signs, every one verifies, so the signing
 * secret can rotate while tokens signed with the previous one keep working (the `kid` names the secret).
 */
export class InterruptTokens {
  readonly #keys: Array<{ kid: string; secret: Buffer }>;

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new RangeError('interrupt tokens need at least one secret');
    this.#keys = secrets.map((secret) => ({
      kid: createHash('sha256').update(secret).digest('hex').slice(0, 8),
      secret: Buffer.from(secret, 'utf8'),
    }));
  }

  /** A token for `claims`, signed with the current secret. */
  mint(claims: InterruptTokenClaims): string {
    const key = this.#keys[0]!;
    const payload = Buffer.from(
      JSON.stringify({
        v: VERSION,
        kid: key.kid,
        runId: claims.runId,
        nodeId: claims.nodeId,
        interruptId: claims.interruptId,
        intent: claims.intent,
        exp: claims.expiresAt,
      }),
    ).toString('base64url');
    return `${payload}.${mac(key.secret, payload).toString('base64url')}`;
  }

  /**
   * The claims of `token`, or why it is refused: `malformed` for anything that does not parse or whose MAC does not
   * verify (compared in constant time), `expired` once `nowMs` is past its `exp`.
   */
  verify(token: string, nowMs: number): InterruptTokenClaims | TokenRefusal {
    if (token.length > MAX_TOKEN_LENGTH) return 'malformed';
    const parts = token.split('.');
    if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!))
      return 'malformed';
    const [payload, signature] = parts as [string, string];
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return 'malformed';
    }
    if (typeof claims !== 'object' || claims === null || claims.v !== VERSION) return 'malformed';
    const key = this.#keys.find((candidate) => candidate.kid === claims.kid);
    if (!key) return 'malformed';
    const expected = mac(key.secret, payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'malformed';
    const { runId, nodeId, interruptId, intent, exp } = claims;
    if (
      typeof runId !== 'string' ||
      typeof nodeId !== 'string' ||
      typeof interruptId !== 'string' ||
      (intent !== 'resolve' && intent !== 'inspect') ||
      typeof exp !== 'number'
    )
      return 'malformed';
    if (nowMs > exp) return 'expired';
    return { runId, nodeId, interruptId, intent, expiresAt: exp };
  }
}

function mac(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}
