import type { Probot } from "probot";
import type { TenancyPolicy } from "../../config/tenancy.js";
import type { SweepComment } from "../../core/plan-sweep.js";
import type { Log, OpenIssue } from "../../desk/port.js";
import type { KeyedLock } from "../../runtime/keyed-lock.js";
import type { LoadBook } from "../../runtime/load-book.js";
import { RepoCache } from "../../runtime/repo-cache.js";
import { platformSweep, type FailedListing, type SweepTarget } from "../../desk/sweep-platform.js";
import type { RepoSweep } from "../../desk/sweep-repo.js";
import type { Sweep } from "../../desk/sweep-runner.js";
import { reviewAfterTriage } from "../../desk/project-step.js";
import { ProjectBoards } from "./projects.js";
import { loadGitHubConfig } from "./config-loader.js";
import { toComment, type GitHubComment } from "./mapper.js";
import type { GitHubOctokit } from "./octokit.js";
import { GitHubTracker } from "./tracker.js";
import { listAgencyTeamMembers } from "./agency-teams.js";
import { appIdentity, type AppIdentity } from "./identity.js";

/**
 * Where the GitHub sweep goes (every installation, every repository it
 * grants) and how it reads a repository; the loop is the desk's. A
 * repository costs one listing of its open issues and at most one listing
 * of its comments (all tickets at once, `since` the oldest that needs them);
 * its configuration comes from the same cache the webhooks use.
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
  /** People's open tickets across every installation's repositories, shared with the webhooks. */
  load?: LoadBook;
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
  return platformSweep({ platform: "github", targets: () => listRepositories(withBoards) });
}

type Deps = GitHubSweepDeps & { projects: RepoCache; identity: AppIdentity };

/** Every repository of every installation that is not suspended; one installation's failure does not stop the others. */
async function* listRepositories(deps: Deps): AsyncIterable<SweepTarget | FailedListing> {
  const app = await deps.probot.auth();
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    let octokit: GitHubOctokit;
    let repositories: RepositoryRef[];
    try {
      octokit = (await deps.probot.auth(installation.id)) as GitHubOctokit;
      repositories = (await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) as RepositoryRef[];
    } catch (error) {
      yield { failed: `installation ${installation.id}`, error };
      continue;
    }
    for (const repository of repositories) {
      if (repository.archived || repository.disabled) continue;
      yield { name: repository.full_name, open: (now, log) => openRepository(deps, octokit, repository, now, log) };
    }
  }
}

/** One repository, as the desk's sweep asks for it: configuration from the webhooks' cache, tracker, comments, lock. */
async function openRepository(deps: Deps, octokit: GitHubOctokit, repository: RepositoryRef, now: Date, log: Log): Promise<RepoSweep | undefined> {
  const owner = repository.owner.login;
  const config = await deps.cache.get(repository.full_name, "config", () => loadGitHubConfig(octokit, owner, repository.name, { policy: deps.policy }));
  if (config.kind === "missing") return undefined;
  if (config.kind === "invalid") log.debug({ repo: repository.full_name }, "sweep: configuration invalid, new tickets are only labelled");
  const [self, teamMembers] = await Promise.all([
    deps.identity.login(),
    config.kind === "valid" ? listAgencyTeamMembers(octokit, deps.cache, config.config, log) : undefined,
  ]);
  const boards = new ProjectBoards(octokit.graphql, deps.projects, log, repository.full_name);
  const tracker = new GitHubTracker(octokit, owner, repository.name, deps.cache, undefined, self, boards);
  return {
    tracker,
    config,
    readComments: (tickets) => listRepoComments(octokit, owner, repository.name, tickets, self),
    lock: (number, task) => deps.locks.run(`github:${repository.full_name}#${number}`.toLowerCase(), task),
    afterTriage: (issue, valid) => reviewAfterTriage({ tracker, config: valid, ticket: issue.ticket, now, log, teamMembers, load: deps.load }).then(() => undefined),
    teamMembers,
    load: deps.load,
    now,
    log,
  };
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
