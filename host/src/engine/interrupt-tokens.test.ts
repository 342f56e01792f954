import { describe, expect, it } from 'vitest';
import { InterruptTokens, type InterruptTokenClaims } from './interrupt-tokens.js';

const claims: InterruptTokenClaims = {
  runId: 'run_1',
  nodeId: 'gate',
  interruptId: 'int_1',
  intent: 'resolve',
  expiresAt: 10_000,
};

describe('InterruptTokens', () => {
  it('verifies the tokens it mints until they expire', () => {
    const tokens = new InterruptTokens(['secret-a']);
    const token = tokens.mint(claims);
    expect(tokens.verify(token, 10_000)).toEqual(claims);
    expect(tokens.verify(token, 10_001)).toBe('expired');
  });

  it('keeps verifying tokens of a rotated-out secret while it is listed', () => {
    const old = new InterruptTokens(['secret-a']).mint(claims);
    expect(new InterruptTokens(['secret-b', 'secret-a']).verify(old, 0)).toEqual(claims);
    expect(new InterruptTokens(['secret-b']).verify(old, 0)).toBe('malformed');
  });

  it.each([
    ['garbage', '!!!not-a-valid-token!!!'],
    ['one segment', 'abc'],
    ['three segments', 'a.b.c'],
    ['a payload that is not JSON', `${Buffer.from('nope').toString('base64url')}.AAAA`],
    ['a token longer than 4096 characters', 'a'.repeat(4097)],
  ])('refuses %s as malformed', (_what, token) => {
    expect(new InterruptTokens(['secret-a']).verify(token, 0)).toBe('malformed');
  });

  it('refuses a token whose payload or MAC was changed', () => {
    const tokens = new InterruptTokens(['secret-a']);
    const [payload, mac] = tokens.mint(claims).split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        intent: 'resolve',
        runId: 'run_2',
      }),
    ).toString('base64url');
    expect(tokens.verify(`${forged}.${mac}`, 0)).toBe('malformed');
    expect(tokens.verify(`${payload}.${mac.slice(0, -2)}AA`, 0)).toBe('malformed');
    expect(tokens.verify(`${payload}.${mac.slice(0, 10)}`, 0)).toBe('malformed');
  });

  it('keeps the intent: an inspect token stays inspect-only', () => {
    const tokens = new InterruptTokens(['secret-a']);
    expect(tokens.verify(tokens.mint({ ...claims, intent: 'inspect' }), 0)).toMatchObject({ intent: 'inspect' });
  });
});
