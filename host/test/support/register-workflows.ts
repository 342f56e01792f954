/**
 * Child-process script for concurrency tests. Opens the database, prints `ready`, waits for a line on
 * stdin (so that every process starts writing at the same moment), registers COUNT different
 * definitions of one workflow at once and prints `[{ revision, created, digest }]` as one JSON line.
 * Usage: node --import tsx test/support/register-workflows.ts URL TENANT_ID WORKFLOW_ID LABEL COUNT
 */
import { once } from 'node:events';
import { openDatabase } from '../../src/storage/database.js';
import { createWorkflowStore } from '../../src/storage/workflow-store.js';

const [url, tenantId, workflowId, label, countText] = process.argv.slice(2);
if (url === undefined || tenantId === undefined || workflowId === undefined || label === undefined) {
  throw new Error('usage: register-workflows.ts URL TENANT_ID WORKFLOW_ID LABEL COUNT');
}
const count = Number(countText);

const handle = await openDatabase(url);
try {
  const store = createWorkflowStore(handle.db, handle.dialect);
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  process.stdin.pause();
  const results = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      store.register({
        tenantId,
        workflowId,
        version: `${label}.${index}`,
        digest: `${label}-${index}`,
        definition: { label, index },
        registeredAt: new Date().toISOString(),
      }),
    ),
  );
  const summary = results.map(({ workflow, created }) => ({
    revision: workflow.revision,
    created,
    digest: workflow.digest,
  }));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await handle.close();
}
