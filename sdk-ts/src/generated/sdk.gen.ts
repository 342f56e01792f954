// Generated from openapi/openapi.yaml by codegen/sdk. Do not edit.
import { client } from './client.gen.js';
import type { Client, ClientMeta, Options as Options2, RequestResult, TDataShape } from './client/index.gen.js';
import type {
  BulkCancelRunsData,
  BulkCancelRunsErrors,
  BulkCancelRunsResponses,
  CancelRunData,
  CancelRunErrors,
  CancelRunResponses,
  CreateRunData,
  CreateRunErrors,
  CreateRunResponses,
  ForkRunData,
  ForkRunErrors,
  ForkRunResponses,
  GetArtifactData,
  GetArtifactErrors,
  GetArtifactResponses,
  GetCapabilitiesData,
  GetCapabilitiesErrors,
  GetCapabilitiesResponses,
  GetOpenApiSpecData,
  GetOpenApiSpecErrors,
  GetOpenApiSpecResponses,
  GetRunData,
  GetRunErrors,
  GetRunResponses,
  GetWorkflowData,
  GetWorkflowErrors,
  GetWorkflowResponses,
  InspectInterruptByTokenData,
  InspectInterruptByTokenErrors,
  InspectInterruptByTokenResponses,
  ListRunsData,
  ListRunsErrors,
  ListRunsResponses,
  ListWebhookDeliveriesData,
  ListWebhookDeliveriesErrors,
  ListWebhookDeliveriesResponses,
  ListWebhooksData,
  ListWebhooksErrors,
  ListWebhooksResponses,
  ListWorkflowsData,
  ListWorkflowsErrors,
  ListWorkflowsResponses,
  PauseRunData,
  PauseRunErrors,
  PauseRunResponses,
  PollRunEventsData,
  PollRunEventsErrors,
  PollRunEventsResponses,
  ReadTestRunEventsData,
  ReadTestRunEventsErrors,
  ReadTestRunEventsResponses,
  RedeliverWebhookDeliveryData,
  RedeliverWebhookDeliveryErrors,
  RedeliverWebhookDeliveryResponses,
  RegisterWebhookData,
  RegisterWebhookErrors,
  RegisterWebhookResponses,
  RegisterWorkflowData,
  RegisterWorkflowErrors,
  RegisterWorkflowResponses,
  ResolveInterruptByRunData,
  ResolveInterruptByRunErrors,
  ResolveInterruptByRunResponses,
  ResolveInterruptByTokenData,
  ResolveInterruptByTokenErrors,
  ResolveInterruptByTokenResponses,
  ResumeRunData,
  ResumeRunErrors,
  ResumeRunResponses,
  RotateWebhookSecretData,
  RotateWebhookSecretErrors,
  RotateWebhookSecretResponses,
  StreamRunEventsData,
  StreamRunEventsErrors,
  StreamRunEventsResponses,
  UnregisterWebhookData,
  UnregisterWebhookErrors,
  UnregisterWebhookResponses,
} from './types.gen.js';

export type Options<
  TData extends TDataShape = TDataShape,
  ThrowOnError extends boolean = boolean,
  TResponse = unknown,
> = Options2<TData, ThrowOnError, TResponse> & {
  /**
   * You can provide a client instance returned by `createClient()` instead of
   * individual options. This might be also useful if you want to implement a
   * custom client.
   */
  client?: Client;
  /**
   * You can pass arbitrary values through the `meta` object. This can be
   * used to access values that aren't defined as part of the SDK function.
   */
  meta?: keyof ClientMeta extends never ? Record<string, unknown> : ClientMeta;
};

/**
 * Read the host's capability discovery document.
 *
 * Public. Lists the protocol version, limits and every capability family the host actually serves.
 */
export const getCapabilities = <ThrowOnError extends boolean = false>(
  options?: Options<GetCapabilitiesData, ThrowOnError>,
): RequestResult<GetCapabilitiesResponses, GetCapabilitiesErrors, ThrowOnError> =>
  (options?.client ?? client).get<GetCapabilitiesResponses, GetCapabilitiesErrors, ThrowOnError>({
    url: '/.well-known/openwop',
    ...options,
  });

/**
 * Read this host's OpenAPI 3.1 document.
 *
 * Public. The contract this host serves, as JSON.
 */
export const getOpenApiSpec = <ThrowOnError extends boolean = false>(
  options?: Options<GetOpenApiSpecData, ThrowOnError>,
): RequestResult<GetOpenApiSpecResponses, GetOpenApiSpecErrors, ThrowOnError> =>
  (options?.client ?? client).get<GetOpenApiSpecResponses, GetOpenApiSpecErrors, ThrowOnError>({
    url: '/v1/openapi.json',
    ...options,
  });

