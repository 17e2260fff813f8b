import type { Probot } from "probot";
import type { TenancyPolicy } from "../../config/tenancy.js";
import type { SweepComment } from "../../core/plan-sweep.js";
import type { Log, OpenIssue } from "../../desk/port.js";
import { readChangedComments, readEach } from "../../desk/changed-comments.js";
import type { LoadBook } from "../../runtime/load-book.js";
import { RepoCache } from "../../runtime/repo-cache.js";
import { keptListing } from "../../desk/kept-listing.js";
import { SweepCommentsCache } from "../../desk/sweep-comments-cache.js";
import { platformSweep, type FailedListing, type SweepTarget } from "../../desk/sweep-platform.js";
import { LocalKeptState, type KeptState } from "../../runtime/kept-state.js";
import type { Lock } from "../../runtime/lock.js";
import { listInstallations, type InstalledRepository } from "./installations.js";
import { gitHubListing } from "./listing.js";
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
 * grants) and how it reads a repository; the loop is the desk's. What a
 * sweep learns is kept for the next (desk/kept-listing.ts): the listings of
 * installations and repositories and a repository's open issues are asked
 * for again conditionally, and GitHub's 304 for an unchanged one does not
 * count against the rate limit, so a sweep where nothing changed costs no
 * counted call. A repository costs the issues changed since the last sweep,
 * and the comments of the tickets among them that may need an action (one
 * listing per ticket for a few, else one listing of the repository's
 * comments since the oldest); its configuration comes from the same cache
 * the webhooks use.
 */

/** What the sweep shares with the webhooks: the same Probot (and pacing), configuration cache, issue locks and boards. */
export interface GitHubSweepDeps {
  probot: Pick<Probot, "auth">;
  cache: RepoCache;
  locks: Lock;
  /** Resolved project boards; the sweep keeps its own when none is given. */
  projects?: RepoCache;
  /** What `_extends` and board URLs may name beyond the owner's own; default: nothing more. */
  policy?: TenancyPolicy;
  /** frontdesk's own bot user; by default learned from the app (`GET /app`) once. */
  identity?: AppIdentity;
  /** People's open tickets across every installation's repositories, shared with the webhooks. */
  load?: LoadBook;
  /** What sweeps keep between runs (with REDIS_URL, every replica's); the sweep keeps its own when none is given. */
  kept?: KeptState;
}

type RepoComment = GitHubComment & { issue_url: string };

/** The GitHub sweep, for the server's runner or `frontdesk sweep`. */
export function createGitHubSweep(deps: GitHubSweepDeps): Sweep {
  const kept = deps.kept ?? new LocalKeptState();
  const withBoards = { ...deps, kept, comments: new SweepCommentsCache(undefined, kept), projects: deps.projects ?? new RepoCache(), identity: deps.identity ?? appIdentity(deps.probot) };
  return platformSweep({ platform: "github", targets: () => listRepositories(withBoards) });
}

type Deps = GitHubSweepDeps & { projects: RepoCache; identity: AppIdentity; kept: KeptState; comments: SweepCommentsCache };

/** Every repository of every installation that is not suspended, archived and disabled ones left out; one installation's failure does not stop the others. */
async function* listRepositories(deps: Deps): AsyncIterable<SweepTarget | FailedListing> {
  for await (const installation of listInstallations(deps.probot, deps.kept)) {
    if ("failed" in installation) {
      yield installation;
      continue;
    }
    const { octokit, repositories } = installation;
    for (const repository of repositories) {
      if (repository.archived || repository.disabled) continue;
      yield { name: repository.full_name, open: (now, log) => openRepository(deps, octokit, repository, now, log) };
    }
  }
}

/** One repository, as the desk's sweep asks for it: configuration from the webhooks' cache, tracker, comments, lock. */
async function openRepository(deps: Deps, octokit: GitHubOctokit, repository: InstalledRepository, now: Date, log: Log): Promise<RepoSweep | undefined> {
  const owner = repository.owner.login;
  const config = await deps.cache.get(repository.full_name, "config", () => loadGitHubConfig(octokit, owner, repository.name, { policy: deps.policy, kept: deps.kept }));
  if (config.kind === "missing") return undefined;
  if (config.kind === "invalid") log.debug({ repo: repository.full_name }, "sweep: configuration invalid, new tickets are only labelled");
  const [self, teamMembers] = await Promise.all([
    deps.identity.login(),
    config.kind === "valid" ? listAgencyTeamMembers(octokit, deps.cache, config.config, log) : undefined,
  ]);
  const boards = new ProjectBoards(octokit.graphql, deps.projects, log, repository.full_name);
  const tracker = new GitHubTracker(octokit, owner, repository.name, deps.cache, undefined, self, boards);
  const key = `github:${repository.full_name}`.toLowerCase();
  return {
    tracker,
    config,
    ...keptListing({ key, source: gitHubListing(octokit, owner, repository.name, (issue) => tracker.remember(issue)), kept: deps.kept, now: now.getTime() }),
    readComments: (tickets) => readChangedComments(deps.comments, key, tickets, (needing) =>
      needing.length <= FEW_TICKETS ? readEach(tracker, needing) : listRepoComments(octokit, owner, repository.name, needing, self),
    ),
    lock: (number, task) => deps.locks.run(`github:${repository.full_name}#${number}`.toLowerCase(), task),
    afterTriage: (issue, valid, current) => reviewAfterTriage({ tracker: current, config: valid, ticket: issue.ticket, now, log, teamMembers, load: deps.load }).then(() => undefined),
    teamMembers,
    load: deps.load,
    now,
    log,
  };
}

/** Up to this many tickets, their comments are read one listing each; more, in one listing of the repository's comments. */
const FEW_TICKETS = 2;

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
