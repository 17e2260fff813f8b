import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { ConfigDependents } from "../../../src/platforms/gitlab/config-dependents.js";
import { createGitLabHandlerFromEnv } from "../../../src/platforms/gitlab/middleware.js";
import { createGitLabPacers } from "../../../src/platforms/gitlab/pacing.js";
import { SeenProjects } from "../../../src/platforms/gitlab/seen-projects.js";
import { createGitLabSweep } from "../../../src/platforms/gitlab/sweep.js";
import { UserDirectory } from "../../../src/platforms/gitlab/users.js";
import type { BackgroundTasks } from "../../../src/platforms/gitlab/webhook.js";
import { KeyedLock } from "../../../src/runtime/keyed-lock.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { SweepRunner } from "../../../src/desk/sweep-runner.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { API, captureLog, CONFIG_FILE, deliver, ENV, GITLAB, issueHook, noteHook, PROJECT_API, restProject, SELF, startServer, THURSDAY_10_BERLIN, TOKEN } from "./helpers.js";

/**
 * GitLab's trust boundaries: an edited note runs nothing, the project is the
 * API's and not the payload's, and a group's secret admits only that group.
 */

useStrictNock();

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(env: NodeJS.ProcessEnv = ENV, background?: BackgroundTasks) {
  const log = captureLog();
  const server = await startServer(createGitLabHandlerFromEnv(env, { log, now: () => THURSDAY_10_BERLIN, background }));
  servers.push(server);
  return { url: server.url, log };
}

const SCOPED = { ...ENV, GITLAB_WEBHOOK_SECRET: "acme:acme-secret, beta:beta-secret" };

/** An Issue Hook whose payload names `path` for project 42. */
function hookFor(path: string, iid = 7) {
  const payload = issueHook({ iid, title: "Website is down!" });
  payload.project.path_with_namespace = path;
  return payload;
}

/** No configuration: the delivery ends after reading it, with no write. */
function mockNoConfig(file = CONFIG_FILE) {
  return nock(API, { reqheaders: { "private-token": TOKEN } }).get(file).query({ ref: "main" }).reply(404, { message: "404 File Not Found" });
}

describe("edited notes", () => {
  it("runs nothing for an edited note, before any API call", async () => {
    const { url } = await setup();
    const edited = noteHook("/support", { by: "ann" });
    edited.object_attributes.action = "update";

    // Strict nock: any call would fail the test.
    expect((await deliver(url, "Note Hook", edited)).body).toEqual({ status: "ignored", reason: "an edited note: commands run when a note is written" });
  });

  it("takes a note without an action (older GitLab) as a new one", async () => {
    const { url } = await setup();
    nock(API).get("/user").reply(200, SELF);
    const note = noteHook("/support", { by: SELF.username });
    note.user.id = SELF.id;
    delete note.object_attributes.action;

    expect((await deliver(url, "Note Hook", note)).body).toEqual({ status: "ignored", reason: "frontdesk-bot is frontdesk or a bot" });
  });
});

describe("the project of a delivery", () => {
  it("reads the configuration of the project the API names for the id, asking once per cache period, and logs the mismatch without the payload's path", async () => {
    const { url, log } = await setup();
    nock(API).get("/user").reply(200, SELF).get(PROJECT_API).reply(200, restProject());
    mockNoConfig();

    expect((await deliver(url, "Issue Hook", hookFor("acme/other"))).body).toEqual({ status: "done", reason: "no-config" });
    // Cached: the id's project and its (missing) configuration cost no second call.
    expect((await deliver(url, "Issue Hook", hookFor("acme/site", 8))).body).toEqual({ status: "done", reason: "no-config" });

    const warnings = log.lines.filter((line) => line.level === "warn");
    expect(warnings.map((line) => [line.message, line.fields.projectId, line.fields.repo])).toEqual([
      ["the delivery names another path for this project id: the API's is used", 42, "acme/site"],
    ]);
    expect(JSON.stringify(log.lines)).not.toContain("acme/other");
  });

  it("ignores a delivery, with a warning, whose project the token cannot see", async () => {
    const { url, log } = await setup();
    nock(API).get("/user").reply(200, SELF).get(PROJECT_API).reply(404, { message: "404 Project Not Found" });

    expect((await deliver(url, "Issue Hook", hookFor("acme/site"))).body).toEqual({ status: "ignored", reason: "the project was not found" });
    expect(log.lines.find((line) => line.level === "warn")?.fields.projectId).toBe(42);
  });

  it("hands the background the delivery's fairness unit: the instance and the top-level group, lower-cased", async () => {
    const tenants: (string | undefined)[] = [];
    const background: BackgroundTasks = { start: (_label, _task, _priority, _lane, tenant) => tenants.push(tenant) > 0 };
    const { url } = await setup(ENV, background);

    await deliver(url, "Issue Hook", hookFor("Acme/Clients/Site"));
    await deliver(url, "Note Hook", noteHook("/support"));

    expect(tenants).toEqual(["gitlab:https://gitlab.example.test:acme", "gitlab:https://gitlab.example.test:acme"]);
  });
});

