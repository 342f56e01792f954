// Run a host in-process with a custom node type, then drive it with the SDK.
// Run with: npx tsx examples/custom-node-host.ts
import { setTimeout as sleep } from 'node:timers/promises';
import { createHost, NodeFailure, type NodeImplementation } from '@wopkit/host';
import { Wopkit, type WorkflowDefinition } from '@wopkit/sdk';

interface Email {
  from: string;
  to: string;
  subject: string;
}

/** Stands in for a mail provider's API which, like most, sends one email per idempotency key. */
const provider = {
  sent: new Map<string, Email>(),
  async send(email: Email, options: { idempotencyKey: string; signal: AbortSignal }): Promise<string> {
    await sleep(20, undefined, { signal: options.signal }); // the network round trip
    if (!this.sent.has(options.idempotencyKey)) this.sent.set(options.idempotencyKey, email);
    return `msg-${[...this.sent.keys()].indexOf(options.idempotencyKey) + 1}`;
  },
};

/** `acme.sendEmail`: sends `subject` to the `to` input from the configured sender address. */
const sendEmail: NodeImplementation = {
  // Checked when a workflow is registered: a node without `config.from` is a 400 validation_error.
  configSchema: {
    type: 'object',
    required: ['from'],
    properties: { from: { type: 'string', pattern: '@' } },
    additionalProperties: false,
  },
  sideEffects: true,
  async run(input, ctx) {
    const { to, subject } = input;
    if (typeof to !== 'string' || !to.includes('@')) {
      throw new NodeFailure('invalid_recipient', `"${String(to)}" is not an email address`);
    }
    // The effect key is the same if this node runs again after a crash, so the provider sends the email once.
    // The signal fires when the run is cancelled or the host shuts down.
    const email = { from: String(ctx.config['from']), to, subject: String(subject) };
    const messageId = await provider.send(email, { idempotencyKey: ctx.effectKey, signal: ctx.signal });
    return { messageId, effectKey: ctx.effectKey };
  },
};

const definition: WorkflowDefinition = {
  id: 'welcome-email',
  name: 'Welcome email',
  version: '1.0.0',
  nodes: [
    {
      id: 'welcome',
      typeId: 'acme.sendEmail',
      name: 'Welcome',
      position: { x: 0, y: 0 },
      config: { from: 'hello@acme.test' },
      inputs: {
        to: { type: 'variable', variableName: 'email' },
        subject: { type: 'static', value: 'Welcome to Acme' },
      },
    },
    {
      id: 'wait',
      typeId: 'core.delay',
      name: 'Wait',
      position: { x: 200, y: 0 },
      config: { delayMs: 300 },
      inputs: {},
    },
    {
      id: 'tips',
      typeId: 'acme.sendEmail',
      name: 'Tips',
      position: { x: 400, y: 0 },
      config: { from: 'hello@acme.test' },
      inputs: {
        to: { type: 'variable', variableName: 'email' },
        subject: { type: 'static', value: 'Three tips for your first week' },
      },
    },
  ],
  edges: [
    { id: 'welcome-wait', sourceNodeId: 'welcome', targetNodeId: 'wait' },
    { id: 'wait-tips', sourceNodeId: 'wait', targetNodeId: 'tips' },
  ],
  triggers: [{ id: 'manual', type: 'manual' }],
  variables: [{ name: 'email', type: 'string', required: true }],
  metadata: { tags: ['example'] },
  settings: {},
};

const apiKey = 'example-key-not-secret';
const host = await createHost({
  databaseUrl: 'sqlite::memory:',
  apiKeys: [{ key: apiKey, tenant: 'acme', scopes: ['*'] }],
  nodes: { 'acme.sendEmail': sendEmail },
  seedFixtures: false,
});

try {
  const { url } = await host.listen(0);
  const wopkit = new Wopkit({ baseUrl: url, apiKey });

  await wopkit.workflows.register(definition);
  const { runId } = await wopkit.runs.create({ workflowId: 'welcome-email', inputs: { email: 'ada@example.com' } });
  const run = await wopkit.runs.wait(runId, { timeoutMs: 30_000 });

  console.log(`${runId} ${run.status} at ${run.completedAt}`);
  for (const [effectKey, email] of provider.sent) {
    console.log(`  sent "${email.subject}" to ${email.to} (${effectKey})`);
  }
} finally {
  await host.close();
}
