// The `interrupts` tag: resolving human-in-the-loop interrupts by run and node, or through a signed token.

import type { APIPromise } from '../api-promise.js';
import type { Client } from '../generated/client/index.gen.js';
import { inspectInterruptByToken, resolveInterruptByRun, resolveInterruptByToken } from '../generated/sdk.gen.js';
import type { InterruptView, ResolveInterruptResult } from '../generated/types.gen.js';
import { callOperation, type MutationOptions, type RequestOptions } from '../internal/call-operation.js';
import { pathParams } from '../internal/path-params.js';

/**
 * Operations tagged `interrupts`; reach them as `wopkit.interrupts`. The token operations need no API key:
 * the signed token is the credential, so the client's key is not sent with them.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const result = await wopkit.interrupts.resolve('run_01JD7Y8Q2M', 'review', { action: 'accept' });
 * console.log(result.status);
 * ```
 */
export class Interrupts {
  readonly #client: Client;

  /** @internal Created by `Wopkit`. */
  constructor(client: Client) {
    this.#client = client;
  }

  /** Resolve a run's pending interrupt at a node. (`resolveInterruptByRun`) */
  resolve(
    runId: string,
    nodeId: string,
    resumeValue: unknown,
    options?: MutationOptions,
  ): APIPromise<ResolveInterruptResult> {
    return callOperation(this.#client, options, (init) =>
      resolveInterruptByRun({ ...init, path: pathParams({ runId, nodeId }), body: { resumeValue } }),
    );
  }

  /** Inspect an interrupt through its signed token. (`inspectInterruptByToken`) */
  inspectByToken(token: string, options?: RequestOptions): APIPromise<InterruptView> {
    return callOperation(this.#client, options, (init) =>
      inspectInterruptByToken({ ...init, path: pathParams({ token }) }),
    );
  }

  /** Resolve an interrupt through its signed token. (`resolveInterruptByToken`) */
  resolveByToken(token: string, resumeValue: unknown, options?: MutationOptions): APIPromise<ResolveInterruptResult> {
    return callOperation(this.#client, options, (init) =>
      resolveInterruptByToken({ ...init, path: pathParams({ token }), body: { resumeValue } }),
    );
  }
}
