// Cursor pagination for list operations: one page of items plus iteration across every following page.

import { APIPromise, type APIResponse } from './api-promise.js';
import { WopkitError } from './errors.js';

/** The shape every paginated list operation answers with: `items` and the cursor of the next page. */
export interface CursorPageBody<Item> {
  /** Items on this page. */
  items: Item[];
  /** Cursor of the next page; `null` on the last page. */
  nextCursor?: string | null | undefined;
}

/**
 * One page of a list operation. Iterate it with `for await` to walk the items of this page and every page
 * after it, or use {@link CursorPage.iterPages} to work page by page.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * let page = await wopkit.runs.list({ limit: 50 });
 * console.log(page.items.length);
 * while (page.hasNextPage()) {
 *   page = await page.getNextPage();
 *   console.log(page.items.length);
 * }
 * ```
 */
export class CursorPage<Item> implements AsyncIterable<Item> {
  /** Items on this page, as the host sent them. */
  readonly items: Item[];
  /** Cursor of the next page; `null` on the last page. */
  readonly nextCursor: string | null;
  /** The HTTP response this page was read from. */
  readonly response: Response;
  readonly #fetchPage: (cursor: string) => PagePromise<Item>;

  /** @internal Created by the SDK's `list` methods. */
  constructor(body: CursorPageBody<Item>, response: Response, fetchPage: (cursor: string) => PagePromise<Item>) {
    this.items = body.items;
    this.nextCursor = body.nextCursor ?? null;
    this.response = response;
    this.#fetchPage = fetchPage;
  }

  /** Whether another page follows this one. */
  hasNextPage(): boolean {
    return this.nextCursor !== null && this.nextCursor !== '';
  }

  /** Fetches the page after this one with the same filters and request options; throws when this is the last page. */
  getNextPage(): PagePromise<Item> {
    const cursor = this.nextCursor;
    if (cursor === null || cursor === '') {
      throw new WopkitError('there is no next page: check hasNextPage() before calling getNextPage()');
    }
    return this.#fetchPage(cursor);
  }

  /** Yields this page and then each following page, fetching them one at a time. */
  async *iterPages(): AsyncGenerator<CursorPage<Item>, void, undefined> {
    yield this;
    let page = this.hasNextPage() ? await this.getNextPage() : undefined;
    while (page !== undefined) {
      yield page;
      page = page.hasNextPage() ? await page.getNextPage() : undefined;
    }
  }

  /** Yields every item of this page and of every following page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) {
      yield* page.items;
    }
  }
}

/**
 * What a `list` method returns: await it for the first {@link CursorPage}, or iterate it with `for await`
 * to get every item across all pages.
 *
 * @example
 * ```ts
 * import { Wopkit } from '@wopkit/sdk';
 *
 * const wopkit = new Wopkit({ baseUrl: 'http://127.0.0.1:3737', apiKey: 'wopkit-dev-key' });
 * for await (const workflow of wopkit.workflows.list()) {
 *   console.log(workflow.workflowId, workflow.revision);
 * }
 * ```
 */
export class PagePromise<Item> extends APIPromise<CursorPage<Item>> implements AsyncIterable<Item> {
  /** @internal Created by the SDK's `list` methods. */
  constructor(
    bodyPromise: Promise<APIResponse<CursorPageBody<Item>>>,
    fetchPage: (cursor: string) => PagePromise<Item>,
  ) {
    super(bodyPromise.then(({ data, response }) => ({ data: new CursorPage(data, response, fetchPage), response })));
  }

  /** Yields every item of the first page and of every following page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const firstPage = await this;
    yield* firstPage;
  }
}
