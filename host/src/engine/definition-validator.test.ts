import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition, WorkflowEdge } from '../generated/types/types.gen.js';
import { validateDefinition, type DefinitionValidationContext } from './definition-validator.js';

const KNOWN_TYPES = new Set([
  'core.noop',
  'core.delay',
  'core.approvalGate',
  'core.conformance.side-effect',
  'vendor.acme.classifyTicket',
  'vendor.acme.archiveTicket',
  'vendor.acme.routeTicket',
  'vendor.acme.notifyCustomer',
]);

const context: DefinitionValidationContext = {
  isKnownNodeType: (typeId) => KNOWN_TYPES.has(typeId),
  nodeConfigErrors: (typeId, config) =>
    typeId === 'core.approvalGate' && typeof config.title !== 'string'
      ? [{ path: '/title', message: 'title must be a string' }]
      : [],
};

const node = (id: string, typeId = 'core.noop', extra: Partial<WorkflowDefinition['nodes'][number]> = {}) => ({
  id,
  typeId,
  name: id,
  position: { x: 0, y: 0 },
  config: {},
  inputs: {},
  ...extra,
});

/** The workflow-format brief's example (§8): fan-out, conditions, an approval gate and an any_success fan-in. */
const ticketTriage: WorkflowDefinition = {
  id: 'ticket-triage',
  name: 'Ticket triage with billing review',
  version: '1.0.0',
  nodes: [
    node('intake'),
    node('classify', 'vendor.acme.classifyTicket', {
      config: { labels: ['billing', 'bug', 'other'] },
      inputs: { text: { type: 'variable', variableName: 'text' } },
    }),
    node('archive', 'vendor.acme.archiveTicket', {
      inputs: { ticketId: { type: 'variable', variableName: 'ticketId' } },
    }),
    node('review', 'core.approvalGate', {
      config: { title: 'Route this ticket to finance?', actions: ['accept', 'reject'] },
      inputs: { label: { type: 'connection', nodeId: 'classify', outputKey: 'label' } },
    }),
    node('route-finance', 'vendor.acme.routeTicket', { config: { queue: 'finance' } }),
    node('notify-customer', 'vendor.acme.notifyCustomer', {
      inputs: { to: { type: 'variable', variableName: 'customerEmail', optional: true } },
    }),
    node('route-eng', 'vendor.acme.routeTicket', {
      config: { queue: 'engineering' },
      inputs: { priority: { type: 'static', value: 2 } },
    }),
    node('done', 'core.noop', { outputRole: 'primary' }),
  ],
  edges: [
    { id: 'e-intake-classify', sourceNodeId: 'intake', targetNodeId: 'classify' },
    { id: 'e-classify-archive', sourceNodeId: 'classify', targetNodeId: 'archive', sourceOutput: 'ticket' },
    {
      id: 'e-classify-review',
      sourceNodeId: 'classify',
      targetNodeId: 'review',
      condition: { type: 'equals', left: 'output.label', right: 'billing' },
    },
    {
      id: 'e-classify-eng',
      sourceNodeId: 'classify',
      targetNodeId: 'route-eng',
      targetInput: 'ticket',
      condition: { type: 'notEquals', left: 'output.label', right: 'billing' },
    },
    { id: 'e-review-finance', sourceNodeId: 'review', targetNodeId: 'route-finance', triggerRule: 'all_success' },
    { id: 'e-review-notify', sourceNodeId: 'review', targetNodeId: 'notify-customer', triggerRule: 'any_failed' },
    { id: 'e-finance-done', sourceNodeId: 'route-finance', targetNodeId: 'done', triggerRule: 'any_success' },
    { id: 'e-notify-done', sourceNodeId: 'notify-customer', targetNodeId: 'done', triggerRule: 'any_success' },
    { id: 'e-eng-done', sourceNodeId: 'route-eng', targetNodeId: 'done', triggerRule: 'any_success' },
  ],
  triggers: [{ id: 'manual', type: 'manual', enabled: true }],
  variables: [
    { name: 'ticketId', type: 'string', required: true },
    { name: 'text', type: 'string', required: true },
    { name: 'customerEmail', type: 'string', format: 'email', sensitive: true },
  ],
  channels: {
    triageNotes: { reducer: 'append', maxSize: 50 },
    finalQueue: { reducer: 'replace', access: { writers: ['route-finance', 'route-eng'] } },
    'reviewVotes:review': { reducer: 'votes' },
    routingAttempts: { reducer: 'counter', default: 0 },
  },
  configurableSchema: {
    type: 'object',
    properties: {
      recursionLimit: { type: 'integer', minimum: 1, maximum: 50 },
      temperature: { type: 'number', minimum: 0, maximum: 1 },
    },
    additionalProperties: false,
  },
  metadata: { tags: ['support', 'example'], complianceClass: 'pii' },
  settings: { timeout: 3600000, maxRetries: 2, logLevel: 'info', maxLoopbackIterations: 3 },
};

