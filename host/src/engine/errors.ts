/** The engine's error family; the HTTP layer maps each class to one Problem response. */

/** A validation failure at one JSON pointer into the checked document. */
export interface ValidationIssue {
  /** JSON pointer into the checked document, e.g. `/edges/2/targetNodeId`. */
  path: string;
  message: string;
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
