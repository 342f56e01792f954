// @vitest-environment jsdom
// A front end's view of runs.stream: a progress list in plain DOM, fed by a stream whose connection drops.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Wopkit } from '../client.js';
import { mockRun } from '../mocks/index.js';

const baseUrl = 'http://wopkit.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  document.body.replaceChildren();
});
afterAll(() => server.close());

/**
 * Renders a run's progress into `root` as it streams: a status line and one list item per node, added when the node
 * starts and updated when it ends. Resolves when the stream ends.
 */
async function renderRunProgress(root: HTMLElement, wopkit: Wopkit, runId: string): Promise<void> {
  const status = document.createElement('p');
  status.className = 'run-status';
  status.textContent = 'pending';
  const list = document.createElement('ul');
  list.className = 'nodes';
  root.append(status, list);

  const setNode = (nodeId: string, state: string, isNew: boolean): void => {
    let row = [...list.querySelectorAll('li')].find((candidate) => candidate.dataset['nodeId'] === nodeId);
    // A naive renderer: a start always adds a row, so an event delivered twice would show twice.
    if (row === undefined || isNew) {
      row = document.createElement('li');
      row.dataset['nodeId'] = nodeId;
      list.append(row);
    }
    row.textContent = `${nodeId}: ${state}`;
  };

  for await (const item of wopkit.runs.stream(runId, { streamMode: 'debug', retryDelayMs: 5 })) {
    switch (item.type) {
      case 'run.started':
        status.textContent = 'running';
        break;
      case 'node.started':
        setNode(item.payload.nodeId, 'running', true);
        break;
      case 'node.completed':
        setNode(item.payload.nodeId, 'done', false);
        break;
      case 'node.failed':
        setNode(item.payload.nodeId, `failed (${item.payload.error.message})`, false);
        break;
      case 'node.cancelled':
        setNode(item.payload.nodeId, 'cancelled', false);
        break;
      case 'run.completed':
      case 'run.failed':
      case 'run.cancelled':
        status.textContent = item.type.slice('run.'.length);
        break;
    }
  }
}

describe('a DOM progress list fed by runs.stream', () => {
  it.each([
    { status: 'completed', rows: ['intake: done', 'archive: done'] },
    { status: 'failed', rows: ['intake: done', 'archive: failed (node "archive" failed)'] },
    { status: 'cancelled', rows: ['intake: done', 'archive: cancelled'] },
  ] as const)(
    'shows each node once and the final status $status across dropped connections',
    async ({ status, rows }) => {
      const run = mockRun({ status, paceMs: 5, dropAfter: [2, 3] });
      server.use(...run.handlers);
      const wopkit = new Wopkit({ baseUrl, apiKey: 'test-key' });
      const root = document.createElement('section');
      document.body.append(root);

      await renderRunProgress(root, wopkit, run.runId);

      expect(root.querySelector('.run-status')?.textContent).toBe(status);
      expect([...root.querySelectorAll('.nodes li')].map((row) => row.textContent)).toEqual(rows);
      expect(run.connections.map((connection) => connection.state)).toEqual(['dropped', 'dropped', 'ended']);
      // No User-Agent from a browser-like environment: browsers set their own.
      expect(run.connections[0]?.headers.get('user-agent') ?? '').not.toMatch(/openwop-sdk/);
    },
  );
});
