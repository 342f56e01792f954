/** Handlers of the `discovery` tag. */
import type { HandlerMap } from '../../generated/routes.gen.js';
import type { HandlerContext } from '../handler-context.js';

/** `getCapabilities` and `getOpenApiSpec`. */
export const discoveryHandlers: Pick<HandlerMap<HandlerContext>, 'getCapabilities' | 'getOpenApiSpec'> = {
  async getCapabilities(_input, context) {
    return { status: 200, body: context.capabilities, headers: { 'cache-control': 'public, max-age=300' } };
  },
  async getOpenApiSpec(_input, context) {
    return { status: 200, body: context.contract as never };
  },
};
