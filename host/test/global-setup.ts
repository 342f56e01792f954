/** Vitest global setup: gives storage tests a PostgreSQL server, starting a throwaway one unless configured. */
import type { TestProject } from 'vitest/node';
import { POSTGRES_URL_ENV, startThrowawayPostgres } from './support/throwaway-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a PostgreSQL server on which tests may `CREATE DATABASE`. Read it with `inject('postgresUrl')`. */
    postgresUrl: string;
  }
}

/**
 * Provides `postgresUrl` to every test: `WOPKIT_TEST_POSTGRES_URL` when set, otherwise a PostgreSQL
 * server started for this run in a temporary directory. Returns the teardown that stops and deletes it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configuredUrl = process.env[POSTGRES_URL_ENV];
  if (configuredUrl !== undefined && configuredUrl !== '') {
    project.provide('postgresUrl', configuredUrl);
    return async () => {
      // The configured server is not ours to stop.
    };
  }
  const server = await startThrowawayPostgres();
  project.provide('postgresUrl', server.url);
  return async () => server.stop();
}
