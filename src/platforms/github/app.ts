import type { LoadBook } from "../../runtime/load-book.js";
import type { ApplicationFunction, Context } from "probot";
import type { TenancyPolicy } from "../../config/tenancy.js";
import type { Broadcast } from "../../runtime/broadcast.js";
import type { KeptState } from "../../runtime/kept-state.js";
import type { Lock } from "../../runtime/lock.js";
import { RepoCache } from "../../runtime/repo-cache.js";
import { handleOpened } from "../../desk/triage.js";
import { checkConfigCommit, touchesConfig } from "./config-check.js";
import { handleIssueComment, handleIssueLabeled, openRepository, type CommandDeps } from "./commands.js";
import { CONFIG_PATH } from "./config-loader.js";
import { toActor, toTicket } from "./mapper.js";
import { appIdentity, type AppIdentity } from "./identity.js";

export interface GitHubAppDeps {
  cache: RepoCache;
  locks: Lock;
  now: () => Date;
  /** Resolved Projects v2 boards by URL; the app makes its own when none is given. */
  projects?: RepoCache;
  /** What `_extends` and board URLs may name beyond the owner's own; default: nothing more. */
  policy?: TenancyPolicy;
  /** frontdesk's own bot user; by default learned from the app (`GET /app`) once. */
  identity?: AppIdentity;
  /** People's open tickets across every installation's repositories, shared with the sweep. */
  load?: LoadBook;
  /** Configuration files' ETags and texts, so that reading one again after the cache expired costs a 304. */
  kept?: KeptState;
  /** With REDIS_URL: a push one replica receives clears the configuration on every replica. */
  broadcast?: Broadcast;
}

/** What a push cleared: one repository's configuration, or every repository's of an owner. */
type ConfigChange = { repo: string } | { owner: string };

function clearConfig(cache: RepoCache, change: ConfigChange): void {
  if ("owner" in change) cache.clearOwner(change.owner);
  else cache.clear(change.repo);
}

/** The Probot app: GitHub events in, reconciliations out. */
export function createGitHubApp(appDeps: GitHubAppDeps): ApplicationFunction {
  appDeps.broadcast?.subscribe("github:config", (message) => {
    if (typeof message.owner === "string") clearConfig(appDeps.cache, { owner: message.owner });
    else if (typeof message.repo === "string") clearConfig(appDeps.cache, { repo: message.repo });
  });
  return (app) => {
    const deps: CommandDeps = { ...appDeps, projects: appDeps.projects ?? new RepoCache(), identity: appDeps.identity ?? appIdentity(app) };
    app.on(["issues.opened", "issues.reopened"], (context) => handleIssue(context, deps));
    app.on("issue_comment.created", (context) => handleIssueComment(context, deps));
    app.on("issues.labeled", (context) => handleIssueLabeled(context, deps));
    app.on("push", async (context) => handlePush(context, deps));
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], (context) =>
      handlePullRequest(context, deps),
    );
  };
}

/** `issues.opened` and `issues.reopened`: the desk triages; GitHub tells who opened it (the sender). */
async function handleIssue(context: Context<"issues.opened" | "issues.reopened">, deps: CommandDeps): Promise<void> {
  const { repository, issue, sender } = context.payload;
  const ticket = toTicket(repository.full_name, issue);
  const event = { ticket, by: async () => toActor(sender), reopened: context.payload.action === "reopened", commentCount: issue.comments };
  const outcome = await handleOpened(event, async () => openRepository(context, deps, issue));
  context.log.debug({ repo: ticket.repo, issue: ticket.number, outcome }, "issue handled");
}

/**
 * A push to the default branch that touches a frontdesk.yml clears the cached
 * configuration: of this repository, or of every repository of the owner when
 * the file is one others inherit from (the owner's `.github` repository or an
 * `_extends` source); on every replica, when there are several.
 */
async function handlePush(context: Context<"push">, deps: GitHubAppDeps): Promise<void> {
  const { repository, ref, commits, after, deleted } = context.payload;
  if (ref !== `refs/heads/${repository.default_branch}` || deleted) return;
  const touched = commits.flatMap((commit) => [
    ...(commit.added ?? []),
    ...(commit.modified ?? []),
    ...(commit.removed ?? []),
  ]);
  const configFiles = touched.filter((path) => /(^|\/)frontdesk\.ya?ml$/u.test(path));
  if (configFiles.length === 0) return;
  const owner = repository.owner?.login ?? repository.full_name.split("/")[0] ?? "";
  const change: ConfigChange = repository.name === ".github" || configFiles.some((path) => path !== CONFIG_PATH) ? { owner } : { repo: repository.full_name };
  clearConfig(deps.cache, change);
  deps.broadcast?.publish("github:config", change);
  context.log.info({ repo: repository.full_name, files: configFiles }, "configuration changed: cache cleared");
  const changed = commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? [])]);
  if (touchesConfig(changed)) {
    await checkConfigCommit(context.octokit, { owner, repo: repository.name, sha: after }, context.log, deps.policy);
  }
}

/**
 * A pull request that changes the configuration gets the same check on its
 * head commit. Not one from a fork: its author is outside the repository,
 * and the check would read the agency's shared files for them.
 */
async function handlePullRequest(
  context: Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">,
  deps: GitHubAppDeps,
): Promise<void> {
  const { repository, pull_request: pull } = context.payload;
  if (pull.head.repo?.full_name !== repository.full_name) return;
  const files = await context.octokit.paginate(context.octokit.rest.pulls.listFiles, {
    owner: repository.owner.login,
    repo: repository.name,
    pull_number: pull.number,
    per_page: 100,
  });
  const changed = files.filter((file) => file.status !== "removed").map((file) => file.filename);
  if (!touchesConfig(changed)) return;
  await checkConfigCommit(context.octokit, { owner: repository.owner.login, repo: repository.name, sha: pull.head.sha }, context.log, deps.policy);
}
