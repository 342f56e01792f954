// Imports the built package through its `exports` map, so a broken entry point fails the build, not a user.
import { readFileSync } from 'node:fs';

const { name } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Each public entry and the exports it must provide. */
const entries = [
  { specifier: name, exports: ['Wopkit', 'default', 'APIError', 'NotFoundError', 'WopkitError', 'APIPromise'] },
  {
    specifier: `${name}/mocks`,
    exports: ['createMockHandlers', 'handlers', 'mockOperation', 'mockOperations', 'mockRun'],
  },
];

const problems = [];
for (const entry of entries) {
  let module;
  try {
    // Resolved like a consumer would: through node_modules/@wopkit/sdk (the workspace link) and `exports`.
    module = await import(entry.specifier);
  } catch (error) {
    problems.push(`${entry.specifier} cannot be imported: ${error instanceof Error ? error.message : String(error)}`);
    continue;
  }
  for (const exportName of entry.exports) {
    if (module[exportName] === undefined) problems.push(`${entry.specifier} does not export ${exportName}`);
  }
}

const sdk = await import(name).catch(() => undefined);
if (sdk?.Wopkit !== undefined) {
  if (sdk.default !== sdk.Wopkit) problems.push(`${name}: the default export is not Wopkit`);
  try {
    const wopkit = new sdk.Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'check-dist' });
    if (typeof wopkit.runs?.get !== 'function') problems.push(`${name}: new Wopkit(...).runs.get is missing`);
  } catch (error) {
    problems.push(`${name}: new Wopkit(...) throws: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (problems.length > 0) {
  console.error(`check-dist failed:\n  ${problems.join('\n  ')}\nRun \`npm run build -w ${name}\` after fixing src/.`);
  process.exit(1);
}
console.log(`check-dist: ${entries.map((entry) => entry.specifier).join(' and ')} import from dist`);
