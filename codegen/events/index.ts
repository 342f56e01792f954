/** The `events` generator: the typed union of run events, for the SDK and for the host. */
import type { GeneratorOutput } from '../shared/files.ts';
import { asyncapiPath } from '../shared/paths.ts';
import { eventOutputs } from './config.ts';
import { readRunEvents, renderEvents } from './generate.ts';

/** Generates `events.gen.ts` for every consumer. */
export async function generateEvents(): Promise<GeneratorOutput> {
  const entries = readRunEvents(asyncapiPath);
  const files = [];
  for (const output of eventOutputs) {
    files.push({ path: output.file, contents: await renderEvents(entries, output.typesModule) });
  }
  return { files, ownedDirs: [] };
}
