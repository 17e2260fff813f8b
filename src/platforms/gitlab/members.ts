import type { Config } from "../../config/schema.js";
import { authorizeCommand, listRosterLogins, type Authorization } from "../../core/team.js";
import type { RepoCache } from "../shared/repo-cache.js";
import type { GitLabClient } from "./client.js";
import type { ProjectRef } from "./tracker.js";

/** GitLab's Developer role; Maintainer (40) and Owner (50) are above it. */
export const DEVELOPER_ACCESS = 30;

/**
 * The project's active members with at least Developer access, inherited
 * group membership included (`GET /projects/:id/members/all`), lower-cased
 * and cached per project like its labels.
 */
export function listDeveloperMembers(client: GitLabClient, cache: RepoCache, project: ProjectRef): Promise<Set<string>> {
  return cache.get(project.path, "members", async () => {
    const members = await client.members.all(project.id, { includeInherited: true, perPage: 100 });
    return new Set(
      members
        .filter((member) => member.access_level >= DEVELOPER_ACCESS && (member.state === undefined || member.state === "active"))
        .map((member) => member.username.toLowerCase()),
    );
  });
}

/**
 * Whether a login may run commands on GitLab (SPEC section 5): the roster, or
 * a project member with at least Developer access. The roster answers
 * without an API call; the member list is read once per project.
 */
export async function authorizeGitLabCommand(
  client: GitLabClient,
  cache: RepoCache,
  project: ProjectRef,
  config: Config,
  login: string,
): Promise<Authorization> {
  const inRoster = listRosterLogins(config).some((member) => member.toLowerCase() === login.toLowerCase());
  const isRepositoryMember = !inRoster && (await listDeveloperMembers(client, cache, project)).has(login.toLowerCase());
  return authorizeCommand(config, { login, isRepositoryMember });
}
