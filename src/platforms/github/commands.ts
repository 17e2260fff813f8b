import type { Context } from "probot";
import type { Config } from "../../config/schema.js";
import { findCommandLines, parseCommands } from "../../core/commands.js";
import { estimateFromSizeLabel } from "../../core/estimate.js";
import { urgencyLabel } from "../../core/labels.js";
import { type Trigger } from "../../core/plan-project.js";
import { whyNotATicket } from "../../core/not-a-ticket.js";
import { authorizeCommand, isTeamMember, type AgencyTeamMembers } from "../../core/team.js";
import { sameLabel } from "../../core/text-match.js";
import type { Ticket } from "../../core/types.js";
import { reconcileProjectStep } from "../../desk/project-step.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { listAgencyTeamMembers } from "./agency-teams.js";
import type { GitHubAppDeps } from "./app.js";
import type { AppIdentity } from "./identity.js";
import { loadGitHubConfig } from "./config-loader.js";
import { toActor, toTicket, type GitHubIssue } from "./mapper.js";
import { ProjectBoards } from "./projects.js";
import { GitHubTracker } from "./tracker.js";

/**
 * Commands in comments and labels a person adds: GitHub events in, the
 * project-work reconciliation out. Ordinary comments and labels cost no API
 * call: they are recognised from the payload (and the cached configuration).
 */

/** The app's dependencies with the cache of resolved boards and frontdesk's identity, which the handlers need. */
export type CommandDeps = GitHubAppDeps & { projects: RepoCache; identity: AppIdentity };

/** `issue_comment.created`: a comment with commands, by a person, on an issue. */
export async function handleIssueComment(context: Context<"issue_comment.created">, deps: CommandDeps): Promise<void> {
  const { issue, comment, sender } = context.payload;
  if (issue.pull_request || toActor(sender).isBot || toActor(comment.user).isBot) return;
  if (findCommandLines(comment.body).length === 0) return;
  await withConfig(context, deps, issue, async (config, ticket, teamMembers) => {
    const author = toActor(comment.user).login;
    // The roster decides, never author_association: clients are often collaborators on their own repository.
    const authorization = authorizeCommand(config, author, teamMembers);
    const parsed = parseCommands(config, comment.body);
    context.log.debug({ repo: ticket.repo, issue: ticket.number, by: author, authorization }, "commands");
    const trigger: Trigger = { kind: "comment", commentId: comment.id, parsed, authorized: authorization.allowed, author };
    await reconcileProjectStep({ ...(await request(context, deps, config, ticket, issue, teamMembers)), trigger });
  });
}

/**
 * `issues.labeled` by a person: an urgency label replaces frontdesk's, a size
 * label is a new estimate. Other labels are none of frontdesk's business.
 */
export async function handleIssueLabeled(context: Context<"issues.labeled">, deps: CommandDeps): Promise<void> {
  const { issue, label, sender } = context.payload;
  if (!label || toActor(sender).isBot) return;
  // Without comments there is no acknowledgement yet: intake, which reads the
  // labels itself, is still to come (issue templates label new issues).
  if ((issue.comments ?? 0) === 0) return;
  await withConfig(context, deps, issue, async (config, ticket, teamMembers) => {
    const isUrgency = Object.keys(config.urgency.levels).some((level) => sameLabel(urgencyLabel(config, level), label.name));
    if (!isUrgency && !estimateFromSizeLabel(config, label.name)) return;
    // Who set the label decides whether it is a decision: the team's is, the client side's is not.
    const authorized = isTeamMember(config, sender.login, teamMembers);
    const trigger: Trigger = { kind: "label", label: label.name, authorized };
    await reconcileProjectStep({ ...(await request(context, deps, config, ticket, issue, teamMembers)), trigger });
  });
}

type AnyContext = Context<"issue_comment.created" | "issues.labeled" | "issues.opened" | "issues.reopened">;

/** The project step's input for an event: a tracker of the repository with its boards, the clock and the log. */
async function request(
  context: AnyContext,
  deps: CommandDeps,
  config: Config,
  ticket: Ticket,
  issue: { number: number; node_id: string },
  teamMembers: AgencyTeamMembers,
) {
  const { repository } = context.payload;
  const owner = repository.owner.login;
  const boards = new ProjectBoards(context.octokit.graphql, deps.projects, context.log, repository.full_name);
  return {
    tracker: new GitHubTracker(context.octokit, owner, repository.name, deps.cache, issue, await deps.identity.login(), boards),
    config,
    ticket,
    now: deps.now(),
    log: context.log,
    teamMembers,
  };
}

/** Runs `task` in the issue's lock with a valid configuration, for issues that are tickets. */
async function withConfig(
  context: Context<"issue_comment.created" | "issues.labeled">,
  deps: CommandDeps,
  issue: GitHubIssue & { node_id: string },
  task: (config: Config, ticket: Ticket, teamMembers: AgencyTeamMembers) => Promise<void>,
): Promise<void> {
  const { repository } = context.payload;
  const ticket = toTicket(repository.full_name, issue);
  await deps.locks.run(`github:${ticket.repo}#${ticket.number}`.toLowerCase(), async () => {
    const loaded = await deps.cache.get(ticket.repo, "config", () =>
      loadGitHubConfig(context.octokit, repository.owner.login, repository.name, { policy: deps.policy }),
    );
    // An invalid configuration is reported on its commit; commands wait until it is fixed.
    if (loaded.kind !== "valid") {
      context.log.debug({ repo: ticket.repo, issue: ticket.number, config: loaded.kind }, "no valid configuration: ignored");
      return;
    }
    const notATicket = whyNotATicket(loaded.config, ticket);
    if (notATicket) {
      context.log.debug({ repo: ticket.repo, issue: ticket.number, reason: notATicket }, "not a ticket");
      return;
    }
    await task(loaded.config, ticket, await listAgencyTeamMembers(context.octokit, deps.cache, loaded.config, context.log));
  });
}
