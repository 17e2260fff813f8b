/**
 * What frontdesk reads once per repository and then keeps: the configuration
 * and the repository's labels. A push that touches the configuration clears
 * the entry; a time limit bounds what an unseen change (an inherited file in a
 * repository the app is not installed on) can cost.
 */
export interface RepoCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now: () => number;
}

interface Entry {
  expires: number;
  values: Map<string, Promise<unknown>>;
  /** The values whose load has finished, for callers that must not wait. */
  settled: Map<string, unknown>;
}

export class RepoCache {
  readonly #entries = new Map<string, Entry>();
  readonly #options: RepoCacheOptions;

  constructor(options: Partial<RepoCacheOptions> = {}) {
    this.#options = { ttlMs: 60 * 60 * 1000, maxEntries: 5_000, now: Date.now, ...options };
  }

  /** The cached value, or the loader's; concurrent callers share one load, and a failed load is not kept. */
  get<T>(repo: string, field: string, load: () => Promise<T>): Promise<T> {
    const key = repo.toLowerCase();
    let entry = this.#entries.get(key);
    if (!entry || entry.expires <= this.#options.now()) {
      entry = { expires: this.#options.now() + this.#options.ttlMs, values: new Map(), settled: new Map() };
      this.#entries.delete(key);
      if (this.#entries.size >= this.#options.maxEntries) {
        const oldest = this.#entries.keys().next();
        if (!oldest.done) this.#entries.delete(oldest.value);
      }
      this.#entries.set(key, entry);
    }
    const cached = entry.values.get(field) as Promise<T> | undefined;
    if (cached) return cached;
    const { values, settled } = entry;
    const loading = load();
    values.set(field, loading);
    loading.then(
      (value) => {
        if (values.get(field) === loading) settled.set(field, value);
      },
      () => {
        if (values.get(field) === loading) values.delete(field);
      },
    );
    return loading;
  }

  /** The cached value if it has finished loading, without waiting or loading. */
  peek<T>(repo: string, field: string): T | undefined {
    const entry = this.#entries.get(repo.toLowerCase());
    return entry && entry.expires > this.#options.now() ? (entry.settled.get(field) as T | undefined) : undefined;
  }

  /** Replace a cached value (after frontdesk itself changed it, say a label it created). */
  update<T>(repo: string, field: string, update: (value: T) => T): void {
    const values = this.#entries.get(repo.toLowerCase())?.values;
    const cached = values?.get(field) as Promise<T> | undefined;
    if (!values || !cached) return;
    const updated = cached.then(update);
    values.set(field, updated);
    const settled = this.#entries.get(repo.toLowerCase())?.settled;
    // A load that was still running when the update came may fail: then the
    // failure is not kept (the next caller loads again), as in get().
    updated.then(
      (value) => {
        if (values.get(field) === updated) settled?.set(field, value);
      },
      () => {
        if (values.get(field) === updated) values.delete(field);
      },
    );
  }

  clear(repo: string): void {
    this.#entries.delete(repo.toLowerCase());
  }

  /** Forget every repository of an owner: an org-wide or inherited file changed. */
  clearOwner(owner: string): void {
    const prefix = `${owner.toLowerCase()}/`;
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }
}
