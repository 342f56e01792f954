/** The engine's only source of identifiers, so tests and replays can control them. */

/** Produces unique, opaque identifiers with a readable prefix (`run_…`, `evt_…`). */
export interface IdSource {
  next(prefix: string): string;
}
