import nock from "nock";
import { describe, expect, it } from "vitest";
import { DEFAULT_TENANCY_POLICY, readTenancyPolicy, type TenancyPolicy } from "../../../src/config/tenancy.js";
import { KeyedLock } from "../../../src/runtime/keyed-lock.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { ConfigDependents } from "../../../src/platforms/gitlab/config-dependents.js";
import { loadGitLabConfig } from "../../../src/platforms/gitlab/config-loader.js";
import { reportConfigStatus } from "../../../src/platforms/gitlab/config-status.js";
import type { GitLabAppDeps } from "../../../src/platforms/gitlab/context.js";
import { UserDirectory } from "../../../src/platforms/gitlab/users.js";
import type { RepoConfig } from "../../../src/desk/repo-config.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { API, captureLog, CONFIG_FILE, GITLAB, PROJECT_ID, PROJECT_PATH, THURSDAY_10_BERLIN, TOKEN } from "./helpers.js";

useStrictNock();

/**
 * On GitLab a project inherits only from what FRONTDESK_SHARED_CONFIG allows
 * (no group is a boundary between clients), and moves work only to what
 * FRONTDESK_PROJECT_TARGETS allows.
 */

const client = createGitLabClient({ url: GITLAB, token: TOKEN });
const OTHER_FILE = "/projects/other-client%2Fsite/repository/files/.gitlab%2Ffrontdesk.yml/raw";
const ROSTER = "team:\n  contacts: [alice]\n";
const SHA = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";

function serve(path: string, ref: string, text: string) {
  return nock(API).get(path).query({ ref }).reply(200, text, { "content-type": "text/plain" });
}

function errorsOf(config: RepoConfig): string[] {
  if (config.kind !== "invalid") throw new Error(`expected errors, got ${JSON.stringify(config)}`);
  return config.errors.map((error) => error.format());
}

describe("loadGitLabConfig: _extends", () => {
  it("refuses another client's project by default, and never fetches it", async () => {
    serve(CONFIG_FILE, "main", "_extends: other-client/site\nclient: ACME\n");

    const loaded = await loadGitLabConfig(client.files, PROJECT_PATH, "main", DEFAULT_TENANCY_POLICY);

    expect(errorsOf(loaded.config)).toEqual([
      'acme/site:.gitlab/frontdesk.yml:1:11: _extends: "other-client/site" is not a shared configuration source: a project inherits only from what FRONTDESK_SHARED_CONFIG allows (set FRONTDESK_SHARED_CONFIG=other-client/site to allow it)',
    ]);
    expect(loaded.inheritsFrom).toEqual([]);
    // Strict nock: a request for other-client/site would have matched no mock and failed the test.
  });

  it("follows a project FRONTDESK_SHARED_CONFIG allows", async () => {
    serve(CONFIG_FILE, "main", "_extends: other-client/site\nclient: ACME\n");
    serve(OTHER_FILE, "HEAD", ROSTER);

    const loaded = await loadGitLabConfig(client.files, PROJECT_PATH, "main", readTenancyPolicy({ FRONTDESK_SHARED_CONFIG: "Other-Client/" }));

    expect(loaded.config.kind === "valid" && loaded.config.config.team.contacts).toEqual(["alice"]);
    expect(loaded.inheritsFrom).toEqual([{ project: "other-client/site", file: ".gitlab/frontdesk.yml", ref: "HEAD" }]);
  });
});

describe("loadGitLabConfig: project_work.move_to", () => {
  const MOVING = `${ROSTER}project_work:\n  move_to: agency/projects\n`;

  it.each<[string, TenancyPolicy, RepoConfig["kind"]]>([
    ["refuses a target by default", DEFAULT_TENANCY_POLICY, "invalid"],
    ["allows what FRONTDESK_PROJECT_TARGETS names", readTenancyPolicy({ FRONTDESK_PROJECT_TARGETS: "agency/projects" }), "valid"],
    ["allows a project of a group FRONTDESK_PROJECT_TARGETS names", readTenancyPolicy({ FRONTDESK_PROJECT_TARGETS: "agency/" }), "valid"],
  ])("%s", async (_name, policy, kind) => {
    serve(CONFIG_FILE, "main", MOVING);
    expect((await loadGitLabConfig(client.files, PROJECT_PATH, "main", policy)).config.kind).toBe(kind);
  });

  it("says where the refused target is, which rule refused it and what to set", async () => {
    serve(CONFIG_FILE, "main", MOVING);
    const { config } = await loadGitLabConfig(client.files, PROJECT_PATH, "main", DEFAULT_TENANCY_POLICY);
    expect(errorsOf(config)).toEqual([
      'acme/site:.gitlab/frontdesk.yml:4:12: project_work.move_to: "agency/projects" is not an allowed target: a project moves work only to what FRONTDESK_PROJECT_TARGETS allows (set FRONTDESK_PROJECT_TARGETS=agency/projects to allow it)',
    ]);
  });
});

describe("the commit status of a pushed configuration", () => {
  const deps: GitLabAppDeps = {
    client,
    cache: new RepoCache(),
    locks: new KeyedLock(),
    users: new UserDirectory(client.users),
    dependents: new ConfigDependents(),
    now: () => THURSDAY_10_BERLIN,
    policy: readTenancyPolicy({ FRONTDESK_SHARED_CONFIG: "other-client/site" }),
  };
  const project = { id: PROJECT_ID, path_with_namespace: PROJECT_PATH, default_branch: "main" };

  it("names file, line, column, key path and kind of an inherited error, no value; the log has the full message", async () => {
    const log = captureLog();
    let status: Record<string, unknown> = {};
    serve(CONFIG_FILE, SHA, "_extends: other-client/site\nclient: ACME\n");
    serve(OTHER_FILE, "HEAD", "team:\n  contacts: ['@secret-lead']\n");
    nock(API)
      .post(`/projects/${PROJECT_ID}/statuses/${SHA}`, (body) => Boolean((status = body)))
      .reply(201, {});

    await reportConfigStatus(deps, project, SHA, log);

    expect(status).toMatchObject({ state: "failed", name: "frontdesk", description: "other-client/site:.gitlab/frontdesk.yml:2:14: team.contacts[0]: not a login" });
    expect(JSON.stringify(status)).not.toContain("secret-lead");
    expect(log.lines.filter((line) => line.level === "error").map((line) => line.message)).toEqual([
      'invalid configuration: other-client/site:.gitlab/frontdesk.yml:2:14: team.contacts[0]: "@secret-lead" is not a login: write it without the "@"',
    ]);
  });

  it("shows a refused _extends without the project it names", async () => {
    let status: Record<string, unknown> = {};
    serve(CONFIG_FILE, SHA, "_extends: secret-client/site\n");
    nock(API)
      .post(`/projects/${PROJECT_ID}/statuses/${SHA}`, (body) => Boolean((status = body)))
      .reply(201, {});

    await reportConfigStatus(deps, project, SHA, captureLog());

    expect(status.description).toBe("acme/site:.gitlab/frontdesk.yml:1:11: _extends: source not allowed");
  });
});
