import { describe, expect, it } from 'vitest';
import type { WorkflowEdge } from '../generated/types/types.gen.js';
import {
  analyzeGraph,
  findCycles,
  joinReady,
  joinRuleOf,
  type GraphDefinition,
  type JoinDecision,
  type JoinEdgeState,
  type TriggerRule,
} from './graph.js';

/** A graph from `a>b` edge specs (edge id `a-b`); nodes are listed explicitly to fix their order. */
function graph(
  nodes: string[],
  edges: string[],
  extra: Partial<Record<string, Partial<WorkflowEdge>>> = {},
): GraphDefinition {
  return {
    nodes: nodes.map((id) => ({ id })),
    edges: edges.map((spec) => {
      const [sourceNodeId, targetNodeId] = spec.split('>') as [string, string];
      const id = `${sourceNodeId}-${targetNodeId}`;
      return { id, sourceNodeId, targetNodeId, ...extra[id] };
    }),
  };
}

describe('analyzeGraph', () => {
  it.each<{ name: string; definition: GraphDefinition; entryNodes: string[]; backEdges: string[]; cycles: string[][] }>(
    [
      {
        name: 'a chain',
        definition: graph(['a', 'b', 'c'], ['a>b', 'b>c']),
        entryNodes: ['a'],
        backEdges: [],
        cycles: [],
      },
      {
        name: 'fan-out and fan-in',
        definition: graph(['a', 'b', 'c', 'd'], ['a>b', 'a>c', 'b>d', 'c>d']),
        entryNodes: ['a'],
        backEdges: [],
        cycles: [],
      },
      {
        name: 'two independent starts in definition order',
        definition: graph(['y', 'x', 'z'], ['x>z', 'y>z']),
        entryNodes: ['y', 'x'],
        backEdges: [],
        cycles: [],
      },
      {
        name: 'a lone node',
        definition: graph(['only'], []),
        entryNodes: ['only'],
        backEdges: [],
        cycles: [],
      },
      {
        name: 'the reject-loopback shape (gate → revise → gate)',
        definition: graph(['start', 'gate', 'revise'], ['start>gate', 'gate>revise', 'revise>gate']),
        entryNodes: ['start'],
        backEdges: ['revise-gate'],
        cycles: [['gate', 'revise']],
      },
      {
        name: 'the ordinal-loop shape (effect → wait → effect)',
        definition: graph(['start', 'effect', 'wait'], ['start>effect', 'effect>wait', 'wait>effect']),
        entryNodes: ['start'],
        backEdges: ['wait-effect'],
        cycles: [['effect', 'wait']],
      },
      {
        name: 'a self-loop',
        definition: graph(['a', 'b'], ['a>b', 'b>b']),
        entryNodes: ['a'],
        backEdges: ['b-b'],
        cycles: [['b']],
      },
      {
        name: 'a graph that is one cycle (its first node becomes the entry)',
        definition: graph(['a', 'b', 'c'], ['a>b', 'b>c', 'c>a']),
        entryNodes: ['a'],
        backEdges: ['c-a'],
        cycles: [['a', 'b', 'c']],
      },
      {
        name: 'a one-cycle graph listed in another order',
        definition: graph(['c', 'a', 'b'], ['a>b', 'b>c', 'c>a']),
        entryNodes: ['c'],
        backEdges: ['b-c'],
        cycles: [['c', 'a', 'b']],
      },
      {
        name: 'two loops sharing a node',
        definition: graph(['s', 'a', 'b', 'c'], ['s>a', 'a>b', 'b>a', 'a>c', 'c>a']),
        entryNodes: ['s'],
        backEdges: ['b-a', 'c-a'],
        cycles: [
          ['a', 'b'],
          ['a', 'c'],
        ],
      },
      {
        name: 'a nested loop',
        definition: graph(['s', 'a', 'b', 'c'], ['s>a', 'a>b', 'b>c', 'c>b', 'c>a']),
        entryNodes: ['s'],
        backEdges: ['c-b', 'c-a'],
        cycles: [
          ['b', 'c'],
          ['a', 'b', 'c'],
        ],
      },
      {
        name: 'a diamond reached twice is not a cycle',
        definition: graph(['a', 'b', 'c', 'd', 'e'], ['a>b', 'a>c', 'b>d', 'c>d', 'd>e']),
        entryNodes: ['a'],
        backEdges: [],
        cycles: [],
      },
      {
        name: 'edges to unknown nodes are ignored',
        definition: graph(['a', 'b'], ['a>b', 'ghost>a', 'b>nowhere']),
        entryNodes: ['a'],
        backEdges: [],
        cycles: [],
      },
    ],
  )('$name', ({ definition, entryNodes, backEdges, cycles }) => {
    const analysis = analyzeGraph(definition);
    expect(analysis.entryNodes).toEqual(entryNodes);
    expect([...analysis.backEdges]).toEqual(backEdges);
    expect(analysis.cycles).toEqual(cycles);
  });

  it('excludes disabled nodes from the entry nodes but keeps their edges', () => {
    const definition: GraphDefinition = {
      nodes: [{ id: 'a', disabled: true }, { id: 'b' }, { id: 'c', disabled: false }],
      edges: [{ id: 'e1', sourceNodeId: 'a', targetNodeId: 'b' }],
    };
    const analysis = analyzeGraph(definition);
    expect(analysis.entryNodes).toEqual(['c']);
    expect(analysis.incoming.get('b')?.map((info) => info.edge.id)).toEqual(['e1']);
  });

  it('lists incoming and outgoing edges per node in definition order with their index and back-edge flag', () => {
    const { incoming, outgoing } = analyzeGraph(graph(['a', 'b', 'c'], ['a>c', 'a>b', 'b>c', 'c>a']));
    expect(outgoing.get('a')?.map(({ edge, index, isBackEdge }) => [edge.id, index, isBackEdge])).toEqual([
      ['a-c', 0, false],
      ['a-b', 1, false],
    ]);
    expect(incoming.get('c')?.map(({ edge, index }) => [edge.id, index])).toEqual([
      ['a-c', 0],
      ['b-c', 2],
    ]);
    expect(incoming.get('a')?.map(({ edge, isBackEdge }) => [edge.id, isBackEdge])).toEqual([['c-a', true]]);
    expect(outgoing.get('c')?.map(({ edge }) => edge.id)).toEqual(['c-a']);
    expect(incoming.get('b')).toHaveLength(1);
  });

  it('gives the same result for the same definition', () => {
    const definition = graph(['s', 'a', 'b', 'c', 'd'], ['s>a', 'a>b', 'b>c', 'c>a', 'c>d', 'd>b', 'd>d']);
    const first = analyzeGraph(definition);
    const second = analyzeGraph(structuredClone(definition));
    expect(second.entryNodes).toEqual(first.entryNodes);
    expect([...second.backEdges]).toEqual([...first.backEdges]);
    expect(second.cycles).toEqual(first.cycles);
    expect(first.cycles).toEqual([['a', 'b', 'c'], ['b', 'c', 'd'], ['d']]);
  });

  it('handles a chain of 100 000 nodes without recursion', () => {
    const ids = Array.from({ length: 100_000 }, (_, index) => `n${index}`);
    const definition: GraphDefinition = {
      nodes: ids.map((id) => ({ id })),
      edges: ids.slice(1).map((id, index) => ({ id: `e${index}`, sourceNodeId: ids[index]!, targetNodeId: id })),
    };
    const analysis = analyzeGraph(definition);
    expect(analysis.entryNodes).toEqual(['n0']);
    expect(analysis.cycles).toEqual([]);
  });
});