/** A small workflow a → b → c for graph cases. */
const chain: WorkflowDefinition = {
  id: 'chain',
  name: 'Chain',
  version: '1',
  nodes: [node('a'), node('b'), node('c')],
  edges: [
    { id: 'a-b', sourceNodeId: 'a', targetNodeId: 'b' },
    { id: 'b-c', sourceNodeId: 'b', targetNodeId: 'c' },
  ],
  triggers: [{ id: 'manual', type: 'manual' }],
  variables: [],
  metadata: {},
  settings: {},
};

/** A copy of `base` changed by `change`. */
function variant(base: WorkflowDefinition, change: (definition: WorkflowDefinition) => void): WorkflowDefinition {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

const edge = (id: string, sourceNodeId: string, targetNodeId: string, extra: Partial<WorkflowEdge> = {}) => ({
  id,
  sourceNodeId,
  targetNodeId,
  ...extra,
});

describe('validateDefinition', () => {
  it.each<{ name: string; definition: WorkflowDefinition }>([
    { name: "the brief's ticket-triage example", definition: ticketTriage },
    { name: 'a chain', definition: chain },
    {
      name: 'the reject-loopback shape (cycle left over an any_failed edge)',
      definition: {
        ...chain,
        nodes: [node('start'), node('gate', 'core.approvalGate', { config: { title: 'Approve?' } }), node('revise')],
        edges: [
          edge('start-gate', 'start', 'gate', { triggerRule: 'any_success' }),
          edge('gate-revise', 'gate', 'revise', { triggerRule: 'any_failed' }),
          edge('revise-gate', 'revise', 'gate', { triggerRule: 'any_success' }),
        ],
        settings: { maxLoopbackIterations: 2 },
      },
    },
    {
      name: 'the ordinal-loop shape (cycle re-entered over any_success edges)',
      definition: {
        ...chain,
        nodes: [
          node('start'),
          node('effect', 'core.conformance.side-effect'),
          node('wait', 'core.delay', { inputs: { delayMs: { type: 'variable', variableName: 'delayMs' } } }),
        ],
        edges: [
          edge('start-effect', 'start', 'effect', { triggerRule: 'any_success' }),
          edge('effect-wait', 'effect', 'wait'),
          edge('wait-effect', 'wait', 'effect', { triggerRule: 'any_success' }),
        ],
        variables: [{ name: 'delayMs', type: 'number', defaultValue: 3000 }],
        settings: { maxLoopbackIterations: 2 },
      },
    },
    {
      name: 'a cycle bounded by a condition',
      definition: variant(chain, (d) => {
        d.edges.push(edge('c-b', 'c', 'b', { condition: { type: 'falsy', left: 'output.done' } }));
      }),
    },
    {
      name: 'a cycle bounded by conditions elsewhere on it',
      definition: variant(ticketTriage, (d) => {
        d.edges.push(edge('e-done-intake', 'done', 'intake'));
      }),
    },
    {
      name: 'an off-format variable default (format is advisory)',
      definition: variant(chain, (d) => {
        d.variables.push({ name: 'email', type: 'string', format: 'email', defaultValue: 'not-an-email' });
        d.variables.push({ name: 'when', type: 'string', format: 'date-time', defaultValue: 'yesterday' });
      }),
    },
    {
      name: 'variable defaults of every declared type',
      definition: variant(chain, (d) => {
        d.variables.push(
          { name: 's', type: 'string', defaultValue: '' },
          { name: 'n', type: 'number', defaultValue: 0 },
          { name: 'b', type: 'boolean', defaultValue: false },
          { name: 'o', type: 'object', defaultValue: {} },
          { name: 'l', type: 'array', defaultValue: [] },
        );
      }),
    },
    {
      name: 'ttlMs on every list reducer and a vendor reducer',
      definition: variant(chain, (d) => {
        d.channels = {
          events: { reducer: 'append', ttlMs: 200 },
          votes: { reducer: 'votes', ttlMs: 1 },
          feedback: { reducer: 'feedback', ttlMs: 1 },
          messages: { reducer: 'message', ttlMs: 1, default: [] },
          custom: { reducer: 'vendor.acme.top-k', default: { anything: true } },
          merged: { reducer: 'merge', default: { a: 1 }, maxSize: 1 },
          typed: { reducer: 'replace', schema: { type: 'string' }, schemaVersion: 3, compatibleWith: [1, 2] },
          open: { reducer: 'replace', access: { readers: ['*', 'core.ai.*', 'review-1'], writers: [] } },
        };
      }),
    },
  ])('accepts $name', ({ definition }) => {
    expect(validateDefinition(definition, context)).toEqual([]);
  });

  it.each<{ name: string; definition: WorkflowDefinition; path: string; message: string }>([
    {
      name: 'a duplicate node id',
      definition: variant(ticketTriage, (d) => {
        d.nodes[2]!.id = 'classify';
        d.edges.splice(1, 1);
      }),
      path: '/nodes/2/id',
      message: 'duplicate node id "classify"',
    },
    {
      name: 'an unknown node type',
      definition: variant(ticketTriage, (d) => {
        d.nodes[0]!.typeId = 'core.teleport';
      }),
      path: '/nodes/0/typeId',
      message: 'node "intake" has unknown node type "core.teleport"',
    },
    {
      name: 'a config its node type refuses',
      definition: variant(ticketTriage, (d) => {
        d.nodes[3]!.config = { actions: ['accept'] };
      }),
      path: '/nodes/3/config/title',
      message: 'config of node "review" is invalid: title must be a string',
    },
    {
      name: 'a connection input to an unknown node',
      definition: variant(ticketTriage, (d) => {
        d.nodes[3]!.inputs['label/raw'] = { type: 'connection', nodeId: 'ghost', outputKey: 'label' };
      }),
      path: '/nodes/3/inputs/label~1raw/nodeId',
      message: 'input "label/raw" of node "review" connects to unknown node "ghost"',
    },
    {
      name: 'a duplicate edge id',
      definition: variant(ticketTriage, (d) => {
        d.edges[1]!.id = 'e-intake-classify';
      }),
      path: '/edges/1/id',
      message: 'duplicate edge id "e-intake-classify"',
    },
    {
      name: 'an edge from an unknown node',
      definition: variant(ticketTriage, (d) => {
        d.edges[1]!.sourceNodeId = 'ghost';
      }),
      path: '/edges/1/sourceNodeId',
      message: 'edge "e-classify-archive" names unknown node "ghost"',
    },
    {
      name: 'an edge to an unknown node',
      definition: variant(ticketTriage, (d) => {
        d.edges[1]!.targetNodeId = 'ghost';
      }),
      path: '/edges/1/targetNodeId',
      message: 'edge "e-classify-archive" names unknown node "ghost"',
    },
    {
      name: 'mixed join rules into one node',
      definition: variant(ticketTriage, (d) => {
        d.edges[8]!.triggerRule = 'all_complete';
      }),
      path: '/edges/8/triggerRule',
      message: 'edges into node "done" mix join rules "any_success" and "all_complete"',
    },
    {
      name: 'a regex condition with an invalid pattern',
      definition: variant(ticketTriage, (d) => {
        d.edges[2]!.condition = { type: 'regex', left: 'output.label', right: '^(billing' };
      }),
      path: '/edges/2/condition',
      message: 'condition of edge "e-classify-review": regex condition has an invalid pattern "^(billing"',
    },
    {
      name: 'a regex condition whose pattern is not a string',
      definition: variant(ticketTriage, (d) => {
        d.edges[2]!.condition = { type: 'regex', left: 'output.label', right: ['billing'] };
      }),
      path: '/edges/2/condition',
      message: 'condition of edge "e-classify-review": regex condition has an invalid pattern ["billing"]',
    },
    {
      name: 'an expression condition that does not parse',
      definition: variant(ticketTriage, (d) => {
        d.edges[2]!.condition = { type: 'expression', expression: 'output.label === "billing"' };
      }),
      path: '/edges/2/condition',
      message:
        'condition of edge "e-classify-review": expression "output.label === \\"billing\\"" is invalid at position 15',
    },
    {
      name: 'an expression condition without an expression',
      definition: variant(ticketTriage, (d) => {
        d.edges[2]!.condition = { type: 'expression' };
      }),
      path: '/edges/2/condition',
      message: 'expected a value',
    },
    {
      name: 'a comparison condition without left',
      definition: variant(ticketTriage, (d) => {
        d.edges[3]!.condition = { type: 'contains', right: 'billing' };
      }),
      path: '/edges/3/condition',
      message: 'condition of edge "e-classify-eng": a contains condition needs "left"',
    },
    {
      name: 'a trigger naming an unknown node',
      definition: variant(ticketTriage, (d) => {
        d.triggers[0]!.nodeId = 'ghost';
      }),
      path: '/triggers/0/nodeId',
      message: 'trigger "manual" names unknown node "ghost"',
    },
    {
      name: 'a duplicate trigger id',
      definition: variant(ticketTriage, (d) => {
        d.triggers.push({ id: 'manual', type: 'webhook' });
      }),
      path: '/triggers/1/id',
      message: 'duplicate trigger id "manual"',
    },
    {
      name: 'a duplicate variable',
      definition: variant(ticketTriage, (d) => {
        d.variables.push({ name: 'text', type: 'string' });
      }),
      path: '/variables/3/name',
      message: 'duplicate variable "text"',
    },
    ...(
      [
        ['string', 42, 'a number'],
        ['string', null, 'null'],
        ['number', '3', 'a string'],
        ['boolean', 'true', 'a string'],
        ['object', [], 'an array'],
        ['array', {}, 'an object'],
        ['number', true, 'a boolean'],
      ] as const
    ).map(([type, defaultValue, actual]) => ({
      name: `a ${type} variable defaulting to ${JSON.stringify(defaultValue)}`,
      definition: variant(chain, (d) => {
        d.variables.push({ name: 'v', type, defaultValue });
      }),
      path: '/variables/0/defaultValue',
      message: `default value of variable "v" is ${actual}, but the variable is declared as ${type}`,
    })),
    {
      name: 'a reducer that is neither canonical nor vendor',
      definition: variant(ticketTriage, (d) => {
        d.channels!.triageNotes = { reducer: 'acme.sum' };
      }),
      path: '/channels/triageNotes/reducer',
      message: 'channel "triageNotes" has reducer "acme.sum", which is neither canonical nor "vendor.<org>.<name>"',
    },
    ...(
      [
        ['counter', '0', 'counter needs a number, got a string'],
        ['append', {}, 'append needs an array, got an object'],
        ['votes', 'u1', 'votes needs an array, got a string'],
        ['message', null, 'message needs an array, got null'],
        ['merge', [], 'merge needs an object, got an array'],
      ] as const
    ).map(([reducer, value, problem]) => ({
      name: `a ${reducer} channel defaulting to ${JSON.stringify(value)}`,
      definition: variant(chain, (d) => {
        d.channels = { 'state:a/b': { reducer, default: value } };
      }),
      path: '/channels/state:a~1b/default',
      message: `default of channel "state:a/b" does not fit its reducer: ${problem}`,
    })),
    {
      name: 'a default larger than maxSize',
      definition: variant(chain, (d) => {
        d.channels = { notes: { reducer: 'append', maxSize: 1, default: ['a', 'b'] } };
      }),
      path: '/channels/notes/default',
      message: 'size 2 exceeds maxSize 1',
    },
    ...(['replace', 'merge', 'counter', 'vendor.acme.top-k'] as const).map((reducer) => ({
      name: `ttlMs on a ${reducer} channel`,
      definition: variant(chain, (d) => {
        d.channels = { state: { reducer, ttlMs: 1000 } };
      }),
      path: '/channels/state/ttlMs',
      message: `channel "state" declares ttlMs, but its reducer "${reducer}" keeps no entries to expire`,
    })),
    {
      name: 'a channel schema that is not JSON Schema',
      definition: variant(chain, (d) => {
        d.channels = { state: { reducer: 'replace', schema: { type: 'text' } } };
      }),
      path: '/channels/state/schema',
      message:
        'schema of channel "state" is not a valid JSON Schema: schema/type must be equal to one of the allowed values',
    },
    {
      name: 'a compatibleWith version that is not older',
      definition: variant(chain, (d) => {
        d.channels = { state: { reducer: 'replace', schemaVersion: 2, compatibleWith: [1, 2] } };
      }),
      path: '/channels/state/compatibleWith/1',
      message: 'channel "state" lists version 2 as compatible, but only versions older than its schemaVersion 2 can be',
    },
    {
      name: 'an access entry that matches no node id or typeId pattern',
      definition: variant(ticketTriage, (d) => {
        d.channels!.finalQueue = { reducer: 'replace', access: { writers: ['route-eng', 'Route Finance'] } };
      }),
      path: '/channels/finalQueue/access/writers/1',
      message: 'access entry "Route Finance" of channel "finalQueue"',
    },
    {
      name: 'a configurableSchema that is not JSON Schema',
      definition: variant(ticketTriage, (d) => {
        d.configurableSchema = { type: 'object', properties: { recursionLimit: { type: 'integer', minimum: 'one' } } };
      }),
      path: '/configurableSchema',
      message: 'configurableSchema is not a valid JSON Schema: schema/properties/recursionLimit/minimum must be number',
    },
    {
      name: 'a configurableSchema with an unresolvable $ref',
      definition: variant(ticketTriage, (d) => {
        d.configurableSchema = { $ref: '#/$defs/missing' };
      }),
      path: '/configurableSchema',
      message: "can't resolve reference #/$defs/missing",
    },
    {
      name: 'a configurableSchema in another dialect',
      definition: variant(ticketTriage, (d) => {
        d.configurableSchema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' };
      }),
      path: '/configurableSchema',
      message: 'no schema with key or ref "http://json-schema.org/draft-07/schema#"',
    },
    {
      name: 'an unconditional two-node cycle',
      definition: variant(chain, (d) => {
        d.edges.push(edge('c-b', 'c', 'b'));
      }),
      path: '/edges/2',
      message:
        'unbounded cycle through b → c → b: no edge on it has a condition or a trigger rule other than all_success, ' +
        'so every run would loop until settings.maxLoopbackIterations',
    },
    {
      name: 'a cycle whose edges spell out all_success',
      definition: variant(chain, (d) => {
        d.edges[0]!.triggerRule = 'all_success';
        d.edges.push(edge('c-b', 'c', 'b', { triggerRule: 'all_success' }));
      }),
      path: '/edges/2',
      message: 'unbounded cycle through b → c → b',
    },
    {
      name: 'an unconditional self-loop',
      definition: variant(chain, (d) => {
        d.edges.push(edge('c-c', 'c', 'c'));
      }),
      path: '/edges/2',
      message: 'unbounded cycle through c → c',
    },
    {
      name: 'an unguarded cycle beside a guarded one',
      definition: {
        ...chain,
        nodes: [node('a'), node('b'), node('c'), node('d')],
        edges: [
          edge('a-b', 'a', 'b', { condition: { type: 'truthy', left: 'output.ok' } }),
          edge('a-c', 'a', 'c'),
          edge('b-d', 'b', 'd'),
          edge('c-d', 'c', 'd'),
          edge('d-a', 'd', 'a'),
        ],
      },
      path: '/edges/3',
      message: 'unbounded cycle through d → a → c → d',
    },
  ])('reports $name at $path', ({ definition, path, message }) => {
    const issues = validateDefinition(definition, context);
    expect(issues).toEqual([{ path, message: expect.stringContaining(message) }]);
  });

  it('asks for config errors only for known node types', () => {
    const asked: string[] = [];
    const recording: DefinitionValidationContext = {
      isKnownNodeType: (typeId) => typeId === 'core.noop',
      nodeConfigErrors: (typeId) => {
        asked.push(typeId);
        return [{ path: '', message: 'config is not allowed' }];
      },
    };
    const definition = variant(chain, (d) => {
      d.nodes[1]!.typeId = 'core.unknown';
    });
    expect(validateDefinition(definition, recording).map((issue) => issue.path)).toEqual([
      '/nodes/0/config',
      '/nodes/1/typeId',
      '/nodes/2/config',
    ]);
    expect(asked).toEqual(['core.noop', 'core.noop']);
  });

  it('refuses configurable keys the host does not recognise when asked to', () => {
    const strict: DefinitionValidationContext = {
      ...context,
      isKnownConfigurableKey: (key) => key === 'recursionLimit',
    };
    expect(validateDefinition(ticketTriage, strict)).toEqual([
      {
        path: '/configurableSchema/properties/temperature',
        message: 'configurableSchema accepts "temperature", which this host does not recognise as a configurable key',
      },
    ]);
  });

  it('reports every problem in document order', () => {
    const definition = variant(chain, (d) => {
      d.channels = { count: { reducer: 'counter', ttlMs: 5 } };
      d.variables.push({ name: 'n', type: 'number', defaultValue: 'x' });
      d.edges.push(edge('c-a', 'c', 'a'), edge('x', 'ghost', 'a'));
      d.nodes[2]!.typeId = 'core.nope';
      d.configurableSchema = { type: 'nothing' };
    });
    expect(validateDefinition(definition, context).map((issue) => issue.path)).toEqual([
      '/nodes/2/typeId',
      '/edges/3/sourceNodeId',
      '/variables/0/defaultValue',
      '/channels/count/ttlMs',
      '/configurableSchema',
      '/edges/2',
    ]);
  });

  it('validates the same definition twice with the same result (schema $ids do not leak between calls)', () => {
    const definition = variant(ticketTriage, (d) => {
      d.configurableSchema = {
        $id: 'https://example.com/configurable',
        type: 'object',
        $defs: { limit: { $id: 'limit', type: 'integer' } },
        properties: { recursionLimit: { $ref: 'limit' } },
      };
    });
    expect(validateDefinition(definition, context)).toEqual([]);
    expect(validateDefinition(definition, context)).toEqual([]);
  });
});
