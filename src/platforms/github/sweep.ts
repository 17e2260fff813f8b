import type { Probot } from "probot";
import type { TenancyPolicy } from "../../config/tenancy.js";
import type { SweepComment } from "../../core/plan-sweep.js";
import type { Log, OpenIssue } from "../../desk/port.js";
import type { KeyedLock } from "../../runtime/keyed-lock.js";
import { RepoCache } from "../../runtime/repo-cache.js";
import { isRateLimitError } from "../../desk/sweep-errors.js";
import { sweepRepository } from "../../desk/sweep-repo.js";
import type { Sweep } from "../../desk/sweep-runner.js";
import { addSummary, createSummary, type SweepSummary } from "../../desk/sweep-summary.js";
import { reviewAfterTriage } from "../../desk/project-step.js";
import { ProjectBoards } from "./projects.js";
import { loadGitHubConfig } from "./config-loader.js";
import { toComment, type GitHubComment } from "./mapper.js";
import type { GitHubOctokit } from "./octokit.js";
import { GitHubTracker } from "./tracker.js";
import { listAgencyTeamMembers } from "./agency-teams.js";
import { appIdentity, type AppIdentity } from "./identity.js";

/**
 * The GitHub side of the sweep: every installation, every repository it
 * grants, every open ticket there. A repository costs one listing of its
 * open issues and at most one listing of its comments (all tickets at once,
 * `since` the oldest that needs them); its configuration comes from the same
 * cache the webhooks use.
 */

/** What the sweep shares with the webhooks: the same Probot (and pacing), configuration cache, issue locks and boards. */
export interface GitHubSweepDeps {
  probot: Pick<Probot, "auth">;
  cache: RepoCache;
  locks: KeyedLock;
  /** Resolved project boards; the sweep keeps its own when none is given. */
  projects?: RepoCache;
  /** What `_extends` and board URLs may name beyond the owner's own; default: nothing more. */
  policy?: TenancyPolicy;
  /** frontdesk's own bot user; by default learned from the app (`GET /app`) once. */
  identity?: AppIdentity;
}

interface RepositoryRef {
  name: string;
  full_name: string;
  owner: { login: string };
  archived?: boolean;
  disabled?: boolean;
}

type RepoComment = GitHubComment & { issue_url: string };

/** The GitHub sweep, for the server's runner or `frontdesk sweep`. */
export function createGitHubSweep(deps: GitHubSweepDeps): Sweep {
  const withBoards = { ...deps, projects: deps.projects ?? new RepoCache(), identity: deps.identity ?? appIdentity(deps.probot) };
  return { platform: "github", run: (now, log) => sweepGitHub(withBoards, now, log) };
}

type Deps = GitHubSweepDeps & { projects: RepoCache; identity: AppIdentity };

async function sweepGitHub(deps: Deps, now: Date, log: Log): Promise<SweepSummary> {
  const total = createSummary();
  const app = await deps.probot.auth();
  const installations = await stopOnRateLimit(total, log, "installations", () =>
    app.paginate(app.rest.apps.listInstallations, { per_page: 100 }),
  );
  for (const installation of installations ?? []) {
    if (total.rateLimited) break;
    if (installation.suspended_at) continue;
    try {
      await sweepInstallation(deps, installation.id, now, log, total);
    } catch (error) {
      if (isRateLimitError(error)) return rateLimited(total, log, `installation ${installation.id}`, error);
      total.errors++;
      log.error({ err: error, installation: installation.id }, "sweep: installation failed");
    }
  }
  return total;
}

async function sweepInstallation(deps: Deps, id: number, now: Date, log: Log, total: SweepSummary): Promise<void> {
  const octokit = (await deps.probot.auth(id)) as GitHubOctokit;
  const repositories = (await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) as RepositoryRef[];
  for (const repository of repositories) {
    if (repository.archived || repository.disabled) continue;
    try {
      addSummary(total, await sweepGitHubRepository(deps, octokit, repository, now, log));
    } catch (error) {
      if (isRateLimitError(error)) {
        rateLimited(total, log, repository.full_name, error);
        return;
      }
      total.errors++;
      log.error({ err: error, repo: repository.full_name }, "sweep: repository failed");
    }
  }
}

async function sweepGitHubRepository(
  deps: Deps,
  octokit: GitHubOctokit,
  repository: RepositoryRef,
  now: Date,
  log: Log,
): Promise<SweepSummary> {
  const owner = repository.owner.login;
  const config = await deps.cache.get(repository.full_name, "config", () => loadGitHubConfig(octokit, owner, repository.name, { policy: deps.policy }));
  if (config.kind === "missing") return createSummary();
  if (config.kind === "invalid") log.debug({ repo: repository.full_name }, "sweep: configuration invalid, new tickets are only labelled");
  const [self, teamMembers] = await Promise.all([
    deps.identity.login(),
    config.kind === "valid" ? listAgencyTeamMembers(octokit, deps.cache, config.config, log) : undefined,
  ]);
  const boards = new ProjectBoards(octokit.graphql, deps.projects, log, repository.full_name);
  const tracker = new GitHubTracker(octokit, owner, repository.name, deps.cache, undefined, self, boards);
  const summary = await sweepRepository({
    tracker,
    config,
    readComments: (tickets) => listRepoComments(octokit, owner, repository.name, tickets, self),
    lock: (number, task) => deps.locks.run(`github:${repository.full_name}#${number}`.toLowerCase(), task),
    afterTriage: (issue, valid) => reviewAfterTriage({ tracker, config: valid, ticket: issue.ticket, now, log, teamMembers }).then(() => undefined),
    teamMembers,
    now,
    log,
  });
  log.debug({ repo: repository.full_name, ...summary }, "sweep: repository done");
  return summary;
}

/**
 * The comments of several tickets in one listing of the repository's
 * comments since the oldest of them was opened, instead of one call each.
 */
export async function listRepoComments(
  octokit: GitHubOctokit,
  owner: string,
  repo: string,
  tickets: readonly OpenIssue[],
  /** frontdesk's own bot login: only its comments carry records frontdesk trusts. */
  self: string,
): Promise<Map<number, SweepComment[]>> {
  const byNumber = new Map<number, SweepComment[]>(tickets.map((issue) => [issue.ticket.number, []]));
  if (tickets.length === 0) return byNumber;
  const since = new Date(Math.min(...tickets.map((issue) => issue.ticket.createdAt.getTime()))).toISOString();
  const comments = (await octokit.paginate(octokit.rest.issues.listCommentsForRepo, { owner, repo, since, per_page: 100 })) as RepoComment[];
  for (const comment of comments) {
    const number = Number(/\/issues\/(\d+)$/u.exec(comment.issue_url)?.[1]);
    byNumber.get(number)?.push(toComment(comment, self));
  }
  for (const list of byNumber.values()) list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return byNumber;
}

/** Runs a listing; a rate limit marks the sweep as stopped and yields undefined. */
async function stopOnRateLimit<T>(total: SweepSummary, log: Log, what: string, task: () => Promise<T>): Promise<T | undefined> {
  try {
    return await task();
  } catch (error) {
    if (!isRateLimitError(error)) throw error;
    rateLimited(total, log, what, error);
    return undefined;
  }
}

function rateLimited(total: SweepSummary, log: Log, where: string, error: unknown): SweepSummary {
  total.rateLimited = true;
  log.warn({ err: error, where }, "sweep stopped by a rate limit; the next sweep carries on");
  return total;
}
