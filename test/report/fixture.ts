import type { AckRecord } from "../../src/core/marker.js";
import { writeMarker } from "../../src/core/marker.js";
import { ESCALATION_MARKER, REMINDER_MARKER } from "../../src/core/plan-sweep.js";
import { readFixture } from "../helpers/fixtures.js";

/**
 * October 2026 at two clients, written once and used twice: by the report's
 * arithmetic tests as plain tickets, and by the outside test loaded into the
 * fake GitHub (acme/site) and the fake GitLab (beta/shop). Due times are the
 * ones intake writes (worked out by hand below); the hand-computed report is
 * in report-figures.ts. Berlin is on CEST (UTC+2) until 25 October 03:00,
 * then on CET (UTC+1).
 */

export interface FixtureComment {
  /** Who wrote it; `self` marks frontdesk's own identity (the platform's bot user). */
  by: string;
  self?: true;
  at: string;
  body: string;
}

export interface FixtureIssue {
  number: number;
  title: string;
  author?: string;
  at: string;
  labels?: string[];
  assignees?: string[];
  closedAt?: string;
  pullRequest?: true;
  comments?: FixtureComment[];
}

export interface FixtureRepo {
  repo: string;
  config: string;
  issues: FixtureIssue[];
}

/** When the report is made: Monday 2 November 2026, 11:00 CET. */
export const REPORT_NOW = new Date("2026-11-02T10:00:00Z");

const ack = (record: Partial<AckRecord> & Pick<AckRecord, "urgency" | "due">, at: string): FixtureComment => ({
  by: "frontdesk",
  self: true,
  at,
  body: `Thank you! ${record.contact ? `@${record.contact}` : "Our team"} is on it.\n\n${writeMarker("ack", record)}`,
});
const reminder = (due: string, at: string): FixtureComment => ({ by: "frontdesk", self: true, at, body: `Reminder.\n\n${writeMarker(REMINDER_MARKER, { due })}` });
const escalation = (due: string, at: string): FixtureComment => ({ by: "frontdesk", self: true, at, body: `Overdue.\n\n${writeMarker(ESCALATION_MARKER, { due })}` });
const say = (by: string, at: string, body = "On it."): FixtureComment => ({ by, at, body });

/** spec-example.yml without its boards (the fake GitHub has no Projects). Support-team model, 09:00-17:00, emergency 1h, task 1d. */
const ACME_CONFIG = readFixture("spec-example.yml")
  .split("\n")
  .filter((line) => !/^\s*(board|support_board|column):/u.test(line))
  .join("\n");

