/** API keys: parsed from configuration, stored hashed, looked up without comparing secrets byte by byte. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The scopes of the OpenWOP v1 vocabulary plus wopkit's own. */
export const KNOWN_SCOPES = [
  'approvals:respond',
  'artifacts:read',
  'audit:read',
  'manifest:read',
  'runs:cancel',
  'runs:create',
  'runs:read',
  'webhooks:manage',
  'workflows:write',
] as const;

/** The key announced in development when `WOPKIT_API_KEYS` is unset. */
export const DEV_API_KEY = 'wopkit-dev-key';

/** One configured key, as written in `WOPKIT_API_KEYS`. */
export interface ApiKeyConfig {
  key: string;
  tenant: string;
  scopes: string[];
  /** Marks a test key: only test keys may use the conformance seams and mock providers. */
  test?: boolean;
}

/** Who is calling: the tenant and scopes of the key, never the key itself. */
export interface Principal {
  /** First 12 hex characters of sha256(key): safe to log. */
  keyId: string;
  tenant: string;
  scopes: ReadonlySet<string>;
  isTest: boolean;
}

/** Thrown when `WOPKIT_API_KEYS` is malformed. */
export class ApiKeyConfigError extends Error {
  override readonly name = 'ApiKeyConfigError';
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Parses and checks the `WOPKIT_API_KEYS` JSON array. */
export function parseApiKeys(json: string): ApiKeyConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new ApiKeyConfigError('WOPKIT_API_KEYS is not valid JSON', { cause });
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ApiKeyConfigError('WOPKIT_API_KEYS must be a non-empty JSON array of {key, tenant, scopes, test?}');
  }
  return parsed.map((entry: unknown, index) => {
    const where = `WOPKIT_API_KEYS[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new ApiKeyConfigError(`${where} must be an object`);
    const { key, tenant, scopes, test } = entry as Record<string, unknown>;
    if (typeof key !== 'string' || key.length < 8)
      throw new ApiKeyConfigError(`${where}.key must be a string of at least 8 characters`);
    if (typeof tenant !== 'string' || tenant.length === 0)
      throw new ApiKeyConfigError(`${where}.tenant must be a non-empty string`);
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
      throw new ApiKeyConfigError(`${where}.scopes must be an array of strings`);
    }
    const unknown = scopes.filter((scope) => scope !== '*' && !(KNOWN_SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0) throw new ApiKeyConfigError(`${where}.scopes has unknown scope(s): ${unknown.join(', ')}`);
    if (test !== undefined && typeof test !== 'boolean') throw new ApiKeyConfigError(`${where}.test must be a boolean`);
    return { key, tenant, scopes: scopes as string[], ...(test === undefined ? {} : { test }) };
  });
}

/** Looks up API keys by their SHA-256 digest; the plain keys are not kept. */
export class ApiKeyRegistry {
  readonly #byDigest = new Map<string, { digest: Buffer; principal: Principal }>();

  constructor(keys: ApiKeyConfig[]) {
    for (const config of keys) {
      const digest = sha256(config.key);
      const scopes = new Set(config.scopes.includes('*') ? KNOWN_SCOPES : config.scopes);
      const principal: Principal = {
        keyId: digest.toString('hex').slice(0, 12),
        tenant: config.tenant,
        scopes,
        isTest: config.test === true,
      };
      this.#byDigest.set(digest.toString('hex'), { digest, principal });
    }
  }

  /** The principal of `key`, or `undefined` for an unknown key. */
  authenticate(key: string): Principal | undefined {
    const digest = sha256(key);
    const entry = this.#byDigest.get(digest.toString('hex'));
    // The map lookup is on a digest, so timing says nothing about the key; the final compare is constant-time anyway.
    return entry && timingSafeEqual(entry.digest, digest) ? entry.principal : undefined;
  }
}
