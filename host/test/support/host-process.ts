/**
 * Child-process host for crash and multi-process tests. Configured by environment:
 * WOPKIT_DATABASE_URL, WOPKIT_LEASE_MS, WOPKIT_POLL_MS, WOPKIT_FOLLOW_RECHECK_MS, EFFECT_LOG (a file every `test.effect` execution appends
 * `<effect key> <pid>` to), WOPKIT_WEBHOOKS_ALLOW_LOOPBACK, WOPKIT_WEBHOOK_RETRY_MS (first retry delay; also turns off
 * dead letters and the circuit breaker), WOPKIT_WEBHOOK_LEASE_MS. Prints `listening <url>` once ready.
 * Usage: node --import tsx test/support/host-process.ts
 */
import { appendFileSync } from 'node:fs';
import { createHost } from '../../src/host.js';
import { silentLogger } from '../../src/logger.js';
import { CRASH_TEST_KEY } from './crash-workflows.js';

const effectLog = process.env.EFFECT_LOG;
const host = await createHost({
  databaseUrl: process.env.WOPKIT_DATABASE_URL,
  apiKeys: [{ key: CRASH_TEST_KEY, tenant: 'crash', scopes: ['*'], test: true }],
  leaseMs: Number(process.env.WOPKIT_LEASE_MS ?? 1000),
  pollIntervalMs: Number(process.env.WOPKIT_POLL_MS ?? 50),
  ...(process.env.WOPKIT_FOLLOW_RECHECK_MS ? { followRecheckMs: Number(process.env.WOPKIT_FOLLOW_RECHECK_MS) } : {}),
  logger: silentLogger,
  webhooks: {
    allowLoopback: process.env.WOPKIT_WEBHOOKS_ALLOW_LOOPBACK === '1',
    pollIntervalMs: Number(process.env.WOPKIT_POLL_MS ?? 50),
    ...(process.env.WOPKIT_WEBHOOK_LEASE_MS ? { leaseMs: Number(process.env.WOPKIT_WEBHOOK_LEASE_MS) } : {}),
    ...(process.env.WOPKIT_WEBHOOK_RETRY_MS
      ? {
          retry: { initialDelayMs: Number(process.env.WOPKIT_WEBHOOK_RETRY_MS), maxDelayMs: 200, maxAttempts: 10_000 },
          circuit: { failureThreshold: 1_000_000, maxWindowFailures: 1_000_000 },
        }
      : {}),
  },
  nodes: {
    'test.effect': {
      sideEffects: true,
      run(_input, ctx) {
        if (effectLog) appendFileSync(effectLog, `${ctx.effectKey} ${process.pid}\n`);
        return { effectKey: ctx.effectKey };
      },
    },
  },
});
const { url } = await host.listen(0);
process.stdout.write(`listening ${url}\n`);
