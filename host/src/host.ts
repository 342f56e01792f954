/** Wires storage, engine and HTTP into a runnable host. The only module that knows all three layers. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type Koa from 'koa';
import { systemClock, type Clock } from './engine/clock.js';
import { WorkflowService } from './engine/workflow-service.js';
import { openApiDocument } from './generated/contract.gen.js';
import { ApiKeyRegistry, type ApiKeyConfig } from './http/api-keys.js';
import { createApp } from './http/app.js';
import { buildCapabilities } from './http/capabilities.js';
import { consoleLogger, type Logger } from './logger.js';
import { openDatabase, type DatabaseHandle } from './storage/database.js';
import { createWorkflowStore } from './storage/workflow-store.js';

/** The package version, reported in discovery. */
export const HOST_VERSION = '0.1.0';

/** Options of {@link createHost}. */
export interface CreateHostOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…`; default `sqlite:.wopkit/wopkit.db`. */
  databaseUrl?: string | undefined;
  apiKeys: ApiKeyConfig[];
  maxRequestBodyBytes?: number;
  logger?: Logger;
  clock?: Clock;
  /** Check every response against the contract (tests). */
  validateResponses?: boolean;
}

/** A running-or-ready host. */
export interface Host {
  app: Koa;
  database: DatabaseHandle;
  /** Starts listening; resolves with the bound address. */
  listen(port?: number, hostname?: string): Promise<{ url: string; server: Server }>;
  /** Stops the server (if listening) and closes the database. */
  close(): Promise<void>;
}

/**
 * Creates a host: opens and migrates the database, builds the engine services and the HTTP app.
 * @example
 * const host = await createHost({ apiKeys: [{ key: 'k_123456789', tenant: 'acme', scopes: ['*'] }] });
 * const { url } = await host.listen(3737);
 */
export async function createHost(options: CreateHostOptions): Promise<Host> {
  const logger = options.logger ?? consoleLogger;
  const maxRequestBodyBytes = options.maxRequestBodyBytes ?? 1024 * 1024;
  const database = await openDatabase(options.databaseUrl);
  const workflows = new WorkflowService({
    store: createWorkflowStore(database.db, database.dialect),
    clock: options.clock ?? systemClock,
  });
  const app = await createApp({
    services: { workflows },
    apiKeys: new ApiKeyRegistry(options.apiKeys),
    capabilities: buildCapabilities({ implementationVersion: HOST_VERSION, maxRequestBodyBytes }),
    contract: openApiDocument,
    maxRequestBodyBytes,
    logger,
    validateResponses: options.validateResponses ?? false,
  });
  let server: Server | undefined;
  return {
    app,
    database,
    async listen(port = 0, hostname = '127.0.0.1') {
      server = app.listen(port, hostname);
      await once(server, 'listening');
      const address = server.address() as AddressInfo;
      return { url: `http://${hostname}:${address.port}`, server };
    },
    async close() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await database.close();
    },
  };
}
