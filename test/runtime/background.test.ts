import { describe, expect, it } from "vitest";
import { BackgroundWork } from "../../src/runtime/background.js";
import { flush, ManualClock } from "../helpers/manual-clock.js";

/** Tasks start after the I/O phase (setImmediate), then run their microtasks. */
async function settle() {
  for (let round = 0; round < 3; round++) {
    await flush();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await flush();
}

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("BackgroundWork", () => {
  it("works a few deliveries at a time per lane and the urgent one at once", async () => {
    const work = new BackgroundWork(() => undefined, { concurrency: 2, settleMs: 0 });
    const started: string[] = [];
    const gates = [gate(), gate(), gate()];
    for (const [index, name] of ["a", "b", "c"].entries()) {
      work.start(name, async () => (started.push(name), gates[index]!.promise), "normal", "lane-1");
    }
    work.start("emergency", async () => void started.push("emergency"), "urgent", "lane-1");
    work.start("other", async () => void started.push("other"), "normal", "lane-2");
    await settle();
    expect(started).toEqual(["a", "b", "emergency", "other"]);
    expect(work.pending).toBe(3);
    gates[0]!.open();
    await settle();
    expect(started).toEqual(["a", "b", "emergency", "other", "c"]);
  });

  it("puts normal work before background work in a lane", async () => {
    const work = new BackgroundWork(() => undefined, { concurrency: 1, settleMs: 0 });
    const started: string[] = [];
    const first = gate();
    work.start("running", async () => (started.push("running"), first.promise));
    work.start("sweep", async () => void started.push("sweep"), "background");
    work.start("webhook", async () => void started.push("webhook"));
    first.open();
    await work.idle();
    expect(started).toEqual(["running", "webhook", "sweep"]);
  });

  it("in a burst answers first: work that is not urgent starts when deliveries pause, the urgent at once", async () => {
    const clock = new ManualClock();
    const work = new BackgroundWork(() => undefined, { clock, settleMs: 20, maxDeferMs: 1_000 });
    const started: string[] = [];
    const deliver = (name: string, priority: "urgent" | "normal" = "normal") =>
      work.start(name, async () => void started.push(name), priority, "lane-1");
    // A delivery on its own starts its work at once.
    deliver("alone");
    await settle();
    expect(started).toEqual(["alone"]);
    await clock.advance(100);
    deliver("a");
    await clock.advance(5);
    deliver("b");
    await clock.advance(5);
    deliver("emergency", "urgent");
    await clock.advance(5);
    deliver("c");
    await settle();
    // "a" came after a pause and started; "b" and "c" wait for the burst to pause.
    expect(started).toEqual(["alone", "a", "emergency"]);
    await clock.advance(19);
    await settle();
    expect(started).toEqual(["alone", "a", "emergency"]);
    await clock.advance(1);
    await settle();
    expect(started).toEqual(["alone", "a", "emergency", "b", "c"]);
    await work.idle();
  });

  it("a steady stream of deliveries holds work back no longer than maxDeferMs", async () => {
    const clock = new ManualClock();
    const work = new BackgroundWork(() => undefined, { clock, settleMs: 20, maxDeferMs: 100, concurrency: 100 });
    const waited: number[] = [];
    for (let index = 0; index < 60; index++) {
      const queuedAt = clock.now();
      work.start(`delivery ${index}`, async () => void waited.push(clock.now() - queuedAt), "normal", "lane-1");
      await clock.advance(5);
      await settle();
    }
    for (let step = 0; step < 30; step++) {
      await clock.advance(5);
      await settle();
    }
    await work.idle();
    expect(waited).toHaveLength(60);
    expect(Math.max(...waited)).toBeLessThanOrEqual(105);
    // Deliveries kept coming every 5 ms: without the bound, nothing after the first would have started before the end.
    expect(waited.filter((ms) => ms > 0).length).toBeGreaterThan(50);
  });

  it("refuses work beyond its limit and reports failures without throwing", async () => {
    const failures: string[] = [];
    const work = new BackgroundWork((_error, label) => failures.push(label), { limit: 1 });
    expect(work.start("boom", async () => Promise.reject(new Error("boom")))).toBe(true);
    expect(work.start("refused", async () => undefined)).toBe(false);
    await work.idle();
    expect(failures).toEqual(["boom"]);
    expect(work.pending).toBe(0);
  });
});
