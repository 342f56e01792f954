import { describe, expect, it } from 'vitest';
import {
  CANONICAL_REDUCERS,
  ChannelWriteError,
  applyWrite,
  checkChannelState,
  foldChannel,
  initialChannelValue,
  isCanonicalReducer,
  isListReducer,
  resolveReducer,
  type ChannelDeclarationLike,
  type ChannelWriteRecord,
} from './reducers.js';

const vote = (userId: string, action: string) => ({ userId, action, timestamp: '2026-01-01T00:00:00.000Z' });
const message = (messageId: string, content: string) => ({
  messageId,
  role: 'user',
  content,
  timestamp: '2026-01-01T00:00:00.000Z',
});

describe('applyWrite', () => {
  it.each<{ name: string; declaration: ChannelDeclarationLike; current: unknown; written: unknown; expected: unknown }>(
    [
      { name: 'replace overwrites', declaration: { reducer: 'replace' }, current: 'a', written: 'b', expected: 'b' },
      {
        name: 'replace accepts null',
        declaration: { reducer: 'replace' },
        current: 'a',
        written: null,
        expected: null,
      },
      {
        name: 'replace stores objects whole',
        declaration: { reducer: 'replace' },
        current: { a: 1 },
        written: { b: 2 },
        expected: { b: 2 },
      },
      {
        name: 'a vendor reducer behaves as replace',
        declaration: { reducer: 'vendor.acme.topk' },
        current: [1],
        written: 7,
        expected: 7,
      },
      {
        name: 'append adds at the end',
        declaration: { reducer: 'append' },
        current: ['a'],
        written: 'b',
        expected: ['a', 'b'],
      },
      {
        name: 'append starts from nothing',
        declaration: { reducer: 'append' },
        current: undefined,
        written: 1,
        expected: [1],
      },
      {
        name: 'append adds an array as one entry',
        declaration: { reducer: 'append' },
        current: [],
        written: [1, 2],
        expected: [[1, 2]],
      },
      {
        name: 'merge is shallow',
        declaration: { reducer: 'merge' },
        current: { a: 1, nested: { x: 1 } },
        written: { b: 2, nested: { y: 2 } },
        expected: { a: 1, b: 2, nested: { y: 2 } },
      },
      {
        name: 'merge starts from nothing',
        declaration: { reducer: 'merge' },
        current: undefined,
        written: { a: 1 },
        expected: { a: 1 },
      },
      { name: 'counter adds', declaration: { reducer: 'counter' }, current: 2, written: 3, expected: 5 },
      { name: 'counter accepts negatives', declaration: { reducer: 'counter' }, current: 2, written: -5, expected: -3 },
      {
        name: 'counter starts at 0',
        declaration: { reducer: 'counter' },
        current: undefined,
        written: 1.5,
        expected: 1.5,
      },
      {
        name: 'votes appends a new voter',
        declaration: { reducer: 'votes' },
        current: [vote('u1', 'accept')],
        written: vote('u2', 'reject'),
        expected: [vote('u1', 'accept'), vote('u2', 'reject')],
      },
      {
        name: 'votes replaces a re-vote and moves it to the end',
        declaration: { reducer: 'votes' },
        current: [vote('u1', 'accept'), vote('u2', 'accept')],
        written: vote('u1', 'reject'),
        expected: [vote('u2', 'accept'), vote('u1', 'reject')],
      },
      {
        name: 'feedback appends',
        declaration: { reducer: 'feedback' },
        current: [{ feedback: 'shorter', timestamp: 't1', iteration: 1 }],
        written: { feedback: 'cite sources', timestamp: 't2', iteration: 2 },
        expected: [
          { feedback: 'shorter', timestamp: 't1', iteration: 1 },
          { feedback: 'cite sources', timestamp: 't2', iteration: 2 },
        ],
      },
      {
        name: 'message appends a new messageId',
        declaration: { reducer: 'message' },
        current: [message('m1', 'hi')],
        written: message('m2', 'hello'),
        expected: [message('m1', 'hi'), message('m2', 'hello')],
      },
      {
        name: 'message ignores a repeated messageId (idempotent)',
        declaration: { reducer: 'message' },
        current: [message('m1', 'hi'), message('m2', 'hello')],
        written: message('m1', 'changed'),
        expected: [message('m1', 'hi'), message('m2', 'hello')],
      },
    ],
  )('$name', ({ declaration, current, written, expected }) => {
    expect(applyWrite(declaration, current, written, 0)).toEqual(expected);
  });

  it.each<{ name: string; declaration: ChannelDeclarationLike; current: unknown; written: unknown; message: string }>([
    {
      name: 'undefined on any reducer',
      declaration: { reducer: 'replace' },
      current: 1,
      written: undefined,
      message: 'needs a value',
    },
    {
      name: 'counter with a string',
      declaration: { reducer: 'counter' },
      current: 0,
      written: '1',
      message: 'finite number',
    },
    {
      name: 'counter with NaN',
      declaration: { reducer: 'counter' },
      current: 0,
      written: Number.NaN,
      message: 'finite number',
    },
    {
      name: 'counter on a non-number state',
      declaration: { reducer: 'counter' },
      current: 'x',
      written: 1,
      message: 'state is a string',
    },
    {
      name: 'merge with an array',
      declaration: { reducer: 'merge' },
      current: {},
      written: [1],
      message: 'must be an object',
    },
    {
      name: 'merge with null',
      declaration: { reducer: 'merge' },
      current: {},
      written: null,
      message: 'must be an object',
    },
    {
      name: 'merge on an array state',
      declaration: { reducer: 'merge' },
      current: [],
      written: { a: 1 },
      message: 'not an object',
    },
    {
      name: 'append on a string state',
      declaration: { reducer: 'append' },
      current: 'x',
      written: 1,
      message: 'not an array',
    },
    {
      name: 'votes without userId',
      declaration: { reducer: 'votes' },
      current: [],
      written: { action: 'accept' },
      message: '"userId"',
    },
    {
      name: 'votes with an empty userId',
      declaration: { reducer: 'votes' },
      current: [],
      written: { userId: '' },
      message: '"userId"',
    },
    {
      name: 'votes with a non-object',
      declaration: { reducer: 'votes' },
      current: [],
      written: 'u1',
      message: '"userId"',
    },
    {
      name: 'message without messageId',
      declaration: { reducer: 'message' },
      current: [],
      written: { content: 'x' },
      message: '"messageId"',
    },
    {
      name: 'replace above maxSize',
      declaration: { reducer: 'replace', maxSize: 3 },
      current: undefined,
      written: [1, 2, 3, 4],
      message: 'size 4, above its maxSize 3',
    },
    {
      name: 'replace of a string above maxSize',
      declaration: { reducer: 'replace', maxSize: 2 },
      current: undefined,
      written: 'abc',
      message: 'size 3',
    },
    {
      name: 'merge growing above maxSize',
      declaration: { reducer: 'merge', maxSize: 2 },
      current: { a: 1, b: 2 },
      written: { c: 3 },
      message: 'size 3, above its maxSize 2',
    },
    {
      name: 'counter above maxSize',
      declaration: { reducer: 'counter', maxSize: 5 },
      current: 5,
      written: 1,
      message: 'size 6, above its maxSize 5',
    },
    { name: 'an unknown reducer', declaration: { reducer: 'sum' }, current: 1, written: 1, message: 'reducer "sum"' },
  ])('refuses $name with validation_error', ({ declaration, current, written, message }) => {
    const attempt = () => applyWrite(declaration, current, written, 0);
    expect(attempt).toThrow(ChannelWriteError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as ChannelWriteError).code).toBe('validation_error');
    }
  });

  it.each([
    { value: 'abc', maxSize: 3 },
    { value: { a: 1, b: 2 }, maxSize: 2 },
    { value: 'ééé', maxSize: 3 },
  ])('accepts a replace of $value at exactly maxSize $maxSize', ({ value, maxSize }) => {
    expect(applyWrite({ reducer: 'replace', maxSize }, undefined, value, 0)).toEqual(value);
  });

  it.each<{ reducer: string; current: unknown[]; written: unknown; expected: unknown[] }>([
    { reducer: 'append', current: ['a', 'b', 'c'], written: 'd', expected: ['b', 'c', 'd'] },
    { reducer: 'feedback', current: [1, 2, 3], written: 4, expected: [2, 3, 4] },
    {
      reducer: 'votes',
      current: [vote('u1', 'a'), vote('u2', 'a'), vote('u3', 'a')],
      written: vote('u4', 'r'),
      expected: [vote('u2', 'a'), vote('u3', 'a'), vote('u4', 'r')],
    },
    {
      reducer: 'votes',
      current: [vote('u1', 'a'), vote('u2', 'a'), vote('u3', 'a')],
      written: vote('u2', 'r'),
      expected: [vote('u1', 'a'), vote('u3', 'a'), vote('u2', 'r')],
    },
    {
      reducer: 'message',
      current: [message('m1', '1'), message('m2', '2'), message('m3', '3')],
      written: message('m4', '4'),
      expected: [message('m2', '2'), message('m3', '3'), message('m4', '4')],
    },
  ])('$reducer drops the oldest entries past maxSize 3', ({ reducer, current, written, expected }) => {
    expect(applyWrite({ reducer, maxSize: 3 }, current, written, 0)).toEqual(expected);
  });

  it('trims an over-long list state down to maxSize on the next write', () => {
    expect(applyWrite({ reducer: 'append', maxSize: 2 }, [1, 2, 3, 4], 5, 0)).toEqual([4, 5]);
  });

  it('does not mutate the current state', () => {
    const list = Object.freeze(['a']);
    const object = Object.freeze({ a: 1 });
    const votes = Object.freeze([Object.freeze(vote('u1', 'accept'))]);
    expect(applyWrite({ reducer: 'append' }, list, 'b', 0)).toEqual(['a', 'b']);
    expect(applyWrite({ reducer: 'merge' }, object, { b: 2 }, 0)).toEqual({ a: 1, b: 2 });
    expect(applyWrite({ reducer: 'votes' }, votes, vote('u1', 'reject'), 0)).toEqual([vote('u1', 'reject')]);
    expect(list).toEqual(['a']);
    expect(object).toEqual({ a: 1 });
  });

  describe('with ttlMs', () => {
    it('keeps only the write after the gap (conformance-channel-ttl)', () => {
      const declaration = { reducer: 'append', ttlMs: 200 };
      let state = initialChannelValue(declaration);
      for (const [value, at] of [
        ['a', 0],
        ['b', 10],
        ['c', 20],
        ['d', 320],
      ] as const) {
        state = applyWrite(declaration, state, value, at);
      }
      expect(state).toEqual([{ value: 'd', _ts: 320 }]);
    });

    it.each<{
      name: string;
      declaration: ChannelDeclarationLike;
      current: unknown[];
      written: unknown;
      now: number;
      expected: unknown[];
    }>([
      {
        name: 'wraps each entry with its write time',
        declaration: { reducer: 'append', ttlMs: 100 },
        current: [],
        written: 'x',
        now: 1_000,
        expected: [{ value: 'x', _ts: 1_000 }],
      },
      {
        name: 'keeps an entry exactly ttlMs old',
        declaration: { reducer: 'append', ttlMs: 100 },
        current: [{ value: 'a', _ts: 900 }],
        written: 'b',
        now: 1_000,
        expected: [
          { value: 'a', _ts: 900 },
          { value: 'b', _ts: 1_000 },
        ],
      },
      {
        name: 'drops an entry one millisecond older than ttlMs',
        declaration: { reducer: 'append', ttlMs: 100 },
        current: [{ value: 'a', _ts: 899 }],
        written: 'b',
        now: 1_000,
        expected: [{ value: 'b', _ts: 1_000 }],
      },
      {
        name: 'expires before applying maxSize',
        declaration: { reducer: 'append', ttlMs: 100, maxSize: 2 },
        current: [
          { value: 'old', _ts: 0 },
          { value: 'a', _ts: 950 },
          { value: 'b', _ts: 960 },
        ],
        written: 'c',
        now: 1_000,
        expected: [
          { value: 'b', _ts: 960 },
          { value: 'c', _ts: 1_000 },
        ],
      },
      {
        name: 'keeps entries without a timestamp (from a default)',
        declaration: { reducer: 'append', ttlMs: 100 },
        current: ['seed'],
        written: 'b',
        now: 1_000,
        expected: ['seed', { value: 'b', _ts: 1_000 }],
      },
      {
        name: 'replaces a re-vote inside a wrapped entry',
        declaration: { reducer: 'votes', ttlMs: 100 },
        current: [
          { value: vote('u1', 'accept'), _ts: 950 },
          { value: vote('u2', 'accept'), _ts: 960 },
        ],
        written: vote('u1', 'reject'),
        now: 1_000,
        expected: [
          { value: vote('u2', 'accept'), _ts: 960 },
          { value: vote('u1', 'reject'), _ts: 1_000 },
        ],
      },
      {
        name: 'ignores a live duplicate messageId',
        declaration: { reducer: 'message', ttlMs: 100 },
        current: [{ value: message('m1', 'hi'), _ts: 950 }],
        written: message('m1', 'again'),
        now: 1_000,
        expected: [{ value: message('m1', 'hi'), _ts: 950 }],
      },
      {
        name: 'appends a messageId again once its first entry expired',
        declaration: { reducer: 'message', ttlMs: 100 },
        current: [{ value: message('m1', 'hi'), _ts: 0 }],
        written: message('m1', 'again'),
        now: 1_000,
        expected: [{ value: message('m1', 'again'), _ts: 1_000 }],
      },
      {
        name: 'feedback expires like append',
        declaration: { reducer: 'feedback', ttlMs: 10 },
        current: [{ value: { feedback: 'x' }, _ts: 0 }],
        written: { feedback: 'y' },
        now: 11,
        expected: [{ value: { feedback: 'y' }, _ts: 11 }],
      },
    ])('$name', ({ declaration, current, written, now, expected }) => {
      expect(applyWrite(declaration, current, written, now)).toEqual(expected);
    });

    it('is ignored on a non-list reducer', () => {
      expect(applyWrite({ reducer: 'replace', ttlMs: 5 }, 'a', 'b', 1_000)).toBe('b');
      expect(applyWrite({ reducer: 'counter', ttlMs: 5 }, 1, 1, 1_000)).toBe(2);
    });

    it('refuses a write time that is not a finite number', () => {
      expect(() => applyWrite({ reducer: 'append', ttlMs: 5 }, [], 'a', Number.NaN)).toThrow(RangeError);
    });
  });
});

