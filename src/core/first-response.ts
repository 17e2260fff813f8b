import type { Config } from "../config/schema.js";
import { listRosterLogins } from "./team.js";
import type { Comment, Ticket } from "./types.js";

/**
 * The first response to a ticket (SPEC section 2, step 8): the first comment
 * by a team member other than the app. It is derived from the issue's own
 * comments every time, so there is no state to lose or to fall out of step.
 */

/** A comment with what the platform says about its author's place in the repository. */
export interface SweepComment extends Comment {
  /** GitHub: `author_association` OWNER, MEMBER or COLLABORATOR; GitLab: a project member with Developer access or more. */
  byRepositoryMember: boolean;
}

/**
 * Whether a comment counts as the team's response: written by a person (not
 * the app or another bot) who is in the roster or a member of the repository,
 * and who is not the ticket's author (a person does not answer themselves;
 * clients are often collaborators on their own repository).
 */
export function isTeamResponse(config: Config, ticket: Pick<Ticket, "author">, comment: SweepComment): boolean {
  if (comment.author.isBot || comment.author.login.toLowerCase().endsWith("[bot]")) return false;
  const login = comment.author.login.toLowerCase();
  if (login === ticket.author.login.toLowerCase()) return false;
  return comment.byRepositoryMember || listRosterLogins(config).some((member) => member.toLowerCase() === login);
}

/** The earliest comment that is the team's response, or undefined when the team has not answered yet. */
export function findFirstResponse(
  config: Config,
  ticket: Pick<Ticket, "author">,
  comments: readonly SweepComment[],
): SweepComment | undefined {
  let first: SweepComment | undefined;
  for (const comment of comments) {
    if (!isTeamResponse(config, ticket, comment)) continue;
    if (!first || comment.createdAt.getTime() < first.createdAt.getTime()) first = comment;
  }
  return first;
}
