/** Handlers of the `workflows` tag. */
import type { StoredWorkflow } from '../../engine/ports.js';
import type { WorkflowDefinitionShape } from '../../engine/workflow-service.js';
import type { HandlerMap } from '../../generated/routes.gen.js';
import type { RegisteredWorkflow, WorkflowDefinition, WorkflowSummary } from '../../generated/types/types.gen.js';
import { requirePrincipal, type HandlerContext } from '../handler-context.js';

const DEFAULT_PAGE_SIZE = 20;

/** `registerWorkflow`, `getWorkflow` and `listWorkflows`. */
export const workflowHandlers: Pick<
  HandlerMap<HandlerContext>,
  'registerWorkflow' | 'getWorkflow' | 'listWorkflows'
> = {
  async registerWorkflow(input, context) {
    const { tenant } = requirePrincipal(context);
    const { workflow, created } = await context.services.workflows.register(
      tenant,
      input.body as unknown as WorkflowDefinitionShape,
    );
    return { status: created ? 201 : 200, body: toRegistered(workflow) };
  },
  async getWorkflow(input, context) {
    const { tenant } = requirePrincipal(context);
    const workflow = await context.services.workflows.get(tenant, input.path.workflowId);
    return { status: 200, body: workflow.definition as unknown as WorkflowDefinition };
  },
  async listWorkflows(input, context) {
    const { tenant } = requirePrincipal(context);
    const page = await context.services.workflows.list(tenant, {
      limit: input.query.limit ?? DEFAULT_PAGE_SIZE,
      ...(input.query.cursor === undefined ? {} : { cursor: input.query.cursor }),
    });
    return { status: 200, body: { items: page.items.map(toSummary), nextCursor: page.nextCursor } };
  },
};

function toRegistered(workflow: StoredWorkflow): RegisteredWorkflow {
  return {
    workflowId: workflow.workflowId,
    version: workflow.version,
    revision: workflow.revision,
    digest: workflow.digest,
    registeredAt: workflow.registeredAt,
  };
}

function toSummary(workflow: StoredWorkflow): WorkflowSummary {
  const definition = workflow.definition as { name?: unknown; description?: unknown };
  return {
    workflowId: workflow.workflowId,
    name: String(definition.name ?? workflow.workflowId),
    version: workflow.version,
    revision: workflow.revision,
    ...(typeof definition.description === 'string' ? { description: definition.description } : {}),
    registeredAt: workflow.registeredAt,
  };
}
