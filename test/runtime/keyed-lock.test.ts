import { describe, expect, it } from "vitest";
import { KeyedLock } from "../../src/runtime/keyed-lock.js";
import { flush } from "../helpers/manual-clock.js";

/** A task that records its start and end and finishes when the test says so. */
function gatedTask(name: string, events: string[], outcome: "ok" | "fail" = "ok") {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const task = async () => {
    events.push(`start ${name}`);
    await gate;
    events.push(`end ${name}`);
    if (outcome === "fail") throw new Error(`${name} failed`);
    return name;
  };
  return { task, release };
}

describe("KeyedLock", () => {
  it("runs tasks of one key one after another, in the order they came", async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => gatedTask(name, events));
    const results = [lock.run("acme/site#7", a!.task), lock.run("acme/site#7", b!.task), lock.run("acme/site#7", c!.task)];
    await flush();
    expect(events).toEqual(["start a"]);
    // Releasing a later task first must not let it start before its turn.
    c!.release();
    b!.release();
    await flush();
    expect(events).toEqual(["start a"]);
    a!.release();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("runs tasks of different keys side by side", async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const seven = gatedTask("#7", events);
    const eight = gatedTask("#8", events);
    const results = [lock.run("acme/site#7", seven.task), lock.run("acme/site#8", eight.task)];
    await flush();
    expect(events).toEqual(["start #7", "start #8"]);
    eight.release();
    expect(await results[1]).toBe("#8");
    expect(events).toEqual(["start #7", "start #8", "end #8"]);
    seven.release();
    expect(await results[0]).toBe("#7");
  });

  it("passes a task's failure to its caller and still runs the next task of that key", async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const failing = gatedTask("a", events, "fail");
    const next = gatedTask("b", events);
    const first = lock.run("acme/site#7", failing.task);
    const second = lock.run("acme/site#7", next.task);
    const firstSettled = expect(first).rejects.toThrow("a failed");
    failing.release();
    await firstSettled;
    await flush();
    expect(events).toEqual(["start a", "end a", "start b"]);
    next.release();
    expect(await second).toBe("b");
  });

  it("runs a key again at once after its queue emptied, even after a failure", async () => {
    const lock = new KeyedLock();
    await expect(lock.run("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const events: string[] = [];
    const later = gatedTask("later", events);
    const result = lock.run("k", later.task);
    await flush();
    expect(events).toEqual(["start later"]);
    later.release();
    expect(await result).toBe("later");
  });

  it("hands every task the same hold: a lock of this process is never lost and fences nothing", async () => {
    const lock = new KeyedLock();
    const [first, second] = [await lock.run("k", async (hold) => hold), await lock.run("other", async (hold) => hold)];
    expect(second).toBe(first);
    expect([first.token, first.signal.aborted]).toEqual([0, false]);
  });
});
