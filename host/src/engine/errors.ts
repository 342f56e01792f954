/** The engine's error family; the HTTP layer maps each class to one Problem response. */

/** A validation failure at one JSON pointer into the checked document. */
export interface ValidationIssue {
  /** JSON pointer into the checked document, e.g. `/edges/2/targetNodeId`. */
  path: string;
  message: string;
  /** The part of the request the document is; the body unless said otherwise. */
  location?: 'header' | 'body';
}

/** Thrown when a workflow definition or other engine input is invalid; carries every issue found. */
export class EngineValidationError extends Error {
  override readonly name = 'EngineValidationError';
  readonly issues: ValidationIssue[];

  constructor(message: string, issues: ValidationIssue[]) {
    super(message);
    this.issues = issues;
  }
}

/** Thrown when a workflow does not exist or is not visible to the caller's tenant. */
export class WorkflowNotFoundError extends Error {
  override readonly name = 'WorkflowNotFoundError';
  readonly workflowId: string;

  constructor(workflowId: string) {
    super(`workflow "${workflowId}" was not found`);
    this.workflowId = workflowId;
  }
}

/** Thrown by list operations when a cursor is not one an earlier page returned. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  /** The cursor as received. */
  readonly cursor: string;

  constructor(cursor: string, options?: ErrorOptions) {
    const shown = cursor.length > 64 ? `${cursor.slice(0, 64)}…` : cursor;
    super(`cursor "${shown}" is malformed`, options);
    this.cursor = cursor;
  }
}

/** Thrown when a run does not exist or is not visible to the caller's tenant. */
export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
  readonly runId: string;

  constructor(runId: string) {
    super(`run "${runId}" was not found`);
    this.runId = runId;
  }
}

/** Thrown when an operation conflicts with a run's state (e.g. cancelling a completed run); answered as 409. */
export class RunConflictError extends Error {
  override readonly name = 'RunConflictError';
  /** Wire error code, e.g. `run_terminal`. */
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/**
 * Thrown when the caller may not do this (a production key asking for a test-only feature, an inspect-only token
 * used to resolve); answered as 403 with `code`.
 */
export class ForbiddenRequestError extends Error {
  override readonly name = 'ForbiddenRequestError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Thrown for a request the engine understands but does not support (answered as 400 with `code`). */
export class UnsupportedRequestError extends Error {
  override readonly name = 'UnsupportedRequestError';
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Thrown when a webhook URL may not receive deliveries (scheme, or an address in a refused class); answered 400. */
export class WebhookUrlRejectedError extends Error {
  override readonly name = 'WebhookUrlRejectedError';
  readonly url: string;
  /** Why, e.g. `loopback address 127.0.0.1`. */
  readonly reason: string;

  constructor(url: string, reason: string) {
    super(`webhook URL is not allowed: ${reason}`);
    this.url = url;
    this.reason = reason;
  }
}

/** Thrown when a webhook subscription (or one of its deliveries) does not exist in the caller's tenant. */
export class WebhookNotFoundError extends Error {
  override readonly name = 'WebhookNotFoundError';
  readonly webhookId: string;

  constructor(webhookId: string, what = `webhook "${webhookId}"`) {
    super(`${what} was not found`);
    this.webhookId = webhookId;
  }
}

/**
 * Thrown when a well-formed request is refused on its merits (a fork point past the log, an external event that does
 * not match its correlation); answered 422.
 */
export class UnprocessableRequestError extends Error {
  override readonly name = 'UnprocessableRequestError';
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Thrown when a run has no interrupt at the named node (unknown node, or a node that never suspended); 404. */
export class InterruptNotFoundError extends Error {
  override readonly name = 'InterruptNotFoundError';
  readonly runId: string | undefined;
  readonly nodeId: string | undefined;

  constructor(runId: string | undefined, nodeId: string | undefined, message?: string) {
    super(message ?? `run "${runId}" has no interrupt at node "${nodeId}"`);
    this.runId = runId;
    this.nodeId = nodeId;
  }
}

/**
 * Thrown when an interrupt can no longer be resolved: `interrupt_already_resolved` (409; also a timed-out one),
 * `interrupt_cancelled` (422; its run was cancelled directly), `interrupt_gone` (410; cancelled with its parent) or
 * `interrupt_expired` (410; a signed token past its expiry).
 */
export class InterruptClosedError extends Error {
  override readonly name = 'InterruptClosedError';
  readonly code: 'interrupt_already_resolved' | 'interrupt_cancelled' | 'interrupt_gone' | 'interrupt_expired';
  readonly details: Record<string, unknown>;

  constructor(code: InterruptClosedError['code'], message: string, details: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