describe('findCycles', () => {
  it('searches only the edges the filter accepts and reports closing edge indexes', () => {
    const definition = graph(['s', 'a', 'b', 'c'], ['s>a', 'a>b', 'b>a', 'a>c', 'c>a'], {
      'b-a': { condition: { type: 'truthy', left: 'output.again' } },
    });
    expect(findCycles(definition)).toEqual([
      { nodes: ['a', 'b'], closingEdgeIndex: 2 },
      { nodes: ['a', 'c'], closingEdgeIndex: 4 },
    ]);
    expect(findCycles(definition, (edge) => edge.condition === undefined)).toEqual([
      { nodes: ['a', 'c'], closingEdgeIndex: 4 },
    ]);
  });

  it('finds a cycle the full search hides behind a cross edge once guarded edges are removed', () => {
    // In the full graph a→b→d→a is found first and a→c→d→a is never reported; without the guarded a→b it is
    // (entered from b, the only node left without incoming edges, so the cycle reads d → a → c).
    const definition = graph(['a', 'b', 'c', 'd'], ['a>b', 'a>c', 'b>d', 'c>d', 'd>a'], {
      'a-b': { condition: { type: 'truthy', left: 'output.x' } },
    });
    expect(findCycles(definition).map((cycle) => cycle.nodes)).toEqual([['a', 'b', 'd']]);
    expect(findCycles(definition, (edge) => edge.condition === undefined)).toEqual([
      { nodes: ['d', 'a', 'c'], closingEdgeIndex: 3 },
    ]);
  });
});

