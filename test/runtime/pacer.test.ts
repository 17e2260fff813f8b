import { describe, expect, it } from "vitest";
import { Pacer, type PacerLimits, type Priority } from "../../src/runtime/pacer.js";
import { flush, ManualClock } from "../helpers/manual-clock.js";

const LIMITS: PacerLimits = { concurrent: 100, writesPerMinute: 10, writesPerHour: 25, reserve: 2, backgroundReserve: 3 };

function setup(limits = LIMITS) {
  const clock = new ManualClock();
  const pacer = new Pacer(limits, clock);
  const started: string[] = [];
  const submit = (name: string, write: boolean, priority: Priority = "normal", task: () => Promise<void> = async () => {}) =>
    pacer.run("lane", { write, priority }, async () => {
      started.push(`${clock.now()}:${name}`);
      await task();
    });
  return { clock, pacer, started, submit };
}

describe("Pacer", () => {
  it("lets a burst of writes through up to the minute window, leaving the reserve free", async () => {
    const { clock, started, submit } = setup();
    for (let index = 0; index < 10; index++) void submit(`w${index}`, true);
    await flush();
    expect(started).toHaveLength(8); // 10 per minute, 2 kept for urgent work
    await clock.advance(60_000);
    expect(started).toHaveLength(10);
    expect(started.slice(8)).toEqual(["60000:w8", "60000:w9"]);
  });

  it("starts urgent writes at once, from the reserve, even behind a backlog", async () => {
    const { clock, started, submit } = setup();
    for (let index = 0; index < 12; index++) void submit(`w${index}`, true);
    await flush();
    void submit("emergency-labels", true, "urgent");
    void submit("emergency-comment", true, "urgent");
    await flush();
    expect(started.slice(-2)).toEqual(["0:emergency-labels", "0:emergency-comment"]);
    await clock.advance(1_000);
    expect(started).toHaveLength(10);
  });

  it("keeps background work further back so webhooks always find room", async () => {
    const { started, submit } = setup();
    for (let index = 0; index < 10; index++) void submit(`sweep${index}`, true, "background");
    await flush();
    expect(started).toHaveLength(5); // 10 - 2 - 3
    void submit("webhook", true, "normal");
    await flush();
    expect(started.at(-1)).toBe("0:webhook");
  });

  it("never lets reads wait for the write windows", async () => {
    const { started, submit } = setup();
    for (let index = 0; index < 9; index++) void submit(`w${index}`, true);
    void submit("read", false);
    await flush();
    expect(started).toContain("0:read");
  });

  it("holds the hour window too", async () => {
    const { clock, started, submit } = setup();
    for (let index = 0; index < 30; index++) void submit(`w${index}`, true);
    for (let minute = 1; minute <= 5; minute++) await clock.advance(60_000);
    expect(started).toHaveLength(23); // 25 per hour, 2 kept for urgent work
    await clock.advance(3_600_000);
    expect(started).toHaveLength(30);
  });

  it("caps calls in flight", async () => {
    const { started, submit } = setup({ ...LIMITS, concurrent: 2 });
    const gates: (() => void)[] = [];
    for (let index = 0; index < 4; index++) void submit(`r${index}`, false, "normal", () => new Promise<void>((resolve) => gates.push(resolve)));
    await flush();
    expect(started).toEqual(["0:r0", "0:r1"]);
    gates[0]!();
    await flush();
    expect(started).toEqual(["0:r0", "0:r1", "0:r2"]);
  });

  it("pauses a lane when the platform says so", async () => {
    const { clock, pacer, started, submit } = setup();
    pacer.pause("lane", 5_000);
    void submit("read", false);
    await clock.advance(4_999);
    expect(started).toEqual([]);
    await clock.advance(1);
    expect(started).toEqual(["5000:read"]);
  });
});

describe("Pacer at GitLab's scale", () => {
  it("paces an hour of 1,000 writes a minute without slowing down", async () => {
    const clock = new ManualClock();
    const pacer = new Pacer({ concurrent: 10, writesPerMinute: 1_200, writesPerHour: 72_000, reserve: 100, backgroundReserve: 300 }, clock);
    const start = performance.now();
    for (let minute = 0; minute < 60; minute++) {
      await Promise.all(Array.from({ length: 1_000 }, () => pacer.run("lane", { write: true, priority: "normal" }, async () => {})));
      await clock.advance(60_000);
    }
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
