/** Channel reducers: how one write combines with a channel's state, and the fold that rebuilds a channel on replay. */

/** The seven reducers every host must recognise (channels spec §7), in spec order. */
export const CANONICAL_REDUCERS = ['replace', 'append', 'merge', 'counter', 'votes', 'feedback', 'message'] as const;

/** The name of a canonical reducer. */
export type CanonicalReducer = (typeof CANONICAL_REDUCERS)[number];

/** The parts of a channel declaration the reducers read; the generated `ChannelDeclaration` satisfies it. */
export interface ChannelDeclarationLike {
  /** A canonical reducer name or `vendor.<org>.<name>`. */
  reducer: string;
  /** State before the first write. */
  default?: unknown;
  /** List reducers keep the newest `maxSize` entries; other reducers refuse a write whose result is larger. */
  maxSize?: number;
  /** List reducers only: entries older than this many milliseconds are dropped before each append. */
  ttlMs?: number;
}

/** One persisted write, as recorded on a `channel.written` event: the write input and the reducer in force then. */
export interface ChannelWriteRecord {
  /** The value written (the write input, not the reduced state). */
  value: unknown;
  /** The reducer recorded on the event; replays fold with it, never with the current declaration's reducer. */
  reducer: string;
  /** Epoch milliseconds of the write; the "now" of TTL expiry during the fold. */
  writtenAtMs: number;
}

/** A list entry of a channel declaring `ttlMs`: the written value and the epoch milliseconds of its write. */
export interface TimedEntry {
  value: unknown;
  _ts: number;
}

/** A reducer name resolved to the canonical behaviour the engine applies. */
export interface ResolvedReducer {
  /** The behaviour applied to writes. */
  reducer: CanonicalReducer;
  /** True for a `vendor.<org>.<name>` reducer this host does not implement: it is applied as `replace` (warn once). */
  isFallback: boolean;
}

/**
 * Thrown when a channel write is invalid for the channel's reducer (wrong value type, a missing `userId` or
 * `messageId`, a `maxSize` breach on a non-list reducer) or the channel's state cannot be reduced. The HTTP layer
 * answers it with `400 validation_error`; the channel's state is unchanged.
 */
export class ChannelWriteError extends Error {
  override readonly name = 'ChannelWriteError';
  /** The Problem code this error maps to. */
  readonly code = 'validation_error';
}

const VENDOR_REDUCER = /^vendor\.[a-z][a-z0-9_-]*\.[a-z][a-z0-9_-]*$/;
const LIST_REDUCERS: ReadonlySet<string> = new Set<CanonicalReducer>(['append', 'votes', 'feedback', 'message']);

/** Whether `name` is one of the seven canonical reducers. */
export function isCanonicalReducer(name: string): name is CanonicalReducer {
  return (CANONICAL_REDUCERS as readonly string[]).includes(name);
}

/** Whether `name` is a well-formed custom reducer name, `vendor.<org>.<name>`. */
export function isVendorReducer(name: string): boolean {
  return VENDOR_REDUCER.test(name);
}

/**
 * Whether `name` is a list reducer (`append`, `votes`, `feedback`, `message`): its state is an array, `maxSize`
 * drops the oldest entries and `ttlMs` applies. `message` counts as a list although the spec's `maxSize` prose
 * predates it: its state is an ordered log like `append`'s.
 */
export function isListReducer(name: string): boolean {
  return LIST_REDUCERS.has(name);
}

/**
 * The behaviour a reducer name stands for: canonical names as themselves, `vendor.*` names as `replace` with
 * `isFallback` set so the caller can warn.
 * @throws ChannelWriteError when the name is neither canonical nor `vendor.<org>.<name>`.
 */
export function resolveReducer(name: string): ResolvedReducer {
  if (isCanonicalReducer(name)) return { reducer: name, isFallback: false };
  if (isVendorReducer(name)) return { reducer: 'replace', isFallback: true };
  throw new ChannelWriteError(`reducer "${name}" is neither canonical nor "vendor.<org>.<name>"`);
}

