import { describe, expect, it } from "vitest";
import { readAckRecord } from "../../src/core/ack-record.js";
import { readMarker } from "../../src/core/marker.js";
import type { Ticket } from "../../src/core/types.js";
import { triageTicket } from "../../src/desk/triage.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

/**
 * A new issue in one trip through the desk: intake, then project work at
 * once for a ticket the team opened with an estimate above the threshold.
 */

const config = specConfig();
const NOW = new Date("2026-11-26T13:00:00Z");

async function triage(issue: Ticket, platformEstimate?: string) {
  const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: issue }] });
  const outcome = await triageTicket({
    tracker,
    config: { kind: "valid", config, warnings: [] },
    ticket: issue,
    commentCount: 0,
    reopened: false,
    now: NOW,
    log: createMemoryLog(),
    platformEstimate,
  });
  const record = (body: string | undefined) => (body === undefined ? undefined : readAckRecord(readMarker(body)?.data ?? {}));
  return { tracker, outcome, labels: tracker.ticket(issue.number).labels, record: record(tracker.comments(issue.number)[0]?.body) };
}

describe("triageTicket", () => {
  it.each<[string, Partial<Ticket>, string | undefined, { review: boolean; labels: string[] }]>([
    [
      "a ticket the team opened with a form estimate above the threshold becomes project work at once",
      { body: "### Estimate\n\n3d", author: { login: "ann", isBot: false } },
      undefined,
      { review: true, labels: ["urgency: task", "function: development", "project-work"] },
    ],
    [
      "the same estimate from the client side is a hint: needs estimate, still support",
      { body: "### Estimate\n\n3d" },
      undefined,
      { review: false, labels: ["support", "urgency: task", "function: development", "needs estimate"] },
    ],
    [
      "the platform's own estimate from the team (GitLab's /estimate in the description) is recorded and decides",
      { author: { login: "ann", isBot: false } },
      "2d",
      { review: true, labels: ["urgency: task", "function: development", "project-work"] },
    ],
    [
      "the platform's estimate from the client side decides nothing",
      {},
      "2d",
      { review: false, labels: ["support", "urgency: task", "function: development"] },
    ],
    [
      "an estimate at the threshold leaves support alone",
      { body: "### Estimate\n\n4h", author: { login: "ann", isBot: false } },
      undefined,
      { review: false, labels: ["support", "urgency: task", "function: development"] },
    ],
  ])("%s", async (_name, fields, platformEstimate, expected) => {
    const { outcome, labels } = await triage(ticket({ title: "Please update the plugin", ...fields }), platformEstimate);
    expect(outcome.intake.kind).toBe("triage");
    expect(outcome.review?.kind === "done").toBe(expected.review);
    expect(labels).toEqual(expected.labels);
  });

  it("records the platform's estimate in frontdesk's record, as /estimate would", async () => {
    const { record } = await triage(ticket({ title: "Please update the plugin", author: { login: "ann", isBot: false } }), "2d");
    expect(record).toMatchObject({ estimate: "2d", estimateFrom: "command", project: true });
  });

  it("changes nothing the second time", async () => {
    const issue = ticket({ title: "Please update the plugin", body: "### Estimate\n\n3d", author: { login: "ann", isBot: false } });
    const { tracker } = await triage(issue);
    const writes = tracker.writes.length;
    const again = await triageTicket({
      tracker,
      config: { kind: "valid", config, warnings: [] },
      ticket: tracker.ticket(issue.number),
      commentCount: tracker.comments(issue.number).length,
      reopened: false,
      now: NOW,
      log: createMemoryLog(),
    });
    expect(again).toEqual({ intake: { kind: "skip", reason: "already triaged" } });
    expect(tracker.writes).toHaveLength(writes);
  });
});
