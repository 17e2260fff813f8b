import { describe, expect, it } from "vitest";
import { BackgroundWork } from "../../../src/platforms/shared/background.js";
import { flush } from "../../helpers/manual-clock.js";

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
    const work = new BackgroundWork(() => undefined, { concurrency: 2 });
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
    const work = new BackgroundWork(() => undefined, { concurrency: 1 });
    const started: string[] = [];
    const first = gate();
    work.start("running", async () => (started.push("running"), first.promise));
    work.start("sweep", async () => void started.push("sweep"), "background");
    work.start("webhook", async () => void started.push("webhook"));
    first.open();
    await work.idle();
    expect(started).toEqual(["running", "webhook", "sweep"]);
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
