/**
 * The engine's `WebhookTransport` over node:http(s): every send re-resolves and re-vets the URL and connects to
 * the checked address only (a pinned `lookup`), follows no redirect and gives up after the timeout.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookRequest, WebhookResponse, WebhookTransport } from '../engine/ports.js';
import { SsrfGuard, type HostResolver, type ResolvedAddress } from './ssrf-guard.js';

/** Settings of {@link createWebhookTransport}. */
export interface WebhookTransportOptions {
  /** See `SsrfGuardOptions.allowLoopback` (`WOPKIT_WEBHOOKS_ALLOW_LOOPBACK`). Default `false`. */
  allowLoopback?: boolean;
  /** DNS resolution of receiver host names; default the system resolver (A and AAAA). */
  resolve?: HostResolver;
  /** Largest response body read before the connection is dropped (bytes). Default 64 KiB. */
  maxResponseBytes?: number;
}

/** Resolves with the operating system's resolver, every address. */
export const systemResolver: HostResolver = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** A transport that guards and sends webhook deliveries. */
export function createWebhookTransport(options: WebhookTransportOptions = {}): WebhookTransport {
  const guard = new SsrfGuard({
    resolve: options.resolve ?? systemResolver,
    allowLoopback: options.allowLoopback ?? false,
  });
  const maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
  return {
    checkUrl: async (url) => {
      await guard.vet(url);
    },
    send: async (request) => {
      let vetted;
      try {
        vetted = await guard.vet(request.url);
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
      const pinned = vetted.addresses[0] as ResolvedAddress;
      return post(vetted.url, pinned, request, maxResponseBytes);
    },
  };
}

/** A `lookup` that answers every query with the one vetted address, so the socket cannot go anywhere else. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

function post(url: URL, pinned: ResolvedAddress, request: WebhookRequest, maxResponseBytes: number) {
  return new Promise<WebhookResponse>((resolve) => {
    let isSettled = false;
    const settle = (response: WebhookResponse) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      resolve(response);
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'Content-Length': String(request.body.byteLength) },
      lookup: pinnedLookup(pinned),
      // A fresh connection per attempt: a pooled socket would skip the vetted lookup.
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no response within ${request.timeoutMs} ms`));
    }, request.timeoutMs);
    req.on('error', (error) => settle({ error: error.message }));
    req.on('response', (res) => {
      // Redirects are not followed: the worker counts a 3xx as a failed attempt.
      const status = res.statusCode ?? 0;
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxResponseBytes) res.destroy();
      });
      res.on('close', () => settle({ status }));
      res.on('error', () => settle({ status }));
    });
    req.end(request.body);
  });
}
