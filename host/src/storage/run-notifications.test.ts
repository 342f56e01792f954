import { describe, expect, it } from 'vitest';
import { formatRunCommitNotices, parseRunCommitNotices } from './run-notifications.js';

describe('run commit notices', () => {
  it('round-trips origin, run ids and sequences', () => {
    const payloads = formatRunCommitNotices(
      'host_a',
      new Map([
        ['run_1', 4],
        ['run_2', 0],
      ]),
    );
    expect(payloads).toEqual(['host_a run_1:4 run_2:0']);
    expect(parseRunCommitNotices(payloads[0]!)).toEqual({
      origin: 'host_a',
      notices: [
        { runId: 'run_1', lastSequence: 4 },
        { runId: 'run_2', lastSequence: 0 },
      ],
    });
  });

  it('splits many runs into payloads below the NOTIFY limit, each naming the origin', () => {
    const runs = new Map(Array.from({ length: 2000 }, (_, index) => [`run_${'x'.repeat(20)}${index}`, index] as const));
    const payloads = formatRunCommitNotices('host_a', runs);
    expect(payloads.length).toBeGreaterThan(1);
    const notices = payloads.flatMap((payload) => {
      expect(Buffer.byteLength(payload)).toBeLessThan(8000);
      const parsed = parseRunCommitNotices(payload);
      expect(parsed.origin).toBe('host_a');
      return parsed.notices;
    });
    expect(notices).toEqual([...runs].map(([runId, lastSequence]) => ({ runId, lastSequence })));
  });

  it('sends nothing without events and skips malformed entries', () => {
    expect(formatRunCommitNotices('host_a', new Map())).toEqual([]);
    expect(parseRunCommitNotices('host_b run_1:x :3 run_2:7').notices).toEqual([{ runId: 'run_2', lastSequence: 7 }]);
  });
});
