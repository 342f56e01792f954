import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockOperations } from '../src/mocks/operations.gen.js';

const run = promisify(execFile);
const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(sdkDir, '..');
const tscPath = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const STEP_TIMEOUT_MS = 150_000;

/** Runs a command without a shell and returns its stdout; a failure carries the command's output. */
async function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run(file, args, {
      cwd,
      env: { ...process.env, ...env },
      timeout: STEP_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

const consumerScript = `
import DefaultWopkit, { Wopkit, NotFoundError, APIError } from '@wopkit/sdk';
import { createMockHandlers, handlers, mockOperation } from '@wopkit/sdk/mocks';

const wopkit = new Wopkit({ baseUrl: process.env.WOPKIT_BASE_URL, apiKey: 'pack-test-key', maxRetries: 0 });
const capabilities = await wopkit.discovery.getCapabilities();
let notFound = false;
try {
  await wopkit.runs.get('run_missing');
} catch (error) {
  notFound = error instanceof NotFoundError && error instanceof APIError && error.code === 'not_found';
}
console.log(JSON.stringify({
  protocolVersion: capabilities.protocolVersion,
  implementation: capabilities.implementation.name,
  notFound,
  defaultIsWopkit: DefaultWopkit === Wopkit,
  handlerCount: handlers.length,
  createdHandlerCount: createMockHandlers({ baseUrl: 'http://127.0.0.1:1' }).length,
  overrideIsHandler: typeof mockOperation('getRun', { status: 404 }).run === 'function',
}));
`;

// Typechecked against the installed declaration files, the way a TypeScript user sees the package.
const consumerTypes = `
import { Wopkit, NotFoundError, type RunSnapshot, type CoreRunEvent } from '@wopkit/sdk';
import { createMockHandlers, type MockOperationId } from '@wopkit/sdk/mocks';

const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'key' });
export async function latestStatus(runId: string): Promise<RunSnapshot['status'] | 'missing'> {
  try {
    const { data } = await wopkit.runs.get(runId).withResponse();
    return data.status;
  } catch (error) {
    if (error instanceof NotFoundError) return 'missing';
    throw error;
  }
}
export async function countRuns(): Promise<number> {
  let count = 0;
  for await (const snapshot of wopkit.runs.list({ status: 'running' })) count += snapshot.runId.length > 0 ? 1 : 0;
  return count;
}
export const eventType = (event: CoreRunEvent): string => event.type;
export const operation: MockOperationId = 'forkRun';
export const mockCount: number = createMockHandlers().length;
`;

describe('packed @wopkit/sdk', () => {
  let workDir: string;
  let server: Server;
  let hostUrl: string;
  const received: Array<{ url: string | undefined; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'wopkit-pack-'));
    server = createServer((request, response) => {
      received.push({ url: request.url, headers: request.headers });
      if (request.method === 'GET' && request.url === '/.well-known/openwop') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(mockOperations.getCapabilities.body));
        return;
      }
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: 'not_found', message: `${request.url} was not found` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(workDir, { recursive: true, force: true });
  });

  it(
    'installs from its tarball into an empty project and works from plain Node and TypeScript',
    { timeout: 300_000 },
    async () => {
      await exec(npm, ['run', 'build', '-w', '@wopkit/sdk'], repoRoot);

      const packDir = path.join(workDir, 'pack');
      const consumerDir = path.join(workDir, 'consumer');
      await mkdir(packDir);
      await mkdir(consumerDir);
      const packed = JSON.parse(await exec(npm, ['pack', '--json', '--pack-destination', packDir], sdkDir)) as Array<{
        filename: string;
        files: Array<{ path: string }>;
      }>;
      const tarball = path.join(packDir, packed[0]!.filename);
      const packedFiles = packed[0]!.files.map((file) => file.path);
      expect(packedFiles).toContain('dist/index.js');
      expect(packedFiles).toContain('dist/mocks/index.d.ts');
      expect(packedFiles.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['package.json']);
      expect(packedFiles.some((file) => file.endsWith('.test.js'))).toBe(false);

      const sdkManifest = JSON.parse(await readFile(path.join(sdkDir, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      };
      await writeFile(
        path.join(consumerDir, 'package.json'),
        JSON.stringify({ name: 'wopkit-pack-consumer', private: true, type: 'module' }, null, 2),
      );
      // msw is an optional peer of the mocks entry, so a consumer that uses it installs it alongside.
      await exec(
        npm,
        [
          'install',
          tarball,
          `msw@${sdkManifest.devDependencies['msw']}`,
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--no-package-lock',
        ],
        consumerDir,
      );

      await writeFile(path.join(consumerDir, 'consumer.mjs'), consumerScript);
      const output = await exec(process.execPath, ['consumer.mjs'], consumerDir, { WOPKIT_BASE_URL: hostUrl });
      expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual({
        protocolVersion: '1.0',
        implementation: 'wopkit',
        notFound: true,
        defaultIsWopkit: true,
        handlerCount: Object.keys(mockOperations).length,
        createdHandlerCount: Object.keys(mockOperations).length,
        overrideIsHandler: true,
      });
      const discovery = received.find((request) => request.url === '/.well-known/openwop');
      expect(discovery?.headers['user-agent']).toMatch(/^openwop-sdk\/\d+\.\d+\.\d+/);
      expect(discovery?.headers['authorization']).toBeUndefined();
      expect(received.find((request) => request.url === '/v1/runs/run_missing')?.headers['authorization']).toBe(
        'Bearer pack-test-key',
      );

      await writeFile(path.join(consumerDir, 'consumer.ts'), consumerTypes);
      await writeFile(
        path.join(consumerDir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            exactOptionalPropertyTypes: true,
            noEmit: true,
            types: [],
            // Declaration files are checked too: that is where a broken published type would show.
            skipLibCheck: false,
          },
          files: ['consumer.ts'],
        }),
      );
      await exec(process.execPath, [tscPath, '-p', 'tsconfig.json'], consumerDir);
    },
  );
});
