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
