// The `workflows` tag: registering, reading and listing workflow definitions.

import type { APIPromise } from '../api-promise.js';
import { PagePromise } from '../cursor-page.js';
import type { Client } from '../generated/client/index.gen.js';
import { getWorkflow, listWorkflows, registerWorkflow } from '../generated/sdk.gen.js';
import type {
  ListWorkflowsData,
  RegisteredWorkflow,
  WorkflowDefinition,
  WorkflowSummary,
} from '../generated/types.gen.js';
import { callOperation, type MutationOptions, type RequestOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';

/** Paging of `workflows.list` (`listWorkflows`). */
export type ListWorkflowsParams = NonNullable<ListWorkflowsData['query']>;

/**
 * Operations tagged `workflows`; reach them as `wopkit.workflows`.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const definition = await wopkit.workflows.get('ticket-triage');
 * console.log(definition.name, definition.nodes.length);
 * for await (const workflow of wopkit.workflows.list()) console.log(workflow.workflowId);
 * ```
 */
export class Workflows {
  readonly #client: Client;

  /** @internal Created by `Wopkit`. */
  constructor(client: Client) {
    this.#client = client;
  }

  /**
   * Register a workflow definition (wopkit extension). (`registerWorkflow`)
   * Registering an identical definition again returns the existing revision.
   */
  register(definition: WorkflowDefinition, options?: MutationOptions): APIPromise<RegisteredWorkflow> {
    return callOperation(this.#client, options, (init) => registerWorkflow({ ...init, body: definition }));
  }

  /** Read a workflow definition. (`getWorkflow`) */
  get(workflowId: string, options?: RequestOptions): APIPromise<WorkflowDefinition> {
    return callOperation(this.#client, options, (init) => getWorkflow({ ...init, path: pathParams({ workflowId }) }));
  }

  /**
   * List workflows visible to the caller (wopkit extension). (`listWorkflows`)
   * Await it for the first page, or iterate it with `for await` for every workflow across pages.
   */
  list(params: ListWorkflowsParams = {}, options?: RequestOptions): PagePromise<WorkflowSummary> {
    const fetchPage = (query: ListWorkflowsParams): PagePromise<WorkflowSummary> =>
      new PagePromise(
        callOperation(this.#client, options, (init) => listWorkflows({ ...init, query })).withResponse(),
        (cursor) => fetchPage({ ...query, cursor }),
      );
    return fetchPage(params);
  }
}
