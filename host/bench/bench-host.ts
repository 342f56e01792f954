/** The host process the throughput benchmark drives: production settings, one benchmark key. Prints `listening <url>`. */
import { createHost } from '../src/host.js';
import { silentLogger } from '../src/logger.js';

/** The API key of the benchmark host. */
export const BENCH_KEY = 'bench-key-000000001';

if (process.argv[1]?.endsWith('bench-host.ts')) {
  const host = await createHost({
    databaseUrl: process.env.WOPKIT_DATABASE_URL,
    apiKeys: [{ key: BENCH_KEY, tenant: 'bench', scopes: ['*'] }],
    logger: silentLogger,
    ...(process.env.BENCH_SQLITE_SYNCHRONOUS === 'NORMAL'
      ? { databaseOptions: { synchronous: 'NORMAL' as const } }
      : {}),
  });
  const { url } = await host.listen(0);
  process.stdout.write(`listening ${url}\n`);
  process.once('SIGINT', () => {
    void host.close().finally(() => process.exit(0));
  });
}
