import type { Log } from "../../desk/port.js";
import type { SharedState, SharedStateOptions } from "../shared-state.js";
import { RedisBroadcast } from "./broadcast.js";
import { connectRedis } from "./connect.js";
import { BullDeliveryQueue } from "./delivery-queue.js";
import { RedisKeptState } from "./kept-state.js";
import { RedisLeases } from "./lease.js";
import { createSharedLoadBook } from "./load-book.js";
import { SharedPacer } from "./pacer.js";
import { RedisRecentDeliveries } from "./recent-deliveries.js";

/** The shared state in the Redis at `url` (loaded only when REDIS_URL is set). */
export function createRedisState(url: string, log: Log, options: SharedStateOptions): SharedState {
  const redis = connectRedis(url, log);
  const broadcast = new RedisBroadcast(redis.commands, redis.subscriber, redis.replica, log);
  const leases = new RedisLeases(redis.commands, redis.replica, { log });
  const queue = options.background ? new BullDeliveryQueue(redis, options.background, log) : undefined;
  return {
    where: "redis",
    locks: leases,
    sweepLease: leases,
    broadcast,
    kept: new RedisKeptState(redis.commands),
    pacing: (name, limits) => new SharedPacer(redis.commands, broadcast, name, limits),
    // Read from Redis as it comes: until then, intake lists a repository's open issues as without counts.
    loadBook: (platform) => createSharedLoadBook(redis.commands, broadcast, platform, log).book,
    deliveries: new RedisRecentDeliveries(redis.admission),
    ...(queue ? { queue } : {}),
    start: () => queue?.start(),
    stopTaking: () => queue?.pause(),
    close: async () => {
      // Jobs still running are left to their locks: another replica takes them up when they run out.
      await queue?.close(true);
      await redis.close();
    },
  };
}
