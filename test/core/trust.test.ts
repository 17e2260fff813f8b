import { describe, expect, it } from "vitest";
import { findAcknowledgement } from "../../src/core/ack-record.js";
import { parseCommands } from "../../src/core/commands.js";
import { findOwnComment, readMarker, writeMarker, type AckRecord } from "../../src/core/marker.js";
import { planIntake } from "../../src/core/plan-intake.js";
import { planProjectStep, type ProjectResult, type Trigger } from "../../src/core/plan-project.js";
import { REFUSAL_QUIET_MS } from "../../src/core/plan-reply.js";
import { neutralizeQuote } from "../../src/core/quote.js";
import type { Comment, Ticket } from "../../src/core/types.js";
import { specConfig, ticket as makeTicket } from "../helpers/core.js";

/**
 * frontdesk trusts only itself, and the team is the roster: the rules that
 * keep the client side from acting as the team or forging frontdesk's record.
 */

const config = specConfig();
const NOW = new Date("2026-11-26T13:00:00Z");
const SELF = { login: "frontdesk[bot]", isBot: true, isSelf: true };
const RECORD: AckRecord = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "alice", implementer: "carol" };
const ACK: Comment = { id: 1, author: SELF, body: `Thanks!\n\n${writeMarker("ack", RECORD)}`, createdAt: new Date("2026-11-26T09:00:01Z") };
const TRIAGED = makeTicket({ labels: ["support", "urgency: task", "function: development"], assignees: ["alice", "carol"] });

function byClient(body: string, commentId = 50, author = "client-joe"): Trigger {
  return { kind: "comment", commentId, parsed: parseCommands(config, body), authorized: false, author };
}

function reply(result: ProjectResult): string {
  if (result.kind !== "plan") throw new Error(`expected a plan, got ${result.kind}`);
  expect(result.plan.changes).toMatchObject({ addLabels: [], removeLabels: [], assign: [], unassign: [] });
  expect(result.plan.changes.comments).toHaveLength(1);
  return result.plan.changes.comments[0] ?? "";
}

function refuse(body: string, comments: Comment[] = [ACK], now = NOW, author = "client-joe"): ProjectResult {
  return planProjectStep({ config, ticket: TRIAGED, comments, trigger: byClient(body, 50, author), now });
}

describe("a marker counts only in frontdesk's own comment, where frontdesk put it", () => {
  const forged = `<!-- frontdesk:ack ${JSON.stringify({ ...RECORD, project: true })} -->`;

  it.each<[string, Comment]>([
    ["a person's comment", { id: 2, author: { login: "mallory", isBot: false }, body: forged, createdAt: NOW }],
    ["another bot's comment", { id: 2, author: { login: "evil[bot]", isBot: true }, body: forged, createdAt: NOW }],
    ["the middle of frontdesk's own comment", { id: 2, author: SELF, body: `Quoted: ${forged} done.\n\n<!-- frontdesk:reply {"to":5} -->`, createdAt: NOW }],
  ])("not in %s", (_name, comment) => {
    expect(findOwnComment([comment], "ack")).toBeUndefined();
    expect(findAcknowledgement([comment])).toBeUndefined();
  });

  it("in frontdesk's own comment, on its last line", () => {
    expect(findAcknowledgement([ACK])?.record).toEqual(RECORD);
  });

  it("a forged acknowledgement does not make intake skip the issue", () => {
    const stranger: Comment = { id: 2, author: { login: "mallory", isBot: false }, body: forged, createdAt: NOW };
    const result = planIntake({ config, ticket: makeTicket(), comments: [stranger], openTickets: {}, clockStart: NOW, now: NOW });
    expect(result.kind).toBe("triage");
  });
});

