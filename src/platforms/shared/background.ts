import type { Priority } from "./pacer.js";

/**
 * Work a webhook started and the server goes on with after it answered:
 * GitHub and GitLab wait at most 10 seconds for an answer, and pacing may
 * hold a write back longer than that. Failures are logged, never thrown at
 * the HTTP layer; what a crash loses, the sweep finds again.
 *
 * Deliveries are worked on a few at a time per lane (a GitHub installation,
 * a GitLab instance), the rest wait in order of priority. A burst in one lane
 * cannot crowd the event loop or hold up another lane, and urgent work starts
 * at once, even while the lane's own work waits for its write window.
 */

const RANK: Record<Priority, number> = { urgent: 0, normal: 1, background: 2 };

interface Queued {
  label: string;
  task: () => Promise<unknown>;
  rank: number;
}

interface Lane {
  running: number;
  queue: Queued[];
}

export interface BackgroundOptions {
  /** Deliveries worked on at once in one lane (urgent ones do not wait for a place). */
  concurrency: number;
  /** Beyond this many waiting or running, new work is refused (memory stays bounded). */
  limit: number;
}

export class BackgroundWork {
  #pending = 0;
  readonly #lanes = new Map<string, Lane>();
  #idle: (() => void)[] = [];
  readonly #options: BackgroundOptions;

  constructor(
    private readonly onError: (error: unknown, label: string) => void,
    options: Partial<BackgroundOptions> = {},
  ) {
    this.#options = { concurrency: 4, limit: 10_000, ...options };
  }

  /** Waiting and running tasks. */
  get pending(): number {
    return this.#pending;
  }

  /** Queues `task` unless the limit is reached; false when refused. */
  start(label: string, task: () => Promise<unknown>, priority: Priority = "normal", laneName = "default"): boolean {
    if (this.#pending >= this.#options.limit) return false;
    this.#pending++;
    let lane = this.#lanes.get(laneName);
    if (!lane) this.#lanes.set(laneName, (lane = { running: 0, queue: [] }));
    const entry = { label, task, rank: RANK[priority] };
    if (entry.rank === RANK.urgent) this.#run(laneName, lane, entry);
    else {
      const at = lane.queue.findIndex((queued) => queued.rank > entry.rank);
      lane.queue.splice(at === -1 ? lane.queue.length : at, 0, entry);
      this.#next(laneName, lane);
    }
    return true;
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  #next(name: string, lane: Lane): void {
    while (lane.running < this.#options.concurrency && lane.queue.length > 0) this.#run(name, lane, lane.queue.shift()!);
    if (lane.running === 0 && lane.queue.length === 0) this.#lanes.delete(name);
  }

  #run(name: string, lane: Lane, { label, task }: Queued): void {
    lane.running++;
    // After the I/O phase: the answer to the delivery that queued this goes out first.
    void new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .catch((error: unknown) => this.onError(error, label))
      .finally(() => {
        lane.running--;
        this.#pending--;
        if (!this.#lanes.has(name) && (lane.running > 0 || lane.queue.length > 0)) this.#lanes.set(name, lane);
        this.#next(name, lane);
        if (this.#pending === 0) this.#idle.splice(0).forEach((resolve) => resolve());
      });
  }
}
