/** Starts a host script (from `host/`) as a child process and waits for its `listening <url>` line. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const hostDir = path.resolve(import.meta.dirname, '../..');

/** A host process and the URL it listens on. */
export interface ChildHost {
  url: string;
  child: ChildProcess;
}

/** Runs `node [nodeArgs] --import tsx <script>` in `host/` with `env` added to this process's environment. */
export async function spawnHost(
  script: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<ChildHost> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: hostDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening (\S+)/.exec(buffer);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
  return { url, child };
}
