import type { Redis } from "ioredis";
import type { Log } from "../../desk/port.js";
import { KeyedLock } from "../keyed-lock.js";
import type { Lease, Lock, LockHold } from "../lock.js";
import { defineScript, KEY_PREFIX, type Script } from "./connect.js";

/**
 * Leases in Redis: the per-issue lock that every replica, the sweep and
 * `frontdesk sweep` take, and the sweep's own. A lease is a key holding its
 * owner and a fencing token (one counter for all keys, so a later holder's
 * token is always larger), set only when free, with a time to live that the
 * holder renews while its task runs. A holder that dies loses it when the
 * time runs out; one whose renewal finds the key gone or someone else's has
 * lost it, and its hold's signal says so; so does one that could not renew
 * it within its time to live (Redis unreachable). Waiters in this process queue
 * behind each other first, so only one of them asks Redis at a time.
 */

const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {0, redis.call('PTTL', KEYS[1])} end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
return {token, 0}`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface LeaseOptions {
  /** How long a lease lives unless renewed; renewed every third of it. */
  ttlMs: number;
  /** Longest wait between two tries for a held lease. */
  pollMs: number;
  log?: Log;
}

/** A lease was lost while its task ran (it could not be renewed in time). */
export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
}

export class RedisLeases implements Lock, Lease {
  readonly #local = new KeyedLock();
  readonly #options: LeaseOptions;
  readonly #acquire: Script;
  readonly #renew: Script;
  readonly #release: Script;

  constructor(
    redis: Redis,
    /** This process (the lease's owner), unique among the replicas. */
    private readonly owner: string,
    options: Partial<LeaseOptions> = {},
  ) {
    this.#options = { ttlMs: 10_000, pollMs: 50, ...options };
    this.#acquire = defineScript(redis, "frontdeskLeaseAcquire", 2, ACQUIRE);
    this.#renew = defineScript(redis, "frontdeskLeaseRenew", 1, RENEW);
    this.#release = defineScript(redis, "frontdeskLeaseRelease", 1, RELEASE);
  }

  /** Waits until the key's lease is free, holds it for `task`, then frees it. */
  run<T>(key: string, task: (hold: LockHold) => Promise<T>): Promise<T> {
    return this.#local.run(key, async () => {
      for (;;) {
        const held = await this.#hold(key, task);
        if (held.ran) return held.value;
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(held.wait, this.#options.pollMs))));
      }
    });
  }

  /** Holds the key's lease for `task` if it is free; `{ ran: false }` when another holds it. */
  async tryRun<T>(key: string, task: (hold: LockHold) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const held = await this.#hold(key, task);
    return held.ran ? held : { ran: false };
  }

  async #hold<T>(key: string, task: (hold: LockHold) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false; wait: number }> {
    const lockKey = `${KEY_PREFIX}lease:${key}`;
    const { ttlMs } = this.#options;
    // When the lease runs out unless renewed: counted from before each command was sent, to be safe.
    let renewedAt = Date.now();
    const [token, wait] = (await this.#acquire([lockKey, `${KEY_PREFIX}fence`], [this.owner, ttlMs])) as [number, number];
    if (token === 0) return { ran: false, wait: wait > 0 ? wait : 1 };
    const value = `${this.owner}|${token}`;
    const lost = new AbortController();
    let expiry: NodeJS.Timeout | undefined;
    const lose = (why: string) => {
      if (lost.signal.aborted) return;
      lost.abort(new LeaseLostError(`the lease on ${key} was lost`));
      clearInterval(renewal);
      this.#options.log?.warn({ lease: key, token }, `a lease was lost while its work ran (${why}); another may hold it now`);
    };
    // Renewals wait for Redis while it is away, and fail unseen: the time to live says when the lease is gone.
    const watch = () => {
      const left = renewedAt + ttlMs - Date.now();
      if (left <= 0) lose("not renewed within its time to live: Redis unreachable or slow");
      else (expiry = setTimeout(watch, left)).unref();
    };
    const renewal = setInterval(() => {
      const sentAt = Date.now();
      this.#renew([lockKey], [value, ttlMs]).then(
        (renewed) => {
          if (renewed === 1) renewedAt = Math.max(renewedAt, sentAt);
          else lose("renewed too late");
        },
        () => undefined,
      );
    }, Math.max(1, Math.floor(ttlMs / 3)));
    renewal.unref();
    watch();
    try {
      return { ran: true, value: await task({ token, signal: lost.signal }) };
    } finally {
      clearInterval(renewal);
      clearTimeout(expiry);
      await this.#release([lockKey], [value]).catch(() => undefined);
    }
  }
}
