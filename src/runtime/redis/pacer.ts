import type { Redis } from "ioredis";
import type { Broadcast } from "../broadcast.js";
import { SYSTEM_CLOCK, type PacerClock, type PacerLimits, type Pacing, type Priority } from "../pacer.js";
import { defineScript, KEY_PREFIX, type Script } from "./connect.js";

/**
 * The pacer with its write windows in Redis, for several replicas: every
 * write of a lane (a GitHub installation, a GitLab token) takes its place in
 * one sorted set per lane in one atomic script, so that all replicas
 * together stay within the platform's per-minute and per-hour limits, with
 * the same reserves for urgent and background work as the process's own
 * Pacer. A "slow down" pauses the lane in Redis (every later write waits it
 * out) and is broadcast, so that reads on every replica wait too. Which call
 * goes next, and how many are in flight, each replica decides as the Pacer
 * does; times are Redis's clock, not the replicas'.
 */

const RANK: Record<Priority, number> = { urgent: 0, normal: 1, background: 2 };
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * KEYS: writes (sorted set: id -> time), pause, id counter. ARGV: writes a
 * minute, writes an hour. Returns {0, id} when the write may start now,
 * {ms, 0} when it must wait, {-1, ms} while the lane is paused.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {-1, paused} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ${HOUR})
local perMinute = tonumber(ARGV[1])
local perHour = tonumber(ARGV[2])
local wait = 0
local minute = redis.call('ZCOUNT', KEYS[1], now - ${MINUTE} + 1, '+inf')
if minute >= perMinute then
  local leaving = redis.call('ZRANGEBYSCORE', KEYS[1], now - ${MINUTE} + 1, '+inf', 'WITHSCORES', 'LIMIT', minute - perMinute, 1)
  wait = math.max(wait, tonumber(leaving[2]) + ${MINUTE} - now)
end
local hour = redis.call('ZCARD', KEYS[1])
if hour >= perHour then
  local leaving = redis.call('ZRANGE', KEYS[1], hour - perHour, hour - perHour, 'WITHSCORES')
  wait = math.max(wait, tonumber(leaving[2]) + ${HOUR} - now)
end
if wait > 0 then return {math.max(1, wait), 0} end
local id = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], now, id)
redis.call('PEXPIRE', KEYS[1], ${HOUR})
redis.call('PEXPIRE', KEYS[3], ${HOUR})
return {0, id}`;

/** The platform counts a write when it arrives, somewhere before its answer: move it to the answer, as the Pacer does. */
const SETTLE = `
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], 'XX', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
return 1`;

const PAUSE = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1`;

interface Waiting {
  write: boolean;
  rank: number;
  start: (id: number | undefined) => void;
}

interface Lane {
  inFlight: number;
  waiting: Waiting[];
  pausedUntil: number;
  /** A take is on its way to Redis: one at a time per lane. */
  taking: boolean;
  /** Writes of this rank or lower wait until then (the window is full for them). */
  blocked?: { rank: number; until: number };
  timer?: NodeJS.Timeout;
}

export class SharedPacer implements Pacing {
  readonly #lanes = new Map<string, Lane>();
  readonly #take: Script;
  readonly #settle: Script;
  readonly #pause: Script;

  constructor(
    redis: Redis,
    private readonly broadcast: Broadcast,
    /** Which limits these are (`github`, `gitlab-requests`, `gitlab-notes`): a lane's keys and broadcasts carry it. */
    private readonly name: string,
    private readonly limits: PacerLimits,
    private readonly clock: PacerClock = SYSTEM_CLOCK,
  ) {
    this.#take = defineScript(redis, "frontdeskPaceTake", 3, TAKE);
    this.#settle = defineScript(redis, "frontdeskPaceSettle", 1, SETTLE);
    this.#pause = defineScript(redis, "frontdeskPacePause", 1, PAUSE);
    broadcast.subscribe(`pause:${name}`, (message) => {
      if (typeof message.lane === "string" && typeof message.ms === "number") this.#pauseHere(message.lane, message.ms);
    });
  }

