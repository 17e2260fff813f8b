import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createGitLabHandlerFromEnv } from "../../../src/platforms/gitlab/middleware.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { API, captureLog, CONFIG, CONFIG_FILE, deliver, ENV, issueHook, pushHook, restProject, SELF, startServer, THURSDAY_10_BERLIN } from "./helpers.js";

useStrictNock();

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup() {
  const log = captureLog();
  const server = await startServer(createGitLabHandlerFromEnv(ENV, { log, now: () => THURSDAY_10_BERLIN }));
  servers.push(server);
  return { url: server.url, log };
}

// Paused, so that an issue costs nothing but reading the configuration.
const PAUSED = CONFIG.replace("enabled: true", "enabled: false");
const AGENCY_FILE = "/projects/acme-agency%2Fdefaults/repository/files/.gitlab%2Ffrontdesk.yml/raw";
const SHA = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";

/** The pushed file read at the pushed commit, and the commit status it earns. */
function mockStatus(text: string, status: nock.DataMatcherMap, file = CONFIG_FILE, projectId = 42) {
  return nock(API)
    .get(file)
    .query({ ref: SHA })
    .reply(200, text, { "content-type": "text/plain" })
    .post(`/projects/${projectId}/statuses/${SHA}`, status)
    .reply(201, {});
}

/** `GET /projects/:id`: which project an id is, asked once per cache period and again after a push. */
function mockProject(project = restProject()) {
  return nock(API).get(`/projects/${project.id}`).reply(200, project);
}

function mockConfig(text = PAUSED) {
  return nock(API).get(CONFIG_FILE).query({ ref: "main" }).reply(200, text, { "content-type": "text/plain" });
}

let iid = 10;
async function openIssue(url: string) {
  const response = await deliver(url, "Issue Hook", issueHook({ iid: iid++, title: "Website is down!" }));
  expect(response.body).toEqual({ status: "done", reason: "frontdesk is paused here (enabled: false)" });
}

describe("GitLab configuration cache", () => {
  it("reads the configuration once, and again after a push to the default branch that changed it", async () => {
    const { url, log } = await setup();
    nock(API).get("/user").reply(200, SELF);
    mockProject();
    mockConfig();
    await openIssue(url);
    await openIssue(url);

    expect((await deliver(url, "Push Hook", pushHook({ added: ["README.md"] }))).body).toEqual({
      status: "ignored",
      reason: "no configuration file changed",
    });
    expect((await deliver(url, "Push Hook", pushHook({ modified: [".gitlab/frontdesk.yml"] }, { ref: "refs/heads/feature" }))).body).toEqual({
      status: "ignored",
      reason: "not a push to the default branch",
    });
    // A push makes frontdesk ask again which project the id is (a rename shows then), not read the configuration again.
    mockProject();
    await openIssue(url);

    mockProject();
    mockStatus(PAUSED, { state: "success", name: "frontdesk", description: "frontdesk.yml is valid" });
    expect((await deliver(url, "Push Hook", pushHook({ modified: [".gitlab/frontdesk.yml"] }))).body).toEqual({
      status: "done",
      reason: "configuration cache cleared for 1 project(s); configuration valid: commit status success",
    });
    expect(log.lines.find((line) => line.message === "configuration changed: cache cleared")?.fields).toMatchObject({
      repo: "acme/site",
      files: [".gitlab/frontdesk.yml"],
      cleared: ["acme/site"],
    });
    mockConfig();
    await openIssue(url);
  });

  it("clears the cache when the push had more commits than GitLab lists", async () => {
    const { url } = await setup();
    nock(API).get("/user").reply(200, SELF);
    mockProject();
    mockConfig();
    await openIssue(url);
    mockProject();
    mockStatus(PAUSED, { state: "success", name: "frontdesk", description: "frontdesk.yml is valid" });
    await deliver(url, "Push Hook", pushHook({ added: ["README.md"] }, { total: 21 }));
    mockConfig();
    await openIssue(url);
  });

  it("clears every project that inherits a file when that file changes", async () => {
    const { url } = await setup();
    nock(API).get("/user").reply(200, SELF);
    const mockChain = () => {
      mockConfig("_extends: acme-agency/defaults\nenabled: false\n");
      nock(API).get(AGENCY_FILE).query({ ref: "HEAD" }).reply(200, "team:\n  contacts: [alice]\n", { "content-type": "text/plain" });
    };
    mockProject();
    mockChain();
    await openIssue(url);

    const push = pushHook({ modified: [".gitlab/frontdesk.yml"] }, { project: "acme-agency/defaults" });
    push.project.id = 43;
    mockProject(restProject("acme-agency/defaults", 43));
    mockStatus("team:\n  contacts: [alice]\n", { state: "success", name: "frontdesk", description: "frontdesk.yml is valid" }, AGENCY_FILE, 43);
    expect((await deliver(url, "Push Hook", push)).body).toEqual({
      status: "done",
      reason: "configuration cache cleared for 2 project(s); configuration valid: commit status success",
    });
    mockChain();
    await openIssue(url);
  });

  it("marks a pushed configuration with errors with a failed commit status that names file, line and column", async () => {
    const { url, log } = await setup();
    mockProject();
    mockStatus(CONFIG.replace("capacity: 12", "capacity: lots").replace("model: support-team", "model: agency"), {
      state: "failed",
      name: "frontdesk",
      description: /^acme\/site:\.gitlab\/frontdesk\.yml:3:8: model: .* \(and 1 more\)$/u,
    });

    const response = await deliver(url, "Push Hook", pushHook({ modified: [".gitlab/frontdesk.yml"] }));

    expect(response.body).toEqual({
      status: "done",
      reason: "configuration cache cleared for 1 project(s); configuration invalid: commit status failed",
    });
    expect(log.lines.filter((line) => line.level === "error").map((line) => line.message)).toEqual([
      expect.stringMatching(/^invalid configuration: acme\/site:\.gitlab\/frontdesk\.yml:3:8: model: /u),
      expect.stringMatching(/^invalid configuration: acme\/site:\.gitlab\/frontdesk\.yml:18:13: team\.capacity: /u),
    ]);
  });
});
