// Checks path parameters before the generated client's path serializer percent-encodes them into the URL.

import { WopkitError } from '../errors.js';

/**
 * Returns `params` unchanged after checking that each value is a non-empty string other than `.` and `..`.
 * Percent-encoding cannot protect those values: an empty segment changes the route, and URL parsing resolves
 * dot segments (`/v1/runs/..` becomes `/v1`), so the request would reach a different operation.
 *
 * @internal
 */
export function pathParams<Params extends Record<string, string>>(params: Params): Params {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
      throw new WopkitError(`${name} must be a non-empty string other than "." and "..", got ${JSON.stringify(value)}`);
    }
  }
  return params;
}
