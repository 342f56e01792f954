// The `Wopkit` client: one object per host, with a namespace per contract tag.

import { WopkitError } from './errors.js';
import { createClient, createConfig } from './generated/client/index.gen.js';
import { createTransport, DEFAULT_TIMEOUT_MS } from './internal/transport.js';
import { Artifacts } from './resources/artifacts.js';
import { Testing } from './resources/testing.js';
import { Discovery } from './resources/discovery.js';
import { Interrupts } from './resources/interrupts.js';
import { Runs } from './resources/runs.js';
import { Webhooks } from './resources/webhooks.js';
import { Workflows } from './resources/workflows.js';
import { VERSION } from './version.js';

/** Configuration of a {@link Wopkit} client. */
export interface WopkitOptions {
  /** Origin (and optional path prefix) of the host, e.g. `http://127.0.0.1:3737`. */
  baseUrl: string;
  /** API key sent as `Authorization: Bearer <apiKey>` to every operation that requires one. */
  apiKey?: string | undefined;
  /** The fetch implementation to use; defaults to the global `fetch` at the time of each request. */
  fetch?: typeof fetch | undefined;
  /** Time allowed for each attempt to receive response headers, in milliseconds; defaults to 60 000. */
  timeoutMs?: number | undefined;
  /**
   * How many times a failed request is retried (connection errors, timeouts, `429`, `503`); defaults to 2.
   * Only reads, `DELETE`s and mutations sent with an `idempotencyKey` are retried.
   */
  maxRetries?: number | undefined;
  /** Headers sent with every request; they override the SDK's own headers, and per-call `headers` override them. */
  defaultHeaders?: Record<string, string> | undefined;
}

/** The SDK's identification, sent as `X-Wopkit-Sdk` (and as `User-Agent` outside browsers). */
const SDK_AGENT = `openwop-sdk/${VERSION}`;

/**
 * Client of an OpenWOP host. Each namespace follows a tag of the contract, each method an operation;
 * failures reject with the error classes exported next to it (`NotFoundError`, `RateLimitError`, …).
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const accepted = await wopkit.runs.create({ workflowId: 'ticket-triage', inputs: { ticketId: 'T-1009' } });
 * const { data: run, response } = await wopkit.runs.get(accepted.runId).withResponse();
 * console.log(run.status, response.status);
 * ```
 */
export class Wopkit {
  /** The host this client talks to, without a trailing slash. */
  readonly baseUrl: string;
  /** Capability discovery and the host's own contract. */
  readonly discovery: Discovery;
  /** Workflow definitions. */
  readonly workflows: Workflows;
  /** Starting, reading, steering and observing runs. */
  readonly runs: Runs;
  /** Resolving human-in-the-loop interrupts. */
  readonly interrupts: Interrupts;
  /** Artifacts produced by runs. */
  readonly artifacts: Artifacts;
  /** Conformance test seams (test keys on hosts with seams enabled). */
  readonly testing: Testing;
  /** Signed webhook subscriptions. */
  readonly webhooks: Webhooks;

  /** Creates a client; it sends nothing until a method is called. */
  constructor(options: WopkitOptions) {
    if (typeof options?.baseUrl !== 'string' || options.baseUrl === '') {
      throw new WopkitError('baseUrl is required, e.g. new Wopkit({ baseUrl: "http://127.0.0.1:3737" })');
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');

    // Resolved per request rather than captured now, so a fetch patched later (by a test's mock server,
    // for instance) is the one used.
    const fetchImpl =
      options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const transport = createTransport({
      fetch: fetchImpl,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
    });

    const sdkHeaders: Record<string, string> = { 'X-Wopkit-Sdk': SDK_AGENT };
    // Browsers manage User-Agent themselves, and setting it there forces a CORS preflight in some of them.
    if (!isBrowser()) sdkHeaders['User-Agent'] = SDK_AGENT;

    const client = createClient(
      createConfig({
        baseUrl: this.baseUrl,
        fetch: transport,
        headers: { ...sdkHeaders, ...options.defaultHeaders },
        // The generated operations send the key only where the contract's security requirement asks for it,
        // so public operations (discovery, interrupt tokens) never carry it.
        ...(options.apiKey === undefined ? {} : { auth: options.apiKey }),
      }),
    );

    this.discovery = new Discovery(client);
    this.workflows = new Workflows(client);
    this.runs = new Runs(client, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.interrupts = new Interrupts(client);
    this.artifacts = new Artifacts(client);
    this.testing = new Testing(client);
    this.webhooks = new Webhooks(client);
  }
}

function isBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined';
}
