/** Builds the discovery document: it advertises only what this host actually serves. */
import type { EngineLimits } from '../engine/executor.js';
import type { Capabilities } from '../generated/types/types.gen.js';
import { IDEMPOTENCY_RETENTION_SECONDS } from './idempotency.js';

/** Engine version stamped on runs (an integer in discovery, a decimal string on runs and events). */
export const ENGINE_VERSION = 1;

/** What the discovery document depends on. */
export interface CapabilitiesOptions {
  implementationVersion: string;
  maxRequestBodyBytes: number;
  limits: EngineLimits;
  /** Seeded conformance fixture ids that fully work here. */
  fixtures: string[];
  /** Present when the test seams are enabled. */
  testing?: { testKeyPrefix?: string; forceEngineVersionRange?: { min: number; max: number } };
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
    // Interrupts are served (clarification is one of their kinds); the suite derives openwop-interrupts from this.
    supportedEnvelopes: ['clarification.request'],
    schemaVersions: {},
    limits: {
      clarificationRounds: 3,
      schemaRounds: 2,
      envelopesPerTurn: 5,
      maxNodeExecutions: options.limits.maxNodeExecutions,
      maxRunDurationMs: options.limits.maxRunDurationMs,
      maxRequestBodyBytes: options.maxRequestBodyBytes,
    },
    configurable: {
      recursionLimit: {
        type: 'number',
        min: 1,
        max: options.limits.maxNodeExecutions,
        description: 'Most node executions in the run.',
      },
      runTimeoutMs: {
        type: 'number',
        min: 1,
        max: options.limits.maxRunDurationMs,
        description: 'Wall-clock limit of the run from run.started.',
      },
    },
    idempotency: {
      supported: true,
      layer1RetentionSeconds: IDEMPOTENCY_RETENTION_SECONDS,
      crossRegion: 'single-region',
    },
    // Durable: an outbox written with the events, retries with backoff, dead letters (README, webhooks).
    webhooks: { supported: true, durable: true, signatureAlgorithms: ['v1'] },
    // Forks re-execute with the source's recorded outcomes; side-effecting nodes never run twice in a replay.
    replay: { supported: true, modes: ['replay', 'branch'], sideEffectSuppression: 'recorded-outcome' },
    ...(options.fixtures.length > 0 ? { fixtures: [...options.fixtures].sort() } : {}),
    ...(options.testing ? { testing: options.testing } : {}),
  };
}
