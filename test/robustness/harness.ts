import { createHmac } from "node:crypto";
import { createFrontdesk } from "../../src/frontdesk.js";
import { FakeGitHub } from "../fakes/github-api.js";
import { FakeGitLab, issueHookFor, type FakeProject } from "../fakes/gitlab-api.js";
import { issuePayload } from "../helpers/github.js";
import { createAppKey } from "../helpers/spawn-server.js";

/**
 * frontdesk as createFrontdesk wires it for `npm start`, both platforms, in this
 * process, against the fake GitHub and the fake GitLab on 127.0.0.1. Without
 * its queue (`queue: false`) both handlers work on a delivery before answering it,
 * so a test sees the outcome as soon as it has the answer.
 */

export const GITHUB_SECRET = "robust-github-secret";
export const GITLAB_SECRET = "robust-gitlab-secret";
const GITLAB_TOKEN = "glpat-robust";
const INSTALLATION = 777;
export const ROSTER = ["alice", "ann", "bob", "carol", "dave", "erin", "frank", "lena"];

export interface Harness {
  url: string;
  github: FakeGitHub;
  gitlab: FakeGitLab;
  close(): Promise<void>;
}

export async function startHarness(now = () => new Date("2026-11-26T09:00:00Z")): Promise<Harness> {
  const github = new FakeGitHub();
  const gitlab = new FakeGitLab();
  for (const login of ROSTER) gitlab.state.addUser(login);
  const githubHost = await github.start();
  const gitlabUrl = await gitlab.start();
  const env = {
    APP_ID: "1",
    PRIVATE_KEY: createAppKey(),
    WEBHOOK_SECRET: GITHUB_SECRET,
    GHE_HOST: githubHost,
    GHE_PROTOCOL: "http",
    GITLAB_URL: gitlabUrl,
    GITLAB_TOKEN,
    GITLAB_WEBHOOK_SECRET: GITLAB_SECRET,
    // spec-example.yml's boards are the agency's: the operator allows them.
    FRONTDESK_PROJECT_TARGETS: "https://github.com/orgs/acme-agency",
    // No sweep in the middle of a test.
    SWEEP_INTERVAL: "off",
    LOG_LEVEL: "fatal" as const,
  };
  const frontdesk = await createFrontdesk(env, { now, queue: false });
  const port = await frontdesk.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}`,
    github,
    gitlab,
    close: async () => {
      frontdesk.server.closeAllConnections();
      await frontdesk.close();
      await Promise.all([github.stop(), gitlab.stop()]);
    },
  };
}

export function signGitHub(body: string | Buffer, secret = GITHUB_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** POSTs a raw GitHub delivery; `signature` defaults to the right one for `body`. */
export function postGitHub(base: string, body: string, headers: Record<string, string | undefined> = {}, event = "issues") {
  const all: Record<string, string> = { "content-type": "application/json", "x-github-event": event, "x-github-delivery": `d-${Math.random()}`, "x-hub-signature-256": signGitHub(body) };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete all[name];
    else all[name] = value;
  }
  return fetch(`${base}/api/github/webhooks`, { method: "POST", body, headers: all });
}

/** POSTs a raw GitLab delivery; `x-gitlab-token` defaults to the right one. */
export function postGitLab(base: string, body: string, headers: Record<string, string | undefined> = {}, event = "Issue Hook") {
  const all: Record<string, string> = { "content-type": "application/json", "x-gitlab-event": event, "x-gitlab-token": GITLAB_SECRET, "idempotency-key": `k-${Math.random()}` };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete all[name];
    else all[name] = value;
  }
  return fetch(`${base}/api/gitlab/webhooks`, { method: "POST", body, headers: all });
}

let nextNumber = 1;

/** Opens an issue in a fake GitHub repository and delivers `issues.opened` for it; resolves with the answer's status. */
export async function openOnGitHub(harness: Harness, repo: string, config: string | undefined, fields: { title: string; body?: string }) {
  const fake = harness.github.repos.has(repo.toLowerCase()) ? harness.github.repo(repo) : harness.github.addRepo(repo, INSTALLATION, config);
  const number = nextNumber++;
  const issue = fake.openIssue({ number, title: fields.title, body: fields.body, createdAt: "2026-11-26T09:00:00Z" });
  const payload = issuePayload({ number, title: fields.title, body: fields.body, createdAt: issue.created_at });
  const [owner, name] = repo.split("/");
  payload.repository = { ...payload.repository, name, full_name: repo, owner: { ...payload.repository.owner, login: owner } };
  payload.installation = { id: INSTALLATION };
  const response = await postGitHub(harness.url, JSON.stringify(payload));
  return { status: response.status, number, repo: fake, payload };
}

/** Opens an issue in a fake GitLab project and delivers its Issue Hook; resolves with the answer. */
export async function openOnGitLab(harness: Harness, path: string, config: string | undefined, fields: { title: string; description?: string }) {
  const project: FakeProject = harness.gitlab.state.project(path) ?? harness.gitlab.addProject(path, config);
  const iid = nextNumber++;
  const issue = harness.gitlab.state.openIssue(project, { iid, title: fields.title, description: fields.description });
  const response = await postGitLab(harness.url, JSON.stringify(issueHookFor(project, issue)));
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, iid, project };
}
