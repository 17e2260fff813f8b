import { describe, expect, it } from "vitest";
import { currentHold, LocalLease, withHold } from "../../src/runtime/lock.js";
import { LocalKeptState } from "../../src/runtime/kept-state.js";

describe("LocalLease", () => {
  it("runs a task unless the key is held, and frees it when the task ends, failed or not", async () => {
    const lease = new LocalLease();
    let release!: () => void;
    const held = lease.tryRun("sweep", () => new Promise<string>((resolve) => (release = () => resolve("first"))));
    expect(await lease.tryRun("sweep", async () => "second")).toEqual({ ran: false });
    expect(await lease.tryRun("other", async () => "other")).toEqual({ ran: true, value: "other" });
    release();
    expect(await held).toEqual({ ran: true, value: "first" });
    await expect(lease.tryRun("sweep", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await lease.tryRun("sweep", async (hold) => hold.token)).toEqual({ ran: true, value: 4 });
  });
});

describe("withHold", () => {
  it("makes the hold the current one for the work inside, however deep, and only there", async () => {
    const hold = { token: 7, signal: new AbortController().signal };
    const seen = await withHold(hold, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentHold();
    });
    expect(seen).toBe(hold);
    expect(currentHold()).toBeUndefined();
  });
});

describe("LocalKeptState", () => {
  it("gives back copies of what was written, and forgets the least recently used beyond its bound", async () => {
    const kept = new LocalKeptState(2);
    const value = { issues: [1, 2] };
    await kept.write("a", value);
    value.issues.push(3);
    const read = await kept.read<{ issues: number[] }>("a");
    expect(read).toEqual({ issues: [1, 2] });
    read!.issues.push(4);
    expect(await kept.read("a")).toEqual({ issues: [1, 2] });
    await kept.write("b", 2);
    await kept.read("a");
    await kept.write("c", 3);
    expect([await kept.read("a"), await kept.read("b"), await kept.read("c")]).toEqual([{ issues: [1, 2] }, undefined, 3]);
  });
});
