/** The engine's only source of time, so tests and replays can control it. */

/** Supplies the current time. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
