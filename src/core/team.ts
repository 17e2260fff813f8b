import { listRoster } from "../config/roster.js";
import type { Config } from "../config/schema.js";

/**
 * Who is who (the README has a section of that name): the team is every login in the merged
 * configuration's `team` (contacts, functions, bookable, leads), the
 * project-work handoff and `team.agency`; everyone else is the client side,
 * even a collaborator or owner of the repository. Clients are usually
 * collaborators on their own repository (the agency invites them), so what
 * the platform says of a person's place in the repository is neither read
 * nor asked for: the configuration alone decides, never as a hint either.
 */

/** Whether someone may run commands, and why, for the log. */
export type Authorization =
  | { allowed: true; reason: "roster" | "agency" }
  | { allowed: false; reason: string };

/**
 * Logins of the agency teams named in `team.agency` as `@org/team-slug`,
 * resolved by the platform adapter (GitHub lists the team's members once and
 * caches them). Lower-cased. Empty where a platform has no teams.
 */
export type AgencyTeamMembers = ReadonlySet<string>;

const NO_TEAM_MEMBERS: AgencyTeamMembers = new Set();

/** Every login the configuration names as part of the team: the roster and `team.agency`'s plain logins. */
export function listRosterLogins(config: Config): string[] {
  return [...listRoster(config), ...listAgencyLogins(config)];
}

/** The plain logins of `team.agency`. */
export function listAgencyLogins(config: Config): string[] {
  return config.team.agency.filter((entry) => !entry.startsWith("@"));
}

/** The `@org/team-slug` entries of `team.agency`, as `{ org, slug }`. */
export function listAgencyTeams(config: Config): { org: string; slug: string }[] {
  return config.team.agency.flatMap((entry) => {
    const match = /^@([^/]+)\/(.+)$/u.exec(entry);
    return match ? [{ org: match[1] ?? "", slug: match[2] ?? "" }] : [];
  });
}

/** True when `logins` holds `login`, whatever the case: logins are case-insensitive on both platforms. */
export function includesLogin(logins: readonly string[], login: string): boolean {
  const wanted = login.toLowerCase();
  return logins.some((candidate) => candidate.toLowerCase() === wanted);
}

/** The first of `assignees` who is one of the configuration's contacts. */
export function findContact(config: Config, assignees: readonly string[]): string | undefined {
  return assignees.find((login) => includesLogin(config.team.contacts, login));
}

/** True when `login` is on the team: the roster, `team.agency`, or a member of an agency team. */
export function isTeamMember(config: Config, login: string, teamMembers: AgencyTeamMembers = NO_TEAM_MEMBERS): boolean {
  return includesLogin(listRosterLogins(config), login) || teamMembers.has(login.toLowerCase());
}

/**
 * Whether `login` may run commands on this repository's tickets, with the
 * reason for the log. The client side may only talk (README: Commands): their
 * commands get the polite refusal.
 */
export function authorizeCommand(config: Config, login: string, teamMembers: AgencyTeamMembers = NO_TEAM_MEMBERS): Authorization {
  // The roster the configuration's per-person keys are checked against: contacts, functions, bookable, leads, handoff.
  if (includesLogin(listRoster(config), login)) return { allowed: true, reason: "roster" };
  if (isTeamMember(config, login, teamMembers)) return { allowed: true, reason: "agency" };
  return { allowed: false, reason: `${login} is not on the team (the roster or team.agency): the client side` };
}