describe('initialChannelValue', () => {
  it.each<{ declaration: ChannelDeclarationLike; expected: unknown }>([
    { declaration: { reducer: 'replace' }, expected: undefined },
    { declaration: { reducer: 'vendor.acme.topk' }, expected: undefined },
    { declaration: { reducer: 'append' }, expected: [] },
    { declaration: { reducer: 'votes' }, expected: [] },
    { declaration: { reducer: 'feedback' }, expected: [] },
    { declaration: { reducer: 'message' }, expected: [] },
    { declaration: { reducer: 'merge' }, expected: {} },
    { declaration: { reducer: 'counter' }, expected: 0 },
    { declaration: { reducer: 'counter', default: 10 }, expected: 10 },
    { declaration: { reducer: 'replace', default: null }, expected: null },
    { declaration: { reducer: 'append', default: ['seed'] }, expected: ['seed'] },
  ])('is $expected for $declaration', ({ declaration, expected }) => {
    expect(initialChannelValue(declaration)).toEqual(expected);
  });

  it('returns a copy of the default, so runs never share state', () => {
    const declaration = { reducer: 'merge', default: { a: { b: 1 } } };
    const value = initialChannelValue(declaration) as { a: { b: number } };
    value.a.b = 2;
    expect(declaration.default.a.b).toBe(1);
    expect(initialChannelValue({ reducer: 'append' })).not.toBe(initialChannelValue({ reducer: 'append' }));
  });
});

