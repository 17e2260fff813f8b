import { Commits, IssueNotes, Issues, ProjectLabels, ProjectMembers, Projects, RepositoryFiles, Users } from "@gitbeaker/rest";

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
   * Upper bound for one API call, its pages and gitbeaker's own retries
   * together (gitbeaker retries 429 and 502 up to ten times, milliseconds
   * apart, under one abort signal). Default 4 s.
   */
  queryTimeoutMs?: number;
}

/** Per-call bound: a stuck call fails fast, so a webhook is answered well inside GitLab's 10 s. */
export const DEFAULT_QUERY_TIMEOUT_MS = 4_000;

/** gitbeaker resources for one instance, authenticated with the token as PRIVATE-TOKEN. */
export function createGitLabClient(options: GitLabClientOptions): GitLabClient {
  const settings = { host: options.url, token: options.token, queryTimeout: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS };
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
