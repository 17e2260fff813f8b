import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../src/cli/sweep.js";
import { createMemoryIo } from "../cli/memory-io.js";
import { FakeGitHub } from "../fakes/github-api.js";
import { FakeGitLab } from "../fakes/gitlab-api.js";
import { INSTALLATION, OWNER, readFixture, REPO } from "../helpers/github.js";
import { createAppKey } from "../helpers/spawn-server.js";

/**
 * `frontdesk sweep` against fakes of GitHub and GitLab: a ticket whose opening
 * event never arrived, with an estimate above the threshold, is triaged and
 * made project work, as the webhook would have done; a second sweep changes
 * nothing.
 */

// Boards live in GitHub Projects, which the fake does not serve; they have tests of their own.
const CONFIG = readFixture("spec-example.yml")
  .split("\n")
  .filter((line) => !/^\s*(board|support_board|column):/u.test(line))
  .join("\n");
/** The sweep's clock (createMemoryIo's); the issues were opened an hour before, so they are past the webhooks' grace. */
const OPENED = "2026-11-26T08:00:00Z";
const ROSTER = ["alice", "ann", "bob", "carol", "dave", "erin", "frank", "lena"];

const github = new FakeGitHub();
const gitlab = new FakeGitLab();
let githubEnv: Record<string, string>;
let gitlabEnv: Record<string, string>;

beforeAll(async () => {
  githubEnv = { APP_ID: "1", PRIVATE_KEY: createAppKey(), GHE_HOST: await github.start(), GHE_PROTOCOL: "http", LOG_LEVEL: "silent" };
  for (const login of ROSTER) gitlab.state.addUser(login);
  gitlabEnv = { GITLAB_URL: await gitlab.start(), GITLAB_TOKEN: "glpat-sweep", GITLAB_PROJECTS: "acme/shop" };
}, 30_000);

afterAll(async () => {
  await github.stop();
  await gitlab.stop();
});

async function sweep(env: Record<string, string>): Promise<string> {
  const io = createMemoryIo();
  expect(await runSweep([], io, { env })).toBe(0);
  return io.out;
}

/** Calls that changed something (a GitHub App's token request changes nothing of the client's). */
const writes = (calls: readonly { method: string; path: string; status: number }[]) =>
  calls.filter((call) => call.method !== "GET" && call.status < 400 && !call.path.endsWith("/access_tokens")).length;

describe("frontdesk sweep triages a lost ticket as its webhook would have", () => {
  it("GitHub: a new issue labelled size: L becomes project work, handed to the lead", async () => {
    const repo = github.addRepo(`${OWNER}/${REPO}`, INSTALLATION, CONFIG);
    // A contact opened it for the client: the size that comes with the team's issue is the team's estimate.
    repo.openIssue({ number: 5, title: "Please update the plugin", labels: ["size: L"], createdAt: OPENED, author: "ann" });

    expect(await sweep(githubEnv)).toBe("repos swept: 1, tickets triaged: 1, reminders: 0, escalations: 0, errors: 0\n");

    const issue = repo.issues.get(5)!;
    expect(issue.labels.map((label) => label.name).sort()).toEqual(["function: development", "project-work", "size: L", "urgency: task"]);
    // The implementer picked at intake (bob or carol) made way for the lead; the contact stays.
    const assignees = issue.assignees.map((user) => user.login);
    expect(assignees).toContain("lena");
    expect(assignees.filter((login) => login === "bob" || login === "carol")).toEqual([]);
    const bot = repo.commentsOf(5).filter((comment) => comment.user.type === "Bot");
    expect(bot).toHaveLength(2);
    expect(bot[0]!.body).toContain('"project":true');

    const before = writes(github.calls);
    expect(await sweep(githubEnv)).toBe("repos swept: 1, tickets triaged: 0, reminders: 0, escalations: 0, errors: 0\n");
    expect(writes(github.calls)).toBe(before);
  }, 30_000);

  it("GitLab: a new issue with GitLab's /estimate 2d (time_estimate 57600) becomes project work", async () => {
    const project = gitlab.addProject("acme/shop", CONFIG);
    gitlab.state.openIssue(project, { iid: 1, title: "Please update the plugin", timeEstimate: 57_600, createdAt: new Date(OPENED), author: "ann" });

    expect(await sweep(gitlabEnv)).toBe("repos swept: 1, tickets triaged: 1, reminders: 0, escalations: 0, errors: 0\n");

    const issue = project.issues.get(1)!;
    expect([...issue.labels].sort()).toEqual(["function: development", "project-work", "urgency: task"]);
    const assignees = issue.assignees.map((user) => user.username);
    expect(assignees).toContain("lena");
    expect(assignees.filter((login) => login === "bob" || login === "carol")).toEqual([]);
    const notes = gitlab.state.notesOf(project, 1);
    expect(notes).toHaveLength(2);
    expect(notes[0]!.body).toContain('"project":true');

    const before = writes(gitlab.calls);
    expect(await sweep(gitlabEnv)).toBe("repos swept: 1, tickets triaged: 0, reminders: 0, escalations: 0, errors: 0\n");
    expect(writes(gitlab.calls)).toBe(before);
  }, 30_000);
});
