import type { Config } from "../../config/schema.js";
import { listAgencyTeams, type AgencyTeamMembers } from "../../core/team.js";
import type { Log } from "../../desk/port.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import type { GitHubOctokit } from "./octokit.js";

/** The cache entry that holds agency teams' members (teams are the organisation's, not a repository's). */
const TEAMS = "#github-agency-teams";

const NONE: AgencyTeamMembers = new Set();

/**
 * The members of the organisation teams named in `team.agency`
 * (`@org/team-slug`), lower-cased: one listing per team, kept as long as the
 * configuration cache keeps entries. A configuration without teams costs no
 * call. A team frontdesk cannot read (no such team, or the app lacks the
 * Members permission) counts as empty and is logged: its members are then
 * the client side until it can be read.
 */
export async function listAgencyTeamMembers(octokit: GitHubOctokit, cache: RepoCache, config: Config, log: Log): Promise<AgencyTeamMembers> {
  const teams = listAgencyTeams(config);
  if (teams.length === 0) return NONE;
  const lists = await Promise.all(
    teams.map(({ org, slug }) =>
      cache.get(TEAMS, `${org}/${slug}`.toLowerCase(), async () => {
        try {
          const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 });
          return members.map((member) => member.login.toLowerCase());
        } catch (error) {
          const status = (error as { status?: unknown }).status;
          if (status !== 404 && status !== 403) throw error;
          log.warn({ team: `@${org}/${slug}`, status }, "team.agency: the team cannot be read (does it exist, and may the app read members?); its members count as the client side");
          return [];
        }
      }),
    ),
  );
  return new Set(lists.flat());
}
