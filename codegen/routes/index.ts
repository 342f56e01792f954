/** The `routes` generator: the host's typed route table. */
import type { GeneratorOutput } from '../shared/files.ts';
import { routesOutputFile } from './config.ts';
import { renderRoutes } from './generate.ts';

/** Generates the host route table from the bundled contract. */
export async function generateRoutes(contract: Record<string, unknown>): Promise<GeneratorOutput> {
  return { files: [{ path: routesOutputFile, contents: await renderRoutes(contract) }], ownedDirs: [] };
}
