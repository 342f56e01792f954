/** Starts hosts as child processes (`host-process.ts`) for crash and multi-process tests, and kills them. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll } from 'vitest';

const hostDir = path.resolve(import.meta.dirname, '../..');

/** A host process and the URL it listens on. */
export interface ChildHost {
  url: string;
  child: ChildProcess;
}

/**
 * Returns a starter of host processes configured by `env` (see `host-process.ts`); every process it started is
 * killed after the enclosing suite.
 */
export function useChildHosts(): (env: Record<string, string>) => Promise<ChildHost> {
  const children = new Set<ChildProcess>();
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });
  return async (env) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/host-process.ts'], {
      cwd: hostDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    const url = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const match = /listening (\S+)/.exec(buffer);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`host exited with ${code} before listening`)));
    });
    return { url, child };
  };
}

/** Kills `child` with SIGKILL and resolves once it is gone. */
export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
