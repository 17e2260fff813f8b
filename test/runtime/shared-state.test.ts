import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyedLock } from "../../src/runtime/keyed-lock.js";
import { Pacer } from "../../src/runtime/pacer.js";
import { GITHUB_LIMITS } from "../../src/runtime/limits.js";
import { RedisLeases } from "../../src/runtime/redis/lease.js";
import { SharedPacer } from "../../src/runtime/redis/pacer.js";
import { RedisSettingsError } from "../../src/runtime/redis-url.js";
import { createSharedState } from "../../src/runtime/shared-state.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";
import { SettingsError } from "../../src/runtime/settings.js";

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(() => redis.stop());

describe("createSharedState", () => {
  it("without REDIS_URL keeps everything in the process, as one process always did", async () => {
    const shared = await createSharedState({}, QUIET);
    expect(shared.where).toBe("process");
    expect(shared.locks).toBeInstanceOf(KeyedLock);
    expect(shared.pacing("github", GITHUB_LIMITS)).toBeInstanceOf(Pacer);
    expect([shared.sweepLease, shared.queue, shared.deliveries]).toEqual([undefined, undefined, undefined]);
    await shared.close();
  });

  it("with REDIS_URL shares locks, the sweep's lease and pacing through Redis", async () => {
    const shared = await createSharedState({ REDIS_URL: redis.url }, QUIET);
    expect(shared.where).toBe("redis");
    expect(shared.locks).toBeInstanceOf(RedisLeases);
    expect(shared.sweepLease).toBe(shared.locks);
    expect(shared.pacing("github", GITHUB_LIMITS)).toBeInstanceOf(SharedPacer);
    // No BackgroundWork given (frontdesk sweep): no queue to work on.
    expect(shared.queue).toBeUndefined();
    expect(await shared.locks.run("github:acme/site#1", async (hold) => hold.token)).toBeGreaterThan(0);
    await shared.close();
  });

  it("a REDIS_URL that is no Redis URL stops the start as a configuration error (exit 78)", async () => {
    const error = await createSharedState({ REDIS_URL: "localhost:6379" }, QUIET).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisSettingsError);
    expect(error).toBeInstanceOf(SettingsError);
  });
});
