/** `npm run gen:check`: fails when any generated file differs from what the contract produces. */
import { generateAll } from './generate-all.ts';
import { findDrift } from './shared/files.ts';

const drift = findDrift(await generateAll());
if (drift.length > 0) {
  console.error(`gen:check: ${drift.length} generated file(s) are stale:\n  ${drift.join('\n  ')}`);
  console.error('Fix: run `npm run gen` and commit the result.');
  process.exit(1);
}
console.log('gen:check: generated files match the contract');
