import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookTransport } from './http-transport.js';
import type { ResolvedAddress } from './ssrf-guard.js';

describe('createWebhookTransport', () => {
  let server: Server;
  let port = 0;
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let answer: (res: ServerResponse) => void = (res) => res.end();

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        answer(res);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Answers `answers` in turn for every lookup of any name. */
  function resolverAnswering(...answers: string[][]) {
    let call = 0;
    return async (): Promise<ResolvedAddress[]> => {
      const addresses = answers[Math.min(call, answers.length - 1)]!;
      call += 1;
      return addresses.map((address) => ({ address, family: 4 as const }));
    };
  }

  it('connects to the address it vetted, keeping the host name in the request', async () => {
    const transport = createWebhookTransport({ allowLoopback: true, resolve: resolverAnswering(['127.0.0.1']) });
    answer = (res) => {
      res.statusCode = 202;
      res.end('ok');
    };
    const response = await transport.send({
      url: `http://receiver.invalid:${port}/hooks`,
      headers: { 'Content-Type': 'application/json', 'X-openwop-Signature': 'sha256=00' },
      body: Buffer.from('{"a":1}'),
      timeoutMs: 2_000,
    });
    expect(response).toEqual({ status: 202 });
    const last = seen.at(-1)!;
    expect(last.body).toBe('{"a":1}');
    expect(last.headers.host).toBe(`receiver.invalid:${port}`);
    expect(last.headers['x-openwop-signature']).toBe('sha256=00');
  });

  it('re-resolves before sending and refuses a name that now points at a private address, without connecting', async () => {
    const transport = createWebhookTransport({
      allowLoopback: true,
      resolve: resolverAnswering(['93.184.216.34'], ['10.0.0.7']),
    });
    await transport.checkUrl('https://rebind.invalid/hooks');
    const before = seen.length;
    const response = await transport.send({
      url: 'https://rebind.invalid/hooks',
      headers: {},
      body: Buffer.from('{}'),
      timeoutMs: 500,
    });
    expect(response).toEqual({ error: expect.stringMatching(/private address 10\.0\.0\.7/) });
    expect(seen.length).toBe(before);
  });

  it('does not follow redirects', async () => {
    const transport = createWebhookTransport({ allowLoopback: true });
    answer = (res) => {
      res.statusCode = 307;
      res.setHeader('location', `http://127.0.0.1:${port}/elsewhere`);
      res.end();
    };
    const before = seen.length;
    const response = await transport.send({
      url: `http://127.0.0.1:${port}/hooks`,
      headers: {},
      body: Buffer.from('{}'),
      timeoutMs: 2_000,
    });
    expect(response).toEqual({ status: 307 });
    expect(seen.length).toBe(before + 1);
  });

  it('gives up after the timeout', async () => {
    const transport = createWebhookTransport({ allowLoopback: true });
    answer = () => {
      // Never answers.
    };
    const response = await transport.send({
      url: `http://127.0.0.1:${port}/slow`,
      headers: {},
      body: Buffer.from('{}'),
      timeoutMs: 100,
    });
    expect(response).toEqual({ error: expect.stringMatching(/no response within 100 ms/) });
  });
});
