import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { DEFAULT_TENANCY_POLICY, readTenancyPolicy } from "../../../src/config/tenancy.js";
import { loadGitHubConfig } from "../../../src/platforms/github/config-loader.js";
import type { GitHubOctokit } from "../../../src/platforms/github/octokit.js";
import type { RepoConfig } from "../../../src/desk/repo-config.js";
import { API } from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

/**
 * frontdesk's own reading of `.github/frontdesk.yml` on GitHub: `_extends`
 * only to what the operator allows, checked before anything is fetched.
 */

const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as GitHubOctokit;

const ROSTER = "team:\n  contacts: [alice, ann]\n  functions:\n    development: [bob]\n";

/** `owner/repo`'s file (or another path) as GitHub serves it raw; a string for the text, a number for an error status. */
function file(repo: string, reply: string | number, path = ".github/frontdesk.yml", ref?: string) {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const scope = nock(API, { reqheaders: { accept: "application/vnd.github.v3.raw" } })
    .get(new RegExp(`^/repos/${repo}/contents/${encoded.replace(/\//gu, "(/|%2F)").replace(/\./gu, "\\.")}(\\?|$)`, "u"))
    .query(ref === undefined ? true : { ref });
  return typeof reply === "number" ? scope.reply(reply, { message: "Not Found" }) : scope.reply(200, reply);
}

function errorsOf(config: RepoConfig): string[] {
  if (config.kind !== "invalid") throw new Error(`expected errors, got ${JSON.stringify(config)}`);
  return config.errors.map((error) => error.format());
}

describe("loadGitHubConfig: where a repository may inherit from", () => {
  it("refuses _extends to another client of the same owner, and never fetches it", async () => {
    file("acme/site", "client: ACME\n_extends: other-client\n");

    const loaded = await loadGitHubConfig(octokit, "acme", "site");

    expect(errorsOf(loaded)).toEqual([
      'acme/site:.github/frontdesk.yml:2:11: _extends: "other-client" is not a shared configuration source: a repository inherits only from acme/.github or what FRONTDESK_SHARED_CONFIG allows (set FRONTDESK_SHARED_CONFIG=acme/other-client to allow it)',
    ]);
    expect(loaded.kind === "invalid" && loaded.errors[0]?.formatPublic()).toBe("acme/site:.github/frontdesk.yml:2:11: _extends: source not allowed");
    // Strict nock: a request for acme/other-client would have matched no mock and failed the test.
  });

  it("follows _extends to the owner's .github repository", async () => {
    file("acme/site", "_extends: .github\nteam:\n  contacts: [zoe]\n");
    file("acme/.github", ROSTER);

    const loaded = await loadGitHubConfig(octokit, "acme", "site");

    if (loaded.kind !== "valid") throw new Error(JSON.stringify(loaded));
    expect(loaded.config.team.contacts).toEqual(["zoe"]);
    // The client's team replaces the inherited one as a whole: the agency's roster is not mixed in.
    expect(loaded.config.team.functions).toEqual({});
  });

  it("falls back to the owner's .github file when the repository has none, at its default branch", async () => {
    file("acme/site", 404, ".github/frontdesk.yml", "0123abc");
    file("acme/.github", ROSTER.replace("[alice, ann]", "[ann]"));

    const loaded = await loadGitHubConfig(octokit, "acme", "site", { ref: "0123abc" });

    expect(loaded.kind === "valid" && loaded.config.team.contacts).toEqual(["ann"]);
  });

  it("follows a source FRONTDESK_SHARED_CONFIG allows, at a path, and checks that source's own _extends the same way", async () => {
    const policy = readTenancyPolicy({ FRONTDESK_SHARED_CONFIG: "agency/frontdesk-defaults" });
    file("acme/site", "_extends: agency/frontdesk-defaults:support/base.yml\nclient: ACME\n");
    file("agency/frontdesk-defaults", `${ROSTER}_extends: acme/shop\n`, "support/base.yml");

    const loaded = await loadGitHubConfig(octokit, "acme", "site", { policy });

    expect(errorsOf(loaded)).toEqual([
      'agency/frontdesk-defaults:support/base.yml:5:11: _extends: "acme/shop" is not a shared configuration source: a repository inherits only from acme/.github or what FRONTDESK_SHARED_CONFIG allows (set FRONTDESK_SHARED_CONFIG=agency/frontdesk-defaults,acme/shop to allow it)',
    ]);

    file("acme/site", "_extends: agency/frontdesk-defaults:support/base.yml\nclient: ACME\n");
    file("agency/frontdesk-defaults", ROSTER, "support/base.yml");
    const valid = await loadGitHubConfig(octokit, "acme", "site", { policy });
    expect(valid.kind === "valid" && [valid.config.client, valid.config.team.contacts]).toEqual(["ACME", ["alice", "ann"]]);
  });

  it("places an error of an inherited file in that file, without fetching anything twice", async () => {
    file("acme/site", "_extends: .github\nclient: ACME\n");
    file("acme/.github", ROSTER.replace("[bob]", "['@bob']"));

    expect(errorsOf(await loadGitHubConfig(octokit, "acme", "site"))).toEqual([
      'acme/.github:.github/frontdesk.yml:4:19: team.functions.development[0]: "@bob" is not a login: write it without the "@"',
    ]);
  });

  it("stops at a cycle and at a source that does not exist", async () => {
    file("acme/site", "_extends: .github\n");
    file("acme/.github", "_extends: site\n");
    expect(errorsOf(await loadGitHubConfig(octokit, "acme", "site"))).toEqual([
      "acme/.github:.github/frontdesk.yml:1:11: _extends: acme/site:.github/frontdesk.yml is already in the chain: acme/site:.github/frontdesk.yml -> acme/.github:.github/frontdesk.yml",
    ]);

    file("acme/site", "_extends: .github\n");
    file("acme/.github", 404);
    expect(errorsOf(await loadGitHubConfig(octokit, "acme", "site"))).toEqual([
      "acme/site:.github/frontdesk.yml:1:11: _extends: acme/.github:.github/frontdesk.yml does not exist or frontdesk's token cannot read it",
    ]);
  });

  it("is no configuration when neither file exists, and lets other HTTP failures through", async () => {
    file("acme/site", 404);
    file("acme/.github", 404);
    expect(await loadGitHubConfig(octokit, "acme", "site")).toEqual({ kind: "missing" });

    file("acme/site", 502);
    await expect(loadGitHubConfig(octokit, "acme", "site")).rejects.toMatchObject({ status: 502 });
  });
});

