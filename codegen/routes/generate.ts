/** Renders the host's route table: every operation with its method, path, scopes, and a handler map type. */
import { listOperations, pascal } from '../shared/contract.ts';
import { formatTs, headerLine } from '../shared/files.ts';
import { handlerTypesModule, typesModule } from './config.ts';

/** Renders `routes.gen.ts` for the bundled contract. */
export async function renderRoutes(contract: Record<string, unknown>): Promise<string> {
  const operations = listOperations(contract);
  const table = operations
    .map(
      (op) =>
        `  ${op.operationId}: { method: '${op.method}', path: '${op.path}', scopes: ${
          op.scopes === null ? 'null' : JSON.stringify(op.scopes)
        }, successStatuses: [${op.successes.map((s) => s.status).join(', ')}] },`,
    )
    .join('\n');
  const typeEntries = operations
    .map((op) => {
      const name = pascal(op.operationId);
      // Operations that answer with server-sent events may stream their answer.
      const streams = op.successes.some((success) => success.contentType === 'text/event-stream') ? ', true' : '';
      return `  /** ${op.summary} */\n  ${op.operationId}: OperationShape<T.${name}Data, T.${name}Responses${streams}>;`;
    })
    .join('\n');
  const source = `${headerLine('openapi/openapi.yaml', 'routes')}
import type * as T from '${typesModule}';
import type { Handler, OperationShape } from '${handlerTypesModule}';

/** Every operation of the contract: HTTP method, path template, required scopes (\`null\` = public) and success statuses. */
export const operations = {
${table}
} as const;

/** The operationId of any contract operation. */
export type OperationId = keyof typeof operations;

/** Request and response types of every operation, keyed by operationId. */
export interface OperationTypes {
${typeEntries}
}

/** One handler per operation; a missing or misspelled handler is a type error. */
export type HandlerMap<Context> = { [Op in OperationId]: Handler<OperationTypes[Op], Context> };
`;
  return formatTs(source);
}
