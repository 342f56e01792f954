/** `npm run gen`: regenerates every generated file from the contract. */
import { generateAll } from './generate-all.ts';
import { writeOutputs } from './shared/files.ts';

const changed = writeOutputs(await generateAll());
console.log(
  changed.length === 0
    ? 'gen: everything up to date'
    : `gen: wrote ${changed.length} file(s):\n  ${changed.join('\n  ')}`,
);
