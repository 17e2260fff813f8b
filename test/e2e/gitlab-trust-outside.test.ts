import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitLab, issueHookFor, noteHookFor, type FakeProject } from "../fakes/gitlab-api.js";
import { readFixture } from "../helpers/fixtures.js";
import { startFrontdesk } from "../helpers/spawn-server.js";

/**
 * GitLab's trust boundaries from outside: the server as `npm start` runs it,
 * a fake GitLab on 127.0.0.1, GITLAB_WEBHOOK_SECRET with a secret per group
 * and one for every project, and what arrived at GitLab out.
 */

const TOKEN = "glpat-trust";
const ACME = "acme-group-secret";
const BETA = "beta-group-secret";
const EVERY = "every-project-secret";
const fake = new FakeGitLab();
let server: Awaited<ReturnType<typeof startFrontdesk>>;
let nextIid = 1;
let nextDelivery = 1;

beforeAll(async () => {
  for (const login of ["alice", "ann", "bob", "carol", "dave", "lena"]) fake.state.addUser(login);
  const secrets = `acme:${ACME}, beta:${BETA}, ${EVERY}`;
  server = await startFrontdesk({ GITLAB_URL: await fake.start(), GITLAB_TOKEN: TOKEN, GITLAB_WEBHOOK_SECRET: secrets });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

async function post(event: string, payload: object, secret: string): Promise<number> {
  const id = nextDelivery++;
  const response = await fetch(`${server.url}/api/gitlab/webhooks`, {
    method: "POST",
    body: JSON.stringify(payload),
    headers: { "content-type": "application/json", "x-gitlab-event": event, "x-gitlab-token": secret, "x-gitlab-event-uuid": `trust-${id}`, "idempotency-key": `trust-key-${id}` },
  });
  await server.settled();
  return response.status;
}

function open(project: FakeProject, title = "The logo is blurry"): number {
  const iid = nextIid++;
  fake.state.openIssue(project, { iid, title });
  return iid;
}

/** Calls that changed something at GitLab. */
const writes = (since: number) => fake.calls.slice(since).filter((call) => call.method !== "GET");

describe("GitLab trust boundaries, from outside", () => {
  it("asks GitLab once which project an id is, then uses what it learnt, and runs nothing for an edited note", async () => {
    const project = fake.addProject("acme/site", readFixture("spec-example.yml"));
    const first = open(project);
    const second = open(project);
    const before = fake.calls.length;

    expect(await post("Issue Hook", issueHookFor(project, project.issues.get(first)!), ACME)).toBe(202);
    expect(await post("Issue Hook", issueHookFor(project, project.issues.get(second)!), ACME)).toBe(202);

    const lookups = fake.calls.slice(before).filter((call) => call.method === "GET" && call.path === `/projects/${project.id}`);
    expect(lookups, server.output()).toHaveLength(1);
    expect(project.issues.get(first)!.labels).toContain("support");
    expect(project.issues.get(second)!.labels).toContain("support");

    // Fixing a typo in an old `/support` note: GitLab sends the note again, with action "update".
    const edited = noteHookFor(project, project.issues.get(first)!, "/support", fake.state.addUser("ann"), 9_001);
    edited.object_attributes.action = "update";
    const beforeEdit = fake.calls.length;
    const labels = [...project.issues.get(first)!.labels];

    expect(await post("Note Hook", edited, ACME)).toBe(202);

    expect(fake.calls.slice(beforeEdit)).toEqual([]);
    expect(project.issues.get(first)!.labels).toEqual(labels);
  }, 20_000);

  it("answers a group's secret for a project of another group with 401, and calls nothing", async () => {
    const project = fake.addProject("beta/shop", readFixture("spec-example.yml"));
    const iid = open(project);
    const before = fake.calls.length;

    expect(await post("Issue Hook", issueHookFor(project, project.issues.get(iid)!), ACME)).toBe(401);

    expect(fake.calls.length).toBe(before);
    expect(project.issues.get(iid)!.labels).toEqual([]);
    expect(server.output()).not.toContain(ACME);
  });

  it("reads the configuration of the project the id names when the payload's path says another", async () => {
    const configured = fake.addProject("acme/configured", readFixture("spec-example.yml"));
    fake.addProject("acme/unconfigured");
    const iid = open(configured, "Website is down!");
    const payload = issueHookFor(configured, configured.issues.get(iid)!);
    payload.project.path_with_namespace = "acme/unconfigured";
    const before = fake.calls.length;

    expect(await post("Issue Hook", payload, EVERY)).toBe(202);

    expect(configured.issues.get(iid)!.labels, server.output()).toEqual(["support", "urgency: emergency", "function: development"]);
    const read = fake.calls.slice(before).filter((call) => call.path.includes("/repository/files/"));
    expect(read.map((call) => call.path.split("?")[0])).toEqual(["/projects/acme%2Fconfigured/repository/files/.gitlab%2Ffrontdesk.yml/raw"]);
    expect(server.output()).toContain("the delivery names another path for this project id: the API's is used");
  }, 20_000);

  it("ignores a delivery whose project id is outside the group of the secret that admitted it", async () => {
    // Someone with acme's secret names an acme path, and beta's project id.
    const target = fake.addProject("beta/internal", readFixture("spec-example.yml"));
    const iid = open(target, "Website is down!");
    const payload = issueHookFor(target, target.issues.get(iid)!);
    payload.project.path_with_namespace = "acme/site";
    const before = fake.calls.length;

    expect(await post("Issue Hook", payload, ACME)).toBe(202);

    expect(writes(before)).toEqual([]);
    expect(fake.calls.slice(before).some((call) => call.path.includes("/repository/files/"))).toBe(false);
    expect(target.issues.get(iid)!.labels).toEqual([]);
    expect(fake.state.notesOf(target, iid)).toEqual([]);
    expect(server.output()).toContain("the project is outside the scope of the secret that admitted the delivery: ignored");
  });
});
