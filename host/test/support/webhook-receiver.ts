/** A real local webhook receiver for tests: records every request with its raw body and answers as told. */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** One request the receiver got. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** The status it was answered with. */
  status: number;
  /** Parsed body. */
  body: { runId: string; workspaceId: string; type: string; event: Record<string, unknown> & { sequence: number } };
}

/** A receiver listening on loopback. */
export interface WebhookReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Requests answered 2xx. */
  accepted(): ReceivedRequest[];
  /** Decides the status of each request (default 204); `attempt` counts requests of the same delivery id from 1. */
  respond: (request: { deliveryId: string; attempt: number }) => number;
  /** Waits until `predicate` holds over the recorded requests; fails after `timeoutMs`. */
  waitFor(predicate: (receiver: WebhookReceiver) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver for the enclosing suite; it is closed afterwards. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const attempts = new Map<string, number>();
  let server: Server | undefined = undefined;
  const receiver: WebhookReceiver = {
    url: '',
    port: 0,
    requests: [],
    accepted: () => receiver.requests.filter((request) => request.status >= 200 && request.status < 300),
    respond: () => 204,
    async waitFor(predicate, timeoutMs = 10_000, what = 'the expected deliveries') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver)) {
        if (Date.now() > deadline) {
          throw new Error(`receiver did not get ${what}; got ${receiver.requests.length} request(s)`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const deliveryId = String(req.headers['x-wopkit-delivery-id'] ?? '');
      const attempt = (attempts.get(deliveryId) ?? 0) + 1;
      attempts.set(deliveryId, attempt);
      const status = receiver.respond({ deliveryId, attempt });
      let body: ReceivedRequest['body'];
      try {
        body = JSON.parse(rawBody.toString('utf8')) as ReceivedRequest['body'];
      } catch {
        body = undefined as never;
      }
      receiver.requests.push({ headers: req.headers, rawBody, status, body });
      res.statusCode = status;
      if (status >= 300 && status < 400) res.setHeader('location', 'http://127.0.0.1:9/elsewhere');
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}

/** {@link startWebhookReceiver} for the enclosing suite, closed after it. */
export function useWebhookReceiver(): () => WebhookReceiver {
  let current: WebhookReceiver | undefined;
  beforeAll(async () => {
    current = await startWebhookReceiver();
  });
  afterAll(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error('the receiver exists only while the suite runs');
    return current;
  };
}
