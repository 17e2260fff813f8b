import { Queue, Worker, type Job } from "bullmq";
import type { Log } from "../../desk/port.js";
import type { BackgroundWork } from "../background.js";
import { withDeadline } from "../deadline.js";
import type { DeliveryQueue, DeliveryWorker, QueuedDelivery } from "../delivery-queue.js";
import type { Priority } from "../pacer.js";
import { throttledWarn, type RedisConnections } from "./connect.js";

/**
 * The replicas' delivery queue on BullMQ. A delivery is a job whose id is
 * the delivery's own, so a redelivery to another replica is the same job;
 * an emergency has the highest priority. Every replica works on jobs through
 * its own BackgroundWork (lanes per tenant, urgent work at once, answers
 * first in a burst, what /healthz and a shutdown count). A job whose replica
 * dies holds a lock that runs out and is then taken up by another replica
 * (BullMQ's stalled jobs). Jobs are tried once, as a single process does: a
 * failure is logged and the sweep finds what it left undone.
 */

/** BullMQ: 1 is the highest priority; every job has one, so that none skips the order. */
const PRIORITY: Record<Priority, number> = { urgent: 1, normal: 2, background: 3 };

export interface BullQueueOptions {
  /** Jobs taken at once by one replica; its BackgroundWork paces them further. */
  concurrency: number;
  /** How long a job stays a replica's without its lock being renewed: a dead replica's jobs go to another after this. */
  lockDurationMs: number;
  /** How often each replica looks for jobs whose replica died. */
  stalledIntervalMs: number;
  /** How long admitting a delivery may take before it is refused with 503. */
  admitTimeoutMs: number;
  /** Beyond this many jobs waiting, new deliveries are refused (503), as a single process refuses beyond its limit. */
  limit: number;
}

const DEFAULTS: BullQueueOptions = { concurrency: 32, lockDurationMs: 10_000, stalledIntervalMs: 5_000, admitTimeoutMs: 2_000, limit: 10_000 };

export class BullDeliveryQueue implements DeliveryQueue {
  readonly #queue: Queue;
  readonly #workers = new Map<string, DeliveryWorker>();
  readonly #options: BullQueueOptions;
  #worker: Worker | undefined;
  #waiting = { count: 0, at: 0 };

  constructor(
    private readonly redis: RedisConnections,
    private readonly background: BackgroundWork,
    private readonly log: Log,
    options: Partial<BullQueueOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
    this.#queue = new Queue("deliveries", {
      connection: redis.admission,
      prefix: "frontdesk",
      defaultJobOptions: {
        attempts: 1,
        // Kept a while after it is done, so that a late duplicate is still recognised; payloads are large, so not long.
        removeOnComplete: { age: 600, count: 5_000 },
        removeOnFail: { age: 24 * 60 * 60, count: 5_000 },
      },
    });
    this.#queue.on("error", throttledWarn(log, "the delivery queue could not reach Redis"));
  }

  register(platform: string, worker: DeliveryWorker): void {
    this.#workers.set(platform, worker);
  }

  async submit(delivery: QueuedDelivery): Promise<boolean> {
    try {
      const { admitTimeoutMs } = this.#options;
      return await withDeadline(this.#add(delivery), admitTimeoutMs, () => {
        throw new Error(`no answer from Redis within ${admitTimeoutMs} ms`);
      });
    } catch (error) {
      this.log.warn({ err: error, ...delivery.fields }, "the delivery could not be queued in Redis: refused with 503");
      return false;
    }
  }

  async #add(delivery: QueuedDelivery): Promise<boolean> {
    if (delivery.priority !== "urgent" && (await this.#waitingCount()) >= this.#options.limit) return false;
    await this.#queue.add(delivery.platform, delivery, { jobId: jobIdOf(delivery), priority: PRIORITY[delivery.priority] });
    return true;
  }

  /** Jobs waiting, asked at most once a second. */
  async #waitingCount(): Promise<number> {
    const now = Date.now();
    if (now - this.#waiting.at >= 1_000) this.#waiting = { count: await this.#queue.getWaitingCount(), at: now };
    return this.#waiting.count;
  }

  /** Starts taking jobs, once every platform registered its worker. */
  start(): void {
    if (this.#worker) return;
    const { concurrency, lockDurationMs, stalledIntervalMs } = this.#options;
    this.#worker = new Worker("deliveries", (job: Job<QueuedDelivery>) => this.#process(job.data), {
      connection: this.redis.options,
      prefix: "frontdesk",
      concurrency,
      lockDuration: lockDurationMs,
      stalledInterval: stalledIntervalMs,
      maxStalledCount: 3,
    });
    // A lock that could not be renewed: another replica may take the job up while this one still works on it.
    this.#worker.on("error", throttledWarn(this.log, "the delivery queue's worker failed (Redis unreachable, or a job's lock not renewed: another replica may take that job up too)"));
    this.#worker.on("stalled", (id: string) => this.log.warn({ job: id }, "a delivery whose replica stopped working on it was taken up again"));
  }

  /** Stops taking jobs; those taken go on (a shutdown waits for them). */
  pause(): void {
    void this.#worker?.pause(true).catch(() => undefined);
  }

  /** Stops taking jobs; resolves when the ones taken are done (or closes at once with `force`). */
  async close(force = false): Promise<void> {
    await this.#worker?.close(force).catch(() => undefined);
    await this.#queue.close().catch(() => undefined);
  }

  /** One job, through this replica's BackgroundWork; settles when its work is done. */
  #process(delivery: QueuedDelivery): Promise<unknown> {
    const worker = this.#workers.get(delivery.platform);
    if (!worker) return Promise.reject(new Error(`no worker for ${delivery.platform} deliveries on this replica`));
    return new Promise((resolve, reject) => {
      const task = () =>
        worker(delivery).then(resolve, (error: unknown) => {
          reject(error);
          throw error;
        });
      const { label, priority, lane, tenant, fields } = delivery;
      if (!this.background.start(label, task, priority, lane, tenant, fields)) reject(new Error("too much work in progress on this replica"));
    });
  }
}

/** BullMQ's job ids may not be integers or hold `:`. */
function jobIdOf(delivery: QueuedDelivery): string {
  return `${delivery.platform}-${delivery.id}`.replace(/:/gu, "_");
}
