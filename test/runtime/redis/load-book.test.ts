import { describe, expect, it } from "vitest";
import { RedisBroadcast } from "../../../src/runtime/redis/broadcast.js";
import { createSharedLoadBook } from "../../../src/runtime/redis/load-book.js";
import { useTestRedis } from "../../helpers/redis-server.js";

const redis = useTestRedis();

async function replica(name: string) {
  const [commands, subscriber] = [redis.connect(), redis.connect()];
  const shared = createSharedLoadBook(commands, new RedisBroadcast(commands, subscriber, name), "github");
  await shared.ready;
  // Until the subscription is in place, nothing is heard.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return shared.book;
}

const until = async (check: () => boolean) => {
  for (let tries = 0; tries < 100 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("the shared LoadBook", () => {
  it("tells every replica what one listed and assigned, and a replica that starts later reads it from Redis", async () => {
    const a = await replica("a");
    const b = await replica("b");
    a.record("acme/site", { alice: 2, bob: 1 });
    a.adjust("acme/site", "Carol", 1);
    b.adjust("globex/shop", "alice", 1);
    await until(() => b.countsOf("acme/site")?.carol === 1 && a.elsewhere("acme/site").alice !== undefined);
    expect(b.countsOf("acme/site")).toEqual({ alice: 2, bob: 1, carol: 1 });
    expect(a.elsewhere("acme/site")).toEqual({ alice: { "globex/shop": 1 } });
    // Adjusted but never listed: not counts intake may rely on.
    expect(a.countsOf("globex/shop")).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await replica("c");
    expect(late.countsOf("acme/site")).toEqual({ alice: 2, bob: 1, carol: 1 });
    expect(late.elsewhere("acme/site")).toEqual({ alice: { "globex/shop": 1 } });
  });

  it("skips an entry in Redis that is not what it writes, with a warning, and reads the others", async () => {
    const commands = redis.connect();
    await commands.hset("frontdesk:load:gitlab", "acme/broken", "not json", "acme/null", "null", "acme/site", JSON.stringify({ name: "acme/site", listed: true, counts: { alice: 1 } }));
    const warnings: string[] = [];
    const quiet = () => undefined;
    const log = { debug: quiet, info: quiet, error: quiet, warn: (fields: object | string) => void warnings.push(String((fields as { repo?: string }).repo)) };
    const shared = createSharedLoadBook(commands, new RedisBroadcast(commands, redis.connect(), "d"), "gitlab", log);
    await shared.ready;
    expect(shared.book.countsOf("acme/site")).toEqual({ alice: 1 });
    expect(warnings.sort()).toEqual(["acme/broken", "acme/null"]);
  });
});
