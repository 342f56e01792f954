// Generated from openapi/openapi.yaml by codegen/routes. Do not edit.
import type * as T from './types/types.gen.js';
import type { Handler, OperationShape } from '../http/handler-types.js';

/** Every operation of the contract: HTTP method, path template, required scopes (`null` = public) and success statuses. */
export const operations = {
  bulkCancelRuns: { method: 'post', path: '/v1/runs:bulk-cancel', scopes: ['runs:cancel'], successStatuses: [200] },
  cancelRun: { method: 'post', path: '/v1/runs/{runId}/cancel', scopes: ['runs:cancel'], successStatuses: [200] },
  createRun: { method: 'post', path: '/v1/runs', scopes: ['runs:create'], successStatuses: [201] },
  forkRun: {
    method: 'post',
    path: '/v1/runs/{runId}:fork',
    scopes: ['runs:create', 'runs:read'],
    successStatuses: [201],
  },
  getArtifact: {
    method: 'get',
    path: '/v1/runs/{runId}/artifacts/{artifactId}',
    scopes: ['artifacts:read'],
    successStatuses: [200],
  },
  getCapabilities: { method: 'get', path: '/.well-known/openwop', scopes: null, successStatuses: [200] },
  getOpenApiSpec: { method: 'get', path: '/v1/openapi.json', scopes: null, successStatuses: [200] },
  getRun: { method: 'get', path: '/v1/runs/{runId}', scopes: ['runs:read'], successStatuses: [200] },
  getWorkflow: { method: 'get', path: '/v1/workflows/{workflowId}', scopes: ['manifest:read'], successStatuses: [200] },
  inspectInterruptByToken: { method: 'get', path: '/v1/interrupts/{token}', scopes: null, successStatuses: [200] },
  listRuns: { method: 'get', path: '/v1/runs', scopes: ['runs:read'], successStatuses: [200] },
  listWebhookDeliveries: {
    method: 'get',
    path: '/v1/webhooks/{webhookId}/deliveries',
    scopes: ['webhooks:manage'],
    successStatuses: [200],
  },
  listWebhooks: { method: 'get', path: '/v1/webhooks', scopes: ['webhooks:manage'], successStatuses: [200] },
  listWorkflows: { method: 'get', path: '/v1/workflows', scopes: ['manifest:read'], successStatuses: [200] },
  pauseRun: { method: 'post', path: '/v1/runs/{runId}:pause', scopes: ['runs:cancel'], successStatuses: [202] },
  pollRunEvents: { method: 'get', path: '/v1/runs/{runId}/events/poll', scopes: ['runs:read'], successStatuses: [200] },
  readTestRunEvents: {
    method: 'get',
    path: '/v1/host/sample/test/runs/{runId}/events',
    scopes: ['runs:read'],
    successStatuses: [200],
  },
  redeliverWebhookDelivery: {
    method: 'post',
    path: '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    scopes: ['webhooks:manage'],
    successStatuses: [202],
  },
  registerWebhook: { method: 'post', path: '/v1/webhooks', scopes: ['webhooks:manage'], successStatuses: [201] },
  registerWorkflow: { method: 'post', path: '/v1/workflows', scopes: ['workflows:write'], successStatuses: [200, 201] },
  resolveInterruptByRun: {
    method: 'post',
    path: '/v1/runs/{runId}/interrupts/{nodeId}',
    scopes: ['approvals:respond'],
    successStatuses: [200],
  },
  resolveInterruptByToken: { method: 'post', path: '/v1/interrupts/{token}', scopes: null, successStatuses: [200] },
  resumeRun: { method: 'post', path: '/v1/runs/{runId}:resume', scopes: ['runs:cancel'], successStatuses: [202] },
  rotateWebhookSecret: {
    method: 'post',
    path: '/v1/webhooks/{webhookId}/rotate-secret',
    scopes: ['webhooks:manage'],
    successStatuses: [200],
  },
  streamRunEvents: { method: 'get', path: '/v1/runs/{runId}/events', scopes: ['runs:read'], successStatuses: [200] },
  unregisterWebhook: {
    method: 'delete',
    path: '/v1/webhooks/{webhookId}',
    scopes: ['webhooks:manage'],
    successStatuses: [204],
  },
} as const;

/** The operationId of any contract operation. */
export type OperationId = keyof typeof operations;

