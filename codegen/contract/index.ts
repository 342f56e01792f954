/** The `contract` generator: the bundled OpenAPI document as a module the host serves and validates with. */
import { formatTs, headerLine, type GeneratorOutput } from '../shared/files.ts';

/** Output file of the bundled contract. */
export const contractOutputFile = 'host/src/generated/contract.gen.ts';

/** Generates `contract.gen.ts` exporting the bundled document. */
export async function generateContract(contract: Record<string, unknown>): Promise<GeneratorOutput> {
  const source = `${headerLine('openapi/openapi.yaml', 'contract')}

/** The bundled OpenAPI 3.1 document: every external schema inlined under \`components.schemas\`. */
export const openApiDocument = ${JSON.stringify(contract)} as const;
`;
  return { files: [{ path: contractOutputFile, contents: await formatTs(source) }], ownedDirs: [] };
}
