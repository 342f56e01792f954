/** Settings of the hey-api generation of the SDK's and the host's types. */

/** Where the SDK's generated client, types and zod schemas go. */
export const sdkOutputDir = 'sdk-ts/src/generated';

/** Where the host's generated request/response types go. */
export const hostTypesOutputDir = 'host/src/generated/types';

/**
 * hey-api plugins for the SDK. The SDK validates neither requests (hey-api's request validation breaks on header
 * parameters, TOOLCHAIN trap 3) nor responses: OpenWOP readers must tolerate fields, statuses and event types added
 * after they were built, which closed zod enums would reject. The zod schemas are still generated and exported as
 * `@wopkit/sdk/zod` for callers who want to check data themselves.
 */
export const sdkPlugins = [
  '@hey-api/typescript',
  { name: '@hey-api/sdk', validator: { request: false, response: false } },
  'zod',
  '@hey-api/client-fetch',
] as const;

/** The host only needs the types. */
export const hostPlugins = ['@hey-api/typescript'] as const;
