import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Locks and leases as the desk takes them, whatever holds them: the process
 * itself (KeyedLock, the default) or Redis, where every replica and
 * `frontdesk sweep` take the same ones (runtime/redis/lease.ts).
 */

/** What a task holds while it runs. */
export interface LockHold {
  /**
   * The fencing token: larger for every later holder of any key. A write
   * that carries it can be refused when a later holder already wrote. 0 for
   * the process's own locks (KeyedLock), where there is no later holder elsewhere.
   */
  readonly token: number;
  /** Aborted when the hold was lost (a Redis lease that could not be renewed). */
  readonly signal: AbortSignal;
}

/** Runs tasks with the same key one after another, across everything that shares the lock. */
export interface Lock {
  run<T>(key: string, task: (hold: LockHold) => Promise<T>): Promise<T>;
}

/** Runs a task unless another holds the key: one sweep at a time. */
export interface Lease {
  /** The task's result, or `{ ran: false }` when another held the key. */
  tryRun<T>(key: string, task: (hold: LockHold) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}

/** A hold that is never lost: the process's own locks. */
export function localHold(token: number): LockHold {
  return { token, signal: new AbortController().signal };
}

/** One sweep at a time in this process. */
export class LocalLease implements Lease {
  readonly #held = new Set<string>();
  #token = 0;

  async tryRun<T>(key: string, task: (hold: LockHold) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.#held.has(key)) return { ran: false };
    this.#held.add(key);
    try {
      return { ran: true, value: await task(localHold(++this.#token)) };
    } finally {
      this.#held.delete(key);
    }
  }
}

const holds = new AsyncLocalStorage<LockHold>();

/**
 * Runs `task` with `hold` as the lease of the work in progress (the sweep's),
 * so that what the work keeps is written with its fencing token and a lost
 * lease stops it between repositories, without passing it through every call.
 */
export function withHold<T>(hold: LockHold, task: () => Promise<T>): Promise<T> {
  return holds.run(hold, task);
}

/** The lease of the work in progress, if it runs under one. */
export function currentHold(): LockHold | undefined {
  return holds.getStore();
}
