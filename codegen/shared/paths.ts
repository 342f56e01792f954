/** Paths every generator shares, relative to the repository root. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of the OpenAPI entry document. */
export const openapiPath = path.join(repoRoot, 'openapi/openapi.yaml');

/** Absolute path of the AsyncAPI document. */
export const asyncapiPath = path.join(repoRoot, 'openapi/asyncapi.yaml');
