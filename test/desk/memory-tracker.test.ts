import { describe, expect, it } from "vitest";
import { emptyChanges } from "../../src/core/plan.js";
import { MemoryTracker, SELF } from "../../src/desk/memory-tracker.js";
import { ticket } from "../helpers/core.js";

const NOW = new Date("2026-11-26T13:00:00Z");
const describe_ = (name: string) => ({ name, color: "ededed", description: `frontdesk: ${name}` });

describe("MemoryTracker", () => {
  it("applies changes as a platform would, creating missing labels, and records each write", async () => {
    const tracker = new MemoryTracker({ now: NOW, labels: ["support"], issues: [{ ticket: ticket({ labels: ["bug"], assignees: ["dave"] }) }] });
    await tracker.apply(7, { ...emptyChanges(), addLabels: ["support", "urgency: task"], removeLabels: ["BUG"], assign: ["ann"], unassign: ["dave"], comments: ["Thanks"] }, describe_);
    expect(tracker.ticket(7)).toMatchObject({ labels: ["support", "urgency: task"], assignees: ["ann"] });
    expect(tracker.comments(7)).toEqual([{ id: 1000, author: SELF, body: "Thanks", createdAt: NOW }]);
    expect(tracker.createdLabels.map((label) => label.name)).toEqual(["urgency: task"]);
    expect(tracker.written(7)).toEqual(["Thanks"]);
  });

  it("edits only frontdesk's own comments", async () => {
    const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: ticket() }] });
    const client = tracker.addComment(7, { login: "client-joe", isBot: false }, "/project");
    await tracker.apply(7, { ...emptyChanges(), comments: ["ack"] }, describe_);
    const own = tracker.comments(7).find((comment) => comment.author.isSelf)!;
    await tracker.editComment(own.id, "ack, rewritten");
    expect(tracker.comments(7).map((comment) => comment.body)).toEqual(["/project", "ack, rewritten"]);
    await expect(tracker.editComment(client.id, "forged")).rejects.toThrow("client-joe's, not frontdesk's");
  });

  it("has boards or moving only when asked for, and records them as writes", async () => {
    expect(new MemoryTracker({ now: NOW }).boards).toBeUndefined();
    const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: ticket() }], capabilities: { boards: true, move: true } });
    await tracker.boards!.apply(7, [{ kind: "add", board: "b" }]);
    expect(await tracker.moveIssue!(7, "acme/projects", [])).toBe("acme/projects");
    expect(tracker.writes).toEqual([{ kind: "board", number: 7, actions: [{ kind: "add", board: "b" }] }, { kind: "move", number: 7, target: "acme/projects" }]);
  });

  it("fails the write a test names, and keeps no trace of it", async () => {
    const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: ticket() }], fail: (attempt) => (attempt.ordinal === 1 ? new Error("502") : undefined) });
    await expect(tracker.apply(7, { ...emptyChanges(), addLabels: ["support"] }, describe_)).rejects.toThrow("502");
    expect(tracker.writes).toEqual([]);
    expect(tracker.ticket(7).labels).toEqual([]);
  });

  it("lists open issues with their comment counts, and says what was read", async () => {
    const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: ticket() }, { ticket: ticket({ number: 8, state: "closed" }) }] });
    tracker.addComment(7, { login: "ann", isBot: false }, "On it");
    expect((await tracker.listOpenIssues()).map((issue) => [issue.ticket.number, issue.commentCount])).toEqual([[7, 1]]);
    await expect(tracker.getTicket(9)).rejects.toMatchObject({ status: 404 });
    expect(tracker.reads).toEqual(["list", "ticket #9"]);
  });

  it("reads one issue with the descriptions of frontdesk's labels, as getTicket and the listing do", async () => {
    const support = { name: "support", color: "ededed", description: "frontdesk: a support ticket" };
    const tracker = new MemoryTracker({ now: NOW, labels: [support, "bug"], issues: [{ ticket: ticket({ labels: ["support", "bug"] }) }] });
    const read = await tracker.readIssue(7);
    expect(read.ticket.labelDescriptions).toEqual({ support: "frontdesk: a support ticket" });
    expect(read.ticket).toEqual(await tracker.getTicket(7));
    expect(read.ticket).toEqual((await tracker.listOpenIssues())[0]!.ticket);
  });
});
