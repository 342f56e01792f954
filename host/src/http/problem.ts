/** The one way errors leave the host: every failure becomes a `Problem` envelope `{error, message, details?}`. */
import {
  EngineValidationError,
  ForbiddenRequestError,
  InterruptClosedError,
  InterruptNotFoundError,
  InvalidCursorError,
  RunConflictError,
  RunNotFoundError,
  UnprocessableRequestError,
  UnsupportedRequestError,
  WebhookNotFoundError,
  WebhookUrlRejectedError,
  WorkflowNotFoundError,
} from '../engine/errors.js';

/** A JSON body in the OpenWOP error envelope. */
export interface Problem {
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Thrown anywhere in the HTTP layer to answer with a specific status and Problem body. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  /** The envelope this error is answered with. */
  toProblem(): Problem {
    return this.details === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, details: this.details };
  }
}

/** A failing field of a request, as listed in `details.fields` of a `validation_error`. */
export interface FieldIssue {
  /** Where the field is: `path`, `query`, `header` or `body`. */
  location: 'path' | 'query' | 'header' | 'body';
  /** JSON pointer inside that location, e.g. `/nodes/0/typeId` or `/limit`. */
  path: string;
  message: string;
}

/** `400 validation_error` naming each failing field. */
export function validationProblem(fields: FieldIssue[], summary?: string): ProblemError {
  const first = fields[0];
  const message =
    summary ??
    (first
      ? `request validation failed: ${first.location}${first.path || ''} ${first.message}`
      : 'request validation failed');
  return new ProblemError(400, 'validation_error', message, { fields });
}

/** The response for an error that is not a ProblemError: known engine errors map to their status, the rest to 500. */
export function toProblemError(error: unknown, correlationId: string): { problem: ProblemError; unexpected: boolean } {
  if (error instanceof ProblemError) return { problem: error, unexpected: false };
  if (error instanceof EngineValidationError) {
    return {
      problem: validationProblem(
        error.issues.map((issue) => ({ location: issue.location ?? 'body', path: issue.path, message: issue.message })),
        error.message,
      ),
      unexpected: false,
    };
  }
  if (error instanceof WorkflowNotFoundError) {
    return {
      problem: new ProblemError(404, 'not_found', error.message, { workflowId: error.workflowId }),
      unexpected: false,
    };
  }
  if (error instanceof RunNotFoundError) {
    return { problem: new ProblemError(404, 'not_found', error.message, { runId: error.runId }), unexpected: false };
  }
  if (error instanceof RunConflictError) {
    const retryAfter = error.details.retryAfter;
    const headers: Record<string, string> = typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {};
    return { problem: new ProblemError(409, error.code, error.message, error.details, headers), unexpected: false };
  }
  if (error instanceof UnsupportedRequestError) {
    return { problem: new ProblemError(400, error.code, error.message, error.details), unexpected: false };
  }
  if (error instanceof WebhookUrlRejectedError) {
    // The reason names the refused class, never more of the resolution than the caller could learn itself.
    return {
      problem: new ProblemError(400, 'webhook_url_rejected', error.message, { reason: error.reason }),
      unexpected: false,
    };
  }
  if (error instanceof WebhookNotFoundError) {
    return {
      problem: new ProblemError(404, 'subscription_not_found', error.message, { webhookId: error.webhookId }),
      unexpected: false,
    };
  }
  if (error instanceof InterruptNotFoundError) {
    // A token's run and node are not echoed: the caller may not know them.
    const details = error.runId === undefined ? undefined : { runId: error.runId, nodeId: error.nodeId };
    return { problem: new ProblemError(404, 'interrupt_not_found', error.message, details), unexpected: false };
  }
  if (error instanceof InterruptClosedError) {
    const status = {
      interrupt_already_resolved: 409,
      interrupt_cancelled: 422,
      interrupt_gone: 410,
      interrupt_expired: 410,
    }[error.code];
    return { problem: new ProblemError(status, error.code, error.message, error.details), unexpected: false };
  }
  if (error instanceof ForbiddenRequestError) {
    return { problem: new ProblemError(403, error.code, error.message), unexpected: false };
  }
  if (error instanceof UnprocessableRequestError) {
    return { problem: new ProblemError(422, error.code, error.message, error.details), unexpected: false };
  }
  if (error instanceof InvalidCursorError) {
    return {
      problem: validationProblem(
        [{ location: 'query', path: '/cursor', message: 'is not a cursor this host issued' }],
        error.message,
      ),
      unexpected: false,
    };
  }
  return {
    problem: new ProblemError(500, 'internal_error', 'the host failed to handle the request', { correlationId }),
    unexpected: true,
  };
}
