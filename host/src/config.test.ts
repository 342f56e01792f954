import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('reads the run duration limit, for runs that wait on people longer than an hour', () => {
    expect(loadConfig({}).maxRunDurationMs).toBeUndefined();
    expect(loadConfig({ WOPKIT_MAX_RUN_DURATION_MS: '86400000' }).maxRunDurationMs).toBe(86_400_000);
    for (const bad of ['999', 'soon', '-1']) {
      expect(() => loadConfig({ WOPKIT_MAX_RUN_DURATION_MS: bad })).toThrow(ConfigError);
    }
  });
});
