import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReport } from "../../src/cli/report.js";
import { writeMarker } from "../../src/core/marker.js";
import { createMemoryIo } from "../cli/memory-io.js";
import { FakeGitHub } from "../fakes/github-api.js";
import { createAppKey } from "../helpers/spawn-server.js";
import { ACME, REPORT_NOW } from "./fixture.js";

/**
 * The report's API budget: 50 repositories of one installation with 500
 * tickets in October (10 each, every one acknowledged, asked about by the
 * client and answered, so 30 comments a repository) must stay well within
 * the 5,000 calls an hour that GitHub gives one installation.
 *
 * Counted: GET /app (frontdesk's identity), the installations, the
 * installation's repositories (one page of 100), then per repository its
 * configuration, one listing of its issues and one of its comments:
 * 3 + 50 * 3 = 153 calls, besides the installation token.
 */

const REPOS = 50;
const TICKETS = 10;
const INSTALLATION = 11;
const github = new FakeGitHub();
let env: Record<string, string>;

beforeAll(async () => {
  for (let index = 1; index <= REPOS; index++) {
    const repo = github.addRepo(`agency/client-${String(index).padStart(2, "0")}`, INSTALLATION, ACME.config);
    for (let number = 1; number <= TICKETS; number++) {
      const at = new Date(Date.UTC(2026, 9, 1 + ((index + number) % 28), 8 + (number % 6)));
      const due = new Date(at.getTime() + 8 * 3_600_000).toISOString();
      repo.openIssue({ number, title: `Ticket ${number}`, createdAt: at.toISOString(), assignees: ["alice", "bob"] });
      repo.addComment(number, { bot: true, body: `On it.\n\n${writeMarker("ack", { urgency: "task", due, contact: "alice" })}`, createdAt: new Date(at.getTime() + 20_000).toISOString() });
      repo.addComment(number, { login: "client-joe", body: "Any news?", createdAt: new Date(at.getTime() + 1_800_000).toISOString() });
      repo.addComment(number, { login: "alice", body: "Done.", createdAt: new Date(at.getTime() + 3_600_000).toISOString() });
    }
  }
  env = { APP_ID: "1", PRIVATE_KEY: createAppKey(), GHE_HOST: await github.start(), GHE_PROTOCOL: "http", LOG_LEVEL: "silent" };
}, 30_000);

afterAll(() => github.stop());

describe("a report over 50 repositories with 500 tickets", () => {
  it("costs 153 calls of the installation's 5,000 an hour, and reports every ticket", async () => {
    const io = createMemoryIo({}, REPORT_NOW);
    expect(await runReport(["--month", "2026-10", "--format", "json"], io, { env })).toBe(0);
    const json = JSON.parse(io.out);
    expect(json.agency.tickets).toBe(REPOS * TICKETS);
    expect(json.clients).toHaveLength(1); // every repository names the same client, ACME GmbH
    expect(json.agency.firstResponseMinutes.answered).toBe(REPOS * TICKETS);

    const counted = github.rateLimited();
    expect(counted).toHaveLength(153);
    expect(counted.length).toBeLessThanOrEqual(5_000);
    expect(counted.filter((call) => call.installation === INSTALLATION)).toHaveLength(151);
    expect(github.secondaryLimitResponses).toBe(0);
  }, 60_000);
});
