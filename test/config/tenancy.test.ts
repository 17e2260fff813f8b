import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/parse.js";
import {
  checkConfigSource,
  checkProjectTarget,
  DEFAULT_TENANCY_POLICY,
  findRefusedTargets,
  readTenancyPolicy,
  type Tenant,
} from "../../src/config/tenancy.js";

const GITHUB: Tenant = { platform: "github", repository: "acme/site" };
const GITLAB: Tenant = { platform: "gitlab", repository: "acme/clients/site" };
const SHARED = readTenancyPolicy({ FRONTDESK_SHARED_CONFIG: "acme-agency/.github, Agency/Frontdesk-Defaults ,group/" });
const TARGETS = readTenancyPolicy({ FRONTDESK_PROJECT_TARGETS: "https://github.com/orgs/agency,https://github.com/orgs/partner/projects/3,agency/projects,ops/" });

describe("readTenancyPolicy", () => {
  it.each([
    [{}, { sharedConfig: [], projectTargets: [] }],
    [{ FRONTDESK_SHARED_CONFIG: "", FRONTDESK_PROJECT_TARGETS: " , " }, { sharedConfig: [], projectTargets: [] }],
    [
      { FRONTDESK_SHARED_CONFIG: " a/b ,c/d,", FRONTDESK_PROJECT_TARGETS: "https://github.com/orgs/x ,y/z" },
      { sharedConfig: ["a/b", "c/d"], projectTargets: ["https://github.com/orgs/x", "y/z"] },
    ],
  ])("reads %j", (env, expected) => {
    expect(readTenancyPolicy(env)).toEqual(expected);
  });
});

describe("checkConfigSource", () => {
  it.each([
    ["the owner's .github on GitHub", DEFAULT_TENANCY_POLICY, GITHUB, "acme/.github", true],
    ["the owner's .github, in another case", DEFAULT_TENANCY_POLICY, GITHUB, "ACME/.GitHub", true],
    ["the repository itself (another file in it)", DEFAULT_TENANCY_POLICY, GITHUB, "acme/site", true],
    ["another client of the same owner", DEFAULT_TENANCY_POLICY, GITHUB, "acme/other-client", false],
    ["another owner's .github", DEFAULT_TENANCY_POLICY, GITHUB, "agency/.github", false],
    ["a listed repository", SHARED, GITHUB, "acme-agency/.github", true],
    ["a listed repository, matched without case", SHARED, GITHUB, "agency/frontdesk-defaults", true],
    ["a repository below a listed prefix", SHARED, GITHUB, "group/defaults", true],
    ["a name that only starts like a listed one", SHARED, GITHUB, "agency/frontdesk-defaults-2", false],
    ["a name that only starts like a listed prefix", SHARED, GITHUB, "group-b/defaults", false],
    ["a group's .github on GitLab: no such convention", DEFAULT_TENANCY_POLICY, GITLAB, "acme/clients/.github", false],
    ["another project of the group on GitLab", DEFAULT_TENANCY_POLICY, GITLAB, "acme/clients/other", false],
    ["the project itself on GitLab", DEFAULT_TENANCY_POLICY, GITLAB, "acme/clients/site", true],
    ["a listed project on GitLab", SHARED, GITLAB, "group/sub/defaults", true],
  ])("%s", (_name, policy, tenant, source, allowed) => {
    expect(checkConfigSource(policy, tenant, source).allowed).toBe(allowed);
  });

  it("names the rule and the variable that would allow a refused source", () => {
    expect(checkConfigSource(DEFAULT_TENANCY_POLICY, GITHUB, "acme/other-client")).toEqual({
      allowed: false,
      reason:
        "is not a shared configuration source: a repository inherits only from acme/.github or what FRONTDESK_SHARED_CONFIG allows (set FRONTDESK_SHARED_CONFIG=acme/other-client to allow it)",
    });
    expect(checkConfigSource(SHARED, GITLAB, "other/site")).toEqual({
      allowed: false,
      reason:
        "is not a shared configuration source: a project inherits only from what FRONTDESK_SHARED_CONFIG allows (set FRONTDESK_SHARED_CONFIG=acme-agency/.github,Agency/Frontdesk-Defaults,group/,other/site to allow it)",
    });
  });
});

describe("checkProjectTarget", () => {
  it.each([
    ["a board of the repository's owner", DEFAULT_TENANCY_POLICY, GITHUB, "https://github.com/orgs/acme/projects/7", true],
    ["a board of the owner as a user, on a GitHub Enterprise host", DEFAULT_TENANCY_POLICY, GITHUB, "https://ghe.example/users/ACME/projects/2/", true],
    ["a board of another organisation", DEFAULT_TENANCY_POLICY, GITHUB, "https://github.com/orgs/agency/projects/7", false],
    ["a board of an organisation whose name starts like the owner's", DEFAULT_TENANCY_POLICY, GITHUB, "https://github.com/orgs/acme-b/projects/1", false],
    ["a board of a listed organisation", TARGETS, GITHUB, "https://github.com/orgs/Agency/projects/9", true],
    ["a listed board", TARGETS, GITHUB, "https://github.com/orgs/partner/projects/3", true],
    ["another board of that organisation", TARGETS, GITHUB, "https://github.com/orgs/partner/projects/4", false],
    ["a board whose number starts like the listed one", TARGETS, GITHUB, "https://github.com/orgs/partner/projects/33", false],
    ["a listed organisation on another host", TARGETS, GITHUB, "https://evil.example/orgs/agency/projects/9", false],
    ["any project on GitLab by default, even in the same group", DEFAULT_TENANCY_POLICY, GITLAB, "acme/clients/projects", false],
    ["a listed project on GitLab", TARGETS, GITLAB, "Agency/Projects", true],
    ["a project below a listed group on GitLab", TARGETS, GITLAB, "ops/sub/board", true],
    ["a project that only starts like a listed one", TARGETS, GITLAB, "agency/projects-old", false],
  ])("%s", (_name, policy, tenant, target, allowed) => {
    expect(checkProjectTarget(policy, tenant, target).allowed).toBe(allowed);
  });

  it("names the rule and the variable that would allow a refused target", () => {
    expect(checkProjectTarget(DEFAULT_TENANCY_POLICY, GITLAB, "agency/projects")).toEqual({
      allowed: false,
      reason:
        "is not an allowed target: a project moves work only to what FRONTDESK_PROJECT_TARGETS allows (set FRONTDESK_PROJECT_TARGETS=agency/projects to allow it)",
    });
  });
});

describe("findRefusedTargets", () => {
  const parsed = parseConfigText(
    [
      "team: { contacts: [alice] }",
      "project_work: { board: 'https://github.com/orgs/agency/projects/7', move_to: agency/projects }",
      "support_board: https://github.com/orgs/acme/projects/6",
    ].join("\n"),
    "frontdesk.yml",
  );
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => error.format()).join("\n"));

  it("checks the board keys on GitHub and move_to on GitLab, each platform's own", () => {
    expect(findRefusedTargets(DEFAULT_TENANCY_POLICY, GITHUB, parsed.config).map(({ path, value }) => [path, value])).toEqual([
      [["project_work", "board"], "https://github.com/orgs/agency/projects/7"],
    ]);
    expect(findRefusedTargets(DEFAULT_TENANCY_POLICY, GITLAB, parsed.config).map(({ path, value }) => [path, value])).toEqual([
      [["project_work", "move_to"], "agency/projects"],
    ]);
    expect(findRefusedTargets(TARGETS, GITHUB, parsed.config)).toEqual([]);
    expect(findRefusedTargets(TARGETS, GITLAB, parsed.config)).toEqual([]);
  });
});