/**
 * List workflows visible to the caller (wopkit extension).
 *
 * Cursor-paginated, newest registration first; each item describes the latest revision. Requires scope `manifest:read`.
 */
export const listWorkflows = <ThrowOnError extends boolean = false>(
  options?: Options<ListWorkflowsData, ThrowOnError>,
): RequestResult<ListWorkflowsResponses, ListWorkflowsErrors, ThrowOnError> =>
  (options?.client ?? client).get<ListWorkflowsResponses, ListWorkflowsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/workflows',
    ...options,
  });

/**
 * Register a workflow definition (wopkit extension).
 *
 * Validates and stores a definition under its `id`. Registering a definition that differs from the latest stored one creates a new revision (`201`); registering an identical one returns the existing revision (`200`). Runs pin the revision they started on. Requires scope `workflows:write`.
 */
export const registerWorkflow = <ThrowOnError extends boolean = false>(
  options: Options<RegisterWorkflowData, ThrowOnError>,
): RequestResult<RegisterWorkflowResponses, RegisterWorkflowErrors, ThrowOnError> =>
  (options.client ?? client).post<RegisterWorkflowResponses, RegisterWorkflowErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/workflows',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Read a workflow definition.
 *
 * Returns the latest revision of the definition, including `configurableSchema` when declared. Requires scope `manifest:read`.
 */
export const getWorkflow = <ThrowOnError extends boolean = false>(
  options: Options<GetWorkflowData, ThrowOnError>,
): RequestResult<GetWorkflowResponses, GetWorkflowErrors, ThrowOnError> =>
  (options.client ?? client).get<GetWorkflowResponses, GetWorkflowErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/workflows/{workflowId}',
    ...options,
  });

/**
 * List runs visible to the caller (wopkit extension).
 *
 * Cursor-paginated, newest first, filterable by status, workflow and tag. Requires scope `runs:read`.
 */
export const listRuns = <ThrowOnError extends boolean = false>(
  options?: Options<ListRunsData, ThrowOnError>,
): RequestResult<ListRunsResponses, ListRunsErrors, ThrowOnError> =>
  (options?.client ?? client).get<ListRunsResponses, ListRunsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs',
    ...options,
  });

/**
 * Start a run of a workflow.
 *
 * Starts a run with `inputs` and the run-options overlay (`configurable`, `tags`, `metadata`) at the top level. An unknown `workflowId` is `400 validation_error`. Honours `Idempotency-Key`. Requires scope `runs:create`.
 */
export const createRun = <ThrowOnError extends boolean = false>(
  options: Options<CreateRunData, ThrowOnError>,
): RequestResult<CreateRunResponses, CreateRunErrors, ThrowOnError> =>
  (options.client ?? client).post<CreateRunResponses, CreateRunErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Cancel up to 100 runs at once.
 *
 * Answers `200` with one result per id, in request order, even when every id failed. Requires scope `runs:cancel`.
 */
export const bulkCancelRuns = <ThrowOnError extends boolean = false>(
  options: Options<BulkCancelRunsData, ThrowOnError>,
): RequestResult<BulkCancelRunsResponses, BulkCancelRunsErrors, ThrowOnError> =>
  (options.client ?? client).post<BulkCancelRunsResponses, BulkCancelRunsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs:bulk-cancel',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Read a run's current state.
 *
 * The `RunSnapshot` projected from the run's event log. Requires scope `runs:read`.
 */
export const getRun = <ThrowOnError extends boolean = false>(
  options: Options<GetRunData, ThrowOnError>,
): RequestResult<GetRunResponses, GetRunErrors, ThrowOnError> =>
  (options.client ?? client).get<GetRunResponses, GetRunErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}',
    ...options,
  });

/**
 * Cancel a run.
 *
 * Cancels an in-flight run. Answers `cancelled` when done or `cancelling` while a cascade is still running; cancelling an already cancelled run answers its current status; a completed or failed run is `409 run_terminal`. Requires scope `runs:cancel`.
 */
export const cancelRun = <ThrowOnError extends boolean = false>(
  options: Options<CancelRunData, ThrowOnError>,
): RequestResult<CancelRunResponses, CancelRunErrors, ThrowOnError> =>
  (options.client ?? client).post<CancelRunResponses, CancelRunErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}/cancel',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Pause a run (operator pause).
 *
 * Pauses a running or waiting run; `run.paused` is emitted when the pause takes effect. An already paused or finished run is `409` with `details.runStatus`. Requires scope `runs:cancel`.
 */
export const pauseRun = <ThrowOnError extends boolean = false>(
  options: Options<PauseRunData, ThrowOnError>,
): RequestResult<PauseRunResponses, PauseRunErrors, ThrowOnError> =>
  (options.client ?? client).post<PauseRunResponses, PauseRunErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}:pause',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Resume a paused run.
 *
 * Resumes a run paused with `pauseRun`; a run that is not paused is `409` with `details.runStatus`. Requires scope `runs:cancel`.
 */
