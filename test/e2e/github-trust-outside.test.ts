import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../src/cli/sweep.js";
import { createMemoryIo } from "../cli/memory-io.js";
import { FakeGitHub } from "../fakes/github-api.js";
import { commentPayload, INSTALLATION, issuePayload, labeledPayload, OWNER, readFixture, REPO } from "../helpers/github.js";
import { createAppKey, deliverGitHub, startFrontdesk } from "../helpers/spawn-server.js";

/**
 * The team is the roster, and frontdesk trusts only itself, from outside:
 * the server as npm start runs it and `frontdesk sweep`, against a fake
 * GitHub where the client is a collaborator on their own repository.
 */

const SECRET = "trust-secret";
// Boards live in GitHub Projects, which the fake does not serve; they have tests of their own.
const CONFIG = readFixture("spec-example.yml")
  .split("\n")
  .filter((line) => !/^\s*(board|support_board|column):/u.test(line))
  .join("\n");
/** The sweep's clock (createMemoryIo's): Thursday 26 November, 10:00 in Berlin. */
const SWEEP_AT = "2026-11-26T09:00:00Z";
const fake = new FakeGitHub();
const key = createAppKey();
let server: Awaited<ReturnType<typeof startFrontdesk>>;
let host: string;

beforeAll(async () => {
  host = await fake.start();
  server = await startFrontdesk({ APP_ID: "1", PRIVATE_KEY: key, WEBHOOK_SECRET: SECRET, GHE_HOST: host, GHE_PROTOCOL: "http", SWEEP_INTERVAL: "off" });
  const repo = fake.addRepo(`${OWNER}/${REPO}`, INSTALLATION, CONFIG);
  // The agency invited the client's people to their repository.
  for (const login of ["client-joe", "client-jane", "mallory"]) repo.collaborators.add(login);
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

const repo = () => fake.repo(`${OWNER}/${REPO}`);
const labels = (number: number) => repo().issues.get(number)!.labels.map((label) => label.name).sort();
const assignees = (number: number) => repo().issues.get(number)!.assignees.map((user) => user.login).sort();
const own = (number: number) => repo().commentsOf(number).filter((comment) => comment.user.login === repo().botLogin);

/** An issue the client opened, and its webhook (unless it was lost). */
async function open(number: number, title: string, createdAt: string, delivered = true): Promise<void> {
  repo().openIssue({ number, title, createdAt });
  if (!delivered) return;
  expect((await deliverGitHub(server.url, SECRET, "issues", `opened-${number}`, issuePayload({ number, title, createdAt }))).status).toBe(202);
  await server.settled();
}

/** A comment as a person writes it, with what GitHub says of their place in the repository. */
async function say(number: number, author: string, association: string, body: string): Promise<void> {
  const comment = repo().addUserComment(number, author, body);
  const issue = repo().issues.get(number)!;
  const payload = commentPayload({ issue: { number, title: issue.title }, id: comment.id, body, author, association });
  payload.issue = { ...payload.issue, labels: issue.labels, assignees: issue.assignees, comments: issue.comments, user: issue.user };
  expect((await deliverGitHub(server.url, SECRET, "issue_comment", `comment-${comment.id}`, payload)).status).toBe(202);
  await server.settled();
}

async function sweep(): Promise<string> {
  const io = createMemoryIo({}, new Date(SWEEP_AT));
  expect(await runSweep([], io, { env: { APP_ID: "1", PRIVATE_KEY: key, GHE_HOST: host, GHE_PROTOCOL: "http", LOG_LEVEL: "silent" } })).toBe(0);
  return io.out;
}

describe("the client side is not the team, even as collaborators", () => {
  it("answers the author's /urgency emergency, /book seo and /project once and changes nothing; a roster member's /project works", async () => {
    await open(7, "Please update the plugin", "2026-11-26T08:00:00Z");
    const before = { labels: labels(7), assignees: assignees(7) };
    expect(before.labels).toEqual(["function: development", "support", "urgency: task"]);

    await say(7, "client-joe", "COLLABORATOR", "/urgency emergency");
    await say(7, "client-joe", "COLLABORATOR", "/book seo");
    await say(7, "client-joe", "OWNER", "/project");

    expect({ labels: labels(7), assignees: assignees(7) }).toEqual(before);
    // The acknowledgement and one refusal: a person is refused once per ticket and hour.
    expect(own(7)).toHaveLength(2);
    expect(own(7)[1]!.body).toMatch(/^Thanks! `\/urgency emergency` is for our team only, so nothing has changed\. @(alice|ann) will take care/u);

    // A size label the client adds (collaborators may label) is no estimate: it stays a support ticket.
    repo().issues.get(7)!.labels.push({ name: "size: XL" });
    const labeled = labeledPayload({ number: 7, title: "Please update the plugin", labels: labels(7), comments: 2 }, "size: XL", "client-joe");
    expect((await deliverGitHub(server.url, SECRET, "issues", "labeled-7", labeled)).status).toBe(202);
    await server.settled();
    expect(labels(7)).toEqual(["function: development", "size: XL", "support", "urgency: task"]);
    expect(own(7)).toHaveLength(2);

    await say(7, "lena", "MEMBER", "/project");
    expect(labels(7)).toEqual(["function: development", "project-work", "size: XL", "urgency: task"]);
    expect(assignees(7)).toContain("lena");
  });

  it("a forged record changes nothing: the sweep still triages and still escalates; a colleague's comment does not stop the clock", async () => {
    // An emergency at 09:00 Berlin, promised by 10:00: due when the sweep runs.
    await open(8, "The shop is down", "2026-11-26T08:00:00Z");
    await say(8, "client-jane", "COLLABORATOR", "Any news? We are losing orders.");
    // A task opened Wednesday 11:00 Berlin, due Thursday 11:00: seven of eight hours have passed.
    await open(9, "Please change the footer", "2026-11-25T10:00:00Z");
    await say(9, "client-jane", "COLLABORATOR", "Any news?");
    // A ticket whose webhook was lost, where a stranger forges frontdesk's acknowledgement of project work.
    await open(10, "Please update the logo", "2026-11-26T08:30:00Z", false);
    await say(10, "mallory", "NONE", '/project <!-- frontdesk:ack {"urgency":"task","due":"2026-12-31T09:00:00.000Z","project":true} -->');
    // An emergency where the same stranger forges frontdesk's escalation.
    await open(11, "Website offline", "2026-11-26T08:00:00Z");
    await say(11, "mallory", "NONE", '/project <!-- frontdesk:escalation {"due":"2026-11-26T09:00:00.000Z"} -->');

    // frontdesk's refusals quote the text, but never as a record.
    for (const number of [10, 11]) {
      const refusal = own(number).at(-1)!.body;
      expect(refusal.match(/<!--/gu)).toHaveLength(1);
      expect(refusal).toMatch(/<!-- frontdesk:reply \{"to":\d+,"refused":"mallory"\} -->$/u);
    }

    expect(await sweep()).toBe("repos swept: 1, tickets triaged: 1, reminders: 1, escalations: 2, errors: 0\n");
    expect(labels(8)).toContain("sla: breached");
    expect(labels(11)).toContain("sla: breached");
    expect(own(9).at(-1)!.body).toContain('<!-- frontdesk:reminder {"due":"2026-11-26T10:00:00.000Z"} -->');
    expect(labels(10)).toEqual(["function: development", "support", "urgency: task"]);
    expect(own(10).some((comment) => comment.body.includes('<!-- frontdesk:ack {"urgency":"task"'))).toBe(true);

    // Everything the sweep does happens once.
    expect(await sweep()).toBe("repos swept: 1, tickets triaged: 0, reminders: 0, escalations: 0, errors: 0\n");
  }, 30_000);
});
