import type { Log, OpenIssue } from "../../desk/port.js";
import { readChangedComments, readEach } from "../../desk/changed-comments.js";
import { keptListing, type ListingSource } from "../../desk/kept-listing.js";
import { SweepCommentsCache } from "../../desk/sweep-comments-cache.js";
import { LocalKeptState, type KeptState } from "../../runtime/kept-state.js";
import { platformSweep, type FailedListing, type SweepTarget } from "../../desk/sweep-platform.js";
import type { RepoSweep } from "../../desk/sweep-repo.js";
import type { Sweep } from "../../desk/sweep-runner.js";
import { lockIssue, readProjectConfig, type GitLabAppDeps } from "./context.js";
import { reviewAfterTriage } from "../../desk/project-step.js";
import { estimateFromSeconds } from "./estimate.js";
import { listServedProjects } from "./discover.js";
import { ProjectOutOfScopeError, resolveProject, type ResolvedProject } from "./resolve-project.js";
import type { SeenProjects } from "./seen-projects.js";
import { GitLabTracker, type ProjectRef } from "./tracker.js";

/**
 * Where the GitLab sweep goes and how it reads a project; the loop is the
 * desk's. GitLab has no installations, so the projects are those frontdesk
 * has had webhooks from, and every project the token's user is a member of
 * (or, when GITLAB_PROJECTS is set, those alone). A project
 * costs one listing of its open issues the first time, then one listing of
 * the issues changed since (`updated_after`; every GitLab call counts, so this
 * is the least there is); notes are read only for tickets at or past their
 * earliest reminder point (or perhaps never triaged), and not again while
 * the listing shows the issue unchanged.
 */

/** What the sweep shares with the webhooks (client and pacing, caches, issue locks), and where its projects come from. */
export interface GitLabSweepDeps {
  app: GitLabAppDeps;
  /** Projects seen in webhooks (the server); none for `frontdesk sweep`. */
  seen?: SeenProjects;
  /**
   * GITLAB_PROJECTS: the projects to sweep (with those webhooks came from).
   * Empty: every project the token's user is a member of (discovery).
   */
  paths: readonly string[];
  /** Notes read in earlier sweeps; the sweep makes its own when none is given. */
  comments?: SweepCommentsCache;
  /** What sweeps keep between runs (with REDIS_URL, every replica's); the sweep keeps its own when none is given. */
  kept?: KeptState;
}

/** The GitLab sweep, for the server's runner or `frontdesk sweep`. */
export function createGitLabSweep(deps: GitLabSweepDeps): Sweep {
  const kept = deps.kept ?? new LocalKeptState();
  const withCache = { ...deps, kept, comments: deps.comments ?? new SweepCommentsCache(undefined, kept) };
  return platformSweep({ platform: "gitlab", targets: (log) => listProjects(withCache, log) });
}

type Deps = GitLabSweepDeps & { comments: SweepCommentsCache; kept: KeptState };

/**
 * Seen projects resolved by id, then GITLAB_PROJECTS' paths resolved to ids
 * (each once per cache period, shared with the webhooks): a webhook's path is
 * a claim, the API's is swept. Each project once.
 */
async function* listProjects(deps: Deps, log: Log): AsyncIterable<SweepTarget | FailedListing> {
  const swept = new Set<string>();
  const target = (project: ResolvedProject): SweepTarget => {
    swept.add(project.path_with_namespace.toLowerCase());
    return { name: project.path_with_namespace, open: (now, runLog) => openProject(deps, project, now, runLog) };
  };
  for (const seen of deps.seen?.list() ?? []) {
    try {
      const project = await resolveProject({ ...deps.app, scope: seen.scope }, seen, log);
      if (swept.has(project.path_with_namespace.toLowerCase())) continue;
      yield target(project);
    } catch (error) {
      if (error instanceof ProjectOutOfScopeError) log.warn({ projectId: seen.id, scope: error.scope }, "sweep: a webhook named a project outside its secret's scope: skipped");
      else yield { failed: `project ${seen.id}`, error };
    }
  }
  // Then every project frontdesk may serve (GITLAB_PROJECTS, or the token user's), each once.
  for await (const project of listServedProjects(deps.app, deps.paths)) {
    if ("failed" in project) yield project;
    else if (!swept.has(project.path_with_namespace.toLowerCase())) yield target(project);
  }
}

/** One project, as the desk's sweep asks for it: configuration, tracker, notes, lock, and GitLab's own estimate after triage. */
async function openProject(deps: Deps, project: ResolvedProject, now: Date, log: Log): Promise<RepoSweep | undefined> {
  const config = await readProjectConfig(deps.app, project, log);
  if (config.kind === "missing") return undefined;
  const { client, cache, users } = deps.app;
  const self = await users.currentUser();
  const ref: ProjectRef = { id: project.id, path: project.path_with_namespace };
  const tracker = new GitLabTracker(ref, { client, cache, users, self, log });
  return {
    tracker,
    config,
    ...keptListing({ key: `gitlab:${ref.path}`.toLowerCase(), source: gitLabListing(tracker), kept: deps.kept, now: now.getTime() }),
    // Notes one listing each. Who answered is decided from the roster alone: a project member's access level makes nobody the team.
    readComments: (tickets) => readChangedComments(deps.comments, ref.path, tickets, (missing) => readEach(tracker, missing)),
    lock: (iid, task) => lockIssue(deps.app, ref, iid, task),
    load: deps.app.load,
    afterTriage: async (issue, valid, current) => {
      // An issue kept from an earlier sweep was not listed now: its estimate is read with it.
      if (tracker.timeEstimateOf(issue.ticket.number) === undefined) await tracker.readIssue(issue.ticket.number);
      const seconds = tracker.timeEstimateOf(issue.ticket.number) ?? 0;
      await reviewAfterTriage({ tracker: current, config: valid, ticket: issue.ticket, now, log, load: deps.app.load }, seconds > 0 ? estimateFromSeconds(valid, seconds) : undefined);
    },
    now,
    log,
  };
}

/** A project's issues as the sweep lists them on GitLab: all open ones once, then those changed since. */
function gitLabListing(tracker: GitLabTracker): ListingSource {
  const latest = (issues: readonly OpenIssue[], since?: string) =>
    issues.reduce<string | undefined>((best, issue) => (issue.updatedAt && (!best || issue.updatedAt.getTime() > Date.parse(best)) ? issue.updatedAt.toISOString() : best), since);
  return {
    async listOpen() {
      const issues = await tracker.listOpenIssues();
      const since = latest(issues);
      return { issues, cursor: since ? { since } : {} };
    },
    async listChanged(cursor) {
      if (typeof cursor.since !== "string") return undefined;
      // GitLab's updated_after includes its time: the latest issue comes again, and is merged again.
      const issues = await tracker.listChangedSince(cursor.since);
      return { issues, cursor: { since: latest(issues, cursor.since) } };
    },
  };
}
