/** Routes and validates requests against the contract with openapi-backend; answers nothing itself. */
import { createAjv } from '../engine/json-schema.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { OpenAPIBackend, type Document, type Operation, type Request as BackendRequest } from 'openapi-backend';
import { openApiDocument } from '../generated/contract.gen.js';
import { operations, type OperationId } from '../generated/routes.gen.js';
import { validationProblem, type FieldIssue } from './problem.js';

/** A request as the router sees it. */
export interface RouterRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** A matched, validated request: typed inputs with query and path values coerced to their schema types. */
export interface RoutedRequest {
  operationId: OperationId;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Wraps openapi-backend loaded with the bundled contract. */
export class ContractRouter {
  readonly #api: OpenAPIBackend;
  #problemValidator: ValidateFunction | undefined;

  readonly #routes: Array<{
    operationId: OperationId;
    method: string;
    pattern: RegExp;
    literalLength: number;
    operation: Operation;
  }>;

  private constructor(api: OpenAPIBackend) {
    this.#api = api;
    this.#routes = (Object.entries(operations) as Array<[OperationId, { method: string; path: string }]>)
      .map(([operationId, route]) => {
        const literal = route.path.replace(/\{[^}]+\}/g, '');
        const source = route.path
          .split(/(\{[^}]+\})/)
          .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('');
        // openapi-backend's getOperation() rebuilds its whole operation list per call, so the objects are kept here.
        const operation = api.getOperation(operationId);
        if (!operation) throw new Error(`the contract has no operation "${operationId}"`);
        return {
          operationId,
          method: route.method,
          pattern: new RegExp(`^${source}$`),
          literalLength: literal.length,
          operation,
        };
      })
      .sort((a, b) => b.literalLength - a.literalLength);
  }

  /** Loads the contract. openapi-backend's own definition check only knows OpenAPI 3.0, so it is skipped (TOOLCHAIN trap 2); CI lints the contract with a 3.1 linter instead. */
  static async create(): Promise<ContractRouter> {
    const api = new OpenAPIBackend({
      definition: structuredClone(openApiDocument) as unknown as Document,
      strict: false,
      validate: true,
      coerceTypes: true,
      ignoreTrailingSlashes: false,
      // Keep openapi-backend's per-context options (it asks for `coerceTypes` on parameters only).
      customizeAjv: (_original, ajvOptions) => {
        return createAjv({ ...ajvOptions, allErrors: true }) as never;
      },
    });
    api.validateDefinition = () => api.definition;
    for (const operationId of Object.keys(operations)) api.register(operationId, () => undefined);
    await api.init();
    return new ContractRouter(api);
  }

  /**
   * The operation for a method and path, or the methods the path does allow when the method is wrong. Matching uses
   * patterns precompiled from the route table (openapi-backend's own matcher rebuilds its operation list per call);
   * among several matching templates the one with the most literal characters wins (`/v1/runs/{runId}:fork` over
   * `/v1/runs/{runId}`).
   */
  match(request: RouterRequest): { operation: Operation } | { allowed: string[] } | undefined {
    const method = request.method.toLowerCase();
    const allowed = new Set<string>();
    for (const route of this.#routes) {
      if (!route.pattern.test(request.path)) continue;
      if (route.method === method) return { operation: route.operation };
      allowed.add(route.method.toUpperCase());
    }
    return allowed.size > 0
      ? { allowed: METHODS.map((m) => m.toUpperCase()).filter((m) => allowed.has(m)) }
      : undefined;
  }

  /**
   * Validates path, query, headers and body of `request` for `operation`.
   * @throws ProblemError 400 `validation_error` naming every failing field.
   */
  validate(request: RouterRequest, operation: Operation): RoutedRequest {
    const operationId = operation.operationId as OperationId;
    const hasBody = request.body !== undefined;
    const requestBody = operation.requestBody as { required?: boolean } | undefined;
    if (!hasBody && requestBody?.required) {
      throw validationProblem(
        [{ location: 'body', path: '', message: 'is required' }],
        'request validation failed: a JSON body is required',
      );
    }
    if (hasBody && !requestBody) {
      throw validationProblem(
        [{ location: 'body', path: '', message: 'must be empty' }],
        `request validation failed: ${operationId} takes no body`,
      );
    }
    const backendRequest = toBackendRequest(request);
    const result = this.#api.validateRequest(backendRequest, operation);
    if (!result.valid) throw validationProblem(toFieldIssues(result.errors ?? []));
    const parsed = this.#api.router.parseRequest(backendRequest, operation);
    // Header parameters reach handlers under the contract's spelling (HTTP lowercases them on the wire).
    const headers: Record<string, unknown> = {};
    for (const parameter of (operation.parameters ?? []) as Array<{ in?: string; name?: string }>) {
      if (parameter.in !== 'header' || !parameter.name) continue;
      const value = request.headers[parameter.name.toLowerCase()];
      if (value !== undefined) headers[parameter.name] = Array.isArray(value) ? value[0] : value;
    }
    return {
      operationId,
      path: (result.coerced?.params as Record<string, unknown> | undefined) ?? parsed.params ?? {},
      query: (result.coerced?.query as Record<string, unknown> | undefined) ?? parsed.query ?? {},
      headers,
      body: request.body,
    };
  }

  /** Checks a response body against the contract (used in tests). @returns the problems found, empty when valid. */
  checkResponse(operationId: OperationId, status: number, body: unknown): string[] {
    const operation = this.#routes.find((route) => route.operationId === operationId)?.operation;
    if (!(operation?.responses as Record<string, unknown> | undefined)?.[String(status)]) {
      return [`status ${status} is not declared for ${operationId}`];
    }
    const declared = (operation!.responses as Record<string, { content?: unknown }>)[String(status)];
    if (declared?.content === undefined) {
      // A response without content (`204`) must carry no body.
      return body === undefined || body === null ? [] : [`status ${status} of ${operationId} has no body`];
    }
    const result = this.#api.validateResponse(body, operation!, status);
    return (result.errors ?? []).map(
      (error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`,
    );
  }

  /** Checks that `body` is a Problem envelope (used in tests for answers no operation declares). */
  checkProblem(body: unknown): string[] {
    this.#problemValidator ??= this.#api.validator
      .getAjv('responseValidator' as never)
      .compile((openApiDocument.components.schemas as Record<string, object>).Problem!);
    return this.#problemValidator(body)
      ? []
      : (this.#problemValidator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
  }
}

function toBackendRequest(request: RouterRequest): BackendRequest {
  return {
    method: request.method.toLowerCase(),
    path: request.path,
    query: request.query,
    headers: request.headers as BackendRequest['headers'],
    body: request.body,
  };
}

const LOCATIONS: Record<string, FieldIssue['location']> = {
  path: 'path',
  query: 'query',
  header: 'header',
  requestBody: 'body',
};

/** Turns Ajv errors over openapi-backend's `{path, query, header, requestBody}` object into field issues. */
function toFieldIssues(errors: ErrorObject[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const [, head = '', ...rest] = error.instancePath.split('/');
    let location = LOCATIONS[head];
    let pointer = rest.length > 0 ? `/${rest.join('/')}` : '';
    if (!location) {
      // A missing required parameter is reported on its parent object.
      location = 'body';
      pointer = error.instancePath;
    }
    if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty?: string }).missingProperty;
      if (error.instancePath === '' && missing && LOCATIONS[missing]) {
        issues.push({ location: LOCATIONS[missing]!, path: '', message: 'is required' });
        continue;
      }
      if (missing) pointer = `${pointer}/${missing}`;
    }
    if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      if (extra) pointer = `${pointer}/${extra}`;
    }
    const message =
      error.keyword === 'required'
        ? 'is required'
        : error.keyword === 'additionalProperties'
          ? 'is not allowed'
          : (error.message ?? error.keyword);
    const key = `${location}${pointer}${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ location, path: pointer, message });
  }
  return issues;
}
