import type { Log } from "../../desk/port.js";
import { withPriority } from "../../runtime/priority.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { statusOf, type GitLabClient } from "./client.js";
import { isWithinScope } from "./settings.js";

/**
 * Which project a delivery is about, as GitLab's API says. A payload names
 * its project twice, by id (where frontdesk writes) and by path (where it
 * reads the configuration); a forged or mismatched pair would apply one
 * project's configuration to another. So the id is looked up, once per cache
 * period, and the API's path and default branch are used from then on.
 */

declare const fromApi: unique symbol;

/** A project as `GET /projects/:id` describes it; only {@link resolveProject} and {@link toResolvedProject} make one. */
export interface ResolvedProject {
  readonly id: number;
  readonly path_with_namespace: string;
  /** null in a project without commits. */
  readonly default_branch: string | null;
  readonly [fromApi]: true;
}

/** A project as a payload or a listing names it. */
export interface ClaimedProject {
  id: number;
  path_with_namespace: string;
}

/** The project is outside the namespace of the secret that admitted its delivery. */
export class ProjectOutOfScopeError extends Error {
  override readonly name = "ProjectOutOfScopeError";
  constructor(
    readonly projectId: number,
    readonly path: string,
    readonly scope: string,
  ) {
    super(`project ${projectId} (${path}) is not under ${scope}`);
  }
}

/** The token cannot see the project (404): deleted, or an id nobody gave it. */
export class ProjectNotFoundError extends Error {
  override readonly name = "ProjectNotFoundError";
  constructor(
    readonly projectId: number,
    options?: ErrorOptions,
  ) {
    super(`project ${projectId} was not found`, options);
  }
}

/** What resolution needs: the client, the cache, and the scope of the delivery's secret. */
export interface ResolveDeps {
  client: GitLabClient;
  cache: RepoCache;
  /** The namespace the admitting secret is limited to; undefined for a secret valid everywhere. */
  scope?: string;
}

// `#42` cannot be a project path, so the entry never meets a path's.
const cacheKey = (id: number) => `#${id}`;
const FIELD = "project";

/**
 * The project of `claimed.id`, from the cache or one `GET /projects/:id`.
 * A payload path that differs from the API's is logged (without the payload's
 * text) and not used. Throws {@link ProjectOutOfScopeError} when the real path
 * is outside `deps.scope`, and {@link ProjectNotFoundError} on a 404.
 */
export async function resolveProject(deps: ResolveDeps, claimed: ClaimedProject, log: Log): Promise<ResolvedProject> {
  // Shared by every delivery waiting for it, an emergency's among them.
  const project = await deps.cache.get(cacheKey(claimed.id), FIELD, () => withPriority("urgent", () => fetchProject(deps.client, claimed.id)));
  if (project.path_with_namespace.toLowerCase() !== claimed.path_with_namespace.toLowerCase()) {
    log.warn({ projectId: project.id, repo: project.path_with_namespace }, "the delivery names another path for this project id: the API's is used");
  }
  if (!isWithinScope(project.path_with_namespace, deps.scope)) {
    throw new ProjectOutOfScopeError(project.id, project.path_with_namespace, deps.scope ?? "");
  }
  return project;
}

/** Forget the resolution of a project (a push came: it may have been renamed or changed its default branch). */
export function forgetProject(cache: RepoCache, id: number): void {
  cache.clear(cacheKey(id));
}

/** A project the API returned (`GET /projects/:id_or_path`), as frontdesk keeps it. */
export function toResolvedProject(project: { id: number; path_with_namespace: string; default_branch?: string | null }): ResolvedProject {
  return { id: project.id, path_with_namespace: project.path_with_namespace, default_branch: project.default_branch ?? null } as ResolvedProject;
}

async function fetchProject(client: GitLabClient, id: number): Promise<ResolvedProject> {
  try {
    return toResolvedProject(await client.projects.show(id));
  } catch (error) {
    if (statusOf(error) === 404) throw new ProjectNotFoundError(id, { cause: error });
    throw error;
  }
}