export const resumeRun = <ThrowOnError extends boolean = false>(
  options: Options<ResumeRunData, ThrowOnError>,
): RequestResult<ResumeRunResponses, ResumeRunErrors, ThrowOnError> =>
  (options.client ?? client).post<ResumeRunResponses, ResumeRunErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}:resume',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Fork a run by replay or branch from a sequence.
 *
 * Starts a child run whose log copies the source's events below `fromSeq`; `replay` reuses recorded outcomes, `branch` re-executes with the overlay. Requires scopes `runs:create` and `runs:read`.
 */
export const forkRun = <ThrowOnError extends boolean = false>(
  options: Options<ForkRunData, ThrowOnError>,
): RequestResult<ForkRunResponses, ForkRunErrors, ThrowOnError> =>
  (options.client ?? client).post<ForkRunResponses, ForkRunErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}:fork',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Stream a run's events over SSE.
 *
 * Server-sent events in the requested stream modes (default `updates`), resumable with `Last-Event-ID` (the decimal `sequence` of the last event received); the stream closes after the terminal event. With `Accept: application/json` (and not `text/event-stream`) the log is answered as one JSON document. Frames are documented in `asyncapi.yaml`. Requires scope `runs:read`.
 */
export const streamRunEvents = <ThrowOnError extends boolean = false>(
  options: Options<StreamRunEventsData, ThrowOnError>,
): RequestResult<StreamRunEventsResponses, StreamRunEventsErrors, ThrowOnError> =>
  (options.client ?? client).get<StreamRunEventsResponses, StreamRunEventsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}/events',
    ...options,
  });

/**
 * Long-poll a run's events.
 *
 * Returns events with `sequence` greater than `lastSequence` (all events when omitted), waiting up to `timeout` seconds for new ones. Requires scope `runs:read`.
 */
export const pollRunEvents = <ThrowOnError extends boolean = false>(
  options: Options<PollRunEventsData, ThrowOnError>,
): RequestResult<PollRunEventsResponses, PollRunEventsErrors, ThrowOnError> =>
  (options.client ?? client).get<PollRunEventsResponses, PollRunEventsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}/events/poll',
    ...options,
  });

/**
 * Resolve a run's pending interrupt at a node.
 *
 * Delivers `resumeValue` to the node suspended at `nodeId`; exactly one of several concurrent resolves wins. Requires scope `approvals:respond`.
 */
export const resolveInterruptByRun = <ThrowOnError extends boolean = false>(
  options: Options<ResolveInterruptByRunData, ThrowOnError>,
): RequestResult<ResolveInterruptByRunResponses, ResolveInterruptByRunErrors, ThrowOnError> =>
  (options.client ?? client).post<ResolveInterruptByRunResponses, ResolveInterruptByRunErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}/interrupts/{nodeId}',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Inspect an interrupt through its signed token.
 *
 * The token in the path is the credential; no API key is needed.
 */
export const inspectInterruptByToken = <ThrowOnError extends boolean = false>(
  options: Options<InspectInterruptByTokenData, ThrowOnError>,
): RequestResult<InspectInterruptByTokenResponses, InspectInterruptByTokenErrors, ThrowOnError> =>
  (options.client ?? client).get<InspectInterruptByTokenResponses, InspectInterruptByTokenErrors, ThrowOnError>({
    url: '/v1/interrupts/{token}',
    ...options,
  });

/**
 * Resolve an interrupt through its signed token.
 *
 * The token in the path is the credential; a token is single-use and an inspect-only token cannot resolve (`403`). The token is checked before the body, so an unknown token answers `404` whatever the body holds.
 */
export const resolveInterruptByToken = <ThrowOnError extends boolean = false>(
  options: Options<ResolveInterruptByTokenData, ThrowOnError>,
): RequestResult<ResolveInterruptByTokenResponses, ResolveInterruptByTokenErrors, ThrowOnError> =>
  (options.client ?? client).post<ResolveInterruptByTokenResponses, ResolveInterruptByTokenErrors, ThrowOnError>({
    url: '/v1/interrupts/{token}',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Read an artifact produced by a run.
 *
 * Requires scope `artifacts:read`.
 */
export const getArtifact = <ThrowOnError extends boolean = false>(
  options: Options<GetArtifactData, ThrowOnError>,
): RequestResult<GetArtifactResponses, GetArtifactErrors, ThrowOnError> =>
  (options.client ?? client).get<GetArtifactResponses, GetArtifactErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/runs/{runId}/artifacts/{artifactId}',
    ...options,
  });