describe("loadGitHubConfig: which boards a repository may use", () => {
  const boards = (board: string) => `${ROSTER}project_work:\n  board: ${board}\nsupport_board: https://github.com/orgs/acme/projects/6\n`;

  it("refuses a board of another organisation at its line, and allows the owner's own boards", async () => {
    file("acme/site", boards("https://github.com/orgs/other-client/projects/7"));

    const loaded = await loadGitHubConfig(octokit, "acme", "site", { policy: DEFAULT_TENANCY_POLICY });

    expect(errorsOf(loaded)).toEqual([
      'acme/site:.github/frontdesk.yml:6:10: project_work.board: "https://github.com/orgs/other-client/projects/7" is not an allowed target: a repository uses only boards of acme or what FRONTDESK_PROJECT_TARGETS allows (set FRONTDESK_PROJECT_TARGETS=https://github.com/orgs/other-client/projects/7 to allow it)',
    ]);
    expect(loaded.kind === "invalid" && loaded.errors[0]?.kind).toBe("target not allowed");
  });

  it("allows a board FRONTDESK_PROJECT_TARGETS names", async () => {
    file("acme/site", boards("https://github.com/orgs/acme-agency/projects/7"));
    const policy = readTenancyPolicy({ FRONTDESK_PROJECT_TARGETS: "https://github.com/orgs/acme-agency" });

    const loaded = await loadGitHubConfig(octokit, "acme", "site", { policy });

    expect(loaded.kind === "valid" && loaded.config.project_work.board).toBe("https://github.com/orgs/acme-agency/projects/7");
  });

  it("puts a refused board that was inherited in the file that names it", async () => {
    file("acme/site", "_extends: .github\nclient: ACME\n");
    file("acme/.github", boards("https://github.com/orgs/other-client/projects/7"));

    expect(errorsOf(await loadGitHubConfig(octokit, "acme", "site"))[0]).toMatch(/^acme\/\.github:\.github\/frontdesk\.yml:6:10: project_work\.board: /u);
  });
});