/**
 * A channel's state before its first write: a copy of its `default` when declared, otherwise the reducer's empty
 * value (`[]` for list reducers, `{}` for `merge`, `0` for `counter`, `undefined` for `replace` and vendor reducers).
 */
export function initialChannelValue(declaration: ChannelDeclarationLike): unknown {
  if (declaration.default !== undefined) return structuredClone(declaration.default);
  return emptyValue(resolveReducer(declaration.reducer).reducer);
}

/**
 * Why `value` cannot be the state of this channel (wrong JSON type for the reducer, or larger than `maxSize`), or
 * `undefined` when it can. Registration uses it for `default`.
 */
export function checkChannelState(declaration: ChannelDeclarationLike, value: unknown): string | undefined {
  const { reducer } = resolveReducer(declaration.reducer);
  const typeProblem = checkStateType(reducer, value);
  if (typeProblem !== undefined) return typeProblem;
  const size = sizeOf(reducer, value);
  if (declaration.maxSize !== undefined && size !== undefined && size > declaration.maxSize) {
    return `size ${size} exceeds maxSize ${declaration.maxSize}`;
  }
  return undefined;
}

/**
 * The channel state after one write of `written` onto `current` (see the table in channels spec §7). Pure: `current`
 * is not mutated. `nowMs` is the write's time in epoch milliseconds; it stamps and expires entries of channels with
 * `ttlMs` and is never read from a clock, so replays reproduce the same state.
 *
 * @throws ChannelWriteError when the write is invalid for the reducer or `current` is not a state of it.
 * @example
 * applyWrite({ reducer: 'counter' }, 2, 3, 0); // 5
 * applyWrite({ reducer: 'append', maxSize: 2 }, ['a', 'b'], 'c', 0); // ['b', 'c']
 */
export function applyWrite(
  declaration: ChannelDeclarationLike,
  current: unknown,
  written: unknown,
  nowMs: number,
): unknown {
  const { reducer } = resolveReducer(declaration.reducer);
  if (written === undefined) throw new ChannelWriteError(`a ${reducer} write needs a value`);
  if (isListReducer(reducer)) return applyListWrite(reducer, declaration, current, written, nowMs);

  const next = applyValueWrite(reducer, current, written);
  const size = sizeOf(reducer, next);
  if (declaration.maxSize !== undefined && size !== undefined && size > declaration.maxSize) {
    throw new ChannelWriteError(
      `${reducer} write would make the channel's size ${size}, above its maxSize ${declaration.maxSize}`,
    );
  }
  return next;
}

/**
 * The state of a channel after `writes`, folded in order, each through the reducer recorded on it (so changing a
 * workflow's reducer later does not change a replay). Starts from the declared `default`, else from the empty value of
 * the first write's reducer. `maxSize` and `ttlMs` come from `declaration`; TTL "now" is each write's `writtenAtMs`.
 *
 * @throws ChannelWriteError when a recorded write cannot be folded (the log does not belong to this channel).
 * @example
 * foldChannel({ reducer: 'counter' }, [
 *   { value: 1, reducer: 'counter', writtenAtMs: 0 },
 *   { value: 2, reducer: 'counter', writtenAtMs: 5 },
 * ]); // 3
 */
export function foldChannel(declaration: ChannelDeclarationLike, writes: readonly ChannelWriteRecord[]): unknown {
  const first = writes[0];
  let state =
    declaration.default === undefined && first !== undefined
      ? emptyValue(resolveReducer(first.reducer).reducer)
      : initialChannelValue(declaration);
  for (const write of writes) {
    state = applyWrite({ ...declaration, reducer: write.reducer }, state, write.value, write.writtenAtMs);
  }
  return state;
}

function emptyValue(reducer: CanonicalReducer): unknown {
  if (isListReducer(reducer)) return [];
  if (reducer === 'merge') return {};
  if (reducer === 'counter') return 0;
  return undefined;
}

