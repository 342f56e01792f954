// The `discovery` tag: what a host serves and the contract it serves it by.

import type { APIPromise } from '../api-promise.js';
import type { Client } from '../generated/client/index.gen.js';
import { getCapabilities, getOpenApiSpec } from '../generated/sdk.gen.js';
import type { Capabilities, OpenApiDocument } from '../generated/types.gen.js';
import { callOperation, type RequestOptions } from '../internal/call-operation.js';

/**
 * Operations tagged `discovery`; reach them as `wopkit.discovery`. Both are public: no API key is sent.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737' });
 * const capabilities = await wopkit.discovery.getCapabilities();
 * console.log(capabilities.protocolVersion, capabilities.limits);
 * ```
 */
export class Discovery {
  readonly #client: Client;

  /** @internal Created by `Wopkit`. */
  constructor(client: Client) {
    this.#client = client;
  }

  /** Read the host's capability discovery document. (`getCapabilities`) */
  getCapabilities(options?: RequestOptions): APIPromise<Capabilities> {
    return callOperation(this.#client, options, (init) => getCapabilities(init));
  }

  /** Read this host's OpenAPI 3.1 document. (`getOpenApiSpec`) */
  getOpenApiSpec(options?: RequestOptions): APIPromise<OpenApiDocument> {
    return callOperation(this.#client, options, (init) => getOpenApiSpec(init));
  }
}