export const ACME: FixtureRepo = {
  repo: "acme/site",
  config: ACME_CONFIG,
  issues: [
    // Thu 1 Oct 00:30 CEST: October in Berlin, still September in UTC. Clock starts 09:00; due 17:00 (15:00Z). Answered 09:45: 45 min, kept.
    { number: 9, title: "Contact form broken", at: "2026-09-30T22:30:00Z", assignees: ["alice", "bob"], comments: [
      ack({ urgency: "task", due: "2026-10-01T15:00:00.000Z", contact: "alice", implementer: "bob", function: "development" }, "2026-09-30T22:30:20Z"),
      say("alice", "2026-10-01T07:45:00Z"),
    ] },
    // Thu 10:00 CEST; due Fri 10:00 (420 min Thu + 60 Fri). The client's "any news?" and a marker a person wrote count for nothing. Answered 11:30: 90 min, kept.
    { number: 1, title: "Update the plugin", at: "2026-10-01T08:00:00Z", assignees: ["alice", "bob"], closedAt: "2026-10-02T10:00:00Z", comments: [
      ack({ urgency: "task", due: "2026-10-02T08:00:00.000Z", contact: "alice", implementer: "bob", function: "development" }, "2026-10-01T08:00:20Z"),
      say("client-joe", "2026-10-01T08:30:00Z", "Any news?"),
      say("client-joe", "2026-10-01T08:40:00Z", `escalate!\n\n${writeMarker(ESCALATION_MARKER, { due: "2026-10-01T08:00:00Z" })}`),
      say("alice", "2026-10-01T09:30:00Z"),
    ] },
    // Mon 5 Oct 16:30 CEST, emergency 1h: 30 min Mon + 30 min Tue, due Tue 09:30 (07:30Z). Answered Tue 09:15: 30 + 15 = 45 min, kept.
    { number: 2, title: "Site is down", at: "2026-10-05T14:30:00Z", labels: ["urgency: emergency"], assignees: ["alice", "bob"], comments: [
      ack({ urgency: "emergency", due: "2026-10-06T07:30:00.000Z", contact: "alice", implementer: "bob", function: "development" }, "2026-10-05T14:30:20Z"),
      say("bob", "2026-10-06T07:15:00Z"),
    ] },
    // Sat 10 Oct: the clock starts Mon 09:00, due Mon 17:00 (15:00Z); reminded, escalated. Answered Tue 10:00: 480 + 60 = 540 min, missed.
    { number: 3, title: "Checkout error", at: "2026-10-10T10:00:00Z", labels: ["sla: breached"], assignees: ["ann", "carol"], comments: [
      ack({ urgency: "task", due: "2026-10-12T15:00:00.000Z", contact: "ann", implementer: "carol", function: "development" }, "2026-10-10T10:00:20Z"),
      reminder("2026-10-12T15:00:00.000Z", "2026-10-12T13:30:00Z"),
      escalation("2026-10-12T15:00:00.000Z", "2026-10-12T15:05:00Z"),
      say("carol", "2026-10-13T08:00:00Z"),
    ] },
    // Wed 14 Oct 09:00 CEST; due 17:00. A client's look-alike acknowledgement (emergency, due 10:00) comes first and must not count.
    // Answered 13:00: 240 min, kept.
    { number: 4, title: "New logo", at: "2026-10-14T07:00:00Z", labels: ["function: design"], assignees: ["ann", "dave"], comments: [
      say("client-joe", "2026-10-14T07:00:05Z", `x\n\n${writeMarker("ack", { urgency: "emergency", due: "2026-10-14T08:00:00.000Z" })}`),
      ack({ urgency: "task", due: "2026-10-14T15:00:00.000Z", contact: "ann", implementer: "dave", function: "design" }, "2026-10-14T07:00:30Z"),
      say("ann", "2026-10-14T11:00:00Z"),
    ] },
    // Tue 20 Oct: project work at once (a team member's size: L), handed to lena; never answered, exempt.
    { number: 5, title: "Relaunch", author: "ann", at: "2026-10-20T08:00:00Z", labels: ["project-work", "size: L", "function: development"], assignees: ["ann", "lena"], comments: [
      ack({ urgency: "task", due: "2026-10-21T08:00:00.000Z", contact: "ann", function: "development", estimate: "2d", estimateFrom: "label", project: true, handoff: "lena" }, "2026-10-20T08:00:20Z"),
    ] },
    // Mon 26 Oct 14:00 CET, SEO booked from the pool; due Tue 14:00. Answered Tue 11:00: 180 + 120 = 300 min, kept.
    { number: 6, title: "Google ranking dropped", at: "2026-10-26T13:00:00Z", labels: ["function: seo", "booked: seo"], assignees: ["alice", "erin"], comments: [
      ack({ urgency: "task", due: "2026-10-27T13:00:00.000Z", contact: "alice", implementer: "erin", function: "seo" }, "2026-10-26T13:00:20Z"),
      say("erin", "2026-10-27T10:00:00Z"),
    ] },
    // Fri 30 Oct 16:00 CET; due Mon 2 Nov 16:00 (60 + 420 min). Not answered at the report's time (Mon 11:00): open.
    { number: 7, title: "Update PHP", at: "2026-10-30T15:00:00Z", assignees: ["alice", "carol"], comments: [
      ack({ urgency: "task", due: "2026-11-02T15:00:00.000Z", contact: "alice", implementer: "carol", function: "development" }, "2026-10-30T15:00:20Z"),
    ] },
    // Sun 1 Nov 00:30 CET: November in Berlin, although 31 October in UTC. Not October's.
    { number: 10, title: "Font too small", at: "2026-10-31T23:30:00Z", comments: [
      ack({ urgency: "task", due: "2026-11-02T16:00:00.000Z", function: "design" }, "2026-10-31T23:30:20Z"),
    ] },
    // Not tickets: a pull request and a bot's issue.
    { number: 11, title: "Bump deps", at: "2026-10-15T10:00:00Z", pullRequest: true },
    { number: 12, title: "Dependency dashboard", author: "renovate[bot]", at: "2026-10-16T10:00:00Z" },
    // September's.
    { number: 8, title: "Old one", at: "2026-09-15T10:00:00Z" },
  ],
};

