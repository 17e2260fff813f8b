import { describe, expect, it } from "vitest";
import { writeMarker } from "../../src/core/marker.js";
import { computeReport } from "../../src/report/compute.js";
import { ACME, BETA, REPORT_NOW, type FixtureRepo } from "./fixture.js";
import { parseConfig, toRepositoryInput } from "./fixture-input.js";
import { ACME_FIGURES, AGENCY_FIGURES, BETA_FIGURES, BUCKET_FIGURES, WEEK_FIGURES } from "./report-figures.js";

/** The report's arithmetic against the figures worked out by hand in report-figures.ts. */

const october = (repos = [toRepositoryInput(ACME), toRepositoryInput(BETA, "gitlab")], now = REPORT_NOW) =>
  computeReport({ month: "2026-10", now, repositories: repos });

describe("computeReport over October's fixture tickets", () => {
  const report = october();

  it("gives each client's counts, medians and shares", () => {
    expect(report.clients).toEqual([ACME_FIGURES, BETA_FIGURES]);
  });

  it("gives the agency's totals in the same shape", () => {
    expect(report.agency).toEqual(AGENCY_FIGURES);
  });

  it("counts the week's volume per urgency, Monday to Sunday in the client's zone", () => {
    expect(report.weeks).toEqual(WEEK_FIGURES);
  });

  it("sorts first responses into buckets, the unanswered apart", () => {
    expect(report.firstResponse).toEqual(BUCKET_FIGURES);
  });

  it("lists one row per ticket, oldest first, with what billing needs", () => {
    expect(report.tickets.map((row) => `${row.repo}#${row.number}`)).toEqual([
      "acme/site#9", "acme/site#1", "acme/site#2", "beta/shop#1", "acme/site#3", "acme/site#4", "beta/shop#2",
      "acme/site#5", "beta/shop#3", "acme/site#6", "beta/shop#4", "acme/site#7",
    ]);
    expect(report.tickets.find((row) => row.repo === "acme/site" && row.number === 6)).toEqual({
      platform: "github", repo: "acme/site", client: "ACME GmbH", number: 6, url: null, title: "Google ranking dropped",
      createdAt: "2026-10-26T13:00:00.000Z", closedAt: null, urgency: "task", function: "seo", contact: "alice", implementer: "erin",
      assignees: ["alice", "erin"], due: "2026-10-27T13:00:00.000Z", firstResponseAt: "2026-10-27T10:00:00.000Z", firstResponder: "erin",
      firstResponseMinutes: 300, clock: "business", promise: "kept", reminded: false, escalated: false, projectWork: false, booked: ["seo"], estimate: null,
    });
    expect(report.tickets.find((row) => row.number === 5 && row.repo === "acme/site")).toMatchObject({ projectWork: true, estimate: "2d", promise: "exempt" });
  });

  it("speaks the clients' language when they agree, else English", () => {
    expect(report.language).toBe("en");
    expect(october([toRepositoryInput(BETA, "gitlab")]).language).toBe("de");
    expect(computeReport({ month: "2026-10", now: REPORT_NOW, repositories: [toRepositoryInput(ACME)], language: "de" }).language).toBe("de");
  });
});

