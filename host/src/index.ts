/** `@wopkit/host` as a library: create and run an OpenWOP host in your own process. */
export { createHost, HOST_VERSION, type CreateHostOptions, type Host } from './host.js';
export { loadConfig, ConfigError, type HostConfig } from './config.js';
export { DEV_API_KEY, KNOWN_SCOPES, type ApiKeyConfig } from './http/api-keys.js';
export {
  NodeFailure,
  type ChannelWriteOptions,
  type NodeContext,
  type NodeImplementation,
  type NodeSuspension,
} from './engine/nodes/node-types.js';
export type { Logger } from './logger.js';
