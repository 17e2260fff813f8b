import { describe, expect, it } from "vitest";
import { describeLabel } from "../../src/core/labels.js";
import { emptyChanges, type Changes, type Plan } from "../../src/core/plan.js";
import type { LabelSpec } from "../../src/core/labels.js";
import type { Ticket } from "../../src/core/types.js";
import { execute, type PlanTarget } from "../../src/desk/execute.js";
import { currentPriority } from "../../src/runtime/priority.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { ticket } from "../helpers/core.js";

/**
 * One way to apply any plan: labels and assignees (boards beside them), the
 * record, the comments, the move; in one piece when there is nothing but
 * changes. What a platform cannot serve is left undone.
 */

const TICKET: Ticket = ticket({ labels: ["support", "urgency: task"] });
const describe_ = (label: string) => describeLabel(undefined, label);

function target(capabilities: { edit?: boolean; boards?: boolean; move?: boolean } = {}) {
  const calls: string[] = [];
  const tracker: PlanTarget = {
    repo: "acme/site",
    listOpenIssues: async () => [],
    listComments: async () => [],
    apply: async (_number: number, changes: Changes, describe: (label: string) => LabelSpec) => {
      changes.addLabels.forEach(describe);
      calls.push(`apply ${[...changes.addLabels, ...changes.comments.map(() => "comment"), ...(changes.internalComments ?? []).map(() => "internal")].join(",")}`);
    },
    ...(capabilities.edit ? { editComment: async (id: number) => void calls.push(`edit ${id}`) } : {}),
    ...(capabilities.boards ? { boards: { apply: async (_number: number, actions: readonly unknown[]) => void calls.push(`boards ${actions.length}`) } } : {}),
    ...(capabilities.move ? { moveIssue: async (_number: number, target: string, labels: LabelSpec[]) => (calls.push(`move ${target} ${labels.map((label) => label.name).join(",")}`), target) } : {}),
  };
  return { tracker, calls };
}

const changes = (fields: Partial<Changes>): Changes => ({ ...emptyChanges(), ...fields });

describe("execute", () => {
  it.each<[string, Plan, string[]]>([
    ["changes alone go in one piece", { changes: changes({ addLabels: ["support"], comments: ["Thanks"] }), reasons: ["Urgency: task"] }, ["apply support,comment"]],
    ["an empty plan writes nothing", { changes: emptyChanges(), reasons: [] }, []],
    [
      "with a record: labels, then the record, then the comments",
      { changes: changes({ addLabels: ["project-work"], comments: ["Planned as project work"], internalComments: ["Only for the team"] }), ack: { id: 9, body: "record" }, reasons: ["/project decides"] },
      ["apply project-work", "edit 9", "apply comment,internal"],
    ],
  ])("%s", async (_name, plan, expected) => {
    const { tracker, calls } = target({ edit: true });
    await execute(tracker, TICKET, plan, describe_, createMemoryLog());
    expect(calls).toEqual(expected);
  });

  it("applies board actions beside the labels and moves last, with frontdesk's labels", async () => {
    const { tracker, calls } = target({ edit: true, boards: true, move: true });
    const plan: Plan = {
      changes: changes({ addLabels: ["project-work"], removeLabels: ["support"], comments: ["Planned"] }),
      ack: { id: 9, body: "record" },
      board: [{ kind: "add", board: "https://github.com/orgs/acme/projects/7" }],
      move: "acme/projects",
      reasons: ["project work"],
    };
    expect(await execute(tracker, TICKET, plan, describe_, createMemoryLog())).toEqual(["moved to acme/projects"]);
    expect(calls).toEqual(["apply project-work", "boards 1", "edit 9", "apply comment", "move acme/projects project-work"]);
  });

  it("leaves boards and moves undone where the platform has neither, and says so in the log", async () => {
    const { tracker, calls } = target({ edit: true });
    const log = createMemoryLog();
    const plan: Plan = { changes: changes({ addLabels: ["project-work"] }), board: [{ kind: "remove", board: "b" }], move: "acme/projects", reasons: [] };
    expect(await execute(tracker, TICKET, plan, describe_, log)).toEqual(["boards: not served on this platform", "moving issues: not served on this platform"]);
    expect(calls).toEqual(["apply project-work"]);
    expect(log.messages("debug")).toEqual(["boards are not served on this platform", "moving issues is not served on this platform"]);
  });

  it("puts a new ticket on the support board last, at background priority, and says where there are no boards", async () => {
    const { tracker, calls } = target({ boards: true });
    const priorities: string[] = [];
    const boards = tracker.boards!;
    const watched: PlanTarget = { ...tracker, boards: { apply: async (number, actions) => (priorities.push(currentPriority()), boards.apply(number, actions)) } };
    const plan: Plan = { changes: changes({ addLabels: ["support"], comments: ["Thanks"] }), boardLater: [{ kind: "add", board: "b", fields: [{ name: "Due", values: ["2026-11-26"] }] }], reasons: [] };
    expect(await execute(watched, TICKET, plan, describe_, createMemoryLog())).toEqual([]);
    expect(calls).toEqual(["apply support,comment", "boards 1"]);
    expect(priorities).toEqual(["background"]);
    const bare = target();
    expect(await execute(bare.tracker, TICKET, plan, describe_, createMemoryLog())).toEqual(["boards: not served on this platform"]);
    expect(bare.calls).toEqual(["apply support,comment"]);
  });

  it("refuses a record edit on a tracker that cannot edit", async () => {
    const { tracker } = target();
    await expect(execute(tracker, TICKET, { changes: emptyChanges(), ack: { id: 1, body: "x" }, reasons: [] }, describe_, createMemoryLog())).rejects.toThrow("cannot edit");
  });
});
