import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "../fakes/github-api.js";
import type { FakeIssue } from "../fakes/github-state.js";
import { readFixture } from "../helpers/github.js";
import { fakeGitHubEnv, openedDelivery } from "../helpers/github-outside.js";
import { deliverGitHub, startFrontdesk } from "../helpers/spawn-server.js";

/**
 * From outside: the server as `npm start` runs it, GHE_HOST pointed at a fake
 * GitHub on 127.0.0.1, signed deliveries in, and what arrived at GitHub out.
 */

const SECRET = "outside-secret";
const INSTALLATION = 4242;
const fake = new FakeGitHub();
let server: Awaited<ReturnType<typeof startFrontdesk>>;

beforeAll(async () => {
  const host = await fake.start();
  server = await startFrontdesk(fakeGitHubEnv(host, SECRET));
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

const deliveryFor = (repo: string, issue: FakeIssue) => openedDelivery(repo, INSTALLATION, issue);

describe("frontdesk against a fake GitHub Enterprise Server", () => {
  it("serves /healthz", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ status: "ok", github: true, gitlab: false, pending: 0 });
  });

  it("triages 'Website is down!' once, however often it is delivered", async () => {
    const repo = fake.addRepo("acme/site", INSTALLATION, readFixture("spec-example.yml"));
    for (const [number, assignee] of [[1, "bob"], [2, "alice"]] as const) {
      repo.openIssue({ number, title: "older", labels: ["support"] });
      repo.issues.get(number)!.assignees.push({ login: assignee, type: "User" });
    }
    const issue = repo.openIssue({ number: 7, title: "Website is down!", createdAt: "2026-11-26T09:00:00Z" });
    const payload = deliveryFor("acme/site", issue);

    const first = await deliverGitHub(server.url, SECRET, "issues", "d-1", payload);
    const second = await deliverGitHub(server.url, SECRET, "issues", "d-1", payload);
    await server.settled();

    expect([first.status, second.status], server.output()).toEqual([202, 202]);
    const triaged = repo.issues.get(7)!;
    expect(triaged.labels.map((label) => label.name)).toEqual(["support", "urgency: emergency", "function: development"]);
    expect(triaged.assignees.map((user) => user.login)).toEqual(["ann", "carol"]);
    const comments = repo.commentsOf(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("Your contact is @ann; @carol is working on it. You will hear from us by **Thu, 26 Nov 2026, 11:00 CET**.");
    expect(repo.labels.get("urgency: emergency")).toMatchObject({ name: "urgency: emergency", color: "b60205", description: "frontdesk: urgency level emergency" });
  });

  it("refuses a bad signature with 401 and calls nothing", async () => {
    const before = fake.calls.length;
    const response = await deliverGitHub(server.url, "not-the-secret", "issues", "d-2", { action: "opened" });
    expect(response.status).toBe(401);
    expect(fake.calls.length).toBe(before);
  });

  it("makes no call for a bot's issue and no write where there is no frontdesk.yml", async () => {
    const repo = fake.addRepo("acme/blog", INSTALLATION);
    const before = fake.calls.length;
    const bot = repo.openIssue({ number: 1, title: "Bump lodash", author: "dependabot[bot]" });
    const botPayload = deliveryFor("acme/blog", { ...bot, user: { login: "dependabot[bot]", type: "Bot" } });
    expect((await deliverGitHub(server.url, SECRET, "issues", "d-3", botPayload)).status).toBe(202);
    await server.settled();
    expect(fake.calls.length).toBe(before);

    const issue = repo.openIssue({ number: 2, title: "Website is down!" });
    expect((await deliverGitHub(server.url, SECRET, "issues", "d-4", deliveryFor("acme/blog", issue))).status).toBe(202);
    await server.settled();
    const writes = fake.calls.slice(before).filter((call) => call.method !== "GET" && !call.path.includes("access_tokens"));
    expect(writes).toEqual([]);
  });
});