function applyValueWrite(reducer: CanonicalReducer, current: unknown, written: unknown): unknown {
  switch (reducer) {
    case 'merge': {
      if (!isPlainObject(written))
        throw new ChannelWriteError(`merge write must be an object, got ${jsonType(written)}`);
      const base = current === undefined ? {} : current;
      if (!isPlainObject(base)) throw new ChannelWriteError(`merge channel state is ${jsonType(base)}, not an object`);
      return { ...base, ...written };
    }
    case 'counter': {
      if (typeof written !== 'number' || !Number.isFinite(written)) {
        throw new ChannelWriteError(`counter write must be a finite number, got ${jsonType(written)}`);
      }
      const base = current === undefined ? 0 : current;
      if (typeof base !== 'number') throw new ChannelWriteError(`counter channel state is ${jsonType(base)}`);
      return base + written;
    }
    default:
      return written;
  }
}

function applyListWrite(
  reducer: CanonicalReducer,
  declaration: ChannelDeclarationLike,
  current: unknown,
  written: unknown,
  nowMs: number,
): unknown[] {
  const base = current === undefined ? [] : current;
  if (!Array.isArray(base)) throw new ChannelWriteError(`${reducer} channel state is ${jsonType(base)}, not an array`);
  const { ttlMs } = declaration;
  const isTimed = ttlMs !== undefined;
  if (isTimed && !Number.isFinite(nowMs)) throw new RangeError(`write time ${nowMs} is not a finite epoch ms`);

  // Channels spec §6: expire first, then reduce, then apply maxSize.
  let entries: unknown[] = isTimed ? base.filter((entry) => !isExpired(entry, nowMs - ttlMs)) : [...base];
  const stored: unknown = isTimed ? ({ value: written, _ts: nowMs } satisfies TimedEntry) : written;
  const valueOf = (entry: unknown): unknown => (isTimed && isTimedEntry(entry) ? entry.value : entry);

  if (reducer === 'votes') {
    const userId = requireKey(written, 'userId', 'votes');
    entries = entries.filter((entry) => keyOf(valueOf(entry), 'userId') !== userId);
    entries.push(stored);
  } else if (reducer === 'message') {
    const messageId = requireKey(written, 'messageId', 'message');
    if (!entries.some((entry) => keyOf(valueOf(entry), 'messageId') === messageId)) entries.push(stored);
  } else {
    entries.push(stored);
  }

  const { maxSize } = declaration;
  return maxSize !== undefined && entries.length > maxSize ? entries.slice(entries.length - maxSize) : entries;
}

function checkStateType(reducer: CanonicalReducer, value: unknown): string | undefined {
  if (isListReducer(reducer))
    return Array.isArray(value) ? undefined : `${reducer} needs an array, got ${jsonType(value)}`;
  if (reducer === 'merge') return isPlainObject(value) ? undefined : `merge needs an object, got ${jsonType(value)}`;
  if (reducer === 'counter') {
    return typeof value === 'number' && Number.isFinite(value)
      ? undefined
      : `counter needs a number, got ${jsonType(value)}`;
  }
  return undefined;
}

/** The size `maxSize` bounds: entries of a list or object, characters of a string, a counter's value. */
function sizeOf(reducer: CanonicalReducer, value: unknown): number | undefined {
  if (reducer === 'counter') return typeof value === 'number' ? value : undefined;
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string') return Array.from(value).length;
  if (isPlainObject(value)) return Object.keys(value).length;
  return undefined;
}

function requireKey(written: unknown, key: 'userId' | 'messageId', reducer: string): string {
  const id = keyOf(written, key);
  if (id === undefined) {
    throw new ChannelWriteError(`${reducer} write must be an object with a non-empty string "${key}"`);
  }
  return id;
}

function keyOf(value: unknown, key: string): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const id = value[key];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Entries without a numeric `_ts` (e.g. from a declared `default`) never expire. */
function isExpired(entry: unknown, cutoffMs: number): boolean {
  return isTimedEntry(entry) && entry._ts < cutoffMs;
}

function isTimedEntry(entry: unknown): entry is TimedEntry {
  return isPlainObject(entry) && typeof entry._ts === 'number' && Object.hasOwn(entry, 'value');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
