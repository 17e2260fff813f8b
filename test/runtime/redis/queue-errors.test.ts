import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackgroundWork } from "../../../src/runtime/background.js";
import { connectRedis, throttledWarn } from "../../../src/runtime/redis/connect.js";
import { BullDeliveryQueue } from "../../../src/runtime/redis/delivery-queue.js";
import { startRedis, type TestRedis } from "../../helpers/redis-server.js";

/** The delivery queue's own errors (BullMQ's), on a real Redis that goes away. */
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(() => redis.stop());

function recordingLog() {
  const warnings: { fields: Record<string, unknown>; msg: string }[] = [];
  const quiet = () => undefined;
  return { warnings, log: { debug: quiet, info: quiet, error: quiet, warn: (fields: object | string, msg?: string) => void warnings.push({ fields: fields as Record<string, unknown>, msg: msg ?? "" }) } };
}

describe("throttledWarn", () => {
  it("logs the first error at once, then at most once per interval, counting those left out", () => {
    const { warnings, log } = recordingLog();
    let now = 0;
    const warn = throttledWarn(log, "it failed", 1_000, () => now);
    warn(new Error("one"));
    now = 500;
    warn(new Error("two"));
    warn(new Error("three"));
    now = 1_000;
    warn(new Error("four"));
    expect(warnings).toEqual([
      { fields: { err: { type: "Error", message: "one" } }, msg: "it failed" },
      { fields: { err: { type: "Error", message: "four" }, leftOut: 2 }, msg: "it failed" },
    ]);
  });
});

describe("BullDeliveryQueue's errors", () => {
  it("are logged as a warning, not swallowed, and not once per retry while Redis is away", async () => {
    const { warnings, log } = recordingLog();
    const connections = connectRedis(redis.url, { ...log, warn: () => undefined });
    const queue = new BullDeliveryQueue(connections, new BackgroundWork(() => undefined), log, { stalledIntervalMs: 100, lockDurationMs: 300 });
    queue.register("github", async () => undefined);
    queue.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await redis.kill();
    for (let tries = 0; tries < 100 && warnings.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    // Reconnecting every few tens of milliseconds fails many times over: one line, not one each.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.restart();
    await queue.close(true);
    await connections.close();
    expect(warnings.map(({ msg }) => msg).filter((msg) => msg.startsWith("the delivery queue's worker failed"))).toHaveLength(1);
    expect(warnings.length).toBeLessThanOrEqual(2);
  });
});