  async run<T>(lane: string, options: { write: boolean; priority: Priority }, task: () => Promise<T>): Promise<T> {
    const state = this.#lane(lane);
    const id = await new Promise<number | undefined>((start) => {
      const entry = { write: options.write, rank: RANK[options.priority], start };
      const at = state.waiting.findIndex((queued) => queued.rank > entry.rank);
      state.waiting.splice(at === -1 ? state.waiting.length : at, 0, entry);
      this.#dispatch(lane, state);
    });
    try {
      return await task();
    } finally {
      if (id !== undefined) this.#settle([this.#key(lane, "w")], [id]).catch(() => undefined);
      state.inFlight--;
      this.#dispatch(lane, state);
    }
  }

  pause(lane: string, ms: number): void {
    this.#pause([this.#key(lane, "p")], [Math.ceil(ms)]).catch(() => undefined);
    this.broadcast.publish(`pause:${this.name}`, { lane, ms });
    this.#pauseHere(lane, ms);
  }

  waiting(lane: string): number {
    return this.#lanes.get(lane)?.waiting.length ?? 0;
  }

  #pauseHere(lane: string, ms: number): void {
    const state = this.#lane(lane);
    state.pausedUntil = Math.max(state.pausedUntil, this.clock.now() + ms);
    this.#dispatch(lane, state);
  }

  #key(lane: string, part: string): string {
    return `${KEY_PREFIX}pace:${this.name}:${lane}:${part}`;
  }

  #lane(name: string): Lane {
    let lane = this.#lanes.get(name);
    if (!lane) this.#lanes.set(name, (lane = { inFlight: 0, waiting: [], pausedUntil: 0, taking: false }));
    return lane;
  }

  #dispatch(name: string, lane: Lane): void {
    const now = this.clock.now();
    let retryAt = Number.POSITIVE_INFINITY;
    if (now < lane.pausedUntil) retryAt = lane.pausedUntil;
    else {
      // One write asks Redis at a time; the reads behind it go on meanwhile.
      let writesBlocked = lane.taking;
      for (let index = 0; index < lane.waiting.length && lane.inFlight < this.limits.concurrent; ) {
        const next = lane.waiting[index]!;
        if (!next.write) {
          lane.waiting.splice(index, 1);
          lane.inFlight++;
          next.start(undefined);
          continue;
        }
        index++;
        if (writesBlocked) continue;
        writesBlocked = true;
        const blocked = lane.blocked;
        if (blocked && blocked.until > now && next.rank >= blocked.rank) {
          retryAt = Math.min(retryAt, blocked.until);
          continue;
        }
        this.#startTake(name, lane, next);
      }
    }
    if (lane.timer) this.clock.clearTimeout(lane.timer);
    lane.timer = undefined;
    if (lane.waiting.length > 0 && Number.isFinite(retryAt)) {
      lane.timer = this.clock.setTimeout(() => this.#dispatch(name, lane), Math.max(1, retryAt - now));
    }
    if (lane.waiting.length === 0 && lane.inFlight === 0 && !lane.taking && lane.pausedUntil <= now) this.#lanes.delete(name);
  }

  /** Asks Redis for a place in the windows for `entry`, holding a place in flight for it meanwhile. */
  #startTake(name: string, lane: Lane, entry: Waiting): void {
    lane.taking = true;
    lane.inFlight++;
    const held = entry.rank === RANK.urgent ? 0 : this.limits.reserve + (entry.rank === RANK.background ? this.limits.backgroundReserve : 0);
    const keys = [this.#key(name, "w"), this.#key(name, "p"), this.#key(name, "n")];
    this.#take(keys, [this.limits.writesPerMinute - held, this.limits.writesPerHour - held]).then(
      (result) => {
        const [wait, value] = result as [number, number];
        lane.taking = false;
        const index = lane.waiting.indexOf(entry);
        if (wait === 0 && index >= 0) {
          lane.waiting.splice(index, 1);
          entry.start(value);
        } else {
          lane.inFlight--;
          const now = this.clock.now();
          if (wait === -1) lane.pausedUntil = Math.max(lane.pausedUntil, now + value);
          else if (wait > 0) lane.blocked = { rank: entry.rank, until: now + wait };
        }
        this.#dispatch(name, lane);
      },
      () => {
        // Redis failed the command (the connection waits through outages): try again in a moment.
        lane.taking = false;
        lane.inFlight--;
        lane.blocked = { rank: entry.rank, until: this.clock.now() + 1_000 };
        this.#dispatch(name, lane);
      },
    );
  }
}
