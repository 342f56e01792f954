import { describe, expect, it } from 'vitest';
import { toUrlPattern } from './url-pattern.js';

describe('toUrlPattern', () => {
  it.each([
    { template: '/v1/runs/{runId}:fork', url: 'http://h.test/v1/runs/run_1:fork', params: { runId: 'run_1' } },
    { template: '/v1/runs/{runId}', url: 'http://h.test/v1/runs/run_1', params: { runId: 'run_1' } },
    { template: '/v1/runs/{runId}', url: 'https://h.test:8443/v1/runs/a%3Ab', params: { runId: 'a%3Ab' } },
    { template: '/v1/runs:bulk-cancel', url: 'http://h.test/v1/runs:bulk-cancel', params: {} },
    { template: '/v1/runs', url: 'http://127.0.0.1:3737/v1/runs', params: {} },
    { template: '/.well-known/openwop', url: 'http://h.test/.well-known/openwop', params: {} },
    {
      template: '/v1/runs/{runId}/artifacts/{artifactId}',
      url: 'http://h.test/v1/runs/r/artifacts/a',
      params: { runId: 'r', artifactId: 'a' },
    },
  ])('matches $url with $template', ({ template, url, params }) => {
    expect(toUrlPattern(template).exec(url)?.groups ?? {}).toEqual(params);
  });

  it.each([
    { template: '/v1/runs/{runId}', url: 'http://h.test/v1/runs/run_1:fork' },
    { template: '/v1/runs/{runId}', url: 'http://h.test/v1/runs/run_1/cancel' },
    { template: '/v1/runs/{runId}/cancel', url: 'http://h.test/v1/runs/run_1:fork' },
    { template: '/v1/runs/{runId}:pause', url: 'http://h.test/v1/runs/run_1:fork' },
    { template: '/v1/runs', url: 'http://h.test/v1/runs:bulk-cancel' },
    { template: '/v1/runs', url: 'http://h.test/v1/runs/' },
    { template: '/v1/runs/{runId}', url: 'http://h.test/v1/runs/' },
    { template: '/.well-known/openwop', url: 'http://h.test/x.well-known/openwop' },
  ])('does not match $url with $template', ({ template, url }) => {
    expect(toUrlPattern(template).test(url)).toBe(false);
  });

  it('matches only the given base URL and its path prefix', () => {
    const pattern = toUrlPattern('/v1/runs/{runId}', 'http://H.test/api/');
    expect(pattern.test('http://h.test/api/v1/runs/r')).toBe(true);
    expect(pattern.test('http://h.test/v1/runs/r')).toBe(false);
    expect(pattern.test('http://other.test/api/v1/runs/r')).toBe(false);
  });

  it('escapes parentheses without adding capturing groups', () => {
    const pattern = toUrlPattern('/v1/runs/{runId}', 'http://h.test/a(b)');
    expect(pattern.source).not.toMatch(/(?<!\\)\((?!\?)/);
    expect(pattern.exec('http://h.test/a(b)/v1/runs/r')?.groups).toEqual({ runId: 'r' });
  });

  it('rejects a parameter name that cannot name a group', () => {
    expect(() => toUrlPattern('/v1/things/{thing-id}')).toThrow(/thing-id/);
  });
});
