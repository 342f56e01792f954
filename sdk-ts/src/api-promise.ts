// The promise every SDK method returns: it resolves to the parsed data and can also hand over the raw `Response`.

/** Parsed data together with the HTTP response it was read from. */
export interface APIResponse<T> {
  /** The parsed response body. */
  data: T;
  /** The HTTP response; its body has already been read. */
  response: Response;
}

/**
 * A `Promise` of an operation's parsed data that can also give the raw HTTP response through
 * {@link APIPromise.withResponse}. The request is sent as soon as the method is called.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * const { data: run, response } = await wopkit.runs.get('run_01JD7Y8Q2M').withResponse();
 * console.log(run.status, response.headers.get('x-request-id'));
 * ```
 */
export class APIPromise<T> extends Promise<T> {
  readonly #responsePromise: Promise<APIResponse<T>>;
  #dataPromise: Promise<T> | undefined;

  /** @internal Created by the SDK's methods; there is no need to construct one yourself. */
  constructor(responsePromise: Promise<APIResponse<T>>) {
    // The base promise is only a placeholder: `then`, `catch` and `finally` read from `responsePromise`.
    super((resolve) => resolve(undefined as T));
    this.#responsePromise = responsePromise;
  }

  // Derived promises (from `then` on the base class or `Promise.all`) must be plain promises, because this
  // constructor does not take an executor.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** Resolves to the parsed data and the HTTP response, for reading status or headers. */
  withResponse(): Promise<APIResponse<T>> {
    return this.#responsePromise;
  }

  override then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.#data().then(onfulfilled, onrejected);
  }

  override catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | null,
  ): Promise<T | TResult> {
    return this.#data().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#data().finally(onfinally);
  }

  #data(): Promise<T> {
    this.#dataPromise ??= this.#responsePromise.then(({ data }) => data);
    return this.#dataPromise;
  }
}
