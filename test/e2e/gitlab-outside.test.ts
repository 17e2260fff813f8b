import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitLab, issueHookFor, noteHookFor, type FakeProject } from "../fakes/gitlab-api.js";
import { readFixture } from "../helpers/fixtures.js";
import { startFrontdesk } from "../helpers/spawn-server.js";

/**
 * From outside: the server as `npm start` runs it, GITLAB_URL pointed at a
 * fake GitLab on 127.0.0.1, deliveries with the webhook token in, and what
 * arrived at GitLab out, faults included.
 */

const TOKEN = "glpat-outside";
const SECRET = "outside-gitlab-secret";
const fake = new FakeGitLab();
let server: Awaited<ReturnType<typeof startFrontdesk>>;
let nextIid = 1;

beforeAll(async () => {
  for (const login of ["alice", "ann", "bob", "carol", "dave", "lena"]) fake.state.addUser(login);
  server = await startFrontdesk({ GITLAB_URL: await fake.start(), GITLAB_TOKEN: TOKEN, GITLAB_WEBHOOK_SECRET: SECRET });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

function deliver(project: FakeProject, iid: number, headers: Record<string, string> = {}) {
  const payload = issueHookFor(project, project.issues.get(iid)!);
  return fetch(`${server.url}/api/gitlab/webhooks`, {
    method: "POST",
    body: JSON.stringify(payload),
    headers: {
      "content-type": "application/json",
      "x-gitlab-event": "Issue Hook",
      "x-gitlab-token": SECRET,
      "x-gitlab-event-uuid": `event-${project.id}-${iid}`,
      "idempotency-key": `key-${project.id}-${iid}`,
      ...headers,
    },
  });
}

function open(project: FakeProject, title: string): number {
  const iid = nextIid++;
  fake.state.openIssue(project, { iid, title });
  return iid;
}

describe("frontdesk against a fake GitLab", () => {
  it("serves /healthz", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok", github: false, gitlab: true, pending: 0 });
  });

  it("triages 'Website is down!' once, whether GitLab resends it or a group hook sends it too", async () => {
    const project = fake.addProject("acme/site", readFixture("spec-example.yml"));
    const iid = open(project, "Website is down!");

    const statuses = [
      (await deliver(project, iid)).status,
      (await deliver(project, iid)).status,
      (await deliver(project, iid, { "idempotency-key": "group-hook" })).status,
    ];
    await server.settled();

    expect(statuses, server.output()).toEqual([202, 200, 200]);
    const issue = project.issues.get(iid)!;
    expect(issue.labels).toEqual(["support", "urgency: emergency", "function: development"]);
    expect(issue.assignees.map((user) => user.username).sort()).toEqual(["ann", "carol"]);
    const notes = fake.state.notesOf(project, iid);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("Urgency: **emergency**. Your contact is @ann; @carol is working on it.");
    expect(project.labels.get("urgency: emergency")).toMatchObject({ color: "#b60205", description: "frontdesk: urgency level emergency" });
  });

  it("refuses a wrong token with 401 and calls nothing", async () => {
    const project = fake.addProject("acme/wrong-token", readFixture("spec-example.yml"));
    const before = fake.calls.length;
    const response = await deliver(project, open(project, "Website is down!"), { "x-gitlab-token": "guess" });
    expect(response.status).toBe(401);
    expect(fake.calls.length).toBe(before);
  });

  it("waits out a 429 and a 502 on the acknowledgement, and still writes it exactly once", async () => {
    const project = fake.addProject("acme/shop", readFixture("spec-example.yml"));
    const iid = open(project, "The logo is blurry");
    const notes = `/projects/${project.id}/issues/${iid}/notes`;
    let limited = false;
    let lost = false;
    fake.fault = ({ method, path }) => {
      if (method === "PUT" && path === `/projects/${project.id}/issues/${iid}` && !limited) {
        limited = true;
        return { status: 429, retryAfter: 1 };
      }
      // The note is written, but its answer is lost: frontdesk must find it rather than post it again.
      if (method === "POST" && path === notes && !lost) {
        lost = true;
        return { status: 502, after: true };
      }
      return undefined;
    };
    try {
      expect((await deliver(project, iid)).status).toBe(202);
      await server.settled();
    } finally {
      fake.fault = undefined;
    }
    expect(project.issues.get(iid)!.labels).toEqual(["support", "urgency: task", "function: design"]);
    const calls = fake.calls.filter((call) => call.path.startsWith(`/projects/${project.id}/issues/${iid}`));
    expect(calls.map((call) => `${call.method} ${call.path.split("?")[0]} ${call.status}`)).toEqual([
      `PUT /projects/${project.id}/issues/${iid} 429`,
      `PUT /projects/${project.id}/issues/${iid} 200`,
      `POST ${notes} 502`,
      `GET ${notes} 200`,
    ]);
    const written = fake.state.notesOf(project, iid);
    expect(written).toHaveLength(1);
    expect(written[0]!.body).toContain("Urgency: **task**");
  }, 20_000);

  it("answers a command in an internal note with an internal note", async () => {
    const project = fake.addProject("acme/intranet", readFixture("spec-example.yml"));
    const iid = open(project, "The logo is blurry");
    await deliver(project, iid);
    await server.settled();
    const hook = noteHookFor(project, project.issues.get(iid)!, "/urgency whenever", fake.state.addUser("ann"), 7_001);
    hook.object_attributes.internal = true;

    const response = await fetch(`${server.url}/api/gitlab/webhooks`, {
      method: "POST",
      body: JSON.stringify(hook),
      headers: { "content-type": "application/json", "x-gitlab-event": "Confidential Note Hook", "x-gitlab-token": SECRET, "x-gitlab-event-uuid": "internal-note" },
    });
    await server.settled();

    expect(response.status).toBe(202);
    const [ack, reply] = fake.state.notesOf(project, iid);
    expect(ack!.internal).toBe(false);
    expect(reply!.body).toContain("/urgency whenever");
    expect(reply!.internal).toBe(true);
  }, 20_000);
});
