/** Generated-file plumbing shared by every generator: headers, formatting, writing and drift comparison. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { repoRoot } from './paths.ts';

/** One file a generator produces, addressed relative to the repository root. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** The output of one generator: its files and the folders it owns (stale `.gen.ts` files there are removed). */
export interface GeneratorOutput {
  files: GeneratedFile[];
  ownedDirs: string[];
}

/** The first line of every generated file. */
export function headerLine(source: string, generator: string): string {
  return `// Generated from ${source} by codegen/${generator}. Do not edit.`;
}

/** Formats TypeScript with the repository's prettier settings, so output is stable whatever the generator emits. */
export async function formatTs(contents: string): Promise<string> {
  const config = (await prettier.resolveConfig(path.join(repoRoot, 'package.json'))) ?? {};
  return prettier.format(contents, { ...config, parser: 'typescript' });
}

function listGenFiles(dir: string): string[] {
  const absolute = path.join(repoRoot, dir);
  if (!existsSync(absolute)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listGenFiles(rel));
    else if (entry.name.endsWith('.gen.ts')) out.push(rel);
  }
  return out;
}

/** Files whose contents on disk differ from `outputs`, plus stale generated files nobody produces any more. */
export function findDrift(outputs: GeneratorOutput[]): string[] {
  const expected = new Map<string, string>();
  for (const output of outputs) for (const file of output.files) expected.set(file.path, file.contents);
  const drift: string[] = [];
  for (const [rel, contents] of expected) {
    const absolute = path.join(repoRoot, rel);
    if (!existsSync(absolute) || readFileSync(absolute, 'utf8') !== contents) drift.push(rel);
  }
  for (const output of outputs) {
    for (const dir of output.ownedDirs) {
      for (const rel of listGenFiles(dir)) if (!expected.has(rel)) drift.push(rel);
    }
  }
  return drift.sort();
}

/** Writes `outputs` to disk and deletes generated files in owned folders that are no longer produced. */
export function writeOutputs(outputs: GeneratorOutput[]): string[] {
  const changed = findDrift(outputs);
  const expected = new Set(outputs.flatMap((output) => output.files.map((file) => file.path)));
  for (const output of outputs) {
    for (const dir of output.ownedDirs) {
      for (const rel of listGenFiles(dir)) if (!expected.has(rel)) rmSync(path.join(repoRoot, rel));
    }
    for (const file of output.files) {
      const absolute = path.join(repoRoot, file.path);
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(absolute, file.contents);
    }
  }
  return changed;
}
