import type { Config } from "../config/schema.js";
import { isTeamMember, type AgencyTeamMembers } from "./team.js";
import type { Comment, Ticket } from "./types.js";

/**
 * The first response to a ticket (README: Response times and the sweep):
 * the first comment by the team, never by the client side and never by a
 * bot. It is derived from the issue's own comments every time, so there is
 * no state to lose or to fall out of step.
 */

/** A comment as the sweep reads it. */
export type SweepComment = Comment;

/**
 * Whether a comment counts as the team's response: written by a person (not
 * the app or another bot) on the team (the roster or `team.agency`), who is
 * not the ticket's author (a person does not answer themselves). A client
 * colleague's "any news?" is the client side talking, whatever the platform
 * says about their place in the repository.
 */
export function isTeamResponse(
  config: Config,
  ticket: Pick<Ticket, "author">,
  comment: Comment,
  teamMembers?: AgencyTeamMembers,
): boolean {
  if (comment.author.isBot || comment.author.isSelf || comment.author.login.toLowerCase().endsWith("[bot]")) return false;
  if (comment.author.login.toLowerCase() === ticket.author.login.toLowerCase()) return false;
  return isTeamMember(config, comment.author.login, teamMembers);
}

/** The earliest comment that is the team's response, or undefined when the team has not answered yet. */
export function findFirstResponse(
  config: Config,
  ticket: Pick<Ticket, "author">,
  comments: readonly Comment[],
  teamMembers?: AgencyTeamMembers,
): Comment | undefined {
  let first: Comment | undefined;
  for (const comment of comments) {
    if (!isTeamResponse(config, ticket, comment, teamMembers)) continue;
    if (!first || comment.createdAt.getTime() < first.createdAt.getTime()) first = comment;
  }
  return first;
}
