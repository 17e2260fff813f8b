import { describe, expect, it } from "vitest";
import { describePick, explainClassification, explainIntake } from "../../src/core/explain.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();
const DUE = new Date("2026-11-27T09:00:00Z");
const OPENED = new Date("2026-11-26T09:00:00Z");

describe("explainClassification", () => {
  it.each([
    [{ value: "emergency", rule: "label" as const, detail: "urgency: emergency" }, 'the label "urgency: emergency" is on the issue'],
    [{ value: "emergency", rule: "form" as const, detail: "emergency" }, 'the issue form says "emergency"'],
    [{ value: "emergency", rule: "keyword" as const, detail: "down" }, 'keyword "down" in the title or body'],
    [{ value: "task", rule: "default" as const, detail: "" }, "no rule matched: urgency.default"],
  ])("%j", (decision, expected) => {
    expect(explainClassification(decision, "urgency.default")).toBe(expected);
  });
});

describe("describePick", () => {
  it("names the pick, everyone considered, and who was skipped and why", () => {
    const pick = {
      login: "carol",
      candidates: [{ login: "carol", openTickets: 1, here: 1 }, { login: "dave", openTickets: 2, here: 0, elsewhere: { "globex/shop": 2 } }],
      skipped: [{ login: "bob", reason: "away" as const, openTickets: 0, here: 0 }],
    };
    expect(describePick(pick)).toBe("carol, fewest open tickets (carol 1, dave 2 (0 here, globex/shop 2)); skipped bob (away, 0 open)");
  });

  it("says when a tie was rotated, and when nobody was available", () => {
    expect(describePick({ login: "ann", candidates: [{ login: "alice", openTickets: 0, here: 0 }, { login: "ann", openTickets: 0, here: 0 }], skipped: [] })).toBe(
      "ann, tied for fewest open tickets, the issue number rotates ties (alice 0, ann 0)",
    );
    expect(describePick({ login: undefined, candidates: [], skipped: [{ login: "bob", reason: "at capacity", openTickets: 5, here: 2, elsewhere: { "acme/site": 3 } }] })).toBe(
      "nobody available; skipped bob (at capacity, 5 open (2 here, acme/site 3))",
    );
  });
});

describe("explainIntake", () => {
  const urgency = { value: "task", rule: "default" as const, detail: "" };

  it("one line a decision, in the order intake made them", () => {
    const assignment = {
      contact: { login: "ann", candidates: [{ login: "ann", openTickets: 0, here: 0 }], skipped: [] },
      implementer: { login: "carol", candidates: [{ login: "carol", openTickets: 0, here: 0 }], skipped: [] },
      booked: true,
    };
    expect(explainIntake(config, { urgency, function: { value: "seo", rule: "keyword", detail: "ranking" }, assignment, keptAssignees: [], due: DUE, clockStart: OPENED, needsEstimate: "relaunch" })).toEqual([
      "urgency: task (no rule matched: urgency.default)",
      'function: seo (keyword "ranking" in the title or body)',
      "contact: ann, fewest open tickets (ann 0)",
      "implementer: carol, fewest open tickets (carol 0) (booked from team.bookable)",
      "first response due: Fri, 27 Nov 2026, 10:00 CET (1d of business time from Thu, 26 Nov 2026, 10:00 CET)",
      'needs estimate: "relaunch" matches project_work.hints',
    ]);
  });

  it("keeps a person's assignees, and says when the client's estimate is only a hint", () => {
    const reasons = explainIntake(config, { urgency, keptAssignees: ["dave"], due: DUE, clockStart: OPENED, clientEstimate: "3d" });
    expect(reasons).toContain("function: none (the roster has no functions)");
    expect(reasons).toContain("assignees: kept as a person set them (dave); frontdesk adds none");
    expect(reasons).toContain('needs estimate: the client\'s estimate "3d" is above project_work.threshold, a hint for the team to confirm');
  });
});
