import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "../fakes/github-api.js";
import { commentPayload, INSTALLATION, issuePayload, OWNER, readFixture, REPO } from "../helpers/github.js";
import { createAppKey, deliverGitHub, startFrontdesk } from "../helpers/spawn-server.js";

/**
 * Commands from outside: the server as npm start runs it, the fake GitHub
 * holding the issue, comments written as people write them.
 */

const SECRET = "outside-secret";
// Boards live in GitHub Projects, which the fake does not serve; they have tests of their own.
const CONFIG = readFixture("spec-example.yml")
  .split("\n")
  .filter((line) => !/^\s*(board|support_board|column):/u.test(line))
  .join("\n");
const fake = new FakeGitHub();
let server: Awaited<ReturnType<typeof startFrontdesk>>;
const TITLE = "Please update the plugin";

beforeAll(async () => {
  const host = await fake.start();
  server = await startFrontdesk({ APP_ID: "1", PRIVATE_KEY: createAppKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: host, GHE_PROTOCOL: "http", SWEEP_INTERVAL: "off" });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

async function command(author: string, association: string, body: string) {
  const repo = fake.repo(`${OWNER}/${REPO}`);
  const comment = repo.addUserComment(7, author, body);
  const issue = repo.issues.get(7)!;
  const payload = commentPayload({ issue: { number: 7, title: TITLE }, id: comment.id, body, author, association });
  payload.issue = { ...payload.issue, labels: issue.labels, assignees: issue.assignees, comments: issue.comments };
  const response = await deliverGitHub(server.url, SECRET, "issue_comment", `comment-${comment.id}`, payload);
  expect(response.status).toBe(202);
  await server.settled();
}

const labels = () => fake.repo(`${OWNER}/${REPO}`).issues.get(7)!.labels.map((label) => label.name).sort();
const assignees = () => fake.repo(`${OWNER}/${REPO}`).issues.get(7)!.assignees.map((user) => user.login).sort();
const botComments = () => fake.repo(`${OWNER}/${REPO}`).commentsOf(7).filter((comment) => comment.user.type === "Bot");

describe("commands against a fake GitHub Enterprise Server", () => {
  it("triages the ticket, makes it project work with /estimate 2d, and /support restores it", async () => {
    const repo = fake.addRepo(`${OWNER}/${REPO}`, INSTALLATION, CONFIG);
    repo.openIssue({ number: 7, title: TITLE, createdAt: "2026-11-26T09:00:00Z" });
    await deliverGitHub(server.url, SECRET, "issues", "opened-7", issuePayload({ number: 7, title: TITLE, createdAt: "2026-11-26T09:00:00Z" }));
    await server.settled();
    expect(labels()).toEqual(["function: development", "support", "urgency: task"]);
    const triaged = assignees();
    expect(triaged).toHaveLength(2);

    await command("carol", "MEMBER", "/estimate 2d");
    expect(labels()).toEqual(["function: development", "project-work", "urgency: task"]);
    const implementer = triaged.find((login) => login === "bob" || login === "carol")!;
    expect(assignees()).toEqual([...triaged.filter((login) => login !== implementer), "lena"].sort());
    expect(botComments()).toHaveLength(2);
    expect(botComments()[1]!.body).toContain("we estimate **2d**, and support covers up to 4h");

    // The same command again changes nothing.
    const before = fake.calls.filter((call) => call.method !== "GET").length;
    await command("carol", "MEMBER", "/estimate 2d");
    expect(fake.calls.filter((call) => call.method !== "GET").length).toBe(before);

    await command("alice", "MEMBER", "/support");
    expect(labels()).toEqual(["function: development", "support", "urgency: task"]);
    expect(assignees()).not.toContain("lena");
    expect(assignees()).toHaveLength(2);
    expect(botComments()).toHaveLength(3);
  });

  it("answers a client's /urgency emergency once and changes nothing", async () => {
    const before = { labels: labels(), assignees: assignees(), comments: botComments().length };
    await command("client-joe", "NONE", "/urgency emergency");
    expect({ labels: labels(), assignees: assignees(), comments: botComments().length }).toEqual({ ...before, comments: before.comments + 1 });
    expect(botComments().at(-1)!.body).toMatch(/@(alice|ann)/u);
  });
});
