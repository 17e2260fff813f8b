import { describe, expect, it } from "vitest";
import type { Log } from "../../src/desk/port.js";
import { platformSweep, type FailedListing, type SweepTarget } from "../../src/desk/sweep-platform.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { createSummary } from "../../src/desk/sweep-summary.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

const NOW = new Date("2026-11-26T13:00:00Z");
const VALID: RepoConfig = { kind: "valid", config: specConfig(), warnings: [] };
const rateLimit = () => Object.assign(new Error("API rate limit exceeded"), { status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } });

/** A repository with one ticket whose opening event was lost: the sweep triages it. */
function repository(name: string, opened: string[]): SweepTarget {
  return {
    name,
    open: async (now: Date, log: Log) => {
      opened.push(name);
      const tracker = new MemoryTracker({ repo: name, now, issues: [{ ticket: ticket({ createdAt: new Date(now.getTime() - 60 * 60_000) }) }] });
      return { tracker, config: VALID, readComments: (open) => tracker.readComments(open), lock: (_number, task) => task(), now, log };
    },
  };
}

async function sweep(targets: (SweepTarget | FailedListing | Error)[]) {
  const log = createMemoryLog();
  const source = {
    platform: "test",
    async *targets() {
      for (const target of targets) {
        if (target instanceof Error) throw target;
        yield target;
      }
    },
  };
  return { summary: await platformSweep(source).run(NOW, log), log };
}

describe("platformSweep", () => {
  it("sweeps every repository the platform lists, and skips those without a configuration", async () => {
    const opened: string[] = [];
    const unconfigured: SweepTarget = { name: "acme/other", open: async () => (opened.push("acme/other"), undefined) };
    const { summary } = await sweep([repository("acme/site", opened), unconfigured, repository("acme/shop", opened)]);
    expect(opened).toEqual(["acme/site", "acme/other", "acme/shop"]);
    expect(summary).toEqual({ ...createSummary(), repos: 2, triaged: 2 });
  });

  it("counts and logs a repository or a listing that failed, and goes on with the others", async () => {
    const opened: string[] = [];
    const broken: SweepTarget = { name: "acme/broken", open: async () => Promise.reject(new Error("Server Error")) };
    const { summary, log } = await sweep([broken, { failed: "installation 7", error: new Error("Bad Gateway") }, repository("acme/site", opened)]);
    expect(summary).toEqual({ ...createSummary(), repos: 1, triaged: 1, errors: 2 });
    expect(log.messages("error")).toEqual(["sweep: repository failed", "sweep: listing failed"]);
    expect(opened).toEqual(["acme/site"]);
  });

  it.each([
    ["in a repository", (opened: string[]) => [{ name: "acme/limited", open: async () => Promise.reject(rateLimit()) }, repository("acme/site", opened)]],
    ["in a listing", (opened: string[]) => [{ failed: "installation 7", error: rateLimit() }, repository("acme/site", opened)]],
    ["listing everything", () => [rateLimit()]],
  ])("stops at a rate limit %s, and the next sweep carries on", async (_name, targets) => {
    const opened: string[] = [];
    const { summary, log } = await sweep(targets(opened));
    expect(summary).toEqual({ ...createSummary(), rateLimited: true });
    expect(opened).toEqual([]);
    expect(log.messages("warn")).toEqual(["sweep stopped by a rate limit; the next sweep carries on"]);
  });

  it("lets any other failure of the whole listing reach the runner", async () => {
    await expect(sweep([new Error("Server Error")])).rejects.toThrow("Server Error");
  });
});
