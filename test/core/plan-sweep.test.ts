import { describe, expect, it } from "vitest";
import { planIntake } from "../../src/core/plan-intake.js";
import { planSweep, type SweepComment, type SweepInput, type SweepPlan } from "../../src/core/plan-sweep.js";
import type { ConfigInput } from "../../src/config/schema.js";
import type { Ticket } from "../../src/core/types.js";
import { specConfig, ticket } from "../helpers/core.js";

/** Thursday 26 Nov 2026, 10:00 in Berlin. */
const OPENED = new Date("2026-11-26T09:00:00Z");
/** A task (1d) opened then is due Friday 10:00 Berlin; 80% of 480 business minutes is Thursday 16:24. */
const TASK_DUE = "2026-11-27T09:00:00.000Z";
/** An emergency (1h) opened then is due Thursday 11:00 Berlin; 80% is 10:48. */
const EMERGENCY_DUE = "2026-11-26T10:00:00.000Z";
const WINDOW = { from: new Date("2026-11-12T09:00:00Z"), to: new Date("2026-12-31T00:00:00Z") };

const BOT = { login: "frontdesk[bot]", isBot: true, isSelf: true };

function ack(record: Record<string, unknown>, id = 100): SweepComment {
  return {
    id,
    author: BOT,
    body: `Thanks.\n\n<!-- frontdesk:ack ${JSON.stringify(record)} -->`,
    createdAt: new Date(OPENED.getTime() + 1000),
  };
}

function comment(login: string, body: string, options: { at?: string; id?: number; bot?: boolean } = {}): SweepComment {
  return {
    id: options.id ?? 200,
    author: { login, isBot: options.bot ?? false },
    body,
    createdAt: new Date(options.at ?? "2026-11-26T12:00:00Z"),
  };
}

function own(kind: string, due: string, id = 300): SweepComment {
  return { id, author: BOT, body: `Text\n\n<!-- frontdesk:${kind} {"due":"${due}"} -->`, createdAt: OPENED };
}

const TASK_ACK = ack({ urgency: "task", due: TASK_DUE, function: "development", contact: "ann", implementer: "carol" });
const EMERGENCY_ACK = ack({ urgency: "emergency", due: EMERGENCY_DUE, contact: "ann", implementer: "carol" });
const TRIAGED = ["support", "urgency: task", "function: development"];

function sweep(overrides: { ticket?: Partial<Ticket>; now: string; comments?: SweepComment[]; commentCount?: number; config?: SweepInput["config"]; teamMembers?: ReadonlySet<string> }): SweepPlan {
  return planSweep({
    config: overrides.config ?? specConfig(),
    ticket: ticket({ number: 7, title: "Please change the footer", createdAt: OPENED, labels: TRIAGED, assignees: ["ann", "carol"], ...overrides.ticket }),
    commentCount: overrides.commentCount ?? overrides.comments?.length ?? 0,
    comments: overrides.comments,
    now: new Date(overrides.now),
    triageWindow: WINDOW,
    teamMembers: overrides.teamMembers,
  });
}

