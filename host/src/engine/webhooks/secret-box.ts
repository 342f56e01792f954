/** Encryption at rest of webhook signing secrets (spec webhooks §10): recoverable, since signing needs them. */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Seals secrets before they are stored and opens them for signing. */
export interface SecretBox {
  seal(secret: string): string;
  /** Opens a sealed secret; a value stored before a key was configured is returned as it is. */
  open(stored: string): string;
}

const PREFIX = 'enc1:';

/** Thrown when a stored secret cannot be opened: sealed under another key, or damaged. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * A box sealing with AES-256-GCM under a key derived (SHA-256) from `key`, e.g. `WOPKIT_WEBHOOK_SECRET_KEY`.
 * Without a key, secrets are stored as they are.
 */
export function createSecretBox(key?: string): SecretBox {
  if (key === undefined || key === '') return { seal: (secret) => secret, open: openPlain };
  const aesKey = createHash('sha256').update(key, 'utf8').digest();
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.')}`;
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [iv, sealed, tag] = stored
        .slice(PREFIX.length)
        .split('.')
        .map((part) => Buffer.from(part, 'base64url'));
      try {
        const decipher = createDecipheriv('aes-256-gcm', aesKey, iv as Buffer);
        decipher.setAuthTag(tag as Buffer);
        return Buffer.concat([decipher.update(sealed as Buffer), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new SecretBoxError('a stored webhook secret cannot be opened with the configured key', { cause });
      }
    },
  };
}

function openPlain(stored: string): string {
  if (stored.startsWith(PREFIX)) {
    throw new SecretBoxError('a stored webhook secret is sealed, but no WOPKIT_WEBHOOK_SECRET_KEY is configured');
  }
  return stored;
}
