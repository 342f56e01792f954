// The `artifacts` tag: reading what runs produced.

import type { APIPromise } from '../api-promise.js';
import type { Client } from '../generated/client/index.gen.js';
import { getArtifact } from '../generated/sdk.gen.js';
import type { Artifact } from '../generated/types.gen.js';
import { callOperation, type RequestOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';

/**
 * Operations tagged `artifacts`; reach them as `wopkit.artifacts`.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const artifact = await wopkit.artifacts.get('run_01JD7Y8Q2M', 'art_01JD7Y9A1B');
 * console.log(artifact.artifactType, artifact.data);
 * ```
 */
export class Artifacts {
  readonly #client: Client;

  /** @internal Created by `Wopkit`. */
  constructor(client: Client) {
    this.#client = client;
  }

  /** Read an artifact produced by a run. (`getArtifact`) */
  get(runId: string, artifactId: string, options?: RequestOptions): APIPromise<Artifact> {
    return callOperation(this.#client, options, (init) =>
      getArtifact({ ...init, path: pathParams({ runId, artifactId }) }),
    );
  }
}
