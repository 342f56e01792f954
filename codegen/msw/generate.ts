/** Renders the table of every operation with the example response the mocks serve by default. */
import { listOperations } from '../shared/contract.ts';
import { formatTs, headerLine } from '../shared/files.ts';

/** Renders `operations.gen.ts`: method, path template, status, content type and example body per operation. */
export async function renderMockOperations(contract: Record<string, unknown>): Promise<string> {
  const operations = listOperations(contract);
  const entries = operations.map((op) => {
    const success = op.successes[0];
    if (!success) throw new Error(`operation "${op.operationId}" has no success response`);
    if (success.contentType !== null && success.example === undefined) {
      throw new Error(`operation "${op.operationId}" has no example for its ${success.status} response`);
    }
    const body = success.example === undefined ? 'null' : JSON.stringify(success.example);
    return `  ${op.operationId}: { method: '${op.method}', path: '${op.path}', status: ${success.status}, contentType: ${
      success.contentType === null ? 'null' : `'${success.contentType}'`
    }, body: ${body} },`;
  });
  const source = `${headerLine('openapi/openapi.yaml', 'msw')}

/** Every operation with the contract example its mock answers by default (\`body\` is \`null\` for empty responses). */
export const mockOperations = {
${entries.join('\n')}
} as const;

/** The operationId of any mocked operation. */
export type MockOperationId = keyof typeof mockOperations;
`;
  return formatTs(source);
}
