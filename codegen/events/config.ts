/** Settings of the typed run-event union generator. */

/** Each output file and the module (relative to it) that exports the hey-api types. */
export const eventOutputs = [
  { file: 'sdk-ts/src/generated/events.gen.ts', typesModule: './types.gen.js' },
  { file: 'host/src/generated/events.gen.ts', typesModule: './types/types.gen.js' },
] as const;

/** The AsyncAPI message trait that marks persisted run-log events. */
export const runEventTrait = '#/components/messageTraits/runEvent';
