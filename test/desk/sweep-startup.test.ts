import { describe, expect, it } from "vitest";
import { SweepRunner, type Sweep } from "../../src/desk/sweep-runner.js";
import { createSummary } from "../../src/desk/sweep-summary.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe("SweepRunner after a start", () => {
  it("sweeps once soon after the start, so that a crash's losses do not wait a whole interval", async () => {
    let runs = 0;
    const sweep: Sweep = { platform: "test", run: async () => (runs++, createSummary()) };
    const runner = new SweepRunner({ log: silent, now: () => new Date(0), intervalMs: 60_000, startupDelayMs: 5 });
    runner.add(sweep);
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    runner.stop();
    expect(runs).toBe(1);
  });
});
