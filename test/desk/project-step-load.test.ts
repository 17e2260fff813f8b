import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/core/commands.js";
import { writeMarker, type AckRecord } from "../../src/core/marker.js";
import type { Trigger } from "../../src/core/plan-project.js";
import { resolveProjectStep } from "../../src/desk/project-step.js";
import { LoadBook } from "../../src/runtime/load-book.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker, SELF, type MemoryIssue } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

/**
 * When the project step must pick people, it counts the open tickets the way
 * intake does: from the load book when the repository is counted already (no
 * call), else from one listing, counted once and kept in the book.
 */

const config = specConfig();
const NOW = new Date("2026-11-26T13:00:00Z");
const RECORD: AckRecord = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "ann", implementer: "carol", override: "project", handoff: "lena", project: true };
/** Project work going back to support: an implementer (bob or carol) is picked from the open tickets. */
const PROJECT = ticket({ labels: ["project-work", "urgency: task", "function: development"], assignees: ["ann", "lena"] });
const support = (number: number, assignees: string[]): MemoryIssue => ({ ticket: ticket({ number, labels: ["support"], assignees }) });

function setUp(others: MemoryIssue[]) {
  const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: PROJECT }, ...others] });
  tracker.addComment(7, SELF, `Thanks\n\n${writeMarker("ack", RECORD)}`, new Date("2026-11-26T09:00:01Z"));
  const comment = tracker.addComment(7, { login: "ann", isBot: false }, "/support");
  const trigger: Trigger = { kind: "comment", commentId: comment.id, parsed: parseCommands(config, "/support"), authorized: true, author: "ann" };
  return { tracker, trigger };
}

const implementer = (result: Awaited<ReturnType<typeof resolveProjectStep>>["result"]) => (result.kind === "plan" ? result.plan.changes.assign : result.kind);

describe("resolveProjectStep: the open tickets for a pick", () => {
  it("uses the load book's counts when the repository is counted already, without listing", async () => {
    const { tracker, trigger } = setUp([]);
    const load = new LoadBook();
    load.record(tracker.repo, { ann: 1, lena: 1, carol: 3, bob: 1 });
    const { result } = await resolveProjectStep({ tracker, config, ticket: PROJECT, trigger, now: NOW, log: createMemoryLog(), load });
    expect(implementer(result)).toEqual(["bob"]);
    expect(tracker.reads).toEqual(["ticket #7", "comments #7"]);
  });

  it("lists once when they were never counted, and keeps everyone's counts, this ticket's too", async () => {
    const { tracker, trigger } = setUp([support(8, ["carol"]), support(9, ["carol"]), support(10, ["bob"])]);
    const load = new LoadBook();
    const { result } = await resolveProjectStep({ tracker, config, ticket: PROJECT, trigger, now: NOW, log: createMemoryLog(), load });
    expect(implementer(result)).toEqual(["bob"]);
    expect(tracker.reads).toEqual(["ticket #7", "comments #7", "list"]);
    expect(load.countsOf(tracker.repo)).toEqual({ ann: 1, lena: 1, carol: 2, bob: 1 });
  });
});
