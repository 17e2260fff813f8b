import type { Log } from "./port.js";
import { withHold, type Lease } from "../runtime/lock.js";
import { withPriority } from "../runtime/priority.js";
import { parseSweepInterval } from "../runtime/sweep-interval.js";
import { addSummary, createSummary, formatSummary, type SweepSummary } from "./sweep-summary.js";

/** One platform's sweep: every repository or project it serves, once. */
export interface Sweep {
  /** `github` or `gitlab`, for the log. */
  readonly platform: string;
  run(now: Date, log: Log): Promise<SweepSummary>;
}

/** Where a platform registers its sweep (the server's runner). */
export interface SweepRegistry {
  add(sweep: Sweep): void;
}

/** The timer functions the runner uses; tests pass their own. */
export interface SweepTimers {
  setInterval(callback: () => void, ms: number): NodeJS.Timeout;
  clearInterval(timer: NodeJS.Timeout): void;
}

/** What a runner needs: where to log, the clock, and how often to sweep. */
export interface SweepRunnerOptions {
  log: Log;
  now: () => Date;
  /** Milliseconds between periodic sweeps; 0: none (on demand only). */
  intervalMs: number;
  /**
   * A first sweep this long after the start, so that what a crash or a
   * restart lost is found soon, not one whole interval later.
   */
  startupDelayMs?: number;
  timers?: SweepTimers;
  /**
   * One sweep at a time beyond this process: with REDIS_URL a Redis lease
   * that every replica and `frontdesk sweep` take; a sweep that finds it held
   * is skipped. What the sweep keeps is written with the lease's fencing token.
   */
  lease?: Lease;
}

const SYSTEM_TIMERS: SweepTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (timer) => clearInterval(timer),
};

/**
 * Runs the platforms' sweeps, one sweep at a time per process (and with a
 * shared lease, across replicas and `frontdesk sweep`): a sweep that is due
 * while another still runs is skipped, not queued. Everything a sweep calls
 * is paced at background priority, behind every webhook.
 */
export class SweepRunner implements SweepRegistry {
  readonly #sweeps: Sweep[] = [];
  readonly #options: SweepRunnerOptions;
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #startup: NodeJS.Timeout | undefined;

  constructor(options: SweepRunnerOptions) {
    this.#options = options;
  }

  add(sweep: Sweep): void {
    this.#sweeps.push(sweep);
  }

  /** Sweeps every platform once; undefined when a sweep was already running. */
  async run(): Promise<SweepSummary | undefined> {
    const { log } = this.#options;
    if (this.#running) {
      log.info("sweep skipped: the previous one is still running");
      return undefined;
    }
    this.#running = true;
    try {
      if (!this.#options.lease) return await this.#sweepAll();
      const outcome = await this.#options.lease.tryRun("sweep", (hold) => withHold(hold, () => this.#sweepAll()));
      if (outcome.ran) return outcome.value;
      log.info("sweep skipped: another replica or frontdesk sweep is sweeping");
      return undefined;
    } finally {
      this.#running = false;
    }
  }

  async #sweepAll(): Promise<SweepSummary> {
    const { log } = this.#options;
    const now = this.#options.now();
    const total = createSummary();
    log.info({ platforms: this.#sweeps.map((sweep) => sweep.platform) }, "sweep started");
    await withPriority("background", async () => {
      // Platforms have their own limits: a rate limit on one does not stop the other.
      for (const sweep of this.#sweeps) {
        try {
          addSummary(total, await sweep.run(now, log));
        } catch (error) {
          total.errors++;
          log.error({ err: error, platform: sweep.platform }, "sweep failed");
        }
      }
    });
    log.info({ ...total }, `sweep done: ${formatSummary(total)}`);
    return total;
  }

  /** Sweeps every interval from now on; the timer never keeps the process alive. */
  start(): void {
    const { intervalMs, log } = this.#options;
    if (this.#timer || intervalMs <= 0 || this.#sweeps.length === 0) return;
    const timers = this.#options.timers ?? SYSTEM_TIMERS;
    this.#timer = timers.setInterval(() => {
      this.run().catch((error: unknown) => log.error({ err: error }, "sweep failed"));
    }, intervalMs);
    this.#timer.unref?.();
    const { startupDelayMs } = this.#options;
    if (startupDelayMs !== undefined && startupDelayMs < intervalMs) {
      this.#startup = setTimeout(() => {
        this.run().catch((error: unknown) => log.error({ err: error }, "sweep failed"));
      }, startupDelayMs);
      this.#startup.unref();
    }
    log.info({ intervalMs, platforms: this.#sweeps.map((sweep) => sweep.platform) }, "periodic sweep started");
  }

  stop(): void {
    if (this.#startup) clearTimeout(this.#startup);
    this.#startup = undefined;
    if (!this.#timer) return;
    (this.#options.timers ?? SYSTEM_TIMERS).clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** The server's runner, every SWEEP_INTERVAL (default 5 minutes); throws SweepIntervalError for a bad value. */
export function createSweepRunnerFromEnv(env: NodeJS.ProcessEnv, log: Log, now: () => Date = () => new Date(), lease?: Lease): SweepRunner {
  return new SweepRunner({ log, now, intervalMs: parseSweepInterval(env.SWEEP_INTERVAL), startupDelayMs: 30_000, ...(lease ? { lease } : {}) });
}
