/** Graph analysis of a workflow definition (entry nodes, adjacency, back edges, cycles) and join-rule decisions. */
import type { WorkflowEdge } from '../generated/types/types.gen.js';

/** A join rule (`WorkflowEdge.triggerRule`); absent means `all_success`. */
export type TriggerRule = NonNullable<WorkflowEdge['triggerRule']>;

/** The graph-relevant part of a definition; a `WorkflowDefinition` satisfies it. */
export interface GraphDefinition {
  nodes: ReadonlyArray<{ id: string; disabled?: boolean }>;
  edges: readonly WorkflowEdge[];
}

/** An edge as seen from one of its ends. */
export interface EdgeInfo {
  /** The edge as declared. */
  edge: WorkflowEdge;
  /** Position of the edge in `definition.edges` (for JSON pointers and stable ordering). */
  index: number;
  /** Whether the edge closes a cycle (see {@link analyzeGraph}). */
  isBackEdge: boolean;
}

/** A cycle found by {@link findCycles}. */
export interface CycleInfo {
  /** Node ids along the cycle, starting at the node the closing edge re-enters. */
  nodes: string[];
  /** Index in `definition.edges` of the back edge that closes the cycle. */
  closingEdgeIndex: number;
}

/** The result of {@link analyzeGraph}. */
export interface GraphAnalysis {
  /** Nodes, in definition order, with no incoming edge other than back edges; disabled nodes excluded. */
  entryNodes: string[];
  /** Edges entering each node, in definition order (every node has an entry, possibly empty). */
  incoming: Map<string, EdgeInfo[]>;
  /** Edges leaving each node, in definition order (every node has an entry, possibly empty). */
  outgoing: Map<string, EdgeInfo[]>;
  /** Ids of the edges that close a cycle. */
  backEdges: Set<string>;
  /** One node-id cycle per back edge, in the order the search found them. */
  cycles: string[][];
}

/**
 * Where one incoming edge of a join stands: `pending` — the upstream node has not settled; `fired` — it succeeded and
 * the edge's condition held; `not-fired` — it was skipped, or its edge condition was false; `failed` — it failed (an
 * approval rejection counts as a failure).
 */
export type JoinEdgeState = 'pending' | 'fired' | 'not-fired' | 'failed';

/** What a join decides for its target node: keep waiting, run it, or skip it (reported with `node.skipped`). */
export type JoinDecision = 'wait' | 'run' | 'skip';

/**
 * Analyses the structure of a definition. Edges naming unknown nodes are left out (registration reports them).
 *
 * Back edges come from a depth-first search that visits edges in definition order and starts from the nodes with no
 * incoming edges (definition order), then from any node still unvisited (definition order), so a graph that is one big
 * cycle gets its first node as entry. The result is deterministic for a given definition.
 *
 * @example
 * const { entryNodes, backEdges } = analyzeGraph(definition);
 */
export function analyzeGraph(definition: GraphDefinition): GraphAnalysis {
  const nodeIds = uniqueNodeIds(definition);
  const found = searchCycles(nodeIds, definition.edges, () => true);
  const backEdgeIndexes = new Set(found.map((cycle) => cycle.closingEdgeIndex));

  const incoming = new Map<string, EdgeInfo[]>(nodeIds.map((id) => [id, []]));
  const outgoing = new Map<string, EdgeInfo[]>(nodeIds.map((id) => [id, []]));
  definition.edges.forEach((edge, index) => {
    const into = incoming.get(edge.targetNodeId);
    const from = outgoing.get(edge.sourceNodeId);
    if (into === undefined || from === undefined) return;
    const info: EdgeInfo = { edge, index, isBackEdge: backEdgeIndexes.has(index) };
    into.push(info);
    from.push(info);
  });

  const disabled = new Set(definition.nodes.filter((node) => node.disabled === true).map((node) => node.id));
  const entryNodes = nodeIds.filter(
    (id) => !disabled.has(id) && (incoming.get(id) ?? []).every((info) => info.isBackEdge),
  );
  return {
    entryNodes,
    incoming,
    outgoing,
    backEdges: new Set(found.map((cycle) => definition.edges[cycle.closingEdgeIndex]!.id)),
    cycles: found.map((cycle) => cycle.nodes),
  };
}

/**
 * The cycles of the subgraph made of the edges `includeEdge` accepts (all edges by default), one per back edge of the
 * same deterministic search as {@link analyzeGraph}. The subgraph has a cycle if and only if the result is non-empty;
 * not every elementary cycle is listed.
 */
