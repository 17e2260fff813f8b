import type { Config } from "../../config/schema.js";
import { whyNotATicket } from "../../core/not-a-ticket.js";
import { countOpenTickets } from "../../core/open-tickets.js";
import { planProjectStep, type ProjectResult, type Trigger } from "../../core/plan-project.js";
import type { AgencyTeamMembers } from "../../core/team.js";
import type { Comment, Ticket } from "../../core/types.js";
import type { Log, TicketEditor } from "../port.js";
import { reconcileIntake } from "./intake.js";
import type { RepoConfig } from "./repo-config.js";

export interface ProjectStepInput {
  tracker: TicketEditor;
  config: Config;
  /** The issue as the event described it. */
  ticket: Ticket;
  trigger: Trigger;
  now: Date;
  log: Log;
  /** Members of the agency teams in `team.agency` (GitHub), to tell the team from the client side. */
  teamMembers?: AgencyTeamMembers;
}

/**
 * Reads the issue as it is now and frontdesk's record and plans the project
 * step (project work, back to support, urgency, booking) the same way on
 * both platforms; each applies the plan with what it has (boards on GitHub,
 * moving the issue on GitLab). A ticket that was never triaged (its opening
 * event was lost) is triaged first when a team member speaks to it, and the
 * open tickets are read only when the plan must pick people.
 */
export async function resolveProjectStep(
  input: ProjectStepInput,
): Promise<{ ticket: Ticket; comments: Comment[]; result: ProjectResult }> {
  const { tracker, config, trigger, now, log, teamMembers } = input;
  const number = input.ticket.number;
  const refused = trigger.kind === "comment" && !trigger.authorized;
  // A refusal changes nothing, so the event's view of the issue is enough.
  let [ticket, comments] = await Promise.all([refused ? input.ticket : tracker.getTicket(number), tracker.listComments(number)]);
  // Closed since the event was sent, say: then it is no ticket to act on.
  const notATicket = whyNotATicket(config, ticket);
  if (notATicket) return { ticket, comments, result: { kind: "skip", reason: notATicket } };
  const plan = (openTickets?: Record<string, number>) => planProjectStep({ config, ticket, comments, trigger, openTickets, teamMembers, now });
  let result: ProjectResult = plan();
  if (result.kind === "untriaged" && trigger.kind === "comment" && !refused) {
    const repoConfig: RepoConfig = { kind: "valid", config, warnings: [] };
    await reconcileIntake({ tracker, config: repoConfig, ticket, commentCount: comments.length, reopened: false, now, log, teamMembers });
    [ticket, comments] = await Promise.all([tracker.getTicket(number), tracker.listComments(number)]);
    result = plan();
  }
  if (result.kind === "need-open-tickets") {
    const open = await tracker.listOpenIssues();
    ticket = open.find((issue) => issue.ticket.number === number)?.ticket ?? ticket;
    result = plan(countOpenTickets(open.map((issue) => issue.ticket), number));
  }
  return { ticket, comments, result };
}
