import { describe, expect, it } from 'vitest';
import { WebhookUrlRejectedError } from '../engine/errors.js';
import { classifyAddress, SsrfGuard, type ResolvedAddress } from './ssrf-guard.js';

function resolverOf(table: Record<string, string[]>) {
  return async (hostname: string): Promise<ResolvedAddress[]> => {
    const addresses = table[hostname];
    if (!addresses) throw new Error(`ENOTFOUND ${hostname}`);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

const dns = resolverOf({
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'rebind.example.com': ['93.184.216.34', '10.1.2.3'],
  'inside.example.com': ['192.168.1.20'],
  'v6-local.example.com': ['fd12:3456::1'],
  'meta.example.com': ['169.254.169.254'],
  'loop.example.com': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
});

async function rejection(guard: SsrfGuard, url: string): Promise<string> {
  const error = await guard.vet(url).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookUrlRejectedError);
  return (error as WebhookUrlRejectedError).reason;
}

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd00:1::2', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['0.0.0.0', 'unroutable'],
    ['::', 'unroutable'],
    ['224.0.0.1', 'unroutable'],
    ['8.8.8.8', undefined],
    ['172.32.0.1', undefined],
    ['2606:2800:220:1:248:1893:25c8:1946', undefined],
  ])('classifies %s as %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('SsrfGuard', () => {
  const guard = new SsrfGuard({ resolve: dns });

  it('accepts an https URL whose every address is public, returning them for pinning', async () => {
    const vetted = await guard.vet('https://hooks.example.com/openwop');
    expect(vetted.addresses.map((entry) => entry.address)).toEqual([
      '93.184.216.34',
      '2606:2800:220:1:248:1893:25c8:1946',
    ]);
  });

  it.each([
    ['http://hooks.example.com/', /scheme "http"/],
    ['ftp://hooks.example.com/', /scheme "ftp"/],
    ['https://127.0.0.1/', /loopback address 127\.0\.0\.1/],
    ['https://[::1]/', /loopback address ::1/],
    ['https://localhost/', /loopback host name/],
    ['https://app.localhost/', /loopback host name/],
    ['https://10.0.0.8/', /private address/],
    ['https://172.20.0.1/', /private address/],
    ['https://192.168.10.1/', /private address/],
    ['https://[fd00::1]/', /private address/],
    ['https://169.254.10.10/', /link-local address/],
    ['https://[fe80::1]/', /link-local address/],
    ['https://169.254.169.254/latest/meta-data', /metadata address/],
    ['https://metadata.google.internal/', /metadata host name/],
    ['https://metadata/', /metadata host name/],
    ['https://[::ffff:127.0.0.1]/', /loopback address/],
    ['https://inside.example.com/', /private address 192\.168\.1\.20/],
    ['https://v6-local.example.com/', /private address fd12:3456::1/],
    ['https://meta.example.com/', /metadata address/],
    ['https://rebind.example.com/', /private address 10\.1\.2\.3/],
    ['https://nowhere.example.com/', /does not resolve/],
    ['https://user:pass@hooks.example.com/', /credentials/],
  ])('refuses %s', async (url, reason) => {
    expect(await rejection(guard, url)).toMatch(reason);
  });

  describe('with allowLoopback', () => {
    const relaxed = new SsrfGuard({ resolve: dns, allowLoopback: true });

    it.each(['http://127.0.0.1:8080/hooks', 'http://localhost:1/', 'https://[::1]/', 'http://loop.example.com/'])(
      'accepts %s',
      async (url) => {
        await expect(relaxed.vet(url)).resolves.toBeDefined();
      },
    );

    it.each([
      ['http://10.0.0.1/', /private/],
      ['http://169.254.169.254/', /metadata/],
      ['http://inside.example.com/', /private/],
    ])('still refuses %s', async (url, reason) => {
      expect(await rejection(relaxed, url)).toMatch(reason);
    });
  });
});
