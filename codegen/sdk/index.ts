/** The `sdk` generator: hey-api client, types and zod schemas for the SDK, and types for the host. */
import type { GeneratorOutput } from '../shared/files.ts';
import { hostPlugins, hostTypesOutputDir, sdkOutputDir, sdkPlugins } from './config.ts';
import { generateWithHeyApi } from './generate.ts';

/** Generates the SDK's hey-api output and the host's hey-api types from the bundled contract. */
export async function generateSdk(contract: object): Promise<GeneratorOutput[]> {
  const [sdkFiles, hostFiles] = [
    await generateWithHeyApi(contract, sdkOutputDir, sdkPlugins, 'sdk'),
    await generateWithHeyApi(contract, hostTypesOutputDir, hostPlugins, 'sdk'),
  ];
  return [
    { files: sdkFiles, ownedDirs: [sdkOutputDir] },
    { files: hostFiles, ownedDirs: [hostTypesOutputDir] },
  ];
}
