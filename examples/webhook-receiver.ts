// Receive webhook deliveries: verify each signature on the raw bytes, act once per delivery id, answer fast.
// Run with: WOPKIT_WEBHOOKS_ALLOW_LOOPBACK=1 npm start (host), then npx tsx examples/webhook-receiver.ts
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError, Wopkit } from '@wopkit/sdk';

const port = Number(process.env['RECEIVER_PORT'] ?? 8787);
const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

// A loopback `http://` URL is accepted only by a host started with WOPKIT_WEBHOOKS_ALLOW_LOOPBACK=1; in production
// the receiver is a public `https://` URL.
const subscription = await wopkit.webhooks.register({
  url: `http://127.0.0.1:${port}/openwop`,
  events: ['run.started', 'run.completed', 'run.failed'],
});
// The secret is shown once: a real receiver keeps it in its secret store.
const secret = subscription.secret;
console.log(`registered ${subscription.webhookId} (secret ${subscription.secretFingerprint}…)`);

// Deliveries are retried until answered 2xx, so the same one may arrive again: remember what was handled.
// A real receiver keeps these ids in its database, for longer than the host retries (hours).
const handled = new Set<string>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      // Verify the bytes exactly as received: parsing and re-serializing the JSON first would break the signature.
      const { event, webhookId, deliveryId } = await verifyWebhook({
        rawBody: Buffer.concat(chunks),
        headers: req.headers,
        secret,
      });
      const key = deliveryId ?? `${webhookId}/${event.runId}/${event.sequence}`;
      if (handled.has(key)) {
        console.log(`duplicate ${key}, already handled`);
      } else {
        handled.add(key);
        console.log(`${event.type} of ${event.runId} (sequence ${event.sequence})`);
      }
      res.writeHead(204).end();
    } catch (error) {
      // Not from the host, tampered with, or replayed: refuse it and do nothing.
      if (!(error instanceof WebhookVerificationError)) throw error;
      console.log(`refused a request: ${error.reason}`);
      res.writeHead(400).end();
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/openwop`));

// Start a run to see its events arrive; Ctrl-C removes the subscription and stops.
const run = await wopkit.runs.create({ workflowId: 'conformance-noop', inputs: {} });
console.log(`started ${run.runId}`);
process.once('SIGINT', async () => {
  await wopkit.webhooks.unregister(subscription.webhookId);
  server.close();
});
