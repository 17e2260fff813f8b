import type { GitLabAppDeps } from "./context.js";
import { toResolvedProject, type ResolvedProject } from "./resolve-project.js";

/**
 * Every project the token's user is a member of and that is not archived,
 * read in pages of 100 (paced like every other call) and kept for the cache
 * period, so that a sweep every five minutes lists them once an hour. Which
 * of them frontdesk serves is decided by their `.gitlab/frontdesk.yml`: the
 * configuration read, cached the same way, finds none in the others.
 */
export async function discoverProjects(deps: Pick<GitLabAppDeps, "client" | "cache">): Promise<ResolvedProject[]> {
  return deps.cache.get("(gitlab)", "member-projects", async () => {
    const projects = (await deps.client.projects.all({ membership: true, archived: false, perPage: 100, simple: true })) as {
      id: number;
      path_with_namespace: string;
      default_branch?: string | null;
    }[];
    return projects.map(toResolvedProject);
  });
}

/** A listing that failed: one path of GITLAB_PROJECTS, or the member projects as a whole. */
export interface FailedProject {
  failed: string;
  error: unknown;
}

/**
 * The projects frontdesk may serve: the paths of GITLAB_PROJECTS when it is
 * set (each resolved once per cache period), else every project the token's
 * user is a member of. Each project once; what cannot be read is yielded as
 * a failure and the others go on.
 */
export async function* listServedProjects(deps: Pick<GitLabAppDeps, "client" | "cache">, paths: readonly string[]): AsyncIterable<ResolvedProject | FailedProject> {
  if (paths.length === 0) {
    let discovered: ResolvedProject[] = [];
    try {
      discovered = await discoverProjects(deps);
    } catch (error) {
      yield { failed: "projects of the token's user", error };
    }
    yield* discovered;
    return;
  }
  const listed = new Set<string>();
  for (const path of paths) {
    if (listed.has(path.toLowerCase())) continue;
    listed.add(path.toLowerCase());
    try {
      yield await deps.cache.get(path, "project-by-path", async () => toResolvedProject(await deps.client.projects.show(path)));
    } catch (error) {
      yield { failed: path, error };
    }
  }
}
