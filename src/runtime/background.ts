import type { LogContext, LogFields } from "./log-context.js";
import { SYSTEM_CLOCK, type PacerClock, type Priority } from "./pacer.js";

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
 *
 * Answers first: while deliveries arrive close behind each other (a burst),
 * work that is not urgent waits to start until they pause for `settleMs`, or
 * until it has waited `maxDeferMs`. Each delivery is then answered without
 * queueing behind the work of the ones before it, and the work, which pacing
 * spreads over minutes in a burst anyway, starts a moment later. A delivery
 * on its own starts its work at once.
 *
 * Fair to tenants: what waits or runs is bounded per tenant (a GitHub
 * installation, a GitLab top-level group) as well as in total, so that one
 * client flooding frontdesk fills its own share and no more. Urgent work of a
 * tenant below its share is admitted beyond the total, into a reserve, so an
 * emergency is not refused because other tenants filled the queue. A refused
 * delivery is answered 503: GitHub shows it as failed (it can be redelivered)
 * and the sweep finds the issue either way.
 *
 * At shutdown the server stops taking deliveries and waits for `idle()`;
 * what is still `unfinished()` at its deadline is logged by issue.
 */

const RANK: Record<Priority, number> = { urgent: 0, normal: 1, background: 2 };

interface Queued {
  label: string;
  /** The delivery's identifiers, on every line its work logs. */
  fields: LogFields;
  tenant: string;
  task: () => Promise<unknown>;
  rank: number;
  queuedAt: number;
}

interface Lane {
  running: number;
  queue: Queued[];
}

export interface BackgroundOptions {
  /** Deliveries worked on at once in one lane (urgent ones do not wait for a place). */
  concurrency: number;
  /**
   * Beyond this many waiting or running in total, new work is refused, urgent
   * work only beyond `limit + urgentReserve`. Each waiting delivery holds its
   * parsed payload (a few to some tens of KB), so this bounds memory to a few
   * hundred MB at worst.
   */
  limit: number;
  /**
   * Beyond this many waiting or running for one tenant, its new work is
   * refused, urgent work included. A fifth of `limit`: at GitHub's 80 writes a
   * minute per installation, 2,000 new tickets are hours of work already, better
   * left to redelivery and the sweep than held in memory; and it takes five
   * tenants flooding at once to fill the total.
   */
  tenantLimit: number;
  /**
   * Room beyond `limit` for urgent work of tenants below `tenantLimit`, so that
   * a quiet client's emergency is admitted while others keep the queue full
   * (a tenth of `limit`: urgent deliveries are rare and short-lived).
   */
  urgentReserve: number;
  /** In a burst, work that is not urgent starts once no delivery arrived for this long (0: at once). */
  settleMs: number;
  /** ... or once it has waited this long, so that a steady stream of deliveries cannot starve it. */
  maxDeferMs: number;
  clock: PacerClock;
  /** Where each task's fields are put on its log lines; without it, they are only in the failure's line. */
  context?: LogContext;
}

/** Work accepted and not done: waiting for its turn, or running. */
export interface UnfinishedWork {
  label: string;
  fields: LogFields;
  running: boolean;
}

export class BackgroundWork {
  #pending = 0;
  /** Waiting and running per tenant; a tenant with none has no entry. */
  readonly #tenants = new Map<string, number>();
  readonly #lanes = new Map<string, Lane>();
  readonly #running = new Set<Queued>();
  #idle: (() => void)[] = [];
  readonly #options: BackgroundOptions;
  #lastArrival = Number.NEGATIVE_INFINITY;
  /** Until when a burst holds back work that is not urgent. */
  #quietAt = Number.NEGATIVE_INFINITY;
  #wake: NodeJS.Timeout | undefined;

  constructor(
    private readonly onError: (error: unknown, label: string, fields: LogFields) => void,
    options: Partial<BackgroundOptions> = {},
  ) {
    this.#options = { concurrency: 4, limit: 10_000, tenantLimit: 2_000, urgentReserve: 1_000, settleMs: 20, maxDeferMs: 1_000, clock: SYSTEM_CLOCK, ...options };
  }

  /** Waiting and running tasks. */
  get pending(): number {
    return this.#pending;
  }

