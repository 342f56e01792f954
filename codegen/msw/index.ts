/** The `msw` generator: the example table behind `@wopkit/sdk/mocks`. */
import type { GeneratorOutput } from '../shared/files.ts';
import { mswOutputFile } from './config.ts';
import { renderMockOperations } from './generate.ts';

/** Generates the mock operation table from the bundled contract. */
export async function generateMsw(contract: Record<string, unknown>): Promise<GeneratorOutput> {
  return { files: [{ path: mswOutputFile, contents: await renderMockOperations(contract) }], ownedDirs: [] };
}
