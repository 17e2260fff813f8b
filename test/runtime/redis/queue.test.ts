import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackgroundWork } from "../../../src/runtime/background.js";
import type { QueuedDelivery } from "../../../src/runtime/delivery-queue.js";
import { withHold } from "../../../src/runtime/lock.js";
import { connectRedis, type RedisConnections } from "../../../src/runtime/redis/connect.js";
import { readRedisUrl, RedisSettingsError } from "../../../src/runtime/redis-url.js";
import { BullDeliveryQueue } from "../../../src/runtime/redis/delivery-queue.js";
import { RedisKeptState } from "../../../src/runtime/redis/kept-state.js";
import { RedisRecentDeliveries } from "../../../src/runtime/redis/recent-deliveries.js";
import { startRedis, type TestRedis } from "../../helpers/redis-server.js";

/** The replicas' queue and records on a real Redis. */
let redis: TestRedis;
const opened: RedisConnections[] = [];
const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const connections of opened) await connections.close();
  await redis.stop();
});

function connect(): RedisConnections {
  const connections = connectRedis(redis.url, QUIET);
  opened.push(connections);
  return connections;
}

const delivery = (id: string, priority: QueuedDelivery["priority"] = "normal"): QueuedDelivery => ({
  platform: "github",
  id,
  label: `github issues ${id}`,
  priority,
  lane: "github:1",
  tenant: "github:1",
  fields: { delivery: id },
  data: { id },
});

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe("BullDeliveryQueue", () => {
  it("works on a delivery sent to two replicas once, and on an emergency queued behind others first", async () => {
    const [one, two] = [connect(), connect()];
    const done: string[] = [];
    const queues = [one, two].map((connections) => new BullDeliveryQueue(connections, new BackgroundWork(() => undefined, { settleMs: 0 }), QUIET));
    for (const queue of queues) queue.register("github", async (job) => void done.push(job.id));
    // Queued before any replica takes work: the emergency, queued last, goes first.
    expect(await queues[0]!.submit(delivery("d-1"))).toBe(true);
    expect(await queues[1]!.submit(delivery("d-1"))).toBe(true);
    expect(await queues[1]!.submit(delivery("d-2"))).toBe(true);
    expect(await queues[0]!.submit(delivery("d-3", "urgent"))).toBe(true);
    queues[0]!.start();
    await until(() => done.length === 3);
    queues[1]!.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toEqual(["d-3", "d-1", "d-2"]);
    await Promise.all(queues.map((queue) => queue.close()));
  });

  it("refuses a delivery at once while Redis is unreachable (the answer is 503), and takes deliveries again once it is back", async () => {
    const connections = connect();
    const queue = new BullDeliveryQueue(connections, new BackgroundWork(() => undefined), QUIET, { admitTimeoutMs: 1_000 });
    expect(await queue.submit(delivery("before"))).toBe(true);
    await redis.kill();
    const started = Date.now();
    expect(await queue.submit(delivery("during"))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);
    await redis.restart();
    await until(() => connections.admission.status === "ready");
    expect(await queue.submit(delivery("after"))).toBe(true);
    await queue.close();
  });
});

describe("what the replicas record in Redis", () => {
  it("a GitLab delivery is taken once, by whichever replica claims it first; a failed one can be taken again", async () => {
    const [a, b] = [new RedisRecentDeliveries(connect().admission), new RedisRecentDeliveries(connect().admission)];
    expect(await a.claim(["key:1", "event:u:Issue Hook:issue:7:open"])).toBe(true);
    expect(await b.claim(["key:2", "event:u:Issue Hook:issue:7:open"])).toBe(false);
    await a.release(["key:1", "event:u:Issue Hook:issue:7:open"]);
    expect(await b.claim(["key:1"])).toBe(true);
  });

  it("what a sweep keeps is not overwritten by a sweep whose lease a later one took over", async () => {
    const kept = new RedisKeptState(connect().commands);
    const signal = new AbortController().signal;
    await withHold({ token: 10, signal }, () => kept.write("listing:acme/site", { by: "later sweep" }));
    await withHold({ token: 9, signal }, () => kept.write("listing:acme/site", { by: "paused sweep" }));
    expect(await kept.read("listing:acme/site")).toEqual({ by: "later sweep" });
    // Outside any lease (a webhook's configuration read), always written.
    await kept.write("github:contents:acme/site", { etag: "W/1", text: "a" });
    expect(await kept.read("github:contents:acme/site")).toEqual({ etag: "W/1", text: "a" });
  });

  it("REDIS_URL is checked before anything starts, without showing its password", () => {
    expect(readRedisUrl({})).toBeUndefined();
    expect(readRedisUrl({ REDIS_URL: "redis://:s3cret@redis.internal:6379/2" })).toBe("redis://:s3cret@redis.internal:6379/2");
    for (const value of ["localhost:6379", "http://redis:6379", "redis://"]) {
      expect(() => readRedisUrl({ REDIS_URL: value })).toThrow(RedisSettingsError);
    }
    expect(() => readRedisUrl({ REDIS_URL: "https://:s3cret@redis" })).toThrow(/^REDIS_URL is not a Redis URL/u);
    expect(() => readRedisUrl({ REDIS_URL: "https://:s3cret@redis" })).not.toThrow(/s3cret/u);
  });
});

void Redis;
