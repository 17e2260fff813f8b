import { describe, expect, it } from "vitest";
import type { Config } from "../../src/config/schema.js";
import { parseCommands } from "../../src/core/commands.js";
import { readMarker, writeMarker, type AckRecord } from "../../src/core/marker.js";
import { planProjectStep, type ProjectPlan, type ProjectResult, type Trigger } from "../../src/core/plan-project.js";
import type { Comment, OpenTickets, Ticket } from "../../src/core/types.js";
import { specConfig, ticket as makeTicket } from "../helpers/core.js";

const config = specConfig();
const NOW = new Date("2026-11-26T13:00:00Z"); // Thursday 14:00 in Berlin
const BOT = { login: "frontdesk[bot]", isBot: true, isSelf: true };
const ACK_ID = 100;
const COMMAND_ID = 200;
const BOARD = "https://github.com/orgs/acme-agency/projects/7";
const SUPPORT_BOARD = "https://github.com/orgs/acme-agency/projects/6";
/** carol has fewer open tickets than bob, so intake's logic picks her again. */
const OPEN: OpenTickets = { alice: 1, ann: 3, bob: 4, carol: 1 };

const RECORD: AckRecord = {
  urgency: "task",
  due: "2026-11-27T09:00:00.000Z",
  function: "development",
  contact: "alice",
  implementer: "carol",
};

interface State {
  ticket: Ticket;
  comments: Comment[];
}

function triaged(overrides: Partial<Ticket> = {}, record: AckRecord = RECORD): State {
  return {
    ticket: makeTicket({ labels: ["support", "urgency: task", "function: development"], assignees: ["alice", "carol"], ...overrides }),
    comments: [{ id: ACK_ID, author: BOT, body: `Thanks!\n\n${writeMarker("ack", record)}`, createdAt: new Date("2026-11-26T09:00:01Z") }],
  };
}

function command(body: string, authorized = true, cfg: Config = config, author = authorized ? "alice" : "client-joe"): Trigger {
  return { kind: "comment", commentId: COMMAND_ID, parsed: parseCommands(cfg, body), authorized, author };
}

function plan(state: State, trigger: Trigger, options: { config?: Config; openTickets?: OpenTickets } = {}): ProjectResult {
  return planProjectStep({ config: options.config ?? config, ...state, trigger, openTickets: options.openTickets, now: NOW });
}

function planned(result: ProjectResult): ProjectPlan {
  if (result.kind !== "plan") throw new Error(`expected a plan, got ${JSON.stringify(result)}`);
  return result.plan;
}

function recordOf(body: string): Record<string, unknown> | undefined {
  return readMarker(body)?.data;
}

/** The ticket after GitHub applied a plan, as the next event would see it. */
function afterApplying(state: State, result: ProjectPlan): State {
  const { changes, ack } = result;
  const lower = (values: string[]) => values.map((value) => value.toLowerCase());
  const ticket = {
    ...state.ticket,
    labels: [...state.ticket.labels.filter((label) => !lower(changes.removeLabels).includes(label.toLowerCase())), ...changes.addLabels],
    assignees: [...state.ticket.assignees.filter((login) => !changes.unassign.includes(login)), ...changes.assign],
  };
  const comments = state.comments.map((comment) => (ack && comment.id === ack.id ? { ...comment, body: ack.body } : comment));
  changes.comments.forEach((body, index) => comments.push({ id: 300 + comments.length + index, author: BOT, body, createdAt: NOW }));
  return { ticket, comments };
}

function isNothing(result: ProjectResult): boolean {
  const { changes, ack, board } = planned(result);
  return (
    ack === undefined &&
    board.length === 0 &&
    Object.values(changes).every((list: string[]) => list.length === 0)
  );
}

