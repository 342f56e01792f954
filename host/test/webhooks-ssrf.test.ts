/**
 * The SSRF guard through the HTTP API: every refused address class answers `400 webhook_url_rejected` at
 * registration, and a name that resolves to a private address by delivery time is never connected to.
 */
import { describe, expect, it } from 'vitest';
import type { ResolvedAddress } from '../src/delivery/ssrf-guard.js';
import { send, startRun, uniqueId, waitForTerminal } from './support/runs.js';
import { expectProblemShape, useTestHost } from './support/test-host.js';

/** DNS as the tests want it; `rebind.example.com` turns private after its first answer. */
let rebindLookups = 0;
async function resolve(hostname: string): Promise<ResolvedAddress[]> {
  const table: Record<string, string> = {
    'hooks.example.com': '93.184.216.34',
    'intranet.example.com': '10.20.30.40',
    'metadata-alias.example.com': '169.254.169.254',
    'v6-ula.example.com': 'fd00::5',
  };
  if (hostname === 'rebind.example.com') {
    rebindLookups += 1;
    return [{ address: rebindLookups === 1 ? '93.184.216.34' : '192.168.0.10', family: 4 }];
  }
  const address = table[hostname];
  if (address === undefined) throw new Error(`ENOTFOUND ${hostname}`);
  return [{ address, family: address.includes(':') ? 6 : 4 }];
}

describe('webhook SSRF guard', () => {
  const host = useTestHost('sqlite', {
    webhooks: { resolve, pollIntervalMs: 20, retry: { initialDelayMs: 10_000, maxAttempts: 3 } },
  });

  it.each([
    ['loopback', 'http://127.0.0.1:9999/hooks'],
    ['loopback over https', 'https://127.0.0.1/hooks'],
    ['IPv6 loopback', 'https://[::1]/hooks'],
    ['localhost', 'https://localhost/hooks'],
    ['RFC 1918 10/8', 'https://10.1.1.1/hooks'],
    ['RFC 1918 172.16/12', 'https://172.16.0.1/hooks'],
    ['RFC 1918 192.168/16', 'https://192.168.1.1/hooks'],
    ['IPv6 ULA', 'https://[fc00::1]/hooks'],
    ['link-local', 'https://169.254.3.4/hooks'],
    ['IPv6 link-local', 'https://[fe80::1]/hooks'],
    ['the metadata address', 'https://169.254.169.254/latest'],
    ['the metadata host name', 'https://metadata.google.internal/'],
    ['a name resolving to a private address', 'https://intranet.example.com/hooks'],
    ['a name resolving to the metadata address', 'https://metadata-alias.example.com/hooks'],
    ['a name resolving to an IPv6 ULA', 'https://v6-ula.example.com/hooks'],
    ['plain http', 'http://hooks.example.com/hooks'],
  ])('refuses %s at registration with 400 webhook_url_rejected', async (_name, url) => {
    const answer = await send(host(), 'POST', '/v1/webhooks', { url, events: ['run.completed'] });
    expect(answer.status).toBe(400);
    expectProblemShape(answer.body);
    expect(answer.body.error).toBe('webhook_url_rejected');
  });

  it('re-checks the address at delivery and never connects to one that turned private', async () => {
    const tag = uniqueId('rebind');
    const created = await send<{ webhookId: string }>(host(), 'POST', '/v1/webhooks', {
      url: 'https://rebind.example.com/hooks',
      events: ['run.completed'],
      tags: [tag],
    });
    expect(created.status).toBe(201);
    const runId = await startRun(host(), { workflowId: 'conformance-noop', tags: [tag] });
    await waitForTerminal(host(), runId);
    const path = `/v1/webhooks/${created.body.webhookId}/deliveries`;
    let items: Array<Record<string, unknown>> = [];
    for (let waited = 0; waited < 5_000; waited += 50) {
      items = (await send<{ items: Array<Record<string, unknown>> }>(host(), 'GET', path)).body.items;
      if (items[0]?.attempts === 1) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    expect(items).toEqual([
      expect.objectContaining({
        runId,
        status: 'pending',
        attempts: 1,
        lastError: expect.stringMatching(/private address 192\.168\.0\.10/),
      }),
    ]);
    expect(items[0]).not.toHaveProperty('lastStatusCode');
  });
});
