import type { Redis } from "ioredis";
import type { KeptState } from "../kept-state.js";
import { currentHold } from "../lock.js";
import { defineScript, KEY_PREFIX, type Script } from "./connect.js";

/**
 * What sweeps keep, in Redis: one key per value, kept a week after its last
 * write. A write made under a lease (the sweep's) carries the lease's fencing
 * token and is refused once a later holder wrote: a sweep that lost its lease
 * while paused cannot overwrite what the sweep after it learned.
 */
const WRITE = `
local fence = tonumber(ARGV[3])
if fence > 0 then
  local latest = tonumber(redis.call('GET', KEYS[2]) or '0')
  if fence < latest then return 0 end
  if fence > latest then redis.call('SET', KEYS[2], fence) end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

export class RedisKeptState implements KeptState {
  readonly #write: Script;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = 7 * 24 * 60 * 60,
  ) {
    this.#write = defineScript(redis, "frontdeskKeptWrite", 2, WRITE);
  }

  async read<T>(key: string): Promise<T | undefined> {
    const text = await this.redis.get(`${KEY_PREFIX}kept:${key}`);
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  async write(key: string, value: unknown): Promise<void> {
    const fence = currentHold()?.token ?? 0;
    await this.#write([`${KEY_PREFIX}kept:${key}`, `${KEY_PREFIX}kept-fence`], [JSON.stringify(value), this.ttlSeconds, fence]);
  }
}
