import type { Config } from "../config/schema.js";

/**
 * Who may run commands (SPEC section 5): the people in the roster, and whoever
 * the platform already knows as part of the repository. Decided from the event
 * alone, so that a command costs no API call to authorize.
 */

/** GitHub's `author_association` values of people who belong to the repository. */
const TEAM_ASSOCIATIONS = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

/** Whether someone may run commands, and why, for the log. */
export type Authorization =
  | { allowed: true; reason: "roster" | "repository" }
  | { allowed: false; reason: string };

/** Who wrote a comment with commands, as the event describes them. */
export interface CommandAuthor {
  login: string;
  /** The platform says this person belongs to the repository (GitHub: OWNER, MEMBER, COLLABORATOR). */
  isRepositoryMember: boolean;
}

/** Every login the configuration names as part of the team. */
export function listRosterLogins(config: Config): string[] {
  const { team, project_work: projectWork } = config;
  return [
    ...team.contacts,
    ...Object.values(team.functions).flat(),
    ...Object.values(team.bookable).flat(),
    ...team.leads,
    ...projectWork.handoff,
  ];
}

/** True for GitHub `author_association` values that make a commenter part of the repository. */
export function isTeamAssociation(association: string | null | undefined): boolean {
  return association !== null && association !== undefined && TEAM_ASSOCIATIONS.has(association.toUpperCase());
}

/** Whether `author` may run commands on this repository's tickets, with the reason for the log. */
export function authorizeCommand(config: Config, author: CommandAuthor): Authorization {
  const login = author.login.toLowerCase();
  if (listRosterLogins(config).some((member) => member.toLowerCase() === login)) return { allowed: true, reason: "roster" };
  if (author.isRepositoryMember) return { allowed: true, reason: "repository" };
  return { allowed: false, reason: `${author.login} is neither in the roster nor a member of the repository` };
}
