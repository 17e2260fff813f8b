import { generateKeyPairSync } from "node:crypto";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { TenancyPolicy } from "../../src/config/tenancy.js";
import { createGitHubApp } from "../../src/platforms/github/app.js";
import { fixedIdentity } from "../../src/platforms/github/identity.js";
import { KeyedLock } from "../../src/runtime/keyed-lock.js";
import { RepoCache } from "../../src/runtime/repo-cache.js";

export { readFixture } from "./fixtures.js";

export const API = "https://api.github.com";
export const OWNER = "acme";
export const REPO = "site";
export const INSTALLATION = 4242;

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export const WEBHOOK_SECRET = "test-secret";

/** The app's bot user in these tests: the author of frontdesk's own comments. */
export const APP_LOGIN = "frontdesk[bot]";

/** A Probot for tests: retries and throttling off, logs silent unless TEST_LOG_LEVEL is set. */
export function createBareProbot(log = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" })): Probot {
  return new Probot({
    appId: 1,
    privateKey,
    secret: WEBHOOK_SECRET,
    log,
    // A function, not an object: Probot merges its own throttle options over
    // object defaults, and its write lane would pace every test at 1 s a write.
    Octokit: ProbotOctokit.defaults((options: Record<string, any>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...options.throttle, enabled: false },
    })),
  });
}

/** What the operator of the tests allows: the agency's boards that spec-example.yml names. */
export const AGENCY_POLICY: TenancyPolicy = { sharedConfig: [], projectTargets: ["https://github.com/orgs/acme-agency"] };

/** A Probot with frontdesk loaded and the clock fixed. */
export function createTestProbot(now: Date, cache = new RepoCache(), log?: pino.Logger, policy = AGENCY_POLICY) {
  const probot = createBareProbot(log);
  const deps = { cache, locks: new KeyedLock(), now: () => now, projects: new RepoCache(), policy, identity: fixedIdentity(APP_LOGIN) };
  void probot.load(createGitHubApp(deps));
  return { probot, deps };
}

/** A logger that keeps every line, to assert what the team would read in the log. */
export function createLogCapture() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

type Example = { name: string; examples: Record<string, unknown>[] };

function example(event: string, action?: string): Record<string, any> {
  const found = (examples as unknown as Example[])
    .find((entry) => entry.name === event)
    ?.examples.find((payload) => action === undefined || payload.action === action);
  if (!found) throw new Error(`no example for ${event}.${action}`);
  return structuredClone(found) as Record<string, any>;
}

function repository(base: Record<string, any>) {
  return {
    ...base,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    owner: { ...base.owner, login: OWNER },
    default_branch: "main",
  };
}

export interface IssueOptions {
  number?: number;
  title: string;
  body?: string;
  author?: string;
  authorType?: "User" | "Bot";
  labels?: string[];
  assignees?: string[];
  createdAt?: string;
  comments?: number;
  action?: "opened" | "reopened";
}

/** An issues.opened (or reopened) payload shaped like GitHub's own examples. */
export function issuePayload(options: IssueOptions): Record<string, any> {
  const payload = example("issues", options.action ?? "opened");
  const author = { ...payload.issue.user, login: options.author ?? "client-joe", type: options.authorType ?? "User" };
  payload.issue = {
    ...payload.issue,
    number: options.number ?? 7,
    title: options.title,
    body: options.body ?? null,
    user: author,
    labels: (options.labels ?? []).map((name, id) => ({ id, name, color: "ededed", default: false })),
    assignees: (options.assignees ?? []).map((login) => ({ ...author, login, type: "User" })),
    assignee: null,
    state: "open",
    comments: options.comments ?? 0,
    created_at: options.createdAt ?? "2026-11-26T09:00:00Z",
  };
  payload.issue.node_id = `I_${options.number ?? 7}`;
  delete payload.issue.pull_request;
  payload.sender = author;
  payload.repository = repository(payload.repository);
  payload.installation = { id: INSTALLATION, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return payload;
}

/** A push payload to the default branch that touched the given files. */
export function pushPayload(files: { added?: string[]; modified?: string[]; removed?: string[] }, ref = "refs/heads/main") {
  const payload = example("push");
  payload.ref = ref;
  payload.repository = repository(payload.repository);
  payload.installation = { id: INSTALLATION };
  payload.commits = [{ ...(payload.commits?.[0] ?? {}), added: [], modified: [], removed: [], ...files }];
  return payload;
}

/** A pull_request payload (opened, synchronize or reopened) for the test repository, its head in the same repository. */
export function pullRequestPayload(action: "opened" | "synchronize" | "reopened", number: number, headSha: string) {
  const payload = example("pull_request", "opened");
  payload.action = action;
  payload.number = number;
  payload.repository = repository(payload.repository);
  payload.pull_request = { ...payload.pull_request, number, head: { ...payload.pull_request.head, sha: headSha, repo: payload.repository } };
  payload.installation = { id: INSTALLATION };
  return payload;
}

export interface CommentOptions {
  issue: IssueOptions;
  id?: number;
  body: string;
  author?: string;
  authorType?: "User" | "Bot";
  /** How GitHub relates the commenter to the repository: OWNER, MEMBER, COLLABORATOR, NONE, ... */
  association?: string;
}

/** An issue_comment.created payload shaped like GitHub's own examples; the issue as `issuePayload` builds it. */
export function commentPayload(options: CommentOptions): Record<string, any> {
  const payload = example("issue_comment", "created");
  const { issue, repository: repo, installation } = issuePayload(options.issue);
  const user = { ...payload.comment.user, login: options.author ?? "alice", type: options.authorType ?? "User" };
  payload.issue = issue;
  payload.comment = {
    ...payload.comment,
    id: options.id ?? 201,
    body: options.body,
    user,
    author_association: options.association ?? "MEMBER",
    created_at: "2026-11-26T13:00:00Z",
  };
  payload.sender = user;
  payload.repository = repo;
  payload.installation = installation;
  return payload;
}

/** An issues.labeled payload: `sender` added `label` to the issue (which carries it already, as on GitHub). */
export function labeledPayload(issue: IssueOptions, label: string, sender = "alice", senderType: "User" | "Bot" = "User") {
  const payload = example("issues", "labeled");
  const base = issuePayload({ ...issue, labels: [...new Set([...(issue.labels ?? []), label])] });
  payload.issue = base.issue;
  payload.label = { ...payload.label, name: label };
  payload.sender = { ...payload.sender, login: sender, type: senderType };
  payload.repository = base.repository;
  payload.installation = base.installation;
  return payload;
}

/** The issue as GitHub's REST API lists it. */
export function restIssue(options: IssueOptions) {
  return {
    number: options.number ?? 7,
    node_id: `I_${options.number ?? 7}`,
    title: options.title,
    body: options.body ?? null,
    user: { login: options.author ?? "client-joe", type: options.authorType ?? "User" },
    labels: (options.labels ?? []).map((name) => ({ name })),
    assignees: (options.assignees ?? []).map((login) => ({ login, type: "User" })),
    state: "open",
    comments: options.comments ?? 0,
    created_at: options.createdAt ?? "2026-11-26T09:00:00Z",
  };
}
