import type { Config } from "../../config/schema.js";
import type { SweepComment } from "../../core/plan-sweep.js";
import { listRosterLogins } from "../../core/team.js";
import type { Log, OpenIssue } from "../port.js";
import { SweepCommentsCache } from "../shared/sweep-comments-cache.js";
import { isRateLimitError } from "../shared/sweep-errors.js";
import { sweepRepository } from "../shared/sweep-repo.js";
import type { Sweep } from "../shared/sweep-runner.js";
import { addSummary, createSummary, type SweepSummary } from "../shared/sweep-summary.js";
import { lockIssue, readProjectConfig, type GitLabAppDeps } from "./context.js";
import { reviewEstimate } from "./commands.js";
import { listDeveloperMembers } from "./members.js";
import type { SeenProject, SeenProjects } from "./seen-projects.js";
import { GitLabTracker, type ProjectRef } from "./tracker.js";

/**
 * The GitLab side of the sweep. GitLab has no installations, so the projects
 * are those frontdesk has had webhooks from, and GITLAB_PROJECTS. A project
 * costs one listing of its open issues; notes are read only for tickets at or
 * past their earliest reminder point (or perhaps never triaged), and not again
 * while the listing shows the issue unchanged.
 */

/** What the sweep shares with the webhooks (client and pacing, caches, issue locks), and where its projects come from. */
export interface GitLabSweepDeps {
  app: GitLabAppDeps;
  /** Projects seen in webhooks (the server); none for `frontdesk sweep`. */
  seen?: SeenProjects;
  /** GITLAB_PROJECTS: paths swept whether or not a webhook named them. */
  paths: readonly string[];
  /** Notes read in earlier sweeps; the sweep makes its own when none is given. */
  comments?: SweepCommentsCache;
}

/** The GitLab sweep, for the server's runner or `frontdesk sweep`. */
export function createGitLabSweep(deps: GitLabSweepDeps): Sweep {
  const withCache = { ...deps, comments: deps.comments ?? new SweepCommentsCache() };
  return { platform: "gitlab", run: (now, log) => sweepGitLab(withCache, now, log) };
}

type Deps = GitLabSweepDeps & { comments: SweepCommentsCache };

async function sweepGitLab(deps: Deps, now: Date, log: Log): Promise<SweepSummary> {
  const total = createSummary();
  const projects = await listProjects(deps, log, total);
  for (const project of projects) {
    if (total.rateLimited) break;
    try {
      addSummary(total, await sweepProject(deps, project, now, log));
    } catch (error) {
      if (isRateLimitError(error)) markRateLimited(total, log, project.path_with_namespace, error);
      else {
        total.errors++;
        log.error({ err: error, repo: project.path_with_namespace }, "sweep: project failed");
      }
    }
  }
  return total;
}

/** Seen projects, then GITLAB_PROJECTS' paths resolved to ids (once per cache period). */
async function listProjects(deps: Deps, log: Log, total: SweepSummary): Promise<SeenProject[]> {
  const byPath = new Map<string, SeenProject>();
  for (const project of deps.seen?.list() ?? []) byPath.set(project.path_with_namespace.toLowerCase(), project);
  const { client, cache } = deps.app;
  for (const path of deps.paths) {
    if (byPath.has(path.toLowerCase()) || total.rateLimited) continue;
    try {
      const project = await cache.get(path, "sweep-project", async (): Promise<SeenProject> => {
        const found = await client.projects.show(path);
        return { id: found.id, path_with_namespace: found.path_with_namespace, default_branch: found.default_branch ?? null };
      });
      byPath.set(path.toLowerCase(), project);
    } catch (error) {
      if (isRateLimitError(error)) markRateLimited(total, log, path, error);
      else {
        total.errors++;
        log.error({ err: error, repo: path }, "sweep: a project in GITLAB_PROJECTS cannot be read");
      }
    }
  }
  return [...byPath.values()];
}

async function sweepProject(deps: Deps, project: SeenProject, now: Date, log: Log): Promise<SweepSummary> {
  const config = await readProjectConfig(deps.app, project, log);
  if (config.kind === "missing") return createSummary();
  const { client, cache, users } = deps.app;
  const self = await users.currentUser();
  const ref: ProjectRef = { id: project.id, path: project.path_with_namespace };
  const tracker = new GitLabTracker(ref, { client, cache, users, self, log });
  const summary = await sweepRepository({
    tracker,
    config,
    readComments: (tickets) => readNotes(deps, tracker, ref, config.kind === "valid" ? config.config : undefined, tickets),
    lock: (iid, task) => lockIssue(deps.app, ref, iid, task),
    afterTriage: async (issue, valid) => {
      const request = { deps: deps.app, project: ref, self, config: valid, ticket: issue.ticket, log };
      await reviewEstimate(request, tracker.timeEstimateOf(issue.ticket.number) ?? 0);
    },
    now,
    log,
  });
  log.debug({ repo: ref.path, ...summary }, "sweep: project done");
  return summary;
}

/**
 * Notes of the tickets that need them, one listing each unless the issue is
 * unchanged since the last sweep read it. The project's members (Developer
 * or above) are read, once per cache period, only when a note's author is
 * neither in the roster nor the ticket's author.
 */
async function readNotes(
  deps: Deps,
  tracker: GitLabTracker,
  project: ProjectRef,
  config: Config | undefined,
  tickets: readonly OpenIssue[],
): Promise<Map<number, SweepComment[]>> {
  const roster = new Set(config ? listRosterLogins(config).map((login) => login.toLowerCase()) : []);
  let members: Promise<Set<string>> | undefined;
  const result = new Map<number, SweepComment[]>();
  for (const issue of tickets) {
    const cached = deps.comments.get(project.path, issue);
    if (cached) {
      result.set(issue.ticket.number, cached);
      continue;
    }
    const notes = await tracker.listComments(issue.ticket.number);
    const author = issue.ticket.author.login.toLowerCase();
    const unknown = notes.some((note) => !note.author.isBot && !roster.has(note.author.login.toLowerCase()) && note.author.login.toLowerCase() !== author);
    const known = unknown ? await (members ??= listDeveloperMembers(deps.app.client, deps.app.cache, project)) : new Set<string>();
    const comments = notes.map((note) => ({ ...note, byRepositoryMember: known.has(note.author.login.toLowerCase()) }));
    deps.comments.set(project.path, issue, comments);
    result.set(issue.ticket.number, comments);
  }
  return result;
}

function markRateLimited(total: SweepSummary, log: Log, where: string, error: unknown): void {
  total.rateLimited = true;
  log.warn({ err: error, where }, "sweep stopped by a rate limit; the next sweep carries on");
}
