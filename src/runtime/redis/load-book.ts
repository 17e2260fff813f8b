import type { Redis } from "ioredis";
import type { Log } from "../../desk/port.js";
import type { Broadcast } from "../broadcast.js";
import { LoadBook, type LoadChange } from "../load-book.js";
import { defineScript, KEY_PREFIX } from "./connect.js";

/**
 * A LoadBook that every replica shares: each keeps its own copy for reading
 * (assignment must not wait for Redis), writes every change through to one
 * hash in Redis and tells the others, and starts from what Redis holds. A
 * replica that missed a message (a reconnect) is set right by the next
 * listing of that repository, which replaces its counts everywhere.
 */
export function createSharedLoadBook(redis: Redis, broadcast: Broadcast, platform: string, log?: Log): { book: LoadBook; ready: Promise<void> } {
  const book = new LoadBook();
  const key = `${KEY_PREFIX}load:${platform}`;
  const topic = `load:${platform}`;
  const update = defineScript(redis, "frontdeskLoadUpdate", 1, UPDATE);
  broadcast.subscribe(topic, (message) => book.apply(message as unknown as LoadChange));
  book.onChange = (change) => {
    broadcast.publish(topic, change as unknown as Record<string, unknown>);
    const field = change.repo.toLowerCase();
    // One field per repository: its name, whether it was listed, and the counts, replaced or adjusted in one script.
    void update([key], [field, JSON.stringify(change)]).catch((error: unknown) => log?.warn({ err: error, repo: change.repo }, "load counts could not be written to Redis"));
  };
  const ready = redis.hgetall(key).then(
    (entries) => {
      for (const [field, text] of Object.entries(entries)) {
        // One bad entry (written by hand, or by another version) costs its repository's counts, not the process.
        try {
          const kept = JSON.parse(text) as { name: string; listed: boolean; counts: Record<string, number> };
          if (kept.listed) book.apply({ kind: "record", repo: kept.name, counts: kept.counts });
          else for (const [login, delta] of Object.entries(kept.counts)) book.apply({ kind: "adjust", repo: kept.name, login, delta });
        } catch (error) {
          log?.warn({ err: error, repo: field }, "load counts in Redis could not be read for a repository: skipped; they fill in when the sweep lists it");
        }
      }
    },
    (error: unknown) => log?.warn({ err: error }, "load counts could not be read from Redis; they fill in as the sweep lists each repository"),
  );
  return { book, ready };
}

const UPDATE = `
local change = cjson.decode(ARGV[2])
local kept = redis.call('HGET', KEYS[1], ARGV[1])
local entry
if change.kind == 'record' then
  entry = { name = change.repo, listed = true, counts = change.counts }
else
  entry = kept and cjson.decode(kept) or { name = change.repo, listed = false, counts = {} }
  local count = math.max(0, (tonumber(entry.counts[string.lower(change.login)]) or 0) + change.delta)
  if count == 0 then entry.counts[string.lower(change.login)] = nil else entry.counts[string.lower(change.login)] = count end
end
if next(entry.counts) == nil then entry.counts = cjson.decode('{}') end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
return 1`;
