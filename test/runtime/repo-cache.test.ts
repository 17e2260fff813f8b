import { describe, expect, it } from "vitest";
import { RepoCache } from "../../src/runtime/repo-cache.js";
import { flush } from "../helpers/manual-clock.js";

/** A load the test settles by hand, counting how often it was started. */
function deferredLoad<T>() {
  const started: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const load = () =>
    new Promise<T>((resolve, reject) => {
      started.push({ resolve, reject });
    });
  return { load, started };
}

/** A cache whose clock moves only when the test sets `clock.now`. */
function cacheAt(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const clock = { now: 1_000 };
  const cache = new RepoCache({ ...options, now: () => clock.now });
  return { cache, clock };
}

describe("RepoCache.get", () => {
  it("shares one load between concurrent callers and keeps its value", async () => {
    const { cache } = cacheAt();
    const { load, started } = deferredLoad<string>();
    const first = cache.get("acme/site", "config", load);
    const second = cache.get("ACME/Site", "config", load);
    expect(started).toHaveLength(1);
    started[0]!.resolve("loaded");
    expect(await first).toBe("loaded");
    expect(await second).toBe("loaded");
    expect(await cache.get("acme/site", "config", load)).toBe("loaded");
    expect(started).toHaveLength(1);
  });

  it("keeps fields of one repository apart", async () => {
    const { cache } = cacheAt();
    await cache.get("acme/site", "config", async () => "the config");
    expect(await cache.get("acme/site", "labels", async () => "the labels")).toBe("the labels");
    expect(await cache.get("acme/site", "config", async () => "reloaded")).toBe("the config");
  });

  it("does not keep a failed load: the next caller loads again", async () => {
    const { cache } = cacheAt();
    const { load, started } = deferredLoad<string>();
    const failing = cache.get("acme/site", "config", load);
    const sharing = cache.get("acme/site", "config", load);
    started[0]!.reject(new Error("502"));
    await expect(failing).rejects.toThrow("502");
    await expect(sharing).rejects.toThrow("502");
    await flush();
    expect(cache.peek("acme/site", "config")).toBeUndefined();
    const retry = cache.get("acme/site", "config", load);
    expect(started).toHaveLength(2);
    started[1]!.resolve("second try");
    expect(await retry).toBe("second try");
  });

  it.each([
    { name: "just before the TTL the value is kept", after: 59_999, loads: 1, value: "first" },
    { name: "at the TTL the entry has expired and is loaded again", after: 60_000, loads: 2, value: "second" },
  ])("$name", async ({ after, loads, value }) => {
    const { cache, clock } = cacheAt({ ttlMs: 60_000 });
    const values = ["first", "second"];
    let count = 0;
    const load = async () => values[count++]!;
    await cache.get("acme/site", "config", load);
    clock.now += after;
    expect(await cache.get("acme/site", "config", load)).toBe(value);
    expect(count).toBe(loads);
  });

  it("evicts the oldest repository when a new one would pass maxEntries", async () => {
    const { cache } = cacheAt({ maxEntries: 2 });
    for (const repo of ["acme/one", "acme/two", "acme/three"]) await cache.get(repo, "config", async () => repo);
    await flush();
    expect(cache.peek("acme/one", "config")).toBeUndefined();
    expect(cache.peek("acme/two", "config")).toBe("acme/two");
    expect(cache.peek("acme/three", "config")).toBe("acme/three");
  });
});

describe("RepoCache.peek", () => {
  it("answers only once a load has finished, and never loads", async () => {
    const { cache } = cacheAt();
    expect(cache.peek("acme/site", "config")).toBeUndefined();
    const { load, started } = deferredLoad<string>();
    const loading = cache.get("acme/site", "config", load);
    expect(cache.peek("acme/site", "config")).toBeUndefined();
    started[0]!.resolve("loaded");
    await loading;
    await flush();
    expect(cache.peek("ACME/SITE", "config")).toBe("loaded");
    expect(cache.peek("acme/site", "labels")).toBeUndefined();
    expect(started).toHaveLength(1);
  });

  it("does not answer with an expired value", async () => {
    const { cache, clock } = cacheAt({ ttlMs: 60_000 });
    await cache.get("acme/site", "config", async () => "loaded");
    await flush();
    clock.now += 59_999;
    expect(cache.peek("acme/site", "config")).toBe("loaded");
    clock.now += 1;
    expect(cache.peek("acme/site", "config")).toBeUndefined();
  });
});

describe("RepoCache.update", () => {
  it("replaces a cached value for get and peek", async () => {
    const { cache } = cacheAt();
    await cache.get("acme/site", "labels", async () => ["bug"]);
    cache.update<string[]>("acme/site", "labels", (labels) => [...labels, "support"]);
    expect(await cache.get("acme/site", "labels", async () => ["reloaded"])).toEqual(["bug", "support"]);
    await flush();
    expect(cache.peek("acme/site", "labels")).toEqual(["bug", "support"]);
  });

  it("does nothing to a value that was never loaded", async () => {
    const { cache } = cacheAt();
    cache.update<string[]>("acme/site", "labels", (labels) => [...labels, "support"]);
    expect(await cache.get("acme/site", "labels", async () => ["loaded"])).toEqual(["loaded"]);
  });
});

describe("RepoCache.clear and clearOwner", () => {
  const repos = ["acme/site", "acme/shop", "acme-two/site", "other/acme"];

  async function filled() {
    const { cache } = cacheAt();
    for (const repo of repos) await cache.get(repo, "config", async () => repo);
    await flush();
    return cache;
  }

  const kept = (cache: RepoCache) => repos.filter((repo) => cache.peek(repo, "config") !== undefined);

  it("clear forgets one repository, in any case", async () => {
    const cache = await filled();
    cache.clear("ACME/Site");
    expect(kept(cache)).toEqual(["acme/shop", "acme-two/site", "other/acme"]);
  });

  it("clearOwner forgets that owner's repositories only, not an owner it prefixes", async () => {
    const cache = await filled();
    cache.clearOwner("Acme");
    expect(kept(cache)).toEqual(["acme-two/site", "other/acme"]);
  });

  it("loads again after a clear", async () => {
    const cache = await filled();
    cache.clearOwner("acme");
    expect(await cache.get("acme/site", "config", async () => "fresh")).toBe("fresh");
  });
});

describe("RepoCache.update while a load is still running", () => {
  it("keeps no failure when that load fails: the next caller loads again, and nothing is left unhandled", async () => {
    const cache = new RepoCache();
    let fail: (error: Error) => void = () => {};
    const first = cache.get<string[]>("acme/site", "labels", () => new Promise((_resolve, reject) => (fail = reject)));
    cache.update<string[]>("acme/site", "labels", (labels) => [...labels, "support"]);
    fail(new Error("502"));
    await expect(first).rejects.toThrow("502");
    await flush();
    expect(await cache.get("acme/site", "labels", async () => ["urgency: task"])).toEqual(["urgency: task"]);
  });
});
