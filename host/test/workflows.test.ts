/** registerWorkflow, getWorkflow and listWorkflows over HTTP, on both databases. */
import { describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.js';
import { TEST_KEYS, expectProblemShape, sampleWorkflow, useTestHost } from './support/test-host.js';

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe.each(DIALECTS)('workflows on %s', (dialect) => {
  const host = useTestHost(dialect);

  it('registers a definition, returns the same revision for an identical one and a new revision for a change', async () => {
    const first = await host().request('/v1/workflows', post(sampleWorkflow('flow-a')));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ workflowId: 'flow-a', version: '1.0.0', revision: 1 });

    const again = await host().request('/v1/workflows', post(sampleWorkflow('flow-a')));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ revision: 1 });

    const changed = await host().request('/v1/workflows', post(sampleWorkflow('flow-a', { version: '1.1.0' })));
    expect(changed.status).toBe(201);
    expect(await changed.json()).toMatchObject({ revision: 2, version: '1.1.0' });

    const read = await host().request('/v1/workflows/flow-a');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(sampleWorkflow('flow-a', { version: '1.1.0' }));
  });

  it('serves configurableSchema with the definition', async () => {
    const configurableSchema = { type: 'object', properties: { recursionLimit: { type: 'integer' } } };
    await host().request('/v1/workflows', post(sampleWorkflow('flow-configurable', { configurableSchema })));
    const read = await host().request('/v1/workflows/flow-configurable');
    expect(((await read.json()) as { configurableSchema: unknown }).configurableSchema).toEqual(configurableSchema);
  });

  it.each([
    [
      'a dangling edge',
      { edges: [{ id: 'e1', sourceNodeId: 'start', targetNodeId: 'ghost' }] },
      '/edges/0/targetNodeId',
    ],
    [
      'a duplicate node id',
      {
        nodes: [sampleWorkflow().nodes, sampleWorkflow().nodes]
          .flat()
          .slice(0, 1)
          .concat((sampleWorkflow().nodes as unknown[]).slice(0, 1)),
        edges: [],
      },
      '/nodes/1/id',
    ],
    [
      'a connection to an unknown node',
      {
        nodes: [
          {
            id: 'a',
            typeId: 'core.noop',
            name: 'A',
            position: { x: 0, y: 0 },
            config: {},
            inputs: { x: { type: 'connection', nodeId: 'nobody', outputKey: 'o' } },
          },
        ],
        edges: [],
      },
      '/nodes/0/inputs/x/nodeId',
    ],
    [
      'mixed join rules',
      {
        nodes: [
          ...(sampleWorkflow().nodes as unknown[]),
          { id: 'c', typeId: 'core.noop', name: 'C', position: { x: 0, y: 0 }, config: {}, inputs: {} },
        ],
        edges: [
          { id: 'e1', sourceNodeId: 'start', targetNodeId: 'echo' },
          { id: 'e2', sourceNodeId: 'c', targetNodeId: 'echo', triggerRule: 'any_success' },
        ],
      },
      '/edges/1/triggerRule',
    ],
    ['an unknown reducer', { channels: { votes: { reducer: 'tally' } } }, '/channels/votes/reducer'],
  ])('refuses %s with validation_error pointing at the JSON path', async (_name, overrides, pointer) => {
    const response = await host().request('/v1/workflows', post(sampleWorkflow('flow-bad', overrides)));
    expect(response.status).toBe(400);
    const body: unknown = await response.json();
    expectProblemShape(body);
    expect(body.error).toBe('validation_error');
    expect(body.details?.fields).toContainEqual(expect.objectContaining({ location: 'body', path: pointer }));
    expect((await host().request('/v1/workflows/flow-bad')).status).toBe(404);
  });

  it('lists the latest revision of each workflow across pages', async () => {
    for (const id of ['list-1', 'list-2', 'list-3']) await host().request('/v1/workflows', post(sampleWorkflow(id)));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page = (await (await host().request(`/v1/workflows${query}`)).json()) as {
        items: Array<{ workflowId: string }>;
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.workflowId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(['list-1', 'list-2', 'list-3']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await host().request('/v1/workflows?cursor=garbage');
    expect(response.status).toBe(400);
    const body: unknown = await response.json();
    expectProblemShape(body);
    expect(body.details?.fields).toContainEqual(expect.objectContaining({ location: 'query', path: '/cursor' }));
  });

  it("hides another tenant's workflows", async () => {
    await host().request('/v1/workflows', post(sampleWorkflow('private-flow')));
    const foreign = await host().request('/v1/workflows/private-flow', { key: TEST_KEYS.otherTenant });
    expect(foreign.status).toBe(404);
    const list = (await (await host().request('/v1/workflows', { key: TEST_KEYS.otherTenant })).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });

  it('stores exactly one revision when the same definition is registered 20 times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => host().request('/v1/workflows', post(sampleWorkflow('raced-flow')))),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(19);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as Array<{ revision: number }>;
    expect(new Set(bodies.map((body) => body.revision))).toEqual(new Set([1]));
  });
});
