import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/core/commands.js";
import { writeMarker, type AckRecord } from "../../src/core/marker.js";
import { emptyChanges, type Changes } from "../../src/core/plan.js";
import type { ProjectResult, Trigger } from "../../src/core/plan-project.js";
import type { Ticket } from "../../src/core/types.js";
import { reconcileProjectStep, resolveProjectStep } from "../../src/desk/project-step.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker, SELF, type Attempt } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

const config = specConfig();
/** Thursday 26 Nov 2026, 14:00 in Berlin; #7 was opened at 10:00. */
const NOW = new Date("2026-11-26T13:00:00Z");
const MINUTE = 60_000;
const RECORD: AckRecord = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "ann", implementer: "carol" };
const ACK_TEXT = "Thanks for your request, we have it. Urgency: **task**. Your contact is @ann; @carol is working on it. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.";
const TRIAGED = ticket({ labels: ["support", "urgency: task", "function: development"], assignees: ["ann", "carol"] });
const PROJECT = ticket({ labels: ["project-work", "urgency: task", "function: development"], assignees: ["ann", "lena"] });
const PROJECT_RECORD: AckRecord = { ...RECORD, override: "project", handoff: "lena", project: true };
const PROJECT_BOARD = "https://github.com/orgs/acme-agency/projects/7";
const SUPPORT_BOARD = "https://github.com/orgs/acme-agency/projects/6";

function changes(overrides: Partial<Changes>): Changes {
  return { ...emptyChanges(), ...overrides };
}

/** #7 with frontdesk's acknowledgement (id 1000, unless `record` is undefined: never triaged) and the command's comment. */
function setUp(issue: Ticket, record: AckRecord | undefined, command: { author: string; body: string }, fail?: (attempt: Attempt) => Error | undefined) {
  const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: issue }], fail });
  if (record) tracker.addComment(7, SELF, `${ACK_TEXT}\n\n${writeMarker("ack", record)}`, new Date("2026-11-26T09:00:01Z"));
  const comment = tracker.addComment(7, { login: command.author, isBot: false }, command.body);
  const trigger: Trigger = { kind: "comment", commentId: comment.id, parsed: parseCommands(config, command.body), authorized: command.author !== "client-joe", author: command.author };
  return { tracker, trigger, event: issue };
}

async function resolve(tracker: MemoryTracker, trigger: Trigger, event: Ticket = TRIAGED, now = NOW) {
  tracker.now = now;
  return resolveProjectStep({ tracker, config, ticket: event, trigger, now, log: createMemoryLog() });
}

/** The whole step through the shared executor, as both adapters run it. */
function run(tracker: MemoryTracker, trigger: Trigger, event: Ticket = TRIAGED) {
  return reconcileProjectStep({ tracker, config, ticket: event, trigger, now: NOW, log: createMemoryLog() });
}

const REFUSAL = "Thanks! `/project` is for our team only, so nothing has changed. @ann will take care of your request.";