export function findCycles(
  definition: GraphDefinition,
  includeEdge: (edge: WorkflowEdge, index: number) => boolean = () => true,
): CycleInfo[] {
  return searchCycles(uniqueNodeIds(definition), definition.edges, includeEdge);
}

/** The join rule of a node: the rule of its incoming edges (registration requires them to agree), else `all_success`. */
export function joinRuleOf(incoming: readonly EdgeInfo[]): TriggerRule {
  return incoming[0]?.edge.triggerRule ?? 'all_success';
}

/**
 * Decides a join from the states of the target's incoming edges (Airflow-style reading of the rule names, channels
 * spec §2.4). A node with no incoming edges runs. Otherwise:
 *
 * | rule | run | skip | wait |
 * | --- | --- | --- | --- |
 * | `all_success` (default) | every edge fired | as soon as any edge is not-fired or failed | otherwise |
 * | `any_success` | as soon as any edge fired | nothing pending and nothing fired | otherwise |
 * | `all_complete` | nothing pending and ≥1 edge fired or failed | nothing pending and every edge not-fired (a dead branch stays dead) | something pending |
 * | `none_failed` | nothing pending, nothing failed, ≥1 fired | as soon as any edge failed; or nothing pending and nothing fired | otherwise |
 * | `any_failed` | as soon as any edge failed | nothing pending and nothing failed | otherwise |
 *
 * Decisions that come "as soon as" do not wait for the remaining edges; the caller settles the node once.
 *
 * @example
 * joinReady('any_success', ['not-fired', 'fired', 'pending']); // 'run'
 */
export function joinReady(rule: TriggerRule | undefined, states: readonly JoinEdgeState[]): JoinDecision {
  if (states.length === 0) return 'run';
  const has = (state: JoinEdgeState) => states.includes(state);
  const isSettled = !has('pending');
  switch (rule ?? 'all_success') {
    case 'all_success':
      if (has('not-fired') || has('failed')) return 'skip';
      return isSettled ? 'run' : 'wait';
    case 'any_success':
      if (has('fired')) return 'run';
      return isSettled ? 'skip' : 'wait';
    case 'all_complete':
      if (!isSettled) return 'wait';
      return has('fired') || has('failed') ? 'run' : 'skip';
    case 'none_failed':
      if (has('failed')) return 'skip';
      if (!isSettled) return 'wait';
      return has('fired') ? 'run' : 'skip';
    case 'any_failed':
      if (has('failed')) return 'run';
      return isSettled ? 'skip' : 'wait';
  }
}

function uniqueNodeIds(definition: GraphDefinition): string[] {
  return [...new Set(definition.nodes.map((node) => node.id))];
}

/** Iterative colouring DFS (no recursion, so long chains cannot overflow the stack). */
function searchCycles(
  nodeIds: readonly string[],
  edges: readonly WorkflowEdge[],
  includeEdge: (edge: WorkflowEdge, index: number) => boolean,
): CycleInfo[] {
  const known = new Set(nodeIds);
  const successors = new Map<string, Array<{ target: string; index: number }>>(nodeIds.map((id) => [id, []]));
  const hasIncoming = new Set<string>();
  edges.forEach((edge, index) => {
    if (!known.has(edge.sourceNodeId) || !known.has(edge.targetNodeId) || !includeEdge(edge, index)) return;
    successors.get(edge.sourceNodeId)!.push({ target: edge.targetNodeId, index });
    hasIncoming.add(edge.targetNodeId);
  });

  const finished = new Set<string>();
  const pathIndex = new Map<string, number>(); // nodes on the current DFS path → position on it
  const path: string[] = [];
  const cycles: CycleInfo[] = [];
  const roots = [...nodeIds.filter((id) => !hasIncoming.has(id)), ...nodeIds];

  for (const root of roots) {
    if (finished.has(root)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    pathIndex.set(root, 0);
    path.push(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const out = successors.get(frame.node)!;
      const step = out[frame.next++];
      if (step === undefined) {
        stack.pop();
        path.pop();
        pathIndex.delete(frame.node);
        finished.add(frame.node);
        continue;
      }
      const onPath = pathIndex.get(step.target);
      if (onPath !== undefined) {
        cycles.push({ nodes: path.slice(onPath), closingEdgeIndex: step.index });
      } else if (!finished.has(step.target)) {
        pathIndex.set(step.target, path.length);
        path.push(step.target);
        stack.push({ node: step.target, next: 0 });
      }
    }
  }
  return cycles;
}
