import { localHold, type Lock, type LockHold } from "./lock.js";

/** A lock of this process is never lost, and fences nothing: one hold for every task. */
const PROCESS_HOLD = localHold(0);

/**
 * Runs tasks with the same key one after another, tasks with different keys
 * side by side. Two deliveries for one issue that arrive together must not
 * both see it untriaged. The process's own lock: with REDIS_URL the replicas
 * share a Redis lease instead (runtime/redis/lease.ts), which queues here first.
 */
export class KeyedLock implements Lock {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: (hold: LockHold) => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const start = () => task(PROCESS_HOLD);
    const current = previous.then(start, start);
    const tail = current.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