describe('checkChannelState', () => {
  it.each<{ declaration: ChannelDeclarationLike; value: unknown; problem: string | undefined }>([
    { declaration: { reducer: 'counter' }, value: 3, problem: undefined },
    { declaration: { reducer: 'counter' }, value: '3', problem: 'counter needs a number, got a string' },
    { declaration: { reducer: 'append' }, value: [], problem: undefined },
    { declaration: { reducer: 'append' }, value: {}, problem: 'append needs an array, got an object' },
    { declaration: { reducer: 'message' }, value: null, problem: 'message needs an array, got null' },
    { declaration: { reducer: 'merge' }, value: { a: 1 }, problem: undefined },
    { declaration: { reducer: 'merge' }, value: [], problem: 'merge needs an object, got an array' },
    { declaration: { reducer: 'replace' }, value: 'anything', problem: undefined },
    { declaration: { reducer: 'vendor.acme.x' }, value: 42, problem: undefined },
    { declaration: { reducer: 'append', maxSize: 1 }, value: [1, 2], problem: 'size 2 exceeds maxSize 1' },
    { declaration: { reducer: 'replace', maxSize: 1 }, value: 'ab', problem: 'size 2 exceeds maxSize 1' },
  ])('says $problem for $value under $declaration', ({ declaration, value, problem }) => {
    expect(checkChannelState(declaration, value)).toBe(problem);
  });
});

