import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SweepRunner } from "../../../src/desk/sweep-runner.js";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { ConfigDependents } from "../../../src/platforms/gitlab/config-dependents.js";
import { createGitLabSweep } from "../../../src/platforms/gitlab/sweep.js";
import { UserDirectory } from "../../../src/platforms/gitlab/users.js";
import { KeyedLock } from "../../../src/runtime/keyed-lock.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { FakeGitLab } from "../../fakes/gitlab-api.js";
import { captureLog, CONFIG, THURSDAY_10_BERLIN } from "./helpers.js";

/**
 * Without GITLAB_PROJECTS, the sweep finds every project the token's user is
 * a member of (paginated, archived ones left out) and serves those with a
 * `.gitlab/frontdesk.yml`; a restart forgets nothing. With it, those alone.
 */

const fake = new FakeGitLab();
let url: string;

beforeAll(async () => {
  url = await fake.start();
  // 105 projects: two pages of the listing; three have a frontdesk.yml, one of those is archived.
  for (let index = 0; index < 102; index++) fake.addProject(`acme/other-${index}`);
  fake.addProject("acme/site", CONFIG);
  fake.addProject("globex/shop", CONFIG);
  fake.addProject("initech/old", CONFIG).archived = true;
});

afterAll(() => fake.stop());

function sweep(paths: string[]) {
  const client = createGitLabClient({ url, token: "glpat-discover", retry: { rateLimitRetries: 0, serverErrorRetries: 0 } });
  const app = { client, cache: new RepoCache(), locks: new KeyedLock(), users: new UserDirectory(client.users), dependents: new ConfigDependents(), now: () => THURSDAY_10_BERLIN };
  const log = captureLog();
  const runner = new SweepRunner({ log, now: () => THURSDAY_10_BERLIN, intervalMs: 0 });
  runner.add(createGitLabSweep({ app, paths }));
  return { runner, log };
}

const listings = (from: number) => fake.calls.slice(from).filter((call) => call.method === "GET" && call.path.startsWith("/projects?"));

describe("GitLab discovery", () => {
  it("sweeps every member project with a frontdesk.yml, in two pages, and none archived", async () => {
    const before = fake.calls.length;
    const { runner } = sweep([]);
    expect(await runner.run()).toMatchObject({ repos: 2, errors: 0, rateLimited: false });
    expect(listings(before)).toHaveLength(2);
    const swept = fake.calls.slice(before).filter((call) => call.path.includes("/issues?")).map((call) => fake.state.project(call.path.split("/")[2] ?? "")?.path_with_namespace);
    expect(swept.sort()).toEqual(["acme/site", "globex/shop"]);
  });

  it("lets GITLAB_PROJECTS restrict the sweep, without listing the member projects", async () => {
    const before = fake.calls.length;
    const { runner } = sweep(["globex/shop"]);
    expect(await runner.run()).toMatchObject({ repos: 1, errors: 0 });
    expect(listings(before)).toEqual([]);
  });
});