describe("secrets per group", () => {
  it("answers a group's secret for a project the payload places in another group with 401, before any call", async () => {
    const { url, log } = await setup(SCOPED);
    for (const path of ["beta/site", "acme-corp/site"]) {
      const response = await deliver(url, "Issue Hook", hookFor(path), { "x-gitlab-token": "acme-secret" });
      expect(response).toEqual({ status: 401, body: { error: "wrong or missing X-Gitlab-Token" } });
    }
    expect(log.lines.filter((line) => line.level === "warn").map((line) => line.fields.scopes)).toEqual([["acme"], ["acme"]]);
    expect(JSON.stringify(log.lines)).not.toMatch(/acme-secret|beta-secret/u);
  });

  it("admits a group's secret for its own projects, whatever their case, and checks the API's path again", async () => {
    const { url, log } = await setup(SCOPED);
    nock(API).get("/user").reply(200, SELF).get(PROJECT_API).reply(200, restProject());
    mockNoConfig();

    const response = await deliver(url, "Issue Hook", hookFor("ACME/Site"), { "x-gitlab-token": "acme-secret" });

    expect(response.body).toEqual({ status: "done", reason: "no-config" });
    expect(log.lines.filter((line) => line.level === "warn")).toEqual([]);
    expect(JSON.stringify(log.lines)).not.toMatch(/acme-secret|beta-secret/u);
  });

  it("ignores a delivery whose project id belongs to another group than the secret that admitted it", async () => {
    const { url, log } = await setup(SCOPED);
    // Someone with acme's secret names acme/site's path but beta's project id.
    nock(API).get("/user").reply(200, SELF).get(PROJECT_API).reply(200, restProject("beta/secret-project"));

    const response = await deliver(url, "Issue Hook", hookFor("acme/site"), { "x-gitlab-token": "acme-secret" });

    expect(response.body).toEqual({ status: "ignored", reason: "the project is outside the scope of the delivery's secret" });
    const warning = log.lines.find((line) => line.message.startsWith("the project is outside the scope"));
    expect(warning?.level).toBe("warn");
    expect(warning?.fields).toMatchObject({ projectId: 42, repo: "beta/secret-project", scope: "acme" });
  });

  it("lets a secret for every project stand beside the groups' secrets", async () => {
    const { url } = await setup({ ...ENV, GITLAB_WEBHOOK_SECRET: "acme:acme-secret,every-secret" });
    nock(API).get("/user").reply(200, SELF).get(PROJECT_API).reply(200, restProject("zeta/site"));
    mockNoConfig(CONFIG_FILE.replace("acme%2Fsite", "zeta%2Fsite"));

    expect((await deliver(url, "Issue Hook", hookFor("zeta/site"), { "x-gitlab-token": "every-secret" })).body).toEqual({ status: "done", reason: "no-config" });
  });

  it("sweeps a project a webhook named only when the API places it in the scope of the secret that named it", async () => {
    const log = captureLog();
    const client = createGitLabClient({ url: GITLAB, token: TOKEN, pacers: createGitLabPacers(), retry: { rateLimitRetries: 0, serverErrorRetries: 0 } });
    const app = { client, cache: new RepoCache(), locks: new KeyedLock(), users: new UserDirectory(client.users), dependents: new ConfigDependents(), now: () => THURSDAY_10_BERLIN };
    const seen = new SeenProjects();
    seen.record({ id: 42, path_with_namespace: "beta/site", default_branch: "main", scope: "beta" });
    const runner = new SweepRunner({ log, now: () => THURSDAY_10_BERLIN, intervalMs: 0 });
    runner.add(createGitLabSweep({ app, seen, paths: [] }));
    nock(API).get(PROJECT_API).reply(200, restProject()).get("/projects").query(true).reply(200, []);

    expect(await runner.run()).toEqual({ repos: 0, triaged: 0, reminders: 0, escalations: 0, errors: 0, rateLimited: false });
    expect(log.lines.filter((line) => line.level === "warn").map((line) => line.message)).toEqual([
      "the delivery names another path for this project id: the API's is used",
      "sweep: a webhook named a project outside its secret's scope: skipped",
    ]);
  });
});

describe("log lines", () => {
  it("name what was not understood by code and path, never with zod's message, which may quote the payload", async () => {
    const { url, log } = await setup();
    const payload = issueHook();
    payload.object_attributes.title = { text: "Please call me at +49 170 0000000" };
    payload.object_kind = "issue: call +49 170 0000000";

    expect((await deliver(url, "Issue Hook", payload)).body).toEqual({ status: "ignored", reason: "the Issue Hook payload was not understood" });

    const warning = log.lines.find((line) => line.message === "payload not understood: ignored");
    expect(Object.keys(warning?.fields ?? {}).sort()).toEqual(["delivery", "event", "problems"]);
    expect(warning?.fields.problems).toEqual([
      { code: "invalid_value", path: "object_kind" },
      { code: "invalid_type", path: "object_attributes.title" },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain("+49");
  });
});