describe('isCanonicalReducer and resolveReducer', () => {
  it.each(CANONICAL_REDUCERS)('recognises %s', (name) => {
    expect(isCanonicalReducer(name)).toBe(true);
    expect(resolveReducer(name)).toEqual({ reducer: name, isFallback: false });
  });

  it.each(['Replace', 'sum', 'vendor.acme', 'vendor.Acme.x', ''])('does not treat %j as canonical', (name) => {
    expect(isCanonicalReducer(name)).toBe(false);
    expect(() => resolveReducer(name)).toThrow(ChannelWriteError);
  });

  it('resolves a vendor reducer to replace and flags the fallback', () => {
    expect(resolveReducer('vendor.acme.top-k')).toEqual({ reducer: 'replace', isFallback: true });
  });

  it.each([
    ['append', true],
    ['votes', true],
    ['feedback', true],
    ['message', true],
    ['replace', false],
    ['merge', false],
    ['counter', false],
    ['vendor.acme.list', false],
  ] as const)('classifies %s as a list reducer: %s', (name, expected) => {
    expect(isListReducer(name)).toBe(expected);
  });
});

describe('foldChannel', () => {
  const writes = (reducer: string, values: unknown[]): ChannelWriteRecord[] =>
    values.map((value, index) => ({ value, reducer, writtenAtMs: index * 10 }));

  it.each<{ name: string; declaration: ChannelDeclarationLike; writes: ChannelWriteRecord[]; expected: unknown }>([
    { name: 'no writes yields the default', declaration: { reducer: 'counter', default: 7 }, writes: [], expected: 7 },
    { name: 'no writes yields the empty value', declaration: { reducer: 'append' }, writes: [], expected: [] },
    { name: 'counter sums', declaration: { reducer: 'counter' }, writes: writes('counter', [1, 2, -4]), expected: -1 },
    {
      name: 'replace keeps the last',
      declaration: { reducer: 'replace' },
      writes: writes('replace', ['a', 'b']),
      expected: 'b',
    },
    {
      name: 'votes keeps one entry per voter',
      declaration: { reducer: 'votes' },
      writes: writes('votes', [vote('u1', 'accept'), vote('u2', 'accept'), vote('u1', 'reject')]),
      expected: [vote('u2', 'accept'), vote('u1', 'reject')],
    },
    {
      name: 'message is idempotent across a replayed write',
      declaration: { reducer: 'message' },
      writes: writes('message', [message('m1', 'a'), message('m1', 'a'), message('m2', 'b')]),
      expected: [message('m1', 'a'), message('m2', 'b')],
    },
    {
      name: 'the reducer recorded on each write wins over the declaration',
      declaration: { reducer: 'replace' },
      writes: writes('append', ['a', 'b']),
      expected: ['a', 'b'],
    },
    {
      name: 'TTL expires by each write time (conformance-channel-ttl)',
      declaration: { reducer: 'append', ttlMs: 200 },
      writes: [
        { value: 'a', reducer: 'append', writtenAtMs: 0 },
        { value: 'b', reducer: 'append', writtenAtMs: 10 },
        { value: 'c', reducer: 'append', writtenAtMs: 20 },
        { value: 'd', reducer: 'append', writtenAtMs: 320 },
      ],
      expected: [{ value: 'd', _ts: 320 }],
    },
  ])('$name', ({ declaration, writes: log, expected }) => {
    expect(foldChannel(declaration, log)).toEqual(expected);
  });

  it('folds the same log to the same state every time', () => {
    const declaration = { reducer: 'votes', ttlMs: 50, maxSize: 3 };
    const log: ChannelWriteRecord[] = Array.from({ length: 40 }, (_, index) => ({
      value: vote(`u${index % 7}`, index % 2 === 0 ? 'accept' : 'reject'),
      reducer: 'votes',
      writtenAtMs: index * 9,
    }));
    const first = foldChannel(declaration, log);
    expect(foldChannel(declaration, log)).toEqual(first);
    expect(JSON.stringify(foldChannel(declaration, structuredClone(log)))).toBe(JSON.stringify(first));
    expect(first).toHaveLength(3);
  });

  it('refuses a log that does not fit the channel', () => {
    expect(() => foldChannel({ reducer: 'counter' }, writes('counter', [1, 'x']))).toThrow(ChannelWriteError);
  });
});
