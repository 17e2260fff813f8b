import { describe, expect, it } from "vitest";
import { platformSweep } from "../../src/desk/sweep-platform.js";
import { SweepRunner, type Sweep } from "../../src/desk/sweep-runner.js";
import { createSummary } from "../../src/desk/sweep-summary.js";
import { currentHold, LocalLease, type Lease } from "../../src/runtime/lock.js";

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };
const NOW = new Date("2026-11-26T09:00:00Z");

describe("SweepRunner with a shared lease", () => {
  it("skips a sweep while another holds the lease, and sweeps under the lease's hold otherwise", async () => {
    const lease = new LocalLease();
    const runner = new SweepRunner({ log: QUIET, now: () => NOW, intervalMs: 0, lease });
    let token: number | undefined;
    const sweep: Sweep = { platform: "github", run: async () => ((token = currentHold()?.token), createSummary()) };
    runner.add(sweep);
    let release!: () => void;
    const elsewhere = lease.tryRun("sweep", () => new Promise<void>((resolve) => (release = resolve)));
    expect(await runner.run()).toBeUndefined();
    expect(token).toBeUndefined();
    release();
    await elsewhere;
    expect(await runner.run()).toMatchObject({ errors: 0 });
    expect(token).toBe(2);
  });

  it("stops between repositories once the lease is lost, leaving the rest to the sweep that has it now", async () => {
    const lost = new AbortController();
    const lease: Lease = { tryRun: async (_key, task) => ({ ran: true, value: await task({ token: 1, signal: lost.signal }) }) };
    const opened: string[] = [];
    const sweep = platformSweep({
      platform: "github",
      async *targets() {
        for (const name of ["acme/a", "acme/b", "acme/c"]) {
          yield { name, open: async () => (opened.push(name), name === "acme/a" && lost.abort(), undefined) };
        }
      },
    });
    const runner = new SweepRunner({ log: QUIET, now: () => NOW, intervalMs: 0, lease });
    runner.add(sweep);
    expect(await runner.run()).toMatchObject({ errors: 1 });
    expect(opened).toEqual(["acme/a"]);
  });
});
