/** Settings of the hey-api generation of the SDK's and the host's types. */

/** Where the SDK's generated client, types and zod schemas go. */
export const sdkOutputDir = 'sdk-ts/src/generated';

/** Where the host's generated request/response types go. */
export const hostTypesOutputDir = 'host/src/generated/types';

/**
 * hey-api plugins for the SDK. Request validation stays off: it breaks on header parameters (TOOLCHAIN trap 3);
 * responses are checked with the generated zod schemas.
 */
export const sdkPlugins = [
  '@hey-api/typescript',
  { name: '@hey-api/sdk', validator: { request: false, response: 'zod' } },
  'zod',
  '@hey-api/client-fetch',
] as const;

/** The host only needs the types. */
export const hostPlugins = ['@hey-api/typescript'] as const;
