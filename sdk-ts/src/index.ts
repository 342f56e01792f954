// @wopkit/sdk: the typed client of OpenWOP hosts, its error classes and the contract's types.

import { Wopkit } from './client.js';

export { Wopkit, type WopkitOptions } from './client.js';
export { APIPromise, type APIResponse } from './api-promise.js';
export { CursorPage, PagePromise, type CursorPageBody } from './cursor-page.js';
export type { MutationOptions, RequestOptions } from './internal/call-operation.js';
export type { Artifacts } from './resources/artifacts.js';
export type { ReadTestRunEventsParams, Testing } from './resources/testing.js';
export type { Discovery } from './resources/discovery.js';
export type { Interrupts } from './resources/interrupts.js';
export type {
  CreateRunOptions,
  ListRunsParams,
  PollRunEventsParams,
  Runs,
  StreamRunOptions,
  WaitForRunOptions,
} from './resources/runs.js';
export type {
  RunStream,
  RunStreamItem,
  RunStreamMessageChunk,
  RunStreamMode,
  RunStreamSnapshot,
  RunStreamUnknownEvent,
} from './lib/run-stream.js';
export type { UnregisterWebhookParams, Webhooks } from './resources/webhooks.js';
export type { ListWorkflowsParams, Workflows } from './resources/workflows.js';
export { VERSION } from './version.js';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  GoneError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  RunWaitTimeoutError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
  WopkitError,
} from './errors.js';
export type * from './generated/types.gen.js';
export type * from './generated/events.gen.js';
export { coreRunEventTypes } from './generated/events.gen.js';

export type { ListWebhookDeliveriesParams, ListWebhooksParams } from './resources/webhooks.js';
export {
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADERS,
  type VerifiedWebhook,
  type VerifyWebhookParams,
  type WebhookHeaders,
} from './webhooks/verify.js';
export {
  WebhookSignatureError,
  WebhookTimestampError,
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from './errors.js';

export default Wopkit;
