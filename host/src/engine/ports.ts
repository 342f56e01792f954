/** Persistence ports the engine needs; `storage/` implements them, the engine never sees SQL. */

/** One stored revision of a workflow definition. */
export interface StoredWorkflow {
  tenantId: string;
  workflowId: string;
  /** 1-based revision number, increasing per (tenant, workflow). */
  revision: number;
  /** The author's free-form `version` field of the definition. */
  version: string;
  /** sha256 hex of the canonical JSON of the definition. */
  digest: string;
  /** The definition exactly as registered. */
  definition: Record<string, unknown>;
  /** ISO 8601 time the revision was stored. */
  registeredAt: string;
}

/** A page of results plus the opaque cursor of the next page (`null` on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Stores workflow definitions per tenant, versioned by revision. */
export interface WorkflowStore {
  /**
   * Stores `definition` as a new revision unless it is identical (same digest) to the latest revision,
   * in which case the latest revision is returned with `created: false`. Safe under concurrent calls.
   */
  register(input: {
    tenantId: string;
    workflowId: string;
    version: string;
    digest: string;
    definition: Record<string, unknown>;
    registeredAt: string;
  }): Promise<{ workflow: StoredWorkflow; created: boolean }>;
  /** The latest revision, or a given revision, of a tenant's workflow; `undefined` when absent. */
  get(tenantId: string, workflowId: string, revision?: number): Promise<StoredWorkflow | undefined>;
  /** Latest revision of each of a tenant's workflows, newest registration first, cursor-paginated. */
  list(tenantId: string, options: { limit: number; cursor?: string }): Promise<Page<StoredWorkflow>>;
}
