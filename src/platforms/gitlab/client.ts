import { Commits, IssueNotes, Issues, ProjectLabels, ProjectMembers, Projects, RepositoryFiles, Users } from "@gitbeaker/rest";
import type { Log } from "../../desk/port.js";
import { createGitLabPacers, createPacedRequesterFn, gitLabLane, type GitLabPacers, type PacedRequesterOptions } from "./pacing.js";

/**
 * The gitbeaker resources frontdesk uses, and nothing else: building the
 * whole `Gitlab` bundle would construct some 200 resources per process.
 * Handlers take this as a parameter, so tests pass one aimed at nock.
 */
export interface GitLabClient {
  commits: Commits;
  issues: Issues;
  issueNotes: IssueNotes;
  labels: ProjectLabels;
  members: ProjectMembers;
  files: RepositoryFiles;
  projects: Projects;
  users: Users;
}

/** Where and as whom the client calls, and how long one call may take. */
export interface GitLabClientOptions {
  /** The instance, as {@link normalizeGitLabUrl} returns it. */
  url: string;
  token: string;
  /**
   * Upper bound for one HTTP attempt, from the moment it is sent: waiting for
   * a pacing slot does not count, and each retry has its own. Default 4 s.
   */
  queryTimeoutMs?: number;
  /** The process's GitLab pacers; every client of one token must share them. Default: its own. */
  pacers?: GitLabPacers;
  /** Retry and back-off settings of the pacing layer (tests shorten them). */
  retry?: Omit<PacedRequesterOptions, "pacers" | "lane" | "timeoutMs" | "log">;
  /** Where rate-limit pauses and retries are logged. */
  log?: Log;
}

/** Per-attempt bound: a stuck call fails fast instead of holding a pacing slot. */
export const DEFAULT_QUERY_TIMEOUT_MS = 4_000;

/**
 * gitbeaker resources for one instance, authenticated with the token as
 * PRIVATE-TOKEN, every call paced and retried by pacing.ts in place of
 * gitbeaker's own retries and rate limiters.
 */
export function createGitLabClient(options: GitLabClientOptions): GitLabClient {
  const requesterFn = createPacedRequesterFn({
    ...options.retry,
    pacers: options.pacers ?? createGitLabPacers(),
    lane: gitLabLane(options.url, options.token),
    timeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    log: options.log,
  });
  // queryTimeout 0: gitbeaker would start its clock before the pacing wait; the requester bounds each attempt instead.
  const settings = { host: options.url, token: options.token, queryTimeout: 0, requesterFn, rateLimits: {} };
  return {
    commits: new Commits(settings),
    issues: new Issues(settings),
    issueNotes: new IssueNotes(settings),
    labels: new ProjectLabels(settings),
    members: new ProjectMembers(settings),
    files: new RepositoryFiles(settings),
    projects: new Projects(settings),
    users: new Users(settings),
  };
}

/** The HTTP status of a failed gitbeaker call, or undefined for timeouts and network errors. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { cause?: { response?: { status?: unknown } } } | undefined)?.cause?.response?.status;
  return typeof status === "number" ? status : undefined;
}
