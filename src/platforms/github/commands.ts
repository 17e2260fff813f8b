import type { Context } from "probot";
import { handleChange, handleComment, type RepositoryPort } from "../../desk/events.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { listAgencyTeamMembers } from "./agency-teams.js";
import type { GitHubAppDeps } from "./app.js";
import type { AppIdentity } from "./identity.js";
import { loadGitHubConfig } from "./config-loader.js";
import { toActor, toTicket } from "./mapper.js";
import { ProjectBoards } from "./projects.js";
import { GitHubTracker } from "./tracker.js";

/**
 * Comments and labels a person adds: GitHub events mapped to the desk's
 * events, and the repository opened for the desk. Nothing here decides what
 * happens to a ticket; an ordinary comment costs no API call.
 */

/** The app's dependencies with the cache of resolved boards and frontdesk's identity, which the handlers need. */
export type CommandDeps = GitHubAppDeps & { projects: RepoCache; identity: AppIdentity };

/** `issue_comment.created`. */
export async function handleIssueComment(context: Context<"issue_comment.created">, deps: CommandDeps): Promise<void> {
  const { issue, comment, repository } = context.payload;
  const ticket = toTicket(repository.full_name, issue);
  const event = { ticket, comment: { id: comment.id, body: comment.body, internal: false }, author: async () => toActor(comment.user) };
  const outcome = await handleComment(event, async () => openRepository(context, deps, issue));
  context.log.debug({ repo: ticket.repo, issue: ticket.number, outcome }, "comment handled");
}

/** `issues.labeled`: GitHub tells who added the label (the sender). */
export async function handleIssueLabeled(context: Context<"issues.labeled">, deps: CommandDeps): Promise<void> {
  const { issue, label, sender, repository } = context.payload;
  if (!label) return;
  const ticket = toTicket(repository.full_name, issue);
  const event = { ticket, by: async () => toActor(sender), addedLabels: [label.name], commentCount: issue.comments ?? 0 };
  const outcome = await handleChange(event, async () => openRepository(context, deps, issue));
  context.log.debug({ repo: ticket.repo, issue: ticket.number, outcome }, "label handled");
}

/** The repository of an event, as the desk asks for it: configuration, agency teams, tracker with boards, lock. */
export function openRepository(
  context: Context<"issue_comment.created" | "issues.labeled" | "issues.opened" | "issues.reopened">,
  deps: CommandDeps,
  issue: { number: number; node_id: string },
): RepositoryPort {
  const { repository } = context.payload;
  const [owner, name, repo] = [repository.owner.login, repository.name, repository.full_name];
  return {
    repo,
    loadConfig: () => deps.cache.get(repo, "config", () => loadGitHubConfig(context.octokit, owner, name, { policy: deps.policy, kept: deps.kept })),
    teamMembers: (config) => listAgencyTeamMembers(context.octokit, deps.cache, config, context.log),
    tracker: async () => {
      const boards = new ProjectBoards(context.octokit.graphql, deps.projects, context.log, repo);
      return new GitHubTracker(context.octokit, owner, name, deps.cache, issue, await deps.identity.login(), boards);
    },
    lock: (number, task) => deps.locks.run(`github:${repo}#${number}`.toLowerCase(), task),
    now: deps.now,
    log: context.log,
    load: deps.load,
  };
}
