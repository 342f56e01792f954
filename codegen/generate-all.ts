/** Runs every generator on the contract and returns all generated files. */
import { bundleContract } from './bundle/bundle.ts';
import { generateContract } from './contract/index.ts';
import { generateEvents } from './events/index.ts';
import { generateMsw } from './msw/index.ts';
import { generateRoutes } from './routes/index.ts';
import { generateSdk } from './sdk/index.ts';
import type { GeneratorOutput } from './shared/files.ts';
import { openapiPath } from './shared/paths.ts';

/** Every generated file of the repository, computed from `openapi/`. */
export async function generateAll(): Promise<GeneratorOutput[]> {
  const contract = bundleContract(openapiPath);
  return [
    ...(await generateSdk(contract)),
    await generateRoutes(contract),
    await generateEvents(),
    await generateMsw(contract),
    await generateContract(contract),
  ];
}