  /** Waiting and running tasks of one tenant. */
  pendingOf(tenant: string): number {
    return this.#tenants.get(tenant) ?? 0;
  }

  /**
   * Queues `task` in `laneName` unless its tenant's or the total limit is
   * reached; false when refused. The tenant is the lane unless said otherwise
   * (a GitLab instance is one lane, each top-level group a tenant). `fields`
   * name the delivery on every line its work logs, and at shutdown.
   */
  start(
    label: string,
    task: () => Promise<unknown>,
    priority: Priority = "normal",
    laneName = "default",
    tenant = laneName,
    fields: LogFields = {},
  ): boolean {
    if (!this.#admits(priority, tenant)) return false;
    this.#pending++;
    this.#tenants.set(tenant, this.pendingOf(tenant) + 1);
    const now = this.#options.clock.now();
    if (now - this.#lastArrival < this.#options.settleMs) this.#quietAt = now + this.#options.settleMs;
    this.#lastArrival = now;
    let lane = this.#lanes.get(laneName);
    if (!lane) this.#lanes.set(laneName, (lane = { running: 0, queue: [] }));
    const entry = { label, fields, tenant, task, rank: RANK[priority], queuedAt: now };
    if (entry.rank === RANK.urgent) this.#run(laneName, lane, entry);
    else {
      const at = lane.queue.findIndex((queued) => queued.rank > entry.rank);
      lane.queue.splice(at === -1 ? lane.queue.length : at, 0, entry);
      this.#next(laneName, lane);
    }
    return true;
  }

  #admits(priority: Priority, tenant: string): boolean {
    const { limit, tenantLimit, urgentReserve } = this.#options;
    if (this.pendingOf(tenant) >= tenantLimit) return false;
    return this.#pending < (priority === "urgent" ? limit + urgentReserve : limit);
  }

  /** What is waiting or running, running first. */
  unfinished(): UnfinishedWork[] {
    const running = [...this.#running].map(({ label, fields }) => ({ label, fields, running: true }));
    const waiting = [...this.#lanes.values()].flatMap((lane) => lane.queue.map(({ label, fields }) => ({ label, fields, running: false })));
    return [...running, ...waiting];
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  #next(name: string, lane: Lane): void {
    while (lane.running < this.#options.concurrency && lane.queue.length > 0) {
      const wait = this.#waitFor(lane.queue[0]!);
      if (wait > 0) {
        this.#wakeIn(wait);
        break;
      }
      this.#run(name, lane, lane.queue.shift()!);
    }
    if (lane.running === 0 && lane.queue.length === 0) this.#lanes.delete(name);
  }

  /** Milliseconds until `entry` may start: 0 unless a burst holds it back. */
  #waitFor(entry: Queued): number {
    const now = this.#options.clock.now();
    return Math.max(0, Math.min(this.#quietAt - now, entry.queuedAt + this.#options.maxDeferMs - now));
  }

  /** One timer for all lanes: when it fires, every lane starts what it may. */
  #wakeIn(ms: number): void {
    if (this.#wake) return;
    this.#wake = this.#options.clock.setTimeout(() => {
      this.#wake = undefined;
      for (const [name, lane] of [...this.#lanes]) this.#next(name, lane);
    }, Math.ceil(ms));
  }

  #run(name: string, lane: Lane, entry: Queued): void {
    const { label, fields, tenant, task } = entry;
    lane.running++;
    this.#running.add(entry);
    const context = this.#options.context;
    // After the I/O phase: the answer to the delivery that queued this goes out first.
    void new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (context ? context.run(fields, task) : task()))
      .catch((error: unknown) => this.onError(error, label, fields))
      .finally(() => {
        lane.running--;
        this.#running.delete(entry);
        this.#pending--;
        const left = this.pendingOf(tenant) - 1;
        if (left > 0) this.#tenants.set(tenant, left);
        else this.#tenants.delete(tenant);
        if (!this.#lanes.has(name) && (lane.running > 0 || lane.queue.length > 0)) this.#lanes.set(name, lane);
        this.#next(name, lane);
        if (this.#pending === 0) this.#idle.splice(0).forEach((resolve) => resolve());
      });
  }
}
