/**
 * Work a webhook started and the server goes on with after it answered:
 * GitHub and GitLab wait at most 10 seconds for an answer, and pacing may
 * hold a write back longer than that. Failures are logged, never thrown at
 * the HTTP layer; what a crash loses, the sweep finds again.
 */
export class BackgroundWork {
  #pending = 0;
  #idle: (() => void)[] = [];

  constructor(
    private readonly onError: (error: unknown, label: string) => void,
    /** Beyond this many running tasks new work is refused (memory stays bounded). */
    private readonly limit = 10_000,
  ) {}

  get pending(): number {
    return this.#pending;
  }

  /** Starts `task` unless the limit is reached; false when refused. */
  start(label: string, task: () => Promise<unknown>): boolean {
    if (this.#pending >= this.limit) return false;
    this.#pending++;
    void task()
      .catch((error: unknown) => this.onError(error, label))
      .finally(() => {
        this.#pending--;
        if (this.#pending === 0) this.#idle.splice(0).forEach((resolve) => resolve());
      });
    return true;
  }

  /** Resolves when nothing is running. */
  idle(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }
}
