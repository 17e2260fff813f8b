import type { Redis } from "ioredis";
import { defineScript, KEY_PREFIX, whenReady, type Script } from "./connect.js";

/**
 * The record of deliveries taken, shared by the replicas (the GitLab
 * endpoint's RecentDeliveries, in Redis): a delivery that GitLab sends to
 * one replica and again to another (a resend, a project and a group hook) is
 * worked on once. Each key is kept a day. The calls fail at once while Redis
 * is away (the admission connection): the delivery is then refused with 503,
 * and GitLab sends it again.
 */
const CLAIM = `
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for _, key in ipairs(KEYS) do redis.call('SET', key, '1', 'EX', ARGV[1]) end
return 1`;

export class RedisRecentDeliveries {
  readonly #claim: Script;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = 24 * 60 * 60,
  ) {
    this.#claim = defineScript(redis, "frontdeskClaimDelivery", undefined, CLAIM);
  }

  /** Takes the delivery unless one of its keys was taken before; true when it is new. */
  async claim(keys: readonly string[]): Promise<boolean> {
    if (keys.length === 0) return true;
    await whenReady(this.redis, 1_000);
    return (await this.#claim(keys.map(keyOf), [this.ttlSeconds])) === 1;
  }

  /** Forgets a delivery whose work failed (or could not be queued), so that a resend is worked on. */
  async release(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await whenReady(this.redis, 1_000);
    await this.redis.del(...keys.map(keyOf));
  }
}

function keyOf(key: string): string {
  return `${KEY_PREFIX}gitlab-delivery:${key}`;
}