describe("planSweep: what each open issue needs", () => {
  it.each<[string, Parameters<typeof sweep>[0], SweepPlan["kind"], RegExp]>([
    ["a bot's issue is not a ticket", { ticket: { author: { login: "renovate[bot]", isBot: true } }, now: "2026-11-30T09:00:00Z" }, "skip", /bot/],
    ["a closed issue is exempt", { ticket: { state: "closed" }, comments: [TASK_ACK], now: "2026-11-30T09:00:00Z" }, "skip", /closed/],
    ["a paused repository", { config: specConfig({ enabled: false }), comments: [TASK_ACK], now: "2026-11-30T09:00:00Z" }, "skip", /paused/],
    ["project work by its label", { ticket: { labels: ["project-work"] }, comments: [TASK_ACK], now: "2026-11-30T09:00:00Z" }, "skip", /project work/],
    [
      "project work by its record",
      { comments: [ack({ urgency: "task", due: TASK_DUE, project: true })], now: "2026-11-30T09:00:00Z" },
      "skip",
      /project work/,
    ],
    ["escalated before (label)", { ticket: { labels: [...TRIAGED, "sla: breached"] }, comments: [TASK_ACK], now: "2026-11-30T09:00:00Z" }, "skip", /escalated/],
    ["escalated before (marker)", { comments: [TASK_ACK, own("escalation", TASK_DUE)], now: "2026-11-30T09:00:00Z" }, "skip", /already escalated/],
    ["no comments at all: never triaged", { ticket: { labels: [], assignees: [] }, now: "2026-11-26T10:00:00Z" }, "triage", /no acknowledgement/],
    ["comments but no acknowledgement", { ticket: { labels: [] }, comments: [comment("client-joe", "hello?")], now: "2026-11-26T10:00:00Z" }, "triage", /no acknowledgement/],
    ["untriaged but older than the window", { ticket: { labels: [], createdAt: new Date("2026-10-01T09:00:00Z") }, now: "2026-11-26T10:00:00Z" }, "skip", /too old/],
    ["untriaged and just opened: the webhook's", { ticket: { labels: [], createdAt: new Date("2026-12-31T00:00:00Z") }, now: "2026-12-31T00:00:10Z" }, "skip", /webhook/],
    ["listing only, before the earliest reminder point", { commentCount: 1, now: "2026-11-26T15:00:00Z" }, "skip", /not yet/],
    ["listing only, past the earliest reminder point", { commentCount: 1, now: "2026-11-26T15:30:00Z" }, "need-comments", /reminder point/],
    ["listing only, no support label", { ticket: { labels: [] }, commentCount: 2, now: "2026-11-26T10:00:00Z" }, "need-comments", /perhaps never triaged/],
    ["answered by the contact", { comments: [TASK_ACK, comment("ann", "Looking at it")], now: "2026-11-30T09:00:00Z" }, "skip", /answered by ann/],
    ["a collaborator outside the roster (a client colleague) is no answer", { comments: [TASK_ACK, comment("zoe", "Any news?")], now: "2026-11-30T09:00:00Z" }, "escalate", /passed/],
    ["team.agency answers", { config: specConfig({ team: { ...specConfig().team, agency: ["zoe"] } }), comments: [TASK_ACK, comment("zoe", "On it")], now: "2026-11-30T09:00:00Z" }, "skip", /answered by zoe/],
    ["a member of an agency team answers", { teamMembers: new Set(["zoe"]), comments: [TASK_ACK, comment("zoe", "On it")], now: "2026-11-30T09:00:00Z" }, "skip", /answered by zoe/],
    [
      "an escalation marker in a person's comment is not frontdesk's",
      { comments: [TASK_ACK, { ...own("escalation", TASK_DUE), author: { login: "mallory", isBot: false } }], now: "2026-11-30T09:00:00Z" },
      "escalate",
      /passed/,
    ],
    [
      "an escalation marker in another bot's comment is not frontdesk's",
      { comments: [TASK_ACK, { ...own("escalation", TASK_DUE), author: { login: "other[bot]", isBot: true } }], now: "2026-11-30T09:00:00Z" },
      "escalate",
      /passed/,
    ],
    [
      "an escalation marker frontdesk quoted in the middle of its own reply is not a record",
      { comments: [TASK_ACK, { ...own("escalation", TASK_DUE), body: `Thanks! \`/project <!-- frontdesk:escalation {"due":"${TASK_DUE}"} -->\` is for our team only.\n\n<!-- frontdesk:reply {"to":5} -->` }], now: "2026-11-30T09:00:00Z" },
      "escalate",
      /passed/,
    ],
    ["a team member's command is an answer too", { comments: [TASK_ACK, comment("alice", "/estimate 2h")], now: "2026-11-30T09:00:00Z" }, "skip", /answered by alice/],
    ["the client's comment is no answer", { comments: [TASK_ACK, comment("client-joe", "Any news?")], now: "2026-11-30T09:00:00Z" }, "escalate", /passed/],
    ["the author's own comment is no answer", { comments: [TASK_ACK, comment("client-joe", "More details")], now: "2026-11-30T09:00:00Z" }, "escalate", /passed/],
    ["the author's comment is no answer even when the author is on the team", { ticket: { author: { login: "alice", isBot: false } }, comments: [TASK_ACK, comment("alice", "More details")], now: "2026-11-30T09:00:00Z" }, "escalate", /passed/],
    ["another bot's comment is no answer", { comments: [TASK_ACK, comment("ci[bot]", "Build ok", { bot: true })], now: "2026-11-30T09:00:00Z" }, "escalate", /passed/],
    ["before 80% of a task", { comments: [TASK_ACK], now: "2026-11-26T15:23:00Z" }, "skip", /reminder when 80%/],
    ["at 80% of a task", { comments: [TASK_ACK], now: "2026-11-26T15:24:00Z" }, "remind", /80%/],
    ["reminded before, not yet due", { comments: [TASK_ACK, own("reminder", TASK_DUE)], now: "2026-11-27T08:00:00Z" }, "skip", /already reminded/],
    ["reminded before, now due", { comments: [TASK_ACK, own("reminder", TASK_DUE)], now: "2026-11-27T09:00:00Z" }, "escalate", /passed/],
    ["an emergency at 47 minutes", { ticket: { labels: ["support", "urgency: emergency"] }, comments: [EMERGENCY_ACK], now: "2026-11-26T09:47:00Z" }, "skip", /reminder when/],
    ["an emergency at 48 minutes", { ticket: { labels: ["support", "urgency: emergency"] }, comments: [EMERGENCY_ACK], now: "2026-11-26T09:48:00Z" }, "remind", /80%/],
    ["an emergency past due skips the reminder", { ticket: { labels: ["support", "urgency: emergency"] }, comments: [EMERGENCY_ACK], now: "2026-11-26T10:00:00Z" }, "escalate", /passed/],
  ])("%s", (_name, input, kind, reason) => {
    const plan = sweep(input);
    expect(plan.kind).toBe(kind);
    expect(plan.reason).toMatch(reason);
  });

  it("escalates with the sla label and one comment mentioning the contact and the leads", () => {
    const plan = sweep({ comments: [TASK_ACK], now: "2026-11-27T09:00:00Z" });
    expect(plan).toMatchObject({ kind: "escalate", due: new Date(TASK_DUE) });
    if (plan.kind !== "escalate") throw new Error("no escalation");
    const why = `due ${TASK_DUE} passed without a first response`;
    expect(plan.steps).toEqual([
      {
        changes: {
          addLabels: [],
          removeLabels: [],
          assign: [],
          unassign: [],
          comments: [
            "@ann @lena: the first response to this ticket was due by **Fri, 27 Nov 2026, 10:00 CET**. Please respond as soon as possible." +
              `\n\n<!-- frontdesk:escalation {"due":"${TASK_DUE}"} -->`,
          ],
        },
        reasons: [`escalated to lena: ${why}`],
      },
      { changes: { addLabels: ["sla: breached"], removeLabels: [], assign: [], unassign: [], comments: [] }, reasons: [`labelled sla: breached: ${why}`] },
    ]);
  });

  it("reminds the contact once, with a marker", () => {
    const plan = sweep({ comments: [TASK_ACK], now: "2026-11-26T16:00:00Z" });
    if (plan.kind !== "remind") throw new Error(`expected a reminder, got ${plan.kind}: ${plan.reason}`);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.changes.comments).toEqual([
      `@ann, a reminder: the first response to this ticket is due by **Fri, 27 Nov 2026, 10:00 CET**.\n\n<!-- frontdesk:reminder {"due":"${TASK_DUE}"} -->`,
    ]);
    expect(plan.steps[0]!.changes.addLabels).toEqual([]);
  });

  it("writes in the configured language and honours sla.remind_at", () => {
    const config = specConfig({ language: "de", sla: { remind_at: "50%" } });
    // 50% of 480 minutes from Thursday 10:00 is Thursday 14:00 Berlin.
    expect(sweep({ config, comments: [TASK_ACK], now: "2026-11-26T12:59:00Z" }).kind).toBe("skip");
    const plan = sweep({ config, comments: [TASK_ACK], now: "2026-11-26T13:00:00Z" });
    if (plan.kind !== "remind") throw new Error(`expected a reminder, got ${plan.kind}`);
    expect(plan.steps[0]!.changes.comments[0]).toMatch(/^@ann, zur Erinnerung: Die erste Antwort auf dieses Ticket ist bis \*\*Fr\., 27\. Nov\. 2026, 10:00 MEZ\*\* fällig\./u);
  });

  it("names the contact from the assignees when the record has none", () => {
    const plan = sweep({ ticket: { assignees: ["carol", "alice"] }, comments: [ack({ urgency: "task", due: TASK_DUE })], now: "2026-11-27T09:00:00Z" });
    if (plan.kind !== "escalate") throw new Error("no escalation");
    expect(plan.steps[0]!.changes.comments[0]).toMatch(/^@alice @lena: /u);
  });

  it("keeps to the record's due time after an urgency change moved it", () => {
    // /urgency task on Thursday 15:00 Berlin restarted the clock: due Friday 15:00.
    const moved = ack({ urgency: "task", due: "2026-11-27T14:00:00.000Z", contact: "ann" });
    expect(sweep({ comments: [moved], now: "2026-11-27T09:00:00Z" }).kind).toBe("skip");
    expect(sweep({ comments: [moved], now: "2026-11-27T14:00:00Z" }).kind).toBe("escalate");
  });

  it("recomputes the due time like intake when the record is unreadable", () => {
    const edited: SweepComment = { ...TASK_ACK, body: 'Edited <!-- frontdesk:ack {"urgency":"task"} -->' };
    const plan = sweep({ comments: [edited], now: "2026-11-27T09:00:00Z" });
    expect(plan).toMatchObject({ kind: "escalate", due: new Date(TASK_DUE) });
    expect(sweep({ comments: [edited], now: "2026-11-27T08:59:00Z" }).kind).toBe("remind");
  });

  it("recomputes an unreadable record's promise on the wall clock as intake would: an always level outside business hours", () => {
    // Emergency (1h, hours: always) opened Saturday 02:00 Berlin: intake promised 03:00 on the wall clock, not Monday 10:00.
    const base = specConfig();
    const config = specConfig({ urgency: { ...base.urgency, levels: { ...base.urgency.levels, emergency: { ...base.urgency.levels.emergency!, hours: "always" } } } } as Partial<ConfigInput>);
    const saturday = new Date("2026-11-28T01:00:00Z");
    const edited: SweepComment = { ...EMERGENCY_ACK, createdAt: saturday, body: 'Edited <!-- frontdesk:ack {"urgency":"emergency"} -->' };
    const night = { createdAt: saturday, labels: ["support", "urgency: emergency"] };
    expect(sweep({ config, ticket: night, comments: [edited], now: "2026-11-28T02:00:00Z" })).toMatchObject({ kind: "escalate", due: new Date("2026-11-28T02:00:00.000Z") });
    expect(sweep({ config, ticket: night, comments: [edited], now: "2026-11-28T01:50:00Z" }).kind).toBe("remind");
  });
});

