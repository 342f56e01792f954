/** `npm start`: runs the host with configuration from the environment. */
import { ConfigError, loadConfig } from './config.js';
import { DEV_API_KEY } from './http/api-keys.js';
import { createHost } from './host.js';
import { consoleLogger } from './logger.js';

try {
  const config = loadConfig();
  const host = await createHost({
    databaseUrl: config.databaseUrl,
    apiKeys: config.apiKeys,
    maxRequestBodyBytes: config.maxRequestBodyBytes,
    testSeams: config.testSeams,
    ...(config.leaseMs !== undefined ? { leaseMs: config.leaseMs } : {}),
    ...(config.maxRunDurationMs !== undefined ? { limits: { maxRunDurationMs: config.maxRunDurationMs } } : {}),
    webhooks: {
      allowLoopback: config.webhooksAllowLoopback,
      ...(config.webhookSecretKey !== undefined ? { secretKey: config.webhookSecretKey } : {}),
    },
  });
  if (config.webhooksAllowLoopback) {
    console.log('WOPKIT_WEBHOOKS_ALLOW_LOOPBACK is set: webhooks may target http:// and loopback receivers');
  }
  const { url } = await host.listen(config.port, config.hostname);
  console.log(`wopkit host listening on ${url} (database: ${host.database.dialect})`);
  console.log(`discovery: ${url}/.well-known/openwop`);
  if (config.usesDevKey) {
    console.log(`development API key (all scopes, tenant "default"): ${DEV_API_KEY}`);
    console.log('set WOPKIT_API_KEYS to configure real keys; NODE_ENV=production refuses to start without them');
  }
  const shutdown = (signal: string) => {
    consoleLogger.info('shutting down', { signal });
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        consoleLogger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError || (error instanceof Error && error.name === 'ApiKeyConfigError')) {
    console.error(`wopkit: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
