// The SDK's own version, sent to hosts in the `User-Agent` and `X-Wopkit-Sdk` headers.

/** Version of this package; kept equal to `version` in `sdk-ts/package.json` (a test checks it). */
export const VERSION = '0.1.0';
