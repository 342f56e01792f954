/** Renders the discriminated union of run events from the AsyncAPI messages of the run event channel. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatTs, headerLine } from '../shared/files.ts';
import { runEventTrait } from './config.ts';

/** One log event type and the name of its payload schema. */
export interface RunEventEntry {
  type: string;
  payloadSchema: string;
  summary: string;
  /** The stream modes that send it (`x-stream-modes`). */
  streamModes: string[];
}

const STREAM_MODES = ['values', 'updates', 'messages', 'debug'];

type Obj = Record<string, unknown>;

/** Reads the run-log event messages (those with the `runEvent` trait) from the AsyncAPI document. */
export function readRunEvents(asyncapiFile: string): RunEventEntry[] {
  const doc = parse(readFileSync(asyncapiFile, 'utf8')) as Obj;
  const messages = ((doc.components as Obj).messages ?? {}) as Record<string, Obj>;
  const entries: RunEventEntry[] = [];
  for (const [id, message] of Object.entries(messages)) {
    const traits = (message.traits ?? []) as Obj[];
    if (!traits.some((trait) => trait.$ref === runEventTrait)) continue;
    const parts = ((message.payload as Obj).allOf ?? []) as Obj[];
    const ref = ((parts[1]?.properties as Obj | undefined)?.payload as Obj | undefined)?.$ref;
    if (typeof ref !== 'string') throw new Error(`message "${id}" does not reference a payload schema`);
    const streamModes = message['x-stream-modes'];
    if (
      !Array.isArray(streamModes) ||
      !streamModes.includes('debug') ||
      streamModes.some((mode) => !STREAM_MODES.includes(mode as string))
    ) {
      throw new Error(`message "${id}" needs x-stream-modes: a list of ${STREAM_MODES.join(', ')} including debug`);
    }
    entries.push({
      type: String(message.name),
      payloadSchema: ref.slice(ref.lastIndexOf('/') + 1),
      summary: String(message.summary ?? ''),
      streamModes: streamModes as string[],
    });
  }
  return entries.sort((a, b) => a.type.localeCompare(b.type));
}

function typeName(eventType: string): string {
  return (
    eventType
      .split(/[.-]/)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('') + 'Event'
  );
}

/** Renders `events.gen.ts` importing the payload types from `typesModule`. */
export async function renderEvents(entries: RunEventEntry[], typesModule: string): Promise<string> {
  const payloads = [...new Set(entries.map((entry) => entry.payloadSchema))].sort();
  const members = entries
    .map(
      (entry) =>
        `/** \`${entry.type}\`: ${entry.summary} */\nexport type ${typeName(entry.type)} = RunEventOf<'${entry.type}', ${entry.payloadSchema}>;`,
    )
    .join('\n\n');
  const source = `${headerLine('openapi/asyncapi.yaml', 'events')}
import type { RunEventDoc, ${payloads.join(', ')} } from '${typesModule}';

/** A run event envelope whose \`type\` and \`payload\` are narrowed to one event type. */
export type RunEventOf<Type extends string, Payload> = Omit<RunEventDoc, 'type' | 'payload'> & {
  type: Type;
  payload: Payload;
};

${members}

/** Every core run event, discriminated on \`type\`. Hosts may also emit types outside this set; readers must tolerate them. */
export type CoreRunEvent =
${entries.map((entry) => `  | ${typeName(entry.type)}`).join('\n')};

/** The core run event types, in alphabetical order. */
export const coreRunEventTypes = [
${entries.map((entry) => `  '${entry.type}',`).join('\n')}
] as const;

/** The \`type\` of any core run event. */
export type CoreRunEventType = (typeof coreRunEventTypes)[number];

/**
 * The core event types each stream mode sends (\`values\` as a \`state.snapshot\`, \`messages\` as an
 * \`ai.message.chunk\`); \`debug\` sends every event, including types outside the core set.
 */
export const streamModeEventTypes = {
${['updates', 'values', 'messages']
  .map(
    (mode) =>
      `  ${mode}: [${entries
        .filter((entry) => entry.streamModes.includes(mode))
        .map((entry) => `'${entry.type}'`)
        .join(', ')}],`,
  )
  .join('\n')}
} as const satisfies Record<'updates' | 'values' | 'messages', readonly CoreRunEventType[]>;
`;
  return formatTs(source);
}
