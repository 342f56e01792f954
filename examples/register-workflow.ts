// Register a workflow definition, then list every workflow. Run with: npx tsx examples/register-workflow.ts
import { Wopkit, type WorkflowDefinition } from '@wopkit/sdk';

const wopkit = new Wopkit({
  baseUrl: process.env['WOPKIT_BASE_URL'] ?? 'http://127.0.0.1:3737',
  apiKey: process.env['WOPKIT_API_KEY'] ?? 'wopkit-dev-key',
});

const definition: WorkflowDefinition = {
  id: 'hello-example',
  name: 'Hello example',
  version: '1.0.0',
  description: 'Passes its input through unchanged.',
  nodes: [
    { id: 'start', typeId: 'core.noop', name: 'Start', position: { x: 0, y: 0 }, config: {}, inputs: {} },
    {
      id: 'echo',
      typeId: 'core.identity',
      name: 'Echo',
      position: { x: 200, y: 0 },
      config: {},
      inputs: { message: { type: 'variable', variableName: 'message' } },
    },
  ],
  edges: [{ id: 'e1', sourceNodeId: 'start', targetNodeId: 'echo' }],
  triggers: [{ id: 'manual', type: 'manual' }],
  variables: [{ name: 'message', type: 'string', required: true }],
  metadata: { tags: ['example'] },
  settings: { maxLoopbackIterations: 5 },
};

// Registering an identical definition again returns the same revision, so this script can run repeatedly.
const registered = await wopkit.workflows.register(definition);
console.log(`${registered.workflowId} is at revision ${registered.revision} (${registered.digest.slice(0, 12)})`);

// `list()` pages automatically: the loop follows nextCursor until the last page.
for await (const workflow of wopkit.workflows.list({ limit: 20 })) {
  console.log(`- ${workflow.workflowId} r${workflow.revision}: ${workflow.name}`);
}
