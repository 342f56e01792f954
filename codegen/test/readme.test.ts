/** The README's code snippets are the example files CI typechecks, word for word. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared/paths.ts';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
// `npm run readme:sync` rewrites these blocks from the files.
const snippets = [...readme.matchAll(/<!-- snippet: (\S+) -->\n+```ts\n([\s\S]*?)\n```/g)].map((match) => ({
  file: match[1]!,
  code: match[2]!,
}));

describe('README snippets', () => {
  it('has snippets', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it.each(snippets)('shows $file exactly', ({ file, code }) => {
    expect(code).toBe(readFileSync(path.join(repoRoot, file), 'utf8').trimEnd());
  });
});