describe("resolveProjectStep: one command, the plan it yields", () => {
  it.each<{ name: string; issue: Ticket; record?: AckRecord; author: string; body: string; result: ProjectResult; reads: string[] }>([
    {
      name: "a team member's /project: project work, handed over to lena, the boards swapped",
      issue: TRIAGED,
      record: RECORD,
      author: "alice",
      body: "/project",
      result: {
        kind: "plan",
        plan: {
          changes: changes({
            addLabels: ["project-work"],
            removeLabels: ["support"],
            assign: ["lena"],
            unassign: ["carol"],
            comments: ["This request is larger than a support task, so we are planning it as project work. @lena is taking it over and will be in touch."],
          }),
          ack: { id: 1000, body: `${ACK_TEXT}\n\n${writeMarker("ack", { ...RECORD, override: "project", handoff: "lena", project: true })}` },
          board: [
            { kind: "add", board: PROJECT_BOARD, status: "Backlog" },
            { kind: "remove", board: SUPPORT_BOARD },
          ],
          reasons: ["/project decides", `project work: labelled project-work; handed off to lena (project_work.handoff); onto board ${PROJECT_BOARD}; off board ${SUPPORT_BOARD}`],
        },
      },
      reads: ["ticket #7", "comments #7"],
    },
    {
      name: "a team member's /support on project work: back to support, an implementer picked from the open tickets",
      issue: PROJECT,
      record: PROJECT_RECORD,
      author: "ann",
      body: "/support",
      result: {
        kind: "plan",
        plan: {
          changes: changes({
            addLabels: ["support"],
            removeLabels: ["project-work"],
            assign: ["carol"],
            unassign: ["lena"],
            comments: ["We are handling this request as a support ticket again. Your contact is @ann. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**."],
          }),
          ack: { id: 1000, body: `${ACK_TEXT}\n\n${writeMarker("ack", { ...RECORD, override: "support", implementer: "carol" })}` },
          board: [
            { kind: "remove", board: PROJECT_BOARD },
            { kind: "add", board: SUPPORT_BOARD },
          ],
          reasons: ["/support decides", "back to support: contact ann, implementer carol"],
        },
      },
      reads: ["ticket #7", "comments #7", "list"],
    },
    {
      name: "a client's command: one polite refusal naming the contact, read from the event alone",
      issue: TRIAGED,
      record: RECORD,
      author: "client-joe",
      body: "/project",
      result: {
        kind: "plan",
        plan: { changes: changes({ comments: [`${REFUSAL}\n\n<!-- frontdesk:reply {"to":1001,"refused":"client-joe"} -->`] }), board: [], reasons: ["refused: client-joe is the client side, not in the roster"] },
      },
      reads: ["comments #7"],
    },
    {
      name: "a client's command on a ticket never triaged: refused (the first contact named), not triaged",
      issue: ticket(),
      author: "client-joe",
      body: "/project",
      result: {
        kind: "plan",
        plan: {
          changes: changes({ comments: [`${REFUSAL.replace("@ann", "@alice")}\n\n<!-- frontdesk:reply {"to":1000,"refused":"client-joe"} -->`] }),
          board: [],
          reasons: ["refused: client-joe is the client side, not in the roster"],
        },
      },
      reads: ["comments #7"],
    },
    {
      name: "closed since the event: nothing",
      issue: { ...TRIAGED, state: "closed" },
      record: RECORD,
      author: "alice",
      body: "/project",
      result: { kind: "skip", reason: "the issue is closed" },
      reads: ["ticket #7", "comments #7"],
    },
  ])("$name", async ({ issue, record, author, body, result, reads }) => {
    const { tracker, trigger } = setUp(issue, record, { author, body });
    const resolved = await resolve(tracker, trigger, { ...issue, state: "open" });
    expect(resolved.result).toEqual(result);
    expect(tracker.reads).toEqual(reads);
    expect(tracker.writes).toEqual([]);
  });
});

