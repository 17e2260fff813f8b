import { describe, expect, it } from "vitest";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { reconcileIntake } from "../../src/desk/intake.js";
import { sweepRepository } from "../../src/desk/sweep-repo.js";
import { LoadBook } from "../../src/runtime/load-book.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

const NOW = new Date("2026-11-26T13:00:00Z");
const OLD = new Date("2026-11-02T09:00:00Z");
const config = specConfig();
const valid = (capacity = config.team.capacity): RepoConfig => ({ kind: "valid", config: specConfig({ team: { ...config.team, capacity } }), warnings: [] });

/** Repository A, where bob holds three open tickets (one of them project work) and carol none. */
function repositoryA() {
  const open = (number: number, labels: string[]) => ({ ticket: ticket({ repo: "acme/a", number, labels, assignees: ["bob"], createdAt: OLD }) });
  return new MemoryTracker({ repo: "acme/a", now: NOW, issues: [open(1, ["support"]), open(2, ["support"]), open(3, ["project-work"])] });
}

/** Repository B, where carol holds one open ticket, and a new ticket for development arrives. */
function repositoryB() {
  const held = { ticket: ticket({ repo: "acme/b", number: 1, labels: ["support"], assignees: ["carol"], createdAt: OLD }) };
  const fresh = { ticket: ticket({ repo: "acme/b", number: 2, title: "Checkout broken", createdAt: NOW }) };
  return new MemoryTracker({ repo: "acme/b", now: NOW, issues: [held, fresh] });
}

async function sweepA(load: LoadBook): Promise<void> {
  const tracker = repositoryA();
  await sweepRepository({ tracker, config: valid(), readComments: (open) => tracker.readComments(open), lock: (_n, task) => task(), load, now: NOW, log: createMemoryLog() });
}

async function triageB(load: LoadBook, capacity?: number) {
  const tracker = repositoryB();
  const outcome = await reconcileIntake({ tracker, config: valid(capacity), ticket: tracker.ticket(2), commentCount: 0, reopened: false, now: NOW, log: createMemoryLog(), load });
  return { tracker, outcome };
}

describe("a person's load across clients", () => {
  it("does not pick a developer with 3 open tickets in A in B over a colleague with 1 in total", async () => {
    const load = new LoadBook();
    await sweepA(load);
    const { tracker, outcome } = await triageB(load);
    expect(tracker.ticket(2).assignees).toContain("carol");
    expect(tracker.ticket(2).assignees).not.toContain("bob");
    if (outcome.kind !== "triage") throw new Error(outcome.kind);
    expect(outcome.reasons).toContain("implementer: carol, fewest open tickets (bob 3 (0 here, acme/a 3), carol 1)");
  });

  it("skips them in B when team.capacity is 3, and says where their tickets are", async () => {
    const load = new LoadBook();
    await sweepA(load);
    const { outcome } = await triageB(load, 3);
    if (outcome.kind !== "triage") throw new Error(outcome.kind);
    expect(outcome.reasons).toContain("implementer: carol, fewest open tickets (carol 1); skipped bob (at capacity, 3 open (0 here, acme/a 3))");
  });

  it("keeps B's counts for the next ticket elsewhere, with the new ticket's assignees, without one more call", async () => {
    const load = new LoadBook();
    const { tracker } = await triageB(load);
    expect(tracker.reads).toEqual(["list"]);
    // Without A counted yet, bob (0 open) is picked over carol (1 open).
    expect(load.elsewhere("acme/a")).toEqual({ alice: { "acme/b": 1 }, bob: { "acme/b": 1 }, carol: { "acme/b": 1 } });
  });
});
