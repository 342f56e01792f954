/** In-process notification of committed events, so waiting readers (long-poll, streams) wake at once. */
import { EventEmitter } from 'node:events';
import type { StoredEvent } from './ports.js';

/** Publishes committed events per run and lets readers wait for the next ones. */
export class RunEventHub {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  /** Announces events just committed for `runId`. */
  publish(runId: string, events: StoredEvent[]): void {
    if (events.length > 0) this.#emitter.emit(runId, events);
  }

  /** Subscribes to a run's events; returns the unsubscribe function. */
  subscribe(runId: string, listener: (events: StoredEvent[]) => void): () => void {
    this.#emitter.on(runId, listener);
    return () => this.#emitter.off(runId, listener);
  }

  /**
   * Resolves when events of `runId` are published, `timeoutMs` passes, or `signal` aborts — whichever is first.
   * Committed events from other processes are not published here, so callers also re-read storage afterwards.
   */
  waitForNext(runId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      const unsubscribe = this.subscribe(runId, finish);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }
}