describe("text quoted from a person is neutralised", () => {
  it("cannot carry a marker, close the code span, mention or link", () => {
    const text = neutralizeQuote('/project <!-- frontdesk:ack {"project":true} --> `@mallory` [x](https://evil.example) `');
    expect(text).not.toContain("<!--");
    expect(text).not.toContain("-->");
    expect(text).not.toContain("`");
    expect(text).not.toMatch(/@mallory/u);
    expect(text).not.toContain("](");
    expect(neutralizeQuote("/urgency soon\nsecond line")).toBe("/urgency soon second line");
  });

  it("a refusal of `/project <!-- frontdesk:ack … -->` carries no record but its own reply marker", () => {
    const body = reply(refuse('/project <!-- frontdesk:ack {"urgency":"task","due":"2026-11-27T09:00:00.000Z","project":true} -->'));
    expect(body.match(/<!--/gu)).toHaveLength(1);
    expect(readMarker(body)).toEqual({ kind: "reply", data: { to: 50, refused: "client-joe" } });
    const posted: Comment = { id: 3, author: SELF, body, createdAt: NOW };
    expect(findAcknowledgement([posted])).toBeUndefined();
    expect(findOwnComment([posted], "escalation")).toBeUndefined();
  });

  it("a refusal quoting backticks keeps the quote in one code span, without mentions", () => {
    const body = reply(refuse("/urgency `x` @mallory [click](https://evil.example)"));
    const visible = body.split("\n\n")[0] ?? "";
    expect(visible.match(/`/gu)).toHaveLength(2);
    expect(visible).not.toMatch(/@mallory/u);
    expect(visible).toContain("@alice");
  });

  it("malformed commands of the team are quoted the same way", () => {
    const trigger: Trigger = { kind: "comment", commentId: 51, parsed: parseCommands(config, "/urgency `@all` <!-- x -->"), authorized: true, author: "alice" };
    const result = planProjectStep({ config, ticket: TRIAGED, comments: [ACK], trigger, now: NOW });
    const body = reply(result);
    expect(body.match(/<!--/gu)).toHaveLength(1);
    expect(body).not.toMatch(/@all/u);
  });
});

describe("a person gets at most one refusal per ticket and hour", () => {
  const refusal = (author: string, at: Date, id = 9): Comment => ({
    id,
    author: SELF,
    body: `Thanks!\n\n${writeMarker("reply", { to: 40, refused: author })}`,
    createdAt: at,
  });

  it("stays quiet for the same person within the hour", () => {
    const earlier = refusal("client-joe", new Date(NOW.getTime() - REFUSAL_QUIET_MS + 60_000));
    expect(refuse("/project", [ACK, earlier])).toEqual({ kind: "skip", reason: "client-joe was refused within the hour" });
    expect(refuse("/project", [ACK, earlier], NOW, "Client-Joe").kind).toBe("skip");
  });

  it("answers again after the hour, and answers another person at once", () => {
    const earlier = refusal("client-joe", new Date(NOW.getTime() - REFUSAL_QUIET_MS - 60_000));
    expect(refuse("/project", [ACK, earlier]).kind).toBe("plan");
    expect(refuse("/project", [ACK, refusal("client-joe", NOW)], NOW, "client-ann").kind).toBe("plan");
  });

  it("does not count a look-alike refusal that frontdesk did not write", () => {
    const forged = { ...refusal("client-ann", NOW), author: { login: "client-joe", isBot: false } };
    expect(refuse("/project", [ACK, forged], NOW, "client-ann").kind).toBe("plan");
  });
});

describe("estimates and labels by the client side decide nothing", () => {
  const clientTicket = (overrides: Partial<Ticket>) => ({ ...TRIAGED, ...overrides });

  it("a size or urgency label the client side sets is no decision", () => {
    const labelled = clientTicket({ labels: [...TRIAGED.labels, "size: XL"] });
    const result = planProjectStep({ config, ticket: labelled, comments: [ACK], trigger: { kind: "label", label: "size: XL", authorized: false }, now: NOW });
    expect(result).toEqual({ kind: "skip", reason: "size: XL was set by the client side: the team decides" });
  });

  it("a client's form estimate or size label does not make project work when the team acts", () => {
    const big = clientTicket({ body: "### Estimate\n\n10d", labels: [...TRIAGED.labels, "size: XL"] });
    const trigger: Trigger = { kind: "comment", commentId: 52, parsed: parseCommands(config, "/urgency emergency"), authorized: true, author: "alice" };
    const result = planProjectStep({ config, ticket: big, comments: [ACK], trigger, now: NOW });
    if (result.kind !== "plan") throw new Error(result.kind);
    expect(result.plan.changes.addLabels).toEqual(["urgency: emergency"]);
    expect(result.plan.board).toEqual([]);
    expect(planProjectStep({ config, ticket: big, comments: [ACK], trigger: { kind: "review" }, now: NOW })).toMatchObject({
      kind: "plan",
      plan: { changes: { addLabels: [], comments: [] } },
    });
  });

  it("the same estimate from a ticket the team opened is the team's", () => {
    const big = clientTicket({ body: "### Estimate\n\n10d", author: { login: "alice", isBot: false } });
    const result = planProjectStep({ config, ticket: big, comments: [ACK], trigger: { kind: "review" }, now: NOW });
    if (result.kind !== "plan") throw new Error(result.kind);
    expect(result.plan.changes.addLabels).toContain("project-work");
  });

  it("at intake a client's estimate above the threshold is a hint: `needs estimate`", () => {
    const fresh = makeTicket({ title: "Shop", body: "### Estimate\n\n3d" });
    const result = planIntake({ config, ticket: fresh, comments: [], openTickets: {}, clockStart: NOW, now: NOW });
    if (result.kind !== "triage") throw new Error(result.kind);
    expect(result.changes.addLabels).toContain("needs estimate");
    expect(result.decisions.clientEstimate).toBe("3d");
    expect(result.decisions.needsEstimate).toBeUndefined();
    const small = planIntake({ config, ticket: makeTicket({ body: "### Estimate\n\n1h" }), comments: [], openTickets: {}, clockStart: NOW, now: NOW });
    if (small.kind !== "triage") throw new Error(small.kind);
    expect(small.changes.addLabels).not.toContain("needs estimate");
  });
});
