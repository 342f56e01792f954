/** `npm run readme:sync`: copies each example file into the README block marked `<!-- snippet: FILE -->`. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './shared/paths.ts';

const readmePath = path.join(repoRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const synced = readme.replace(/<!-- snippet: (\S+) -->\n+```ts\n[\s\S]*?\n```/g, (_block, file: string) => {
  const code = readFileSync(path.join(repoRoot, file), 'utf8').trimEnd();
  return `<!-- snippet: ${file} -->\n\n\`\`\`ts\n${code}\n\`\`\``;
});
writeFileSync(readmePath, synced);
console.log(synced === readme ? 'readme:sync: snippets already match' : 'readme:sync: README snippets updated');