describe("the project step, applied", () => {
  it("the same /project twice: the second plans nothing", async () => {
    const { tracker, trigger } = setUp(TRIAGED, RECORD, { author: "alice", body: "/project" });
    await run(tracker, trigger);
    const again = await resolve(tracker, trigger);
    expect(again.result).toEqual({ kind: "plan", plan: { changes: emptyChanges(), board: [], reasons: ["/project decides"] } });
    expect(tracker.ticket(7)).toMatchObject({ labels: ["urgency: task", "function: development", "project-work"], assignees: ["ann", "lena"] });
    expect(tracker.written()).toEqual(["This request is larger than a support task, so we are planning it as project work. @lena is taking it over and will be in touch."]);
  });

  it("a client is refused once, then hears nothing for the hour, then is answered again", async () => {
    const { tracker, trigger } = setUp(TRIAGED, RECORD, { author: "client-joe", body: "/project" });
    await run(tracker, trigger);
    const quiet = [
      { ...trigger }, // the same delivery again
      { ...trigger, commentId: 2001 }, // another command, 59 minutes later
    ];
    expect((await resolve(tracker, quiet[0]!, TRIAGED, new Date(NOW.getTime() + MINUTE))).result).toEqual({ kind: "skip", reason: "client-joe was refused within the hour" });
    expect((await resolve(tracker, quiet[1]!, TRIAGED, new Date(NOW.getTime() + 59 * MINUTE))).result).toEqual({ kind: "skip", reason: "client-joe was refused within the hour" });
    expect(tracker.written()).toHaveLength(1);
    const later = await resolve(tracker, { ...trigger, commentId: 2002 }, TRIAGED, new Date(NOW.getTime() + 61 * MINUTE));
    expect(later.result).toMatchObject({ kind: "plan", plan: { changes: { comments: [`${REFUSAL}\n\n<!-- frontdesk:reply {"to":2002,"refused":"client-joe"} -->`] } } });
    expect(tracker.ticket(7)).toEqual(TRIAGED);
  });

  it("a ticket never triaged is triaged first, then the command acts on the new record", async () => {
    const { tracker, trigger } = setUp(ticket(), undefined, { author: "alice", body: "/urgency emergency" });
    const { result, ticket: fresh } = await resolve(tracker, trigger, ticket());
    // Intake's one write: the task it looked like at 10:00, acknowledged as comment 1001.
    expect(tracker.applied()).toEqual([
      changes({
        addLabels: ["support", "urgency: task", "function: development"],
        assign: ["ann", "carol"],
        comments: [`${ACK_TEXT}\n\n${writeMarker("ack", RECORD)}`],
      }),
    ]);
    expect(fresh.labels).toEqual(["support", "urgency: task", "function: development"]);
    // The new level's clock runs from the command: 14:00 + 1h in Berlin.
    const emergency = { ...RECORD, urgency: "emergency", due: "2026-11-26T14:00:00.000Z" };
    expect(result).toEqual({
      kind: "plan",
      plan: {
        changes: changes({ addLabels: ["urgency: emergency"], removeLabels: ["urgency: task"] }),
        ack: {
          id: 1001,
          body: `Thanks for your request, we have it. Urgency: **emergency**. Your contact is @ann; @carol is working on it. You will hear from us by **Thu, 26 Nov 2026, 15:00 CET**.\n\n${writeMarker("ack", emergency)}`,
        },
        board: [],
        reasons: ["urgency task -> emergency, due 2026-11-26T14:00:00.000Z"],
      },
    });
  });

  it("a review of a ticket never triaged does not triage it", async () => {
    const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: ticket() }] });
    const { result } = await resolveProjectStep({ tracker, config, ticket: ticket(), trigger: { kind: "review" }, now: NOW, log: createMemoryLog() });
    expect(result).toEqual({ kind: "untriaged" });
    expect(tracker.writes).toEqual([]);
  });

  it.each<{ name: string; failAt: number; written: string[] }>([
    // Labels went on, the record did not: the redelivery finds no project record and announces it once.
    { name: "before the record is written: the redelivery completes it, one message in all", failAt: 2, written: ["This request is larger than a support task, so we are planning it as project work. @lena is taking it over and will be in touch."] },
    // The record says project work: the redelivery has nothing to announce, so the message is lost, never doubled.
    { name: "after the record, before the message: the message is lost, not sent twice", failAt: 3, written: [] },
  ])("a failure $name", async ({ failAt, written }) => {
    const { tracker, trigger } = setUp(TRIAGED, RECORD, { author: "alice", body: "/project" }, ({ ordinal }) => (ordinal === failAt ? new Error("502") : undefined));
    await expect(run(tracker, trigger)).rejects.toThrow("502");
    await run(tracker, trigger);
    await run(tracker, trigger);
    expect(tracker.written()).toEqual(written);
    expect(tracker.comments(7)[0]?.body).toContain('"project":true');
    expect(tracker.ticket(7).labels).toEqual(["urgency: task", "function: development", "project-work"]);
  });
});