describe("planProjectStep: /estimate above the threshold, support-team model", () => {
  const start = triaged();
  const first = planned(plan(start, command("/estimate 2d")));

  it("hands the ticket to project work with one comment", () => {
    expect(first.changes).toEqual({
      addLabels: ["project-work"],
      removeLabels: ["support"],
      assign: ["lena"],
      unassign: ["carol"],
      comments: [
        "This request is larger than a support task: we estimate **2d**, and support covers up to 4h. We are planning it as project work. @lena is taking it over and will be in touch.",
      ],
    });
    expect(first.board).toEqual([
      { kind: "add", board: BOARD, status: "Backlog" },
      { kind: "remove", board: SUPPORT_BOARD },
    ]);
  });

  it("keeps the estimate and the state in the acknowledgement's record, text unchanged", () => {
    expect(first.ack?.id).toBe(ACK_ID);
    expect(first.ack?.body.startsWith("Thanks!\n\n")).toBe(true);
    expect(recordOf(first.ack?.body ?? "")).toEqual({ ...RECORD, estimate: "2d", estimateFrom: "command", project: true, handoff: "lena" });
  });

  it("changes nothing when the same estimate comes again", () => {
    const second = plan(afterApplying(start, first), command("/estimate 2d"));
    expect(isNothing(second)).toBe(true);
  });

  it("is undone by /support: labels, boards, a contact and an implementer", () => {
    const project = afterApplying(start, first);
    expect(plan(project, command("/support"))).toEqual({ kind: "need-open-tickets" });
    const back = planned(plan(project, command("/support"), { openTickets: OPEN }));
    expect(back.changes).toEqual({
      addLabels: ["support"],
      removeLabels: ["project-work"],
      assign: ["carol"],
      unassign: ["lena"],
      comments: [
        "We are handling this request as a support ticket again. Your contact is @alice. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.",
      ],
    });
    expect(back.board).toEqual([
      { kind: "remove", board: BOARD },
      { kind: "add", board: SUPPORT_BOARD },
    ]);
    expect(recordOf(back.ack?.body ?? "")).toEqual({ ...RECORD, estimate: "2d", estimateFrom: "command", override: "support" });

    const restored = afterApplying(project, back);
    expect(restored.ticket.labels.sort()).toEqual([...start.ticket.labels].sort());
    expect(restored.ticket.assignees.sort()).toEqual([...start.ticket.assignees].sort());
    expect(isNothing(plan(restored, command("/support"), { openTickets: OPEN }))).toBe(true);
    // A new estimate is a new decision and ends /support.
    expect(planned(plan(restored, command("/estimate 3d"))).changes.addLabels).toEqual(["project-work"]);
  });
});

describe("planProjectStep: other ways into project work", () => {
  it("keeps the assignees in the client-team model", () => {
    const clientTeam = specConfig({ model: "client-team" });
    const result = planned(plan(triaged(), command("/estimate 2d", true, clientTeam), { config: clientTeam }));
    expect(result.changes).toMatchObject({ addLabels: ["project-work"], removeLabels: ["support"], assign: [], unassign: [] });
    expect(result.changes.comments[0]).toContain("@alice remains your contact.");
    expect(recordOf(result.ack?.body ?? "")).not.toHaveProperty("handoff");
  });

  it("/project needs no estimate, and says none", () => {
    const result = planned(plan(triaged(), command("/project")));
    expect(result.changes.comments).toEqual([
      "This request is larger than a support task, so we are planning it as project work. @lena is taking it over and will be in touch.",
    ]);
    expect(recordOf(result.ack?.body ?? "")).toMatchObject({ override: "project", project: true });
  });

  it("an estimate at or below the threshold leaves a support ticket alone but is recorded", () => {
    const result = planned(plan(triaged({ labels: ["support", "urgency: task", "needs estimate"] }), command("/estimate 4h")));
    expect(result.changes).toEqual({ addLabels: [], removeLabels: ["needs estimate"], assign: [], unassign: [], comments: [] });
    expect(result.board).toEqual([]);
    expect(recordOf(result.ack?.body ?? "")).toEqual({ ...RECORD, estimate: "4h", estimateFrom: "command" });
  });

  it("a size label a person adds is a new estimate", () => {
    const state = triaged({ labels: ["support", "urgency: task", "size: L"] });
    const result = planned(plan(state, { kind: "label", label: "size: L", authorized: true }));
    expect(result.changes.addLabels).toEqual(["project-work"]);
    expect(recordOf(result.ack?.body ?? "")).toMatchObject({ estimate: "2d", estimateFrom: "label" });
    const small = planned(plan(triaged({ labels: ["support", "size: S"] }), { kind: "label", label: "size: S", authorized: true }));
    expect(small.changes).toEqual({ addLabels: [], removeLabels: [], assign: [], unassign: [], comments: [] });
    expect(recordOf(small.ack?.body ?? "")).toEqual({ ...RECORD, estimate: "1h", estimateFrom: "label" });
  });

  it("a smaller estimate brings project work back to support", () => {
    const project = triaged({ labels: ["project-work"], assignees: ["alice", "lena"] }, { ...RECORD, estimate: "2d", estimateFrom: "command", project: true, handoff: "lena" });
    const result = planned(plan(project, command("/estimate 2h"), { openTickets: OPEN }));
    expect(result.changes).toMatchObject({ addLabels: ["support"], removeLabels: ["project-work"], assign: ["carol"], unassign: ["lena"] });
  });

  it("reviews a ticket whose form asks for more than the threshold, and one that does not", () => {
    const big = planned(plan(triaged({ body: "### Estimate\n\n3d", author: { login: "alice", isBot: false } }), { kind: "review" }));
    expect(big.changes.addLabels).toEqual(["project-work"]);
    expect(big.changes.comments[0]).toContain("we estimate **3d**");
    expect(isNothing(plan(triaged({ body: "### Estimate\n\n1h" }), { kind: "review" }))).toBe(true);
    expect(isNothing(plan(triaged(), { kind: "review" }))).toBe(true);
  });

  it("unassigns every implementer, but neither the contact nor someone outside the roster", () => {
    const result = planned(plan(triaged({ assignees: ["carol", "bob", "alice", "client-dev"] }), command("/project")));
    expect(result.changes).toMatchObject({ assign: ["lena"], unassign: ["carol", "bob"] });
  });

  it("hands off to someone who is not away", () => {
    const two = specConfig({ project_work: { ...config.project_work, handoff: ["lena", "lars"] }, team: { ...config.team, away: { lena: ["2026-11-26"] } } });
    const result = planned(plan(triaged(), command("/project", true, two), { config: two }));
    expect(result.changes.assign).toEqual(["lars"]);
  });
});