/** A client-team client in German (so its labels are German): 08:00-16:00 Berlin, emergency 2h, task 1d (8h). */
const BETA_CONFIG = `client: Beta AG
language: de
model: client-team
team:
  contacts: [mia]
  functions:
    development: [max, mia]
  bookable:
    design: [dave]
  leads: [mia]
urgency:
  levels:
    emergency:
      keywords: [down]
      respond_within: 2h
    task:
      respond_within: 1d
business_hours:
  timezone: Europe/Berlin
  hours: "08:00-16:00"
`;

export const BETA: FixtureRepo = {
  repo: "beta/shop",
  config: BETA_CONFIG,
  issues: [
    // Tue 6 Oct 07:30 CEST, before opening; due 10:00 (08:00 + 2h). Answered 09:00: 60 min, kept.
    { number: 1, title: "Shop is down", at: "2026-10-06T05:30:00Z", labels: ["Dringlichkeit: Notfall"], assignees: ["mia", "max"], comments: [
      ack({ urgency: "emergency", due: "2026-10-06T08:00:00.000Z", contact: "mia", implementer: "max", function: "development" }, "2026-10-06T05:30:20Z"),
      say("max", "2026-10-06T07:00:00Z"),
    ] },
    // Thu 15 Oct 15:00 CEST; due Fri 15:00 (60 + 420); reminded, escalated. Answered Mon 19 Oct 08:30: 60 + 480 + 30 = 570 min, missed.
    { number: 2, title: "Invoice totals wrong", at: "2026-10-15T13:00:00Z", labels: ["Frist überschritten"], assignees: ["mia", "max"], comments: [
      ack({ urgency: "task", due: "2026-10-16T13:00:00.000Z", contact: "mia", implementer: "max", function: "development" }, "2026-10-15T13:00:20Z"),
      reminder("2026-10-16T13:00:00.000Z", "2026-10-16T11:30:00Z"),
      escalation("2026-10-16T13:00:00.000Z", "2026-10-16T13:05:00Z"),
      say("mia", "2026-10-19T06:30:00Z"),
    ] },
    // Wed 21 Oct 10:00 CEST, project work (the client team keeps it); due Thu 10:00. Answered 10:30: 30 min, exempt all the same (project work is not held to the promise).
    { number: 3, title: "New payment provider", at: "2026-10-21T08:00:00Z", labels: ["Projektarbeit"], assignees: ["max"], comments: [
      ack({ urgency: "task", due: "2026-10-22T08:00:00.000Z", contact: "mia", implementer: "max", function: "development", project: true }, "2026-10-21T08:00:20Z"),
      say("max", "2026-10-21T08:30:00Z"),
    ] },
    // Thu 29 Oct 09:00 CET, design booked from the pool; due Fri 09:00 (420 + 60). Answered 12:00: 180 min, kept.
    { number: 4, title: "Banner for the sale", at: "2026-10-29T08:00:00Z", labels: ["Funktion: design", "gebucht: design"], assignees: ["mia", "dave"], closedAt: "2026-10-30T09:00:00Z", comments: [
      ack({ urgency: "task", due: "2026-10-30T08:00:00.000Z", contact: "mia", implementer: "dave", function: "design" }, "2026-10-29T08:00:20Z"),
      say("mia", "2026-10-29T11:00:00Z"),
    ] },
  ],
};
