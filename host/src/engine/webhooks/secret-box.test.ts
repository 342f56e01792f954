import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretBoxError } from './secret-box.js';

const SECRET = 'a'.repeat(64);

describe('createSecretBox', () => {
  it('seals so the stored value reveals nothing, and opens it again', () => {
    const box = createSecretBox('operator key');
    const sealed = box.seal(SECRET);
    expect(sealed).toMatch(/^enc1:/);
    expect(sealed).not.toContain(SECRET);
    expect(box.seal(SECRET)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(SECRET);
  });

  it('opens secrets stored before a key was configured', () => {
    expect(createSecretBox('operator key').open(SECRET)).toBe(SECRET);
  });

  it('stores secrets as they are without a key, and refuses sealed ones it cannot open', () => {
    const plain = createSecretBox();
    expect(plain.seal(SECRET)).toBe(SECRET);
    const sealed = createSecretBox('k1').seal(SECRET);
    expect(() => plain.open(sealed)).toThrow(SecretBoxError);
    expect(() => createSecretBox('k2').open(sealed)).toThrow(SecretBoxError);
  });
});
