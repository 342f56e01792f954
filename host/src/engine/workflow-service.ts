/** Registers, reads and lists workflow definitions for a tenant. */
import { canonicalDigest } from './canonical-json.js';
import type { Clock } from './clock.js';
import { EngineValidationError, WorkflowNotFoundError, type ValidationIssue } from './errors.js';
import type { Page, StoredWorkflow, WorkflowStore } from './ports.js';

/** The parts of a workflow definition the service reads; the full shape is validated by the contract first. */
export interface WorkflowDefinitionShape {
  id: string;
  version: string;
  nodes: Array<{ id: string; inputs?: Record<string, { type: string; nodeId?: string }> }>;
  edges: Array<{ id: string; sourceNodeId: string; targetNodeId: string; triggerRule?: string }>;
  triggers: Array<{ id: string; nodeId?: string }>;
  variables: Array<{ name: string }>;
  [key: string]: unknown;
}

/** Options of {@link WorkflowService}. */
export interface WorkflowServiceOptions {
  store: WorkflowStore;
  clock: Clock;
}

/** Workflow definitions: graph checks beyond the JSON Schema, versioned storage, tenant-scoped reads. */
export class WorkflowService {
  readonly #store: WorkflowStore;
  readonly #clock: Clock;

  constructor(options: WorkflowServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
  }

  /**
   * Checks `definition`'s graph and stores it for `tenantId`. Returns the stored revision and whether it is new
   * (an identical definition returns the latest revision unchanged).
   * @throws EngineValidationError naming every offending JSON path.
   */
  async register(
    tenantId: string,
    definition: WorkflowDefinitionShape,
  ): Promise<{ workflow: StoredWorkflow; created: boolean }> {
    const issues = checkWorkflowGraph(definition);
    if (issues.length > 0) {
      throw new EngineValidationError(`workflow "${definition.id}" is invalid: ${issues[0]!.message}`, issues);
    }
    return this.#store.register({
      tenantId,
      workflowId: definition.id,
      version: definition.version,
      digest: canonicalDigest(definition),
      definition,
      registeredAt: this.#clock.now().toISOString(),
    });
  }

  /**
   * The latest revision of a tenant's workflow.
   * @throws WorkflowNotFoundError when it does not exist for this tenant.
   */
  async get(tenantId: string, workflowId: string): Promise<StoredWorkflow> {
    const workflow = await this.#store.get(tenantId, workflowId);
    if (!workflow) throw new WorkflowNotFoundError(workflowId);
    return workflow;
  }

  /** One page of a tenant's workflows, newest registration first. */
  list(tenantId: string, options: { limit: number; cursor?: string }): Promise<Page<StoredWorkflow>> {
    return this.#store.list(tenantId, options);
  }
}

/**
 * Graph rules the JSON Schema cannot express: unique node and edge ids, edges, connections and triggers that name
 * existing nodes, unique variable names, and one join rule per target node.
 */
export function checkWorkflowGraph(definition: WorkflowDefinitionShape): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const nodeIds = new Set<string>();
  definition.nodes.forEach((node, index) => {
    if (nodeIds.has(node.id)) issues.push({ path: `/nodes/${index}/id`, message: `duplicate node id "${node.id}"` });
    nodeIds.add(node.id);
  });
  definition.nodes.forEach((node, index) => {
    for (const [port, value] of Object.entries(node.inputs ?? {})) {
      if (value.type === 'connection' && value.nodeId !== undefined && !nodeIds.has(value.nodeId)) {
        issues.push({
          path: `/nodes/${index}/inputs/${escapePointer(port)}/nodeId`,
          message: `input "${port}" of node "${node.id}" connects to unknown node "${value.nodeId}"`,
        });
      }
    }
  });
  const edgeIds = new Set<string>();
  const joinRules = new Map<string, string>();
  definition.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id)) issues.push({ path: `/edges/${index}/id`, message: `duplicate edge id "${edge.id}"` });
    edgeIds.add(edge.id);
    for (const end of ['sourceNodeId', 'targetNodeId'] as const) {
      if (!nodeIds.has(edge[end])) {
        issues.push({ path: `/edges/${index}/${end}`, message: `edge "${edge.id}" names unknown node "${edge[end]}"` });
      }
    }
    const rule = edge.triggerRule ?? 'all_success';
    const previous = joinRules.get(edge.targetNodeId);
    if (previous !== undefined && previous !== rule) {
      issues.push({
        path: `/edges/${index}/triggerRule`,
        message: `edges into node "${edge.targetNodeId}" mix join rules "${previous}" and "${rule}"`,
      });
    }
    joinRules.set(edge.targetNodeId, previous ?? rule);
  });
  definition.triggers.forEach((trigger, index) => {
    if (trigger.nodeId !== undefined && !nodeIds.has(trigger.nodeId)) {
      issues.push({
        path: `/triggers/${index}/nodeId`,
        message: `trigger "${trigger.id}" names unknown node "${trigger.nodeId}"`,
      });
    }
  });
  const variableNames = new Set<string>();
  definition.variables.forEach((variable, index) => {
    if (variableNames.has(variable.name)) {
      issues.push({ path: `/variables/${index}/name`, message: `duplicate variable "${variable.name}"` });
    }
    variableNames.add(variable.name);
  });
  return issues;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
