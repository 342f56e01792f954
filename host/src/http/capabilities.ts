/** Builds the discovery document: it advertises only what this host actually serves. */
import type { Capabilities } from '../generated/types/types.gen.js';

/** Engine version stamped on runs (an integer in discovery, a decimal string on runs and events). */
export const ENGINE_VERSION = 1;

/** What the discovery document depends on. */
export interface CapabilitiesOptions {
  implementationVersion: string;
  maxRequestBodyBytes: number;
}

/** The `/.well-known/openwop` document for this host. */
export function buildCapabilities(options: CapabilitiesOptions): Capabilities {
  return {
    protocolVersion: '1.0',
    protocolVersions: ['1.0'],
    implementation: { name: 'wopkit', version: options.implementationVersion, vendor: 'wopkit' },
    engineVersion: ENGINE_VERSION,
    eventLogSchemaVersion: 2,
    minClientVersion: '1.0',
    supportedTransports: ['rest'],
    supportedEnvelopes: [],
    schemaVersions: {},
    limits: {
      clarificationRounds: 3,
      schemaRounds: 2,
      envelopesPerTurn: 5,
      maxRequestBodyBytes: options.maxRequestBodyBytes,
    },
  };
}
