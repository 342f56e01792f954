// The `testing` tag: conformance test seams (served only by hosts running with their seams enabled).

import type { APIPromise } from '../api-promise.js';
import type { Client } from '../generated/client/index.gen.js';
import { readTestRunEvents } from '../generated/sdk.gen.js';
import type { RunEventList } from '../generated/types.gen.js';
import { callOperation, type RequestOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';

/** Filters of {@link Testing.readRunEvents}. */
export interface ReadTestRunEventsParams {
  type?: string;
  nodeId?: string;
  causationId?: string;
}

/**
 * Operations tagged `testing`; reach them as `wopkit.testing`. They need a test API key and a host started with its
 * test seams enabled.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: process.env['WOPKIT_TEST_KEY'] });
 * const { events } = await wopkit.testing.readRunEvents('run_01JD7Y8Q2M', { type: 'node.completed' });
 * ```
 */
export class Testing {
  readonly #client: Client;

  /** @internal Created by `Wopkit`. */
  constructor(client: Client) {
    this.#client = client;
  }

  /** Read a run's durable event log (conformance test seam). (`readTestRunEvents`) */
  readRunEvents(
    runId: string,
    params: ReadTestRunEventsParams = {},
    options?: RequestOptions,
  ): APIPromise<RunEventList> {
    return callOperation(this.#client, options, (init) =>
      readTestRunEvents({ ...init, path: pathParams({ runId }), query: params }),
    );
  }
}