describe("planProjectStep: urgency", () => {
  it("/urgency re-labels, restarts the clock and rewrites the acknowledgement", () => {
    const result = planned(plan(triaged(), command("/urgency emergency")));
    expect(result.changes).toEqual({ addLabels: ["urgency: emergency"], removeLabels: ["urgency: task"], assign: [], unassign: [], comments: [] });
    // Thursday 14:00 Berlin + 1 business hour.
    expect(recordOf(result.ack?.body ?? "")).toEqual({ ...RECORD, urgency: "emergency", due: "2026-11-26T14:00:00.000Z" });
    expect(result.ack?.body).toContain("Urgency: **emergency**. Your contact is @alice; @carol is working on it. You will hear from us by **Thu, 26 Nov 2026, 15:00 CET**.");
    expect(isNothing(plan(afterApplying(triaged(), result), command("/urgency emergency")))).toBe(true);
  });

  it("a person's urgency label wins: only the other one goes", () => {
    const state = triaged({ labels: ["support", "urgency: task", "urgency: emergency"] });
    const result = planned(plan(state, { kind: "label", label: "urgency: emergency", authorized: true }));
    expect(result.changes).toEqual({ addLabels: [], removeLabels: ["urgency: task"], assign: [], unassign: [], comments: [] });
    expect(recordOf(result.ack?.body ?? "")).toMatchObject({ urgency: "emergency", due: "2026-11-26T14:00:00.000Z" });
  });
});

describe("planProjectStep: /book", () => {
  it("assigns the bookable person and labels the booking, once", () => {
    const state = triaged();
    expect(plan(state, command("/book seo"))).toEqual({ kind: "need-open-tickets" });
    const result = planned(plan(state, command("/book seo"), { openTickets: OPEN }));
    expect(result.changes).toEqual({ addLabels: ["booked: seo"], removeLabels: [], assign: ["erin"], unassign: [], comments: [] });
    expect(result.ack).toBeUndefined();
    expect(isNothing(plan(afterApplying(state, result), command("/book seo")))).toBe(true);
  });

  it("says so when nobody in the pool is available", () => {
    const away = specConfig({ team: { ...config.team, away: { erin: ["2026-11-26"] } } });
    const result = planned(plan(triaged(), command("/book seo", true, away), { config: away, openTickets: OPEN }));
    expect(result.changes.assign).toEqual([]);
    expect(result.changes.comments).toEqual([
      `Nobody for \`seo\` is available right now (away or at capacity), so nobody was booked.\n\n<!-- frontdesk:reply {"to":${COMMAND_ID}} -->`,
    ]);
  });
});

describe("planProjectStep: refusals and malformed commands", () => {
  it("answers a client once, mentioning the contact, and changes nothing", () => {
    const state = triaged();
    const result = planned(plan(state, command("/urgency emergency", false)));
    expect(result).toEqual({
      changes: {
        addLabels: [],
        removeLabels: [],
        assign: [],
        unassign: [],
        comments: [
          `Thanks! \`/urgency emergency\` is for our team only, so nothing has changed. @alice will take care of your request.\n\n<!-- frontdesk:reply {"to":${COMMAND_ID},"refused":"client-joe"} -->`,
        ],
      },
      board: [],
      reasons: ["refused: client-joe is the client side, not in the roster"],
    });
    expect(plan(afterApplying(state, result), command("/urgency emergency", false))).toEqual({ kind: "skip", reason: "client-joe was refused within the hour" });
  });

  it("answers malformed commands in one reply, one line each, and still runs the good ones", () => {
    const result = planned(plan(triaged(), command("/estimate soon\n/urgency whenever\n/book seo"), { openTickets: OPEN }));
    expect(result.changes.assign).toEqual(["erin"]);
    expect(result.changes.comments).toEqual([
      [
        "Sorry, I could not read `/estimate soon`. Please use `/estimate 30m`, `/estimate 4h` or `/estimate 2d`.",
        "Sorry, I could not read `/urgency whenever`. Please use `/urgency emergency` or `/urgency task`.",
        "",
        `<!-- frontdesk:reply {"to":${COMMAND_ID}} -->`,
      ].join("\n"),
    ]);
  });

  it("waits for intake on a ticket without an acknowledgement", () => {
    expect(plan({ ticket: makeTicket(), comments: [] }, command("/project"))).toEqual({ kind: "untriaged" });
  });
});