/** Request and response types of every operation, keyed by operationId. */
export interface OperationTypes {
  /** Cancel up to 100 runs at once. */
  bulkCancelRuns: OperationShape<T.BulkCancelRunsData, T.BulkCancelRunsResponses>;
  /** Cancel a run. */
  cancelRun: OperationShape<T.CancelRunData, T.CancelRunResponses>;
  /** Start a run of a workflow. */
  createRun: OperationShape<T.CreateRunData, T.CreateRunResponses>;
  /** Fork a run by replay or branch from a sequence. */
  forkRun: OperationShape<T.ForkRunData, T.ForkRunResponses>;
  /** Read an artifact produced by a run. */
  getArtifact: OperationShape<T.GetArtifactData, T.GetArtifactResponses>;
  /** Read the host's capability discovery document. */
  getCapabilities: OperationShape<T.GetCapabilitiesData, T.GetCapabilitiesResponses>;
  /** Read this host's OpenAPI 3.1 document. */
  getOpenApiSpec: OperationShape<T.GetOpenApiSpecData, T.GetOpenApiSpecResponses>;
  /** Read a run's current state. */
  getRun: OperationShape<T.GetRunData, T.GetRunResponses>;
  /** Read a workflow definition. */
  getWorkflow: OperationShape<T.GetWorkflowData, T.GetWorkflowResponses>;
  /** Inspect an interrupt through its signed token. */
  inspectInterruptByToken: OperationShape<T.InspectInterruptByTokenData, T.InspectInterruptByTokenResponses>;
  /** List runs visible to the caller (wopkit extension). */
  listRuns: OperationShape<T.ListRunsData, T.ListRunsResponses>;
  /** List a webhook's deliveries, e.g. its dead letters (wopkit extension). */
  listWebhookDeliveries: OperationShape<T.ListWebhookDeliveriesData, T.ListWebhookDeliveriesResponses>;
  /** List the caller's webhook subscriptions (wopkit extension). */
  listWebhooks: OperationShape<T.ListWebhooksData, T.ListWebhooksResponses>;
  /** List workflows visible to the caller (wopkit extension). */
  listWorkflows: OperationShape<T.ListWorkflowsData, T.ListWorkflowsResponses>;
  /** Pause a run (operator pause). */
  pauseRun: OperationShape<T.PauseRunData, T.PauseRunResponses>;
  /** Long-poll a run's events. */
  pollRunEvents: OperationShape<T.PollRunEventsData, T.PollRunEventsResponses>;
  /** Read a run's durable event log (conformance test seam). */
  readTestRunEvents: OperationShape<T.ReadTestRunEventsData, T.ReadTestRunEventsResponses>;
  /** Queue a delivery again (wopkit extension). */
  redeliverWebhookDelivery: OperationShape<T.RedeliverWebhookDeliveryData, T.RedeliverWebhookDeliveryResponses>;
  /** Register a webhook subscription. */
  registerWebhook: OperationShape<T.RegisterWebhookData, T.RegisterWebhookResponses>;
  /** Register a workflow definition (wopkit extension). */
  registerWorkflow: OperationShape<T.RegisterWorkflowData, T.RegisterWorkflowResponses>;
  /** Resolve a run's pending interrupt at a node. */
  resolveInterruptByRun: OperationShape<T.ResolveInterruptByRunData, T.ResolveInterruptByRunResponses>;
  /** Resolve an interrupt through its signed token. */
  resolveInterruptByToken: OperationShape<T.ResolveInterruptByTokenData, T.ResolveInterruptByTokenResponses>;
  /** Resume a paused run. */
  resumeRun: OperationShape<T.ResumeRunData, T.ResumeRunResponses>;
  /** Rotate a webhook's signing secret (wopkit extension). */
  rotateWebhookSecret: OperationShape<T.RotateWebhookSecretData, T.RotateWebhookSecretResponses>;
  /** Stream a run's events over SSE. */
  streamRunEvents: OperationShape<T.StreamRunEventsData, T.StreamRunEventsResponses, true>;
  /** Remove a webhook subscription. */
  unregisterWebhook: OperationShape<T.UnregisterWebhookData, T.UnregisterWebhookResponses>;
}

/** One handler per operation; a missing or misspelled handler is a type error. */
export type HandlerMap<Context> = { [Op in OperationId]: Handler<OperationTypes[Op], Context> };
