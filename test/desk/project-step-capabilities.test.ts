import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/core/commands.js";
import type { LabelSpec } from "../../src/core/labels.js";
import { writeMarker } from "../../src/core/marker.js";
import type { BoardAction, Trigger } from "../../src/core/plan-project.js";
import type { BoardCapability } from "../../src/desk/port.js";
import { reconcileProjectStep } from "../../src/desk/project-step.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker, SELF } from "../fakes/memory-tracker.js";
import { SPEC_PROJECT_REASON, specConfig, ticket } from "../helpers/core.js";

/**
 * The project step's optional capabilities, asked for by name through the
 * port: boards (GitHub Projects) beside the labels, a move into another
 * project (GitLab's move_to) after the record and the comments. A platform
 * without one leaves its actions undone, and the step goes on.
 */

const NOW = new Date("2026-11-26T13:00:00Z");
const RECORD = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "ann", implementer: "carol" };
const TRIAGED = ticket({ labels: ["support", "urgency: task", "function: development"], assignees: ["ann", "carol"] });

/** A tracker of #7, triaged, whose platform offers what the test gives it, and the order in which things happened. */
function platform(capabilities: { boards?: boolean; move?: boolean }) {
  const events: string[] = [];
  const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: TRIAGED }] }) as MemoryTracker & {
    boards?: BoardCapability;
    moveIssue?: (number: number, target: string, labels: LabelSpec[]) => Promise<string>;
  };
  tracker.addComment(7, SELF, `Thanks!\n\n${writeMarker("ack", RECORD)}`, new Date("2026-11-26T09:00:01Z"));
  const apply = tracker.apply.bind(tracker);
  tracker.apply = async (number, changes, describe) => {
    events.push(changes.comments.length > 0 ? "comments" : "labels");
    return apply(number, changes, describe);
  };
  const edit = tracker.editComment.bind(tracker);
  tracker.editComment = async (id, body) => {
    events.push("record");
    return edit(id, body);
  };
  const boards: BoardAction[][] = [];
  if (capabilities.boards) tracker.boards = { apply: async (_number, actions) => void boards.push([...actions]) };
  const moves: { target: string; labels: string[] }[] = [];
  if (capabilities.move) {
    tracker.moveIssue = async (_number, target, labels) => {
      events.push("move");
      moves.push({ target, labels: labels.map((label) => label.name) });
      return target;
    };
  }
  return { tracker, events, boards, moves };
}

function byLena(body: string): Trigger {
  const config = specConfig();
  return { kind: "comment", commentId: 50, parsed: parseCommands(config, body), authorized: true, author: "lena" };
}

describe("reconcileProjectStep: capabilities by name", () => {
  it("adds the ticket to the project board and takes it off the support board where the platform has boards", async () => {
    const { tracker, boards } = platform({ boards: true });
    const outcome = await reconcileProjectStep({ tracker, config: specConfig(), ticket: TRIAGED, trigger: byLena("/project"), now: NOW, log: createMemoryLog() });
    expect(outcome.kind).toBe("done");
    expect(boards).toEqual([
      [
        { kind: "add", board: "https://github.com/orgs/acme-agency/projects/7", status: "Backlog" },
        { kind: "remove", board: "https://github.com/orgs/acme-agency/projects/6" },
      ],
    ]);
  });

  it("without boards, still labels, records and announces the project work", async () => {
    const { tracker, events } = platform({});
    const outcome = await reconcileProjectStep({ tracker, config: specConfig(), ticket: TRIAGED, trigger: byLena("/project"), now: NOW, log: createMemoryLog() });
    expect(outcome).toEqual({ kind: "done", reasons: ["/project decides", SPEC_PROJECT_REASON, "boards: not served on this platform"] });
    expect(events).toEqual(["labels", "record", "comments"]);
  });

  it("moves the issue last, with frontdesk's labels, when the plan makes it project work and move_to is set", async () => {
    const config = specConfig({ project_work: { ...specConfig().project_work, move_to: "acme-agency/projects" } });
    const { tracker, events, moves } = platform({ move: true });
    const outcome = await reconcileProjectStep({ tracker, config, ticket: TRIAGED, trigger: byLena("/project"), now: NOW, log: createMemoryLog() });
    expect(events).toEqual(["labels", "record", "comments", "move"]);
    expect(moves).toEqual([{ target: "acme-agency/projects", labels: ["urgency: task", "function: development", "project-work"] }]);
    expect(outcome).toEqual({ kind: "done", reasons: ["/project decides", `${SPEC_PROJECT_REASON}; into acme-agency/projects (project_work.move_to)`, "boards: not served on this platform", "moved to acme-agency/projects"] });
  });

  it("does not move a ticket that already is project work, nor one that becomes support again", async () => {
    const config = specConfig({ project_work: { ...specConfig().project_work, move_to: "acme-agency/projects" } });
    const { tracker, moves } = platform({ move: true });
    await reconcileProjectStep({ tracker, config, ticket: TRIAGED, trigger: byLena("/urgency emergency"), now: NOW, log: createMemoryLog() });
    expect(moves).toEqual([]);
  });

  it.each([
    ["an internal note is answered with an internal comment", true, { comments: 0, internal: 1 }],
    ["a public comment is answered publicly", false, { comments: 1, internal: 0 }],
  ])("%s", async (_name, internal, expected) => {
    const { tracker } = platform({});
    const trigger: Trigger = { ...(byLena("/urgency whenever") as Extract<Trigger, { kind: "comment" }>), internal };
    await reconcileProjectStep({ tracker, config: specConfig(), ticket: TRIAGED, trigger, now: NOW, log: createMemoryLog() });
    const written = tracker.applied(7).filter((changes) => changes.comments.length > 0 || (changes.internalComments ?? []).length > 0);
    expect(written).toHaveLength(1);
    expect(written[0]!.comments).toHaveLength(expected.comments);
    expect(written[0]!.internalComments ?? []).toHaveLength(expected.internal);
    expect([...written[0]!.comments, ...(written[0]!.internalComments ?? [])][0]).toContain("Sorry, I could not read `/urgency whenever`");
  });
});