describe("planSweep and planIntake share the due time", () => {
  it.each([
    ["an emergency on Friday 16:30 is due Monday 09:30", "Website is down!", "2026-11-27T15:30:00Z", "2026-11-30T08:30:00.000Z"],
    ["a task on a holiday is due when the next working day closes", "Change the footer", "2026-12-24T10:00:00Z", "2026-12-28T16:00:00.000Z"],
  ])("%s", (_name, title, opened, due) => {
    const config = specConfig();
    const issue = ticket({ title, createdAt: new Date(opened), labels: [], assignees: [] });
    const intake = planIntake({ config, ticket: issue, comments: [], openTickets: {}, clockStart: issue.createdAt, now: issue.createdAt });
    if (intake.kind !== "triage") throw new Error("not triaged");
    expect(intake.decisions.due.toISOString()).toBe(due);
    const acknowledgement: SweepComment = { id: 1, author: BOT, body: intake.changes.comments[0]!, createdAt: issue.createdAt };
    const triaged = { ...issue, labels: intake.changes.addLabels, assignees: intake.changes.assign };
    const at = (ms: number) =>
      planSweep({ config, ticket: triaged, commentCount: 1, comments: [acknowledgement], now: new Date(ms), triageWindow: WINDOW }).kind;
    expect(at(Date.parse(due) - 1)).toBe("remind");
    expect(at(Date.parse(due))).toBe("escalate");
  });
});
