import { describe, expect, it } from "vitest";
import type { PacerLimits } from "../../../src/runtime/pacer.js";
import { RedisBroadcast } from "../../../src/runtime/redis/broadcast.js";
import { SharedPacer } from "../../../src/runtime/redis/pacer.js";
import { useTestRedis } from "../../helpers/redis-server.js";

/** Two replicas' pacers on one real Redis: together they stay inside one lane's windows. */
const redis = useTestRedis();

const LIMITS: PacerLimits = { concurrent: 50, writesPerMinute: 10, writesPerHour: 100, reserve: 2, backgroundReserve: 3 };

function replica(name: string, limits = LIMITS) {
  const [commands, subscriber] = [redis.connect(), redis.connect()];
  return new SharedPacer(commands, new RedisBroadcast(commands, subscriber, name), "test", limits);
}

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe("SharedPacer", () => {
  it("lets two replicas together write no more than a lane's minute allows, keeping the urgent reserve", async () => {
    const [a, b] = [replica("a"), replica("b")];
    const started: string[] = [];
    const write = (pacer: SharedPacer, name: string, priority: "urgent" | "normal" = "normal") =>
      void pacer.run("github:1", { write: true, priority }, async () => void started.push(name));
    for (let index = 0; index < 6; index++) {
      write(a, `a${index}`);
      write(b, `b${index}`);
    }
    await settle();
    // 10 a minute, 2 of them kept for urgent work: 8 normal writes between both replicas.
    expect(started).toHaveLength(8);
    write(b, "emergency", "urgent");
    await settle();
    expect(started).toContain("emergency");
    expect(started).toHaveLength(9);
    // Reads never wait for the write windows.
    expect(await a.run("github:1", { write: false, priority: "normal" }, async () => "read")).toBe("read");
    expect(a.waiting("github:1") + b.waiting("github:1")).toBe(4);
  });

  it("a pause one replica is told of holds the lane on every replica, reads included", async () => {
    const [a, b] = [replica("a"), replica("b")];
    await settle(50);
    a.pause("github:2", 400);
    await settle(50);
    const began = Date.now();
    const read = await b.run("github:2", { write: false, priority: "urgent" }, async () => Date.now());
    const write = await b.run("github:2", { write: true, priority: "urgent" }, async () => Date.now());
    expect(read - began).toBeGreaterThan(250);
    expect(write - began).toBeGreaterThan(250);
  });

  it("background work leaves the background reserve free for webhooks", async () => {
    const pacer = replica("c");
    let background = 0;
    for (let index = 0; index < 8; index++) void pacer.run("github:3", { write: true, priority: "background" }, async () => void background++);
    await settle();
    expect(background).toBe(LIMITS.writesPerMinute - LIMITS.reserve - LIMITS.backgroundReserve);
    let normal = 0;
    for (let index = 0; index < 3; index++) void pacer.run("github:3", { write: true, priority: "normal" }, async () => void normal++);
    await settle();
    expect(normal).toBe(LIMITS.backgroundReserve);
  });
});
