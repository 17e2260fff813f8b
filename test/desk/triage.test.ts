import { describe, expect, it } from "vitest";
import { readAckRecord } from "../../src/core/ack-record.js";
import { readMarker } from "../../src/core/marker.js";
import type { Ticket } from "../../src/core/types.js";
import { ConfigError } from "../../src/config/errors.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { handleOpened, triageTicket } from "../../src/desk/triage.js";
import { memoryRepository } from "../fakes/memory-repository.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker } from "../fakes/memory-tracker.js";
import { SPEC_PROJECT_REASON, specConfig, ticket } from "../helpers/core.js";

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

describe("handleOpened", () => {
  function port(config: RepoConfig, issue: Ticket) {
    const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: issue }] });
    return { tracker, ...memoryRepository(tracker, config) };
  }
  const valid: RepoConfig = { kind: "valid", config, warnings: [] };
  const client = { login: "client-joe", isBot: false };

  it.each<[string, Partial<Ticket>, { login: string; isBot: boolean }, string]>([
    ["a bot's issue", { author: { login: "renovate[bot]", isBot: true } }, { login: "renovate[bot]", isBot: true }, "renovate[bot] is frontdesk or a bot"],
    ["a pull request", { isPullRequest: true }, client, "pull and merge requests are never tickets"],
  ])("ignores %s without opening the repository", async (_name, fields, by, reason) => {
    const issue = ticket({ title: "Bump", ...fields });
    const { open, opened } = port(valid, issue);
    const outcome = await handleOpened({ ticket: issue, by: async () => by, reopened: false, commentCount: 0 }, open);
    expect(outcome).toEqual({ status: "ignored", reason });
    expect(opened.count).toBe(0);
  });

  it("with a broken configuration logs where the error is and still labels the ticket support", async () => {
    const issue = ticket({ title: "Shop is slow" });
    const error = new ConfigError({ file: "acme/site:.github/frontdesk.yml", path: ["team", "contcts"], detail: 'unknown key "contcts"', position: { line: 7, col: 3 } });
    const { open, tracker, log } = port({ kind: "invalid", errors: [error] }, issue);
    expect(await handleOpened({ ticket: issue, by: async () => client, reopened: false, commentCount: 0 }, open)).toEqual({ status: "done", reason: "invalid-config" });
    expect(tracker.ticket(issue.number).labels).toEqual(["support"]);
    expect(log.entries.some((entry) => entry.level === "error" && String(entry.msg).includes("acme/site:.github/frontdesk.yml:7:3"))).toBe(true);
  });

  it("triages, and makes a team member's issue with the platform's estimate project work in the same trip", async () => {
    const issue = ticket({ title: "Relaunch", author: { login: "ann", isBot: false } });
    const { open, tracker } = port(valid, issue);
    const outcome = await handleOpened({ ticket: issue, by: async () => ({ login: "ann", isBot: false }), reopened: false, commentCount: 0, estimateMinutes: 960 }, open);
    expect(outcome).toEqual({ status: "done", reason: `triage; estimate 2d (command) vs threshold 4h; ${SPEC_PROJECT_REASON}; boards: not served on this platform` });
    expect(tracker.ticket(issue.number).labels).toContain("project-work");
  });
});
