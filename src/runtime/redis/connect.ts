import { randomUUID } from "node:crypto";
import { Redis, type RedisOptions } from "ioredis";
import type { Log } from "../../desk/port.js";

/**
 * frontdesk's connections to the Redis in REDIS_URL. Three, because they
 * behave differently while Redis is away: commands that may wait for the
 * reconnect (locks, pacing, what the sweep keeps), commands that must fail at
 * once (admitting a delivery, which is then answered 503 so that the platform
 * or the sweep brings it back), and subscriptions. ioredis reconnects by itself;
 * an outage and the reconnect are each logged once.
 */

/** Every key frontdesk writes starts with this, so that a Redis can be shared. */
export const KEY_PREFIX = "frontdesk:";

export interface RedisConnections {
  /** Commands that wait for a reconnect. */
  readonly commands: Redis;
  /** Commands that fail at once while Redis is unreachable. */
  readonly admission: Redis;
  /** Pub/sub. */
  readonly subscriber: Redis;
  /** How BullMQ's workers connect (they need their own, blocking connections). */
  readonly options: RedisOptions;
  /** This process among the replicas: a lease's owner, a message's origin. */
  readonly replica: string;
  close(): Promise<void>;
}

/** Connects lazily; the first command waits for (or, on `admission`, fails without) the connection. */
export function connectRedis(url: string, log: Log): RedisConnections {
  // Reconnect quickly at first, then every second: an outage of a few seconds costs little.
  const retryStrategy = (times: number) => Math.min(50 * times, 1_000);
  const base: RedisOptions = { retryStrategy, lazyConnect: false, connectionName: "frontdesk" };
  const commands = new Redis(url, { ...base, maxRetriesPerRequest: null });
  const admission = new Redis(url, { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  const subscriber = new Redis(url, { ...base, maxRetriesPerRequest: null });
  let down = false;
  commands.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ err: { type: error.name, message: error.message } }, "Redis is unreachable: deliveries are refused with 503 until it is back; reconnecting");
  });
  commands.on("ready", () => {
    if (!down) return;
    down = false;
    log.info("Redis is reachable again");
  });
  // Their errors are the same outage, already logged once.
  admission.on("error", () => undefined);
  subscriber.on("error", () => undefined);
  return {
    commands,
    admission,
    subscriber,
    options: { ...base, maxRetriesPerRequest: null, ...redisOptionsOf(url) },
    replica: randomUUID(),
    close: async () => {
      await Promise.allSettled([commands.quit(), admission.quit(), subscriber.quit()]);
      commands.disconnect();
      admission.disconnect();
      subscriber.disconnect();
    },
  };
}

/** Host, port, credentials, database and TLS from the URL, as ioredis reads them, for BullMQ. */
function redisOptionsOf(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.replace(/^\//u, "") || 0);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(Number.isInteger(db) ? { db } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
  };
}

/**
 * A warning for errors that come in bursts (a queue's, a worker's): the first
 * is logged at once, the next at most once per `intervalMs`, saying how many
 * were left out in between. An outage is logged once, by connectRedis.
 */
export function throttledWarn(log: Log, message: string, intervalMs = 60_000, now: () => number = Date.now): (error: Error) => void {
  let loggedAt = Number.NEGATIVE_INFINITY;
  let left = 0;
  return (error) => {
    const at = now();
    if (at - loggedAt < intervalMs) {
      left++;
      return;
    }
    log.warn({ err: { type: error.name, message: error.message }, ...(left > 0 ? { leftOut: left } : {}) }, message);
    loggedAt = at;
    left = 0;
  };
}

/**
 * Resolves once `redis` is connected, waiting at most `timeoutMs`: a
 * connection that fails at once while Redis is away (the admission one)
 * still waits for its first connection, so that a replica that just started
 * does not refuse the first deliveries.
 */
export async function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", ready);
      reject(new Error(`Redis not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", ready);
  });
}

/** A Lua script run atomically, defined once per connection with ioredis' defineCommand. */
export type Script = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/** Defines `lua` on `redis` under `name` and returns a function that runs it; `keyCount` undefined: as many keys as given. */
export function defineScript(redis: Redis, name: string, keyCount: number | undefined, lua: string): Script {
  if (!(name in redis)) redis.defineCommand(name, keyCount === undefined ? { lua } : { numberOfKeys: keyCount, lua });
  const command = (redis as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[name]!;
  return (keys, args) => (keyCount === undefined ? command.call(redis, keys.length, ...keys, ...args) : command.call(redis, ...keys, ...args));
}