describe("what the report trusts and how it counts", () => {
  it("ignores a look-alike acknowledgement by a person: #4 stays a task answered in time", () => {
    // Were the client's marker trusted, #4 would be an emergency due 10:00 and answered late.
    const row = october().tickets.find((ticket) => ticket.repo === "acme/site" && ticket.number === 4);
    expect(row).toMatchObject({ urgency: "task", due: "2026-10-14T15:00:00.000Z", promise: "kept" });
  });

  it("counts an unanswered ticket as missed once its due time has passed", () => {
    // A week later #7 (due Mon 2 Nov 16:00 CET) is past due: ACME kept 5 of 7.
    const later = october([toRepositoryInput(ACME)], new Date("2026-11-09T10:00:00Z"));
    expect(later.clients[0]).toMatchObject({ withinPromise: 0.7143, promises: { kept: 5, missed: 2, open: 0, exempt: 1 } });
  });

  it("exempts a ticket closed before its due time without an answer", () => {
    const closed: FixtureRepo = { ...ACME, issues: [{ number: 1, title: "Never mind", at: "2026-10-01T08:00:00Z", closedAt: "2026-10-01T09:00:00Z" }] };
    expect(october([toRepositoryInput(closed)]).clients[0]).toMatchObject({ withinPromise: null, promises: { kept: 0, missed: 0, open: 0, exempt: 1 } });
  });

  it("reads a ticket without frontdesk's record as intake would have classified it", () => {
    // #2 "Site is down" at Mon 16:30 CEST without an acknowledgement: an emergency by keyword, due Tue 09:30 as intake computes it.
    const bare: FixtureRepo = { ...ACME, issues: [{ number: 2, title: "Site is down", at: "2026-10-05T14:30:00Z" }] };
    expect(october([toRepositoryInput(bare)]).tickets[0]).toMatchObject({ urgency: "emergency", function: "development", due: "2026-10-06T07:30:00.000Z", promise: "missed" });
  });

  it("measures an `hours: always` level on the wall clock, any other on business hours", () => {
    // Emergency opened Sat 10 Oct 02:00 CEST (00:00Z), answered 02:40 CEST: 40 wall-clock minutes, where business
    // hours would count 0 (both before Monday's opening). The task answered at the same times counts 0 business minutes.
    const config = parseConfig(ACME.config.replace("      respond_within: 1h", "      respond_within: 1h\n      hours: always"));
    expect(config.urgency.levels.emergency?.hours).toBe("always");
    const night: FixtureRepo = {
      ...ACME,
      issues: [1, 2].map((number) => ({
        number,
        title: number === 1 ? "Site is down" : "Typo",
        at: "2026-10-10T00:00:00Z",
        comments: [{ by: "bob", at: "2026-10-10T00:40:00Z", body: "On it." }],
      })),
    };
    const rows = october([toRepositoryInput(night, "github", config)]).tickets;
    expect(rows.map((row) => [row.urgency, row.clock, row.firstResponseMinutes])).toEqual([
      ["emergency", "wall", 40],
      ["task", "business", 0],
    ]);
  });

  it("without a readable record, decides the promise on the clock it measures: an always level at night is due on the wall clock", () => {
    // Emergency (1h, hours: always) opened Sat 10 Oct 02:00 CEST, answered 42 h later (Sun 20:00 CEST): due 03:00 CEST, missed.
    // On business hours it would be due Mon 12 Oct 10:00 CEST and count as kept.
    const config = parseConfig(ACME.config.replace("      respond_within: 1h", "      respond_within: 1h\n      hours: always"));
    const night: FixtureRepo = {
      ...ACME,
      issues: [{ number: 1, title: "Site is down", at: "2026-10-10T00:00:00Z", comments: [{ by: "bob", at: "2026-10-11T18:00:00Z", body: "On it." }] }],
    };
    expect(october([toRepositoryInput(night, "github", config)]).tickets[0]).toMatchObject({
      urgency: "emergency", clock: "wall", due: "2026-10-10T01:00:00.000Z", firstResponseMinutes: 42 * 60, promise: "missed",
    });
  });

  it("does not decide the promise of project work, answered or not, as the method says", () => {
    // #1 labelled project work, answered after its due time; #2 project work by its record, answered in time.
    const project: FixtureRepo = {
      ...ACME,
      issues: [
        { number: 1, title: "Relaunch", at: "2026-10-01T08:00:00Z", labels: ["project-work"], comments: [{ by: "alice", at: "2026-10-05T08:00:00Z", body: "Quote follows." }] },
        { number: 2, title: "New shop", at: "2026-10-01T08:00:00Z", comments: [
          { by: "frontdesk", self: true, at: "2026-10-01T08:00:20Z", body: `Thanks.\n\n${writeMarker("ack", { urgency: "task", due: "2026-10-02T08:00:00.000Z", project: true })}` },
          { by: "alice", at: "2026-10-01T09:00:00Z", body: "On it." },
        ] },
      ],
    };
    const client = october([toRepositoryInput(project)]).clients[0]!;
    expect(client).toMatchObject({ projectWork: 2, withinPromise: null, promises: { kept: 0, missed: 0, open: 0, exempt: 2 } });
    expect(client.firstResponseMinutes.answered).toBe(2);
  });

  it("reads the month as parseMonth does, surrounding space and all", () => {
    const spaced = computeReport({ month: " 2026-10 ", now: REPORT_NOW, repositories: [toRepositoryInput(ACME), toRepositoryInput(BETA, "gitlab")] });
    const plain = october();
    expect(spaced.month).toBe("2026-10");
    expect(spaced.agency).toEqual(plain.agency);
    expect(spaced.tickets).toEqual(plain.tickets);
  });

  it("lists every configured level and function, with none at zero", () => {
    const empty = october([toRepositoryInput({ ...ACME, issues: [] })]);
    expect(empty.agency).toMatchObject({
      tickets: 0,
      byUrgency: { emergency: 0, task: 0 },
      byFunction: { development: 0, design: 0, seo: 0, marketing: 0 },
      firstResponseMinutes: { median: null, p90: null, answered: 0 },
      withinPromise: null,
      booked: {},
    });
    expect(empty.agency).not.toHaveProperty("people");
  });
});
