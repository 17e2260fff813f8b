import type { Log } from "../../desk/port.js";
import type { FailedListing } from "../../desk/sweep-platform.js";
import type { ReportRepository, ReportSource, ReportTarget, ReportTicket, SkippedRepository, TimeWindow } from "../../report/source.js";
import { readProjectConfig, type GitLabAppDeps } from "./context.js";
import { listServedProjects } from "./discover.js";
import { parseGitLabTime, toTicketFromRest, type GitLabRestIssue } from "./mapper.js";
import type { ResolvedProject } from "./resolve-project.js";
import { GitLabTracker } from "./tracker.js";

/**
 * What the monthly report reads on GitLab: the projects the sweep covers
 * (GITLAB_PROJECTS, or every project the token's user is a member of), each
 * one's configuration (the webhooks' loader), the
 * issues created in the month (one listing with `created_after` and
 * `created_before`), and the notes of those that have any. GitLab has no
 * listing of a project's notes across issues, so notes cost one listing per
 * commented ticket; GitLab's limits are per minute, not per hour, and the
 * pacer keeps within them.
 */

export interface GitLabReportDeps {
  app: GitLabAppDeps;
  /** GITLAB_PROJECTS: only these project paths (`group/project`); none: every project the token's user is a member of. */
  paths: readonly string[];
}

type ListedIssue = GitLabRestIssue & { web_url?: string; closed_at?: string | null };

/** The GitLab source of `frontdesk report`. */
export function createGitLabReportSource(deps: GitLabReportDeps): ReportSource {
  return { platform: "gitlab", targets: () => listTargets(deps) };
}

/** Every project frontdesk may serve, as the sweep finds them; those without a frontdesk.yml are left out on opening. */
async function* listTargets(deps: GitLabReportDeps): AsyncIterable<ReportTarget | FailedListing> {
  for await (const project of listServedProjects(deps.app, deps.paths)) {
    yield "failed" in project ? project : { name: project.path_with_namespace, open: (log) => openProject(deps, project, log) };
  }
}

async function openProject(deps: GitLabReportDeps, project: ResolvedProject, log: Log): Promise<ReportRepository | SkippedRepository | undefined> {
  const loaded = await readProjectConfig(deps.app, project, log);
  if (loaded.kind === "missing") return undefined;
  const path = project.path_with_namespace;
  if (loaded.kind === "invalid") return { repo: path, skipped: "the configuration is invalid (frontdesk validate names the errors)" };
  const { client, cache, users } = deps.app;
  const self = await users.currentUser();
  const tracker = new GitLabTracker({ id: project.id, path }, { client, cache, users, self, log });
  const readTickets = async (window: TimeWindow): Promise<ReportTicket[]> => {
    const issues = (await client.issues.all({
      projectId: project.id,
      scope: "all",
      createdAfter: window.from.toISOString(),
      createdBefore: window.to.toISOString(),
      perPage: 100,
    })) as unknown as ListedIssue[];
    const tickets: ReportTicket[] = [];
    for (const issue of issues) {
      const ticket = toTicketFromRest(path, issue, self);
      // created_before is inclusive: the next month's first instant is not this month's.
      if (ticket.createdAt.getTime() < window.from.getTime() || ticket.createdAt.getTime() >= window.to.getTime()) continue;
      // Notes one listing each, and only where the listing counts any (the tracker drops system notes).
      const comments = (issue.user_notes_count ?? 0) > 0 ? await tracker.listComments(issue.iid) : [];
      tickets.push({
        ticket,
        comments,
        ...(issue.closed_at ? { closedAt: parseGitLabTime(issue.closed_at) } : {}),
        ...(issue.web_url ? { url: issue.web_url } : {}),
      });
    }
    return tickets.sort((a, b) => a.ticket.number - b.ticket.number);
  };
  return { platform: "gitlab", repo: path, config: loaded.config, readTickets };
}
