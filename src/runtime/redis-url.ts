import { SettingsError } from "./settings.js";

/**
 * REDIS_URL, read and checked without loading anything of Redis: a process
 * without it never loads ioredis or BullMQ (runtime/shared-state.ts).
 */

/** REDIS_URL is not a Redis URL. */
export class RedisSettingsError extends SettingsError {
  override readonly name = "RedisSettingsError";
}

/**
 * REDIS_URL checked: `redis://` or `rediss://` (TLS), with a host. The value
 * is never shown: it may carry a password.
 *
 * @throws RedisSettingsError
 */
export function readRedisUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env.REDIS_URL?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RedisSettingsError("REDIS_URL is not a URL: use redis://[user:password@]host:6379[/db] (rediss:// for TLS)");
  }
  if ((url.protocol !== "redis:" && url.protocol !== "rediss:") || !url.hostname) {
    throw new RedisSettingsError("REDIS_URL is not a Redis URL: use redis://[user:password@]host:6379[/db] (rediss:// for TLS)");
  }
  return value;
}
