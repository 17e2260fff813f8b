import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { listAgencyTeamMembers } from "../../../src/platforms/github/agency-teams.js";
import { appIdentity } from "../../../src/platforms/github/identity.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { specConfig } from "../../helpers/core.js";
import { createLogCapture } from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

const API = "https://api.github.com";

function octokit() {
  return new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
}

describe("frontdesk's identity on GitHub", () => {
  it("is the app's bot user, learned once from GET /app", async () => {
    nock(API).get("/app").reply(200, { id: 1, slug: "acme-frontdesk" });
    const identity = appIdentity({ auth: async () => octokit() as never });
    expect(await identity.login()).toBe("acme-frontdesk[bot]");
    expect(await identity.login()).toBe("acme-frontdesk[bot]");
  });

  it("asks again after a failed look-up instead of keeping the failure", async () => {
    nock(API).get("/app").reply(500, { message: "boom" }).get("/app").reply(200, { slug: "frontdesk" });
    const identity = appIdentity({ auth: async () => octokit() as never });
    await expect(identity.login()).rejects.toThrow();
    expect(await identity.login()).toBe("frontdesk[bot]");
  });
});

describe("team.agency's organisation teams", () => {
  const withTeam = specConfig({ team: { ...specConfig().team, agency: ["max", "@acme-agency/support"] } });

  it("costs no call without a team entry", async () => {
    const { log } = createLogCapture();
    expect(await listAgencyTeamMembers(octokit() as never, new RepoCache(), specConfig(), log)).toEqual(new Set());
  });

  it("lists a team's members once, lower-cased, and keeps them", async () => {
    nock(API)
      .get("/orgs/acme-agency/teams/support/members")
      .query({ per_page: 100 })
      .reply(200, [{ login: "Nina" }, { login: "otto" }]);
    const { log } = createLogCapture();
    const cache = new RepoCache();
    expect(await listAgencyTeamMembers(octokit() as never, cache, withTeam, log)).toEqual(new Set(["nina", "otto"]));
    expect(await listAgencyTeamMembers(octokit() as never, cache, withTeam, log)).toEqual(new Set(["nina", "otto"]));
  });

  it("counts a team it cannot read as empty and says so in the log", async () => {
    nock(API).get("/orgs/acme-agency/teams/support/members").query(true).reply(403, { message: "Resource not accessible by integration" });
    const { log, lines } = createLogCapture();
    expect(await listAgencyTeamMembers(octokit() as never, new RepoCache(), withTeam, log)).toEqual(new Set());
    expect(lines.some((line) => line.level === 40 && line.team === "@acme-agency/support")).toBe(true);
  });
});
