import type { Config } from "../../config/schema.js";
import type { RepoCache } from "../shared/repo-cache.js";
import type { GitLabClient } from "./client.js";
import type { ProjectRef } from "./tracker.js";

/** GitLab's Developer role; Maintainer (40) and Owner (50) are above it. */
export const DEVELOPER_ACCESS = 30;

/** Everyone named in the roster, lower-cased: contacts, functions, bookable people, leads, handoff. */
export function listRosterLogins(config: Config): Set<string> {
  const logins = [
    ...config.team.contacts,
    ...Object.values(config.team.functions).flat(),
    ...Object.values(config.team.bookable).flat(),
    ...config.team.leads,
    ...config.project_work.handoff,
  ];
  return new Set(logins.map((login) => login.toLowerCase()));
}

/**
 * The project's members with at least Developer access, inherited group
 * membership included (`GET /projects/:id/members/all`), lower-cased and
 * cached per project like its labels.
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
 * Whether a login is a team member on GitLab (SPEC section 5): in the roster,
 * or a project member with at least Developer access. The roster answers
 * without an API call.
 */
export async function isTeamMember(
  client: GitLabClient,
  cache: RepoCache,
  project: ProjectRef,
  config: Config,
  login: string,
): Promise<boolean> {
  const key = login.toLowerCase();
  if (listRosterLogins(config).has(key)) return true;
  return (await listDeveloperMembers(client, cache, project)).has(key);
}
