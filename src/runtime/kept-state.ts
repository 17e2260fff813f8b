/**
 * What frontdesk learns between sweeps and keeps so as not to ask again: the
 * repositories' open issues as last listed, the listings' ETags, the comments
 * read. Values are JSON. In the process by default (lost at a restart, which
 * costs one full listing); with REDIS_URL in Redis, shared by the replicas and
 * `frontdesk sweep` (runtime/redis/kept-state.ts), where a write under a lease
 * that a later holder took over is refused.
 */
export interface KeptState {
  read<T>(key: string): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
}

/** The process's own, bounded: the least recently used key goes first. */
export class LocalKeptState implements KeptState {
  readonly #values = new Map<string, string>();

  constructor(private readonly maxEntries = 20_000) {}

  async read<T>(key: string): Promise<T | undefined> {
    const text = this.#values.get(key);
    if (text === undefined) return undefined;
    this.#values.delete(key);
    this.#values.set(key, text);
    // A copy, as Redis would give: what the caller changes is not kept until written.
    return JSON.parse(text) as T;
  }

  async write(key: string, value: unknown): Promise<void> {
    this.#values.delete(key);
    this.#values.set(key, JSON.stringify(value));
    if (this.#values.size > this.maxEntries) {
      const oldest = this.#values.keys().next();
      if (!oldest.done) this.#values.delete(oldest.value);
    }
  }
}
