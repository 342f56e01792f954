/** Starts hosts as child processes (`host-process.ts`) for crash and multi-process tests, and kills them. */
import type { ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';
import { spawnHost, type ChildHost } from './spawn-host.js';

export type { ChildHost } from './spawn-host.js';

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
    const started = await spawnHost('test/support/host-process.ts', env);
    children.add(started.child);
    started.child.once('exit', () => children.delete(started.child));
    return started;
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
