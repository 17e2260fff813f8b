/**
 * Paces one platform's API calls per installation (or per GitLab token) so
 * that frontdesk never trips a secondary rate limit: writes stay within
 * sliding per-minute and per-hour windows, calls in flight stay under a cap,
 * and when the platform still says "slow down" the whole lane waits as long
 * as it was told. Urgent work (an emergency's intake) goes first and may use
 * a reserve of writes that normal and background work leave free, so it never
 * waits behind a burst or a sweep.
 */

import { GITHUB_LIMITS } from "./limits.js";
import { WriteLog } from "./write-log.js";

export type Priority = "urgent" | "normal" | "background";

const RANK: Record<Priority, number> = { urgent: 0, normal: 1, background: 2 };

export interface PacerLimits {
  /** Calls in flight per lane. */
  concurrent: number;
  /** Writes per sliding minute and hour, for urgent work; others leave `reserve` of them free. */
  writesPerMinute: number;
  writesPerHour: number;
  /** Writes per minute (and hour) kept free for urgent work. */
  reserve: number;
  /** Background work (sweeps, reminders) leaves this many more free for webhooks. */
  backgroundReserve: number;
}

interface Waiting {
  write: boolean;
  priority: Priority;
  seq: number;
  /** Called with the time the write was counted at (undefined for a read). */
  start: (countedAt: number | undefined) => void;
}

interface Lane {
  inFlight: number;
  /** Recent writes, counted at their start and moved to their answer. */
  writes: WriteLog;
  waiting: Waiting[];
  pausedUntil: number;
  timer?: NodeJS.Timeout;
}

export interface PacerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(timer: NodeJS.Timeout): void;
}

/**
 * What the platforms' pacing plugins call: the process's own {@link Pacer},
 * or with REDIS_URL one whose write windows and pauses every replica shares
 * (runtime/redis/pacer.ts).
 */
export interface Pacing {
  /** Runs `task` in `lane` when the limits allow it. */
  run<T>(lane: string, options: { write: boolean; priority: Priority }, task: () => Promise<T>): Promise<T>;
  /** The platform said "slow down": nothing more starts in this lane for `ms`. */
  pause(lane: string, ms: number): void;
  /** Calls waiting in a lane, for logs and benchmarks. */
  waiting(lane: string): number;
}

export const SYSTEM_CLOCK: PacerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer),
};

export class Pacer implements Pacing {
  readonly #lanes = new Map<string, Lane>();
  #seq = 0;

  constructor(
    private readonly limits: PacerLimits = GITHUB_LIMITS,
    private readonly clock: PacerClock = SYSTEM_CLOCK,
  ) {}

  /** Runs `task` in `lane` when the limits allow it. */
  async run<T>(lane: string, options: { write: boolean; priority: Priority }, task: () => Promise<T>): Promise<T> {
    const state = this.#lane(lane);
    const countedAt = await new Promise<number | undefined>((resolve) => {
      const entry = { ...options, seq: this.#seq++, start: resolve };
      // Kept in order of priority, then arrival, as they come.
      const at = state.waiting.findIndex((queued) => RANK[queued.priority] > RANK[entry.priority]);
      state.waiting.splice(at === -1 ? state.waiting.length : at, 0, entry);
      this.#dispatch(lane, state);
    });
    try {
      return await task();
    } finally {
      // The platform counts a write when it arrives, somewhere between our start
      // and its answer: counting from the answer keeps our window behind theirs.
      if (countedAt !== undefined) state.writes.move(countedAt, this.clock.now());
      state.inFlight--;
      this.#dispatch(lane, state);
    }
  }

  /** The platform said "slow down": nothing more starts in this lane for `ms`. */
  pause(lane: string, ms: number): void {
    const state = this.#lane(lane);
    state.pausedUntil = Math.max(state.pausedUntil, this.clock.now() + ms);
    this.#dispatch(lane, state);
  }

  /** Calls waiting in a lane, for logs and benchmarks. */
  waiting(lane: string): number {
    return this.#lanes.get(lane)?.waiting.length ?? 0;
  }

  #lane(name: string): Lane {
    let lane = this.#lanes.get(name);
    if (!lane) {
      lane = { inFlight: 0, writes: new WriteLog(), waiting: [], pausedUntil: 0 };
      this.#lanes.set(name, lane);
    }
    return lane;
  }

  #dispatch(name: string, lane: Lane): void {
    const now = this.clock.now();
    lane.writes.prune(now - 3_600_000);
    let retryAt = Number.POSITIVE_INFINITY;
    if (now < lane.pausedUntil) retryAt = lane.pausedUntil;
    else {
      // Once a write must wait, every write behind it (same or lower priority) must too; reads go on.
      let writesBlocked = false;
      for (let index = 0; index < lane.waiting.length && lane.inFlight < this.limits.concurrent; ) {
        const next = lane.waiting[index]!;
        if (next.write) {
          const wait = writesBlocked ? 1 : this.#writeWait(lane, next.priority, now);
          if (wait > 0) {
            if (!writesBlocked) retryAt = Math.min(retryAt, now + wait);
            writesBlocked = true;
            index++;
            continue;
          }
          lane.writes.add(now);
        }
        lane.waiting.splice(index, 1);
        lane.inFlight++;
        next.start(next.write ? now : undefined);
      }
    }
    if (lane.timer) this.clock.clearTimeout(lane.timer);
    lane.timer = undefined;
    if (lane.waiting.length > 0 && Number.isFinite(retryAt)) {
      // Not unref'd: calls are waiting on it, and a command-line sweep must not exit under them.
      lane.timer = this.clock.setTimeout(() => this.#dispatch(name, lane), Math.max(1, retryAt - now));
    }
    const idle = lane.waiting.length === 0 && lane.inFlight === 0 && lane.writes.size === 0;
    if (idle && lane.pausedUntil <= now) this.#lanes.delete(name);
  }

  /** Milliseconds until a write of this priority fits both windows (0: now). */
  #writeWait(lane: Lane, priority: Priority, now: number): number {
    const held = priority === "urgent" ? 0 : this.limits.reserve + (priority === "background" ? this.limits.backgroundReserve : 0);
    const perMinute = this.limits.writesPerMinute - held;
    const perHour = this.limits.writesPerHour - held;
    const wait = Math.max(lane.writes.waitFor(perMinute, 60_000, now), lane.writes.waitFor(perHour, 3_600_000, now));
    return Math.max(0, wait);
  }
}
