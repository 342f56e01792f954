/** Runs test scripts in child processes that start their work at the same moment, for cross-process tests. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const hostDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `script` (a path relative to the host package, run through tsx) once per argument list. Each process
 * must print `ready`, wait for a line on stdin and then print its result as one JSON line; every process is
 * released together once all are ready. Resolves with the parsed results in the order of `argLists`.
 */
export async function runTogether<T>(script: string, argLists: string[][]): Promise<T[]> {
  const children = argLists.map((args) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: hostDir,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.startsWith('ready\n')) resolve();
      });
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<T>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(JSON.parse(stdout.slice('ready\n'.length)) as T);
        else reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr}`));
      });
    });
    return { child, ready: Promise.race([ready, exited.then(() => undefined)]), exited };
  });
  try {
    await Promise.all(children.map(({ ready }) => ready));
  } catch (error) {
    // The others would wait for `go` forever; their exits matter no more than the failure below.
    for (const { child, exited } of children) {
      child.kill();
      exited.catch(() => undefined);
    }
    throw error;
  }
  for (const { child } of children) child.stdin.end('go\n');
  return Promise.all(children.map(({ exited }) => exited));
}
