/** Reads the host's configuration from environment variables. */
import { DEV_API_KEY, KNOWN_SCOPES, parseApiKeys, type ApiKeyConfig } from './http/api-keys.js';

/** Everything the host needs to start. */
export interface HostConfig {
  port: number;
  hostname: string;
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…`; `undefined` = `sqlite:.wopkit/wopkit.db`. */
  databaseUrl: string | undefined;
  apiKeys: ApiKeyConfig[];
  /** True when no keys were configured and the development key is in use. */
  usesDevKey: boolean;
  maxRequestBodyBytes: number;
  /** `WOPKIT_TEST_SEAMS=1`: serve the conformance test seams to test keys. */
  testSeams: boolean;
  /** `WOPKIT_LEASE_MS`: run lease length. */
  leaseMs: number | undefined;
  /** `WOPKIT_MAX_RUN_DURATION_MS`: wall-clock limit of every run (`limits.maxRunDurationMs`), waits included. */
  maxRunDurationMs: number | undefined;
  /**
   * `WOPKIT_WEBHOOKS_ALLOW_LOOPBACK=1`: accept `http://` and loopback webhook receivers (local development and
   * tests only; private, link-local and metadata addresses stay refused).
   */
  webhooksAllowLoopback: boolean;
  /** `WOPKIT_WEBHOOK_SECRET_KEY`: seals webhook signing secrets at rest; unset = stored in plain text. */
  webhookSecretKey: string | undefined;
}

/** Thrown when the environment cannot produce a valid configuration. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const DEFAULT_PORT = 3737;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Builds the configuration from `env` (defaults to `process.env`). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HostConfig {
  const port = parseInteger(env.PORT, DEFAULT_PORT, 'PORT', 0, 65535);
  const maxRequestBodyBytes = parseInteger(
    env.WOPKIT_MAX_BODY_BYTES,
    DEFAULT_MAX_BODY_BYTES,
    'WOPKIT_MAX_BODY_BYTES',
    1024,
    64 * 1024 * 1024,
  );
  const rawKeys = env.WOPKIT_API_KEYS?.trim();
  let apiKeys: ApiKeyConfig[];
  let usesDevKey = false;
  if (rawKeys) {
    apiKeys = parseApiKeys(rawKeys);
  } else if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      'WOPKIT_API_KEYS must be set when NODE_ENV=production (a JSON array of {key, tenant, scopes, test?})',
    );
  } else {
    apiKeys = [{ key: DEV_API_KEY, tenant: 'default', scopes: [...KNOWN_SCOPES] }];
    usesDevKey = true;
  }
  return {
    port,
    hostname: env.HOST ?? '127.0.0.1',
    databaseUrl: env.WOPKIT_DATABASE_URL || undefined,
    apiKeys,
    usesDevKey,
    maxRequestBodyBytes,
    testSeams: env.WOPKIT_TEST_SEAMS === '1' || env.WOPKIT_TEST_SEAMS === 'true',
    webhooksAllowLoopback: isTrue(env.WOPKIT_WEBHOOKS_ALLOW_LOOPBACK),
    webhookSecretKey: env.WOPKIT_WEBHOOK_SECRET_KEY || undefined,
    leaseMs: env.WOPKIT_LEASE_MS
      ? parseInteger(env.WOPKIT_LEASE_MS, 15_000, 'WOPKIT_LEASE_MS', 500, 600_000)
      : undefined,
    // Up to a year: runs that wait on people may take days.
    maxRunDurationMs: env.WOPKIT_MAX_RUN_DURATION_MS
      ? parseInteger(env.WOPKIT_MAX_RUN_DURATION_MS, 3_600_000, 'WOPKIT_MAX_RUN_DURATION_MS', 1000, 31_536_000_000)
      : undefined,
  };
}

function isTrue(raw: string | undefined): boolean {
  return raw === '1' || raw === 'true';
}

function parseInteger(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}
