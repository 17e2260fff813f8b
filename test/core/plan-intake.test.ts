import { describe, expect, it } from "vitest";
import { planIntake, type IntakeInput } from "../../src/core/plan-intake.js";
import type { Comment } from "../../src/core/types.js";
import { specConfig, ticket } from "../helpers/core.js";

const THURSDAY_10_BERLIN = new Date("2026-11-26T09:00:00Z");

function plan(overrides: Partial<IntakeInput> = {}) {
  return planIntake({
    config: specConfig(),
    ticket: ticket({ title: "Website is down!", createdAt: THURSDAY_10_BERLIN }),
    comments: [],
    openTickets: {},
    clockStart: THURSDAY_10_BERLIN,
    now: THURSDAY_10_BERLIN,
    ...overrides,
  });
}

function triage(overrides: Partial<IntakeInput> = {}) {
  const result = plan(overrides);
  if (result.kind !== "triage") throw new Error(`expected a triage, got: ${result.reason}`);
  return result;
}

const ack: Comment = {
  id: 1,
  author: { login: "frontdesk[bot]", isBot: true, isSelf: true },
  body: 'Thanks\n\n<!-- frontdesk:ack {"urgency":"task","due":"2026-11-27T09:00:00.000Z"} -->',
  createdAt: THURSDAY_10_BERLIN,
};

describe("planIntake", () => {
  it("plans labels, assignees and one acknowledgement for a new ticket", () => {
    const { changes } = triage({ openTickets: { alice: 2, ann: 1, bob: 0, carol: 3 } });
    expect(changes).toEqual({
      addLabels: ["support", "urgency: emergency", "function: development"],
      removeLabels: [],
      assign: ["ann", "bob"],
      unassign: [],
      comments: [
        "Thanks for your request, we have it. Urgency: **emergency**. Your contact is @ann; @bob is working on it. " +
          "You will hear from us by **Thu, 26 Nov 2026, 11:00 CET**.\n\n" +
          '<!-- frontdesk:ack {"urgency":"emergency","due":"2026-11-26T10:00:00.000Z","function":"development","contact":"ann","implementer":"bob"} -->',
      ],
    });
  });

  it.each([
    ["already triaged (frontdesk's marker)", { comments: [ack] }, "already triaged"],
    ["a pull request", { ticket: ticket({ isPullRequest: true }) }, "pull and merge requests are never tickets"],
    ["a bot", { ticket: ticket({ author: { login: "renovate[bot]", isBot: true } }) }, "renovate[bot] is a bot"],
    ["ignore_authors", { ticket: ticket({ author: { login: "Deploy-User", isBot: false } }) }, "Deploy-User is in ignore_authors"],
    ["paused", { config: specConfig({ enabled: false }) }, "frontdesk is paused here (enabled: false)"],
    ["closed", { ticket: ticket({ state: "closed" }) }, "the issue is closed"],
  ])("skips %s", (_name, overrides, reason) => {
    expect(plan(overrides)).toEqual({ kind: "skip", reason });
  });

  it("does not take a marker copied into a person's comment for its own", () => {
    const copied = { ...ack, author: { login: "client-joe", isBot: false } };
    expect(plan({ comments: [copied] }).kind).toBe("triage");
  });

  it("adds only the labels that are missing, and nothing for a person's urgency label", () => {
    const { changes, decisions } = triage({ ticket: ticket({ title: "Website is down!", labels: ["Support", "urgency: task"] }) });
    expect(changes.addLabels).toEqual(["function: development"]);
    expect(decisions.urgency.rule).toBe("label");
  });

  it("keeps assignees a person chose and names the contact among them", () => {
    const { changes, decisions } = triage({ ticket: ticket({ title: "Website is down!", assignees: ["bob", "ann"] }) });
    expect(changes.assign).toEqual([]);
    expect([decisions.contact, decisions.implementer]).toEqual(["ann", "bob"]);
  });

  it("books from the pool and labels it", () => {
    const { changes } = triage({ ticket: ticket({ title: "Our Google ranking dropped" }) });
    expect(changes.addLabels).toEqual(["support", "urgency: task", "function: seo", "booked: seo"]);
    expect(changes.assign).toEqual(["ann", "erin"]); // ticket 7: the tie rotates to the second contact
  });

  it("assigns one person in both roles once", () => {
    const config = specConfig({ team: { contacts: ["alice"], functions: { development: ["alice"] } }, routing: {} });
    expect(triage({ config }).changes.assign).toEqual(["alice"]);
  });

  it("labels hints 'needs estimate'", () => {
    const { changes, decisions } = triage({ ticket: ticket({ title: "Shop relaunch next spring" }) });
    expect(changes.addLabels).toContain("needs estimate");
    expect(decisions.needsEstimate).toBe("relaunch");
  });

  it("starts the clock at the next opening for a ticket opened on a Saturday night", () => {
    const saturday = new Date("2026-11-28T22:00:00Z");
    const { decisions } = triage({ clockStart: saturday, now: saturday });
    expect(decisions.due.toISOString()).toBe("2026-11-30T09:00:00.000Z"); // Monday 10:00 Berlin
  });

  it("writes in German with language: de", () => {
    const { changes } = triage({ config: specConfig({ language: "de" }) });
    expect(changes.comments[0]).toContain("Sie hören von uns bis **Do., 26. Nov. 2026, 11:00 MEZ**.");
  });

  it("uses the team's own acknowledgement template", () => {
    const config = specConfig({ messages: { acknowledge: "Hi {{client}}! {{contact}} answers by {{due}} ({{urgency}}, {{function}})." } });
    expect(triage({ config }).changes.comments[0]).toMatch(
      /^Hi ACME GmbH! @ann answers by Thu, 26 Nov 2026, 11:00 CET \(emergency, development\)\.\n\n<!-- frontdesk:ack /u,
    );
  });
});