describe('joinRuleOf', () => {
  it('is the rule of the first incoming edge, or all_success', () => {
    const { incoming } = analyzeGraph(
      graph(['a', 'b', 'c'], ['a>c', 'b>c', 'a>b'], {
        'a-c': { triggerRule: 'any_success' },
        'b-c': { triggerRule: 'any_success' },
      }),
    );
    expect(joinRuleOf(incoming.get('c') ?? [])).toBe('any_success');
    expect(joinRuleOf(incoming.get('b') ?? [])).toBe('all_success');
    expect(joinRuleOf([])).toBe('all_success');
  });
});

describe('joinReady', () => {
  const F: JoinEdgeState = 'fired';
  const N: JoinEdgeState = 'not-fired';
  const X: JoinEdgeState = 'failed';
  const P: JoinEdgeState = 'pending';

  // Columns: all_success, any_success, all_complete, none_failed, any_failed.
  const table: Array<[JoinEdgeState[], JoinDecision[]]> = [
    [[], ['run', 'run', 'run', 'run', 'run']],
    [[F], ['run', 'run', 'run', 'run', 'skip']],
    [[N], ['skip', 'skip', 'skip', 'skip', 'skip']],
    [[X], ['skip', 'skip', 'run', 'skip', 'run']],
    [[P], ['wait', 'wait', 'wait', 'wait', 'wait']],
    [
      [F, F],
      ['run', 'run', 'run', 'run', 'skip'],
    ],
    [
      [F, P],
      ['wait', 'run', 'wait', 'wait', 'wait'],
    ],
    [
      [F, N],
      ['skip', 'run', 'run', 'run', 'skip'],
    ],
    [
      [F, X],
      ['skip', 'run', 'run', 'skip', 'run'],
    ],
    [
      [N, N],
      ['skip', 'skip', 'skip', 'skip', 'skip'],
    ],
    [
      [N, P],
      ['skip', 'wait', 'wait', 'wait', 'wait'],
    ],
    [
      [N, X],
      ['skip', 'skip', 'run', 'skip', 'run'],
    ],
    [
      [X, X],
      ['skip', 'skip', 'run', 'skip', 'run'],
    ],
    [
      [X, P],
      ['skip', 'wait', 'wait', 'skip', 'run'],
    ],
    [
      [P, P],
      ['wait', 'wait', 'wait', 'wait', 'wait'],
    ],
    [
      [F, N, P],
      ['skip', 'run', 'wait', 'wait', 'wait'],
    ],
    [
      [F, N, X],
      ['skip', 'run', 'run', 'skip', 'run'],
    ],
    [
      [N, N, P],
      ['skip', 'wait', 'wait', 'wait', 'wait'],
    ],
  ];
  const rules: TriggerRule[] = ['all_success', 'any_success', 'all_complete', 'none_failed', 'any_failed'];
  const cases = table.flatMap(([states, decisions]) =>
    rules.map((rule, column) => ({ rule, states, expected: decisions[column]! })),
  );

  it.each(cases)('$rule with [$states] → $expected', ({ rule, states, expected }) => {
    expect(joinReady(rule, states)).toBe(expected);
    expect(joinReady(rule, [...states].reverse())).toBe(expected);
  });

  it.each(table.map(([states, decisions]) => ({ states, expected: decisions[0]! })))(
    'treats an absent rule as all_success for [$states]',
    ({ states, expected }) => {
      expect(joinReady(undefined, states)).toBe(expected);
    },
  );

  it.each(rules)('%s never changes a run or skip decision when pending edges settle', (rule) => {
    const all: JoinEdgeState[] = [F, N, X, P];
    const vectors: JoinEdgeState[][] = [[]];
    for (let length = 1; length <= 3; length++) {
      for (const prefix of vectors.filter((vector) => vector.length === length - 1)) {
        for (const state of all) vectors.push([...prefix, state]);
      }
    }
    let checked = 0;
    for (const vector of vectors) {
      const decision = joinReady(rule, vector);
      if (decision === 'wait') continue;
      vector.forEach((state, position) => {
        if (state !== P) return;
        for (const settled of [F, N, X]) {
          const next = vector.map((value, index) => (index === position ? settled : value));
          expect(joinReady(rule, next), `${rule} [${vector.join(',')}] → [${next.join(',')}]`).toBe(decision);
          checked++;
        }
      });
    }
    // all_complete holds vacuously: it never decides while an edge is pending.
    if (rule === 'all_complete') expect(checked).toBe(0);
    else expect(checked).toBeGreaterThan(0);
  });

  it.each(rules)('%s decides once nothing is pending', (rule) => {
    for (const states of [[F], [N], [X], [F, N], [N, X], [F, X, N]] as JoinEdgeState[][]) {
      expect(joinReady(rule, states)).not.toBe('wait');
    }
  });
});