/**
 * Read a run's durable event log (conformance test seam).
 *
 * The event-log read seam of the conformance suite: every persisted event of the run, optionally filtered. Answers `404` unless the host runs with `WOPKIT_TEST_SEAMS=1`, and `403` for production keys. Requires scope `runs:read`.
 */
export const readTestRunEvents = <ThrowOnError extends boolean = false>(
  options: Options<ReadTestRunEventsData, ThrowOnError>,
): RequestResult<ReadTestRunEventsResponses, ReadTestRunEventsErrors, ThrowOnError> =>
  (options.client ?? client).get<ReadTestRunEventsResponses, ReadTestRunEventsErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/host/sample/test/runs/{runId}/events',
    ...options,
  });

/**
 * List the caller's webhook subscriptions (wopkit extension).
 *
 * Cursor-paginated, newest first, in the caller's tenant only. Secrets are never shown, only their fingerprints. Requires scope `webhooks:manage`.
 */
export const listWebhooks = <ThrowOnError extends boolean = false>(
  options?: Options<ListWebhooksData, ThrowOnError>,
): RequestResult<ListWebhooksResponses, ListWebhooksErrors, ThrowOnError> =>
  (options?.client ?? client).get<ListWebhooksResponses, ListWebhooksErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/webhooks',
    ...options,
  });

/**
 * Register a webhook subscription.
 *
 * Subscribes an `https` URL to run event types. The signing secret is generated by the host and returned once. Requires scope `webhooks:manage`.
 */
export const registerWebhook = <ThrowOnError extends boolean = false>(
  options: Options<RegisterWebhookData, ThrowOnError>,
): RequestResult<RegisterWebhookResponses, RegisterWebhookErrors, ThrowOnError> =>
  (options.client ?? client).post<RegisterWebhookResponses, RegisterWebhookErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/webhooks',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * Remove a webhook subscription.
 *
 * Deliveries stop immediately. Requires scope `webhooks:manage`.
 */
export const unregisterWebhook = <ThrowOnError extends boolean = false>(
  options: Options<UnregisterWebhookData, ThrowOnError>,
): RequestResult<UnregisterWebhookResponses, UnregisterWebhookErrors, ThrowOnError> =>
  (options.client ?? client).delete<UnregisterWebhookResponses, UnregisterWebhookErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/webhooks/{webhookId}',
    ...options,
  });

/**
 * Rotate a webhook's signing secret (wopkit extension).
 *
 * Mints a new secret, returned once. Deliveries are signed with the new secret in `X-openwop-Signature`; until the overlap ends they also carry `X-Wopkit-Signature-Previous`, made with the previous secret, so receivers can switch secrets without losing a delivery. Requires scope `webhooks:manage`.
 */
export const rotateWebhookSecret = <ThrowOnError extends boolean = false>(
  options: Options<RotateWebhookSecretData, ThrowOnError>,
): RequestResult<RotateWebhookSecretResponses, RotateWebhookSecretErrors, ThrowOnError> =>
  (options.client ?? client).post<RotateWebhookSecretResponses, RotateWebhookSecretErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/webhooks/{webhookId}/rotate-secret',
    ...options,
    headers: {
      'Content-Type': 'application/json',
      ...options.headers,
    },
  });

/**
 * List a webhook's deliveries, e.g. its dead letters (wopkit extension).
 *
 * Newest first. `status=dead` lists the dead letters: deliveries whose retry budget ran out. Requires scope `webhooks:manage`.
 */
export const listWebhookDeliveries = <ThrowOnError extends boolean = false>(
  options: Options<ListWebhookDeliveriesData, ThrowOnError>,
): RequestResult<ListWebhookDeliveriesResponses, ListWebhookDeliveriesErrors, ThrowOnError> =>
  (options.client ?? client).get<ListWebhookDeliveriesResponses, ListWebhookDeliveriesErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/webhooks/{webhookId}/deliveries',
    ...options,
  });

/**
 * Queue a delivery again (wopkit extension).
 *
 * Puts a delivery (typically a dead letter) back in the queue with a fresh retry budget and the same delivery id, so receivers still de-duplicate it. A subscription marked `failed` becomes `active` again, its circuit closed. Requires scope `webhooks:manage`.
 */
export const redeliverWebhookDelivery = <ThrowOnError extends boolean = false>(
  options: Options<RedeliverWebhookDeliveryData, ThrowOnError>,
): RequestResult<RedeliverWebhookDeliveryResponses, RedeliverWebhookDeliveryErrors, ThrowOnError> =>
  (options.client ?? client).post<RedeliverWebhookDeliveryResponses, RedeliverWebhookDeliveryErrors, ThrowOnError>({
    security: [{ scheme: 'bearer', type: 'http' }],
    url: '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    ...options,
  });
