/** Starts and stops a throwaway PostgreSQL server from the machine's binaries (tests and benchmarks). */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Env var naming an existing PostgreSQL server to use instead of starting one. */
export const POSTGRES_URL_ENV = 'WOPKIT_TEST_POSTGRES_URL';
const INSTALL_HINT =
  'install PostgreSQL with "apt-get update && apt-get install -y postgresql", ' +
  `or set ${POSTGRES_URL_ENV} to a server where the user may CREATE DATABASE`;

/** A running throwaway server. */
export interface ThrowawayPostgres {
  url: string;
  stop(): void;
}

/**
 * Starts a PostgreSQL server in a temporary directory (as the `postgres` user when running as root).
 * `durable: true` keeps fsync on, for benchmarks of durability.
 */
export async function startThrowawayPostgres(options: { durable?: boolean } = {}): Promise<ThrowawayPostgres> {
  const binDir = findPostgresBinDir();
  if (binDir === undefined) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) were not found; storage tests need them: ${INSTALL_HINT}`,
    );
  }
  // initdb refuses to run as root, so as root everything runs as the `postgres` system user.
  const isRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]): void => {
    const [command, commandArgs] = isRoot
      ? ['runuser', ['-u', 'postgres', '--', join(binDir, program), ...args]]
      : [join(binDir, program), args];
    execFileSync(command, commandArgs, { stdio: 'pipe', encoding: 'utf8' });
  };

  const dir = mkdtempSync(join(tmpdir(), 'wopkit-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'log');
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    if (isRoot) chownToPostgresUser(dir);
    run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  } catch (error) {
    removeDir();
    throw new Error(`could not initialise a throwaway PostgreSQL in ${dir}: ${describeFailure(error)}`, {
      cause: error,
    });
  }

  // Another process may take the free port before the server binds it; try a few.
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const port = await findFreePort();
    const durability = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off';
    const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200${durability}`;
    try {
      run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', serverOptions, 'start']);
    } catch (error) {
      lastError = error;
      continue;
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: () => {
        try {
          run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        } finally {
          removeDir();
        }
      },
    };
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no server log)';
  removeDir();
  throw new Error(`could not start a throwaway PostgreSQL: ${describeFailure(lastError)}\n${log}`, {
    cause: lastError,
  });
}

/** The newest PostgreSQL `bin` directory: Debian/Ubuntu's layout first, then `pg_config --bindir`. */
function findPostgresBinDir(): string | undefined {
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const newest = readdirSync(debianRoot)
      .filter((version) => existsSync(join(debianRoot, version, 'bin', 'initdb')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))[0];
    if (newest !== undefined) return join(debianRoot, newest, 'bin');
  }
  try {
    const binDir = execFileSync('pg_config', ['--bindir'], { stdio: 'pipe', encoding: 'utf8' }).trim();
    return existsSync(join(binDir, 'initdb')) && existsSync(join(binDir, 'pg_ctl')) ? binDir : undefined;
  } catch {
    // No pg_config on PATH: PostgreSQL is not installed in a place we know.
    return undefined;
  }
}

function chownToPostgresUser(dir: string): void {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch (error) {
    throw new Error(`running as root needs the "postgres" system user, which does not exist: ${INSTALL_HINT}`, {
      cause: error,
    });
  }
  chownSync(dir, uid, gid);
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The stderr of a failed child process, or the error's message. */
function describeFailure(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'stderr' in error && typeof error.stderr === 'string') {
    const stderr = error.stderr.trim();
    if (stderr !== '') return stderr;
  }
  return error instanceof Error ? error.message : String(error);
}
