import type { Probot } from "probot";
import type { TenancyPolicy } from "../../config/tenancy.js";
import type { Log } from "../../desk/port.js";
import type { FailedListing } from "../../desk/sweep-platform.js";
import { LocalKeptState } from "../../runtime/kept-state.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import type { ReportRepository, ReportSource, ReportTarget, ReportTicket, SkippedRepository, TimeWindow } from "../../report/source.js";
import { listAgencyTeamMembers } from "./agency-teams.js";
import { loadGitHubConfig } from "./config-loader.js";
import { appIdentity, type AppIdentity } from "./identity.js";
import { listInstallations, type InstalledRepository } from "./installations.js";
import { toTicket, type GitHubIssue } from "./mapper.js";
import type { GitHubOctokit } from "./octokit.js";
import { listRepoComments } from "./sweep.js";

/**
 * What the monthly report reads on GitHub: every repository of every
 * installation, its configuration (from the same loader and cache as the
 * webhooks), the issues created in the month, and their comments. A
 * repository costs one configuration read, one listing of its issues
 * (`since` the month's start, newest first, stopping at the first issue
 * older than the month) and one listing of the repository's comments since
 * the oldest commented ticket: never a call per ticket.
 */

export interface GitHubReportDeps {
  probot: Pick<Probot, "auth">;
  cache: RepoCache;
  policy?: TenancyPolicy;
  /** frontdesk's own bot user; by default learned from the app (`GET /app`) once. */
  identity?: AppIdentity;
}

type ListedIssue = GitHubIssue & { html_url?: string; closed_at?: string | null };

/** The GitHub source of `frontdesk report`. */
export function createGitHubReportSource(deps: GitHubReportDeps): ReportSource {
  const withIdentity = { ...deps, identity: deps.identity ?? appIdentity(deps.probot) };
  return { platform: "github", targets: () => listTargets(withIdentity) };
}

type Deps = GitHubReportDeps & { identity: AppIdentity };

/** Every repository of every installation that is not suspended; archived ones too, their month still counts. */
async function* listTargets(deps: Deps): AsyncIterable<ReportTarget | FailedListing> {
  // A report is one run: nothing is kept for a next one.
  for await (const installation of listInstallations(deps.probot, new LocalKeptState())) {
    if ("failed" in installation) {
      yield installation;
      continue;
    }
    const { octokit, repositories } = installation;
    for (const repository of repositories) {
      if (repository.disabled) continue;
      yield { name: repository.full_name, open: (log) => openRepository(deps, octokit, repository, log) };
    }
  }
}

async function openRepository(deps: Deps, octokit: GitHubOctokit, repository: InstalledRepository, log: Log): Promise<ReportRepository | SkippedRepository | undefined> {
  const owner = repository.owner.login;
  const loaded = await deps.cache.get(repository.full_name, "config", () => loadGitHubConfig(octokit, owner, repository.name, { policy: deps.policy }));
  if (loaded.kind === "missing") return undefined;
  if (loaded.kind === "invalid") return { repo: repository.full_name, skipped: "the configuration is invalid (frontdesk validate names the errors)" };
  const { config } = loaded;
  const [self, teamMembers] = await Promise.all([deps.identity.login(), listAgencyTeamMembers(octokit, deps.cache, config, log)]);
  return {
    platform: "github",
    repo: repository.full_name,
    config,
    teamMembers,
    readTickets: (window) => readTickets(octokit, owner, repository, window, self),
  };
}

async function readTickets(octokit: GitHubOctokit, owner: string, repository: InstalledRepository, window: TimeWindow, self: string): Promise<ReportTicket[]> {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const listed: ListedIssue[] = [];
  // `since` is about updates, so older issues that changed come too; newest first, the listing stops at the month's start.
  await octokit.paginate(
    octokit.rest.issues.listForRepo,
    { owner, repo: repository.name, state: "all", since: window.from.toISOString(), sort: "created", direction: "desc", per_page: 100 },
    (response, done) => {
      for (const issue of response.data as ListedIssue[]) {
        const created = Date.parse(issue.created_at);
        if (created < from) {
          done();
          break;
        }
        if (created < to && !issue.pull_request) listed.push(issue);
      }
      return [];
    },
  );
  const tickets = listed.map((issue) => ({ issue, ticket: toTicket(repository.full_name, issue) }));
  const commented = tickets.filter(({ issue }) => (issue.comments ?? 0) > 0).map(({ ticket, issue }) => ({ ticket, commentCount: issue.comments ?? 0 }));
  const comments = await listRepoComments(octokit, owner, repository.name, commented, self);
  return tickets
    .map(({ issue, ticket }) => ({
      ticket,
      comments: comments.get(ticket.number) ?? [],
      ...(issue.closed_at ? { closedAt: new Date(issue.closed_at) } : {}),
      ...(issue.html_url ? { url: issue.html_url } : {}),
    }))
    .sort((a, b) => a.ticket.number - b.ticket.number);
}
