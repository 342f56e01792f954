/** Registers, reads and lists workflow definitions for a tenant. */
import type { ValidateFunction } from 'ajv';
import { createAjv } from './json-schema.js';
import { canonicalDigest } from './canonical-json.js';
import type { Clock } from './clock.js';
import { EngineValidationError, WorkflowNotFoundError, type ValidationIssue } from './errors.js';
import { validateDefinition } from './definition-validator.js';
import type { NodeImplementation } from './nodes/node-types.js';
import type { WorkflowDefinition } from '../generated/types/types.gen.js';
import type { Page, StoredWorkflow, WorkflowStore } from './ports.js';

/** The parts of a workflow definition the service reads; the full shape is validated by the contract first. */
export interface WorkflowDefinitionShape {
  id: string;
  version: string;
  nodes: Array<{
    id: string;
    typeId: string;
    config?: Record<string, unknown>;
    inputs?: Record<string, { type: string; nodeId?: string }>;
  }>;
  edges: Array<{ id: string; sourceNodeId: string; targetNodeId: string; triggerRule?: string }>;
  triggers: Array<{ id: string; nodeId?: string }>;
  variables: Array<{ name: string }>;
  [key: string]: unknown;
}

/** Options of {@link WorkflowService}. */
export interface WorkflowServiceOptions {
  store: WorkflowStore;
  clock: Clock;
  /** Node types this host can run; registration refuses any other `typeId`. */
  nodeTypes: Readonly<Record<string, NodeImplementation>>;
}

/** How long {@link WorkflowService.resolve} answers are reused. */
export const RESOLVE_CACHE_MS = 1000;

/** The tenant holding workflows every tenant can read and run (the seeded conformance fixtures). */
export const SHARED_TENANT = '*shared';

/** Workflow definitions: graph checks beyond the JSON Schema, versioned storage, tenant-scoped reads. */
export class WorkflowService {
  readonly #store: WorkflowStore;
  readonly #clock: Clock;
  readonly #nodeTypes: Readonly<Record<string, NodeImplementation>>;
  readonly #ajv = createAjv({ allErrors: true });
  readonly #configValidators = new Map<string, ValidateFunction>();
  readonly #resolved = new Map<string, { workflow: StoredWorkflow | undefined; until: number }>();

  constructor(options: WorkflowServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#nodeTypes = options.nodeTypes;
  }

  /** Registers `definitions` as shared workflows every tenant can read and run (idempotent). */
  async seedShared(definitions: WorkflowDefinitionShape[]): Promise<void> {
    for (const definition of definitions) await this.register(SHARED_TENANT, definition);
  }

  /**
   * The latest revision of a workflow visible to `tenantId`: its own, else a shared one; `undefined` when neither.
   * Answers are cached for {@link RESOLVE_CACHE_MS}: a registration in this process is seen at once, one made by
   * another process within that time.
   */
  async resolve(tenantId: string, workflowId: string): Promise<StoredWorkflow | undefined> {
    const key = `${tenantId}\u0000${workflowId}`;
    const now = this.#clock.now().getTime();
    const cached = this.#resolved.get(key);
    if (cached && cached.until > now) return cached.workflow;
    const workflow =
      (await this.#store.get(tenantId, workflowId)) ?? (await this.#store.get(SHARED_TENANT, workflowId));
    if (this.#resolved.size >= 10_000) this.#resolved.clear();
    this.#resolved.set(key, { workflow, until: now + RESOLVE_CACHE_MS });
    return workflow;
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
    const issues = validateDefinition(definition as unknown as WorkflowDefinition, {
      isKnownNodeType: (typeId) => typeId in this.#nodeTypes,
      nodeConfigErrors: (typeId, config) => this.#configErrors(typeId, config),
    });
    if (issues.length > 0) {
      throw new EngineValidationError(`workflow "${definition.id}" is invalid: ${issues[0]!.message}`, issues);
    }
    this.#resolved.clear();
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
    const workflow = await this.resolve(tenantId, workflowId);
    if (!workflow) throw new WorkflowNotFoundError(workflowId);
    return workflow;
  }

  #configErrors(typeId: string, config: Record<string, unknown>): ValidationIssue[] {
    const schema = this.#nodeTypes[typeId]?.configSchema;
    if (!schema) return [];
    let validate = this.#configValidators.get(typeId);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#configValidators.set(typeId, validate);
    }
    if (validate(config)) return [];
    return (validate.errors ?? []).map((error) => ({
      path: error.instancePath,
      message: `${error.message ?? 'is invalid'} (node type ${typeId})`,
    }));
  }

  /** One page of a tenant's workflows, newest registration first. */
  list(tenantId: string, options: { limit: number; cursor?: string }): Promise<Page<StoredWorkflow>> {
    return this.#store.list(tenantId, options);
  }
}
