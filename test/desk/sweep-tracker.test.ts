import { describe, expect, it } from "vitest";
import { describeLabel } from "../../src/core/labels.js";
import { emptyChanges, type Changes } from "../../src/core/plan.js";
import type { Comment, Ticket } from "../../src/core/types.js";
import type { OpenIssue } from "../../src/desk/port.js";
import { SweepTracker } from "../../src/desk/sweep-tracker.js";
import { MemoryTracker, SELF } from "../fakes/memory-tracker.js";
import { ticket } from "../helpers/core.js";

const NOW = new Date("2026-11-26T12:00:00Z");
const describe_ = (label: string) => describeLabel(undefined, label);
const changes = (overrides: Partial<Changes>): Changes => ({ ...emptyChanges(), ...overrides });
const note = (id: number, body: string): Comment => ({ id, author: { login: "client-joe", isBot: false }, body, createdAt: NOW });

/** acme/site with #7 and #8 in the store; the sweep's listing of them, taken once. */
async function setUp(seven: Partial<Ticket> = {}) {
  const inner = new MemoryTracker({
    now: NOW,
    issues: [{ ticket: ticket(seven), comments: [note(1, "hello")] }, { ticket: ticket({ number: 8 }) }],
  });
  const open = await inner.listOpenIssues();
  inner.reads.length = 0;
  return { inner, open, tracker: new SweepTracker(inner, open) };
}

const listed = (open: OpenIssue[], number: number) => open.find((issue) => issue.ticket.number === number);

describe("SweepTracker: the sweep's one listing, kept up to date", () => {
  it("lists from the sweep's listing without reading again", async () => {
    const { inner, open, tracker } = await setUp();
    expect(await tracker.listOpenIssues()).toBe(open);
    expect(tracker.repo).toBe("acme/site");
    expect(inner.reads).toEqual([]);
  });

  it("reads comments from the lock's fresh read for that issue only", async () => {
    const { inner, open, tracker } = await setUp();
    const fresh = [note(1, "hello"), note(2, "still there?")];
    tracker.useComments(7, fresh);
    expect(await tracker.listComments(7)).toBe(fresh);
    expect(listed(open, 7)?.commentCount).toBe(2);
    expect(await tracker.listComments(8)).toEqual([]);
    expect(inner.reads).toEqual(["comments #8"]);
  });

  it.each<{ name: string; before: Partial<Ticket>; apply: Partial<Changes>; labels: string[]; assignees: string[]; commentCount: number }>([
    {
      name: "labels and assignees added, the listing's comment count raised",
      before: {},
      apply: { addLabels: ["support", "urgency: task"], assign: ["ann", "carol"], comments: ["ack"] },
      labels: ["support", "urgency: task"],
      assignees: ["ann", "carol"],
      commentCount: 2,
    },
    {
      name: "a label the issue has in another case is not added twice",
      before: { labels: ["Support"] },
      apply: { addLabels: ["support", "sla: breached"] },
      labels: ["Support", "sla: breached"],
      assignees: [],
      commentCount: 1,
    },
    {
      name: "removals and unassignments ignore case",
      before: { labels: ["Project-Work", "urgency: task"], assignees: ["Lena", "ann"] },
      apply: { removeLabels: ["project-work"], addLabels: ["support"], unassign: ["lena"], assign: ["carol", "ANN"] },
      labels: ["urgency: task", "support"],
      assignees: ["ann", "carol"],
      commentCount: 1,
    },
  ])("apply: $name", async ({ before, apply, labels, assignees, commentCount }) => {
    const { inner, open, tracker } = await setUp(before);
    await tracker.apply(7, changes(apply), describe_);
    expect(inner.applied()).toEqual([changes(apply)]);
    expect(listed(open, 7)).toMatchObject({ ticket: { labels, assignees }, commentCount });
    expect(inner.ticket(7)).toMatchObject({ labels, assignees });
    expect(listed(open, 8)).toMatchObject({ ticket: { labels: [], assignees: [] }, commentCount: 0 });
  });

  it("a write that fails leaves the listing as it was", async () => {
    const inner = new MemoryTracker({ now: NOW, issues: [{ ticket: ticket() }], fail: () => new Error("502") });
    const open = await inner.listOpenIssues();
    const tracker = new SweepTracker(inner, open);
    await expect(tracker.apply(7, changes({ addLabels: ["support"], assign: ["ann"] }), describe_)).rejects.toThrow("502");
    expect(open[0]).toMatchObject({ ticket: { labels: [], assignees: [] }, commentCount: 0 });
  });

  it("a write to an issue the listing lacks goes through and changes no listed issue", async () => {
    const inner = new MemoryTracker({ now: NOW, issues: [{ ticket: ticket() }, { ticket: ticket({ number: 9, state: "closed" }) }] });
    const open = await inner.listOpenIssues();
    const tracker = new SweepTracker(inner, open);
    await tracker.apply(9, changes({ addLabels: ["support"], comments: ["note"] }), describe_);
    expect(inner.ticket(9).labels).toEqual(["support"]);
    expect(inner.comments(9)).toEqual([{ id: 1000, author: SELF, body: "note", createdAt: NOW }]);
    expect(open).toEqual([{ ticket: ticket(), commentCount: 0, updatedAt: undefined }]);
  });
});
